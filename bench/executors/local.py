"""Run pages in a pebble process pool on this machine: each page under a timeout, a hung or
crashed worker replaced, a worker that ran out of memory recycled.

With fewer workers than CPUs, this process has a core of its own: it reads each page and
scores each output itself, so the workers only decode and extract. With a worker per CPU
(the default on a 2-core machine), the workers read and score too, so this process never
becomes the bottleneck of many fast workers."""

from __future__ import annotations

import functools
import logging
import multiprocessing
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool

from bench import worker
from bench.environment import usable_cpus
from bench.executors.base import ResultSink, Settings, exit_reason
from bench.records import PageResult, Task
from bench.scoring import with_scores
from corpora.page import CorpusError

logger = logging.getLogger(__name__)

# How often one job may be handed on because its worker was recycled before starting it;
# beyond that an exit with worker.EXIT_RECYCLE is the extractor's own doing: a crash.
_MAX_RECYCLES = 2


@dataclass(frozen=True, slots=True)
class Job:
    """One page run for the pool: which page and extractor it is, what the worker calls, and
    what this process does to the worker's result before it is recorded (``finish``)."""

    page_id: str
    extractor: str
    function: Callable[..., tuple[PageResult, str]]
    args: tuple[Any, ...]
    finish: Callable[[PageResult, str], PageResult] | None = None


class PagePool:
    """A pebble pool whose every job ends as a page result: a timeout, a dead worker or an
    error while sending the result back are failures of that page, and the pool goes on."""

    def __init__(self, jobs: int, timeout: float, initargs: tuple[Any, ...]) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.initargs = initargs
        self._log_dir: str | None = None  # the workers' stderr capture files, during run()

    def _outcome(
        self, future: Future[Any], job: Job, started: float, recycled: int
    ) -> tuple[PageResult, str] | None:
        """The page result, or ``None`` when the job must run again on a fresh worker."""
        elapsed = time.monotonic() - started
        try:
            result, text = future.result()
            if job.finish is not None:
                result = job.finish(result, text)
            return result, text
        except FutureTimeout:
            reason = f"timeout: no result after {self.timeout:g} s"
            return worker.failure(job.page_id, job.extractor, reason, self.timeout), ""
        except ProcessExpired as exc:
            if exc.exitcode == worker.EXIT_RECYCLE and recycled < _MAX_RECYCLES:
                logger.debug("worker %s recycled after MemoryError", exc.pid)
                return None
            reason = exit_reason(exc.exitcode)
            log = worker.dead_worker_log(self._log_dir, exc.pid) if self._log_dir else None
            return worker.failure(job.page_id, job.extractor, reason, elapsed, log), ""
        except MemoryError:
            reason = worker.memory_reason()
            return worker.failure(job.page_id, job.extractor, reason, elapsed), ""
        except Exception as exc:  # e.g. an output that cannot be pickled back
            reason = worker.describe_error(exc)
            return worker.failure(job.page_id, job.extractor, reason, elapsed), ""

    def run(self, jobs: Iterable[Job], sink: ResultSink) -> None:
        """Run every job, handing results to ``sink`` in completion order."""
        window = self.jobs * 4
        source = iter(jobs)
        retry: deque[tuple[Job, int]] = deque()
        pending: dict[Future[Any], tuple[Job, float, int]] = {}
        # fork: workers inherit the imported libraries and the loaded extractors for free.
        context = (
            multiprocessing.get_context("fork")
            if "fork" in multiprocessing.get_all_start_methods()
            else None
        )
        # each worker captures stderr in a file of its own here, so what a worker that died
        # mid-page wrote can be read back (worker.dead_worker_log)
        with (
            tempfile.TemporaryDirectory(
                prefix="boilerbench-stderr-", ignore_cleanup_errors=True
            ) as log_dir,
            ProcessPool(
                max_workers=self.jobs,
                initializer=functools.partial(worker.init_worker, log_dir=log_dir),
                initargs=self.initargs,
                context=context,
            ) as pool,
        ):
            self._log_dir = log_dir
            try:
                exhausted = False
                while True:
                    while len(pending) < window:
                        if retry:
                            job, recycled = retry.popleft()
                        elif not exhausted and (job := next(source, None)) is not None:
                            recycled = 0
                        else:
                            exhausted = True
                            break
                        future = pool.schedule(job.function, args=job.args, timeout=self.timeout)
                        pending[future] = (job, time.monotonic(), recycled)
                    if not pending:
                        break
                    finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                    for future in finished:
                        job, started, recycled = pending.pop(future)
                        outcome = self._outcome(future, job, started, recycled)
                        if outcome is None:
                            retry.append((job, recycled + 1))
                        else:
                            sink(*outcome)
            except BaseException:
                pool.stop()
                raise


class LocalExecutor:
    """``--jobs`` forked worker processes on this machine."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def run(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        s = self.settings
        if s.jobs < usable_cpus():
            jobs = self._served_jobs(tasks, sink)
        else:
            pages = s.corpus.pages
            jobs = (
                Job(pages[task.page_index].id, task.extractor, worker.run_task, (task,))
                for task in tasks
            )
        initargs = (s.corpus, s.metrics, s.extractors, True, s.max_memory_mb)
        PagePool(s.jobs, s.timeout, initargs).run(jobs, sink)

    def _served_jobs(self, tasks: Iterable[Task], sink: ResultSink) -> Iterator[Job]:
        """Jobs whose page this process reads and whose output it scores; an unreadable page
        goes straight to ``sink`` as an ``input`` failure."""
        corpus, metrics = self.settings.corpus, self.settings.metrics
        for task in tasks:
            page = corpus.pages[task.page_index]
            try:
                data = worker.load_page(page)
            except CorpusError as exc:
                sink(worker.failure(page.id, task.extractor, f"input: {exc}"), "")
                continue
            finish = functools.partial(with_scores, page, metrics)
            yield Job(page.id, task.extractor, worker.run_unscored, (task, data), finish)

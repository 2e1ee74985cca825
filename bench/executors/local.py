"""Run pages in a pebble process pool on this machine: each page under a timeout, a hung or
crashed worker replaced, a worker that ran out of memory recycled."""

from __future__ import annotations

import logging
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from typing import Any

from pebble import ProcessExpired, ProcessPool

from bench import worker
from bench.executors.base import ResultSink, Settings, exit_reason
from bench.records import PageResult, Task

logger = logging.getLogger(__name__)

# How often one job may be handed on because its worker was recycled before starting it;
# beyond that an exit with worker.EXIT_RECYCLE is the extractor's own doing: a crash.
_MAX_RECYCLES = 2


@dataclass(frozen=True, slots=True)
class Job:
    """One page run for the pool: which page and extractor it is, and what the worker calls."""

    page_id: str
    extractor: str
    function: Callable[..., tuple[PageResult, str]]
    args: tuple[Any, ...]


class PagePool:
    """A pebble pool whose every job ends as a page result: a timeout, a dead worker or an
    error while sending the result back are failures of that page, and the pool goes on."""

    def __init__(self, jobs: int, timeout: float, initargs: tuple[Any, ...]) -> None:
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.initargs = initargs

    def _outcome(
        self, future: Future[Any], job: Job, started: float, recycled: int
    ) -> tuple[PageResult, str] | None:
        """The page result, or ``None`` when the job must run again on a fresh worker."""
        elapsed = time.monotonic() - started
        try:
            return future.result()
        except FutureTimeout:
            reason = f"timeout: no result after {self.timeout:g} s"
            return worker.failure(job.page_id, job.extractor, reason, self.timeout), ""
        except ProcessExpired as exc:
            if exc.exitcode == worker.EXIT_RECYCLE and recycled < _MAX_RECYCLES:
                logger.debug("worker %s recycled after MemoryError", exc.pid)
                return None
            reason = exit_reason(exc.exitcode)
            return worker.failure(job.page_id, job.extractor, reason, elapsed), ""
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
        with ProcessPool(
            max_workers=self.jobs,
            initializer=worker.init_worker,
            initargs=self.initargs,
            context=context,
        ) as pool:
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
        pages = s.corpus.pages
        jobs = (
            Job(pages[task.page_index].id, task.extractor, worker.run_task, (task,))
            for task in tasks
        )
        initargs = (s.corpus, s.metrics, s.extractors, True, s.max_memory_mb)
        PagePool(s.jobs, s.timeout, initargs).run(jobs, sink)

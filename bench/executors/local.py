"""Run pages in forked worker processes on this machine (:class:`bench.executors.pool.
PagePool`): pages in chunks, each page under a timeout, a hung or crashed worker replaced, a
worker that ran out of memory recycled.

With fewer workers than CPUs, this process has a core of its own: it reads each page and
scores each output itself, so the workers only decode and extract. With a worker per CPU
(the default on a 2-core machine), the workers read and score too, and this process only
hands out chunks and appends results, so it never takes CPU the workers need."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence

from bench import worker
from bench.environment import usable_cpus
from bench.executors.base import ResultSink, Settings
from bench.executors.pool import Job, PagePool
from bench.page_memo import LastPage
from bench.records import Task
from bench.scoring import with_scores
from corpora.decoding import DecodedHtml
from corpora.page import CorpusError, Page

logger = logging.getLogger(__name__)

# Pages up to this size are decoded by this process in served mode (decoding a larger one,
# or guessing its charset, is left to the worker, where it counts against the page timeout).
PREDECODE_BYTES = 2 << 20

__all__ = ["Job", "LocalExecutor", "PagePool"]


class LocalExecutor:
    """``--jobs`` forked worker processes on this machine. :meth:`start` forks them (they
    warm up while the run prepares); :meth:`run` runs the tasks; :meth:`close` stops them."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.last_page = LastPage()  # served mode: the page read and decoded last
        s = settings
        initargs = (s.corpus, s.metrics, s.extractors, True, s.max_memory_mb)
        self.pool = PagePool(
            s.jobs, s.timeout, initargs, warm=tuple(s.extractors), chunk_size=s.chunk_size
        )

    def start(self) -> None:
        self.pool.start()

    def close(self) -> None:
        self.pool.close()

    def run(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        s = self.settings
        if s.jobs < usable_cpus():
            jobs: Iterable[Job] = self._served_jobs(tasks, sink)
        else:
            pages = s.corpus.pages
            jobs = (
                Job(pages[task.page_index].id, task.extractor, worker.run_task, (task,))
                for task in tasks
            )
        self.pool.run(jobs, sink, total=len(tasks))

    def _served_jobs(self, tasks: Iterable[Task], sink: ResultSink) -> Iterator[Job]:
        """Jobs whose page this process reads (and decodes, below :data:`PREDECODE_BYTES`)
        and whose output it scores; an unreadable page goes straight to ``sink`` as an
        ``input`` failure. A page's consecutive tasks share one read and one decoding (the
        same objects then travel once per chunk)."""
        corpus, metrics = self.settings.corpus, self.settings.metrics
        memo = self.last_page
        for task in tasks:
            page = corpus.pages[task.page_index]
            try:
                data = memo.read(page)
            except CorpusError as exc:
                sink(worker.failure(page.id, task.extractor, f"input: {exc}"), "")
                continue
            finish = functools.partial(with_scores, page, metrics)
            decoded = _decoded(memo, page, data) if len(data) <= PREDECODE_BYTES else None
            if decoded is None:  # a large page is decoded in the worker, under its timeout
                yield Job(page.id, task.extractor, worker.run_unscored, (task, data), finish)
            else:
                yield Job(page.id, task.extractor, worker.run_decoded, (task, decoded), finish)


def _decoded(memo: LastPage, page: Page, data: bytes) -> DecodedHtml | None:
    try:
        return memo.decode(page, data)
    except Exception:  # the worker meets it again, and records it as that page's failure
        return None

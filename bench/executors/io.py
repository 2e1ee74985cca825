"""Pages of I/O-bound extractors (an LLM endpoint: ``io_bound = True``), run from this process
with many requests in flight, beside the CPU executor that runs the other extractors.

A page of such an extractor costs a network round trip and almost no CPU here, so forking a
worker per request would only cap concurrency at ``--jobs`` (and the workers block the
network anyway). Instead, one asyncio loop on a thread of this process keeps ``concurrency``
pages of each I/O-bound extractor in flight, decodes and scores each page itself, and hands
every result to the run's sink (the same store, cache and progress as the CPU pages; the
sink must be thread-safe). Ctrl-C cancels the requests in flight: they are simply not
recorded, and ``--resume`` runs them again.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from functools import partial
from typing import Any, Protocol, runtime_checkable

from bench.executors.base import ResultSink
from bench.records import PageResult, Task, text_sha256
from bench.scoring import with_scores
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.page import CorpusError, Page
from extractors.base import LoadedExtractor

DEFAULT_CONCURRENCY = 16


@runtime_checkable
class AsyncExtractor(Protocol):
    """An extractor whose pages wait on I/O: ``session()`` opens what many pages share (an
    HTTP client), ``aextract`` runs one page in it and returns the output and a usage record
    (or ``None``). An exception with a ``kind`` attribute is recorded as ``kind: message``
    (``api: 429 ...``) with its ``usage``, if it has one."""

    io_bound: bool
    concurrency: int

    def session(self) -> AbstractAsyncContextManager[Any]: ...

    async def aextract(self, session: Any, html: str) -> tuple[str, dict[str, Any] | None]: ...


def is_io_bound(loaded: LoadedExtractor) -> bool:
    return bool(getattr(loaded.extractor, "io_bound", False))


def split(
    tasks: Sequence[Task], extractors: Mapping[str, LoadedExtractor]
) -> tuple[list[Task], list[Task]]:
    """(tasks of I/O-bound extractors, the others), each in the given order."""
    io = {name for name, loaded in extractors.items() if is_io_bound(loaded)}
    return [t for t in tasks if t.extractor in io], [t for t in tasks if t.extractor not in io]


def describe_error(exc: BaseException) -> str:
    """``kind: message`` for an exception that names its kind, else ``exception: Type: ...``."""
    message = str(exc).strip().splitlines()[0][:500] if str(exc).strip() else ""
    kind = getattr(exc, "kind", None)
    if isinstance(kind, str) and kind:
        return f"{kind}: {message or type(exc).__name__}"
    return f"exception: {type(exc).__name__}" + (f": {message}" if message else "")


def _read(page: Page) -> bytes:
    data = page.read_bytes()
    if not data:
        raise CorpusError(f"page {page.id!r}: its HTML ({page.path}) is empty (0 bytes)")
    return data


class IoExecutor:
    """Runs I/O-bound pages on an asyncio loop in the calling thread (:meth:`run`), or on a
    thread of their own beside other work (:func:`beside`)."""

    def __init__(
        self, corpus: Corpus, metrics: tuple[str, ...], extractors: Mapping[str, LoadedExtractor]
    ) -> None:
        self.corpus, self.metrics, self.extractors = corpus, metrics, dict(extractors)
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task[None] | None = None
        self._cancelled = False

    def run(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        """Run every task, handing each result to ``sink`` as it arrives."""
        if tasks:
            asyncio.run(self._run(tasks, sink))

    def cancel(self) -> None:
        """Stop from another thread: requests in flight are dropped, :meth:`run` returns."""
        with self._lock:
            self._cancelled = True
            if self._loop is not None and self._main is not None:
                self._loop.call_soon_threadsafe(self._main.cancel)

    async def _run(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        with self._lock:
            if self._cancelled:
                return
            self._loop, self._main = asyncio.get_running_loop(), asyncio.current_task()
        lanes: dict[str, deque[Task]] = {}
        for task in tasks:
            lanes.setdefault(task.extractor, deque()).append(task)
        try:
            async with asyncio.TaskGroup() as group:
                for name, queue in lanes.items():
                    group.create_task(self._lane(self.extractors[name], queue, sink))
        except asyncio.CancelledError:
            if self._cancelled:
                return
            raise
        except BaseExceptionGroup as group_error:  # the sink failed: raise what it raised
            raise _first(group_error) from None
        finally:
            with self._lock:
                self._loop = self._main = None

    async def _lane(self, loaded: LoadedExtractor, queue: deque[Task], sink: ResultSink) -> None:
        """One extractor's pages, ``concurrency`` at a time, through one session."""
        extractor: Any = loaded.extractor
        width = max(1, int(getattr(extractor, "concurrency", DEFAULT_CONCURRENCY)))
        async with extractor.session() as session:

            async def worker() -> None:
                while queue:
                    task = queue.popleft()
                    sink(*await self._page(loaded, session, task))

            async with asyncio.TaskGroup() as group:
                for _ in range(min(width, len(queue))):
                    group.create_task(worker())

    async def _page(
        self, loaded: LoadedExtractor, session: Any, task: Task
    ) -> tuple[PageResult, str]:
        page = self.corpus.pages[task.page_index]
        fail = partial(_failure, page, task.extractor, loaded.output_kind)
        try:
            data = _read(page)
        except (CorpusError, OSError) as exc:
            error = f"input: {exc}"
            return fail(error, 0.0, None), ""
        decoded = decode_html(data, page.charset)
        extractor: Any = loaded.extractor
        started = time.perf_counter()
        try:
            text, usage = await extractor.aextract(session, decoded.text)
        except Exception as exc:
            seconds = time.perf_counter() - started
            usage = getattr(exc, "usage", None)
            result = fail(describe_error(exc), seconds, usage)
            return with_scores(page, self.metrics, result, ""), ""
        if not isinstance(text, str):
            error = f"exception: extractor returned {type(text).__name__}, not str"
            result = fail(error, 0.0, usage)
            return with_scores(page, self.metrics, result, ""), ""
        result = PageResult(
            page=page.id,
            extractor=task.extractor,
            seconds=time.perf_counter() - started,
            output_chars=len(text),
            output_sha256=text_sha256(text),
            encoding=decoded.encoding,
            encoding_source=decoded.source,
            usage=usage,
            output_kind=loaded.output_kind,
        )
        return with_scores(page, self.metrics, result, text), text


def _failure(
    page: Page,
    extractor: str,
    output_kind: str,
    error: str,
    seconds: float,
    usage: dict[str, Any] | None,
) -> PageResult:
    return PageResult(
        page=page.id,
        extractor=extractor,
        seconds=seconds,
        output_chars=0,
        output_sha256=None,
        error=error,
        usage=usage if isinstance(usage, dict) else None,
        output_kind=output_kind,
    )


def _first(group: BaseExceptionGroup[Any]) -> BaseException:
    """The first exception in a (nested) exception group that is not a cancellation."""
    for exc in group.exceptions:
        if isinstance(exc, BaseExceptionGroup):
            return _first(exc)
        if not isinstance(exc, asyncio.CancelledError):
            return exc
    return group


class _Background:
    """An :class:`IoExecutor` run on a thread; :meth:`wait` joins it and raises what it
    raised."""

    def __init__(self, executor: IoExecutor, tasks: Sequence[Task], sink: ResultSink) -> None:
        self.executor = executor
        self.error: BaseException | None = None
        self.thread = threading.Thread(
            target=self._target, args=(tasks, sink), name="boilerbench-io", daemon=True
        )

    def _target(self, tasks: Sequence[Task], sink: ResultSink) -> None:
        try:
            self.executor.run(tasks, sink)
        except BaseException as exc:
            self.error = exc

    def wait(self) -> None:
        if self.thread.ident is not None:  # started (it is not when there is nothing to run)
            self.thread.join()  # Ctrl-C interrupts the join, and beside() cancels the thread
        if self.error is not None:
            raise self.error


@contextlib.contextmanager
def beside(executor: IoExecutor, tasks: Sequence[Task], sink: ResultSink) -> Iterator[_Background]:
    """Run ``tasks`` on a thread while the ``with`` body does other work; call ``wait()`` at
    the end of the body. Leaving the body by an exception (Ctrl-C, a failed write) cancels
    the thread and waits for it, so nothing is recorded after the body has left."""
    background = _Background(executor, tasks, sink)
    if tasks:
        background.thread.start()
    try:
        yield background
    except BaseException:
        executor.cancel()
        if background.thread.is_alive():
            background.thread.join()
        raise

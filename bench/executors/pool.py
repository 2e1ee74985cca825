"""A pool of forked worker processes that run pages in chunks, with every guarantee per page.

Workers take pages in chunks sized from the measured time per page (about
:data:`CHUNK_SECONDS` each), so the parent and a worker meet once per chunk instead of once
per page, yet each page keeps its own guarantees:

- **its own timeout**, enforced inside the worker (``SIGALRM`` raises in the page's Python
  code, :func:`bench.worker.page_deadline`); the parent kills a worker whose page is still
  not answered :func:`grace` seconds later (C code that never lets the handler run);
- **a crash loses only that page**: the worker's pages are answered in order, so the page it
  died on is the first one not answered; it is recorded as ``crashed`` (with what the worker
  wrote to stderr, :func:`bench.worker.dead_worker_log`) and the rest of its chunk goes to a
  fresh worker. A worker that ran out of memory or timed out finishes that page and exits;
  its unstarted pages go to a fresh worker too;
- **results stream back per page**: the worker sends each page's result as soon as it is
  done, and the parent hands it to the sink (the run store) at once, so kill -9 of the run
  loses at most the pages in progress.

Workers are forked (they inherit the imported libraries, the loaded extractors and the
corpus) as soon as the pool starts, and the first ones warm every extractor up while the
parent still prepares the run (:func:`bench.worker.prewarm`).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import queue
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

try:
    import fcntl
except ImportError:  # not on Windows; nothing else here works there either
    fcntl = None  # type: ignore[assignment]

from bench import worker
from bench.executors.base import ExecutorError, ResultSink, exit_reason
from bench.records import PageResult

logger = logging.getLogger(__name__)

# A chunk is sized to take about this long (from the measured seconds per page): long enough
# that a round trip per chunk costs nothing, short enough that the last chunks end together.
CHUNK_SECONDS = 0.25
MAX_CHUNK = 1000
# Workers that die before they are ready this many times in a row: the pool gives up.
_MAX_START_FAILURES = 5


def grace(timeout: float) -> float:
    """How long after a page's timeout the parent waits for the worker's own answer before
    it kills the worker (the page is then recorded as a timeout all the same)."""
    return 1.0 + 0.1 * timeout


@dataclass(frozen=True, slots=True)
class Job:
    """One page run for the pool: which page and extractor it is, what the worker calls, and
    what this process does to the worker's result before it is recorded (``finish``)."""

    page_id: str
    extractor: str
    function: Callable[..., tuple[PageResult, str]]
    args: tuple[Any, ...]
    finish: Callable[[PageResult, str], PageResult] | None = None


# --- the worker's side ----------------------------------------------------------------------


def _serve(
    tasks: Connection,
    results: Connection,
    inherited: Sequence[Connection],
    initargs: tuple[Any, ...],
    log_dir: str,
    timeout: float | None,
    warm: Sequence[str],
) -> None:
    """A worker's life: set up, warm up, then run chunks until told to stop, sending each
    page's result as it is done. It exits (:data:`worker.EXIT_RECYCLE`) after a page that
    left it unfit for the next (out of memory, timed out)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for conn in inherited:  # other workers' pipes: holding them would hide their EOF
        conn.close()
    worker.init_worker(*initargs, log_dir=log_dir)
    worker.install_deadlines(timeout)
    warmed = pickle.dumps(("warmed",))
    if not worker.prewarm(warm, after_each=lambda: results.send_bytes(warmed)):
        os._exit(worker.EXIT_RECYCLE)
    results.send_bytes(pickle.dumps(("ready",)))
    while True:
        try:
            chunk = tasks.recv()
        except EOFError:
            return
        if chunk is None:
            return
        for page_id, extractor, function, args in chunk:
            started = time.perf_counter()
            try:
                with worker.page_deadline(timeout):
                    result, text = function(*args)
            except worker.PageTimeout:  # outside the extractor's call (reading the page)
                worker.retire()
                reason = worker.timeout_reason(timeout or 0)
                result, text = worker.failure(page_id, extractor, reason, timeout or 0), ""
            except MemoryError:
                worker.retire()
                result, text = worker.failure(page_id, extractor, worker.memory_reason()), ""
            except Exception as exc:  # not the extractor's (it is caught in run_page)
                result, text = worker.failure(page_id, extractor, worker.describe_error(exc)), ""
            elapsed = time.perf_counter() - started
            retire = worker.must_retire()
            message = ("page", result, text, elapsed, retire)
            try:
                data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an output that cannot be pickled: that page's failure
                reason = worker.describe_error(exc)
                failed = worker.failure(page_id, extractor, reason, result.seconds)
                data = pickle.dumps(("page", failed, "", elapsed, retire))
            results.send_bytes(data)
            if retire:
                os._exit(worker.EXIT_RECYCLE)


# --- the parent's side ----------------------------------------------------------------------


class _Sender:
    """Sends a worker its chunks from a thread of this process: a chunk of pages' bytes can
    be larger than a pipe holds, and the worker reads it only after its current chunk, so
    the main thread, which must keep reading results, never waits on a send."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._queue: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._loop, name="boilerbench-send", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                self._conn.send_bytes(data)
            except OSError:  # the worker is gone; its death is seen by its sentinel
                return

    def send(self, data: bytes) -> None:
        self._queue.put(data)

    def stop(self, wait: float | None = None) -> None:
        self._queue.put(None)
        if wait is not None:
            self._thread.join(wait)


@dataclass(slots=True)
class _Worker:
    """One worker process as the parent sees it: its pipes, the pages sent to it and not yet
    answered (in the order it runs them), and when it last said something."""

    process: Any
    tasks: Connection
    results: Connection
    sender: _Sender
    ready: bool = False
    pending: deque[Job] = field(default_factory=deque)
    since: float = field(default_factory=time.monotonic)  # its last message (or its start)
    retiring: bool = False
    chunks: int = 0

    @property
    def busy(self) -> bool:
        return bool(self.pending)


class PagePool:
    """Forked workers whose every job ends as a page result: a timeout, a dead worker or an
    error while sending the result back are failures of that page, and the pool goes on.

    ``chunk_size`` fixes the pages per chunk (by default they are sized from the measured
    time per page). ``start()`` forks the workers (they set up and warm the extractors named
    ``warm`` up at once); ``run()`` hands them the jobs; ``close()`` stops them. ``run()``
    alone does all three."""

    def __init__(
        self,
        jobs: int,
        timeout: float | None,
        initargs: tuple[Any, ...],
        warm: Sequence[str] = (),
        chunk_size: int | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self.chunk_size = chunk_size  # pages per chunk; None: sized from the time per page
        self.chunk_sizes: Counter[int] = Counter()  # how many chunks of each size were sent
        self.timeout = timeout or None
        self.initargs = initargs
        self.warm = tuple(warm)
        self._context = multiprocessing.get_context("fork")
        self._workers: list[_Worker] = []
        self._log_dir: tempfile.TemporaryDirectory[str] | None = None
        self._retry: deque[Job] = deque()
        self._ahead: deque[Job] = deque()
        self._source: Iterator[Job] = iter(())
        self._exhausted = True
        self._left = 0  # jobs not yet dispatched (a hint, for the last chunks' size)
        self._page_s: float | None = None  # the measured seconds per page (moving average)
        self._start_failures = 0

    # -- life cycle

    def start(self) -> None:
        """Fork the workers; the first ones warm up before they take a chunk."""
        if self._log_dir is not None:
            return
        # each worker captures stderr in a file of its own here, so what a worker that died
        # mid-page wrote can be read back (worker.dead_worker_log)
        self._log_dir = tempfile.TemporaryDirectory(
            prefix="boilerbench-stderr-", ignore_cleanup_errors=True
        )
        for _ in range(self.jobs):
            self._spawn(self.warm)

    def close(self, kill: bool = False) -> None:
        """Stop every worker (at once with ``kill``), and remove their capture files."""
        workers, self._workers = self._workers, []
        for w in workers:
            if kill or w.busy or not w.ready:
                _kill(w)
            else:
                w.sender.send(pickle.dumps(None))
            w.sender.stop()
        deadline = time.monotonic() + 5
        for w in workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.exitcode is None:
                _kill(w)
                w.process.join()
            w.sender.stop(wait=1)
            w.tasks.close()
            w.results.close()
        if self._log_dir is not None:
            self._log_dir.cleanup()
            self._log_dir = None

    def _spawn(self, warm: Sequence[str] = ()) -> _Worker:
        assert self._log_dir is not None
        tasks_in, tasks_out = self._context.Pipe(duplex=False)
        results_in, results_out = self._context.Pipe(duplex=False)
        for conn in (tasks_out, results_out):
            _widen(conn)
        inherited = [c for w in self._workers for c in (w.tasks, w.results)]
        inherited += [tasks_out, results_in]
        process = self._context.Process(
            target=_serve,
            args=(
                tasks_in,
                results_out,
                inherited,
                self.initargs,
                self._log_dir.name,
                self.timeout,
                tuple(warm),
            ),
            daemon=True,
            name="boilerbench-worker",
        )
        try:
            process.start()
        except OSError as exc:
            raise ExecutorError(f"cannot start a worker process: {exc}") from exc
        finally:
            tasks_in.close()
            results_out.close()
        w = _Worker(process, tasks_out, results_in, _Sender(tasks_out))
        self._workers.append(w)
        return w

    # -- running jobs

    def run(self, jobs: Iterable[Job], sink: ResultSink, total: int | None = None) -> None:
        """Run every job, handing results to ``sink`` in completion order (``total``: how
        many jobs there are, if known, so the last chunks shrink to end together). A pool
        that :meth:`start` started stays up for the next ``run`` until :meth:`close`."""
        owned = self._log_dir is None
        self.start()
        self._source = iter(jobs)
        self._exhausted = False
        self._left = total if total is not None else 0
        try:
            while True:
                self._dispatch()
                if not any(w.busy for w in self._workers) and not self._pending():
                    break
                if not self._workers:
                    self._spawn()
                self._step(list(self._workers), sink)
        except BaseException:
            self.close(kill=True)
            raise
        if owned:
            self.close()

    def _pending(self) -> bool:
        if self._retry or self._ahead:
            return True
        self._fill(1)
        return bool(self._ahead)

    def _fill(self, n: int) -> None:
        """Read jobs from the source until ``n`` wait in the look-ahead (in served mode that
        reads pages: done right after a dispatch, while the workers are busy)."""
        while len(self._ahead) < n and not self._exhausted:
            job = next(self._source, None)
            if job is None:
                self._exhausted = True
            else:
                self._ahead.append(job)

    def _chunk_size(self, w: _Worker) -> int:
        if self.chunk_size:
            return self.chunk_size
        if not w.ready or self._page_s is None:
            return 1
        size = max(1, min(MAX_CHUNK, int(CHUNK_SECONDS / max(self._page_s, 1e-6))))
        size = min(size, 2 ** (w.chunks + 1))  # grow from one page, measuring as it goes
        if self.jobs > 1 and self._left:
            size = min(size, max(1, self._left // (2 * self.jobs)))
        return size

    def _dispatch(self) -> None:
        """Send each worker a chunk when it has less than one left to run: the next chunk
        then waits in its pipe while it runs the current one."""
        for w in self._workers:
            if w.retiring or (w.chunks and not w.ready):
                continue
            size = self._chunk_size(w)
            if len(w.pending) >= size or (w.pending and not w.ready):
                continue
            chunk: list[Job] = []
            while len(chunk) < size and self._retry:
                chunk.append(self._retry.popleft())
            self._fill(size - len(chunk))
            while len(chunk) < size and self._ahead:
                chunk.append(self._ahead.popleft())
            if not chunk:
                return
            message = [(j.page_id, j.extractor, j.function, j.args) for j in chunk]
            w.sender.send(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            if w.ready and not w.pending:
                w.since = time.monotonic()
            w.pending.extend(chunk)
            w.chunks += 1
            self.chunk_sizes[len(chunk)] += 1
            self._left = max(0, self._left - len(chunk))
            self._fill(self._chunk_size(w))  # read ahead while the workers run

    def _deadline(self, w: _Worker) -> float | None:
        if self.timeout is None:
            return None
        if not w.ready:  # the warm-up call it is making (each says when it is done)
            return w.since + self.timeout + grace(self.timeout)
        if w.busy:
            return w.since + self.timeout + grace(self.timeout)
        return None

    def _step(self, watched: list[_Worker], sink: ResultSink) -> None:
        deadlines = [d for w in watched if (d := self._deadline(w)) is not None]
        wait_s = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        by_object: dict[Any, _Worker] = {}
        for w in watched:
            by_object[w.results] = w
            by_object[w.process.sentinel] = w
        ready = wait(list(by_object), wait_s)
        seen: set[int] = set()
        for obj in ready:
            w = by_object[obj]
            if id(w) in seen:
                continue
            seen.add(id(w))
            if not self._receive(w, sink):
                self._bury(w, sink)
        now = time.monotonic()
        for w in watched:
            if w in self._workers and (d := self._deadline(w)) is not None and now >= d:
                self._receive(w, sink)  # what it said before the deadline counts
                if w in self._workers and (d := self._deadline(w)) is not None and now >= d:
                    _kill(w)
                    self._bury(w, sink, timed_out=True)

    def _receive(self, w: _Worker, sink: ResultSink) -> bool:
        """Handle every message waiting from ``w``; False when it is gone (EOF)."""
        try:
            while w.results.poll():
                self._handle(w, pickle.loads(w.results.recv_bytes()), sink)
        except (EOFError, OSError):
            return False
        return w.process.exitcode is None or w.results.poll()

    def _handle(self, w: _Worker, message: tuple[Any, ...], sink: ResultSink) -> None:
        w.since = time.monotonic()
        if message[0] == "warmed":
            return
        if message[0] == "ready":
            w.ready = True
            self._start_failures = 0
            return
        _, result, text, elapsed, retire = message
        job = w.pending.popleft()
        self._page_s = elapsed if self._page_s is None else 0.8 * self._page_s + 0.2 * elapsed
        if retire:  # it exits now: its unstarted pages go to another worker
            w.retiring = True
            self._retry.extendleft(reversed(w.pending))
            w.pending.clear()
            self._replace(w)
        if job.finish is not None:
            result = job.finish(result, text)
        sink(result, text)

    def _bury(self, w: _Worker, sink: ResultSink, timed_out: bool = False) -> None:
        """``w`` died (or was killed): record the page it was running, give the rest of its
        chunk to the others, and fork a replacement."""
        if w not in self._workers:
            return
        w.process.join()
        code = w.process.exitcode
        w.sender.stop(wait=1)  # a send to a dead worker fails at once
        w.tasks.close()
        w.results.close()
        if w.retiring:
            self._workers.remove(w)
            return
        rest = list(w.pending)
        w.pending.clear()
        if not w.ready:  # died setting up or warming up: no page of its chunk was started
            self._start_failures += 1
            if self._start_failures >= _MAX_START_FAILURES:
                self._workers.remove(w)
                raise ExecutorError(
                    f"worker processes die before their first page ({exit_reason(code)}, "
                    f"{self._start_failures} times in a row)"
                )
            self._retry.extendleft(reversed(rest))
            self._replace(w)
            return
        self._retry.extendleft(reversed(rest[1:]))
        self._replace(w)
        if not rest:
            return
        job = rest[0]
        log = worker.dead_worker_log(self._log_dir.name, w.process.pid) if self._log_dir else None
        if timed_out:
            seconds = self.timeout or 0.0
            reason = worker.timeout_reason(seconds)
        else:
            seconds = time.monotonic() - w.since
            reason = exit_reason(code)
        sink(worker.failure(job.page_id, job.extractor, reason, seconds, log), "")

    def _replace(self, w: _Worker) -> None:
        """Take ``w`` out of the pool (a retiring worker stays until its exit is seen) and,
        if work is left, fork a fresh worker in its place; the replacement warms up on its
        first page of each extractor, as the pages come."""
        if w in self._workers and not w.retiring:
            self._workers.remove(w)
        if self._retry or self._ahead or not self._exhausted:
            self._spawn()


# Linux lets a pipe hold up to /proc/sys/fs/pipe-max-size (1 MiB by default) instead of 64 KiB
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031) if fcntl is not None else None
PIPE_BYTES = 1 << 20


def _widen(conn: Connection) -> None:
    """Let the pipe under ``conn`` hold a whole chunk (pages' bytes in served mode): written
    at once while the worker runs the previous chunk, it is there when the worker asks,
    instead of trickling in 64 KiB at a time from a thread that shares the GIL with the main
    loop. Where the system refuses, the pipe keeps its size (only slower)."""
    if _F_SETPIPE_SZ is None or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError):
        fcntl.fcntl(conn.fileno(), _F_SETPIPE_SZ, PIPE_BYTES)


def _kill(w: _Worker) -> None:
    if w.process.exitcode is None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(w.process.pid, signal.SIGKILL)

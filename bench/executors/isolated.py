"""A page server: a child Python process that runs batches of pages for a parent that cannot
fork worker pools itself (a Dask worker is a daemon process, and threaded).

The child loads the extractors once, then runs each batch it is sent in the same worker pool
as a local run (:class:`bench.executors.pool.PagePool`, one worker, kept from batch to
batch): every page under the timeout and the memory limit, a hung, crashed or
memory-poisoned worker replaced by a fork in milliseconds. Results stream back one by one.
Messages are pickles framed by an 8-byte length on the child's stdin and on a copy of its
original stdout; stdout itself goes to /dev/null, so an extractor that prints cannot corrupt
the channel.

Run as ``python -m bench.executors.isolated``; not meant to be started by hand.
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from bench import sandbox, worker
from bench.executors.base import ExecutorError, exit_reason
from bench.records import PageResult
from corpora.page import Page
from extractors.spec import ExtractorSpec

logger = logging.getLogger(__name__)

_HEADER = struct.Struct("!Q")
IDLE_EXIT_S = 600.0  # a child that gets no batch for this long exits
STARTUP_TIMEOUT_S = 300.0
GRACE_S = 60.0  # beyond the page timeout, before the child itself is presumed stuck


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """What a page server loads once: metrics, the extractor specs (names, targets and
    parameters: everything the child needs to load exactly what the parent runs) and the
    memory limit."""

    metrics: tuple[str, ...]
    extractors: tuple[ExtractorSpec, ...]
    max_memory_mb: int | None


@dataclass(frozen=True, slots=True)
class PageRun:
    """One extractor on one page, with the page's bytes."""

    page: Page
    data: bytes
    spec: ExtractorSpec

    @property
    def extractor(self) -> str:
        return self.spec.name


class ChildTimeout(Exception):
    """No message from the child within the deadline."""


class ServerLost(Exception):
    """The page server died or stopped answering twice during one batch."""


def _send(stream: IO[bytes], message: Any) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    """``size`` bytes from ``fd``; :class:`EOFError` when it closes, :class:`ChildTimeout`
    when ``deadline`` (a ``time.monotonic()`` value) passes first."""
    chunks: list[bytes] = []
    while size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise ChildTimeout
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _receive(fd: int, deadline: float | None = None) -> Any:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return pickle.loads(_read_exact(fd, size, deadline))


class PageServer:
    """The parent's handle on one child process, started on first use."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self._proc: subprocess.Popen[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.executors.isolated"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _send(proc.stdin, self.config)
            status, detail = _receive(proc.stdout.fileno(), time.monotonic() + STARTUP_TIMEOUT_S)
        except (OSError, EOFError, ChildTimeout) as exc:
            proc.kill()
            proc.wait()
            raise ExecutorError(
                f"the page server did not start on {os.uname().nodename} "
                f"({type(exc).__name__}, {exit_reason(proc.returncode)}); is boilerbench "
                "installed there?"
            ) from exc
        if status != "ready":
            proc.wait()
            raise ExecutorError(detail)
        return proc

    def close(self, kill: bool = False) -> int | None:
        """Stop the child (it exits when its stdin closes); the exit code, if there was one."""
        proc, self._proc = self._proc, None
        if proc is None:
            return None
        if kill:
            proc.kill()
        elif proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()
        try:
            return proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait()

    def _attempt(
        self, runs: Sequence[PageRun], timeout: float, results: dict[tuple[str, str], Any]
    ) -> None:
        if self._proc is None or self._proc.poll() is not None:
            self.close(kill=True)
            self._proc = self._start()
        proc = self._proc
        assert proc.stdin is not None and proc.stdout is not None
        try:
            _send(proc.stdin, (timeout, tuple(runs)))
            for _ in runs:
                result, text = _receive(proc.stdout.fileno(), time.monotonic() + timeout + GRACE_S)
                results[(result.page, result.extractor)] = (result, text)
        except (OSError, EOFError, ChildTimeout) as exc:
            code = self.close(kill=isinstance(exc, ChildTimeout))
            reason = f"the page server stopped ({type(exc).__name__}, exit code {code})"
            raise ServerLost(reason) from exc

    def run_batch(self, runs: Sequence[PageRun], timeout: float) -> list[tuple[PageResult, str]]:
        """Run every page of the batch in the child; a child lost mid-batch (it quit idle, or
        was killed from outside) is restarted once for the pages not yet answered."""
        results: dict[tuple[str, str], tuple[PageResult, str]] = {}
        try:
            self._attempt(runs, timeout, results)
        except ServerLost as exc:
            logger.warning("%s; restarting it for the rest of the batch", exc)
            rest = [r for r in runs if (r.page.id, r.extractor) not in results]
            self._attempt(rest, timeout, results)
        return list(results.values())


def _serve() -> int:
    """The child's loop: set up from the first message, then run batches until EOF."""
    from bench.executors.pool import Job, PagePool

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    channel_in = os.dup(0)
    channel_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sandbox.silence_stdout()
    try:
        config: ServerConfig = _receive(channel_in)
    except EOFError:
        return 0
    from extractors import registry
    from extractors.base import ExtractorError

    try:
        loaded = {spec.name: registry.load(spec) for spec in config.extractors}
    except ExtractorError as exc:
        message = f"on {os.uname().nodename}: {exc} (every worker needs it installed)"
        _send(channel_out, ("error", message))
        return 1
    _send(channel_out, ("ready", None))
    initargs = (None, config.metrics, loaded, True, config.max_memory_mb)
    pool: PagePool | None = None
    try:
        while True:
            try:
                timeout, runs = _receive(channel_in, time.monotonic() + IDLE_EXIT_S)
            except (EOFError, ChildTimeout):
                return 0
            if pool is None or pool.timeout != (timeout or None):
                if pool is not None:
                    pool.close()
                pool = PagePool(1, timeout, initargs)
                pool.start()  # its worker stays for the next batch, warm
            jobs = [
                Job(run.page.id, run.extractor, worker.run_given, (run.page, run.data, run.spec))
                for run in runs
            ]
            pool.run(jobs, lambda result, text: _send(channel_out, (result, text)), len(jobs))
    finally:
        if pool is not None:
            pool.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    sys.exit(_serve())

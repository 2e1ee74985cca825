"""Keep extractors offline and quiet inside worker processes.

Any attempt to open a network connection (``connect``, ``sendto``, DNS look-ups) raises
:class:`NetworkBlocked` and is counted, so results show which extractors try to go online.
Unix-domain sockets stay allowed. What an extractor writes to stdout is dropped; what it writes
to stderr (tracebacks, ``warnings``, ``logging`` records, C libraries' messages) is captured
per call by :class:`StderrCapture` and kept with the page's result.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

_state = {"attempts": 0, "installed": False}


class NetworkBlocked(OSError):
    """Raised for every network attempt made during extraction."""


def _blocked(*_args: Any, **_kwargs: Any) -> Any:
    _state["attempts"] += 1
    raise NetworkBlocked("network access is blocked during extraction (boilerbench)")


def _guard(original: Any) -> Any:
    def method(self: socket.socket, *args: Any, **kwargs: Any) -> Any:
        if self.family == getattr(socket, "AF_UNIX", None):
            return original(self, *args, **kwargs)
        return _blocked()

    return method


def install_network_guard() -> None:
    """Patch the socket module of this process once; later calls do nothing."""
    if _state["installed"]:
        return
    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, _guard(getattr(socket.socket, name)))
    socket.create_connection = _blocked  # type: ignore[assignment]
    socket.getaddrinfo = _blocked  # type: ignore[assignment]
    socket.gethostbyname = _blocked  # type: ignore[assignment]
    _state["installed"] = True


def network_attempts() -> int:
    """Blocked attempts so far in this process (take differences around a call)."""
    return int(_state["attempts"])


def silence_stdout() -> None:
    """Send the worker's stdout (Python and C level) to stderr's bit bucket so an extractor
    that prints cannot corrupt the progress bar or the CLI's JSON output."""
    sys.stdout.flush()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the worker


# What a page's ``log`` keeps of a call's stderr: its last bytes, after a line saying how many
# earlier bytes were cut.
LOG_LIMIT = 4096


class StderrCapture:
    """Send stderr into one reusable temporary file while an extractor runs, then hand back
    what was written: file descriptor 2 (C libraries, handlers that hold the original
    stream) and ``sys.stderr`` (tracebacks, ``warnings``, the ``logging`` fallback, even when
    ``sys.stderr`` was replaced, e.g. by the progress bar) both point into it, so none of it
    reaches the terminal. One file per process, emptied after each call: a call costs a few
    system calls (about 35 µs a page next to trafilatura on AEB), not a file."""

    def __init__(self, path: Path | None = None) -> None:
        """An unnamed file, or the file ``path`` (created or emptied) when another process
        must be able to read what this one wrote if it dies mid-call (:func:`read_capture`)."""
        if path is None:
            self._file = tempfile.TemporaryFile(prefix="boilerbench-stderr-")  # noqa: SIM115
        else:
            self._file = path.open("w+b")  # lives as long as the process
        self._fd = self._file.fileno()
        raw = io.FileIO(self._fd, "w", closefd=False)
        self._stream = io.TextIOWrapper(
            raw, encoding="utf-8", errors="backslashreplace", write_through=True
        )
        self._saved: tuple[int, Any] | None = None
        self._carried = 0  # bytes counted as written before the file's first byte (carry)

    def start(self) -> None:
        """Redirect stderr until :meth:`stop` (what was buffered before goes out first)."""
        _flush(sys.__stderr__)
        self._saved = (os.dup(2), sys.stderr)
        os.dup2(self._fd, 2)
        sys.stderr = self._stream

    def stop(self) -> str | None:
        """Restore stderr; what was written since :meth:`start` (its last :data:`LOG_LIMIT`
        bytes, after a note on what was cut), or ``None`` when nothing was."""
        tail, size = self.stop_raw()
        return trim_log(tail, size) if size else None

    def stop_raw(self) -> tuple[bytes, int]:
        """Restore stderr; the last :data:`LOG_LIMIT` bytes written since :meth:`start` and
        how many bytes were written in all (:meth:`carry` hands them to a later call)."""
        _flush(self._stream)
        _flush(sys.__stderr__)
        if self._saved is not None:
            fd, stream = self._saved
            os.dup2(fd, 2)
            os.close(fd)
            sys.stderr = stream
            self._saved = None
        size = os.fstat(self._fd).st_size
        carried, self._carried = self._carried, 0
        if not size:
            return b"", carried
        tail = os.pread(self._fd, min(size, LOG_LIMIT), max(0, size - LOG_LIMIT))
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        return tail, size + carried

    def carry(self, tail: bytes, size: int) -> None:
        """Put what an earlier call wrote (:meth:`stop_raw`: its last bytes ``tail`` of
        ``size``) at the start of this call's capture, as if written now (a worker's warm-up
        call, made before its first page, reported with that page)."""
        _flush(self._stream)
        os.write(self._fd, tail)
        self._carried += size - len(tail)

    def add(self, text: str) -> None:
        """Add lines of ours to the capture."""
        _flush(self._stream)
        os.write(self._fd, text.encode("utf-8", "backslashreplace"))

    def note(self, text: str) -> None:
        """Add a line of ours to the capture, if anything was written since :meth:`start`."""
        _flush(self._stream)
        if os.fstat(self._fd).st_size:
            os.write(self._fd, f"[boilerbench: {text}]\n".encode())

    def close(self) -> None:
        if self._saved is not None:
            self.stop()
        self._file.close()


def read_capture(path: Path) -> str | None:
    """What the capture file ``path`` of a process that died mid-call holds (as
    :meth:`StderrCapture.stop` would have returned it), or ``None``."""
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - LOG_LIMIT))
            tail = handle.read()
    except OSError:
        return None
    return trim_log(tail, size) if size else None


def trim_log(tail: bytes, size: int) -> str:
    """The text of a captured stream's last bytes ``tail`` out of ``size`` written."""
    text = tail.decode("utf-8", "replace")
    if size > len(tail):
        text = f"[boilerbench: {size - len(tail):,} earlier bytes cut]\n{text}"
    return text


def _flush(stream: Any) -> None:
    if stream is not None:
        # closed or broken by the extractor: there is nothing left to keep
        with contextlib.suppress(OSError, ValueError):
            stream.flush()


DEFAULT_MAX_MEMORY_MB = 4096
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def address_space_bytes() -> int | None:
    """This process's current virtual size (Linux ``/proc/self/statm``), ``None`` elsewhere."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return None


def limit_memory(max_mb: int | None) -> int | None:
    """Let this process grow by at most ``max_mb`` MiB of address space (``RLIMIT_AS``) beyond
    what it holds now, so a leaking extractor gets ``MemoryError`` instead of exhausting the
    machine. Returns the limit set in bytes, or ``None`` (no limit asked, or not enforceable)."""
    if not max_mb:
        return None
    import resource

    current = address_space_bytes()
    if current is None:
        return None
    limit = current + max_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit

"""Keep extractors offline and quiet inside worker processes.

Any attempt to open a network connection (``connect``, ``sendto``, DNS look-ups) raises
:class:`NetworkBlocked` and is counted, so results show which extractors try to go online.
Unix-domain sockets stay allowed.
"""

from __future__ import annotations

import os
import socket
import sys
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

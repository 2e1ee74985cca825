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

"""Small extractors of our own that misbehave on purpose, for runner tests."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import sys
import time


def first_paragraph(html: str) -> str:
    """A plain function plugin: the text of the first <p>."""
    start = html.find("<p>")
    end = html.find("</p>", start)
    return html[start + 3 : end] if start != -1 and end != -1 else ""


class Upper:
    """A class plugin with a parameter."""

    def __init__(self, suffix: str = "") -> None:
        self.suffix = suffix

    def extract(self, html: str) -> str:
        return first_paragraph(html).upper() + self.suffix


def raises(html: str) -> str:
    raise ValueError("this extractor always fails")


def hangs(html: str) -> str:
    time.sleep(3600)
    return ""


def dies(html: str) -> str:
    os._exit(3)


def goes_online(html: str) -> str:
    with contextlib.suppress(OSError):
        socket.create_connection(("example.org", 80), timeout=1)
    return first_paragraph(html)


def prints(html: str) -> str:
    print("noise on stdout")
    return first_paragraph(html)


def exits(html: str) -> str:
    sys.exit(3)


def segfaults(html: str) -> str:
    ctypes.string_at(0)  # reads address 0: SIGSEGV in the worker
    return ""


_LEAKED: list[bytearray] = []


def leaks(html: str) -> str:
    """Keeps 16 MB more on every call, in a global, until memory runs out."""
    while True:
        _LEAKED.append(bytearray(16 << 20))


def prints_everywhere(html: str) -> str:
    """Writes to stdout through Python, the C-level file descriptor and ``sys.__stdout__``."""
    print("noise from print")
    os.write(1, b"noise from os.write(1)\n")
    if sys.__stdout__ is not None:
        sys.__stdout__.write("noise from sys.__stdout__\n")
        sys.__stdout__.flush()
    return first_paragraph(html)


def opens_socket(html: str) -> str:
    """Opens a TCP socket and connects, letting the blocked attempt raise."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    return first_paragraph(html)


def needs_32mb(html: str) -> str:
    """A well-behaved extractor that needs 32 MB for a moment (fails in a worker that a
    leaking extractor has left full)."""
    scratch = bytearray(32 << 20)
    return first_paragraph(html) if len(scratch) == 32 << 20 else ""


def sleepy(html: str) -> str:
    """A slow but well-behaved extractor (20 ms a page), to stop a run in the middle."""
    time.sleep(0.02)
    return first_paragraph(html)


def deaf_hang(html: str) -> str:
    """Hangs like C code that never returns to the interpreter: the worker's timeout signal
    (SIGALRM) stays blocked, so only the parent's kill can end the page."""
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(3600)
    return ""


def deaf_warm_up(html: str) -> str:
    """Hangs deafly (see :func:`deaf_hang`) on boilerbench's warm-up page, works on others."""
    if "Ferry timetable changes for the winter" in html:
        return deaf_hang(html)
    return first_paragraph(html)


def waits_for(html: str) -> str:
    """Blocks until a writer opens the FIFO named by the page's ``data-wait`` attribute (the
    test that holds the writer end decides when this page may finish)."""
    start = html.index('data-wait="') + len('data-wait="')
    with open(html[start : html.index('"', start)], "rb") as fifo:
        fifo.read()
    return first_paragraph(html)


def moody(html: str) -> str:
    """Fails as the page asks through a ``data-fault`` attribute (hang, deaf, segfault, exit,
    raise, leak, socket) or waits (``data-wait``); other pages get the first paragraph,
    slowly (20 ms)."""
    if 'data-fault="hang"' in html:
        return hangs(html)
    if 'data-fault="deaf"' in html:
        return deaf_hang(html)
    if "data-wait=" in html:
        return waits_for(html)
    if 'data-fault="segfault"' in html:
        return segfaults(html)
    if 'data-fault="exit"' in html:
        return exits(html)
    if 'data-fault="raise"' in html:
        return raises(html)
    if 'data-fault="leak"' in html:
        return leaks(html)
    if 'data-fault="socket"' in html:
        return opens_socket(html)
    return sleepy(html)

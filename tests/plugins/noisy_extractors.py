"""Small extractors of our own that write to stderr in every way a library does, for the
tests of quiet runs: each page's log must hold what was written on it, the terminal nothing."""

from __future__ import annotations

import logging
import os
import sys
import warnings

logger = logging.getLogger("noisy_library")


def first_paragraph(html: str) -> str:
    start = html.find("<p>")
    end = html.find("</p>", start)
    return html[start + 3 : end] if start != -1 and end != -1 else ""


def _page_tag(html: str) -> str:
    return first_paragraph(html)


def writes_stderr(html: str) -> str:
    """Writes to stderr through the file descriptor, ``sys.stderr``, ``warnings`` and
    ``logging``, each line naming the page."""
    tag = _page_tag(html)
    os.write(2, f"fd-2 line: {tag}\n".encode())
    sys.stderr.write(f"sys.stderr line: {tag}\n")
    warnings.warn(f"warning about {tag}", UserWarning, stacklevel=1)
    logger.warning("log record about %s", tag)
    return first_paragraph(html)


def fails_loudly(html: str) -> str:
    """Prints a traceback the way readability-lxml does (``logger.exception``), then raises."""
    try:
        {}["missing key"]
    except KeyError:
        logger.exception("error getting summary: ")
    raise ValueError("cannot parse this page")


def floods(html: str) -> str:
    """Writes far more than a page's log keeps."""
    for i in range(2000):
        os.write(2, f"flood line {i:04d}\n".encode())
    return first_paragraph(html)


def warns_once(html: str) -> str:
    """A warning Python shows once per process: in a worker, on its warm-up call."""
    warnings.warn("this option is deprecated", UserWarning, stacklevel=1)
    return first_paragraph(html)


def crashes_loudly(html: str) -> str:
    """Segfaults with Python's fault handler on: its report is the crash's only trace."""
    import ctypes
    import faulthandler

    os.write(2, b"about to read address 0\n")
    faulthandler.enable()
    ctypes.string_at(0)
    return ""

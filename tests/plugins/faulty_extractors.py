"""Small extractors of our own that misbehave on purpose, for runner tests."""

from __future__ import annotations

import contextlib
import os
import socket
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

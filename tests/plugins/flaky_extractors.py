"""Extractors whose output changes from call to call on the same page, without randomness
(a call counter), so ``check-extractor`` tests fail the same way every time."""

from __future__ import annotations

_calls = {"n": 0}


def _paragraph(html: str) -> str:
    start = html.find("<p>")
    return html[start + 3 : html.find("</p>", start)] if start != -1 else ""


def _count() -> int:
    _calls["n"] += 1
    return _calls["n"]


def sometimes_none(html: str) -> str | None:
    """Returns ``None`` on every second call (as a flaky library does now and then)."""
    return None if _count() % 2 == 0 else _paragraph(html)


def drifting(html: str) -> str:
    """Returns a different text on every call (say, one that numbers its calls)."""
    return f"{_paragraph(html)} (call {_count()})"


def sometimes_bytes(html: str) -> str | bytes:
    """Returns bytes instead of str on every third call."""
    text = _paragraph(html)
    return text.encode("utf-8") if _count() % 3 == 0 else text

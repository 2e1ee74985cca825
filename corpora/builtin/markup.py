"""An HTML string builder that records where each labelled noise block lands.

Offsets are indices into the page's text (what a decoder returns), so a span's markup is
``html[start:end]``. A span's text is computed from its own markup by :func:`text_of`, so
label and markup cannot drift apart.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

_INVISIBLE = re.compile(
    r"<(script|style|template)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.DOTALL | re.IGNORECASE
)
_SPACE = re.compile(r"\s+")
_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|"
    r"form|h[1-6]|header|hr|li|main|nav|noscript|ol|p|section|table|tbody|td|tfoot|th|thead|"
    r"title|tr|ul|amp-[a-z-]+)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def esc(text: str) -> str:
    """Escape text for an element's content or a quoted attribute."""
    return html.escape(text, quote=False).replace('"', "&quot;")


@lru_cache(maxsize=16384)
def text_of(markup: str) -> str:
    """The visible text of a fragment: one line per block element, inline text joined.

    Cached: menus, footers and cookie bars repeat across pages, and equal texts then share
    one string in memory."""
    text = _SPACE.sub(" ", _INVISIBLE.sub("", markup))
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", text))
    lines = (line.strip() for line in html.unescape(text).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled noise block: ``html[start:end]`` is its markup, ``text`` its visible text."""

    type: str
    text: str
    start: int
    end: int

    def as_record(self) -> dict[str, object]:
        return {"type": self.type, "text": self.text, "start": self.start, "end": self.end}


class Html:
    """Append-only page text with noise spans; ``open()``/``close()`` may nest."""

    __slots__ = ("_open", "_parts", "_pos", "spans")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pos = 0
        self._open: list[tuple[str, int, int]] = []
        self.spans: list[Span] = []

    def w(self, *parts: str) -> Html:
        """Write markup."""
        for part in parts:
            self._parts.append(part)
            self._pos += len(part)
        return self

    def open(self, noise_type: str) -> None:
        """Start a noise block at the current position."""
        self._open.append((noise_type, self._pos, len(self._parts)))

    def close(self, text: str | None = None) -> Span:
        """End the innermost open block; its text is the markup's visible text unless given."""
        noise_type, start, first = self._open.pop()
        visible = text_of("".join(self._parts[first:])) if text is None else text
        span = Span(noise_type, visible, start, self._pos)
        self.spans.append(span)
        return span

    def noise(self, noise_type: str, markup: str) -> Span:
        """Write one whole noise block."""
        self.open(noise_type)
        self.w(markup)
        return self.close()

    def result(self) -> tuple[str, tuple[Span, ...]]:
        """The page and its spans in document order (outer before inner)."""
        if self._open:
            raise ValueError(f"noise block {self._open[-1][0]!r} was never closed")
        spans = sorted(self.spans, key=lambda s: (s.start, -s.end))
        return "".join(self._parts), tuple(spans)

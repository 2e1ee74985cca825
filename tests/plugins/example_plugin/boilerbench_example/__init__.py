"""An extractor plugin as a stranger would write one: keep the text of every <p>."""

from __future__ import annotations

import html
import re

_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def extract(page: str) -> str:
    """The page's paragraphs as plain text, one per line."""
    texts = (html.unescape(_TAG.sub("", p)).strip() for p in _PARAGRAPH.findall(page))
    return "\n".join(t for t in texts if t)

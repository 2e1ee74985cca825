"""Plain text and CleanEval's marked gold to blocks.

Plain text carries no markup, so it gives paragraphs only: blocks between blank lines, or,
when the text has no blank line between its first and last words, its lines (trafilatura and
jusText print one paragraph per line). CleanEval's gold marks each block with ``<p>``,
``<h>`` or ``<l>``: paragraph, heading (level unknown) and list item.
"""

from __future__ import annotations

import re

from bench.structure.blocks import HEADING, LIST, PARAGRAPH, Block, text_block

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_MARKER = re.compile(r"<([phl])>", re.IGNORECASE)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a plain text (see the module's rule)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    parts = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return [part for part in parts if part.strip()]


def parse_text(text: str) -> tuple[Block, ...]:
    """Paragraph blocks of a plain text."""
    return tuple(b for part in paragraphs(text) if (b := text_block(PARAGRAPH, part)) is not None)


def parse_cleaneval(markup: str) -> tuple[Block, ...]:
    """Blocks of CleanEval gold: ``<p>`` paragraphs, ``<h>`` headings, ``<l>`` list items."""
    pieces = _MARKER.split(markup)
    blocks: list[Block] = []
    if (lead := text_block(PARAGRAPH, pieces[0])) is not None:
        blocks.append(lead)  # text before the first marker
    for marker, text in zip(pieces[1::2], pieces[2::2], strict=True):
        marker = marker.lower()
        if marker == "h":
            block = text_block(HEADING, text)
        elif marker == "l":
            block = text_block(LIST, text, depth=1)
        else:
            block = text_block(PARAGRAPH, text)
        if block is not None:
            blocks.append(block)
    return tuple(blocks)

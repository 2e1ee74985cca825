"""Structure: every output and every structured gold as one sequence of typed blocks
(headings, paragraphs, list items, tables, code, quotes), the alignment of two such
sequences, and table scores. The ``structure`` metric (:mod:`bench.metrics.structure`) and the
text metrics of markdown and HTML outputs read it."""

from __future__ import annotations

from bench.structure.align import THRESHOLD, Pair, align
from bench.structure.blocks import TYPES, Block
from bench.structure.output import KINDS, gold_blocks, parse, rendered_text
from bench.structure.render import to_html, to_markdown, to_text

__all__ = [
    "KINDS",
    "THRESHOLD",
    "TYPES",
    "Block",
    "Pair",
    "align",
    "gold_blocks",
    "parse",
    "rendered_text",
    "to_html",
    "to_markdown",
    "to_text",
]

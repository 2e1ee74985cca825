"""Outputs by kind: what an extractor returned (``text``, ``markdown`` or ``html``) as blocks
and as the text text metrics read, and a page's structured gold as blocks."""

from __future__ import annotations

import functools

from bench.structure.blocks import Block
from bench.structure.parse_html import parse_html
from bench.structure.parse_markdown import parse_markdown
from bench.structure.parse_text import parse_cleaneval, parse_text
from bench.structure.render import to_text
from corpora.page import Gold

TEXT, MARKDOWN, HTML = "text", "markdown", "html"
KINDS = (TEXT, MARKDOWN, HTML)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown output kind {kind!r} (one of {', '.join(KINDS)})")
    return kind


@functools.lru_cache(maxsize=8)
def parse(raw: str, kind: str = TEXT) -> tuple[Block, ...]:
    """The blocks of an output of the given kind (the last few are remembered: the text
    metrics and ``structure`` read the same output)."""
    if kind == MARKDOWN:
        return parse_markdown(raw)
    if kind == HTML:
        return parse_html(raw)
    check_kind(kind)
    return parse_text(raw)


def rendered_text(raw: str, kind: str = TEXT) -> str:
    """What text metrics read: a text output unchanged (byte for byte, so every text figure
    stays what it was), a markdown or HTML output as the text of its blocks
    (:func:`bench.structure.render.to_text`)."""
    if kind == TEXT:
        return raw
    return to_text(parse(raw, kind))


@functools.lru_cache(maxsize=1024)
def _gold_blocks(
    structure: str | None, structure_format: str | None, markup: str | None
) -> tuple[Block, ...] | None:
    if structure is not None:
        if structure_format == HTML:
            return parse_html(structure)
        if structure_format == MARKDOWN:
            return parse_markdown(structure)
        raise ValueError(f"unknown structure format {structure_format!r}")
    if markup is not None:
        return parse_cleaneval(markup)
    return None


def gold_blocks(gold: Gold) -> tuple[Block, ...] | None:
    """The blocks of a page's structured gold: ``Gold.structure`` (HTML or markdown) or
    CleanEval's ``<p>``/``<h>``/``<l>`` markup; ``None`` when the gold has no markup (plain
    text says nothing about structure). Remembered for the last pages (every extractor of a
    run is scored against the same gold)."""
    return _gold_blocks(gold.structure, gold.structure_format, gold.markup)

"""Markdown to blocks with markdown-it-py: CommonMark plus GFM tables. Raw HTML blocks inside
the markdown (a ``<table>`` a converter left as HTML) are parsed as HTML."""

from __future__ import annotations

import functools
import re
from typing import Any

from bench.structure.blocks import HEADING, PARAGRAPH, Block
from bench.structure.build import Builder

# The opening line of a fence: its characters, then an optional language.
_FENCE = re.compile(r"(`{3,}|~{3,})[ \t]*([\w+-]*)[ \t]*")


@functools.cache
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def unwrap_markdown(text: str, bare: bool = False) -> str:
    """``text`` without a fence around the whole of it: a leading ```` ```markdown ```` (or
    ```` ```md ````) line and the closing fence on the last line (a truncated answer without
    it loses only its opening line). With ``bare``, a fence without a language around the
    whole text is unwrapped too (a language model's habit; a code-only answer is then read as
    markdown); a bare fence that is never closed is left alone."""
    stripped = text.strip()
    first, _, rest = stripped.partition("\n")
    match = _FENCE.fullmatch(first)
    if match is None:
        return text
    fence, language = match.group(1), match.group(2).lower()
    if language not in ("markdown", "md") and not (bare and not language):
        return text
    lines = rest.split("\n")
    closing = re.compile(re.escape(fence[0]) + "{" + str(len(fence)) + ",}[ \t]*")
    if lines and closing.fullmatch(lines[-1]):
        lines.pop()
    elif not language:
        return text
    return "\n".join(lines)


def _inline_text(token: Any) -> str:
    """The visible text of an inline token: text and code spans, line breaks as spaces;
    images, raw HTML tags and link targets left out."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def parse_markdown(text: str) -> tuple[Block, ...]:
    """The blocks of a markdown document (a ```` ```markdown ```` wrapper is unwrapped)."""
    from bench.structure.parse_html import walk_html

    tokens = _parser().parse(unwrap_markdown(text))
    builder = Builder()
    row: list[str] | None = None
    rows: list[list[str]] = []
    pending: tuple[str, int] | None = None  # what the next inline token is
    for token in tokens:
        kind = token.type
        if kind == "inline":
            content = _inline_text(token)
            if row is not None:
                row.append(content)
            elif pending is not None:
                builder.text(pending[0], content, pending[1])
            pending = None
        elif kind == "heading_open":
            pending = (HEADING, int(token.tag[1]))
        elif kind == "paragraph_open":
            pending = (PARAGRAPH, 0)
        elif kind in ("bullet_list_open", "ordered_list_open"):
            builder.open_list(kind == "ordered_list_open")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            builder.close_list()
        elif kind == "list_item_open":
            builder.open_item()
        elif kind == "list_item_close":
            builder.close_item()
        elif kind == "blockquote_open":
            builder.open_quote()
        elif kind == "blockquote_close":
            builder.close_quote()
        elif kind in ("fence", "code_block"):
            builder.code(token.content)
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            if row is not None:
                rows.append(row)
            row = None
        elif kind == "table_close":
            builder.table(rows)
        elif kind == "html_block":
            walk_html(token.content, builder)
    return builder.finish()

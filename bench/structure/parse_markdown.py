"""Markdown to blocks: CommonMark plus GFM tables, parsed by markdown-it.rs through
markdown-it-pyrs (the Rust port of markdown-it by the author of markdown-it-py: the same
CommonMark rules, a syntax tree about ten times faster, which keeps structure scoring a small
share of extraction time). Raw HTML blocks inside the markdown (a ``<table>`` a converter left
as HTML) are parsed as HTML."""

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
    from markdown_it_pyrs import MarkdownIt

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


# Nodes that hold blocks; every other node is inline (text, emphasis, links, code spans).
_BLOCK_NODES = frozenset(
    (
        *("root", "heading", "lheading", "paragraph", "bullet_list", "ordered_list"),
        *("list_item", "blockquote", "fence", "code_block", "table", "html_block", "hr"),
        *("definition", "thead", "tbody", "trow", "tcell"),
    )
)


def _inline_text(node: Any) -> str:
    """The visible text of inline nodes: text, entities, escapes and code spans, line breaks
    as spaces; images, raw HTML tags and link targets left out."""
    name = node.name
    if name in ("text", "text_special"):
        return str(node.meta.get("content", ""))
    if name in ("softbreak", "hardbreak"):
        return " "
    if name in ("image", "html_inline"):
        return ""
    return "".join(_inline_text(child) for child in node.children)


def _walk(node: Any, builder: Builder) -> None:
    from bench.structure.parse_html import walk_html

    name = node.name
    if name in ("heading", "lheading"):
        builder.text(HEADING, _inline_text(node), int(node.meta.get("level", 0)))
    elif name == "paragraph":
        builder.text(PARAGRAPH, _inline_text(node))
    elif name in ("bullet_list", "ordered_list"):
        builder.open_list(name == "ordered_list")
        for child in node.children:
            _walk(child, builder)
        builder.close_list()
    elif name == "list_item":
        builder.open_item()
        _children(node, builder)
        builder.close_item()
    elif name == "blockquote":
        builder.open_quote()
        _children(node, builder)
        builder.close_quote()
    elif name in ("fence", "code_block"):
        builder.code(str(node.meta.get("content", "")))
    elif name == "table":
        rows = [
            [_inline_text(cell) for cell in row.children]
            for part in node.children
            for row in (part.children if part.name in ("thead", "tbody") else [part])
        ]
        builder.table(rows)
    elif name == "html_block":
        walk_html(str(node.meta.get("content", "")), builder)
    elif name == "root":
        _children(node, builder)


def _children(node: Any, builder: Builder) -> None:
    """Walk a container's children; inline children (a tight list item's text) are a
    paragraph of the container."""
    inline: list[str] = []
    for child in node.children:
        if child.name in _BLOCK_NODES:
            if inline:
                builder.text(PARAGRAPH, "".join(inline))
                inline.clear()
            _walk(child, builder)
        else:
            inline.append(_inline_text(child))
    if inline:
        builder.text(PARAGRAPH, "".join(inline))


def parse_markdown(text: str) -> tuple[Block, ...]:
    """The blocks of a markdown document (a ```` ```markdown ```` wrapper is unwrapped)."""
    builder = Builder()
    _walk(_parser().tree(unwrap_markdown(text)), builder)
    return builder.finish()

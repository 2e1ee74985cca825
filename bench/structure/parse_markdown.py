"""Markdown to blocks: CommonMark plus GFM tables, parsed by markdown-it.rs through
markdown-it-pyrs (the Rust port of markdown-it by the author of markdown-it-py: the same
CommonMark rules, a syntax tree about ten times faster, which keeps structure scoring a small
share of extraction time). Raw HTML blocks inside the markdown (a ``<table>`` a converter left
as HTML) are parsed as HTML."""

from __future__ import annotations

import functools
from typing import Any

from bench.structure.blocks import HEADING, PARAGRAPH, Block
from bench.structure.build import Builder
from extractors.llm.output import unwrap


@functools.cache
def _parser() -> Any:
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


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
    """The blocks of a markdown document, without the wrappers language models put around
    it (a ```` ```markdown ```` fence, a lead-in line, a ``<think>`` block: the rule of
    :func:`extractors.llm.output.unwrap`, where a bare fence around the whole document stays
    a code block)."""
    builder = Builder()
    _walk(_parser().tree(unwrap(text, bare=False)), builder)
    return builder.finish()

"""Blocks back to text, markdown and HTML. The text is what text metrics read for a markdown
or HTML output (no ``#``, ``|`` or backticks to punish); markdown and HTML are what a block
sequence looks like in either format (used by the tests' round trip and the page view)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Sequence

from bench.structure.blocks import CODE, HEADING, LIST, QUOTE, TABLE, Block

CELL_SEPARATOR = " | "


def to_text(blocks: Sequence[Block]) -> str:
    """Blocks apart by a blank line; list items one per line; a table one row per line, its
    cells joined by `` | ``; code as written. (The built-in corpus's gold text has this
    layout.)"""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.type == TABLE:
            piece = "\n".join(CELL_SEPARATOR.join(row) for row in block.rows)
        else:
            piece = block.text
        if previous is not None:
            together = block.type == LIST and previous.type == LIST
            parts.append("\n" if together else "\n\n")
        parts.append(piece)
        previous = block
    return "".join(parts)


# Characters escaped anywhere in markdown text, and the line starts that would begin a block.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def escape_markdown(text: str) -> str:
    """``text`` as literal markdown inline text (backslash escapes)."""
    escaped = _INLINE.sub(r"\\\1", text)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():  # "1." → "1\."
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped


def _fence(code: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _list_markdown(items: Sequence[Block]) -> str:
    lines = []
    for item in items:
        indent = "    " * (max(item.depth, 1) - 1)
        marker = "1." if item.ordered else "-"
        lines.append(f"{indent}{marker} {escape_markdown(item.text)}")
    return "\n".join(lines)


def _table_markdown(block: Block) -> str:
    width = max(len(row) for row in block.rows)

    def line(row: Sequence[str]) -> str:
        cells = [escape_markdown(cell) for cell in row] + [""] * (width - len(row))
        return "| " + " | ".join(cells) + " |"

    rows = [line(block.rows[0]), "|" + " --- |" * width]
    rows += [line(row) for row in block.rows[1:]]
    return "\n".join(rows)


def _runs(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Blocks in runs: consecutive list items together, every other block alone."""
    run: list[Block] = []
    for block in blocks:
        if block.type == LIST:
            run.append(block)
            continue
        if run:
            yield run
            run = []
        yield [block]
    if run:
        yield run


def to_markdown(blocks: Sequence[Block]) -> str:
    """CommonMark with GFM tables: ATX headings, ``-``/``1.`` lists nested by four spaces,
    ``>`` quotes, fenced code, pipe tables (the first row is the header)."""
    parts = []
    for run in _runs(blocks):
        block = run[0]
        if block.type == LIST:
            parts.append(_list_markdown(run))
        elif block.type == HEADING:
            parts.append("#" * min(max(block.level, 1), 6) + " " + escape_markdown(block.text))
        elif block.type == TABLE:
            parts.append(_table_markdown(block))
        elif block.type == CODE:
            fence = _fence(block.text)
            parts.append(f"{fence}\n{block.text}\n{fence}")
        elif block.type == QUOTE:
            parts.append("> " + escape_markdown(block.text))
        else:
            parts.append(escape_markdown(block.text))
    return "\n\n".join(parts) + ("\n" if parts else "")


def _list_html(items: Sequence[Block]) -> str:
    out: list[str] = []
    open_lists: list[str] = []  # tag of each open list, outermost first
    for item in items:
        depth = max(item.depth, 1)
        tag = "ol" if item.ordered else "ul"
        while len(open_lists) > depth:
            out.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == depth and open_lists[-1] != tag:
            out.append(f"</li></{open_lists.pop()}>")
        if len(open_lists) == depth:
            out.append("</li>")
        while len(open_lists) < depth:
            open_lists.append(tag)
            out.append(f"<{tag}>")
            if len(open_lists) < depth:
                out.append("<li>")
        out.append(f"<li>{html.escape(item.text, quote=False)}")
    while open_lists:
        out.append(f"</li></{open_lists.pop()}>")
    return "".join(out)


def _table_html(block: Block) -> str:
    head = "".join(f"<th>{html.escape(c, quote=False)}</th>" for c in block.rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c, quote=False)}</td>" for c in row) + "</tr>"
        for row in block.rows[1:]
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(blocks: Sequence[Block]) -> str:
    """An HTML fragment: ``h1``–``h6``, ``p``, nested ``ul``/``ol``, ``table`` (the first row
    as ``th``), ``pre``, ``blockquote``."""
    parts = []
    for run in _runs(blocks):
        block = run[0]
        text = html.escape(block.text, quote=False)
        if block.type == LIST:
            parts.append(_list_html(run))
        elif block.type == HEADING:
            level = min(max(block.level, 1), 6)
            parts.append(f"<h{level}>{text}</h{level}>")
        elif block.type == TABLE:
            parts.append(_table_html(block))
        elif block.type == CODE:
            parts.append(f"<pre><code>{text}</code></pre>")
        elif block.type == QUOTE:
            parts.append(f"<blockquote><p>{text}</p></blockquote>")
        else:
            parts.append(f"<p>{text}</p>")
    return "\n".join(parts)

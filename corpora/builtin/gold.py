"""The gold of an article: its text (what a perfect extractor returns; the title is kept apart)
and the same blocks as markdown, with their structure (the ``markdown`` field of a record).

Text: blocks separated by a blank line: headings, paragraphs, list items (one per line, no
bullet or number), quote lines, table rows (cells joined by " | ", header row included, no
separator row), code as written and figure captions. Pull quotes repeat the body and are not
gold.

Markdown: the same blocks as a page shows them: ``##``/``###`` headings (on a forum, whose
"headings" are bold lines, paragraphs), paragraphs, ``-``/``1.`` lists with sub-items four
spaces in, ``>`` quotes (one quote, its lines as paragraphs), GFM tables with their header
row, fenced code, figure captions as paragraphs.
"""

from __future__ import annotations

import re

from corpora.builtin.articles import Article, Block

CELL_SEPARATOR = " | "
# Backslash-escaped wherever they stand, and the line starts that would open a block.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&#!])")
_LINE_START = re.compile(r"^([-+=]|\d+(?=[.)]))")


def block_text(block: Block) -> str | None:
    """A block's gold text, or None for a pull quote."""
    if block.kind == "pullquote":
        return None
    if block.kind in ("ul", "ol", "quote"):
        return "\n".join(block.items)
    if block.kind == "table":
        return "\n".join(CELL_SEPARATOR.join(row) for row in block.rows)
    return block.text


def gold_paragraphs(article: Article) -> list[str]:
    """The gold text's blocks, in order."""
    return [text for block in article.blocks if (text := block_text(block)) is not None]


def gold_text(article: Article) -> str:
    return "\n\n".join(gold_paragraphs(article))


def escape(text: str) -> str:
    """``text`` as literal markdown (CommonMark backslash escapes)."""
    escaped = _INLINE.sub(r"\\\1", text)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():
        return escaped[: match.end()] + "\\" + escaped[match.end() :]
    return "\\" + escaped


def _list_markdown(block: Block) -> str:
    lines = []
    for index, item in enumerate(block.items):
        depth = block.depth(index)
        marker = "1." if block.kind == "ol" and depth == 0 else "-"
        lines.append(f"{'    ' * depth}{marker} {escape(item)}")
    return "\n".join(lines)


def _table_markdown(block: Block) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(cell) for cell in cells) + " |"

    separator = "|" + " --- |" * len(block.rows[0])
    return "\n".join([row(block.rows[0]), separator, *(row(r) for r in block.rows[1:])])


def block_markdown(block: Block, headings: bool = True) -> str | None:
    """A block as markdown (None for a pull quote); ``headings=False`` writes headings as the
    plain paragraphs a page without heading markup shows."""
    kind = block.kind
    if kind == "pullquote":
        return None
    if kind in ("h2", "h3"):
        return ("#" * int(kind[1]) + " " if headings else "") + escape(block.text)
    if kind in ("ul", "ol"):
        return _list_markdown(block)
    if kind == "quote":
        return "\n>\n".join(f"> {escape(line)}" for line in block.items)
    if kind == "table":
        return _table_markdown(block)
    if kind == "code":
        return f"```{block.language}\n{block.text}\n```"
    return escape(block.text)


def gold_markdown(article: Article, headings: bool = True) -> str:
    """The article's gold with its structure, as markdown (see the module)."""
    parts = [md for block in article.blocks if (md := block_markdown(block, headings))]
    return "\n\n".join(parts) + "\n"


def paragraphs_markdown(text: str) -> str:
    """Markdown of a plain gold text whose blocks are paragraphs (the seed page's)."""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(escape(p) for p in paragraphs) + "\n"

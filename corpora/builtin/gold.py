"""The gold text of an article: what a perfect extractor returns (the title is kept apart).

Blocks are separated by a blank line: headings, paragraphs, list items (one per line, no
bullet or number), quote lines, table rows (cells joined by " | ", header row included, no
separator row) and figure captions. Pull quotes repeat the body and are not gold.
"""

from __future__ import annotations

from corpora.builtin.articles import Article, Block

CELL_SEPARATOR = " | "


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

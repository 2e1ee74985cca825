"""The one block model every output and every structured gold is parsed into: a flat sequence
of typed blocks in reading order (a list item is one block, with its depth)."""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = "heading"
PARAGRAPH = "paragraph"
LIST = "list"  # one list item
TABLE = "table"
CODE = "code"
QUOTE = "quote"
# In report order: the block types a structure score is given for.
TYPES = (HEADING, PARAGRAPH, LIST, TABLE, CODE, QUOTE)

_SPACE = re.compile(r"\s+")
# Letters of scripts written without spaces are one token each, so a Chinese or Japanese
# paragraph has as many tokens as characters, not one.
_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]"
    r"|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u0e00-\u0e7f]+"
)


_WORD = re.compile(r"\w")  # a text has a token exactly when it has a word character


def normalize(text: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped (zero-width spaces dropped)."""
    return _SPACE.sub(" ", text.replace("\u200b", "").replace("\ufeff", "")).strip()


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens (``\\w+`` runs; each CJK, kana, hangul or Thai letter alone)."""
    return _TOKEN.findall(text.lower())


def normalize_code(text: str) -> str:
    """Code as compared for an exact match: trailing spaces of each line and blank lines at
    both ends removed, tabs and indentation kept."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Block:
    """One block. ``text``: its visible text, whitespace normalised (code: as written, see
    :func:`normalize_code`; a table: its cells in reading order). ``level``: a heading's level
    1–6 (0 when the source does not say, as CleanEval's ``<h>``). ``depth``: a list item's
    nesting, 1 for the outer list; ``ordered``: it is in a numbered list. ``rows``: a table's
    cells, row by row (the header row first when it has one)."""

    type: str
    text: str
    level: int = 0
    depth: int = 0
    ordered: bool = False
    rows: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown block type {self.type!r} (one of {', '.join(TYPES)})")

    @property
    def label(self) -> str:
        """A short tag for reports: ``h2``, ``p``, ``li``, ``ol``, ``table``, ``code``,
        ``quote``."""
        if self.type == HEADING:
            return f"h{self.level}" if self.level else "h"
        if self.type == LIST:
            return "ol" if self.ordered else "li"
        return {PARAGRAPH: "p"}.get(self.type, self.type)


def table_block(rows: list[list[str]] | tuple[tuple[str, ...], ...]) -> Block | None:
    """A table of normalised cells; ``None`` when no cell has text. Rows without any cell
    are dropped; the text is the cells joined in reading order."""
    kept = tuple(tuple(normalize(cell) for cell in row) for row in rows if row)
    kept = tuple(row for row in kept if any(row))
    if not kept:
        return None
    return Block(TABLE, " ".join(cell for row in kept for cell in row if cell), rows=kept)


def text_block(kind: str, text: str, **fields: int | bool) -> Block | None:
    """A heading, paragraph, list item or quote of normalised text; ``None`` when the text has
    no word (a rule, a lone bullet or an empty element is not a block)."""
    clean = normalize(text)
    if not _WORD.search(clean):
        return None
    return Block(kind, clean, **fields)  # type: ignore[arg-type]


def code_block(text: str) -> Block | None:
    """A code block (``None`` when it is blank)."""
    clean = normalize_code(text)
    return Block(CODE, clean) if clean.strip() else None

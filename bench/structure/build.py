"""What the HTML and markdown parsers share: turning nested containers (lists, list items,
quotes) into the flat block sequence.

Inside a list item, text is the item's (a nested list first ends the item's text, so items
come out in reading order); inside a quote, every paragraph, heading and list item is part of
the quote's text. Tables and code blocks are blocks of their own wherever they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.structure.blocks import (
    HEADING,
    LIST,
    PARAGRAPH,
    QUOTE,
    Block,
    code_block,
    table_block,
    text_block,
)


@dataclass(slots=True)
class _Item:
    depth: int
    ordered: bool
    parts: list[str] = field(default_factory=list)


class Builder:
    """Collects blocks in reading order from open/close events."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._lists: list[bool] = []
        self._items: list[_Item] = []
        self._quotes = 0
        self._quote_parts: list[str] = []

    def _emit(self, block: Block | None) -> None:
        if block is not None:
            self.blocks.append(block)

    def _flush_item(self) -> None:
        if self._items and self._items[-1].parts:
            item = self._items[-1]
            self._emit(
                text_block(LIST, " ".join(item.parts), depth=item.depth, ordered=item.ordered)
            )
            item.parts.clear()

    def _flush_quote(self) -> None:
        if self._quote_parts:
            self._emit(text_block(QUOTE, " ".join(self._quote_parts)))
            self._quote_parts.clear()

    def text(self, kind: str, text: str, level: int = 0) -> None:
        """A paragraph or heading's text (part of the open quote or list item, if any)."""
        if not text.strip():
            return
        if self._quotes:
            self._quote_parts.append(text)
        elif self._items:
            self._items[-1].parts.append(text)
        elif kind == HEADING:
            self._emit(text_block(HEADING, text, level=level))
        else:
            self._emit(text_block(PARAGRAPH, text))

    def open_list(self, ordered: bool) -> None:
        if not self._quotes:
            self._flush_item()
        self._lists.append(ordered)

    def close_list(self) -> None:
        if self._lists:
            self._lists.pop()

    def open_item(self) -> None:
        if not self._quotes:
            self._flush_item()
        ordered = self._lists[-1] if self._lists else False
        self._items.append(_Item(max(len(self._lists), 1), ordered))

    def close_item(self) -> None:
        if not self._items:
            return
        if not self._quotes:
            self._flush_item()
        self._items.pop()

    def open_quote(self) -> None:
        if not self._quotes:
            self._flush_item()
        self._quotes += 1

    def close_quote(self) -> None:
        if not self._quotes:
            return
        self._quotes -= 1
        if not self._quotes:
            self._flush_quote()

    def _before_own_block(self) -> None:
        if self._quotes:
            self._flush_quote()
        else:
            self._flush_item()

    def table(self, rows: list[list[str]]) -> None:
        self._before_own_block()
        self._emit(table_block(rows))

    def code(self, text: str) -> None:
        self._before_own_block()
        self._emit(code_block(text))

    def finish(self) -> tuple[Block, ...]:
        """The blocks, with whatever an unclosed container still held."""
        while self._items:
            self.close_item()
        if self._quotes:
            self._quotes = 0
            self._flush_quote()
        return tuple(self.blocks)

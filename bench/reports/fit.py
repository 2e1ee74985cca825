"""Terminal tables that fit the console without cutting a number.

A table is described column by column (:class:`Column`): numbers are never cut; a name
column (an extractor, a noise type) may be shortened with an ellipsis in its middle; prose
may wrap between words; a column with a ``priority`` may be dropped, highest first, when the
table is too wide. :func:`fit` picks the widths, :func:`table` builds the rich table with
them, and :func:`chunks` splits a matrix (extractors as columns) into tables that fit.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

MIN_WIDTH = 80  # the narrowest console tables are fitted to
FILE_WIDTH = 120  # a file or pipe without COLUMNS
NAME_CAP = 24  # a name longer than this is shortened before any column is dropped
NAME_MIN = 12
NAME_LAST = 5  # how narrow a name column may get when nothing else can give way
ELLIPSIS = "…"
Cell = str | Text


def console_width() -> int:
    """``COLUMNS`` when set (at least :data:`MIN_WIDTH`), else the terminal's width, else
    :data:`FILE_WIDTH` for a file or a pipe."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(int(columns), MIN_WIDTH)
    console = Console()
    return max(console.width, MIN_WIDTH) if console.is_terminal else FILE_WIDTH


def report_console() -> Console:
    """The console reports print to, :func:`console_width` wide."""
    return Console(width=console_width())


def shorten(name: str, width: int) -> str:
    """``name`` in at most ``width`` cells, cut in the middle (``faulty_e…_paragraph``; a
    path keeps more of its end, where the file and function are) and never with the
    ellipsis beside a digit, so no number looks cut."""
    if cell_len(name) <= width:
        return name
    for keep in range(max(width - 1, 1), 0, -1):
        middle = keep // 3 if "/" in name else (keep + 1) // 2
        for head in sorted(range(keep + 1), key=lambda h: (abs(h - middle), -h)):
            tail = keep - head
            before = name[head - 1] if head else ""
            after = name[len(name) - tail] if tail else ""
            if not before.isdigit() and not after.isdigit():
                return name[:head] + ELLIPSIS + (name[len(name) - tail :] if tail else "")
    return name[:width]


def _lines(cell: Cell) -> list[str]:
    return (cell.plain if isinstance(cell, Text) else cell).split("\n")


def _longest_word(text: str) -> int:
    return max((cell_len(w) for line in text.split("\n") for w in line.split()), default=0)


@dataclass(frozen=True, slots=True)
class Column:
    """One column. ``priority`` 0: always shown; otherwise dropped when the table is too
    wide, highest first (the right-most of equal priority first). ``kind``: ``number``
    (never cut), ``name`` (shortened in the middle) or ``prose`` (wraps between words)."""

    header: str
    cells: list[Cell] = field(default_factory=list)
    justify: Literal["left", "right"] = "right"
    priority: int = 0
    kind: Literal["number", "name", "prose"] = "number"
    style: str | None = None

    def natural(self) -> int:
        """Its width when nothing is wrapped or shortened."""
        widths = [cell_len(line) for cell in self.cells for line in _lines(cell)]
        return max([*widths, *(cell_len(line) for line in self.header.split("\n"))])

    def least(self) -> int:
        """The narrowest it may become: headers wrap between words (a word longer than
        :data:`NAME_CAP` is shortened); numbers keep their width; names shrink to
        :data:`NAME_MIN`; prose to its longest word."""
        header = min(_longest_word(self.header), NAME_CAP)
        if self.kind == "number":
            body = max((cell_len(line) for c in self.cells for line in _lines(c)), default=0)
        elif self.kind == "name":
            body = min(self.natural(), NAME_MIN)
        else:
            body = max((_longest_word(line) for c in self.cells for line in _lines(c)), default=0)
        return max(header, body, 1)


def table_width(widths: Sequence[int]) -> int:
    """What a rich table with these column widths takes: one space of padding each side of
    every cell and a rule between and around the columns."""
    return sum(widths) + 3 * len(widths) + 1


def fit(columns: Sequence[Column], width: int) -> list[tuple[Column, int]]:
    """The columns to show and their widths, in at most ``width`` cells when it can be done:
    headers wrap, names longer than :data:`NAME_CAP` are shortened, then low-priority
    columns are dropped, then names shrink to :data:`NAME_MIN` and prose wraps."""
    kept = list(columns)

    def widths(cap: int | None, tight: bool) -> list[int]:
        out = []
        for column in kept:
            if tight:
                out.append(column.least())
                continue
            body = max((cell_len(line) for c in column.cells for line in _lines(c)), default=0)
            w = max(body, min(_longest_word(column.header), NAME_CAP), 1)
            if column.kind == "name" and cap is not None:
                w = max(min(w, cap), column.least())
            out.append(w)
        return out

    natural = [c.natural() for c in kept]
    if table_width(natural) <= width:
        return list(zip(kept, natural, strict=True))
    for attempt in (widths(None, False), widths(NAME_CAP, False)):
        if table_width(attempt) <= width:
            return list(zip(kept, _grow(attempt, natural, width), strict=True))
    while table_width(widths(NAME_CAP, False)) > width:
        droppable = [i for i, c in enumerate(kept) if c.priority > 0]
        if not droppable:
            break
        worst = max(droppable, key=lambda i: (kept[i].priority, i))
        del kept[worst]
    natural = [c.natural() for c in kept]
    capped = widths(NAME_CAP, False)
    if table_width(capped) <= width:
        return list(zip(kept, _grow(capped, natural, width), strict=True))
    tight = widths(None, True)
    # last resort: names narrower still (never a number)
    names = [i for i, c in enumerate(kept) if c.kind == "name"]
    while table_width(tight) > width and any(tight[i] > NAME_LAST for i in names):
        widest = max(names, key=lambda i: tight[i])
        tight[widest] -= 1
    return list(zip(kept, _grow(tight, capped, width), strict=True))


def _grow(widths: list[int], targets: Sequence[int], width: int) -> list[int]:
    """Widths widened towards ``targets`` (unwrapped headers, whole names) while the table
    stays within ``width``, left to right."""
    out = list(widths)
    spare = width - table_width(out)
    for i, target in enumerate(targets):
        if spare <= 0:
            break
        grow = min(spare, max(target - out[i], 0))
        out[i] += grow
        spare -= grow
    return out


def table(
    title: str | None,
    columns: Sequence[Column],
    width: int,
    *,
    sections: Sequence[int] = (),
    row_styles: Sequence[str | None] = (),
) -> Table:
    """A rich table of the columns :func:`fit` keeps, at the widths it picks. ``sections``:
    row indices after which a rule is drawn; ``row_styles``: a style per row."""
    chosen = fit(columns, width)
    out = Table(title=title, title_justify="left", box=box.HEAVY_HEAD)
    for column, w in chosen:
        out.add_column(
            _fit_header(column.header, w),
            justify=column.justify,
            width=w,
            overflow="fold",  # never "…": widths are chosen so that nothing overflows
            style=column.style,
        )
    n_rows = max((len(c.cells) for c in columns), default=0)
    for i in range(n_rows):
        cells: list[Cell] = []
        for column, w in chosen:
            cell = column.cells[i] if i < len(column.cells) else ""
            if column.kind == "name":
                cell = _shorten_cell(cell, w)
            cells.append(Text(cell) if isinstance(cell, str) else cell)  # text, not markup
        style = row_styles[i] if i < len(row_styles) else None
        out.add_row(*cells, end_section=i in sections, style=style)
    return out


def _fit_header(header: str, width: int) -> str:
    """The header with every word longer than the column shortened (a name as a header)."""
    return "\n".join(
        " ".join(shorten(word, width) for word in line.split(" ")) for line in header.split("\n")
    )


def _shorten_cell(cell: Cell, width: int) -> Cell:
    if isinstance(cell, Text):
        lines = cell.plain.split("\n")
        if all(cell_len(line) <= width for line in lines):
            return cell
        return Text("\n".join(shorten(line, width) for line in lines), style=cell.style)
    return "\n".join(shorten(line, width) for line in cell.split("\n"))


def chunks(fixed: Sequence[Column], varying: Sequence[Column], width: int) -> list[list[Column]]:
    """``fixed`` columns followed by as many of ``varying`` as fit, repeated until every
    varying column is shown once (a matrix too wide for one table becomes several)."""
    out: list[list[Column]] = []
    pending = list(varying)
    while pending:
        taken = [pending.pop(0)]
        while pending:
            trial = [*fixed, *taken, pending[0]]
            if table_width([c.least() for c in trial]) > width:
                break
            taken.append(pending.pop(0))
        out.append([*fixed, *taken])
    return out or [list(fixed)]


def part_title(title: str, index: int, count: int) -> str:
    """``title (2/3)`` for one of several tables, the title alone for one."""
    return title if count == 1 else f"{title} ({index + 1}/{count})"

"""Breakdowns by page label, shown by default: for every label that splits the run's pages
(``page_type``, ``language``, ``level``, ``template`` …), one compact matrix of the headline
with its 95% interval per extractor and label value, and the pages of each value.

The matrix is read from the summary (:meth:`bench.reports.analysis.Analysis.breakdown`);
nothing is aggregated here. Its longer side runs down the page: extractors as rows when
there are at least as many extractors as values, else the values as rows. The terminal
tables fit the console (:mod:`bench.reports.fit`), split into numbered parts when too wide.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text

from bench.reports import markdown, text
from bench.reports.analysis import NOISE, Analysis
from bench.reports.fit import Column, chunks, part_title, shorten, table
from bench.stats import Interval

MATRIX_HEADER = 16  # an extractor name as a column header is shortened to this


@dataclass(frozen=True, slots=True)
class Matrix:
    """The headline of every extractor on the pages of every value of one label.
    ``extractors`` are in the main table's order (best first); ``best``: per value, the
    extractors with the best headline there (in its direction), when several are scored."""

    label: str
    values: tuple[str, ...]
    n_pages: dict[str, int]
    extractors: tuple[str, ...]
    cells: dict[tuple[str, str], Interval]
    best: dict[str, frozenset[str]]

    @property
    def values_down(self) -> bool:
        """Whether the label's values are the rows (there are more of them than extractors)."""
        return len(self.values) > len(self.extractors)

    def cell(self, value: str, extractor: str) -> Interval | None:
        return self.cells.get((value, extractor))

    def pages(self, value: str) -> str:
        return text.plural(self.n_pages.get(value, 0), "page")


def shown_labels(analysis: Analysis) -> list[str]:
    """The labels shown by default: every page label of the run with at least two values
    (``noise`` has its own table; a label of one value repeats the main table)."""
    out = []
    for label in analysis.labels_available():
        if label == NOISE:
            continue
        values = {g.value for g in analysis.breakdown(label)}
        if len(values) >= 2:
            out.append(label)
    return out


def matrix(analysis: Analysis, label: str) -> Matrix:
    """The headline matrix of one label (see :class:`Matrix`)."""
    key = analysis.headline.name
    direction = analysis.headline.direction
    groups = analysis.breakdown(label)
    values = tuple(dict.fromkeys(g.value for g in groups))
    present = {g.extractor for g in groups}
    extractors = tuple(r.extractor for r in analysis.rows if r.extractor in present)
    cells: dict[tuple[str, str], Interval] = {}
    n_pages: dict[str, int] = {}
    for g in groups:
        n_pages[g.value] = max(n_pages.get(g.value, 0), g.n_pages)
        if key in g.scores:
            cells[(g.value, g.extractor)] = g.scores[key]
    best: dict[str, frozenset[str]] = {}
    for value in values:
        scored = {e: cells[(value, e)].value for e in extractors if (value, e) in cells}
        if len(scored) >= 2:
            top = max(v * direction for v in scored.values())
            best[value] = frozenset(e for e, v in scored.items() if v * direction == top)
    return Matrix(label, values, n_pages, extractors, cells, best)


def matrices(analysis: Analysis) -> list[Matrix]:
    """Every label's matrix with a score in it, in label order."""
    return [m for label in shown_labels(analysis) if (m := matrix(analysis, label)).cells]


def title(analysis: Analysis, m: Matrix) -> str:
    """``F1 by page_type, 95% CI (bold: best on each page_type)``."""
    return f"{analysis.headline.title} by {m.label}, 95% CI (bold: best on each {m.label})"


def _term_cell(m: Matrix, value: str, extractor: str) -> Text:
    iv = m.cell(value, extractor)
    if iv is None:
        return Text(text.DASH)
    bold = extractor in m.best.get(value, ())
    cell = Text(text.num(iv.value), style="bold" if bold else "")
    if iv.low is not None:
        cell.append("\n" + text.bounds(iv, compact=True), style="dim")
    return cell


def terminal_tables(analysis: Analysis, m: Matrix, width: int) -> list[Table]:
    """One label's matrix as terminal tables of at most ``width`` cells."""
    if m.values_down:
        names = [Text(f"{v}\n") + Text(m.pages(v), style="dim") for v in m.values]
        fixed = [Column(m.label, list(names), "left", kind="name")]
        varying = [
            Column(shorten(e, MATRIX_HEADER), [_term_cell(m, v, e) for v in m.values])
            for e in m.extractors
        ]
    else:
        fixed = [Column("extractor", list(m.extractors), "left", kind="name")]
        varying = [
            Column(f"{v}\n{m.pages(v)}", [_term_cell(m, v, e) for e in m.extractors])
            for v in m.values
        ]
    parts = chunks(fixed, varying, width)
    name = title(analysis, m)
    return [table(part_title(name, i, len(parts)), cols, width) for i, cols in enumerate(parts)]


def all_terminal_tables(analysis: Analysis, width: int) -> list[Table]:
    """Every label's matrix, for the terminal report."""
    return [t for m in matrices(analysis) for t in terminal_tables(analysis, m, width)]


def _md_cell(m: Matrix, value: str, extractor: str) -> str:
    iv = m.cell(value, extractor)
    if iv is None:
        return text.DASH
    number = text.num(iv.value)
    if extractor in m.best.get(value, ()):
        number = f"**{number}**"
    return number if iv.low is None else f"{number} [{text.bounds(iv, compact=True)}]"


def markdown_table(m: Matrix) -> str:
    """One label's matrix as a Markdown table."""
    if m.values_down:
        header = [m.label, "pages", *m.extractors]
        rows = [
            [v, str(m.n_pages.get(v, 0)), *(_md_cell(m, v, e) for e in m.extractors)]
            for v in m.values
        ]
    else:
        header = ["extractor", *(f"{v} ({m.pages(v)})" for v in m.values)]
        rows = [[e, *(_md_cell(m, v, e) for v in m.values)] for e in m.extractors]
    return markdown.table(header, rows)


def markdown_sections(analysis: Analysis) -> list[str]:
    """Every label's matrix with its title, for the Markdown report."""
    out = []
    for m in matrices(analysis):
        field = analysis.headline
        out += [
            f"**{field.title} by {m.label}** (95% CI; {field.better}; bold: best on each "
            f"{m.label})",
            markdown_table(m),
        ]
    return out

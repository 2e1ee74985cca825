"""The terminal report (rich): main table with intervals, failures and empty outputs; paired
tests; per-page score distributions; noise leak; breakdowns by label. Every table fits the
console (:mod:`bench.reports.fit`): columns are dropped or names shortened, numbers never
cut. Labels and directions come from the metric's metadata."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench.reports import breakdowns, structure, text
from bench.reports.analysis import NOISE, Analysis, GroupRow
from bench.reports.fit import Column, chunks, part_title, report_console, shorten, table
from bench.stats import Interval
from bench.summary_records import ExtractorSummary, Summary

MATRIX_HEADER = 16  # an extractor name as a column header is shortened to this


def wide_console() -> Console:
    """The console reports print to: ``COLUMNS`` wide when set (at least 80), else the
    terminal's width, else 120 for a file or a pipe."""
    return report_console()


def _summary(summary: Summary | dict[str, Any]) -> Summary:
    return summary if isinstance(summary, Summary) else Summary.from_json(summary)


def sorted_rows(summary: Summary | dict[str, Any]) -> list[ExtractorSummary]:
    """Rows of a summary, best headline first in its direction (rows without scores last)."""
    s = _summary(summary)
    info = s.info
    if info is None:
        return list(s.results)
    direction = info.headline_field.direction

    def value(row: ExtractorSummary) -> float | None:
        return row.scores.get(info.name, None) and row.scores[info.name].values.get(info.headline)

    scored = [r for r in s.results if value(r) is not None]
    rest = [r for r in s.results if value(r) is None]
    return sorted(scored, key=lambda r: -direction * (value(r) or 0.0)) + rest


def _with_std(values: dict[str, float], key: str) -> str:
    if key not in values:
        return text.DASH
    return f"{text.num(values[key])} ± {text.num(values.get(key + '_std', 0.0))}"


def print_summary(summary: Summary | dict[str, Any], console: Console) -> None:
    """The table of a summary alone (headline ± bootstrap std, the other fields): what
    ``run`` shows when it has no run directory to analyse."""
    s = _summary(summary)
    rows = sorted_rows(s)
    info = s.info
    columns = [
        Column("extractor", [r.extractor for r in rows], "left", kind="name"),
        Column("version", [r.version for r in rows], "left", priority=3, kind="name"),
    ]
    if info is not None:
        scores = [r.scores.get(info.name) for r in rows]
        values = [sc.values if sc else {} for sc in scores]
        columns.append(
            Column(info.headline_field.title, [_with_std(v, info.headline) for v in values])
        )
        for priority, f in enumerate(info.fields, start=1):
            if f.name != info.headline:
                cells = [text.num(v.get(f.name)) for v in values]
                columns.append(Column(f.title, cells, priority=priority))
    columns += [
        Column("pages/s", [text.rate(r.speed.pages_per_s) for r in rows], priority=2),
        Column("failures", [f"{r.failures}/{r.n_pages}" for r in rows]),
        Column("empty", [str(r.empty) for r in rows]),
    ]
    costs = [r.usage.cost_per_1000_pages if r.usage else None for r in rows]
    if any(c is not None for c in costs):  # an llm: extractor with prices
        columns.insert(-2, Column(text.COST, [text.cost(c) for c in costs], priority=1))
    metric = s.metric or "none"
    title = f"{s.corpus} — metric: {metric} (± bootstrap std)"
    console.print(table(title, columns, console.width))


def metrics_tables(summary: Summary | dict[str, Any], width: int) -> list[Table]:
    """Every metric of a run side by side (its headline ± bootstrap std), one row per
    extractor; none for a run of one metric; several tables when they do not fit in one."""
    s = _summary(summary)
    if len(s.metrics) < 2:
        return []
    rows = sorted_rows(s)
    fixed = [Column("extractor", [r.extractor for r in rows], "left", kind="name")]
    varying = []
    for info in s.metrics:
        cells = [
            _with_std(r.scores[info.name].values, info.headline) if info.name in r.scores else ""
            for r in rows
        ]
        varying.append(Column(f"{info.name}\n{info.headline_field.title}", cells))
    title = "all metrics side by side (headline ± bootstrap std)"
    parts = chunks(fixed, varying, width)
    return [table(part_title(title, i, len(parts)), g, width) for i, g in enumerate(parts)]


def print_report(
    summary: Summary | dict[str, Any], console: Console, analysis: Analysis | None = None
) -> None:
    """The full report when an analysis is given, else the summary table; then every metric
    side by side when the run computed several."""
    if analysis is not None:
        print_analysis(analysis, console)
        return
    print_summary(summary, console)
    for extra in metrics_tables(summary, console.width):
        console.print(extra)


def print_analysis(analysis: Analysis, console: Console, by: str | None = None) -> None:
    width = console.width
    console.print(main_table(analysis, width))
    for note in analysis.run.notes:
        console.print(f"[yellow]note:[/] {note}")
    for part in breakdowns.all_terminal_tables(analysis, width):
        console.print(part)
    if any(pair.tested for pair in analysis.pairs):
        console.print(pairs_table(analysis, width))
    for line in text.verdict_sentences(analysis):
        console.print(line)
    console.print(distribution_table(analysis, width))
    if analysis.noise_kinds:
        for part in noise_tables(analysis, width):
            console.print(part)
    if (structure_part := structure.terminal_table(analysis, width)) is not None:
        console.print(structure_part)
    if by is not None:
        console.print(breakdown_table(analysis, analysis.breakdown(by), by, width))
    for extra in metrics_tables(analysis.run.summary, width):
        console.print(extra)
    console.print(Text(text.method_note(analysis), style="dim"))


def main_table(analysis: Analysis, width: int) -> Table:
    rows = analysis.rows
    keys = analysis.shown_keys
    headline = analysis.headline.name
    columns = [
        Column("rank", [text.rank(r) for r in rows]),
        Column("extractor", [r.extractor for r in rows], "left", kind="name"),
        Column("version", [r.version for r in rows], "left", priority=4, kind="name"),
    ]
    for priority, key in enumerate(keys):
        cells: list[str | Text] = []
        for row in rows:
            iv = row.scores.get(key)
            cell = Text(text.num(iv.value if iv else None), style="bold" if key == headline else "")
            if iv is not None and iv.low is not None:
                cell.append("\n" + text.bounds(iv, compact=True), style="dim")
            cells.append(cell)
        columns.append(
            Column(
                f"{analysis.label(key)}\n95% CI", cells, priority=0 if key == headline else priority
            )
        )
    columns += [
        Column("pages/s", [text.rate(r.pages_per_s) for r in rows], priority=2),
        Column("failures", [text.failures(r) for r in rows], kind="prose"),
        Column("empty", [str(r.empty) for r in rows]),
    ]
    costs = [r.cost_per_1000_pages for r in rows]
    if any(c is not None for c in costs):  # an llm: extractor with prices
        columns.insert(-2, Column(text.COST, [text.cost(c) for c in costs], priority=1))
    return table(text.headline(analysis), columns, width)


def pairs_table(analysis: Analysis, width: int) -> Table:
    """The tested pairs; untested ones are one line of the verdict sentences."""
    pairs = [p for p in analysis.pairs if p.tested]
    b = analysis.n_test_resamples
    label = analysis.headline.title
    columns = [
        Column("A", [p.a for p in pairs], "left", kind="name"),
        Column("B", [p.b for p in pairs], "left", kind="name"),
        Column(f"{label}\nA − B", [text.signed(p.diff) for p in pairs]),
        Column("95% CI", [text.bounds_pair(p) for p in pairs], priority=2),
        Column("p", [text.p_value(p.p_value, b) for p in pairs], priority=1),
        Column("p (Holm)", [text.p_value(p.p_adjusted, b) for p in pairs]),
        Column(
            "verdict",
            [
                Text(text.verdict(p, better="A"), style="green" if p.significant else "dim")
                for p in pairs
            ],
            "left",
            kind="prose",
        ),
    ]
    title = (
        f"paired {label} differences on {text.plural(analysis.shared_pages, 'shared page')} "
        "(Holm-adjusted)"
    )
    return table(title, columns, width)


def distribution_table(analysis: Analysis, width: int) -> Table:
    field = analysis.headline
    names = text.distribution_columns(field)
    dists = [text.distribution(row, field) for row in analysis.rows]
    columns = [Column("extractor", [r.extractor for r in analysis.rows], "left", kind="name")]
    # the quantiles nearest the middle go last
    priorities = {"p10": 2, "p90": 2, "p25": 1, "p75": 1, "min": 3, "max": 3}
    for name in names:
        cells = [d.get(name, text.DASH) for d in dists]
        justify = "left" if name == text.HISTOGRAM else "right"
        columns.append(Column(name, cells, justify, priority=priorities.get(name, 0)))
    columns += [
        Column("failures", [str(r.failures) for r in analysis.rows], priority=5),
        Column("empty", [str(r.empty) for r in analysis.rows], priority=5),
    ]
    return table(f"per-page {field.title} distribution", columns, width)


def noise_tables(analysis: Analysis, width: int) -> list[Table]:
    """Noise types × extractors (the transpose reads better: there are many types); several
    tables when the extractors do not fit in one."""
    kinds = analysis.noise_kinds
    has_title = any(row.title_repeats is not None for row in analysis.rows)
    names = [*kinds, *(["title repeats"] if has_title else [])]
    fixed = [Column("noise type", names, "left", kind="name")]
    varying = []
    for row in analysis.rows:
        cells: list[str | Text] = [text.leak_cell(row.noise_leak.get(k)) for k in kinds]
        if has_title:
            cells.append(Text(text.with_bounds(row.title_repeats, 2, compact=True), "italic"))
        varying.append(Column(shorten(row.extractor, MATRIX_HEADER), cells))
    title = (
        "noise leak: share of inserted blocks kept, lower is better [95% CI]; "
        "title repeats: extra copies of the title per page"
    )
    parts = chunks(fixed, varying, width)
    return [table(part_title(title, i, len(parts)), g, width) for i, g in enumerate(parts)]


def _two_lines(iv: Interval | None, fmt: str = "num") -> Text:
    """A value over its interval (dim), as the main table shows them."""
    if iv is None:
        return Text(text.DASH)
    cell = Text(text.share(iv.value) if fmt == "share" else text.num(iv.value))
    if iv.low is not None:
        cell.append("\n" + text.bounds(iv, fmt=fmt, compact=True), style="dim")
    return cell


def breakdown_table(analysis: Analysis, groups: tuple[GroupRow, ...], by: str, width: int) -> Table:
    headline = analysis.headline
    others = [k for k in analysis.shown_keys if k != headline.name]
    values, sections = [], []
    previous = None
    for i, group in enumerate(groups):
        values.append(group.value if group.value != previous else "")
        if i + 1 == len(groups) or groups[i + 1].value != group.value:
            sections.append(i)
        previous = group.value
    columns = [
        Column(by, values, "left", kind="name"),
        Column("extractor", [g.extractor for g in groups], "left", kind="name"),
        Column("pages", [str(g.n_pages) for g in groups]),
        Column(
            f"{headline.title}\n95% CI",
            [_two_lines(g.scores.get(headline.name)) for g in groups],
        ),
    ]
    for priority, key in enumerate(others, start=1):
        cells = [text.num(g.scores[key].value if key in g.scores else None) for g in groups]
        columns.append(Column(analysis.label(key), cells, priority=priority))
    if by == NOISE:
        columns.append(Column("leaked\n95% CI", [_two_lines(g.leak, "share") for g in groups]))
    columns += [
        Column("failures", [str(g.failures) for g in groups], priority=len(others) + 1),
        Column("empty", [str(g.empty) for g in groups], priority=len(others) + 1),
    ]
    return table(f"by {by}", columns, width, sections=sections)

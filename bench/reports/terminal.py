"""The terminal report (rich): main table with intervals, failures and empty outputs; paired
F1 tests; per-page score distributions; noise leak; breakdowns by label."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench.reports import text
from bench.reports.analysis import NOISE, Analysis, GroupRow


def wide_console() -> Console:
    """A console for tables: at least 120 columns when output goes to a file or a pipe."""
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, 120))


def sorted_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Result rows of a ``summary.json``, best headline F1 first (rows without scores last)."""
    return sorted(summary["results"], key=lambda r: -(r["metrics"].get("f1") or -1.0))


def print_summary(summary: dict[str, Any], console: Console) -> None:
    """The table of a ``summary.json`` alone (F1 ± bootstrap std): what ``run`` shows when
    it has no run directory to analyse."""
    metric = summary.get("metric") or "aeb"
    table = Table(title=f"{summary['corpus']} — metric: {metric} (± bootstrap std)")
    for column in ("extractor", "version"):
        table.add_column(column, no_wrap=True)
    for column in ("F1", "precision", "recall", "accuracy", "pages/s", "failures", "empty"):
        table.add_column(column, justify="right", no_wrap=True)
    for row in sorted_rows(summary):
        m = row["metrics"]
        f1 = text.DASH if "f1" not in m else f"{m['f1']:.3f} ± {m.get('f1_std', 0):.3f}"
        table.add_row(
            row["extractor"],
            str(row["version"]),
            f1,
            text.num(m.get("precision")),
            text.num(m.get("recall")),
            text.num(m.get("accuracy")),
            text.rate(row["pages_per_s"]),
            f"{row['failures']}/{row['n_pages']}",
            str(row["empty"]),
        )
    console.print(table)


def headline(values: dict[str, float]) -> str:
    """A metric's headline with its bootstrap std: ``f1``, else ``ratio`` (levenshtein)."""
    for key in ("f1", "ratio"):
        if key in values:
            return f"{key} {values[key]:.3f} ± {values.get(key + '_std', 0.0):.3f}"
    return text.DASH


def metrics_table(summary: dict[str, Any]) -> Table | None:
    """Every metric of a run side by side, one row per extractor; ``None`` for one metric."""
    names = list(dict.fromkeys(m for r in summary["results"] for m in r.get("all_metrics", {})))
    if len(names) < 2:
        return None
    table = Table(title="all metrics side by side (± bootstrap std)")
    table.add_column("extractor", no_wrap=True)
    for name in names:
        table.add_column(name, justify="right", no_wrap=True)
    for row in sorted_rows(summary):
        cells = [headline(row.get("all_metrics", {}).get(name, {})) for name in names]
        table.add_row(row["extractor"], *cells)
    return table


def print_report(
    summary: dict[str, Any], console: Console, analysis: Analysis | None = None
) -> None:
    """The full report when an analysis is given, else the summary table; then every metric
    side by side when the run computed several."""
    if analysis is not None:
        print_analysis(analysis, console)
        return
    print_summary(summary, console)
    if (table := metrics_table(summary)) is not None:
        console.print(table)


def print_analysis(analysis: Analysis, console: Console, by: str | None = None) -> None:
    console.print(main_table(analysis))
    for note in analysis.run.notes:
        console.print(f"[yellow]note:[/] {note}")
    if analysis.pairs:
        console.print(pairs_table(analysis))
        for line in text.verdict_sentences(analysis):
            console.print(line)
    console.print(distribution_table(analysis))
    if analysis.noise_kinds:
        console.print(noise_table(analysis))
    if by is not None:
        console.print(breakdown_table(analysis.breakdown(by), by))
    if (table := metrics_table(analysis.run.summary)) is not None:
        console.print(table)
    console.print(Text(text.method_note(analysis), style="dim"))


def main_table(analysis: Analysis) -> Table:
    keys = analysis.score_keys
    table = Table(title=text.headline(analysis), title_justify="left")
    table.add_column("rank", justify="right", no_wrap=True)
    table.add_column("extractor", no_wrap=True)
    table.add_column("version", no_wrap=True)
    for key in keys:
        table.add_column(f"{text.SCORE_LABELS.get(key, key)}\n95% CI", justify="right")
    for column in ("pages/s", "failures", "empty"):
        table.add_column(column, justify="right")
    for row in analysis.rows:
        cells = []
        for key in keys:
            iv = row.scores.get(key)
            cell = Text(text.num(iv.value if iv else None), style="bold" if key == "f1" else "")
            if iv is not None and iv.low is not None:
                cell.append("\n" + text.bounds(iv, compact=True), style="dim")
            cells.append(cell)
        table.add_row(
            text.rank(row),
            row.extractor,
            row.version,
            *cells,
            text.rate(row.pages_per_s),
            f"{text.failures(row)}/{row.n_pages}",
            str(row.empty),
        )
    return table


def pairs_table(analysis: Analysis) -> Table:
    table = Table(
        title=f"paired F1 differences on {analysis.shared_pages} shared pages (Holm-adjusted)",
        title_justify="left",
    )
    for column in ("A", "B"):
        table.add_column(column, no_wrap=True)
    for column in ("F1 A − B", "95% CI", "p", "p (Holm)"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("verdict")
    for pair in analysis.pairs:
        style = "green" if pair.significant else "dim"
        table.add_row(
            pair.a,
            pair.b,
            text.signed(pair.diff),
            text.bounds_pair(pair),
            text.p_value(pair.p_value, analysis.n_test_resamples),
            text.p_value(pair.p_adjusted, analysis.n_test_resamples),
            Text(text.verdict(pair), style=style),
        )
    return table


def distribution_table(analysis: Analysis) -> Table:
    table = Table(title="per-page F1 distribution", title_justify="left")
    table.add_column("extractor", no_wrap=True)
    columns = ("pages", "F1 = 0", "F1 < 0.5", "p10", "p25", "median", "p75", "histogram 0→1")
    for column in (*columns, "failures", "empty"):
        justify = "left" if column.startswith("histogram") else "right"
        table.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for row in analysis.rows:
        dist = text.distribution(row)
        table.add_row(
            row.extractor,
            *(dist.get(c, text.DASH) for c in columns),
            str(row.failures),
            str(row.empty),
        )
    return table


def noise_table(analysis: Analysis) -> Table:
    """Noise types × extractors (the transpose reads better: there are many types)."""
    table = Table(
        title="noise leak: share of inserted blocks kept, lower is better [95% CI]; "
        "title repeats: extra copies of the title per page",
        title_justify="left",
    )
    table.add_column("noise type", no_wrap=True)
    for row in analysis.rows:
        table.add_column(row.extractor, justify="right", no_wrap=True)
    for kind in analysis.noise_kinds:
        table.add_row(kind, *(text.leak_cell(row.noise_leak.get(kind)) for row in analysis.rows))
    if any(row.title_repeats is not None for row in analysis.rows):
        table.add_row(
            "title repeats",
            *(text.with_bounds(row.title_repeats, 2, compact=True) for row in analysis.rows),
            style="italic",
        )
    return table


def breakdown_table(groups: tuple[GroupRow, ...], by: str) -> Table:
    table = Table(title=f"by {by}", title_justify="left")
    table.add_column(by, no_wrap=True)
    table.add_column("extractor", no_wrap=True)
    table.add_column("pages", justify="right")
    table.add_column("F1 [95% CI]", justify="right", no_wrap=True)
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    if by == NOISE:
        table.add_column("leaked [95% CI]", justify="right", no_wrap=True)
    table.add_column("failures", justify="right")
    table.add_column("empty", justify="right")
    previous = None
    for i, group in enumerate(groups):
        last = i + 1 == len(groups) or groups[i + 1].value != group.value
        leak = [text.with_bounds(group.leak, fmt="share")] if by == NOISE else []
        table.add_row(
            group.value if group.value != previous else "",
            group.extractor,
            str(group.n_pages),
            text.with_bounds(group.scores.get("f1")),
            text.num(group.scores["precision"].value if "precision" in group.scores else None),
            text.num(group.scores["recall"].value if "recall" in group.scores else None),
            *leak,
            str(group.failures),
            str(group.empty),
            end_section=last,
        )
        previous = group.value
    return table

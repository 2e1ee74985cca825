"""``boilerbench compare RUN_A RUN_B``: what changed from run A to run B, extractor by
extractor, with paired intervals, then the headline per page label value; ``--fail`` turns
regressions into a non-zero exit."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import click
from rich.table import Table
from rich.text import Text

from bench.cli.options import split_names
from bench.compare import (
    COUNTS,
    SPEED,
    Change,
    CompareError,
    Comparison,
    Threshold,
    compare_runs,
    parse_pairs,
)
from bench.records import SchemaError
from bench.report import wide_console
from bench.reports import text
from bench.reports.fit import Column, table

EXIT_REGRESSION = 1


class CompareRefused(click.ClickException):
    """The runs cannot be compared as asked (exit 2, like other user errors)."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def,override]
        click.echo(f"error: {self.format_message()}", err=True)


def _value(metric: str, value: float | None) -> str:
    if value is None:
        return text.DASH
    if metric in COUNTS:
        return f"{value:.0f}"
    if metric in SPEED:
        return text.rate(value)
    return text.num(value)


def _diff(metric: str, diff: float | None, relative: float | None) -> str:
    """``-0.031`` over ``(-3.8%)``: the change and, below it, the change relative to A."""
    if diff is None:
        return text.DASH
    body = (
        f"{diff:+.0f}"
        if metric in COUNTS
        else f"{diff:+,.1f}"
        if metric in SPEED
        else (f"{diff:+.3f}")
    )
    if relative is not None and math.isfinite(relative) and metric not in COUNTS:
        body += f"\n({relative:+.1%})"
    return body


def _verdict(comparison: Comparison, change: Change) -> Text:
    """better / worse (significant changes, in the statistic's direction), changed (a
    significant change of a statistic without one), n.s. (not significant), blank (no test)."""
    if change.p_value is None:
        return Text("")
    if not change.significant:
        return Text("n.s.", style="dim")
    direction = comparison.directions.get(change.metric, 0)
    if direction == 0:
        return Text("changed", style="bold")
    better = (change.diff or 0) * direction > 0
    return Text("better" if better else "worse", style="bold green" if better else "bold red")


def comparison_table(comparison: Comparison, width: int) -> Table:
    """B − A per extractor pair and statistic, fitted to ``width``."""
    a, b = comparison.run_a, comparison.run_b
    changes = comparison.changes
    labels, sections = [], []
    for i, change in enumerate(changes):
        labels.append(change.label if i == 0 or changes[i - 1].label != change.label else "")
        if i + 1 == len(changes) or changes[i + 1].label != change.label:
            sections.append(i)
    cis = [_interval(c) for c in changes]
    columns = [
        Column("extractor", labels, "left", kind="name"),
        Column("metric", [c.metric for c in changes], "left"),
        Column("pages", [str(c.n_pages) for c in changes], priority=2),
        Column("A", [_value(c.metric, c.a) for c in changes]),
        Column("B", [_value(c.metric, c.b) for c in changes]),
        Column("B − A", [_diff(c.metric, c.diff, c.relative) for c in changes]),
        Column("95% CI", cis, priority=1),
        Column("p (Holm)", [text.p_value(c.p_adjusted, comparison.n_resamples) for c in changes]),
        Column("verdict", [_verdict(comparison, c) for c in changes], "left"),
    ]
    title = (
        f"A = {a.root}  →  B = {b.root}   ({a.corpus_name}"
        + ("" if comparison.same_corpus else f" vs {b.corpus_name}, forced")
        + f"; B − A with paired 95% intervals over the pages both scored, "
        f"{comparison.n_resamples:,} resamples; p Holm-adjusted; n.s. = not significant)"
    )
    return table(title, columns, width, sections=sections)


def label_table(comparison: Comparison, label: str, width: int) -> Table:
    """The headline's B − A per extractor pair and value of one label, fitted to ``width``."""
    rows = [g for g in comparison.breakdowns if g.label == label]
    names, sections = [], []
    for i, g in enumerate(rows):
        first = i == 0 or rows[i - 1].change.label != g.change.label
        names.append(g.change.label if first else "")
        if i + 1 == len(rows) or rows[i + 1].change.label != g.change.label:
            sections.append(i)
    changes = [g.change for g in rows]
    columns = [
        Column("extractor", names, "left", kind="name"),
        Column(label, [g.value for g in rows], "left", kind="name"),
        Column("pages", [str(c.n_pages) for c in changes]),
        Column("A", [_value(c.metric, c.a) for c in changes]),
        Column("B", [_value(c.metric, c.b) for c in changes]),
        Column("B − A", [_diff(c.metric, c.diff, c.relative) for c in changes]),
        Column("95% CI", [_interval(c) for c in changes], priority=1),
        Column("p (Holm)", [text.p_value(c.p_adjusted, comparison.n_resamples) for c in changes]),
        Column("verdict", [_verdict(comparison, c) for c in changes], "left"),
    ]
    metric = changes[0].metric if changes else ""
    title = f"{metric} by {label}: B − A on each {label}'s pages (p Holm-adjusted within {label})"
    return table(title, columns, width, sections=sections)


def _interval(change: Change) -> str:
    if change.low is None or change.high is None:
        return text.DASH
    return f"[{change.low:+.3f}, {change.high:+.3f}]"


def print_comparison(comparison: Comparison) -> None:
    console = wide_console()
    console.print(comparison_table(comparison, console.width))
    for label in comparison.labels():
        console.print(label_table(comparison, label, console.width))
    if comparison.only_a:
        console.print(f"[yellow]only in A:[/] {', '.join(comparison.only_a)}")
    if comparison.only_b:
        console.print(f"[yellow]only in B:[/] {', '.join(comparison.only_b)}")


@click.command()
@click.argument("run_a", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.argument("run_b", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--fail",
    "fail_specs",
    multiple=True,
    metavar="METRIC:DELTA[%]",
    help="Exit 1 when an extractor gets worse than this from A to B: f1:-0.01 (F1 falls by "
    "more than 0.01), recall:-2% (relative), failures:+0, pages_per_s:-20%; a score where "
    "lower is better gets worse when it rises (distance:+0.5). Other metrics of the run: "
    "tokens.f1:-0.01. Repeatable.",
)
@click.option(
    "--significant-only",
    is_flag=True,
    help="With --fail: count a score regression only when it is significant "
    "(Holm-adjusted paired p < 0.05).",
)
@click.option(
    "--pair",
    "pair_specs",
    multiple=True,
    metavar="A=B",
    help="Compare extractor A of RUN_A with extractor B of RUN_B (repeatable); without it, "
    "extractors with the same name are compared.",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help="Compare only these extractors (same name in both runs).",
)
@click.option("--force", is_flag=True, help="Compare runs made on different corpora.")
@click.option(
    "--corpus",
    "corpus_spec",
    metavar="CORPUS",
    help="The corpus, if a run's summary is from an older boilerbench and the corpus moved.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the comparison as JSON.")
def compare(
    run_a: Path,
    run_b: Path,
    fail_specs: tuple[str, ...],
    significant_only: bool,
    pair_specs: tuple[str, ...],
    extractor_specs: tuple[str, ...],
    force: bool,
    corpus_spec: str | None,
    as_json: bool,
) -> None:
    """Compare RUN_B against RUN_A on the pages both scored; gate regressions with --fail."""
    try:
        comparison = compare_runs(
            run_a,
            run_b,
            pairs=parse_pairs(pair_specs),
            extractors=split_names(extractor_specs),
            force=force,
            corpus_spec=corpus_spec,
        )
        thresholds = [Threshold.parse(spec, comparison.directions) for spec in fail_specs]
    except (CompareError, SchemaError) as exc:
        raise CompareRefused(str(exc)) from exc
    violations = comparison.violations(thresholds, significant_only=significant_only)
    if as_json:
        data = comparison.to_json()
        data["thresholds"] = [str(t) for t in thresholds]
        data["violations"] = [v.describe() for v in violations]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print_comparison(comparison)
    if thresholds:
        if violations:
            for violation in violations:
                click.echo(f"FAIL {violation.describe()}", err=True)
            sys.exit(EXIT_REGRESSION)
        click.echo(f"ok: no extractor broke {', '.join(str(t) for t in thresholds)}", err=True)

"""``boilerbench list extractors|corpora|metrics``: what can be run, without importing it."""

from __future__ import annotations

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from bench import metrics
from corpora.registry import list_corpora
from extractors.registry import list_extractors


@click.group("list")
def list_group() -> None:
    """List extractors, corpora or metrics."""


@list_group.command("extractors")
def list_extractors_cmd() -> None:
    """Every known extractor: installed or not, version, output kind (text, markdown or html)
    and how to install it."""
    table = Table()
    columns = ("name", "installed", "version", "output", "install", "source")
    columns += ("description / problem",)
    for column in columns:
        table.add_column(column, no_wrap=column in ("name", "version", "output", "install"))
    for row in list_extractors():
        note = row.info.description if row.installed else (row.problem or "")
        table.add_row(
            row.info.name,
            "yes" if row.installed else "no",
            row.version or "–",
            row.info.output_kind,
            escape(row.info.install_hint or "built in"),
            row.info.source,
            escape(note),
        )
    console = Console(width=max(Console().width, 160))
    console.print(table)
    console.print(_llm_presets())


def _llm_presets() -> Table:
    """The presets of ``llm:`` extractors: what each sends (the hash is in the run identity)."""
    from extractors.llm import presets

    table = Table(
        title="llm: presets — -e 'NAME=llm:MODEL@BASE_URL' --param NAME.preset=PRESET "
        "(or a .toml file; docs/llm-extractors.md)"
    )
    for column in ("preset", "output", "sha256", "cleaning", "instruction"):
        table.add_column(column, no_wrap=column in ("preset", "sha256"))
    for name in presets.names():
        preset = presets.load(name)
        extra = ", ".join(f"{k}={v}" for k, v in preset.request.items())
        cleaning = ", ".join(preset.clean) or "none"
        table.add_row(
            name,
            preset.output_kind,
            preset.sha256[:12],
            escape(cleaning + (f"\nrequest: {extra}" if extra else "")),
            escape(preset.instruction),
        )
    return table


@list_group.command("corpora")
def list_corpora_cmd() -> None:
    """Built-in corpora and the formats --corpus understands."""
    table = Table()
    table.add_column("--corpus")
    table.add_column("what")
    for name, description in list_corpora():
        table.add_row(name, description)
    Console().print(table)


@list_group.command("metrics")
def list_metrics_cmd() -> None:
    """Metrics --metric accepts: headline field and which way is better, the gold each needs.
    A plugin that cannot be loaded is listed with its problem."""
    from bench.reports.fit import Column, report_console, table

    rows = []
    for name in metrics.names():
        try:
            info = metrics.info(name)
        except metrics.MetricError as exc:
            rows.append((name, "–", "–", metrics.source(name), f"cannot be loaded: {exc}"))
            continue
        field = info.headline_field
        arrow = "↑" if field.higher_is_better else "↓"
        rows.append(
            (
                name,
                f"{field.name} {arrow}",
                ",".join(info.needs),
                metrics.source(name),
                info.description,
            )
        )
    columns = [
        Column("name", [r[0] for r in rows], "left", kind="name"),
        Column("headline", [r[1] for r in rows], "left"),
        Column("gold", [r[2] for r in rows], "left", priority=2),
        Column("source", [r[3] for r in rows], "left", priority=1),
        Column("description / problem", [r[4] for r in rows], "left", kind="prose"),
    ]
    console = report_console()
    title = "metrics (headline ↑: higher is better, ↓: lower is better)"
    console.print(table(title, columns, console.width))

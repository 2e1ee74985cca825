"""``boilerbench report RUN``: the comparison table of a finished (or partial) run."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bench.report import print_report, wide_console
from bench.store import RunStore


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print summary.json.")
def report(run_dir: Path, as_json: bool) -> None:
    """Show the table of a run directory."""
    summary = RunStore(run_dir).summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
    else:
        print_report(summary, wide_console())

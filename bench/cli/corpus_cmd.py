"""``boilerbench corpus build|validate|stats``: generate the built-in corpus and check or
describe any native corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

PROGRESS_FROM = 1000


def _progress(console: Console, total: int, label: str, show: bool) -> Progress:
    columns = (
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("left:"),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=console, disable=not show, transient=True)


@click.group("corpus")
def corpus() -> None:
    """Build the generated corpus; validate or describe a native corpus."""


@corpus.command("build")
@click.option("--pages", type=click.IntRange(min=1), default=300, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Generator seed.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to create (must not exist or be empty).",
)
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def build_cmd(pages: int, seed: int, out: Path, no_progress: bool) -> None:
    """Generate the built-in corpus (the seed page, then noisy pages) into --out."""
    from corpora.builtin import write_corpus

    console = Console(stderr=True)
    show = not no_progress and pages >= PROGRESS_FROM and console.is_terminal
    with _progress(console, pages, "building", show) as bar:
        task = bar.add_task("build", total=pages)
        write_corpus(out, pages, seed, on_page=lambda done: bar.update(task, completed=done))
    click.echo(f"{pages} pages written to {out} (seed {seed})")


@corpus.command("validate")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def validate_cmd(folder: Path, no_progress: bool) -> None:
    """Check a native corpus; print every problem and exit 1 if there is any."""
    from corpora.builtin.validate import validate

    console = Console(stderr=True)
    show = not no_progress and console.is_terminal
    with _progress(console, 0, "validating", show) as bar:
        task = bar.add_task("validate", total=None)
        count, problems = validate(folder, on_page=lambda done: bar.update(task, completed=done))
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{count} pages, {len(problems)} problem(s)")
        sys.exit(1)
    click.echo(f"{count} pages, no problems")


@corpus.command("stats")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats_cmd(folder: Path, as_json: bool) -> None:
    """Pages per language, template and noise type, and duplicate groups."""
    from corpora.builtin.stats import folder_stats

    stats = folder_stats(folder)
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    console = Console()
    console.print(f"{stats['pages']} pages, {stats['dup_groups']} duplicate groups (≥ 2 pages)")
    for key, title in (
        ("languages", "language"),
        ("templates", "template"),
        ("noise_types", "noise type"),
        ("dup_group_sizes", "group size"),
    ):
        table = Table(title=None)
        table.add_column(title)
        table.add_column("groups" if key == "dup_group_sizes" else "pages", justify="right")
        for name, count in stats[key].items():
            table.add_row(name, str(count))
        console.print(table)

"""``boilerbench corpus build|validate|stats``: generate the built-in corpus, check a native
corpus, and describe any corpus (pages per label value)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

PROGRESS_FROM = 1000
MAX_ROWS = 20  # values shown per label in the terminal (a WCXB split has 1,296 domains)


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
    """Build the generated corpus; validate a native corpus; describe any corpus."""


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
@click.argument("spec", metavar="CORPUS")
@click.option(
    "--split",
    default=None,
    help="The split of a corpus that has them (WCXB: dev, test or all; default dev).",
)
@click.option(
    "--where",
    "conditions",
    metavar="LABEL=VALUE",
    multiple=True,
    help="Only the pages with this label value (repeatable; one label's values are "
    "alternatives, different labels must all hold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats_cmd(spec: str, split: str | None, conditions: tuple[str, ...], as_json: bool) -> None:
    """Pages per value of every label (page type, language, split, template …), noise types
    and duplicate groups of CORPUS: a built-in name, a folder, or FORMAT:PATH."""
    from corpora.builtin.stats import corpus_stats
    from corpora.registry import open_corpus
    from corpora.slicing import describe, label_counts, where

    corpus = where(open_corpus(spec, split=split), conditions)
    stats = {
        "corpus": corpus.name,
        "format": corpus.format,
        **({"where": describe(conditions)} if conditions else {}),
        **corpus_stats(corpus),
        "skipped": len(corpus.skipped),
        "labels": label_counts(corpus),
    }
    if as_json:
        click.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    console = Console()
    sliced = f" where {stats['where']}" if conditions else ""
    console.print(
        f"{corpus.name} ({corpus.format}){sliced}: {stats['pages']} pages, "
        f"{stats['dup_groups']} duplicate groups (≥ 2 pages)"
        + (f", {stats['skipped']} gold records skipped" if stats["skipped"] else "")
    )
    # few values first: split and page type before 1,296 domains
    labels = sorted(stats["labels"].items(), key=lambda item: (len(item[1]), item[0]))
    tables = [(label, "pages", counts) for label, counts in labels]
    if stats["noise_types"]:
        tables.append(("noise type", "pages", stats["noise_types"]))
    if stats["dup_group_sizes"]:
        tables.append(("group size", "groups", stats["dup_group_sizes"]))
    for title, unit, counts in tables:
        table = Table(title=None)
        table.add_column(title)
        table.add_column(unit, justify="right")
        rows = list(counts.items())
        for name, count in rows[:MAX_ROWS]:
            table.add_row(name, str(count))
        if len(rows) > MAX_ROWS:
            rest = rows[MAX_ROWS:]
            table.add_row(
                f"… {len(rest)} more (--json lists all)", str(sum(n for _, n in rest)), style="dim"
            )
        console.print(table)

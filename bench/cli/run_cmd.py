"""``boilerbench run``: extractors × corpus → a run directory and the comparison table."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from bench import metrics, runner
from bench.cli.options import split_names
from bench.report import print_report, wide_console
from corpora.registry import open_corpus
from extractors.registry import DEFAULT_SET


def default_out() -> Path:
    return Path("runs") / time.strftime("%Y%m%d-%H%M%S")


@click.command()
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="Built-in name, folder, or FORMAT:PATH. Default: the built-in corpus.",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help="Extractor name, module:function, file.py:function or 'cmd:program'. "
    f"Repeatable. Default: {','.join(DEFAULT_SET)}.",
)
@click.option(
    "--metric",
    "metric_specs",
    multiple=True,
    metavar="M[,N]",
    help=f"Metrics to compute (first is the headline). Default: {metrics.DEFAULT[0]}.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Run directory. Default: runs/<timestamp>.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds one extractor may spend on one page.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Seeds page order and the bootstrap."
)
@click.option("--resume", is_flag=True, help="Finish the run in --out: only missing pages run.")
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def run(
    corpus_spec: str | None,
    extractor_specs: tuple[str, ...],
    metric_specs: tuple[str, ...],
    out: Path | None,
    jobs: int,
    timeout: float,
    seed: int,
    resume: bool,
    as_json: bool,
    no_progress: bool,
) -> None:
    """Run extractors on a corpus, score them and print the comparison table."""
    if resume and out is None:
        raise click.UsageError("--resume needs --out DIR (the run to finish)")
    extractors = split_names(extractor_specs) or DEFAULT_SET
    metric_names = split_names(metric_specs) or metrics.DEFAULT
    corpus = open_corpus(corpus_spec)
    out = out or default_out()
    config = runner.RunConfig(
        corpus=corpus,
        extractors=extractors,
        out=out,
        jobs=jobs,
        timeout=timeout,
        seed=seed,
        metrics=metric_names,
        resume=resume,
        argv=tuple(sys.argv),
    )
    console = Console(stderr=True)
    show = not no_progress and console.is_terminal
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("failures: {task.fields[failures]}"),
        TimeElapsedColumn(),
        TextColumn("left:"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not show) as bar:
        task = bar.add_task(f"{corpus.name}", total=None, failures=0)

        def update(progress: runner.Progress) -> None:
            bar.update(
                task, total=progress.total, completed=progress.done, failures=progress.failures
            )

        summary = runner.run(config, on_progress=update)
    if as_json:
        import json

        click.echo(json.dumps(summary, indent=2, ensure_ascii=False))
        return
    print_report(summary, wide_console())
    click.echo(f"run saved in {out}  (boilerbench report {out})", err=True)

"""The progress bar shown while a run works: pages done, failures, time left."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from bench import runner


def run_with_progress(config: runner.RunConfig, show: bool = True) -> dict[str, Any]:
    """``runner.run`` with a progress bar on stderr (only when stderr is a terminal)."""
    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("failures: {task.fields[failures]}"),
        TimeElapsedColumn(),
        TextColumn("left:"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not (show and console.is_terminal)) as bar:
        task = bar.add_task(config.corpus.name, total=None, failures=0)

        def update(progress: runner.Progress) -> None:
            bar.update(
                task, total=progress.total, completed=progress.done, failures=progress.failures
            )

        return runner.run(config, on_progress=update)

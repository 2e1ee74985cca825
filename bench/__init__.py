"""The boilerbench harness: runner, run store, metrics, summaries, reports and the CLI."""

from __future__ import annotations

from bench.records import PageResult, Task
from bench.runner import RunConfig, RunError, RunInterrupted, run

__all__ = ["PageResult", "RunConfig", "RunError", "RunInterrupted", "Task", "run"]

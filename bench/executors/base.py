"""The executor interface and the settings every executor receives."""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from bench.records import PageResult, Task
from corpora.corpus import Corpus
from extractors.base import LoadedExtractor

ResultSink = Callable[[PageResult, str], None]


class ExecutorError(Exception):
    """The executor cannot start or lost its workers; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What decides how pages run: the corpus and metrics, the extractors loaded in the
    parent, the per-page timeout and per-worker memory limit, and where to run."""

    corpus: Corpus
    metrics: tuple[str, ...]
    extractors: dict[str, LoadedExtractor] = field(default_factory=dict)
    jobs: int = 2
    timeout: float = 60.0
    max_memory_mb: int | None = None
    scheduler: str | None = None
    batch_size: int = 32
    chunk_size: int | None = None  # local: pages per chunk (None: from the time per page)


class Executor(Protocol):
    """Runs tasks and hands each page result (with its text) to ``sink`` as it arrives.

    A page whose extractor fails in any way is a result with ``error`` set; an executor
    raises only when it cannot go on (:class:`ExecutorError`, Ctrl-C, or ``sink`` failing).
    ``start`` may be called first, so the executor starts its workers while the run still
    prepares (reads the corpus, opens the store); ``close`` always ends it.
    """

    def start(self) -> None: ...

    def run(self, tasks: Sequence[Task], sink: ResultSink) -> None: ...

    def close(self) -> None: ...


def exit_reason(code: int | None) -> str:
    """``crashed: ...`` for a worker process that ended with ``code`` (negative: a signal)."""
    if code is None:
        return "crashed: worker died"
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        hint = " (the system may have run out of memory)" if -code == signal.SIGKILL else ""
        return f"crashed: worker killed by {name} (exit code {code}){hint}"
    return f"crashed: worker exited with code {code}"

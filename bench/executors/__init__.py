"""Where a run's pages are executed: ``local`` (a process pool on this machine) or ``dask``
(batches of pages on a Dask distributed cluster). Both hand every page result to the same
sink, so the run store, resume and the summary do not depend on the executor."""

from __future__ import annotations

import difflib

from bench.executors.base import Executor, ExecutorError, ResultSink, Settings

NAMES = ("local", "dask")

__all__ = ["NAMES", "Executor", "ExecutorError", "ResultSink", "Settings", "check", "create"]


def check(name: str, scheduler: str | None) -> None:
    """Refuse an unknown executor or a scheduler address that does not fit it."""
    if name not in NAMES:
        close = difflib.get_close_matches(name, NAMES, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ExecutorError(f"unknown executor {name!r}{hint} (known: {', '.join(NAMES)})")
    if name == "dask" and not scheduler:
        raise ExecutorError(
            "--executor dask needs --scheduler ADDRESS (e.g. tcp://scheduler-host:8786)"
        )
    if name != "dask" and scheduler:
        raise ExecutorError("--scheduler is only used with --executor dask")


def create(name: str, settings: Settings) -> Executor:
    """The executor called ``name``; its library is imported only when it is chosen."""
    check(name, settings.scheduler)
    if name == "dask":
        from bench.executors.dask import DaskExecutor

        return DaskExecutor(settings)
    from bench.executors.local import LocalExecutor

    return LocalExecutor(settings)

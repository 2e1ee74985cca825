"""Run extractors over a corpus in worker processes, each page under a timeout, into a run
store that can be resumed after Ctrl-C or kill -9."""

from __future__ import annotations

import logging
import multiprocessing
import random
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pebble import ProcessExpired, ProcessPool

from bench import environment, metrics, worker
from bench.records import SCHEMA_VERSION, PageResult, Task
from bench.store import RunStore, StoreError
from bench.summary import summarize
from corpora.corpus import Corpus
from extractors import registry
from extractors.base import LoadedExtractor

logger = logging.getLogger(__name__)


class RunError(Exception):
    """The run cannot start or continue; the message says why and what to do."""


class RunInterrupted(RunError):
    """Ctrl-C: what was done is saved; ``--resume`` finishes the run."""


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything that decides a run's results (argv is recorded, not used)."""

    corpus: Corpus
    extractors: tuple[str, ...]
    out: Path
    jobs: int = 2
    timeout: float = 60.0
    seed: int = 0
    metrics: tuple[str, ...] = metrics.DEFAULT
    resume: bool = False
    argv: tuple[str, ...] = field(default_factory=lambda: tuple(sys.argv))


@dataclass(slots=True)
class Progress:
    """What the progress display is told after each page."""

    total: int
    done: int = 0
    failures: int = 0


ProgressCallback = Callable[[Progress], None]


def load_extractors(specs: Sequence[str]) -> dict[str, LoadedExtractor]:
    """Load every extractor before any work starts, so a bad name fails at once."""
    return {spec: registry.load(spec) for spec in specs}


def _describe(loaded: dict[str, LoadedExtractor]) -> list[dict[str, Any]]:
    return [
        {"name": spec, "spec": ex.spec, "version": ex.version, "params": ex.params}
        for spec, ex in loaded.items()
    ]


def _manifest(config: RunConfig, checksum: str, extractors: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "boilerbench",
        "tool_version": environment.tool_version(),
        "git_sha": environment.git_sha(),
        "argv": list(config.argv),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "corpus": {
            "name": config.corpus.name,
            "format": config.corpus.format,
            "location": config.corpus.location,
            "checksum": checksum,
            "n_pages": len(config.corpus.pages),
        },
        "extractors": extractors,
        "metrics": list(config.metrics),
        "seed": config.seed,
        "settings": {"jobs": config.jobs, "timeout": config.timeout},
        "libraries": environment.library_versions(),
        "machine": environment.machine(),
    }


def _open_store(config: RunConfig, checksum: str, extractors: list[dict[str, Any]]) -> RunStore:
    store = RunStore(config.out)
    if config.resume:
        if not store.exists():
            raise RunError(f"--resume: {config.out} holds no run to resume")
        manifest = store.manifest()
        if manifest["corpus"]["checksum"] != checksum:
            raise RunError(
                f"--resume: {config.out} was run on another corpus "
                f"({manifest['corpus']['name']}, checksum differs)"
            )
        before = [e["name"] for e in manifest["extractors"]]
        if before != [e["name"] for e in extractors]:
            raise RunError(
                f"--resume: {config.out} ran extractors {before}; resume with the same extractors"
            )
        if list(manifest.get("metrics", [])) != list(config.metrics):
            raise RunError(f"--resume: {config.out} used metrics {manifest.get('metrics')}")
        return store
    if store.exists() or (config.out.exists() and any(config.out.iterdir())):
        raise RunError(
            f"{config.out} already holds files; use --resume to finish that run "
            "or choose another --out"
        )
    store.create(_manifest(config, checksum, extractors))
    return store


def _failure(task: Task, corpus: Corpus, error: str, seconds: float) -> PageResult:
    return PageResult(
        page=corpus.pages[task.page_index].id,
        extractor=task.extractor,
        seconds=seconds,
        output_chars=0,
        output_sha256=None,
        error=error,
    )


def _collect(
    future: Future[Any], task: Task, corpus: Corpus, timeout: float, started: float
) -> tuple[PageResult, str]:
    try:
        return future.result()
    except FutureTimeout:
        return _failure(task, corpus, f"timeout: no result after {timeout:g} s", timeout), ""
    except ProcessExpired as exc:
        reason = f"crashed: worker died (exit code {exc.exitcode})"
        return _failure(task, corpus, reason, time.monotonic() - started), ""
    except MemoryError:
        return _failure(task, corpus, "memory: out of memory", time.monotonic() - started), ""
    except BaseException as exc:  # e.g. SystemExit from an extractor, unpicklable output
        reason = worker.describe_error(exc)
        return _failure(task, corpus, reason, time.monotonic() - started), ""


def _execute(
    config: RunConfig,
    store: RunStore,
    tasks: list[Task],
    loaded: dict[str, LoadedExtractor],
    on_progress: ProgressCallback | None,
    progress: Progress,
) -> None:
    window = max(1, config.jobs) * 4
    pending: dict[Future[Any], tuple[Task, float]] = {}
    queue = iter(tasks)
    # fork: workers inherit the imported libraries and the loaded extractors for free.
    context = (
        multiprocessing.get_context("fork")
        if "fork" in multiprocessing.get_all_start_methods()
        else None
    )
    with ProcessPool(
        max_workers=max(1, config.jobs),
        initializer=worker.init_worker,
        initargs=(config.corpus, config.metrics, loaded),
        context=context,
    ) as pool:
        try:
            while True:
                while len(pending) < window:
                    task = next(queue, None)
                    if task is None:
                        break
                    future = pool.schedule(worker.run_task, args=(task,), timeout=config.timeout)
                    pending[future] = (task, time.monotonic())
                if not pending:
                    break
                finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
                for future in finished:
                    task, started = pending.pop(future)
                    result, text = _collect(future, task, config.corpus, config.timeout, started)
                    store.append(result, text)
                    progress.done += 1
                    progress.failures += result.error is not None
                    if on_progress:
                        on_progress(progress)
        except KeyboardInterrupt:
            pool.stop()
            raise


def run(config: RunConfig, on_progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Run (or finish) a benchmark and return its summary, also written to the store."""
    for name in config.metrics:
        metrics.get(name)
    loaded = load_extractors(config.extractors)
    described = _describe(loaded)
    checksum = config.corpus.checksum()
    store = _open_store(config, checksum, described)
    done = {(r.page, r.extractor) for r in store.results(repair=True)}
    store.repair_outputs(list(config.extractors))
    tasks = [
        Task(index, spec)
        for index, page in enumerate(config.corpus.pages)
        for spec in config.extractors
        if (page.id, spec) not in done
    ]
    random.Random(config.seed).shuffle(tasks)
    progress = Progress(total=len(tasks))
    if on_progress:
        on_progress(progress)
    try:
        _execute(config, store, tasks, loaded, on_progress, progress)
    except KeyboardInterrupt as exc:
        store.close()
        raise RunInterrupted(
            f"interrupted after {progress.done} of {progress.total} pages; everything done is "
            f"saved. Finish with: boilerbench run --resume --out {config.out}"
        ) from exc
    except OSError as exc:
        store.close()
        raise StoreError(f"writing to {config.out} failed: {exc}") from exc
    store.close()
    return finish(store, config.corpus, checksum)


def finish(store: RunStore, corpus: Corpus, checksum: str | None = None) -> dict[str, Any]:
    """(Re)compute ``summary.json`` from the stored page results."""
    manifest = store.manifest()
    summary = summarize(
        store.results(),
        corpus,
        manifest["extractors"],
        manifest.get("metrics", list(metrics.DEFAULT)),
        manifest.get("seed", 0),
    )
    summary["corpus_checksum"] = checksum or manifest["corpus"]["checksum"]
    store.write_summary(summary)
    return summary

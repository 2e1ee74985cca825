"""Run extractors over a corpus, each page under a timeout and a memory limit, into a run
store that can be resumed after Ctrl-C, kill -9 or a full disk. Where pages run (this
machine or a Dask cluster) is the executor's business (:mod:`bench.executors`)."""

from __future__ import annotations

import contextlib
import functools
import logging
import pickle
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from bench import environment, executors, metrics
from bench.cache import CacheError, OutputCache, hit_result
from bench.digests import corpus_checksum, page_digests
from bench.executors import io
from bench.identity import ExtractorIdentity, identity_of
from bench.order import page_grouped
from bench.records import (
    CorpusRecord,
    ExtractorRecord,
    Manifest,
    PageResult,
    Task,
    text_sha256,
)
from bench.sandbox import DEFAULT_MAX_MEMORY_MB
from bench.scoring import diagnose_page, score_key, score_page, with_scores
from bench.store import OUTPUTS, RunStore, StoreError
from bench.summary import summarize
from corpora.corpus import Corpus
from corpora.page import Page
from extractors import registry
from extractors.base import LoadedExtractor
from extractors.spec import ExtractorSpec, as_spec

logger = logging.getLogger(__name__)

EXECUTORS = executors.NAMES
DEFAULT_BATCH_SIZE = 32
# Results that may wait in memory for the corpus checksum (a fresh run's manifest needs it);
# beyond this many, they wait in a temporary file (a large corpus takes minutes to hash).
MAX_WAITING = 1000


class RunError(Exception):
    """The run cannot start or continue; the message says why and what to do."""


class RunInterrupted(RunError):
    """Ctrl-C: what was done is saved; ``--resume`` finishes the run."""


class _WriteFailed(Exception):
    """Appending to the run store failed (disk full, folder gone): carries the OSError."""


@dataclass(frozen=True, slots=True)
class RunConfig:
    """Everything that decides a run's results (argv is recorded, not used).

    ``max_memory_mb`` is the address space each worker may add to its start-up size
    (``RLIMIT_AS``; ``None`` or 0: no limit). ``executor`` is ``local`` (``jobs`` processes
    here) or ``dask`` (batches of ``batch_size`` page runs on the cluster at ``scheduler``).
    ``cache_dir`` is the output cache's folder (:mod:`bench.cache`; ``None``: no cache).
    ``corpus_spec`` is what opened the corpus (recorded, so ``--resume`` can open it again).
    ``chunk_size`` fixes how many pages a local worker takes at a time (``None``: as many as
    take about a quarter of a second, from the measured time per page); it changes no result.
    """

    corpus: Corpus
    extractors: tuple[ExtractorSpec, ...]
    out: Path
    jobs: int = 2
    timeout: float = 60.0
    seed: int = 0
    metrics: tuple[str, ...] = metrics.DEFAULT
    resume: bool = False
    argv: tuple[str, ...] = field(default_factory=lambda: tuple(sys.argv))
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB
    executor: str = "local"
    scheduler: str | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    cache_dir: Path | None = None
    corpus_spec: str | None = None
    split: str | None = None
    where: tuple[str, ...] = ()
    chunk_size: int | None = None

    def __post_init__(self) -> None:
        # spec strings ("trafilatura", "short=mod:attr") are accepted for convenience
        specs = tuple(as_spec(spec) for spec in self.extractors)
        object.__setattr__(self, "extractors", specs)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(spec.name for spec in self.extractors)


def check_execution(executor: str, scheduler: str | None, max_memory_mb: int | None) -> None:
    """Validate ``--executor``, ``--scheduler`` and ``--max-memory`` before any work starts
    (the CLI may call it to fail fast; :func:`run` calls it too)."""
    try:
        executors.check(executor, scheduler)
    except executors.ExecutorError as exc:
        raise RunError(str(exc)) from exc
    if max_memory_mb is not None and max_memory_mb < 0:
        raise RunError(
            f"--max-memory must be a number of MB >= 0 (0: no limit), not {max_memory_mb}"
        )


@dataclass(slots=True)
class Progress:
    """What the progress display is told after each page."""

    total: int
    done: int = 0
    failures: int = 0


ProgressCallback = Callable[[Progress], None]


def load_extractors(specs: Sequence[ExtractorSpec]) -> dict[str, LoadedExtractor]:
    """Load every extractor before any work starts, so a bad name, parameter or program
    fails at once; two extractors may not share a name."""
    loaded: dict[str, LoadedExtractor] = {}
    for spec in specs:
        if spec.name in loaded:
            raise RunError(
                f"two extractors of the run are named {spec.name!r}; give one a short name "
                f"with NAME=SPEC (e.g. -e '{spec.name}2={spec.target}')"
            )
        loaded[spec.name] = registry.load(spec)
    return loaded


def _describe(
    specs: Sequence[ExtractorSpec],
    loaded: dict[str, LoadedExtractor],
    identities: dict[str, ExtractorIdentity],
) -> list[ExtractorRecord]:
    return [
        ExtractorRecord(
            name=spec.name,
            target=spec.target,
            version=loaded[spec.name].version,
            params=loaded[spec.name].params,
            given=spec.param_dict,
            identity=identities[spec.name].to_json(),
        )
        for spec in specs
    ]


def settings_of(config: RunConfig) -> dict[str, Any]:
    """How the run ran (not what it computes): recorded, and the defaults of a resume."""
    return {
        "jobs": config.jobs,
        "timeout": config.timeout,
        "max_memory_mb": config.max_memory_mb,
        "executor": config.executor,
        "scheduler": config.scheduler,
        "batch_size": config.batch_size,
        "cache_dir": str(config.cache_dir) if config.cache_dir else None,
    }


def _manifest(config: RunConfig, checksum: str, extractors: list[ExtractorRecord]) -> Manifest:
    return Manifest(
        corpus=CorpusRecord(
            name=config.corpus.name,
            format=config.corpus.format,
            location=config.corpus.location,
            checksum=checksum,
            n_pages=len(config.corpus.pages),
            spec=config.corpus_spec,
            split=config.split,
            where=tuple(config.where),
        ),
        extractors=tuple(extractors),
        metrics=tuple(config.metrics),
        seed=config.seed,
        settings=settings_of(config),
        tool_version=environment.tool_version(),
        git_sha=environment.git_sha(),
        argv=tuple(config.argv),
        created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        libraries=environment.library_versions(),
        machine=environment.machine(),
    )


def identity_changes(before: ExtractorRecord, now: ExtractorRecord) -> list[str]:
    """What differs between a recorded extractor and the one that would run now."""
    if not before.identity:
        return ["the run was made by a boilerbench that did not record extractor identities"]
    return ExtractorIdentity.from_json(before.identity).changes(
        ExtractorIdentity.from_json(now.identity)
    )


def _check_resume(config: RunConfig, manifest: Manifest, extractors: list[ExtractorRecord]) -> None:
    """Refuse to resume a run whose extractors, their identities or metrics differ."""
    before = [e.name for e in manifest.extractors]
    if before != [e.name for e in extractors]:
        raise RunError(
            f"--resume: {config.out} ran extractors {before}; resume with the same extractors "
            "(or with none given: the run's own are used)"
        )
    for old, new in zip(manifest.extractors, extractors, strict=True):
        changes = identity_changes(old, new)
        if changes:
            raise RunError(
                f"--resume: extractor {old.name!r} would not run as it did in {config.out}: "
                f"{'; '.join(changes)}. Resuming would mix two versions in one run; start a new "
                "run (another --out) instead"
            )
    if list(manifest.metrics) != list(config.metrics):
        raise RunError(
            f"--resume: {config.out} used metrics {list(manifest.metrics)}, not "
            f"{list(config.metrics)}"
        )


def _open_store(config: RunConfig, checksum: str, extractors: list[ExtractorRecord]) -> RunStore:
    store = RunStore(config.out)
    if config.resume and not store.exists() and config.out.is_dir() and store.is_unstarted():
        # killed before the manifest was written: nothing to keep, start afresh
        return _create_store(store, config, checksum, extractors)
    if config.resume:
        if not store.exists():
            raise RunError(f"--resume: {config.out} holds no run to resume")
        manifest = store.read_manifest()
        if manifest.corpus.checksum != checksum:
            raise RunError(
                f"--resume: {config.out} was run on another corpus "
                f"({manifest.corpus.name}, checksum differs)"
            )
        _check_resume(config, manifest, extractors)
        return store
    if store.exists() or (config.out.exists() and not store.is_unstarted()):
        raise RunError(
            f"{config.out} already holds files; use --resume to finish that run "
            "or choose another --out"
        )
    return _create_store(store, config, checksum, extractors)


def _check_fresh_out(config: RunConfig) -> None:
    """Before any work: refuse an ``--out`` that holds files, and create the folder (so a
    read-only or missing parent fails now, not when the first page is done)."""
    store = RunStore(config.out)
    if store.exists() or not store.is_unstarted():
        raise RunError(
            f"{config.out} already holds files; use --resume to finish that run "
            "or choose another --out"
        )
    try:
        (config.out / OUTPUTS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create run directory {config.out}: {exc}") from exc


def _create_store(
    store: RunStore, config: RunConfig, checksum: str, extractors: list[ExtractorRecord]
) -> RunStore:
    store.create(_manifest(config, checksum, extractors).to_json())
    return store


def _tasks(config: RunConfig, store: RunStore | None) -> list[Task]:
    """The (page, extractor) pairs not yet in the store (all of them without one), in a
    seeded order that keeps each page's extractors together (:func:`bench.order.
    page_grouped`)."""
    done: set[tuple[str, str]] = set()
    if store is not None:
        done = {(r.page, r.extractor) for r in store.iter_results(repair=True)}
        store.repair_outputs(list(config.names))
    pages = config.corpus.pages

    def keep(index: int, spec: ExtractorSpec) -> bool:
        return (pages[index].id, spec.name) not in done

    return page_grouped(len(pages), config.extractors, config.seed, keep if done else None)


class _Cache:
    """The run's view of the output cache: keys of its (page, extractor) pairs, and the
    remembered scores of their outputs."""

    def __init__(
        self,
        config: RunConfig,
        loaded: dict[str, LoadedExtractor],
        identities: dict[str, ExtractorIdentity],
    ) -> None:
        assert config.cache_dir is not None
        self.store = OutputCache(config.cache_dir)
        self.identities: dict[str, ExtractorIdentity] = {}
        for name, ident in identities.items():
            if not ident.cacheable:
                logger.info("%s is not cached: its version does not pin its code", name)
            else:
                self.identities[name] = ident
        self.kinds = {name: ex.output_kind for name, ex in loaded.items()}
        self.digests: dict[str, str | None] = {}
        self.corpus = config.corpus
        self.metrics = tuple(config.metrics)

    def may_hit(self) -> bool:
        """Whether the cache holds outputs of any of the run's extractors at their versions."""
        return any(self.store.holds(i) for i in self.identities.values())

    def key(self, page: Page, extractor: str) -> str | None:
        ident = self.identities.get(extractor)
        digest = self.digests.get(page.id)
        if ident is None or digest is None:
            return None
        return ident.cache_key(digest, page.charset)

    def serve(self, tasks: list[Task], record: Callable[[PageResult, str], None]) -> list[Task]:
        """Record every task the cache answers; the tasks left to run."""
        left: list[Task] = []
        for task in tasks:
            page = self.corpus.pages[task.page_index]
            key = self.key(page, task.extractor)
            entry = self.store.get(key) if key is not None else None
            if entry is None:
                left.append(task)
                continue
            sha = text_sha256(entry.text)
            kind = self.kinds.get(task.extractor, "text")
            scores, diagnostics = self._scores(page, sha, entry.text, kind)
            hit = hit_result(page.id, task.extractor, entry, sha, scores, diagnostics, kind)
            record(hit, entry.text)
        return left

    def _scores(
        self, page: Page, sha: str, text: str, kind: str
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The remembered scores and diagnostics of this output, else computed (and kept)."""
        skey = score_key(page, sha, self.metrics, kind)
        found = self.store.scores(skey) if skey is not None else None
        if found is not None:
            return found
        scores = score_page(page, text, self.metrics, kind)
        diagnostics = diagnose_page(page, text, kind)
        if skey is not None:
            self.store.put_scores(skey, scores, diagnostics)
        return scores, diagnostics

    def put(self, result: PageResult, text: str) -> None:
        """Keep a worker's output, and the scores it computed, for the next run."""
        if result.cached or result.error is not None:
            return
        page = self.corpus.pages[self._index[result.page]]
        key = self.key(page, result.extractor)
        if key is not None:
            self.store.put(key, self.identities[result.extractor], result, text)
        sha = result.output_sha256 or text_sha256(text)
        skey = score_key(page, sha, self.metrics, result.output_kind)
        if skey is not None:
            self.store.put_scores(skey, result.scores, result.diagnostics)

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return {page.id: i for i, page in enumerate(self.corpus.pages)}


def _open_cache(
    config: RunConfig,
    loaded: dict[str, LoadedExtractor],
    identities: dict[str, ExtractorIdentity],
) -> _Cache | None:
    """The output cache, or ``None`` when it is off or cannot be opened (the cache saves
    time; it must never stop a run)."""
    if config.cache_dir is None:
        return None
    try:
        return _Cache(config, loaded, identities)
    except CacheError as exc:
        logger.warning("%s; running without it", exc)
        return None


class _Preparation:
    """Page digests and the corpus checksum, computed on a helper thread while the first
    pages already run: a fresh run needs them only to write its manifest and fill the cache."""

    def __init__(self, corpus: Corpus, cache: _Cache | None) -> None:
        self._corpus, self._cache = corpus, cache
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="boilerbench-digests")
        self._future = self._thread.submit(self._prepare)
        self._thread.shutdown(wait=False)

    def _prepare(self) -> tuple[dict[str, str | None], str]:
        memo = self._cache.store if self._cache is not None else None
        digests = page_digests(self._corpus, memo=memo)
        return digests, corpus_checksum(self._corpus, digests)

    def done(self) -> bool:
        return self._future.done()

    def wait(self) -> None:
        """Let the helper thread finish (it uses the cache), whatever its outcome."""
        with contextlib.suppress(Exception):
            self._future.result()

    def checksum(self) -> str:
        """The corpus checksum (waiting for it); the cache learns the digests."""
        digests, checksum = self._future.result()
        if self._cache is not None:
            self._cache.digests = digests
        return checksum


class _Recorder:
    """Where page results go: the run store, then the cache. A fresh run's store is created
    once the corpus checksum is known; results that arrive before wait here."""

    def __init__(
        self,
        config: RunConfig,
        described: list[ExtractorRecord],
        preparation: _Preparation,
        cache: _Cache | None,
        on_progress: ProgressCallback | None,
    ) -> None:
        self.config, self.described, self.preparation = config, described, preparation
        self.cache, self.on_progress = cache, on_progress
        self.store: RunStore | None = None
        self.waiting: list[tuple[PageResult, str]] = []
        self.spool: IO[bytes] | None = None  # what waits beyond MAX_WAITING, pickled
        self.progress = Progress(total=0)
        self._lock = threading.Lock()  # the I/O executor's thread records pages too

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return {page.id: i for i, page in enumerate(self.config.corpus.pages)}

    def open_store(self) -> RunStore:
        """The run store (waiting for the checksum if need be), with waiting results written."""
        if self.store is None:
            checksum = self.preparation.checksum()
            self.store = _open_store(self.config, checksum, self.described)
            waiting, self.waiting = self.waiting, []
            for result, text in waiting:
                self._write(result, text)
            if self.spool is not None:
                spool, self.spool = self.spool, None
                with spool:
                    spool.seek(0)
                    while True:
                        try:
                            result, text = pickle.load(spool)
                        except EOFError:
                            break
                        self._write(result, text)
        return self.store

    def start(self, total: int) -> None:
        self.progress.total = total
        if self.on_progress:
            self.on_progress(self.progress)

    def __call__(self, result: PageResult, text: str) -> None:
        with self._lock:
            self._record(result, text)

    def _record(self, result: PageResult, text: str) -> None:
        if result.error is not None and not result.scores:
            # a failure recorded here (timeout, crash, unreadable page) scores as empty output
            page = self.config.corpus.pages[self._index[result.page]]
            result = with_scores(page, self.config.metrics, result, "")
        if self.store is None and not self.preparation.done():
            if len(self.waiting) < MAX_WAITING:
                self.waiting.append((result, text))
            else:
                if self.spool is None:
                    self.spool = tempfile.TemporaryFile(prefix="boilerbench-waiting-")  # noqa: SIM115
                pickle.dump((result, text), self.spool, protocol=pickle.HIGHEST_PROTOCOL)
        else:
            self.open_store()
            self._write(result, text)
        self.progress.done += 1
        self.progress.failures += result.error is not None
        if self.on_progress:
            self.on_progress(self.progress)

    def _write(self, result: PageResult, text: str) -> None:
        assert self.store is not None
        try:
            self.store.append(result, text)
        except OSError as exc:
            raise _WriteFailed(exc) from exc
        if self.cache is not None:
            self.cache.put(result, text)

    def abort(self) -> None:
        """After a failure: keep what can be kept, close without raising again."""
        try:
            self.open_store()
        except Exception as exc:
            logger.warning("results that waited for the corpus checksum are lost: %s", exc)
        if self.store is not None:
            self.store.abort()


def _execute(
    executor: executors.Executor | None,
    settings: executors.Settings,
    tasks: list[Task],
    sink: _Recorder,
) -> None:
    """Pages of I/O-bound extractors (LLM endpoints) on the I/O executor, in this process, at
    the same time as the others on ``executor`` (:mod:`bench.executors.io`), which runs the
    extractors that are not I/O-bound (``None`` when there are none)."""
    io_tasks, cpu_tasks = io.split(tasks, settings.extractors)
    io_executor = io.IoExecutor(settings.corpus, settings.metrics, settings.extractors)
    with io.beside(io_executor, io_tasks, sink) as background:
        if cpu_tasks:
            assert executor is not None
            executor.start()  # already started unless the cache might have answered all
            executor.run(cpu_tasks, sink)
        background.wait()


def run(config: RunConfig, on_progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Run (or finish) a benchmark and return its summary, also written to the store."""
    check_execution(config.executor, config.scheduler, config.max_memory_mb)
    for name in config.metrics:
        metrics.get(name)
    if not config.corpus.pages:
        raise RunError(
            f"corpus {config.corpus.name!r} ({config.corpus.location}) has no pages to run"
        )
    if config.out.exists() and not config.out.is_dir():
        raise StoreError(f"--out {config.out} is a file; the run directory must be a folder")
    loaded = load_extractors(config.extractors)
    if not config.resume:
        _check_fresh_out(config)
    settings = executors.Settings(
        corpus=config.corpus,
        metrics=tuple(config.metrics),
        extractors=loaded,
        jobs=config.jobs,
        timeout=config.timeout,
        max_memory_mb=config.max_memory_mb or None,
        scheduler=config.scheduler,
        batch_size=config.batch_size,
        chunk_size=config.chunk_size,
    )
    # the workers start (and warm up) first, while this process prepares the run, unless
    # the output cache may answer every page (they start when a page is left to run);
    # I/O-bound extractors run on an asyncio loop of this process instead
    cpu_bound = {n: e for n, e in loaded.items() if not io.is_io_bound(e)}
    executor = (
        executors.create(config.executor, replace(settings, extractors=cpu_bound))
        if cpu_bound
        else None
    )
    identities = {name: identity_of(ex) for name, ex in loaded.items()}
    cache = _open_cache(config, loaded, identities)
    try:
        if executor is not None and (cache is None or not cache.may_hit()):
            executor.start()
        return _run(config, loaded, settings, executor, cache, identities, on_progress)
    finally:
        if executor is not None:
            executor.close()


def _run(
    config: RunConfig,
    loaded: dict[str, LoadedExtractor],
    settings: executors.Settings,
    executor: executors.Executor | None,
    cache: _Cache | None,
    identities: dict[str, ExtractorIdentity],
    on_progress: ProgressCallback | None,
) -> dict[str, Any]:
    described = _describe(config.extractors, loaded, identities)
    # resuming needs the stored results, looking pages up needs their digests: wait for
    # them; a fresh run whose extractors have nothing in the cache starts at once
    wait = config.resume or (cache is not None and cache.may_hit())
    preparation = _Preparation(config.corpus, cache)
    recorder = _Recorder(config, described, preparation, cache, on_progress)
    try:
        store = recorder.open_store() if wait else None
        tasks = _tasks(config, store)
    except BaseException:
        preparation.wait()
        if cache is not None:
            cache.store.close()
        raise
    recorder.start(len(tasks))
    resume_hint = f"boilerbench run --resume --out {config.out}"
    progress = recorder.progress
    try:
        if cache is not None and store is not None:
            tasks = cache.serve(tasks, recorder)
        if tasks:
            _execute(executor, settings, tasks, recorder)
        store = recorder.open_store()
    except KeyboardInterrupt as exc:
        recorder.abort()
        raise RunInterrupted(
            f"interrupted after {progress.done} of {progress.total} pages; everything done is "
            f"saved. Finish with: {resume_hint}"
        ) from exc
    except _WriteFailed as exc:
        recorder.abort()
        raise StoreError(
            f"writing to {config.out} failed after {progress.done} of {progress.total} pages: "
            f"{exc.__cause__}. Everything written before is kept; free space (or fix the "
            f"folder), then finish with: {resume_hint}"
        ) from exc
    except OSError as exc:
        recorder.abort()
        raise RunError(f"the run stopped: {exc}. Finish it with: {resume_hint}") from exc
    except executors.ExecutorError as exc:
        recorder.abort()
        raise RunError(f"{exc}. What was done is saved; finish with: {resume_hint}") from exc
    except BaseException:
        recorder.abort()
        raise
    finally:
        if cache is not None:
            cache.store.close()
    try:
        store.close()
    except OSError as exc:
        store.abort()
        raise StoreError(f"writing to {config.out} failed: {exc}; {resume_hint}") from exc
    return finish(store, config.corpus, preparation.checksum())


def finish(store: RunStore, corpus: Corpus, checksum: str | None = None) -> dict[str, Any]:
    """(Re)compute ``summary.json`` from the stored page results (:func:`bench.summary.
    summarize`, the one aggregation) and return it as written."""
    manifest = store.read_manifest()
    summary = summarize(
        store.iter_results(),
        corpus,
        [e.to_json() for e in manifest.extractors],
        list(manifest.metrics or metrics.DEFAULT),
        manifest.seed,
        checksum=checksum or manifest.corpus.checksum,
    ).to_json()
    try:
        store.write_summary(summary)
    except OSError as exc:
        raise StoreError(
            f"writing {store.root / 'summary.json'} failed: {exc}; every page is saved, "
            f"free space and run: boilerbench run --resume --out {store.root}"
        ) from exc
    return summary

"""The Python API: everything ``boilerbench run`` does is a function a notebook can call.

Suites, parameters, default metrics, several corpora and skipping extractors whose library is
not installed live here; the CLI only parses arguments and prints. See docs/python-api.md.
"""

from __future__ import annotations

import difflib
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import metrics as metric_registry
from bench import runner
from bench.environment import usable_cpus
from bench.params import ParamError
from bench.records import Manifest, PageResult, SchemaError
from bench.store import RunStore, StoreError
from bench.suites import Suite, load_suite
from bench.summary_records import Summary
from corpora.corpus import Corpus
from corpora.page import CorpusError
from extractors import registry
from extractors.registry import DEFAULT_SET
from extractors.spec import ExtractorSpec, as_spec

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

ExtractorLike = str | ExtractorSpec | Callable[[str], str] | Any
ProgressCallback = Callable[[runner.Progress], None]
# Run settings and their defaults (a resume takes the run's own unless given).
DEFAULT_TIMEOUT = 60.0
# An extractor that fails more than this share of its pages makes a run "failing".
FAILING_SHARE = 0.5


def _warn(message: str) -> None:
    logger.warning("%s", message)


def default_jobs() -> int:
    """One worker per usable CPU."""
    return usable_cpus()


def default_out() -> Path:
    return Path("runs") / time.strftime("%Y%m%d-%H%M%S")


def absolute_corpus_spec(spec: str) -> str:
    """``spec`` with its path made absolute, so the run can be reopened from anywhere."""
    if spec in ("builtin", "seeds") or not spec:
        return spec
    fmt, sep, rest = spec.partition(":")
    if sep and fmt and "/" not in fmt and not Path(spec).exists():
        return f"{fmt}:{Path(rest).expanduser().resolve()}"
    path = Path(spec).expanduser()
    return str(path.resolve()) if path.exists() else spec


def open_corpus_spec(
    spec: str | None, split: str | None = None, where: Sequence[str] = ()
) -> tuple[Corpus, str]:
    """The corpus ``spec`` names (its ``split``, the pages matching every ``where``
    condition such as ``page_type=forum``) and the spec made absolute."""
    from corpora.registry import DEFAULT, open_corpus

    spec = spec or DEFAULT
    corpus = open_corpus(spec, split=split)
    if where:
        from corpora.slicing import where as slice_where

        corpus = slice_where(corpus, where)
    return corpus, absolute_corpus_spec(spec)


def _installed(specs: Sequence[ExtractorSpec], warn: Callable[[str], None]) -> list[ExtractorSpec]:
    """The specs whose built-in library is installed here; the others are skipped with the
    install hint. Plugins are kept, to fail loudly if they are broken."""
    kept = []
    for spec in specs:
        info = registry.resolve(spec.target) if not spec.obj else None
        row = registry.status(info) if info is not None and info.source == "builtin" else None
        if row is None or row.installed:
            kept.append(spec)
        else:
            warn(f"skipping {spec.name}: {row.problem}")
    return kept


def extractor_specs(
    extractors: ExtractorLike | Sequence[ExtractorLike] | None = None,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    suite: Suite | None = None,
    *,
    skip_missing: bool | None = None,
    warn: Callable[[str], None] = _warn,
) -> tuple[ExtractorSpec, ...]:
    """The explicit specs of a run: ``extractors`` (spec strings, ``name=spec``, functions,
    objects or specs), else the suite's, else the default set; ``params`` maps an extractor's
    name to parameters over its own. ``skip_missing`` (default: only for a suite or the
    default set) drops built-ins whose library is not installed."""
    if extractors is None or (isinstance(extractors, Sequence) and not extractors):
        chosen = None
    elif isinstance(extractors, (str, ExtractorSpec)) or not isinstance(extractors, Iterable):
        chosen = [extractors]
    else:
        chosen = list(extractors)
    if chosen is not None:
        specs = [as_spec(item) for item in chosen]
    elif suite is not None:
        specs = [entry.extractor_spec() for entry in suite.extractors]
    else:
        specs = [ExtractorSpec(name, name) for name in DEFAULT_SET]
    names = [spec.name for spec in specs]
    for name, values in (params or {}).items():
        if name not in names:
            close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise ParamError(
                f"parameters for {name!r}, which is not an extractor of this run{hint} "
                f"(the run has: {', '.join(names)})"
            )
        specs = [s.with_params(values) if s.name == name else s for s in specs]
    if skip_missing if skip_missing is not None else chosen is None:
        specs = _installed(specs, warn)
        if not specs:
            raise runner.RunError("none of the run's extractors is installed here")
    return tuple(specs)


def _metrics_for(
    metrics: str | Sequence[str] | None, suite: Suite | None, corpus: Corpus
) -> tuple[str, ...]:
    if isinstance(metrics, str):
        metrics = [m.strip() for m in metrics.split(",") if m.strip()]
    chosen = tuple(metrics or (suite.metrics if suite is not None else ()))
    for name in chosen:
        metric_registry.get(name)
    return chosen or metric_registry.default_metrics(corpus)


@dataclass(frozen=True, slots=True)
class Failing:
    """An extractor that failed more than half of its pages, with its most common error."""

    extractor: str
    failures: int
    n_pages: int
    error: str
    count: int

    def __str__(self) -> str:
        return (
            f"{self.extractor} failed {self.failures} of {self.n_pages} pages; most common "
            f"error ({self.count}×): {self.error}"
        )


@dataclass(frozen=True)
class RunResult:
    """A finished run in its folder: its manifest and typed summary (``summary.json``, the
    run's one aggregation), tables and reports."""

    path: Path
    manifest: Manifest
    summary: Summary
    _results: list[PageResult] | None = field(default=None, repr=False, compare=False)

    @property
    def summary_json(self) -> dict[str, Any]:
        """``summary.json`` as stored."""
        return RunStore(self.path).summary()

    @property
    def extractors(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.manifest.extractors)

    @property
    def metrics(self) -> tuple[str, ...]:
        return self.manifest.metrics

    def results(self) -> list[PageResult]:
        """Every page result of the run (read once from ``results.jsonl``)."""
        if self._results is None:
            object.__setattr__(self, "_results", RunStore(self.path).results())
        assert self._results is not None
        return self._results

    def table(self) -> pd.DataFrame:
        """One row per extractor (index: its name), a column per shown field of each metric
        (the first metric's plain, e.g. ``f1``; others as ``metric.field``, e.g.
        ``tokens.f1``), then ``failures``, ``empty``, ``n_pages``, ``pages_per_s`` and
        ``version``."""
        import pandas as pd

        from bench.summary import summary_table_rows

        rows = summary_table_rows(self.summary)
        for row in rows:
            summary_row = self.summary.row(row["extractor"])
            if summary_row is not None:
                row.update(n_pages=summary_row.n_pages, version=summary_row.version)
        return pd.DataFrame(rows).set_index("extractor") if rows else pd.DataFrame()

    def pages(self) -> pd.DataFrame:
        """One row per (extractor, page): error, emptiness, seconds, every per-page score
        (``metric.field``) and, where the summary stored them, the page's labels."""
        import pandas as pd

        from bench.tables import page_rows

        return pd.DataFrame(page_rows(self.results(), self.summary.page_labels))

    def failing(self) -> list[Failing]:
        """Extractors that failed more than half of their pages."""
        from collections import Counter

        out = []
        # streamed, one error (or None) per page: a 100,000-page run is never held whole
        latest: dict[str, dict[str, str | None]] = {}
        results = self._results if self._results is not None else RunStore(self.path).iter_results()
        for result in results:
            latest.setdefault(result.extractor, {})[result.page] = result.error
        for name in self.extractors:
            pages = latest.get(name, {})
            errors = Counter(error for error in pages.values() if error)
            failures = sum(errors.values())
            if pages and failures > FAILING_SHARE * len(pages):
                error, count = errors.most_common(1)[0]
                out.append(Failing(name, failures, len(pages), error, count))
        return out

    def report(self, fmt: str = "term", **options: Any) -> str:
        """The run's report as text: ``term``, ``md``, ``csv``, ``json`` or ``html`` (options
        as ``boilerbench report``: ``by``, ``table``, ``max_pages``)."""
        from bench.reports.render import render_report

        return render_report(self.path, fmt, **options)


def load_run(path: str | Path) -> RunResult:
    """A finished run from its folder (``manifest.json`` and ``summary.json``)."""
    store = RunStore(Path(path))
    return RunResult(Path(path), store.read_manifest(), _summary(store))


def _summary(store: RunStore) -> Summary:
    where = str(store.root / "summary.json")
    try:
        return Summary.from_json(store.summary(), where)
    except SchemaError as exc:
        raise StoreError(f"{exc} (boilerbench report re-summarizes it with --corpus)") from exc


def _cache_choice(
    cache: bool | None, cache_dir: str | Path | None, manifest: Manifest | None
) -> tuple[bool, str | Path | None]:
    """Whether the run reads and writes the output cache, and where. A new run uses it
    unless told not to; a resume keeps the run's own choice and folder unless told (a run
    started with ``--no-cache`` is finished with fresh outputs too, never cached ones)."""
    if manifest is None or "cache_dir" not in manifest.settings:
        return cache is not False, cache_dir
    recorded_dir = manifest.settings["cache_dir"]
    if cache is None:
        cache = recorded_dir is not None
    return cache, cache_dir if cache_dir is not None else recorded_dir


def _given_or(value: Any, recorded: Any, default: Any) -> Any:
    if value is not None:
        return value
    return recorded if recorded is not None else default


def _check_agrees(out: Path, manifest: Manifest, specs: Sequence[ExtractorSpec] | None) -> None:
    """Extractors given to a resume must be the run's own, with the same parameters."""
    if specs is None:
        return
    recorded = [e.spec for e in manifest.extractors]
    if [s.name for s in specs] != [s.name for s in recorded]:
        raise runner.RunError(
            f"--resume: {out} ran extractors {[s.name for s in recorded]}, not "
            f"{[s.name for s in specs]}; give none to resume with the run's own"
        )
    for given, before in zip(specs, recorded, strict=True):
        if (given.target, given.params) != (before.target, before.params):
            raise runner.RunError(
                f"--resume: extractor {given.name!r} ran as {before.label} with parameters "
                f"{before.param_dict} in {out}; it was given as {given.label} with "
                f"{given.param_dict}. Resuming would mix two settings; start a new run instead"
            )


def _resume_one(
    out: Path,
    corpus: str | Corpus | None,
    extractors: Any,
    params: Mapping[str, Mapping[str, Any]] | None,
    metrics: str | Sequence[str] | None,
    settings: dict[str, Any],
    on_progress: ProgressCallback | None,
) -> RunResult:
    store = RunStore(out)
    given = extractor_specs(extractors, params, skip_missing=False) if extractors else None
    if not store.exists():
        if given is None or corpus is None or not store.is_unstarted():
            raise runner.RunError(
                f"--resume: {out} holds no run to resume (no manifest.json: it was stopped "
                "before it started, or is not a run folder); start the run again"
            )
        # killed before its manifest was written: nothing to keep, start afresh as given
        opened, spec = (corpus, None) if isinstance(corpus, Corpus) else open_corpus_spec(corpus)
        chosen = _metrics_for(metrics, None, opened)
        return _run_one(opened, spec, given, chosen, out, True, settings, None, on_progress)
    manifest = store.read_manifest()
    for option, value, recorded in (
        ("split", settings.get("split"), manifest.corpus.split),
        ("where", tuple(settings.get("where") or ()) or None, manifest.corpus.where or None),
    ):
        if value is not None and value != recorded:
            raise runner.RunError(
                f"--resume: {out} ran on {option} {recorded!r}, not {value!r}; resume without "
                f"--{option}, or start a new run"
            )
    _check_agrees(out, manifest, given)
    specs = tuple(e.spec for e in manifest.extractors)
    if params and given is None:
        raise runner.RunError(
            f"--resume: {out} ran its extractors with the parameters in its manifest; "
            "a resumed run cannot change them (start a new run instead)"
        )
    if isinstance(corpus, Corpus):
        opened, spec = corpus, manifest.corpus.spec
    elif corpus is not None:
        opened, spec = open_corpus_spec(corpus, manifest.corpus.split, manifest.corpus.where)
    else:
        opened, spec = reopen_corpus(manifest)
    chosen = _metrics_for(metrics, None, opened) if metrics else manifest.metrics
    return _run_one(opened, spec, specs, chosen, out, True, settings, manifest, on_progress)


def reopen_corpus(manifest: Manifest) -> tuple[Corpus, str | None]:
    """The run's corpus, opened again from what its manifest recorded (its split and slice
    included)."""
    problems = []
    record = manifest.corpus
    for candidate in record.reopen_specs():
        try:
            return open_corpus_spec(candidate, record.split, record.where)
        except CorpusError as exc:
            problems.append(str(exc))
    raise runner.RunError(
        f"--resume: cannot open the run's corpus again ({'; '.join(problems)}); "
        "pass --corpus to say where it is now"
    )


def _run_one(
    corpus: Corpus,
    corpus_spec: str | None,
    specs: tuple[ExtractorSpec, ...],
    chosen_metrics: tuple[str, ...],
    out: Path,
    resume: bool,
    settings: dict[str, Any],
    manifest: Manifest | None,
    on_progress: ProgressCallback | None,
) -> RunResult:
    recorded = manifest.settings if manifest is not None else {}
    cache, cache_dir = _cache_choice(settings["cache"], settings["cache_dir"], manifest)
    if cache_dir is None and cache:
        from bench.cache import default_dir

        cache_dir = default_dir()
    recorded_corpus = manifest.corpus if manifest is not None else None
    config = runner.RunConfig(
        split=settings.get("split") or (recorded_corpus.split if recorded_corpus else None),
        where=tuple(settings.get("where") or (recorded_corpus.where if recorded_corpus else ())),
        corpus=corpus,
        extractors=specs,
        out=out,
        jobs=_given_or(settings["jobs"], recorded.get("jobs"), default_jobs()),
        timeout=_given_or(settings["timeout"], recorded.get("timeout"), DEFAULT_TIMEOUT),
        seed=_given_or(settings["seed"], manifest.seed if manifest else None, 0),
        metrics=chosen_metrics,
        resume=resume,
        argv=tuple(settings["argv"] or ("boilerbench.evaluate",)),
        max_memory_mb=_given_or(
            settings["max_memory_mb"], recorded.get("max_memory_mb"), runner.DEFAULT_MAX_MEMORY_MB
        ),
        executor=_given_or(settings["executor"], recorded.get("executor"), "local"),
        scheduler=_given_or(settings["scheduler"], recorded.get("scheduler"), None),
        batch_size=_given_or(
            settings["batch_size"], recorded.get("batch_size"), runner.DEFAULT_BATCH_SIZE
        ),
        cache_dir=Path(cache_dir) if cache and cache_dir else None,
        corpus_spec=corpus_spec,
    )
    run_fn = settings.get("runner") or runner.run
    run_fn(config, on_progress)
    store = RunStore(out)
    return RunResult(out, store.read_manifest(), _summary(store))


def _outs(out: Path, corpora: Sequence[Corpus]) -> list[Path]:
    """One run folder per corpus: ``out`` itself, or ``out/<corpus name>`` for several."""
    if len(corpora) == 1:
        return [out]
    outs: list[Path] = []
    for corpus in corpora:
        folder = out / corpus.name
        while folder in outs:
            folder = folder.with_name(folder.name + "_")
        outs.append(folder)
    return outs


def _resume_folders(out: Path) -> list[Path]:
    """The run folders under ``out``: itself, or the per-corpus folders of a suite run."""
    if (out / "manifest.json").is_file() or not out.is_dir():
        return [out]
    found = sorted(p.parent for p in out.glob("*/manifest.json"))
    return found or [out]


def evaluate(
    corpus: str | Corpus | Sequence[str | Corpus] | None = None,
    extractors: ExtractorLike | Sequence[ExtractorLike] | None = None,
    metrics: str | Sequence[str] | None = None,
    *,
    params: Mapping[str, Mapping[str, Any]] | None = None,
    suite: str | Suite | None = None,
    out: str | Path | None = None,
    jobs: int | None = None,
    timeout: float | None = None,
    seed: int | None = None,
    max_memory_mb: int | None = None,
    executor: str | None = None,
    scheduler: str | None = None,
    batch_size: int | None = None,
    cache: bool | None = None,
    cache_dir: str | Path | None = None,
    resume: bool = False,
    split: str | None = None,
    where: Sequence[str] | None = None,
    skip_missing: bool | None = None,
    on_progress: ProgressCallback | None = None,
    on_warning: Callable[[str], None] | None = None,
    argv: Sequence[str] | None = None,
    run_function: Callable[..., dict[str, Any]] | None = None,
) -> RunResult | list[RunResult]:
    """Run extractors on a corpus, score them, and return the run (a list of runs for
    several corpora, e.g. a suite's).

    ``corpus``: a spec (``"builtin"``, ``"aeb:PATH"``, a folder) or a :class:`Corpus`;
    default: the suite's corpora, else the built-in corpus. ``extractors``: spec strings
    (``"trafilatura"``, ``"short=mod:func"``, ``"cmd:prog"``), plain functions ``html ->
    str``, objects with ``extract(html)``, or :class:`ExtractorSpec`; default: the suite's,
    else the default set. ``metrics``: default the suite's, else the corpus's. ``params``:
    ``{"trafilatura": {"favor_precision": True}}``. ``out``: the run folder (default: a new
    temporary folder, which is kept). ``jobs``: worker processes (default: one per CPU).
    ``split``: a split of a corpus that has them (WCXB: dev, test, all); ``where``: keep the
    pages whose labels match every condition (``["page_type=forum", "language=en"]``).
    ``resume``: finish the run in ``out``; what is not given is taken from its manifest, and
    what is given must agree with it. ``cache``: read and write the output cache (default:
    yes for a new run; a resume keeps the run's own choice). ``run_function`` replaces
    :func:`bench.runner.run` (the CLI passes one that draws a progress bar); ``on_warning``
    receives messages such as an extractor skipped because its library is not installed
    (default: logged).
    """
    settings = {
        "jobs": jobs,
        "timeout": timeout,
        "seed": seed,
        "max_memory_mb": max_memory_mb,
        "executor": executor,
        "scheduler": scheduler,
        "batch_size": batch_size,
        "cache": cache,
        "cache_dir": cache_dir,
        "argv": tuple(argv) if argv is not None else None,
        "runner": run_function,
        "split": split,
        "where": tuple(where or ()),
    }
    if resume:
        if out is None:
            raise runner.RunError("resume needs out: the folder of the run to finish")
        if suite is not None:
            raise runner.RunError("resume takes the run's own settings; do not give a suite")
        folders = _resume_folders(Path(out))
        one_corpus = corpus if len(folders) == 1 else None
        results = [
            _resume_one(folder, one_corpus, extractors, params, metrics, settings, on_progress)
            for folder in folders
        ]
        return results[0] if len(results) == 1 else results
    loaded_suite = load_suite(suite) if isinstance(suite, str) else suite
    specs = extractor_specs(
        extractors, params, loaded_suite, skip_missing=skip_missing, warn=on_warning or _warn
    )
    if corpus is None and loaded_suite is not None and loaded_suite.corpora:
        corpus_items: list[str | Corpus] = list(loaded_suite.corpora)
    elif isinstance(corpus, (str, Corpus)) or corpus is None:
        corpus_items = [corpus] if corpus is not None else ["builtin"]
    else:
        corpus_items = list(corpus)
    opened = [
        (item, None) if isinstance(item, Corpus) else open_corpus_spec(item, split, where or ())
        for item in corpus_items
    ]
    root = Path(out) if out is not None else Path(tempfile.mkdtemp(prefix="boilerbench-run-"))
    corpora = [c for c, _ in opened]
    runs = []
    for (corpus_obj, spec), folder in zip(opened, _outs(root, corpora), strict=True):
        chosen = _metrics_for(metrics, loaded_suite, corpus_obj)
        runs.append(
            _run_one(corpus_obj, spec, specs, chosen, folder, False, settings, None, on_progress)
        )
    single = isinstance(corpus, (str, Corpus)) or (corpus is None and len(runs) == 1)
    return runs[0] if single else runs


def resume(out: str | Path, **kwargs: Any) -> RunResult | list[RunResult]:
    """Finish the run in ``out`` with its own corpus, extractors, metrics and settings."""
    return evaluate(out=out, resume=True, **kwargs)


__all__ = [
    "Failing",
    "RunResult",
    "StoreError",
    "default_jobs",
    "evaluate",
    "extractor_specs",
    "load_run",
    "resume",
]

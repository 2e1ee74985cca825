"""``boilerbench run``: extractors × corpus → a run directory and the comparison table."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from bench import metrics, runner
from bench.cache import default_dir as default_cache_dir
from bench.cli.options import split_names
from bench.cli.progress import run_with_progress
from bench.encodings import override_warning
from bench.params import ParamError, group_params
from bench.report import print_report, wide_console
from bench.reports.analysis import analyze
from bench.reports.loading import load_run
from bench.store import RunStore
from bench.suites import Suite, SuiteError, builtin_names, load_suite, register
from corpora.corpus import Corpus
from corpora.registry import open_corpus
from extractors import registry
from extractors.registry import DEFAULT_SET


def add_dedup(folder: Path, corpus: Corpus, extractors: tuple[str, ...]) -> dict[str, Any]:
    """Dedup scores of the run's outputs, stored in its summary under ``dedup``."""
    from bench.cli.dedup_cmd import RAW, dedup_run
    from bench.dedup.corpus_scores import DedupSettings

    store = RunStore(folder)
    compared = tuple(name for name in extractors if name not in (RAW, "nothing"))
    report = dedup_run(store, corpus, compared, DedupSettings(), with_raw=RAW in extractors)
    summary = {**store.summary(), "dedup": report}
    store.write_summary(summary)
    return summary


def default_out() -> Path:
    return Path("runs") / time.strftime("%Y%m%d-%H%M%S")


def _installed(names: tuple[str, ...]) -> tuple[str, ...]:
    """A suite's extractors that can run here: a built-in whose library is missing is
    skipped with the install hint; plugins are kept, to fail loudly if they are broken."""
    kept = []
    for name in names:
        info = registry.resolve(name)
        row = registry.status(info) if info.source == "builtin" else None
        if row is None or row.installed:
            kept.append(name)
        else:
            click.echo(f"skipping {name}: {row.problem}", err=True)
    if not kept:
        raise click.UsageError("none of the suite's extractors is installed here")
    return tuple(kept)


def _extractors(
    suite: Suite | None, specs: tuple[str, ...], param_texts: tuple[str, ...]
) -> tuple[str, ...]:
    """The run's extractor names, with suite variants and ``--param`` registered."""
    names = split_names(specs)
    from_suite = not names and suite is not None
    if from_suite:
        assert suite is not None
        names = suite.extractor_names
    names = names or DEFAULT_SET
    try:
        params = group_params(param_texts, names)
    except ParamError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from exc
    if suite is not None:
        register(suite, params)
    suite_names = suite.extractor_names if suite is not None else ()
    for name, values in params.items():
        if name not in suite_names:
            registry.register_variant(name, name, values)
    return _installed(names) if from_suite else names


def _corpora(suite: Suite | None, corpus_spec: str | None) -> list[Corpus]:
    if corpus_spec is not None or suite is None or not suite.corpora:
        return [open_corpus(corpus_spec)]
    return [open_corpus(spec) for spec in suite.corpora]


def _outs(out: Path, corpora: list[Corpus]) -> list[Path]:
    """One run directory per corpus: ``out`` itself, or ``out/<corpus name>`` for several."""
    if len(corpora) == 1:
        return [out]
    outs: list[Path] = []
    for corpus in corpora:
        folder = out / corpus.name
        while folder in outs:
            folder = folder.with_name(folder.name + "_")
        outs.append(folder)
    return outs


@click.command()
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="Built-in name, folder, or FORMAT:PATH. Default: the suite's corpora, else the "
    "built-in corpus.",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help="Extractor name, module:function, file.py:function or 'cmd:program'. "
    f"Repeatable. Default: the suite's, else {','.join(DEFAULT_SET)}.",
)
@click.option(
    "--param",
    "param_texts",
    multiple=True,
    metavar="NAME.KEY=VALUE",
    help="A parameter for extractor NAME (true/false, numbers and JSON are typed), e.g. "
    "trafilatura.favor_precision=true. Repeatable.",
)
@click.option(
    "--suite",
    "suite_spec",
    default=None,
    metavar="FILE|NAME",
    help="A suite TOML file, or one that ships: "
    f"{', '.join(builtin_names())}. --corpus, -e and --metric override its parts.",
)
@click.option(
    "--metric",
    "metric_specs",
    multiple=True,
    metavar="M[,N]",
    help="Metrics to compute (first is the headline). Default: the suite's, else the "
    f"corpus's ({metrics.DEFAULT[0]} for full-text gold).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Run directory (a folder per corpus when a suite has several). Default: runs/<timestamp>.",
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
@click.option(
    "--max-memory",
    "max_memory_mb",
    type=click.IntRange(min=0),
    default=runner.DEFAULT_MAX_MEMORY_MB,
    show_default=True,
    metavar="MB",
    help="Memory each worker may add to its start-up size (RLIMIT_AS); a page that needs "
    "more is recorded as 'memory'. 0: no limit.",
)
@click.option(
    "--executor",
    type=click.Choice(runner.EXECUTORS),
    default="local",
    show_default=True,
    help="Where pages run: worker processes here, or a Dask cluster (with --scheduler).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler address for --executor dask, e.g. tcp://host:8786.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=runner.DEFAULT_BATCH_SIZE,
    show_default=True,
    help="Page runs per Dask task (--executor dask).",
)
@click.option(
    "--dedup",
    "with_dedup",
    is_flag=True,
    help="Also cluster near-duplicate pages on each extractor's output (and on raw text when "
    "'everything' ran) and add the scores to summary.json under 'dedup'.",
)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Run every page even when the output cache holds its output for this extractor, "
    "version and parameters (nothing is read from or written to the cache).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output cache folder. Default: $BOILERBENCH_CACHE/outputs, else "
    "~/.cache/boilerbench/outputs.",
)
@click.option("--resume", is_flag=True, help="Finish the run in --out: only missing pages run.")
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def run(
    corpus_spec: str | None,
    extractor_specs: tuple[str, ...],
    param_texts: tuple[str, ...],
    suite_spec: str | None,
    metric_specs: tuple[str, ...],
    out: Path | None,
    jobs: int,
    timeout: float,
    seed: int,
    max_memory_mb: int,
    executor: str,
    scheduler: str | None,
    batch_size: int,
    with_dedup: bool,
    no_cache: bool,
    cache_dir: Path | None,
    resume: bool,
    as_json: bool,
    no_progress: bool,
) -> None:
    """Run extractors on a corpus, score them and print the comparison table."""
    if resume and out is None:
        raise click.UsageError("--resume needs --out DIR (the run to finish)")
    runner.check_execution(executor, scheduler, max_memory_mb)
    try:
        suite = load_suite(suite_spec) if suite_spec else None
    except SuiteError as exc:
        raise click.BadParameter(str(exc), param_hint="--suite") from exc
    extractors = _extractors(suite, extractor_specs, param_texts)
    chosen_metrics = split_names(metric_specs) or (suite.metrics if suite else ())
    corpora = _corpora(suite, corpus_spec)
    out = out or default_out()
    summaries: list[dict[str, Any]] = []
    for corpus, folder in zip(corpora, _outs(out, corpora), strict=True):
        config = runner.RunConfig(
            corpus=corpus,
            extractors=extractors,
            out=folder,
            jobs=jobs,
            timeout=timeout,
            seed=seed,
            metrics=chosen_metrics or metrics.default_metrics(corpus),
            resume=resume,
            argv=tuple(sys.argv),
            max_memory_mb=max_memory_mb,
            executor=executor,
            scheduler=scheduler,
            batch_size=batch_size,
            cache_dir=None if no_cache else (cache_dir or default_cache_dir()),
        )
        summary = run_with_progress(config, show=not no_progress)
        if with_dedup:
            summary = add_dedup(folder, corpus, extractors)
        summaries.append(summary)
        if not as_json:
            print_report(summary, wide_console(), analyze(load_run(folder, want_corpus=False)))
            click.echo(f"run saved in {folder}  (boilerbench report {folder})", err=True)
        if warning := override_warning(summary):
            click.echo(warning, err=True)
    if as_json:
        payload: Any = summaries[0] if len(summaries) == 1 else {"runs": summaries}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))

"""``boilerbench run``: extractors × corpus → a run directory and the comparison table.
The work is :func:`bench.api.evaluate`; this verb parses options and prints."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from bench import api, metrics, runner
from bench.cli.options import split_names
from bench.cli.progress import run_with_progress
from bench.encodings import override_warning
from bench.params import ParamError, group_params
from bench.report import print_report, wide_console
from bench.reports.analysis import analyze
from bench.reports.loading import load_run
from bench.store import RunStore
from bench.suites import Suite, SuiteError, builtin_names, load_suite
from corpora.corpus import Corpus
from extractors.registry import DEFAULT_SET
from extractors.spec import parse_spec

# Exit status of a run in which an extractor failed more than half of its pages.
EXIT_FAILING = 3


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


def _specs(
    suite: Suite | None, specs: tuple[str, ...], param_texts: tuple[str, ...], resume: bool
) -> tuple[Any, dict[str, dict[str, Any]]]:
    """The ``-e`` specs (``None`` when none is given) and the ``--param`` values by name."""
    given = [parse_spec(text) for text in split_names(specs)] or None
    if given is not None:
        names: tuple[str, ...] = tuple(s.name for s in given)
    elif suite is not None:
        names = suite.extractor_names
    elif resume:
        names = ()
    else:
        names = DEFAULT_SET
    if resume and given is None and param_texts:
        raise click.UsageError(
            "--resume runs the extractors with the parameters the run recorded; "
            "--param cannot change them (start a new run instead)"
        )
    try:
        return given, group_params(param_texts, names)
    except ParamError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from exc


def _print_failing(results: list[api.RunResult]) -> bool:
    """Say which extractors failed more than half of their pages; whether any did."""
    failing = [f for result in results for f in result.failing()]
    for item in failing:
        click.echo(f"error: {item}", err=True)
    return bool(failing)


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
    "--split",
    default=None,
    metavar="SPLIT",
    help="The split of a corpus that has them (WCXB: dev, test or all; default dev).",
)
@click.option(
    "--where",
    "conditions",
    multiple=True,
    metavar="LABEL=VALUE",
    help="Run only the pages whose label has this value (page_type=forum, language=zh, "
    "level=hard). Repeatable: different labels must all match, values of one label are "
    "alternatives. 'boilerbench corpus stats CORPUS' lists the labels.",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help="Extractor name, module:function, file.py:function, 'cmd:program', "
    "'cmd+stream:program' or 'llm:MODEL@BASE_URL' (an OpenAI-compatible endpoint, "
    "docs/llm-extractors.md). "
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
    default=None,
    help="Worker processes. Default: one per CPU (a resumed run: its own).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=None,
    help=f"Seconds one extractor may spend on one page. Default: {api.DEFAULT_TIMEOUT:g}.",
)
@click.option("--seed", type=int, default=None, help="Seeds page order and the bootstrap (0).")
@click.option(
    "--max-memory",
    "max_memory_mb",
    type=click.IntRange(min=0),
    default=None,
    metavar="MB",
    help="Memory each worker may add to its start-up size (RLIMIT_AS); a page that needs "
    f"more is recorded as 'memory'. 0: no limit. Default: {runner.DEFAULT_MAX_MEMORY_MB}.",
)
@click.option(
    "--executor",
    type=click.Choice(runner.EXECUTORS),
    default=None,
    help="Where pages run: worker processes here (local, the default), or a Dask cluster "
    "(with --scheduler).",
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
    default=None,
    help=f"Page runs per Dask task (--executor dask). Default: {runner.DEFAULT_BATCH_SIZE}.",
)
@click.option(
    "--dedup",
    "with_dedup",
    is_flag=True,
    help="Also cluster near-duplicate pages on each extractor's output (and on raw text when "
    "'everything' ran) and add the scores to summary.json under 'dedup'.",
)
@click.option(
    "--cache/--no-cache",
    "cache",
    default=None,
    help="--no-cache: run every page even when the output cache holds its output for this "
    "extractor, version and parameters (nothing is read from or written to the cache). "
    "Default: the cache is used; --resume keeps the run's own choice.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output cache folder. Default: $BOILERBENCH_CACHE/outputs, else "
    "~/.cache/boilerbench/outputs.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Finish the run in --out: only missing pages run, with the run's own corpus, "
    "extractors, parameters and metrics (flags given must agree with them).",
)
@click.option("--json", "as_json", is_flag=True, help="Print summary.json instead of the table.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def run(
    corpus_spec: str | None,
    split: str | None,
    conditions: tuple[str, ...],
    extractor_specs: tuple[str, ...],
    param_texts: tuple[str, ...],
    suite_spec: str | None,
    metric_specs: tuple[str, ...],
    out: Path | None,
    jobs: int | None,
    timeout: float | None,
    seed: int | None,
    max_memory_mb: int | None,
    executor: str | None,
    scheduler: str | None,
    batch_size: int | None,
    with_dedup: bool,
    cache: bool | None,
    cache_dir: Path | None,
    resume: bool,
    as_json: bool,
    no_progress: bool,
) -> None:
    """Run extractors on a corpus, score them and print the comparison table.

    Extractors are names, module:function, file.py:function, 'cmd:program' (one process per
    page) or 'cmd+stream:program' (one long-lived process, docs/plugins.md); NAME=SPEC
    gives one a short name (-e 'mine=path/to/plugin.py:extract'), which --param uses.
    'llm:MODEL@BASE_URL' sends each page to an OpenAI-compatible chat endpoint, many
    requests in flight beside the worker processes, e.g.
    -e 'reader=llm:ReaderLM-v2@http://127.0.0.1:8000/v1' --param reader.preset=readerlm-v2
    (--timeout does not bound its pages: its own timeout and retries do).

    Exit status: 0 done; 2 a usage error, an unknown extractor, parameter or metric, or a
    missing program (before any page runs); 3 an extractor failed more than half of its
    pages (its most common error is printed); 130 interrupted (finish with --resume).
    """
    if resume and out is None:
        raise click.UsageError("--resume needs --out DIR (the run to finish)")
    if resume and suite_spec:
        raise click.UsageError("--resume takes the run's own extractors; do not give --suite")
    runner.check_execution(executor or "local", scheduler, max_memory_mb)
    try:
        suite = load_suite(suite_spec) if suite_spec else None
    except SuiteError as exc:
        raise click.BadParameter(str(exc), param_hint="--suite") from exc
    given, params = _specs(suite, extractor_specs, param_texts, resume)
    chosen_metrics = split_names(metric_specs) or None
    show = not no_progress
    outcome = api.evaluate(
        corpus_spec,
        given,
        chosen_metrics,
        params=params or None,
        suite=suite,
        out=out if out is not None or resume else api.default_out(),
        jobs=jobs,
        timeout=timeout,
        seed=seed,
        max_memory_mb=max_memory_mb,
        executor=executor,
        scheduler=scheduler,
        batch_size=batch_size,
        cache=cache,
        cache_dir=cache_dir,
        resume=resume,
        split=split,
        where=conditions,
        argv=sys.argv,
        on_warning=lambda message: click.echo(message, err=True),
        run_function=lambda config, _progress: run_with_progress(config, show=show),
    )
    results = outcome if isinstance(outcome, list) else [outcome]
    summaries: list[dict[str, Any]] = []
    for result in results:
        summary = result.summary_json
        if with_dedup:
            corpus = _corpus_of(result)
            summary = add_dedup(result.path, corpus, result.extractors)
        summaries.append(summary)
        if not as_json:
            run_view = load_run(result.path, want_corpus=False)
            print_report(summary, wide_console(), analyze(run_view))
            click.echo(f"run saved in {result.path}  (boilerbench report {result.path})", err=True)
        if warning := override_warning(summary):
            click.echo(warning, err=True)
    if as_json:
        payload: Any = summaries[0] if len(summaries) == 1 else {"runs": summaries}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    if _print_failing(results):
        sys.exit(EXIT_FAILING)


def _corpus_of(result: api.RunResult) -> Corpus:
    corpus, _spec = api.reopen_corpus(result.manifest)
    return corpus

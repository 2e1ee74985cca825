"""Speed of the harness itself (pytest-benchmark; run by ``make bench-speed``).

Every figure is a ratio of two timings taken in this process on the same pages, so it does
not depend on the machine's absolute speed: the runner against bare extractor calls, two
workers against one, scoring against extraction, a cached re-run against the first run.
The corpus is AEB (``../shared/corpora/aeb``) when present, else the built-in corpus; the
extractor is trafilatura. Runs go through :func:`bench.runner.run` in this process, so the
interpreter's start and the CLI's imports (about a second, the same for every run) are not
counted.
"""

from __future__ import annotations

import gc
import multiprocessing
import statistics
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from bench import metrics, runner
from bench.metrics.aeb import score_texts
from bench.scoring import diagnose_page, score_page
from bench.worker import WARMUP_HTML
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.registry import open_corpus
from extractors import registry
from extractors.base import ExtractorError

REPO = Path(__file__).resolve().parent.parent
AEB = REPO.parent / "shared" / "corpora" / "aeb"
EXTRACTOR = "trafilatura"
PAGES_PER_EXTRACTOR = 20
ROUNDS = 3
PAIRED_ROUNDS = 5


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return open_corpus(f"aeb:{AEB}" if AEB.is_dir() else None)


@pytest.fixture(scope="module")
def bare(corpus: Corpus) -> dict[str, Any]:
    """Bare ``extract()`` calls on every page, after one warm-up call: their outputs and
    their summed seconds (one round; the runner benchmark interleaves more rounds)."""
    extractor = registry.load(EXTRACTOR)
    extractor.extract(WARMUP_HTML)
    htmls = [decode_html(page.read_bytes(), page.charset).text for page in corpus.pages]
    extract_s, outputs = _bare_calls(extractor, htmls)
    mb = sum(len(text.encode()) for text in outputs) / 1e6
    return {
        "extract_s": extract_s,
        "outputs": outputs,
        "metrics": metrics.default_metrics(corpus),
        "mb": mb,
        "htmls": htmls,
        "extractor": extractor,
    }


def _bare_calls(extractor: Any, htmls: list[str]) -> tuple[float, list[str]]:
    """The summed seconds of one bare call per page, and the outputs.

    The calls run with the objects alive before them frozen (:func:`gc.freeze`), as a
    worker runs them: otherwise every garbage collection re-scans this process's imports
    (pytest, the harness), which makes trafilatura about 30% slower and would credit the
    harness with a speed-up that is only the collector's."""
    seconds = 0.0
    outputs = []
    gc.freeze()
    try:
        for html in htmls:
            t0 = time.perf_counter()
            text = extractor.extract(html) or ""
            seconds += time.perf_counter() - t0
            outputs.append(text)
    finally:
        gc.unfreeze()
    return seconds, outputs


def _bare_processes(extractor: Any, parts: list[list[str]]) -> float:
    """Wall time of one forked process per part, all at once, each making bare calls."""

    def calls(htmls: list[str]) -> None:
        gc.freeze()
        for html in htmls:
            extractor.extract(html)

    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=calls, args=(part,)) for part in parts]
    t0 = time.perf_counter()
    for process in processes:
        process.start()
    for process in processes:
        process.join()
    return time.perf_counter() - t0


def _score_all(corpus: Corpus, outputs: list[str], names: tuple[str, ...]) -> None:
    """What the worker does after extracting: every metric, and the noise diagnostics."""
    for page, text in zip(corpus.pages, outputs, strict=True):
        score_page(page, text, names)
        diagnose_page(page, text)


# the summed seconds of the extractor calls inside each run's workers, by run folder
_CALLS_IN_RUNS: dict[str, float] = {}


def _run(corpus: Corpus, out: Path, jobs: int, cache: Path | None = None) -> float:
    config = runner.RunConfig(
        corpus=corpus,
        extractors=(EXTRACTOR,),
        out=out,
        jobs=jobs,
        metrics=metrics.default_metrics(corpus),
        argv=("benchmark",),
        cache_dir=cache,
    )
    t0 = time.perf_counter()
    summary = runner.run(config)
    elapsed = time.perf_counter() - t0
    assert summary["results"][0]["failures"] == 0
    _CALLS_IN_RUNS[out.name] = summary["results"][0]["seconds_total"]
    return elapsed


def test_runner_overhead(
    benchmark: BenchmarkFixture,
    corpus: Corpus,
    bare: dict[str, Any],
    figures: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """One-worker runs against bare calls, in alternating rounds: the machine's speed drifts
    by several percent within a minute, so each run is divided by the bare calls measured
    just before it, and the figure is the median of those ratios."""
    root = tmp_path_factory.mktemp("one")
    bares: list[float] = []
    runs: list[float] = []

    def bare_round() -> None:
        bares.append(_bare_calls(bare["extractor"], bare["htmls"])[0])

    def run_round() -> None:
        runs.append(_run(corpus, root / f"run-{len(runs)}", 1))

    benchmark.pedantic(run_round, setup=bare_round, rounds=PAIRED_ROUNDS, iterations=1)
    # the same with the output cache on (the CLI's default), into an empty cache
    bare_round()
    with_cache = _run(corpus, root / "cached-run", 1, cache=root / "cache")
    figures["one_worker_runs_s"] = [round(x, 3) for x in runs]
    # the calls inside the runs' worker, to tell slower calls from the harness around them
    calls = [_CALLS_IN_RUNS[f"run-{i}"] for i in range(len(runs))]
    figures["one_worker_runs_extract_calls_s"] = [round(x, 3) for x in calls]
    figures["bare_extract_rounds_s"] = [round(x, 3) for x in bares]
    figures["one_worker_run_with_empty_cache_s"] = round(with_cache, 3)
    figures["runner_overhead_with_empty_cache"] = round(with_cache / bares[-1], 4)
    figures["pages"] = len(corpus.pages)
    benchmark.extra_info["pages"] = len(corpus.pages)
    ratios = [run / calls for run, calls in zip(runs, bares[: len(runs)], strict=True)]
    figures["runner_overhead_rounds"] = [round(x, 4) for x in ratios]
    benchmark.extra_info["runner_overhead"] = round(statistics.median(ratios), 4)


def test_parallel_speedup(
    benchmark: BenchmarkFixture,
    corpus: Corpus,
    bare: dict[str, Any],
    figures: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """Two workers against one, and, as the machine's own ceiling, bare calls in two forked
    processes against one, without the harness (two vCPUs may share a physical core: each
    call then gets slower when both are busy, whoever makes it). The four are measured side
    by side in each round; each figure is the median over the rounds of that round's ratio,
    ``parallel_vs_ceiling`` the median of (runs' speed-up ÷ bare calls' speed-up)."""
    root = tmp_path_factory.mktemp("two")
    htmls, extractor = bare["htmls"], bare["extractor"]
    ones: list[float] = []
    twos: list[float] = []
    bare_ones: list[float] = []
    bare_twos: list[float] = []

    def one_round() -> None:
        bare_ones.append(_bare_processes(extractor, [htmls]))
        ones.append(_run(corpus, root / f"one-{len(ones)}", 1))

    def two_round() -> None:
        twos.append(_run(corpus, root / f"two-{len(twos)}", 2))
        bare_twos.append(_bare_processes(extractor, [htmls[0::2], htmls[1::2]]))

    benchmark.pedantic(two_round, setup=one_round, rounds=PAIRED_ROUNDS, iterations=1)
    figures["one_worker_runs_for_speedup_s"] = [round(x, 3) for x in ones]
    figures["two_workers_runs_s"] = [round(x, 3) for x in twos]
    figures["bare_one_process_s"] = [round(x, 3) for x in bare_ones]
    figures["bare_two_processes_s"] = [round(x, 3) for x in bare_twos]
    speedups = [one / two for one, two in zip(ones, twos, strict=True)]
    ceilings = [one / two for one, two in zip(bare_ones, bare_twos, strict=True)]
    vs_ceiling = [run / most for run, most in zip(speedups, ceilings, strict=True)]
    figures["parallel_speedup_2_rounds"] = [round(x, 3) for x in speedups]
    figures["bare_calls_parallel_speedup_2_rounds"] = [round(x, 3) for x in ceilings]
    figures["parallel_vs_ceiling_rounds"] = [round(x, 3) for x in vs_ceiling]
    figures["bare_calls_parallel_speedup_2"] = round(statistics.median(ceilings), 3)
    benchmark.extra_info["parallel_speedup_2"] = round(statistics.median(speedups), 3)
    benchmark.extra_info["parallel_vs_ceiling"] = round(statistics.median(vs_ceiling), 3)


def test_scoring_share(
    benchmark: BenchmarkFixture, corpus: Corpus, bare: dict[str, Any], figures: dict[str, Any]
) -> None:
    """Scoring every output of the bare calls, against the time the calls took."""
    args = (corpus, bare["outputs"], bare["metrics"])
    benchmark.pedantic(_score_all, args=args, rounds=3, iterations=1)
    score_s = benchmark.stats.stats.min
    benchmark.extra_info["score_s"] = round(score_s, 3)
    figures["score_s"] = round(score_s, 3)
    benchmark.extra_info["scored_mb"] = round(bare["mb"], 3)
    benchmark.extra_info["score_seconds_per_mb"] = round(score_s / bare["mb"], 4)
    benchmark.extra_info["score_share_of_extraction"] = round(score_s / bare["extract_s"], 4)


def test_metric_long_document(benchmark: BenchmarkFixture, corpus: Corpus) -> None:
    """The headline metric on a ~1 MB document against a gold differing in every 10th word."""
    words = " ".join(p.gold.text for p in corpus.pages if p.gold is not None).split()
    while len(" ".join(words)) < 1_000_000:
        words += words
    text = " ".join(words)[:1_000_000]
    gold = " ".join(w if i % 10 else "x" for i, w in enumerate(text.split()))
    benchmark.pedantic(score_texts, args=(gold, text), rounds=3, iterations=1)
    benchmark.extra_info["mb"] = 1.0
    benchmark.extra_info["long_document_seconds_per_mb"] = round(benchmark.stats.stats.min, 4)


def test_cached_rerun(
    benchmark: BenchmarkFixture,
    corpus: Corpus,
    figures: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """First runs into empty caches, and unchanged re-runs; the fastest of each."""
    root = tmp_path_factory.mktemp("cached")
    firsts = [_run(corpus, root / f"first-{i}", 2, root / f"cache-{i}") for i in range(ROUNDS)]
    agains: list[float] = []

    def again() -> None:
        agains.append(_run(corpus, root / f"again-{len(agains)}", 2, root / "cache-0"))

    benchmark.pedantic(again, rounds=ROUNDS, iterations=1)
    figures["first_runs_s"] = [round(x, 3) for x in firsts]
    figures["cached_reruns_s"] = [round(x, 3) for x in agains]
    benchmark.extra_info["cached_rerun_fraction"] = round(min(agains) / min(firsts), 4)


def _installed() -> list[str]:
    return [
        row.info.name
        for row in registry.list_extractors()
        if row.installed and row.info.source == "builtin"
    ]


@pytest.mark.parametrize("name", _installed())
def test_extractor(benchmark: BenchmarkFixture, corpus: Corpus, name: str) -> None:
    """Each installed extractor on the first pages of the corpus, after a warm-up call."""
    try:
        extractor = registry.load(name)
    except ExtractorError as exc:
        pytest.skip(str(exc))
    pages = corpus.pages[:PAGES_PER_EXTRACTOR]
    htmls = [decode_html(p.read_bytes(), p.charset).text for p in pages]
    t0 = time.perf_counter()
    try:
        extractor.extract(WARMUP_HTML)
    except ImportError as exc:  # a library that imports its parts lazily, one missing here
        pytest.skip(f"{name}: {exc}")
    warmup = time.perf_counter() - t0

    failures: list[str] = []

    def extract_all() -> None:
        failures.clear()
        for html in htmls:
            try:
                extractor.extract(html)
            except Exception as exc:  # counted like a run counts it: the page is a failure
                failures.append(type(exc).__name__)

    benchmark.pedantic(extract_all, rounds=2, iterations=1)
    benchmark.extra_info["pages"] = len(pages)
    benchmark.extra_info["failures"] = len(failures)
    benchmark.extra_info["pages_per_s"] = round(len(pages) / benchmark.stats.stats.min, 2)
    benchmark.extra_info["warmup_seconds"] = round(warmup, 4)

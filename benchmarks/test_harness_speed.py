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


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return open_corpus(f"aeb:{AEB}" if AEB.is_dir() else None)


@pytest.fixture(scope="module")
def bare(corpus: Corpus) -> dict[str, Any]:
    """Bare ``extract()`` calls on every page, after one warm-up call, and the scoring of
    each output with the run's metrics: seconds per page, summed.

    The calls run with the objects alive before them frozen (:func:`gc.freeze`), as a
    worker runs them: otherwise every garbage collection re-scans this process's imports
    (pytest, the harness), which makes trafilatura about 30% slower and would credit the
    harness with a speed-up that is only the collector's."""
    extractor = registry.load(EXTRACTOR)
    names = metrics.default_metrics(corpus)
    extractor.extract(WARMUP_HTML)
    htmls = [decode_html(page.read_bytes(), page.charset).text for page in corpus.pages]
    extract_s = 0.0
    outputs = []
    gc.freeze()
    try:
        for html in htmls:
            t0 = time.perf_counter()
            text = extractor.extract(html) or ""
            extract_s += time.perf_counter() - t0
            outputs.append(text)
    finally:
        gc.unfreeze()
    mb = sum(len(text.encode()) for text in outputs) / 1e6
    return {"extract_s": extract_s, "outputs": outputs, "metrics": names, "mb": mb}


def _score_all(corpus: Corpus, outputs: list[str], names: tuple[str, ...]) -> None:
    """What the worker does after extracting: every metric, and the noise diagnostics."""
    for page, text in zip(corpus.pages, outputs, strict=True):
        score_page(page, text, names)
        diagnose_page(page, text)


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
    return elapsed


def test_runner_overhead(
    benchmark: BenchmarkFixture,
    corpus: Corpus,
    bare: dict[str, Any],
    figures: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("one")
    one = benchmark.pedantic(_run, args=(corpus, root / "run", 1), rounds=1, iterations=1)
    # the same with the output cache on (the CLI's default), into an empty cache
    with_cache = _run(corpus, root / "cached-run", 1, cache=root / "cache")
    figures["one_worker_run_s"] = round(one, 3)
    figures["one_worker_run_with_empty_cache_s"] = round(with_cache, 3)
    figures["runner_overhead_with_empty_cache"] = round(with_cache / bare["extract_s"], 4)
    figures["bare_extract_s"] = round(bare["extract_s"], 3)
    figures["pages"] = len(corpus.pages)
    benchmark.extra_info["pages"] = len(corpus.pages)
    benchmark.extra_info["bare_extract_s"] = round(bare["extract_s"], 3)
    benchmark.extra_info["one_worker_run_s"] = round(one, 3)
    benchmark.extra_info["runner_overhead"] = round(one / bare["extract_s"], 4)


def test_parallel_speedup(
    benchmark: BenchmarkFixture,
    corpus: Corpus,
    figures: dict[str, Any],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = tmp_path_factory.mktemp("two")
    one = figures.get("one_worker_run_s") or _run(corpus, root / "one", 1)
    two = benchmark.pedantic(_run, args=(corpus, root / "two", 2), rounds=1, iterations=1)
    benchmark.extra_info["one_worker_run_s"] = round(one, 3)
    benchmark.extra_info["two_workers_run_s"] = round(two, 3)
    figures["two_workers_run_s"] = round(two, 3)
    benchmark.extra_info["parallel_speedup_2"] = round(one / two, 3)


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
    root = tmp_path_factory.mktemp("cached")
    first = _run(corpus, root / "first", 2, cache=root / "cache")
    again = benchmark.pedantic(
        _run, args=(corpus, root / "again", 2, root / "cache"), rounds=1, iterations=1
    )
    benchmark.extra_info["first_run_s"] = round(first, 3)
    benchmark.extra_info["cached_rerun_s"] = round(again, 3)
    benchmark.extra_info["cached_rerun_fraction"] = round(again / first, 4)
    figures["first_run_s"] = round(first, 3)
    figures["cached_rerun_s"] = round(again, 3)


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

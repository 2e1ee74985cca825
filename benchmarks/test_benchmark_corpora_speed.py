"""Speed of the benchmarks' own corpora and metrics (run by ``make bench-speed``): opening
WCXB's dev split, and scoring ``words`` and ``rouge-n5`` against the extraction they score.

Needs ``../shared/corpora/wcxb-dev`` (skipped without it). The shares are ratios of two
timings in this process on the same pages: trafilatura's bare calls on the first
:data:`PAGES` pages, then each metric over those outputs (``rouge-n5`` against WCXB's gold:
the cost is jieba's cut, the same for markdown or plain text).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from bench import metrics
from bench.metrics import rouge_n
from bench.worker import WARMUP_HTML
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.registry import open_corpus
from extractors import registry

REPO = Path(__file__).resolve().parent.parent
WCXB_DEV = REPO.parent / "shared" / "corpora" / "wcxb-dev"
PAGES = 200

pytestmark = pytest.mark.skipif(not WCXB_DEV.is_dir(), reason=f"{WCXB_DEV} is absent")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return open_corpus(f"wcxb:{WCXB_DEV}")


@pytest.fixture(scope="module")
def extracted(corpus: Corpus) -> dict[str, Any]:
    """trafilatura's outputs on the first pages and the seconds its calls took."""
    extractor = registry.load("trafilatura")
    extractor.extract(WARMUP_HTML)
    pages = corpus.pages[:PAGES]
    htmls = [decode_html(page.read_bytes(), page.charset).text for page in pages]
    start = time.perf_counter()
    outputs = [extractor.extract(html) for html in htmls]
    return {"pages": pages, "outputs": outputs, "extract_s": time.perf_counter() - start}


def test_open_wcxb_dev(benchmark: BenchmarkFixture) -> None:
    """Reading the 1,497 gold files and listing their pages (goal: under 5 s)."""
    benchmark.pedantic(open_corpus, args=(f"wcxb:{WCXB_DEV}",), rounds=3, iterations=1)
    benchmark.extra_info["wcxb_dev_open_seconds"] = round(benchmark.stats.stats.min, 3)


@pytest.mark.parametrize("name", ["words", "rouge-n5"])
def test_metric_share_of_extraction(
    benchmark: BenchmarkFixture, extracted: dict[str, Any], name: str
) -> None:
    """One metric over trafilatura's outputs, against the time the outputs took."""
    metric = metrics.get(name)
    pairs = list(zip(extracted["pages"], extracted["outputs"], strict=True))
    metric.score_page(pairs[0][0].gold, pairs[0][1])  # jieba loads its dictionary once

    def score_all() -> None:
        for page, output in pairs:
            metric.score_page(page.gold, output)

    def cold() -> None:
        # rouge-n5 remembers jieba's cut of each word: every round starts without it
        rouge_n._PIECES.clear()

    benchmark.pedantic(score_all, setup=cold, rounds=3, iterations=1)
    key = f"{name.replace('-', '_')}_share_of_extraction"
    benchmark.extra_info[key] = round(benchmark.stats.stats.min / extracted["extract_s"], 4)

"""Speed of the ``structure`` metric (run by ``make bench-speed``, or this file alone): scoring
the built-in corpus's pages against the extraction it scores.

The extractors of the issue's check (``trafilatura``, ``trafilatura-markdown``,
``everything-markdown``) run bare on every page of the default build, timed; then the
``structure`` metric scores their outputs, parsing every gold again (the remembered gold
blocks are dropped before each round), plus the text the text metrics read of a markdown
output. The share is the scoring's best round over the extraction's seconds (goal: under 10%).
"""

from __future__ import annotations

import importlib.util
import time
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from bench.scoring import score_page
from bench.structure import output as structure_output
from bench.worker import WARMUP_HTML
from corpora.decoding import decode_html
from corpora.registry import open_corpus
from extractors import registry

EXTRACTORS = ("trafilatura", "trafilatura-markdown", "everything-markdown")


@pytest.fixture(scope="module")
def extracted() -> dict[str, Any]:
    """Each extractor's outputs on the built-in corpus and the seconds its calls took."""
    if importlib.util.find_spec("markdownify") is None:
        pytest.skip("markdownify is not installed (pip install 'boilerbench[markdownify]')")
    pages = [p for p in open_corpus("builtin").pages if p.gold is not None]
    htmls = [decode_html(page.read_bytes(), page.charset).text for page in pages]
    runs: dict[str, tuple[str, list[str]]] = {}
    seconds = 0.0
    for name in EXTRACTORS:
        extractor = registry.load(name)
        extractor.extract(WARMUP_HTML)
        start = time.perf_counter()
        outputs = [extractor.extract(html) for html in htmls]
        seconds += time.perf_counter() - start
        runs[name] = (extractor.output_kind, outputs)
    return {"pages": pages, "runs": runs, "extract_s": seconds}


def test_structure_share_of_extraction(benchmark: BenchmarkFixture, extracted: dict) -> None:
    """``structure`` (and the rendered text of markdown outputs) over every output."""
    pages = extracted["pages"]

    def score_all() -> None:
        for kind, outputs in extracted["runs"].values():
            for page, output in zip(pages, outputs, strict=True):
                score_page(page, output, ("structure",), kind)
                structure_output.rendered_text(output, kind)

    def cold() -> None:
        structure_output._gold_blocks.cache_clear()
        structure_output.parse.cache_clear()

    benchmark.pedantic(score_all, setup=cold, rounds=3, iterations=1)
    share = benchmark.stats.stats.min / extracted["extract_s"]
    benchmark.extra_info["structure_share_of_extraction"] = round(share, 4)

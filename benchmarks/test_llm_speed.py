"""Throughput of an ``llm:`` extractor (pytest-benchmark; run by ``make bench-speed``).

Against an OpenAI-compatible server that waits 200 ms per request (tests/llm_stub.py, in a
process of its own so that its work does not share this interpreter), 181 pages (AEB's, else
the first 181 of the built-in corpus) must finish in under 5 s with the default concurrency
of 16: that is 12 waves of 200 ms, 2.3 s, where one request at a time would take 36 s. The
run goes through :func:`bench.runner.run` in this process (decoding, prompt, scoring and the
run store included; the interpreter's start and the CLI's imports are not counted).
"""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from bench import runner
from corpora.corpus import Corpus
from corpora.registry import open_corpus
from extractors.spec import parse_spec

REPO = Path(__file__).resolve().parent.parent
AEB = REPO.parent / "shared" / "corpora" / "aeb"
STUB = REPO / "tests" / "llm_stub.py"
PAGES = 181
DELAY_S = 0.2


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    found = open_corpus(f"aeb:{AEB}" if AEB.is_dir() else None)
    return dataclasses.replace(found, pages=found.pages[:PAGES])


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    """The stub's base URL; it serves until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, str(STUB), "--delay", str(DELAY_S)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    url = proc.stdout.readline().strip()
    try:
        assert url.startswith("http://127.0.0.1:"), url
        yield url
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_llm_pages_with_16_requests_in_flight(
    benchmark: BenchmarkFixture, corpus: Corpus, endpoint: str, tmp_path: Path
) -> None:
    spec = parse_spec(
        f"stub=llm:stub@{endpoint}", {"preset": "generic-text", "max_input_tokens": 1_000_000}
    )
    runs = itertools.count()

    def one_run() -> dict:
        config = runner.RunConfig(
            corpus=corpus, extractors=(spec,), out=tmp_path / f"run{next(runs)}", argv=()
        )
        return runner.run(config)

    summary = benchmark.pedantic(one_run, rounds=3, iterations=1)
    row = summary["results"][0]
    assert row["n_pages"] == len(corpus.pages) and row["failures"] == 0
    seconds = benchmark.stats.stats.median
    benchmark.extra_info["llm_181_pages_seconds"] = round(seconds, 2)
    assert seconds < 5.0, f"{len(corpus.pages)} pages took {seconds:.1f} s"

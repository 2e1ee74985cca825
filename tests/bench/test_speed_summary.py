"""Speed is a result: every run reports per extractor pages/s, median and p95 seconds per
page, the workers' peak resident memory and the warm-up call apart from the timed pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.records import PageResult
from bench.summary import speed
from corpora import native

PAGES = 8


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("speed") / "corpus"
    native.write(
        root,
        "speed-test",
        [
            native.PageToWrite(
                f"page-{i}",
                f"<html><body><article><p>Page {i}: the ferry runs {i} times a day, the "
                f"operator said, and the last boat leaves at {i + 6}.</p></article></body>"
                "</html>".encode(),
                {"text": f"Page {i}: the ferry runs {i} times a day."},
            )
            for i in range(PAGES)
        ],
    )
    return root


def test_a_run_reports_speed_per_extractor(cli, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", str(corpus), "-e", "trafilatura,faulty_extractors:sleepy",
        "--out", str(out), "--jobs", "2", "--no-cache", "--json",
    )  # fmt: skip
    rows = {r["extractor"]: r for r in json.loads(done.stdout)["results"]}
    for row in rows.values():
        assert row["pages_per_s"] > 0
        assert 0 < row["seconds_median"] <= row["seconds_p95"]
        assert row["warmup_seconds"] is not None and row["warmup_seconds"] > 0
        assert row["peak_rss_mb"] > 10  # a Python process with lxml loaded
        assert row["cached"] == 0 and row["speed_from_cache"] is False
    # sleepy sleeps 20 ms a page: the timed seconds are the extractor's, not the harness's
    assert 0.02 <= rows["faulty_extractors:sleepy"]["seconds_median"] < 0.2
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    for name in rows:
        warmed = [r for r in records if r["extractor"] == name and r["warmup_seconds"]]
        # one warm-up per worker and extractor (two workers), on its first page only
        assert 1 <= len(warmed) <= 2
        assert all(r["peak_rss_mb"] > 0 for r in records if r["extractor"] == name)


def _result(seconds: float, cached: bool = False, warmup: float | None = None) -> PageResult:
    return PageResult("p", "x", seconds, 1, None, peak_rss_mb=seconds * 100, cached=cached,
                      warmup_seconds=warmup)  # fmt: skip


def test_speed_figures_leave_out_cached_pages_and_the_warm_up() -> None:
    fresh = [_result(s / 100) for s in range(1, 101)]
    figures = speed([*fresh, _result(50.0, cached=True), _result(0.3, warmup=2.0)])
    # the cached 50 s page is not counted; the warm-up's 2 s are reported apart
    assert figures["seconds_p95"] < 1.0
    assert figures["warmup_seconds"] == 2.0
    assert figures["cached"] == 1 and figures["peak_rss_mb"] == 100.0
    assert figures["pages_per_s"] == pytest.approx(101 / (sum(r.seconds for r in fresh) + 0.3))
    only_cached = speed([_result(0.5, cached=True), _result(1.5, cached=True)])
    assert only_cached["speed_from_cache"] is True and only_cached["seconds_median"] == 1.0

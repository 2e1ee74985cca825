"""Bootstrap intervals and paired tests (``bench.stats``), and the significance verdicts
``boilerbench report`` gives on AEB."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from bench import metrics, stats
from bench.metrics.aeb import score_texts
from bench.metrics.bootstrap import resample_indices

AEB = metrics.get("aeb")
# 25 made-up words (AEB tokens are \w+ runs)
WORDS = [a + b for a in ("ri", "co", "bu", "ha", "tu") for b in ("ver", "nal", "dge", "bor", "mo")]


def article(rng: random.Random, n_words: int = 120) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


def page_scores(n: int, seed: int, keep: float, noise_words: int) -> list[dict[str, float]]:
    """Real AEB scores of ``n`` predictions that keep the first ``keep`` × (0.2–1) of the gold
    and add 0, 1 or 2 × ``noise_words`` words of boilerplate, so pages differ a lot. The same
    ``seed`` gives the same pages and factors whatever ``keep`` and ``noise_words`` are, so
    two calls are paired page by page."""
    scores = []
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        gold = article(rng)
        words = gold.split()
        kept = " ".join(words[: int(len(words) * keep * rng.uniform(0.2, 1.0))])
        noise = random.Random(f"{seed}:{i}:noise")
        n_noise = noise_words * rng.randrange(3)
        boiler = " ".join(f"menu{noise.randrange(50)}" for _ in range(n_noise))
        scores.append(score_texts(gold, f"{kept} {boiler}"))
    return scores


def test_resamples_are_the_summary_stream_in_chunks() -> None:
    chunks = list(stats.iter_resamples(37, seed=5, n_resamples=1234))
    stacked = np.concatenate(chunks)
    assert stacked.shape == (1234, 37)
    assert (stacked[:1000] == resample_indices(37, 5, 1000)).all()


def test_vectorised_statistic_reproduces_aggregate_on_every_resample() -> None:
    pages = page_scores(40, seed=1, keep=0.7, noise_words=30)
    pages += [score_texts("some gold words here", "")] * 3  # empty outputs
    fast = stats.replicates(AEB, pages, seed=3, n_resamples=200)
    slow_statistic = stats.aggregate_statistic(AEB, pages)
    slow = slow_statistic(resample_indices(len(pages), 3, 200))
    for key in ("precision", "recall", "f1", "accuracy"):
        np.testing.assert_allclose(fast[key], slow[key], rtol=0, atol=1e-12)
    std = AEB.aggregate(pages, seed=3, n_bootstrap=200)["f1_std"]
    assert float(np.std(fast["f1"], ddof=1)) == pytest.approx(std, abs=1e-12)


def test_intervals_contain_the_value_and_are_seeded() -> None:
    pages = page_scores(60, seed=4, keep=0.6, noise_words=40)
    first = stats.intervals(AEB, pages, seed=9)
    again = stats.intervals(AEB, pages, seed=9)
    other = stats.intervals(AEB, pages, seed=10)
    assert first == again
    assert first["f1"] != other["f1"]
    for iv in first.values():
        assert iv.low is not None and iv.high is not None
        assert iv.low <= iv.value <= iv.high
    assert first["f1"].value == pytest.approx(AEB.aggregate(pages)["f1"])


def test_too_few_pages_give_no_interval_and_no_test() -> None:
    pages = page_scores(stats.MIN_PAGES - 1, seed=5, keep=0.9, noise_words=5)
    iv = stats.intervals(AEB, pages, seed=0)["f1"]
    assert iv.low is None and iv.high is None
    pair = stats.paired_difference(AEB, pages, pages[::-1], seed=0)
    assert not pair.tested and not pair.significant


def test_identical_extractors_are_not_significantly_different() -> None:
    pages = page_scores(50, seed=6, keep=0.8, noise_words=20)
    pair = stats.paired_difference(AEB, pages, list(pages), seed=0)
    assert pair.diff == 0 and pair.low == 0 and pair.high == 0
    assert pair.p_value == 1.0 and not pair.significant


def test_a_consistently_better_extractor_is_significant() -> None:
    good = page_scores(50, seed=7, keep=0.95, noise_words=5)
    bad = page_scores(50, seed=7, keep=0.5, noise_words=60)  # same pages, worse output
    pair = stats.paired_difference(AEB, good, bad, seed=0, names=("good", "bad"))
    assert pair.diff > 0.2
    assert pair.low is not None and pair.low > 0
    assert pair.p_value == pytest.approx(2 / (stats.N_TEST_RESAMPLES + 1))
    assert pair.significant


def test_pairing_is_what_detects_a_small_consistent_gain() -> None:
    """Every page a little better: the paired test sees it although the two extractors'
    own intervals overlap."""
    base = page_scores(40, seed=8, keep=0.6, noise_words=30)
    better = page_scores(40, seed=8, keep=0.62, noise_words=26)
    a, b = stats.intervals(AEB, better, seed=0)["f1"], stats.intervals(AEB, base, seed=0)["f1"]
    assert a.low < b.high  # overlapping intervals
    assert stats.paired_difference(AEB, better, base, seed=0).significant


def test_holm_adjustment() -> None:
    assert stats.holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert stats.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])
    assert stats.holm([]) == []


def test_rank_ranges_follow_significance() -> None:
    good = page_scores(30, seed=9, keep=0.95, noise_words=5)
    same = list(good)
    bad = page_scores(30, seed=9, keep=0.4, noise_words=80)
    pairs = stats.adjust(
        [
            stats.paired_difference(AEB, x, y, seed=0, names=names)
            for x, y, names in (
                (good, same, ("good", "same")),
                (good, bad, ("good", "bad")),
                (same, bad, ("same", "bad")),
            )
        ]
    )
    assert stats.rank_ranges(["good", "same", "bad"], pairs) == {
        "good": (1, 2),
        "same": (1, 2),
        "bad": (3, 3),
    }


def test_ratio_interval_of_leaked_blocks() -> None:
    leaked = [1, 0, 2, 0, 1, 1, 0, 0, 2, 1, 0, 1]
    blocks = [2, 1, 2, 1, 2, 2, 1, 1, 2, 2, 1, 2]
    iv = stats.ratio_interval(leaked, blocks, seed=0)
    assert iv is not None and iv.value == pytest.approx(9 / 19)
    assert iv.low is not None and iv.high is not None and iv.low < iv.value < iv.high
    assert stats.ratio_interval([0, 0], [0, 0], seed=0) is None


@pytest.mark.integration
@pytest.mark.public_data
@pytest.mark.slow
def test_report_says_which_aeb_differences_are_significant(
    cli, aeb_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "aeb"
    cli(
        "run",
        "--corpus",
        str(aeb_dir),
        "-e",
        "trafilatura,readability,justext",
        "--out",
        str(out),
        "--no-progress",
    )
    pairs = json.loads(cli("report", str(out), "-f", "json", "--table", "pairs").stdout)
    verdicts = {frozenset((p["a"], p["b"])): p for p in pairs}
    tied = verdicts[frozenset(("trafilatura", "readability"))]
    assert not tied["significant"] and tied["low"] < 0 < tied["high"]
    for other in ("trafilatura", "readability"):
        pair = verdicts[frozenset((other, "justext"))]
        assert pair["significant"] and pair["a"] == other and pair["low"] > 0.05
    rows = {r["extractor"]: r for r in json.loads(cli("report", str(out), "-f", "json").stdout)}
    summary = {r["extractor"]: r for r in json.loads((out / "summary.json").read_text())["results"]}
    for name, row in rows.items():
        assert row["f1"] == pytest.approx(summary[name]["metrics"]["f1"], abs=1e-12)
        assert row["f1_low"] < row["f1"] < row["f1_high"]
    assert rows["justext"]["rank_best"] == 3 and rows["trafilatura"]["rank_worst"] == 2
    text = cli("report", str(out)).stdout
    assert "Not significantly different" in text and "readability vs trafilatura" in text

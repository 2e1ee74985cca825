"""Banding LSH: parameter choice vs datasketch, S-curve on planted duplicates, big buckets."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from datasketch.lsh import _optimal_param
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.dedup.lsh import LSHIndex, candidate_probability, choose_bands, s_curve_midpoint
from bench.dedup.minhash import EMPTY32, MinHasher, MinHashParams, estimate_jaccard
from bench.dedup.normalize import shingles

LEVELS = (0.3, 0.5, 0.7, 0.9)
PAIRS_PER_LEVEL = 200
UNION = 200  # shingles in the union of each planted pair

Planted = tuple[list[str], list[tuple[int, int, float]], np.ndarray]


def _words(rng: np.random.Generator, n: int) -> list[str]:
    letters = rng.integers(0, 26, size=(n, 8)) + ord("a")
    return ["".join(map(chr, row)) for row in letters.tolist()]


def planted_corpus(seed: int = 2024) -> tuple[list[str], list[tuple[int, int, float]]]:
    """Random-token documents: pairs with exact 5-shingle Jaccard in LEVELS, plus loners.

    A pair is ``C + A'`` and ``C + B'``: with random tokens, shingles inside ``C`` are shared
    (``len(C) - 4``) and each doc has ``len(A')`` private ones, so J = I / (I + 2 * len(A')).
    """
    rng = np.random.default_rng(seed)
    docs: list[str] = []
    pairs: list[tuple[int, int, float]] = []
    for level in LEVELS:
        inter = round(UNION * level)
        private = (UNION - inter) // 2
        for _ in range(PAIRS_PER_LEVEL):
            common = _words(rng, inter + 4)
            a = " ".join(common + _words(rng, private))
            b = " ".join(common + _words(rng, private))
            pairs.append((len(docs), len(docs) + 1, level))
            docs += [a, b]
    docs += [" ".join(_words(rng, 150)) for _ in range(400)]  # unrelated documents
    return docs, pairs


@pytest.fixture(scope="module")
def planted() -> Planted:
    docs, pairs = planted_corpus()
    return docs, pairs, MinHasher(MinHashParams(num_perm=128, seed=1, ngram=5)).signatures(docs)


def test_planted_pairs_have_the_intended_jaccard(planted: Planted) -> None:
    docs, pairs, _ = planted
    for i, j, level in pairs[::17]:
        a, b = set(shingles(docs[i])), set(shingles(docs[j]))
        assert len(a & b) / len(a | b) == pytest.approx(level)


def test_minhash_slot_agreement_matches_jaccard(planted: Planted) -> None:
    _, pairs, sigs = planted
    for level in LEVELS:
        idx = [(i, j) for i, j, lv in pairs if lv == level]
        agree = float(estimate_jaccard(sigs, idx).mean())
        sigma = np.sqrt(level * (1 - level) / (128 * len(idx)))
        assert abs(agree - level) < 4 * sigma + 1e-9, (level, agree)


@pytest.mark.parametrize(("bands", "rows"), [(16, 8), (32, 4), (9, 13)])
def test_candidate_rate_follows_banding_theory(planted: Planted, bands: int, rows: int) -> None:
    _, pairs, sigs = planted
    index = LSHIndex(128, bands, rows)
    index.insert(sigs[:900])  # two batches, split inside the planted pairs
    index.insert(sigs[900:])
    found = {tuple(p) for p in index.candidate_pairs().tolist()}
    planted_set = {(i, j) for i, j, _ in pairs}
    assert found <= planted_set, "pair between unrelated random documents"
    for level in LEVELS:
        hits = sum((i, j) in found for i, j, lv in pairs if lv == level)
        p = float(candidate_probability(level, bands, rows))
        sigma = np.sqrt(p * (1 - p) / PAIRS_PER_LEVEL)
        assert abs(hits / PAIRS_PER_LEVEL - p) <= 4 * sigma + 1 / PAIRS_PER_LEVEL, (level, hits, p)


@pytest.mark.parametrize("num_perm", [16, 64, 128])
@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.3, 0.7)])
def test_choose_bands_matches_datasketch(num_perm: int, weights: tuple[float, float]) -> None:
    for threshold in (0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95):
        expected = _optimal_param(threshold, num_perm, *weights)
        assert choose_bands(threshold, num_perm, weights) == expected, threshold


def test_choose_bands_validation_and_midpoint() -> None:
    assert choose_bands(0.8, 128) == (9, 13)
    assert s_curve_midpoint(9, 13) == pytest.approx((1 / 9) ** (1 / 13))
    assert s_curve_midpoint(16, 8) == pytest.approx(0.7071, abs=1e-4)
    assert candidate_probability(0.0, 4, 4) == 0.0
    assert candidate_probability(1.0, 4, 4) == 1.0
    with pytest.raises(ValueError):
        choose_bands(1.5, 128)
    with pytest.raises(ValueError):
        choose_bands(0.5, 128, (0.5, 0.6))
    with pytest.raises(ValueError):
        LSHIndex(128, 16, 9)


def _random_sigs(n: int, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**32, size=(n, 32), dtype=np.uint64)


def test_big_buckets_are_capped_and_empty_docs_never_match() -> None:
    sigs = _random_sigs(3000, seed=5)
    sigs[100:1100] = sigs[99]  # 1001 identical boilerplate-only documents
    sigs[2000:2500] = EMPTY32  # 500 empty documents
    sigs[2600] = sigs[2700]  # one ordinary duplicate pair
    index = LSHIndex(32, 8, 4, max_bucket_size=50)
    index.insert(sigs)
    pairs = index.candidate_pairs()
    star = {(99, j) for j in range(100, 1100)}
    assert {tuple(p) for p in pairs.tolist()} == star | {(2600, 2700)}
    assert index.stats.oversize_buckets == 8 and index.stats.largest_bucket == 1001
    assert index.empty[2000:2500].all() and not index.empty[:2000].any()

    skip = LSHIndex(32, 8, 4, max_bucket_size=50, big_bucket="skip")
    skip.insert(sigs)
    assert skip.candidate_pairs().tolist() == [[2600, 2700]]

    hits = index.query(sigs[[99, 500, 2000, 2600, 2999]])
    assert hits[0].tolist() == [99] and hits[1].tolist() == [99]  # oversize: representative
    assert hits[2].tolist() == []  # empty query matches nothing
    assert hits[3].tolist() == [2600, 2700] and hits[4].tolist() == [2999]


def test_incremental_insert_equals_one_shot_and_new_since() -> None:
    sigs = _random_sigs(600, seed=8)
    rng = np.random.default_rng(1)
    for i in range(0, 600, 7):  # near-duplicates: copy ~90% of another row's slots
        j = int(rng.integers(0, 600))
        mask = rng.random(32) < 0.9
        sigs[i, mask] = sigs[j, mask]
    one = LSHIndex(32, 8, 4)
    one.insert(sigs)
    inc = LSHIndex(32, 8, 4)
    for start in range(0, 600, 128):
        inc.insert(sigs[start : start + 128])
    expected = one.candidate_pairs()
    assert len(expected) > 50
    np.testing.assert_array_equal(inc.candidate_pairs(), expected)
    np.testing.assert_array_equal(
        inc.candidate_pairs(new_since=300), expected[expected[:, 1] >= 300]
    )
    assert (expected[:, 0] < expected[:, 1]).all()
    assert np.array_equal(expected, np.unique(expected, axis=0))  # sorted, no repeats


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 4), min_size=0, max_size=40), st.integers(2, 6))
def test_candidate_pairs_equal_brute_force(values: list[int], cap: int) -> None:
    # Signatures of 2 bands x 1 row from a tiny alphabet: many collisions and big buckets.
    sigs = np.array([[v, (v * 7 + k) % 3] for k, v in enumerate(values)], dtype=np.uint64)
    sigs = sigs.reshape(-1, 2)
    index = LSHIndex(2, 2, 1, max_bucket_size=cap)
    index.insert(sigs)
    expected: set[tuple[int, int]] = set()
    for band in range(2):
        buckets: dict[int, list[int]] = {}
        for k, row in enumerate(sigs.tolist()):
            buckets.setdefault(row[band], []).append(k)
        for members in buckets.values():
            if len(members) > cap:
                expected |= {(members[0], m) for m in members[1:]}
            else:
                expected |= set(itertools.combinations(members, 2))
    assert index.candidate_pairs().tolist() == sorted(map(list, expected))

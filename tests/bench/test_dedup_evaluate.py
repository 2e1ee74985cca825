"""Clustering, scores (pairwise P/R/F1, ARI, false merges, AUC) and find_duplicates."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.dedup import (
    UnionFind,
    adjusted_rand_index,
    cluster_labels,
    clusters,
    false_merges,
    find_duplicates,
    pairwise_scores,
    separation_auc,
)


def test_union_find_roots_are_smallest_members() -> None:
    uf = UnionFind(6)
    assert uf.union(4, 2) == 2
    assert uf.union(5, 4) == 2
    assert uf.union(3, 1) == 1
    assert uf.union(1, 2) == 1
    assert uf.labels().tolist() == [0, 1, 1, 1, 1, 1]


def test_cluster_labels_and_clusters() -> None:
    labels = cluster_labels(7, np.array([[5, 6], [2, 6], [1, 3]]))
    assert labels.tolist() == [0, 1, 2, 1, 4, 2, 2]
    assert [c.tolist() for c in clusters(labels)] == [[1, 3], [2, 5, 6]]
    assert [c.tolist() for c in clusters(labels, min_size=1)] == [[0], [1, 3], [2, 5, 6], [4]]
    assert cluster_labels(3, []).tolist() == [0, 1, 2]
    with pytest.raises(IndexError):
        cluster_labels(3, [(0, 3)])


@settings(max_examples=50, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)))
        )
    )
)
def test_cluster_labels_are_connected_components(case: tuple[int, list[tuple[int, int]]]) -> None:
    n, pairs = case
    labels = cluster_labels(n, pairs)
    comp = list(range(n))  # brute force: relabel until stable
    changed = True
    while changed:
        changed = False
        for i, j in pairs:
            m = min(comp[i], comp[j])
            if comp[i] != m or comp[j] != m:
                comp[i] = comp[j] = m
                changed = True
    # propagate to fixpoint through chains
    for _ in range(n):
        comp = [comp[c] for c in comp]
    assert labels.tolist() == comp
    assert cluster_labels(n, list(reversed(pairs))).tolist() == comp


def test_pairwise_scores_hand_computed() -> None:
    # gold groups {0,1,2} {3,4} {5}; predicted {0,1} {2,3,4} {5}
    gold = ["a", "a", "a", "b", "b", "c"]
    pred = [0, 0, 2, 2, 2, 5]
    s = pairwise_scores(pred, gold)
    # predicted pairs: 01, 23, 24, 34 -> 4; gold pairs: 01, 02, 12, 34 -> 4; shared: 01, 34
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (2, 4, 4)
    assert s.precision == pytest.approx(0.5) and s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(0.5)


def test_pairwise_scores_edge_cases() -> None:
    none = pairwise_scores([0, 1, 2], [None, None, None])  # nothing predicted, no gold pairs
    assert (none.precision, none.recall, none.f1) == (1.0, 1.0, 1.0)
    missed = pairwise_scores([0, 1, 2], ["g", "g", None])  # nothing predicted, 1 gold pair
    assert (missed.precision, missed.recall, missed.f1) == (1.0, 0.0, 0.0)
    wrong = pairwise_scores([0, 0, 2], [None, None, None])  # predicted pair, no gold pair
    assert (wrong.precision, wrong.recall, wrong.f1) == (0.0, 1.0, 0.0)
    with pytest.raises(ValueError):
        pairwise_scores([0, 1], [0, 1, 2])


def test_adjusted_rand_index_hand_computed() -> None:
    # Contingency rows gold {0,1,2} {3,4,5} x predicted {0,1} {2,3} {4,5}: [[2,1,0],[0,1,2]].
    # sum C(n_ij,2) = 2; predicted pairs a = 3; gold pairs b = 6; C(6,2) = 15
    # expected = 3*6/15 = 1.2; max = (3+6)/2 = 4.5; ARI = (2-1.2)/(4.5-1.2) = 0.8/3.3
    gold = [0, 0, 0, 1, 1, 1]
    pred = [0, 0, 1, 1, 2, 2]
    assert adjusted_rand_index(pred, gold) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index(gold, pred) == pytest.approx(0.8 / 3.3)
    assert adjusted_rand_index([5, 5, 7, 7], ["x", "x", "y", "y"]) == 1.0
    assert adjusted_rand_index([0, 1, 2], [0, 1, 2]) == 1.0  # all singletons: defined as 1
    assert adjusted_rand_index([0, 0, 0], [1, 1, 1]) == 1.0  # single cluster: defined as 1
    # all-singletons prediction vs one gold pair: no agreement beyond chance
    assert adjusted_rand_index([0, 1, 2, 3], [0, 0, 1, 2]) == pytest.approx(0.0)
    assert adjusted_rand_index([0], [0]) == 1.0


def test_false_merges() -> None:
    gold = ["a1", "a1", "a2", "a3", None, None]
    template = ["t1", "t1", "t1", "t2", "t1", None]
    pairs = [(0, 1), (0, 2), (1, 2), (2, 3), (2, 4), (4, 5), (3, 5)]
    # (0,1) same gold; (0,2) (1,2) (2,4) different gold + shared template t1 -> 3;
    # (2,3) different templates; (4,5) and (3,5) unknown template -> not counted
    assert false_merges(pairs, gold, template) == 3
    assert false_merges(np.zeros((0, 2), dtype=np.int64), gold, template) == 0


def test_separation_auc_hand_computed() -> None:
    assert separation_auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert separation_auc([0.1, 0.2], [0.9, 0.8]) == 0.0
    assert separation_auc([0.5], [0.5]) == 0.5  # tie counts half
    # pos {0.1, 0.3, 0.5} vs neg {0.3, 0.2}: wins 0+0+2 + half for (0.3, 0.3) = 3.5 of 6
    assert separation_auc([0.1, 0.3, 0.5], [0.3, 0.2]) == pytest.approx(3.5 / 6)
    assert np.isnan(separation_auc([], [0.1]))
    with pytest.raises(ValueError):
        separation_auc([float("nan")], [0.1])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=20),
    st.lists(st.integers(0, 5), min_size=1, max_size=20),
)
def test_separation_auc_equals_pair_count(pos: list[int], neg: list[int]) -> None:
    wins = sum(1.0 if p > q else 0.5 if p == q else 0.0 for p, q in itertools.product(pos, neg))
    assert separation_auc(pos, neg) == pytest.approx(wins / (len(pos) * len(neg)))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=2, max_size=25))
def test_pairwise_scores_equal_brute_force(labels: list[tuple[int, int]]) -> None:
    pred = [p for p, _ in labels]
    gold = [g for _, g in labels]
    pairs = list(itertools.combinations(range(len(labels)), 2))
    pp = {(i, j) for i, j in pairs if pred[i] == pred[j]}
    gp = {(i, j) for i, j in pairs if gold[i] == gold[j]}
    s = pairwise_scores(pred, gold)
    assert (s.true_pairs, s.predicted_pairs, s.gold_pairs) == (len(pp & gp), len(pp), len(gp))


def _words(rng: np.random.Generator, n: int) -> list[str]:
    return ["".join(chr(97 + c) for c in row) for row in rng.integers(0, 26, (n, 7)).tolist()]


def test_find_duplicates_end_to_end_and_reproducible() -> None:
    rng = np.random.default_rng(99)
    docs: list[str] = []
    gold: list[int | None] = []
    for group in range(30):  # 30 articles, each published 3x with a one-word edit (J ~ 0.94)
        base = _words(rng, 300)
        for _ in range(3):
            text = list(base)
            for k in rng.choice(300, 1, replace=False):
                text[k] = _words(rng, 1)[0]
            docs.append(" ".join(text).capitalize() + ".")
            gold.append(group)
    for _ in range(60):
        docs.append(" ".join(_words(rng, 300)))
        gold.append(None)
    docs += ["", "  ", "Home | About | Contact"]
    gold += [None, None, None]

    result = find_duplicates(docs, threshold=0.8, verify=True)
    assert (result.bands, result.rows) == (9, 13)
    assert result.s_curve_midpoint == pytest.approx((1 / 9) ** (1 / 13))
    assert result.empty.tolist()[-3:] == [True, True, False]
    assert result.verified_pairs is not None and result.verified_jaccard is not None
    assert (result.verified_jaccard >= 0.8).all()
    scores = pairwise_scores(result.labels, gold)
    assert scores.precision == 1.0 and scores.recall > 0.9
    assert adjusted_rand_index(result.labels, gold) > 0.9
    assert result.labels[-3] == len(docs) - 3 and result.labels[-2] == len(docs) - 2

    again = find_duplicates(list(docs), threshold=0.8, verify=True)
    np.testing.assert_array_equal(again.labels, result.labels)
    np.testing.assert_array_equal(again.candidate_pairs, result.candidate_pairs)
    unverified = find_duplicates(docs, threshold=0.8)
    assert unverified.verified_pairs is None
    np.testing.assert_array_equal(unverified.pairs, unverified.candidate_pairs)

"""Scores of predicted duplicate clusters against gold duplicate groups.

Label inputs give one label per document (cluster id, gold group id); ``None`` in a label
sequence means "a group of its own" (distinct from every other document, ``None`` included).

Edge cases: pairwise precision is 1.0 when no pair is predicted, recall is 1.0 when there is
no gold pair (so both empty gives P = R = F1 = 1.0); F1 is 0.0 when P + R = 0. The adjusted
Rand index is 1.0 when its denominator vanishes, which happens only when both partitions are
all-singletons or both a single cluster (i.e. identical). ``separation_auc`` is NaN when either
score list is empty.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "PairScores",
    "adjusted_rand_index",
    "false_merges",
    "pairwise_scores",
    "separation_auc",
]

Labels = Sequence[Hashable | None] | np.ndarray


@dataclass(frozen=True, slots=True)
class PairScores:
    """Pairwise precision/recall/F1 with the pair counts they come from."""

    precision: float
    recall: float
    f1: float
    true_pairs: int  # same predicted cluster and same gold group
    predicted_pairs: int  # same predicted cluster
    gold_pairs: int  # same gold group


def _dense(labels: Labels) -> np.ndarray:
    """Labels as dense int64 codes; every ``None`` gets a fresh code of its own."""
    if isinstance(labels, np.ndarray) and labels.dtype.kind in "iub":
        return np.unique(labels, return_inverse=True)[1].astype(np.int64).reshape(-1)
    codes: dict[Hashable, int] = {}
    out = np.empty(len(labels), dtype=np.int64)
    for k, label in enumerate(labels):
        if label is None:
            out[k] = len(codes)
            codes[object()] = out[k]
        else:
            out[k] = codes.setdefault(label, len(codes))
    return out


def _pairs_in(counts: np.ndarray) -> int:
    """Number of unordered pairs inside groups of the given sizes."""
    c = counts.astype(np.int64)
    return int((c * (c - 1) // 2).sum())


def _contingency(pred: Labels, gold: Labels) -> tuple[int, int, int, int]:
    """``(joint pairs, predicted pairs, gold pairs, n)`` from the contingency table."""
    p, g = _dense(pred), _dense(gold)
    if p.size != g.size:
        raise ValueError(f"{p.size} predicted labels for {g.size} gold labels")
    joint = np.unique(p * (int(g.max(initial=0)) + 1) + g, return_counts=True)[1]
    pred_sizes = np.unique(p, return_counts=True)[1]
    gold_sizes = np.unique(g, return_counts=True)[1]
    return _pairs_in(joint), _pairs_in(pred_sizes), _pairs_in(gold_sizes), int(p.size)


def pairwise_scores(pred_labels: Labels, gold_labels: Labels) -> PairScores:
    """Pairwise P/R/F1: document pairs sharing a predicted cluster vs sharing a gold group."""
    tp, predicted, gold, _ = _contingency(pred_labels, gold_labels)
    precision = tp / predicted if predicted else 1.0
    recall = tp / gold if gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1, tp, predicted, gold)


def adjusted_rand_index(pred_labels: Labels, gold_labels: Labels) -> float:
    """Adjusted Rand index (Hubert & Arabie) from the contingency table."""
    joint, a, b, n = _contingency(pred_labels, gold_labels)
    total = n * (n - 1) // 2
    if total == 0:
        return 1.0
    expected = a * b / total
    maximum = (a + b) / 2
    if maximum == expected:
        return 1.0
    return (joint - expected) / (maximum - expected)


def false_merges(
    pred_pairs: Sequence[Sequence[int]] | np.ndarray, gold_group: Labels, template_of: Labels
) -> int:
    """Predicted pairs from different gold groups whose documents share a template label.

    A ``None`` template means "unknown" and never counts as shared.
    """
    pairs = np.asarray(pred_pairs, dtype=np.int64).reshape(-1, 2)
    gold = _dense(gold_group)
    known = np.array([t is not None for t in template_of], dtype=bool)
    tmpl = _dense(template_of)
    i, j = pairs[:, 0], pairs[:, 1]
    hit = (gold[i] != gold[j]) & (tmpl[i] == tmpl[j]) & known[i] & known[j]
    return int(hit.sum())


def separation_auc(
    same_article_scores: Sequence[float] | np.ndarray,
    diff_article_scores: Sequence[float] | np.ndarray,
) -> float:
    """ROC AUC: P(same-article pair scores above a different-article pair), ties count half.

    Rank-based (Mann-Whitney U with mid-ranks), ``O((m + n) log(m + n))``.
    """
    pos = np.asarray(same_article_scores, dtype=np.float64).reshape(-1)
    neg = np.asarray(diff_article_scores, dtype=np.float64).reshape(-1)
    if pos.size == 0 or neg.size == 0:
        return float("nan")
    both = np.concatenate((pos, neg))
    if np.isnan(both).any():
        raise ValueError("scores must not contain NaN")
    _, inverse, counts = np.unique(both, return_inverse=True, return_counts=True)
    mid_rank = np.cumsum(counts) - (counts - 1) / 2.0  # 1-based average rank of each value
    rank_sum = mid_rank[inverse[: pos.size]].sum()
    u = rank_sum - pos.size * (pos.size + 1) / 2.0
    return float(u / (pos.size * neg.size))

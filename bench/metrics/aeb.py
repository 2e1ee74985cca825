"""The article-extraction-benchmark metric, reproduced exactly.

Tokens are Unicode ``\\w+`` matches; shingles are token 4-grams (a text of 1–3 tokens is a
single shingle, an empty text has none). Per page, TP/FP/FN over the shingle multisets are
normalised to sum to 1. Corpus precision averages page precision over pages with TP+FP > 0
(so empty outputs are ignored: show failures beside it), recall over pages with TP+FN > 0;
F1 is the harmonic mean of the two averages. Accuracy: share of pages whose token lists are
equal to the gold's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bench.metrics.base import FieldInfo, MetricInfo, Statistic
from bench.metrics.bootstrap import bootstrap_std
from bench.metrics.memo import gold_side
from corpora.page import Gold

info = MetricInfo(
    name="aeb",
    description="AEB shingle P/R/F1 (token 4-grams, per-page normalised) and exact-token accuracy",
    headline="f1",
    fields=(
        FieldInfo("f1", "F1", description="harmonic mean of corpus precision and recall"),
        FieldInfo("precision", description="mean page precision over pages with output"),
        FieldInfo("recall", description="mean page recall over pages with gold"),
        FieldInfo("accuracy", description="share of pages whose tokens equal the gold's"),
    ),
    needs=("text",),
)
_TOKEN = re.compile(r"\w+")
NGRAM = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(words: list[str], n: int = NGRAM) -> Counter[tuple[str, ...]]:
    if not words:
        return Counter()
    if len(words) < n:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


@dataclass(frozen=True, slots=True)
class GoldShingles:
    """The gold side of :func:`overlap`: the gold's tokens, their ids (first seen first: the
    ids :func:`overlap` gives them whatever the output) and, when they pack, the distinct
    packed 4-grams with their counts."""

    tokens: list[str]
    ids: dict[str, int]
    unique: np.ndarray | None = None
    counts: np.ndarray | None = None
    n_shingles: int = 0


def gold_shingles(gold_tokens: list[str]) -> GoldShingles:
    ids = {w: i for i, w in enumerate(dict.fromkeys(gold_tokens))}
    if len(gold_tokens) < NGRAM or len(ids) > _PACKED_VOCABULARY:
        return GoldShingles(gold_tokens, ids)
    codes = _packed_shingles(np.fromiter(map(ids.__getitem__, gold_tokens), np.uint64))
    unique, counts = np.unique(codes, return_counts=True)
    return GoldShingles(gold_tokens, ids, unique, counts, len(codes))


@gold_side
def gold_text_shingles(gold: str) -> GoldShingles:
    """:func:`gold_shingles` of a gold text's tokens, remembered (:mod:`bench.metrics.memo`)."""
    return gold_shingles(tokens(gold))


def overlap(gold_tokens: list[str], pred_tokens: list[str]) -> tuple[int, int, int]:
    """TP, FP and FN counts of the two texts' shingle multisets: what :func:`shingles` and
    Counter arithmetic give, computed on packed integer shingles (about 3× faster)."""
    return overlap_with(gold_shingles(gold_tokens), pred_tokens)


def overlap_with(gold: GoldShingles, pred_tokens: list[str]) -> tuple[int, int, int]:
    """:func:`overlap` with the gold side prepared (:func:`gold_shingles`)."""
    gold_tokens = gold.tokens
    n_gold, n_pred = len(gold_tokens), len(pred_tokens)
    if min(n_gold, n_pred) < NGRAM:
        # a text of 1-3 tokens is one shingle of that length: it can only match the other
        # text's one shingle, when both token lists are equal
        tp = int(bool(gold_tokens) and gold_tokens == pred_tokens)
        return tp, _count(n_pred) - tp, _count(n_gold) - tp
    # the output's new words take the next ids, in the order they first appear
    new = [w for w in dict.fromkeys(pred_tokens) if w not in gold.ids]
    if gold.unique is None or gold.counts is None or len(gold.ids) + len(new) > _PACKED_VOCABULARY:
        true, pred = shingles(gold_tokens), shingles(pred_tokens)
        tp = sum((true & pred).values())
        return tp, n_pred - NGRAM + 1 - tp, n_gold - NGRAM + 1 - tp
    ids = gold.ids | {w: i for i, w in enumerate(new, len(gold.ids))}
    pred_codes = _packed_shingles(np.fromiter(map(ids.__getitem__, pred_tokens), np.uint64, n_pred))
    pred_unique, pred_counts = np.unique(pred_codes, return_counts=True)
    _, in_gold, in_pred = np.intersect1d(
        gold.unique, pred_unique, assume_unique=True, return_indices=True
    )
    tp = int(np.minimum(gold.counts[in_gold], pred_counts[in_pred]).sum())
    return tp, len(pred_codes) - tp, gold.n_shingles - tp


def _count(n_tokens: int) -> int:
    """How many shingles a text of ``n_tokens`` tokens has."""
    return max(n_tokens - NGRAM + 1, 1) if n_tokens else 0


# Token ids below 2**16 pack a 4-gram into one uint64 exactly; texts with more distinct
# tokens than that (over 65,536 distinct words in one page pair) take the Counter path.
_PACKED_VOCABULARY = 1 << 16
_SHIFTS = tuple(np.uint64(16 * (NGRAM - 1 - k)) for k in range(NGRAM))


def _packed_shingles(ids: np.ndarray) -> np.ndarray:
    """Every token 4-gram of ``ids`` (at least 4 of them) as one uint64."""
    width = len(ids) - NGRAM + 1
    codes = np.zeros(width, dtype=np.uint64)
    for k, shift in enumerate(_SHIFTS):
        codes |= ids[k : k + width] << shift
    return codes


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Normalised TP/FP/FN and whether the token lists are equal."""
    return score_texts(gold.text, prediction)


def score_texts(gold: str, prediction: str) -> dict[str, float]:
    """:func:`score_page` on a plain gold text."""
    prepared, pred_tokens = gold_text_shingles(gold), tokens(prediction)
    gold_tokens = prepared.tokens
    tp, fp, fn = overlap_with(prepared, pred_tokens)
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return {
        "tp": float(tp),
        "fp": float(fp),
        "fn": float(fn),
        "exact": float(gold_tokens == pred_tokens),
    }


def page_precision(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    perfect = (fp == 0) & (fn == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
    return np.where(perfect, 1.0, value)


def page_recall(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    perfect = (fp == 0) & (fn == 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
    return np.where(perfect, 1.0, value)


def _f1(precision: np.ndarray, recall: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)


def statistic(pages: Sequence[Mapping[str, float]]) -> Statistic:
    """Corpus precision, recall, F1 and accuracy of every resample in an index array
    ``(resamples, pages)``, vectorised so bootstraps and breakdowns stay fast."""
    tp = np.array([p["tp"] for p in pages], dtype=float)
    fp = np.array([p["fp"] for p in pages], dtype=float)
    fn = np.array([p["fn"] for p in pages], dtype=float)
    exact = np.array([p["exact"] for p in pages], dtype=float)
    p_page, r_page = page_precision(tp, fp, fn), page_recall(tp, fp, fn)
    p_mask = (tp + fp > 0).astype(float)
    r_mask = (tp + fn > 0).astype(float)

    def corpus(idx: np.ndarray) -> dict[str, np.ndarray]:
        with np.errstate(invalid="ignore", divide="ignore"):
            precision = (p_page[idx] * p_mask[idx]).sum(-1) / p_mask[idx].sum(-1)
            recall = (r_page[idx] * r_mask[idx]).sum(-1) / r_mask[idx].sum(-1)
        precision, recall = np.nan_to_num(precision), np.nan_to_num(recall)
        return {
            "precision": precision,
            "recall": recall,
            "f1": _f1(precision, recall),
            "accuracy": exact[idx].mean(-1),
        }

    return corpus


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Corpus scores and their bootstrap standard deviations (pages resampled, seeded)."""
    if not pages:
        return {}
    corpus = statistic(pages)
    point = {k: float(v[0]) for k, v in corpus(np.arange(len(pages))[None, :]).items()}
    spread = bootstrap_std(corpus, len(pages), seed=seed, n_resamples=n_bootstrap)
    return {**point, **{f"{k}_std": v for k, v in spread.items()}}

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

import numpy as np

from bench.metrics.bootstrap import Statistic, bootstrap_std
from corpora.page import Gold

NAME = "aeb"
DESCRIPTION = "AEB shingle P/R/F1 (token 4-grams, per-page normalised) and exact-token accuracy"
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


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Normalised TP/FP/FN and whether the token lists are equal."""
    return score_texts(gold.text, prediction)


def score_texts(gold: str, prediction: str) -> dict[str, float]:
    """:func:`score_page` on a plain gold text."""
    gold_tokens, pred_tokens = tokens(gold), tokens(prediction)
    true, pred = shingles(gold_tokens), shingles(pred_tokens)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
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

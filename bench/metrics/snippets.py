"""trafilatura's evaluation metric: snippets that must and must not be in the output.

The output's runs of whitespace become one space (so do the snippets'). A "with" snippet
(main text) found in the output is a true positive, missing a false negative; a "without"
snippet (boilerplate) found is a false positive, absent a true negative. The four counts are
summed over all pages (micro) before precision, recall, accuracy and F1 are computed; the
bootstrap resamples pages. A crash or an empty output finds no snippet: every "with" snippet
is missed and every "without" snippet is a true negative, as in trafilatura's script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from bench.metrics.base import FieldInfo, MetricInfo, PageScores, Statistic
from bench.metrics.bootstrap import bootstrap_std
from corpora.page import Gold

info = MetricInfo(
    name="snippets",
    description=(
        "trafilatura's snippet P/R/F1/accuracy: must-have and must-not snippets, micro-summed"
    ),
    headline="f1",
    fields=(
        FieldInfo("f1", "F1"),
        FieldInfo("precision"),
        FieldInfo("recall"),
        FieldInfo("accuracy"),
    ),
    needs=("snippets",),
    others=(
        FieldInfo("tp", "must-have found", unit_interval=False),
        FieldInfo("fn", "must-have missed", higher_is_better=False, unit_interval=False),
        FieldInfo("fp", "must-not found", higher_is_better=False, unit_interval=False),
        FieldInfo("tn", "must-not absent", unit_interval=False),
    ),
)
COUNTS = ("tp", "fn", "fp", "tn")
_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Runs of whitespace to one space."""
    return _SPACE.sub(" ", text or "")


def score_snippets(
    snippets_with: Sequence[str], snippets_without: Sequence[str], prediction: str
) -> dict[str, float]:
    """TP/FN over the "with" snippets, FP/TN over the "without" snippets."""
    output = normalize(prediction)
    found_with = sum(normalize(s) in output for s in snippets_with)
    found_without = sum(normalize(s) in output for s in snippets_without)
    return {
        "tp": float(found_with),
        "fn": float(len(snippets_with) - found_with),
        "fp": float(found_without),
        "tn": float(len(snippets_without) - found_without),
    }


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Snippet counts of one page (all zero when the gold has no snippets)."""
    return score_snippets(gold.snippets_with, gold.snippets_without, prediction)


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)


def _counts(pages: PageScores) -> dict[str, np.ndarray]:
    return {k: np.array([p.get(k, 0.0) for p in pages], dtype=float) for k in COUNTS}


def statistic(pages: PageScores) -> Statistic:
    """Micro precision, recall, F1 and accuracy of every resample in an index array
    ``(resamples, pages)``."""
    counts = _counts(pages)

    def corpus(idx: np.ndarray) -> dict[str, np.ndarray]:
        tp, fn, fp, tn = (counts[k][idx].sum(-1) for k in COUNTS)
        precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        return {
            "precision": precision,
            "recall": recall,
            "f1": _ratio(2 * precision * recall, precision + recall),
            "accuracy": _ratio(tp + tn, tp + fn + fp + tn),
        }

    return corpus


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Micro precision, recall, accuracy and F1 over the summed counts, with the summed
    counts themselves and bootstrap standard deviations."""
    if not pages:
        return {}
    corpus = statistic(pages)
    point = {k: float(v[0]) for k, v in corpus(np.arange(len(pages))[None, :]).items()}
    totals = {k: float(v.sum()) for k, v in _counts(pages).items()}
    spread = bootstrap_std(corpus, len(pages), seed=seed, n_resamples=n_bootstrap)
    return {**point, **totals, **{f"{k}_std": v for k, v in spread.items()}}

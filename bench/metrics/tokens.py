"""Bag-of-words precision, recall and F1 per page, averaged over pages.

The common definition in the extraction literature: both texts become multisets of word
tokens (Unicode ``\\w+`` matches, case-folded; each Chinese, Japanese or Korean character is a
token of its own, since those scripts do not separate words with spaces); the overlap is the
multiset intersection. Page precision is overlap ÷ output tokens, recall overlap ÷ gold tokens.
An empty output has precision 0 (and recall 0) unless the gold is empty too, when the page is
perfect; an empty gold gives recall 1. Corpus scores are means (and medians) over pages, and
macro averages over the pages' ``dataset`` where the gold names one.

This module also holds the tokenizers and the per-page mean/median aggregation that the
``rouge-lsum`` and ``levenshtein`` metrics share.
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from bench.metrics.base import FieldInfo, MetricInfo, PageScores, Statistic
from bench.metrics.bootstrap import bootstrap_std
from bench.metrics.memo import gold_side
from corpora.page import Gold

PRF = (FieldInfo("f1", "F1"), FieldInfo("precision"), FieldInfo("recall"))
KEYS = ("precision", "recall", "f1")
info = MetricInfo(
    name="tokens",
    description=("bag-of-words P/R/F1 per page (\\w+ tokens, CJK characters as tokens), page mean"),
    headline="f1",
    fields=PRF,
    needs=("text",),
)

# Scripts written without spaces between words (Han, kana, Hangul), their punctuation and
# fullwidth forms: every such character is one token.
CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3100-\u312f"
    "\u3130-\u318f\u31a0-\u31ff\u3200-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\ud7b0-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U0002fa1f\U00030000-\U0003134f"
)
_CJK_CHAR = re.compile(f"[{CJK}]")
# Whitespace-separated tokens, except that each CJK character stands alone.
_WS_CJK = re.compile(f"[{CJK}]|[^\\s{CJK}]+")
_WS = re.compile(r"\S+")
# Word tokens: a CJK word character alone, else a run of non-CJK word characters.
_WORD = re.compile(f"(?:(?=[{CJK}])\\w)|(?:(?![{CJK}])\\w)+")

DATASET_PREFIX = "dataset:"


def has_cjk(text: str) -> bool:
    return _CJK_CHAR.search(text) is not None


def whitespace_tokens(text: str) -> list[str]:
    """Bevendorff et al.'s tokens: the text split at runs of whitespace."""
    return _WS.findall(text)


def cjk_tokens(text: str) -> list[str]:
    """Whitespace tokens, with every CJK character a token of its own. On text without CJK
    characters this is exactly :func:`whitespace_tokens`."""
    return _WS_CJK.findall(text)


def word_tokens(text: str) -> list[str]:
    """Case-folded ``\\w+`` tokens, CJK word characters one per token."""
    return [t.casefold() for t in _WORD.findall(text)]


def dataset_key(gold: Gold) -> dict[str, float]:
    """The page's dataset as a score key (``{"dataset:cleaneval": 1.0}``), so that
    :func:`mean_aggregate` can macro-average over datasets from the page scores alone."""
    return {DATASET_PREFIX + gold.dataset: 1.0} if gold.dataset else {}


def page_dataset(scores: Mapping[str, float]) -> str | None:
    for key in scores:
        if key.startswith(DATASET_PREFIX):
            return key[len(DATASET_PREFIX) :]
    return None


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Bag-of-words precision, recall and F1 of one page."""
    return {**score_texts(gold.text, prediction), **dataset_key(gold)}


@gold_side
def _gold_bag(gold: str) -> tuple[int, Counter[str]]:
    """The gold side of :func:`score_texts`: how many tokens, and their bag (remembered)."""
    bag = Counter(word_tokens(gold))
    return sum(bag.values()), bag


def score_texts(gold: str, prediction: str) -> dict[str, float]:
    """:func:`score_page` on a plain gold text."""
    (n_true, true), pred = _gold_bag(gold), Counter(word_tokens(prediction or ""))
    n_pred = sum(pred.values())
    if not n_true and not n_pred:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    overlap = sum((true & pred).values())
    precision = overlap / n_pred if n_pred else 0.0
    recall = overlap / n_true if n_true else 1.0
    return {"precision": precision, "recall": recall, "f1": f1(precision, recall)}


def _dataset_masks(pages: PageScores) -> dict[str, np.ndarray]:
    """A 0/1 mask of the pages of each dataset the pages name, by dataset name."""
    datasets = [page_dataset(p) for p in pages]
    names = sorted({d for d in datasets if d is not None})
    return {d: np.array([x == d for x in datasets], dtype=float) for d in names}


def mean_statistic(pages: PageScores, keys: Sequence[str]) -> Statistic:
    """The resampled statistics of :func:`mean_aggregate` (``k``, ``k_median`` and, where
    pages name datasets, ``k_macro``) on every resample of an index array."""
    masks = _dataset_masks(pages)
    statistics: list[Statistic] = []
    for key in keys:
        present = np.array([key in p for p in pages], dtype=float)
        if present.any():
            values = np.array([float(p.get(key, 0.0)) for p in pages])
            statistics.append(_mean_stat(key, values, present, masks))

    def corpus(idx: np.ndarray) -> dict[str, np.ndarray]:
        result: dict[str, np.ndarray] = {}
        for stat in statistics:
            result.update(stat(idx))
        return result

    return corpus


def mean_aggregate(
    pages: Sequence[Mapping[str, float]],
    keys: Sequence[str],
    seed: int = 0,
    n_bootstrap: int = 1000,
) -> dict[str, float]:
    """Per-page scores → corpus scores: for each key its mean (``k``) and median
    (``k_median``) over pages; where pages name a dataset, ``k_macro`` (mean of the
    per-dataset means), ``k_median_macro`` (median of the per-dataset medians, as
    Bevendorff et al. report it) and ``k@<dataset>`` (each dataset's mean). ``*_std``: seeded
    bootstrap over pages. Pages without a key are left out of that key's statistics."""
    if not pages:
        return {}
    out: dict[str, float] = {}
    masks = _dataset_masks(pages)
    names = list(masks)
    statistics = [key for key in keys if any(key in p for p in pages)]
    if not statistics:
        return {}
    corpus = mean_statistic(pages, statistics)
    point = corpus(np.arange(len(pages))[None, :])
    out.update({k: float(v[0]) for k, v in point.items()})
    for key in statistics:
        values = np.array([float(p.get(key, 0.0)) for p in pages])
        present = np.array([key in p for p in pages])
        if names:
            medians = [
                float(np.median(values[present & (masks[d] > 0)]))
                for d in names
                if (present & (masks[d] > 0)).any()
            ]
            out[f"{key}_median_macro"] = float(np.median(medians))
            for d in names:
                chosen = present & (masks[d] > 0)
                if chosen.any():
                    out[f"{key}@{d}"] = float(values[chosen].mean())
    spread = bootstrap_std(corpus, len(pages), seed=seed, n_resamples=n_bootstrap)
    out.update({f"{k}_std": v for k, v in spread.items()})
    if names:
        out["n_datasets"] = float(len(names))
    return dict(sorted(out.items(), key=lambda item: _order(item[0], list(statistics))))


def _order(name: str, keys: list[str]) -> tuple[int, int, str]:
    """Summary order: means, medians, macro averages, per dataset, then the spreads."""
    base = name.removesuffix("_std").split("@")[0]
    for suffix in ("_median_macro", "_median", "_macro"):
        base = base.removesuffix(suffix)
    group = 4 if name.endswith("_std") else 3 if "@" in name else 0
    if group == 0:
        group = 2 if name.endswith("macro") else 1 if name.endswith("_median") else 0
    return (group, keys.index(base) if base in keys else len(keys), name)


def _mean_stat(
    key: str, values: np.ndarray, present: np.ndarray, masks: dict[str, np.ndarray]
) -> Statistic:
    def stat(idx: np.ndarray) -> dict[str, np.ndarray]:
        v, w = values[idx], present[idx]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = (v * w).sum(-1) / w.sum(-1)
        # Median over the pages that have the key: absent pages become NaN and are skipped.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # a resample with none: NaN → 0
            median = np.nanmedian(np.where(w > 0, v, np.nan), axis=-1)
        result = {key: np.nan_to_num(mean), f"{key}_median": np.nan_to_num(median)}
        if masks:
            per_dataset = []
            for mask in masks.values():
                m = mask[idx] * w
                with np.errstate(invalid="ignore", divide="ignore"):
                    per_dataset.append((v * m).sum(-1) / m.sum(-1))
            # A resample may miss a dataset: average over the datasets it has.
            stacked = np.stack(per_dataset)
            has = ~np.isnan(stacked)
            total = np.where(has, stacked, 0.0).sum(0)
            with np.errstate(invalid="ignore", divide="ignore"):
                result[f"{key}_macro"] = np.nan_to_num(total / has.sum(0))
        return result

    return stat


def statistic(pages: PageScores) -> Statistic:
    """Mean, median (and macro) page precision, recall and F1 of every resample."""
    return mean_statistic(pages, KEYS)


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Mean (and median) page precision, recall and F1, with bootstrap standard deviations."""
    return mean_aggregate(pages, KEYS, seed, n_bootstrap)

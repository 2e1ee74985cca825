"""WCXB's metric, exactly as its ``evaluate.py`` computes it.

Per page: both texts are lowercased (``str.lower``) and split into ``\\w+`` tokens (Python
``re``, Unicode); the overlap is the multiset intersection of the two token bags; precision
is overlap ÷ output tokens, recall overlap ÷ gold tokens, F1 their harmonic mean. A gold
without tokens scores 1.0 (P, R and F1) when the output has none too, else 0.0; an output
without tokens scores 0.0. ``with_rate`` / ``without_rate``: the share of the page's
``with`` / ``without`` snippets found as substrings of the output, both lowercased, no other
normalisation; a page with no snippets of that kind counts 1.0. Corpus figures are the means
over pages (macro), with seeded bootstrap standard deviations; ``without_rate`` is
lower-is-better.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from bench.metrics.base import FieldInfo, MetricInfo
from bench.metrics.bootstrap import Statistic, bootstrap_std
from bench.metrics.memo import gold_side
from corpora.page import Gold

NAME = "words"
DESCRIPTION = "WCXB's word P/R/F1 (lowercase \\w+ bags) and with/without snippet rates, page means"
FIELDS = ("precision", "recall", "f1", "with_rate", "without_rate")
HEADLINE = "f1"
LOWER_IS_BETTER = ("without_rate",)
NEEDS = ("text", "snippets")
FIELD_DESCRIPTIONS = {
    "precision": "share of the output's words that are in the gold (page mean)",
    "recall": "share of the gold's words that are in the output (page mean)",
    "f1": "harmonic mean of the page's word precision and recall (page mean)",
    "with_rate": "share of the page's main-content snippets found in the output (page mean)",
    "without_rate": "share of the page's boilerplate snippets found in the output (page mean;"
    " lower is better)",
}


def info_from(
    name: str,
    description: str,
    headline: str,
    fields: Sequence[str],
    lower_is_better: Sequence[str],
    needs: tuple[str, ...],
    descriptions: Mapping[str, str],
) -> MetricInfo:
    """The metadata of a metric whose fields are page means in [0, 1], headline first."""
    return MetricInfo(
        name=name,
        description=description,
        headline=headline,
        fields=tuple(
            FieldInfo(
                field,
                "F1" if field == "f1" else "",
                higher_is_better=field not in lower_is_better,
                description=descriptions[field],
            )
            for field in (headline, *(f for f in fields if f != headline))
        ),
        needs=needs,
    )


info = info_from(NAME, DESCRIPTION, HEADLINE, FIELDS, LOWER_IS_BETTER, NEEDS, FIELD_DESCRIPTIONS)

_TOKEN = re.compile(r"\w+")


def tokenize(text: str) -> list[str]:
    """``evaluate.py``'s ``tokenize``: lowercase, then ``\\w+``."""
    if not text:
        return []
    return _TOKEN.findall(text.lower())


@gold_side
def _reference_bag(reference: str) -> tuple[int, Counter[str]]:
    """The gold side of :func:`word_scores`: how many tokens, and their bag (remembered)."""
    tokens = tokenize(reference)
    return len(tokens), Counter(tokens)


def word_scores(prediction: str, reference: str) -> tuple[float, float, float]:
    """``evaluate.py``'s ``word_f1``: precision, recall and F1 of one output."""
    pred_tokens = tokenize(prediction)
    n_ref, ref_bag = _reference_bag(reference)
    if not n_ref:
        return (1.0, 1.0, 1.0) if not pred_tokens else (0.0, 0.0, 0.0)
    if not pred_tokens:
        return (0.0, 0.0, 0.0)
    overlap = sum((Counter(pred_tokens) & ref_bag).values())
    precision = overlap / len(pred_tokens)
    recall = overlap / n_ref
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return precision, recall, f1


def snippet_rate(text: str, snippets: Sequence[str]) -> float:
    """``evaluate.py``'s ``snippet_check``: the share of snippets in the text, case-folded
    by ``str.lower``; 1.0 when there are none."""
    if not snippets:
        return 1.0
    lowered = text.lower()
    return sum(1 for s in snippets if s.lower() in lowered) / len(snippets)


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Word P/R/F1 and the two snippet rates of one page."""
    prediction = prediction or ""
    precision, recall, f1 = word_scores(prediction, gold.text)
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1,
        "with_rate": snippet_rate(prediction, gold.snippets_with),
        "without_rate": snippet_rate(prediction, gold.snippets_without),
    }


def mean_statistic(pages: Sequence[Mapping[str, float]], keys: Sequence[str]) -> Statistic:
    """The mean over pages of each key, for every resample in an index array
    ``(resamples, pages)``; a page without a key counts 0 for it."""
    values = {key: np.array([float(p.get(key, 0.0)) for p in pages]) for key in keys}

    def corpus(idx: np.ndarray) -> dict[str, np.ndarray]:
        return {key: column[idx].mean(-1) for key, column in values.items()}

    return corpus


def statistic(pages: Sequence[Mapping[str, float]]) -> Statistic:
    """Page means of every field, vectorised over resamples."""
    return mean_statistic(pages, FIELDS)


def mean_aggregate(
    pages: Sequence[Mapping[str, float]],
    keys: Sequence[str],
    seed: int = 0,
    n_bootstrap: int = 1000,
) -> dict[str, float]:
    """Means over pages of ``keys`` and their bootstrap standard deviations."""
    if not pages:
        return {}
    corpus = mean_statistic(pages, keys)
    point = {k: float(v[0]) for k, v in corpus(np.arange(len(pages))[None, :]).items()}
    spread = bootstrap_std(corpus, len(pages), seed=seed, n_resamples=n_bootstrap)
    return {**point, **{f"{k}_std": v for k, v in spread.items()}}


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Page means of precision, recall, F1, with_rate and without_rate, with bootstrap
    standard deviations."""
    return mean_aggregate(pages, FIELDS, seed, n_bootstrap)

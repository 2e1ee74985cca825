"""A metric plugin as a stranger would write one, where lower is better: how many word edits
turn the output into the gold, per gold word. One module, one entry point in the
``boilerbench.metrics`` group; nothing else in boilerbench changes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from rapidfuzz.distance import Indel

from bench.metrics import FieldInfo, MetricInfo
from bench.metrics.base import Statistic
from bench.metrics.bootstrap import bootstrap_std
from corpora.page import Gold

_WORD = re.compile(r"\w+")

info = MetricInfo(
    name="edits",
    description="word insertions and deletions per gold word (lower is better)",
    headline="distance",
    fields=(
        FieldInfo(
            "distance",
            "edits per word",
            higher_is_better=False,
            unit_interval=False,  # an output of noise costs more than one edit per gold word
            description="insert/delete edit distance between the word lists ÷ gold words",
        ),
        FieldInfo("missed", "missed words", higher_is_better=False),
    ),
    needs=("text",),
)
KEYS = ("distance", "missed")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text or "")]


def score_page(gold: Gold, text: str) -> dict[str, float]:
    """Edits per gold word and the share of gold words the output lacks."""
    gold_words, output_words = _words(gold.text), _words(text)
    n = max(len(gold_words), 1)
    missing = Counter(gold_words) - Counter(output_words)
    return {
        "distance": Indel.distance(gold_words, output_words) / n,
        "missed": sum(missing.values()) / n,
    }


def statistic(pages: Sequence[Mapping[str, float]]) -> Statistic:
    """Page means of every resample in an index array (vectorised, for fast intervals)."""
    values = {k: np.array([p[k] for p in pages], dtype=float) for k in KEYS}
    return lambda idx: {k: v[idx].mean(-1) for k, v in values.items()}


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Means over pages, with bootstrap standard deviations."""
    if not pages:
        return {}
    means = {k: float(np.mean([p[k] for p in pages])) for k in KEYS}
    spread = bootstrap_std(statistic(pages), len(pages), seed=seed, n_resamples=n_bootstrap)
    return {**means, **{f"{k}_std": v for k, v in spread.items()}}

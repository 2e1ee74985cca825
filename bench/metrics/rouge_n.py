"""ROUGE-N with n = 5 on jieba tokens: WebMainBench's metric, as MinerU-HTML's
``calc_rouge_n_score`` computes it.

It reads the raw strings: the gold markdown and the output exactly as the extractor returned
it (markdown for a markdown extractor). When both are empty after ``strip()`` the page is
perfect (P = R = F1 = 1.0). Otherwise each *unstripped* text is cut by ``jieba.lcut`` (which
keeps spaces, newlines and punctuation as tokens, and splits Chinese into words), its token
5-grams are counted, and the clipped overlap of the two n-gram multisets is divided by the
output's n-gram count (precision) and by the gold's (recall), each count at least 1 —
rouge-score's ``_score_ngrams``. A text of fewer than 5 tokens has no 5-gram, so it scores
0. Corpus figures are the means over pages, with seeded bootstrap standard deviations.
Needs jieba (``pip install 'boilerbench[webmainbench]'``).
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from bench.metrics.bootstrap import Statistic
from bench.metrics.words import mean_aggregate, mean_statistic
from corpora.page import Gold

NAME = "rouge-n5"
DESCRIPTION = "WebMainBench's ROUGE-5 P/R/F1 on jieba tokens of the raw texts, page means"
N = 5
FIELDS = ("precision", "recall", "f1")
HEADLINE = "f1"
LOWER_IS_BETTER: tuple[str, ...] = ()
NEEDS = ("text",)
# Scored on the output as the extractor returned it (markdown stays markdown).
READS_RAW = True
FIELD_DESCRIPTIONS = {
    "precision": "share of the output's token 5-grams found in the gold (page mean)",
    "recall": "share of the gold's token 5-grams found in the output (page mean)",
    "f1": "harmonic mean of the page's 5-gram precision and recall (page mean)",
}


class MissingDependency(RuntimeError):
    """jieba is not installed."""


@functools.cache
def _cutter() -> Callable[[str], list[str]]:
    try:
        import jieba
    except ImportError as exc:
        raise MissingDependency(
            "the rouge-n5 metric needs jieba: pip install 'boilerbench[webmainbench]'"
        ) from exc
    jieba.setLogLevel(logging.INFO)  # as MinerU-HTML: no "Building prefix dict" chatter
    return jieba.lcut  # type: ignore[no-any-return]


def tokenize(text: str) -> list[str]:
    """``jieba.lcut`` of the text as given (whitespace runs are tokens too)."""
    return _cutter()(text)


def ngrams(tokens: Sequence[str], n: int = N) -> Counter[tuple[str, ...]]:
    """rouge-score's ``_create_ngrams``: every run of ``n`` tokens, counted."""
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_texts(gold: str, prediction: str, n: int = N) -> dict[str, float]:
    """``calc_rouge_n_score(gold, prediction, n)`` as precision, recall and F1."""
    prediction = prediction or ""
    if not gold.strip() and not prediction.strip():
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    target = ngrams(tokenize(gold), n)
    output = ngrams(tokenize(prediction), n)
    overlap = sum(min(count, output[gram]) for gram, count in target.items())
    precision = overlap / max(sum(output.values()), 1)
    recall = overlap / max(sum(target.values()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """ROUGE-5 of one page's raw output against its gold text (WebMainBench's markdown)."""
    return score_texts(gold.text, prediction)


def statistic(pages: Sequence[Mapping[str, float]]) -> Statistic:
    """Page means of precision, recall and F1, vectorised over resamples."""
    return mean_statistic(pages, FIELDS)


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Page means of precision, recall and F1 with bootstrap standard deviations."""
    return mean_aggregate(pages, FIELDS, seed, n_bootstrap)

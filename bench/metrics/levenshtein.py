"""Levenshtein ratio over tokens (Bevendorff et al.'s second score) and, where the gold
carries CleanEval's ``<p>``/``<h>``/``<l>`` block markers, CleanEval-style alignment scores.

Ratio: ``1 - d / (len(gold) + len(output))`` where ``d`` is the insert/delete edit distance
between the two token lists (what ``Levenshtein.ratio`` computes on lists, via rapidfuzz's
``Indel``); 1 for identical token lists, including two empty ones. Tokens are whitespace
tokens with each CJK character a token of its own (identical to Bevendorff et al.'s
whitespace tokens on text without CJK characters).

CleanEval alignment: the gold's words (whitespace tokens without markers) and the output's
words are aligned by their longest common subsequence; word precision is aligned words ÷
output words, recall aligned words ÷ gold words. Tag level: a block-marker token opens each
block in both sequences (the output's own ``<p>``/``<h>``/``<l>`` markers when it has them at
line starts, otherwise every non-empty line is a ``<p>`` block), the marked sequences are
aligned the same way, and tag precision/recall count the aligned markers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
from rapidfuzz.distance import Indel, LCSseq

from bench.metrics.base import FieldInfo, MetricInfo, PageScores, Statistic
from bench.metrics.tokens import (
    cjk_tokens,
    dataset_key,
    f1,
    has_cjk,
    mean_aggregate,
    mean_statistic,
)
from corpora.page import Gold

# ``ratio`` is a similarity (1 − normalised edit distance): higher is better, like every
# alignment score here.
info = MetricInfo(
    name="levenshtein",
    description=(
        "Levenshtein ratio over whitespace tokens (Bevendorff et al.); CleanEval word/tag "
        "alignment P/R/F1 where gold has <p>/<h>/<l> markers"
    ),
    headline="ratio",
    fields=(
        FieldInfo("ratio", description="1 − insert/delete distance ÷ both lengths, page mean"),
        FieldInfo("f1", "word F1", description="CleanEval word alignment (marked gold only)"),
        FieldInfo("precision", "word precision"),
        FieldInfo("recall", "word recall"),
    ),
    needs=("text",),
    others=tuple(
        FieldInfo(f"{level}_{name}", f"{level} {name}")
        for level in ("word", "tag")
        for name in ("precision", "recall", "f1")
    ),
)
MARKERS = ("p", "h", "l")
_MARKER = re.compile(r"<([phl])>", re.IGNORECASE)
_LINE_MARKER = re.compile(r"^\s*<[phl]>", re.IGNORECASE | re.MULTILINE)


def ratio(gold: str, prediction: str) -> float:
    """Normalised insert/delete similarity of the two token lists."""
    return float(Indel.normalized_similarity(cjk_tokens(gold), cjk_tokens(prediction)))


def blocks(markup: str) -> list[tuple[str, str]]:
    """``(marker, text)`` for each block of CleanEval-marked text; text before the first
    marker is a ``p`` block."""
    parts = _MARKER.split(markup)
    out = [("p", parts[0].strip())] if parts[0].strip() else []
    for marker, text in zip(parts[1::2], parts[2::2], strict=True):
        out.append((marker.lower(), text.strip()))
    return out


def output_blocks(prediction: str) -> list[tuple[str, str]]:
    """The output's blocks: its own markers when it has them at line starts, else its lines."""
    if _LINE_MARKER.search(prediction):
        return blocks(prediction)
    return [("p", line.strip()) for line in prediction.splitlines() if line.strip()]


def _aligned(gold: list[str], pred: list[str]) -> list[int]:
    """Gold positions that the LCS alignment matches."""
    if not gold or not pred:
        return []
    ids: dict[str, int] = {}
    a = [ids.setdefault(t, len(ids)) for t in gold]
    b = [ids.setdefault(t, len(ids)) for t in pred]
    return [
        i
        for op in LCSseq.opcodes(a, b)
        if op.tag == "equal"
        for i in range(op.src_start, op.src_end)
    ]


def _prf(matched: int, n_gold: int, n_pred: int, prefix: str) -> dict[str, float]:
    if not n_gold and not n_pred:
        precision = recall = 1.0
    else:
        precision = matched / n_pred if n_pred else 0.0
        recall = matched / n_gold if n_gold else 1.0
    return {
        f"{prefix}_precision": precision,
        f"{prefix}_recall": recall,
        f"{prefix}_f1": f1(precision, recall),
    }


def cleaneval_scores(markup: str, prediction: str) -> dict[str, float]:
    """Word- and tag-level alignment precision, recall and F1."""
    gold_blocks, pred_blocks = blocks(markup), output_blocks(prediction)

    def sequence(bs: list[tuple[str, str]], with_tags: bool) -> list[str]:
        tokens: list[str] = []
        for marker, text in bs:
            if with_tags:
                tokens.append(f"\0{marker}")  # cannot collide with a word
            tokens.extend(text.split())
        return tokens

    gold_words, pred_words = sequence(gold_blocks, False), sequence(pred_blocks, False)
    words = _prf(len(_aligned(gold_words, pred_words)), len(gold_words), len(pred_words), "word")
    gold_marked, pred_marked = sequence(gold_blocks, True), sequence(pred_blocks, True)
    matched_tags = sum(gold_marked[i].startswith("\0") for i in _aligned(gold_marked, pred_marked))
    tags = _prf(matched_tags, len(gold_blocks), len(pred_blocks), "tag")
    return {**words, **tags}


def score_texts(gold: str, prediction: str, markup: str | None = None) -> dict[str, float]:
    prediction = prediction or ""
    scores = {
        "ratio": ratio(gold, prediction),
        "tokenizer_cjk": float(has_cjk(gold) or has_cjk(prediction)),
    }
    if markup is not None:
        scores.update(cleaneval_scores(markup, prediction))
    return scores


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Token Levenshtein ratio, plus CleanEval word/tag scores when the gold has markers."""
    return {**score_texts(gold.text, prediction, gold.markup), **dataset_key(gold)}


CLEANEVAL_KEYS = tuple(
    f"{level}_{s}" for level in ("word", "tag") for s in ("precision", "recall", "f1")
)


_ALIASES = {"precision": "word_precision", "recall": "word_recall", "f1": "word_f1"}


def statistic(pages: PageScores) -> Statistic:
    """The resampled statistics of :func:`aggregate` on every resample of an index array."""
    corpus = mean_statistic(pages, ("ratio", *CLEANEVAL_KEYS))

    def with_aliases(idx: np.ndarray) -> dict[str, np.ndarray]:
        values = corpus(idx)
        values.update({k: values[w] for k, w in _ALIASES.items() if w in values})
        return values

    return with_aliases


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Mean/median ratio over pages (macro over datasets where named); over the pages with
    CleanEval markers, mean word and tag scores, the word level also as ``precision``,
    ``recall`` and ``f1``."""
    scores = mean_aggregate(pages, ("ratio", *CLEANEVAL_KEYS), seed, n_bootstrap)
    for key, word in _ALIASES.items():
        for suffix in ("", "_std"):
            if f"{word}{suffix}" in scores:
                scores[f"{key}{suffix}"] = scores[f"{word}{suffix}"]
    return scores

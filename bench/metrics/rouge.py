"""ROUGE-LSum, the headline score of Bevendorff et al. (SIGIR 2023), implemented here.

Both texts are split into sentences and each sentence into tokens. For every gold sentence,
the longest common subsequence (LCS) with every output sentence is taken and the token
positions of those LCSs are united ("union LCS"); a gold token in the union is a hit while
both texts still have an unmatched copy of it (so no token is counted twice). Precision is
hits ÷ output tokens, recall hits ÷ gold tokens, F1 their harmonic mean. As in Bevendorff
et al., an empty gold gives recall 1, and an empty gold with an empty output is perfect.

Tokens: whitespace-separated, case kept, as Bevendorff et al. ran it — except that every
Chinese, Japanese or Korean character is a token of its own (their whitespace tokens make a
whole CJK paragraph one token). On a page without CJK characters the tokens are exactly
theirs; ``tokenizer_cjk`` in the page record is 1 when CJK characters were split.
Sentences: line breaks, and ``.``/``!``/``?``/``…`` followed by whitespace, or ``。！？``
(Bevendorff et al. used NLTK's Punkt splitter, which knows abbreviations and does not split
at line breaks; the union LCS makes the score insensitive to most of that difference).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence

from rapidfuzz.distance import LCSseq

from bench.metrics.base import MetricInfo, PageScores, Statistic
from bench.metrics.tokens import (
    KEYS,
    PRF,
    cjk_tokens,
    dataset_key,
    f1,
    has_cjk,
    mean_aggregate,
    mean_statistic,
)
from corpora.page import Gold

info = MetricInfo(
    name="rouge-lsum",
    description=(
        "ROUGE-LSum P/R/F1 per page (Bevendorff et al.), mean/median, macro over datasets; "
        "CJK-aware tokens"
    ),
    headline="f1",
    fields=PRF,
    needs=("text",),
)

_LATIN_END = re.compile(r"([.!?…]+[\"'”’)\]»]*)\s+")
_CJK_END = re.compile(r"([。！？]+[」』”’）\"']*)")


def sentences(text: str) -> list[str]:
    """Split at line breaks and after sentence-final punctuation."""
    marked = _CJK_END.sub("\\1\n", _LATIN_END.sub("\\1\n", text))
    return [s.strip() for s in marked.split("\n") if s.strip()]


def tokenize(text: str) -> list[list[str]]:
    """Sentences of tokens (empty sentences dropped)."""
    return [tokens for s in sentences(text) if (tokens := cjk_tokens(s))]


def _encode(
    gold: list[list[str]], pred: list[list[str]]
) -> tuple[list[list[int]], list[list[int]]]:
    """Tokens → small integers, so the LCS runs on ints."""
    ids: dict[str, int] = {}
    gold_ids = [[ids.setdefault(t, len(ids)) for t in s] for s in gold]
    pred_ids = [[ids.setdefault(t, len(ids)) for t in s] for s in pred]
    return gold_ids, pred_ids


def union_lcs_hits(gold: list[list[int]], pred: list[list[int]]) -> int:
    """Summary-level LCS hits: per gold sentence the union of its LCS positions with every
    output sentence, each token counted at most as often as both texts hold it."""
    gold_left = Counter(t for s in gold for t in s)
    pred_left = Counter(t for s in pred for t in s)
    pred_sets = [set(s) for s in pred]
    hits = 0
    for sentence in gold:
        vocab = set(sentence)
        union: set[int] = set()
        for candidate, candidate_set in zip(pred, pred_sets, strict=True):
            if vocab.isdisjoint(candidate_set):
                continue  # no common token: empty LCS
            for op in LCSseq.opcodes(sentence, candidate):
                if op.tag == "equal":
                    union.update(range(op.src_start, op.src_end))
        for position in sorted(union):
            token = sentence[position]
            if gold_left[token] > 0 and pred_left[token] > 0:
                hits += 1
                gold_left[token] -= 1
                pred_left[token] -= 1
    return hits


def score_texts(gold: str, prediction: str) -> dict[str, float]:
    """ROUGE-LSum precision, recall and F1 of one output against one gold text."""
    prediction = prediction or ""
    cjk = float(has_cjk(gold) or has_cjk(prediction))
    if not gold.strip():
        perfect = float(not prediction.strip())
        return {"precision": perfect, "recall": 1.0, "f1": perfect, "tokenizer_cjk": cjk}
    gold_ids, pred_ids = _encode(tokenize(gold), tokenize(prediction))
    m, n = sum(map(len, gold_ids)), sum(map(len, pred_ids))
    hits = union_lcs_hits(gold_ids, pred_ids) if m and n else 0
    precision = hits / n if n else 0.0
    recall = hits / m if m else 0.0
    return {
        "precision": precision,
        "recall": recall,
        "f1": f1(precision, recall),
        "tokenizer_cjk": cjk,
    }


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """ROUGE-LSum of one page, with its dataset for macro averages."""
    return {**score_texts(gold.text, prediction), **dataset_key(gold)}


def statistic(pages: PageScores) -> Statistic:
    """Mean, median (and macro) page precision, recall and F1 of every resample."""
    return mean_statistic(pages, KEYS)


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Mean and median page P/R/F1 (micro over all pages, macro over datasets), bootstrap
    standard deviations, and how many pages the CJK tokenizer split."""
    scores = mean_aggregate(pages, KEYS, seed, n_bootstrap)
    if scores:
        scores["cjk_pages"] = float(sum(p.get("tokenizer_cjk", 0.0) for p in pages))
    return scores

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
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from bench.metrics.bootstrap import Statistic
from bench.metrics.words import info_from, mean_aggregate, mean_statistic
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

info = info_from(NAME, DESCRIPTION, HEADLINE, FIELDS, LOWER_IS_BETTER, NEEDS, FIELD_DESCRIPTIONS)


class MissingDependency(RuntimeError):
    """jieba is not installed."""


@functools.cache
def _jieba() -> Any:
    try:
        import jieba
    except ImportError as exc:
        raise MissingDependency(
            "the rouge-n5 metric needs jieba: pip install 'boilerbench[webmainbench]'"
        ) from exc
    jieba.setLogLevel(logging.INFO)  # as MinerU-HTML: no "Building prefix dict" chatter
    return jieba


# Memo of jieba's cut of each piece (a block of Han, ASCII letters, digits and ``+#&._%-``,
# or a single other character): the same words recur on every page, and jieba's pure-Python
# cut is most of the metric's time. Cleared when full, so memory stays bounded.
_PIECES: dict[str, tuple[str, ...]] = {}
_MAX_PIECES = 200_000


@functools.cache
def _splitter() -> tuple[Any, Any, Any] | None:
    """jieba's block pattern, one pattern that yields its pieces in order, and its block cut
    (``None`` for a jieba whose internals differ: then :func:`tokenize` calls ``lcut``)."""
    jieba = _jieba()
    re_han = getattr(jieba, "re_han_default", None)
    cut_block = getattr(jieba.dt, "_Tokenizer__cut_DAG", None)
    if re_han is None or cut_block is None or getattr(jieba, "re_skip_default", None) is None:
        return None
    # Tokenizer.cut: blocks of re_han are cut; between them, "\r\n" and each whitespace
    # character are tokens (re_skip_default), and so is every other character.
    block = re_han.pattern  # "([...]+)": its group made non-capturing, so findall gives pieces
    if block.startswith("(") and not block.startswith("(?"):
        block = "(?:" + block[1:]
    pieces = re.compile(f"{block}|\r\n|\\s|.", re.DOTALL)
    return re_han, pieces, cut_block


def _cut_piece(piece: str, re_han: Any, cut_block: Any) -> tuple[str, ...]:
    if len(_PIECES) >= _MAX_PIECES:
        _PIECES.clear()
    words = tuple(cut_block(piece)) if re_han.fullmatch(piece) else (piece,)
    _PIECES[piece] = words
    return words


def tokenize(text: str) -> list[str]:
    """``jieba.lcut(text)`` (default mode, HMM on): the same pieces as jieba's
    ``Tokenizer.cut``, each block's cut remembered, so the same tokens (whitespace characters
    are tokens too)."""
    split = _splitter()
    if split is None:
        return list(_jieba().lcut(text))
    re_han, pieces, cut_block = split
    _jieba().dt.check_initialized()
    memo = _PIECES
    tokens: list[str] = []
    for piece in pieces.findall(text):
        words = memo.get(piece)
        tokens.extend(words if words is not None else _cut_piece(piece, re_han, cut_block))
    return tokens


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

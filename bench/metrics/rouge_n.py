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
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

from bench.metrics.bootstrap import Statistic
from bench.metrics.memo import gold_side
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


@dataclass(frozen=True, slots=True)
class _Splitter:
    """jieba's internals that :func:`tokenize` reproduces ``Tokenizer.cut`` with."""

    block: re.Pattern[str]  # re_han_default: a block that jieba cuts with its dictionary
    pieces: re.Pattern[str]  # blocks, "\r\n", each whitespace and each other character
    cut_block: Any  # Tokenizer.__cut_DAG (HMM on)
    han: re.Pattern[str]  # a Han character (finalseg.re_han)
    pairs: re.Pattern[str] | None  # a two-character dictionary entry without Han
    skip: re.Pattern[str]  # finalseg.re_skip: its split of a run without Han


@functools.cache
def _splitter() -> _Splitter | None:
    """jieba's patterns and block cut (``None`` for a jieba whose internals differ: then
    :func:`tokenize` calls ``lcut``)."""
    jieba = _jieba()
    re_han = getattr(jieba, "re_han_default", None)
    cut_block = getattr(jieba.dt, "_Tokenizer__cut_DAG", None)
    finalseg = getattr(jieba, "finalseg", None)
    han, skip = getattr(finalseg, "re_han", None), getattr(finalseg, "re_skip", None)
    if None in (re_han, cut_block, han, skip) or getattr(jieba, "re_skip_default", None) is None:
        return None
    jieba.dt.check_initialized()
    # Tokenizer.cut: blocks of re_han are cut; between them, "\r\n" and each whitespace
    # character are tokens (re_skip_default), and so is every other character.
    block = re_han.pattern  # "([...]+)": its group made non-capturing, so findall gives pieces
    if block.startswith("(") and not block.startswith("(?"):
        block = "(?:" + block[1:]
    pieces = re.compile(f"{block}|\r\n|\\s|.", re.DOTALL)
    # The dictionary's entries of two block characters without Han ("AA", "C#", "QQ" …: 21
    # in jieba 0.42): a run without Han and without any of them is not cut by the dictionary.
    pairs = sorted(
        word
        for word in jieba.dt.FREQ
        if len(word) == 2 and re_han.fullmatch(word) and not han.search(word)
    )
    return _Splitter(
        block=re_han,
        pieces=pieces,
        cut_block=cut_block,
        han=han,
        pairs=re.compile("|".join(map(re.escape, pairs))) if pairs else None,
        skip=skip,
    )


def _cut_piece(piece: str, split: _Splitter) -> tuple[str, ...]:
    """jieba's tokens of one piece."""
    if len(piece) == 1 or not split.block.fullmatch(piece):
        return (piece,)
    if split.han.search(piece) is None and (
        split.pairs is None or split.pairs.search(piece) is None
    ):
        # What __cut_DAG does here: no dictionary word starts at any position (the
        # dictionary holds every word's two-character prefix), so every step of its route is
        # one character and the whole piece, not a word itself, goes to finalseg.cut, which
        # splits a run without Han at re_skip.
        return tuple(part for part in split.skip.split(piece) if part)
    return tuple(split.cut_block(piece))


def tokenize(text: str) -> list[str]:
    """``jieba.lcut(text)`` (default mode, HMM on): the same pieces as jieba's
    ``Tokenizer.cut``, each piece's cut remembered, so the same tokens (whitespace characters
    are tokens too)."""
    split = _splitter()
    if split is None:
        return list(_jieba().lcut(text))
    found = split.pieces.findall(text)
    memo = _PIECES
    missing = set(found).difference(memo)
    if missing:
        if len(memo) + len(missing) > _MAX_PIECES:
            memo.clear()
            missing = set(found)
        for piece in missing:
            memo[piece] = _cut_piece(piece, split)
    return list(chain.from_iterable(map(memo.__getitem__, found)))


def ngrams(tokens: Sequence[str], n: int = N) -> Counter[tuple[str, ...]]:
    """rouge-score's ``_create_ngrams``: every run of ``n`` (≥ 1) tokens, counted."""
    # the shifted copies end together at the last token: zip stops at the shortest
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


@gold_side
def _gold_ngrams(gold: str) -> Counter[tuple[str, ...]]:
    """The gold side of :func:`score_texts` at :data:`N` (remembered)."""
    return ngrams(tokenize(gold), N)


def score_texts(gold: str, prediction: str, n: int = N) -> dict[str, float]:
    """``calc_rouge_n_score(gold, prediction, n)`` as precision, recall and F1."""
    prediction = prediction or ""
    if not gold.strip() and not prediction.strip():
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    target = _gold_ngrams(gold) if n == N else ngrams(tokenize(gold), n)
    output = ngrams(tokenize(prediction), n)
    # the clipped overlap: over the output's n-grams, the lesser of the two counts
    overlap = sum(map(min, output.values(), map(target.get, output, repeat(0))))
    precision = overlap / max(output.total(), 1)
    recall = overlap / max(target.total(), 1)
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

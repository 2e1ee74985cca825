"""Noise leak and title repeats: which inserted boilerplate an extraction kept.

A noise block *leaks* when most of its text appears in the extraction. Texts are compared
as case-folded ``\\w+`` tokens. A block of 4+ tokens is cut into token 4-grams; a shorter
block ("Accept", "Read more") is one sequence that must appear contiguously. Shingles that
also occur in the gold text are dropped first — text the article itself contains proves
nothing — and a block left with none is not counted. The block leaks when at least half of
its remaining shingles occur in the extraction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bench.metrics.aeb import NGRAM
from bench.metrics.aeb import tokens as word_tokens
from corpora.page import Gold

LEAK_SHARE = 0.5


def _tokens(text: str) -> list[str]:
    return [t.casefold() for t in word_tokens(text)]


def _grams(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def block_shingles(words: list[str]) -> set[tuple[str, ...]]:
    """4-grams of a block, or the whole block when it has fewer than 4 tokens."""
    if not words:
        return set()
    if len(words) < NGRAM:
        return {tuple(words)}
    return _grams(words, NGRAM)


class _Grams:
    """The contiguous n-grams of one text's tokens, built once per length on first use."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self._by_len: dict[int, set[tuple[str, ...]]] = {}

    def present(self, shingles: Iterable[tuple[str, ...]]) -> set[tuple[str, ...]]:
        """The shingles that occur contiguously in this text."""
        found = set()
        for shingle in shingles:
            n = len(shingle)
            if n not in self._by_len:
                self._by_len[n] = _grams(self.words, n)
            if shingle in self._by_len[n]:
                found.add(shingle)
        return found


def _leaked(block: str, gold: _Grams, extraction: _Grams) -> bool | None:
    shingles = block_shingles(_tokens(block))
    shingles -= gold.present(shingles)
    if not shingles:
        return None
    return len(extraction.present(shingles)) >= LEAK_SHARE * len(shingles)


def leaked(block: str, gold: str, extraction: str) -> bool | None:
    """Whether the block leaked into the extraction; ``None`` when it cannot be told apart
    from gold text."""
    return _leaked(block, _Grams(_tokens(gold)), _Grams(_tokens(extraction)))


def count_sequence(needle: list[str], haystack: list[str]) -> int:
    """Non-overlapping occurrences of a token sequence."""
    if not needle:
        return 0
    count, i, n = 0, 0, len(needle)
    while i <= len(haystack) - n:
        if haystack[i : i + n] == needle:
            count += 1
            i += n
        else:
            i += 1
    return count


def title_repeats(title: str, gold: str, extraction: str) -> int:
    """Times the extraction repeats the title beyond what the gold body itself contains."""
    return _title_repeats(_tokens(title), _tokens(gold), _tokens(extraction))


def _title_repeats(title: list[str], gold: list[str], extraction: list[str]) -> int:
    return max(0, count_sequence(title, extraction) - count_sequence(title, gold))


def page_diagnostics(gold: Gold, extraction: str) -> dict[str, Any]:
    """Per noise type: blocks counted and blocks leaked; and the title repeat count. A gold
    without noise blocks or title (any public corpus) costs nothing."""
    result: dict[str, Any] = {}
    if not gold.noise and not gold.title:
        return result
    gold_words, output_words = _tokens(gold.text), _tokens(extraction)
    blocks: dict[str, int] = {}
    leaks: dict[str, int] = {}
    gold_grams, output_grams = _Grams(gold_words), _Grams(output_words)
    for span in gold.noise:
        verdict = _leaked(span.text, gold_grams, output_grams)
        if verdict is None:
            continue
        blocks[span.type] = blocks.get(span.type, 0) + 1
        leaks[span.type] = leaks.get(span.type, 0) + int(verdict)
    if blocks:
        result["noise_blocks"] = blocks
        result["noise_leaked"] = leaks
    if gold.title:
        result["title_repeats"] = _title_repeats(_tokens(gold.title), gold_words, output_words)
    return result

"""The AEB metric on hand-computed cases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.metrics import aeb


def test_identical_text_is_perfect() -> None:
    page = aeb.score_texts("one two three four five", "one two three four five")
    assert page == {"tp": 1.0, "fp": 0.0, "fn": 0.0, "exact": 1.0}


def test_short_texts_are_one_shingle_and_empty_has_none() -> None:
    assert aeb.shingles(aeb.tokens("a b c")) == {("a", "b", "c"): 1}
    assert aeb.shingles(aeb.tokens("")) == {}
    # gold 1 shingle, prediction empty: all false negatives
    assert aeb.score_texts("a b c", "") == {"tp": 0.0, "fp": 0.0, "fn": 1.0, "exact": 0.0}
    # both empty: nothing counted, exact match of empty token lists
    assert aeb.score_texts("", "") == {"tp": 0.0, "fp": 0.0, "fn": 0.0, "exact": 1.0}


def test_counts_are_over_multisets_and_normalised() -> None:
    # gold: "a b c d e" -> (abcd),(bcde); prediction repeats the text -> (abcd),(bcde),
    # (cdea),(deab),(eabc),(abcd),(bcde): tp 2, fp 5, fn 0 -> normalised by 7
    page = aeb.score_texts("a b c d e", "a b c d e a b c d e")
    assert page["tp"] == pytest.approx(2 / 7)
    assert page["fp"] == pytest.approx(5 / 7)
    assert page["fn"] == 0.0


def test_tokens_are_unicode_words() -> None:
    assert aeb.tokens("Überall — naïve: 東京, d'été") == ["Überall", "naïve", "東京", "d", "été"]


def test_corpus_precision_ignores_empty_outputs() -> None:
    perfect = aeb.score_texts("a b c d e f", "a b c d e f")
    empty = aeb.score_texts("a b c d e f", "")
    scores = aeb.aggregate([perfect, empty], n_bootstrap=10)
    assert scores["precision"] == 1.0  # the empty page has TP+FP = 0: not averaged
    assert scores["recall"] == 0.5
    assert scores["f1"] == pytest.approx(2 * 1 * 0.5 / 1.5)
    assert scores["accuracy"] == 0.5


def test_half_right_page() -> None:
    # gold a..h (5 shingles), prediction a..e + x y z: shared (abcd),(bcde) -> tp 2,
    # fp 3 (cdex, dexy, exyz), fn 3 (cdef, defg, efgh); normalised by 8
    page = aeb.score_texts("a b c d e f g h", "a b c d e x y z")
    assert (page["tp"], page["fp"], page["fn"]) == pytest.approx((2 / 8, 3 / 8, 3 / 8))
    scores = aeb.aggregate([page], n_bootstrap=10)
    assert scores["precision"] == pytest.approx(0.4)
    assert scores["recall"] == pytest.approx(0.4)


def test_nothing_scores_zero_and_bootstrap_is_seeded() -> None:
    pages = [aeb.score_texts(f"w{i} x y z q", "") for i in range(20)]
    scores = aeb.aggregate(pages)
    assert scores["f1"] == scores["precision"] == scores["recall"] == 0.0
    mixed = [aeb.score_texts("a b c d e", "a b c d e" if i % 3 else "a b x") for i in range(30)]
    assert aeb.aggregate(mixed, seed=7) == aeb.aggregate(mixed, seed=7)
    assert aeb.aggregate(mixed, seed=7)["f1_std"] > 0


def _counter_overlap(gold: list[str], pred: list[str]) -> tuple[int, int, int]:
    """The definition: Counter arithmetic on the shingle multisets."""
    true, pred_shingles = aeb.shingles(gold), aeb.shingles(pred)
    return (
        sum((true & pred_shingles).values()),
        sum((pred_shingles - true).values()),
        sum((true - pred_shingles).values()),
    )


# a small alphabet, so shingles repeat within and across the two texts
_WORDS = st.lists(st.sampled_from(["a", "b", "c", "Ä", "東"]), max_size=40) | st.lists(
    st.sampled_from(["a", "b", "c", "Ä", "東"]), max_size=3
)


@settings(max_examples=400, deadline=None)
@given(gold=_WORDS, pred=_WORDS)
def test_packed_overlap_equals_counter_arithmetic(gold: list[str], pred: list[str]) -> None:
    assert aeb.overlap(gold, pred) == _counter_overlap(gold, pred)


def test_overlap_beyond_the_packed_vocabulary() -> None:
    gold = [f"w{i}" for i in range(70_000)]
    pred = [*gold[10:30_000], "x", "y", *gold[40_000:]]
    assert len(set(gold + pred)) > 1 << 16
    assert aeb.overlap(gold, pred) == _counter_overlap(gold, pred)

"""The ``levenshtein`` metric and the CleanEval alignment scores on hand-computed cases."""

from __future__ import annotations

import pytest

from bench.metrics import levenshtein
from corpora.page import Gold


def test_ratio_over_whitespace_tokens() -> None:
    # a b c d vs a b x d: delete c, insert x -> 1 - 2/8
    assert levenshtein.ratio("a b c d", "a b x d") == pytest.approx(0.75)
    assert levenshtein.ratio("a b", "a b") == 1.0
    assert levenshtein.ratio("", "") == 1.0
    assert levenshtein.ratio("a b", "") == 0.0
    # tokens, not characters: one changed letter costs a whole token
    assert levenshtein.ratio("colour red", "color red") == pytest.approx(0.5)


def test_cjk_characters_are_tokens() -> None:
    # 東京は晴れ vs 東京は雨: LCS 3, lengths 5 + 4 -> 2*3/9
    assert levenshtein.ratio("東京は晴れ", "東京は雨") == pytest.approx(6 / 9)


MARKUP = "<h>River news\n\n<p>The ferry runs daily.\n<l>Monday\n<l>Tuesday"


def test_blocks_of_marked_gold() -> None:
    assert levenshtein.blocks(MARKUP) == [
        ("h", "River news"),
        ("p", "The ferry runs daily."),
        ("l", "Monday"),
        ("l", "Tuesday"),
    ]


def test_word_and_tag_alignment_of_plain_output() -> None:
    # gold words: River news The ferry runs daily. Monday Tuesday (8)
    # output lines: "River news" / "The ferry runs daily. Monday" / "Cookies" (three <p>)
    output = "River news\nThe ferry runs daily. Monday\nCookies"
    scores = levenshtein.cleaneval_scores(MARKUP, output)
    assert scores["word_precision"] == pytest.approx(7 / 8)
    assert scores["word_recall"] == pytest.approx(7 / 8)
    # marked: gold <h> River news <p> The ferry runs daily. <l> Monday <l> Tuesday
    #       output <p> River news <p> The ferry runs daily. Monday <p> Cookies
    # aligned: all 7 shared words + the <p> before "The": 1 tag of 3 output, of 4 gold
    assert scores["tag_precision"] == pytest.approx(1 / 3)
    assert scores["tag_recall"] == pytest.approx(1 / 4)


def test_output_with_its_own_markers_is_perfect() -> None:
    scores = levenshtein.cleaneval_scores(MARKUP, MARKUP)
    assert all(value == 1.0 for value in scores.values())


def test_page_scores_and_aggregate() -> None:
    gold = Gold(text="River news\nThe ferry runs daily.\nMonday\nTuesday", markup=MARKUP)
    page = levenshtein.score_page(gold, "River news\nThe ferry runs daily.\nMonday\nTuesday")
    assert page["ratio"] == 1.0 and page["word_f1"] == 1.0
    # every output line is a <p>: only the gold's single <p> aligns, of 4 gold and 4 output tags
    assert (page["tag_precision"], page["tag_recall"]) == pytest.approx((1 / 4, 1 / 4))
    plain = levenshtein.score_page(Gold(text="a b c d"), "a b x d")
    assert "word_f1" not in plain  # no markers, no CleanEval scores
    scores = levenshtein.aggregate([page, plain], n_bootstrap=20)
    assert scores["ratio"] == pytest.approx((1 + 0.75) / 2)
    assert scores["word_f1"] == 1.0 and scores["f1"] == 1.0  # over the marked page only
    assert scores["tag_recall"] == pytest.approx(0.25)

"""The ``tokens`` metric (bag-of-words P/R/F1, page mean) on hand-computed cases."""

from __future__ import annotations

import pytest

from bench.metrics import tokens
from corpora.page import Gold


def test_bag_of_words_overlap() -> None:
    # gold: the cat sat on the mat (6), output: the cat the dog (4); overlap the×2 + cat = 3
    page = tokens.score_texts("The cat sat on the mat.", "the cat, the dog")
    assert page["precision"] == pytest.approx(3 / 4)
    assert page["recall"] == pytest.approx(3 / 6)
    assert page["f1"] == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_order_does_not_matter() -> None:
    assert tokens.score_texts("a b c", "c b a")["f1"] == 1.0


def test_cjk_characters_are_tokens() -> None:
    # case-folded: "Straße" becomes "strasse"
    assert tokens.word_tokens("東京2020年, Straße!") == ["東", "京", "2020", "年", "strasse"]
    # 東京は晴れ vs 東京は雨: 3 shared characters of 5 and 4
    page = tokens.score_texts("東京は晴れ", "東京は雨")
    assert (page["precision"], page["recall"]) == pytest.approx((3 / 4, 3 / 5))


def test_empty_texts() -> None:
    assert tokens.score_texts("", "") == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert tokens.score_texts("gold words", "") == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert tokens.score_texts("", "output") == {"precision": 0.0, "recall": 1.0, "f1": 0.0}


def test_corpus_scores_are_page_means_and_medians() -> None:
    pages = [
        tokens.score_texts("The cat sat on the mat.", "the cat, the dog"),  # f1 0.6
        tokens.score_texts("a b", "a b"),  # f1 1
        tokens.score_texts("a b", ""),  # f1 0
    ]
    scores = tokens.aggregate(pages, n_bootstrap=100)
    assert scores["f1"] == pytest.approx(1.6 / 3)
    assert scores["f1_median"] == pytest.approx(0.6)
    assert scores["precision"] == pytest.approx((0.75 + 1 + 0) / 3)
    assert scores["f1_std"] > 0


def test_macro_over_datasets() -> None:
    def page(dataset: str, gold: str, output: str) -> dict[str, float]:
        return tokens.score_page(Gold(text=gold, dataset=dataset), output)

    pages = [page("a", "x y", "x y"), page("a", "x y", "x y"), page("b", "x y", "")]
    scores = tokens.aggregate(pages, n_bootstrap=0)
    assert scores["f1"] == pytest.approx(2 / 3)  # micro: mean over pages
    assert scores["f1_macro"] == pytest.approx(0.5)  # mean of dataset means 1 and 0
    assert scores["f1@a"] == 1.0 and scores["f1@b"] == 0.0
    assert scores["n_datasets"] == 2

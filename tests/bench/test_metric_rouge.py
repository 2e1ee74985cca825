"""The ``rouge-lsum`` metric on hand-computed cases."""

from __future__ import annotations

import pytest

from bench.metrics import rouge
from corpora.page import Gold


def test_union_lcs_example() -> None:
    # Lin (2004): reference w1..w5; candidate sentences share w1 w2 and w1 w3 w5 with it,
    # so the union LCS is w1 w2 w3 w5: 4 hits of 5 gold and 10 output tokens.
    page = rouge.score_texts("w1 w2 w3 w4 w5", "w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5")
    assert page["recall"] == pytest.approx(4 / 5)
    assert page["precision"] == pytest.approx(4 / 10)
    assert page["f1"] == pytest.approx(2 * 0.8 * 0.4 / 1.2)
    assert page["tokenizer_cjk"] == 0.0


def test_sentences_and_tokens() -> None:
    # gold sentences [a b c d.] [e f g.], output [a b x d.] [e g.]: LCS a b d. + e g. = 5
    page = rouge.score_texts("a b c d. e f g.", "a b x d. e g.")
    assert (page["precision"], page["recall"]) == pytest.approx((5 / 6, 5 / 7))
    assert rouge.sentences("One. Two!\nThree 東京は晴れ。大阪は雨。") == [
        "One.",
        "Two!",
        "Three 東京は晴れ。",
        "大阪は雨。",
    ]


def test_a_token_is_counted_at_most_as_often_as_both_texts_hold_it() -> None:
    # both gold sentences have an LCS "a" with the output, which holds "a" once: 1 hit
    page = rouge.score_texts("a b\na c", "a")
    assert (page["precision"], page["recall"]) == pytest.approx((1.0, 1 / 4))


def test_tokens_are_case_sensitive_whitespace_tokens() -> None:
    page = rouge.score_texts("Hello world, again", "hello world, again")
    assert page["recall"] == pytest.approx(2 / 3)  # "Hello" != "hello"; "world," matches


def test_cjk_characters_are_tokens_and_the_record_says_so() -> None:
    # 東 京 は 晴 れ 。 vs 東 京 は 雨 。: LCS 東京は。 = 4
    page = rouge.score_texts("東京は晴れ。", "東京は雨。")
    assert (page["precision"], page["recall"]) == pytest.approx((4 / 5, 4 / 6))
    assert page["tokenizer_cjk"] == 1.0
    # with whitespace tokens each text would be a single token and nothing would match
    assert rouge.tokenize("東京は雨。") == [["東", "京", "は", "雨", "。"]]


def test_empty_gold_and_empty_output() -> None:
    assert rouge.score_texts("", "")["f1"] == 1.0
    empty_gold = rouge.score_texts("  ", "some output")
    assert (empty_gold["precision"], empty_gold["recall"], empty_gold["f1"]) == (0.0, 1.0, 0.0)
    nothing = rouge.score_texts("gold text", "")
    assert (nothing["precision"], nothing["recall"], nothing["f1"]) == (0.0, 0.0, 0.0)


def test_mean_median_micro_and_macro() -> None:
    def page(dataset: str, output: str) -> dict[str, float]:
        return rouge.score_page(Gold(text="a b c d", dataset=dataset), output)

    pages = [page("x", "a b c d"), page("x", "a b c d"), page("x", ""), page("y", "a b")]
    # f1: 1, 1, 0 (dataset x) and 2*1*0.5/1.5 = 2/3 (dataset y)
    scores = rouge.aggregate(pages, n_bootstrap=100)
    assert scores["f1"] == pytest.approx((2 + 2 / 3) / 4)
    assert scores["f1_median"] == pytest.approx((2 / 3 + 1) / 2)
    assert scores["f1_macro"] == pytest.approx((2 / 3 + 2 / 3) / 2)
    assert scores["f1_median_macro"] == pytest.approx((1 + 2 / 3) / 2)
    assert scores["f1@x"] == pytest.approx(2 / 3)
    assert scores["cjk_pages"] == 0.0
    assert {"f1_std", "f1_macro_std", "precision_std", "recall_std"} <= set(scores)
    assert rouge.aggregate(pages, seed=1) == rouge.aggregate(pages, seed=1)

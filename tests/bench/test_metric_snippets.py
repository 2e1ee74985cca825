"""The ``snippets`` metric (trafilatura's evaluation) on hand-computed cases."""

from __future__ import annotations

import pytest

from bench.metrics import snippets
from corpora.page import Gold


def test_counts_with_whitespace_normalised() -> None:
    # "a b" is found across a line break, "c" is missing, the boilerplate "x" leaks.
    page = snippets.score_snippets(["a b", "c"], ["x"], "a  \n b x")
    assert page == {"tp": 1.0, "fn": 1.0, "fp": 1.0, "tn": 0.0}


def test_snippets_are_normalised_too() -> None:
    assert snippets.score_snippets(["two\nwords"], [], "two words")["tp"] == 1.0


def test_counts_are_summed_over_pages_before_the_ratios() -> None:
    first = snippets.score_snippets(["a b", "c"], ["x"], "a b x")  # tp 1 fn 1 fp 1 tn 0
    second = snippets.score_snippets(["d"], ["y", "z"], "d")  # tp 1 fn 0 fp 0 tn 2
    scores = snippets.aggregate([first, second], n_bootstrap=50)
    # summed: tp 2, fn 1, fp 1, tn 2
    assert (scores["tp"], scores["fn"], scores["fp"], scores["tn"]) == (2, 1, 1, 2)
    assert scores["precision"] == pytest.approx(2 / 3)
    assert scores["recall"] == pytest.approx(2 / 3)
    assert scores["f1"] == pytest.approx(2 / 3)
    assert scores["accuracy"] == pytest.approx(4 / 6)
    assert {"f1_std", "precision_std", "recall_std", "accuracy_std"} <= set(scores)


def test_micro_is_not_the_mean_of_page_scores() -> None:
    # page 1: 1 of 1 found; page 2: 0 of 3 found -> micro recall 1/4 (macro would be 1/2)
    pages = [
        snippets.score_snippets(["a"], [], "a"),
        snippets.score_snippets(["b", "c", "d"], [], "nothing here"),
    ]
    assert snippets.aggregate(pages, n_bootstrap=0)["recall"] == pytest.approx(0.25)


def test_empty_output_misses_every_with_snippet() -> None:
    gold = Gold(text="", snippets_with=("main text",), snippets_without=("menu", "footer"))
    page = snippets.score_page(gold, "")
    assert page == {"tp": 0.0, "fn": 1.0, "fp": 0.0, "tn": 2.0}
    scores = snippets.aggregate([page], n_bootstrap=0)
    assert scores["precision"] == scores["recall"] == scores["f1"] == 0.0
    assert scores["accuracy"] == pytest.approx(2 / 3)


def test_bootstrap_is_seeded() -> None:
    pages = [snippets.score_snippets(["a", "b"], ["c"], t) for t in ("a", "a b c", "b c", "")]
    assert snippets.aggregate(pages, seed=3) == snippets.aggregate(pages, seed=3)
    assert snippets.aggregate(pages, seed=3)["f1_std"] > 0

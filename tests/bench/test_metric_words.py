"""The ``words`` metric: WCXB's evaluate.py on hand-computed cases, and equal to it on
generated texts when the published checkout (with its evaluate.py) is present."""

from __future__ import annotations

import importlib.util
from types import ModuleType

import numpy as np
import pytest
from conftest import SHARED, public_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import metrics
from bench.metrics import words
from corpora.page import Gold

WCXB_DEV = SHARED / "corpora" / "wcxb-dev"


def test_word_bags_lowercased() -> None:
    # output: the cat sat (3), gold: the cat sat on the mat (6): overlap 3
    assert words.word_scores("The CAT sat.", "the cat sat on the mat") == pytest.approx(
        (1.0, 0.5, 2 / 3)
    )
    # multisets: "the" twice in the output, once in the gold
    assert words.word_scores("the the cat", "the cat") == pytest.approx((2 / 3, 1.0, 0.8))


def test_tokens_are_python_re_word_runs_after_str_lower() -> None:
    assert words.tokenize("Ünïcode_ok, 東京2020年! don't") == [
        "ünïcode_ok",
        "東京2020年",
        "don",
        "t",
    ]
    # str.lower, not casefold: "STRASSE" and "Straße" share no token
    assert words.word_scores("STRASSE", "Straße") == (0.0, 0.0, 0.0)


def test_empty_cases_as_evaluate_py() -> None:
    assert words.word_scores("", "") == (1.0, 1.0, 1.0)
    assert words.word_scores("!!!", "...") == (1.0, 1.0, 1.0)  # no tokens on either side
    assert words.word_scores("output", "") == (0.0, 0.0, 0.0)
    assert words.word_scores("", "gold words") == (0.0, 0.0, 0.0)
    assert words.word_scores("— —", "gold words") == (0.0, 0.0, 0.0)


def test_snippet_rates() -> None:
    text = "The Ferry runs daily. Subscribe now!"
    assert words.snippet_rate(text, ["ferry RUNS", "no such words"]) == 0.5
    assert words.snippet_rate(text, []) == 1.0  # no snippets of that kind counts 1.0
    assert words.snippet_rate(text, ["ferry  runs"]) == 0.0  # whitespace is not normalised
    gold = Gold(
        text="ferry runs daily", snippets_with=("ferry runs",), snippets_without=("subscribe",)
    )
    page = words.score_page(gold, text)
    assert page == pytest.approx(
        {"precision": 3 / 6, "recall": 1.0, "f1": 2 / 3, "with_rate": 1.0, "without_rate": 1.0}
    )
    assert words.score_page(gold, None)["without_rate"] == 0.0  # a crash shows no boilerplate


def test_corpus_figures_are_page_means_with_bootstrap_std() -> None:
    pages = [
        {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "with_rate": 1.0, "without_rate": 0.0},
        {"precision": 0.0, "recall": 0.0, "f1": 0.0, "with_rate": 0.5, "without_rate": 1.0},
        {"precision": 0.5, "recall": 1.0, "f1": 2 / 3, "with_rate": 0.0, "without_rate": 0.5},
    ]
    scores = words.aggregate(pages, seed=3, n_bootstrap=200)
    # macro: F1 is the mean of the page F1s, not the F1 of the mean P and R
    assert scores["f1"] == pytest.approx(4 / 9)
    assert scores["precision"] == scores["recall"] == pytest.approx(0.5)
    assert scores["with_rate"] == scores["without_rate"] == pytest.approx(0.5)
    assert all(scores[f"{k}_std"] > 0 for k in words.FIELDS)
    assert words.aggregate(pages, seed=3, n_bootstrap=200) == scores  # seeded
    stat = words.statistic(pages)(np.array([[0, 1, 2], [0, 0, 0]]))
    assert stat["f1"] == pytest.approx([4 / 9, 2 / 3])
    assert words.aggregate([]) == {}


def test_metadata_for_reports() -> None:
    assert metrics.get("words") is words
    assert words.HEADLINE == "f1" and words.LOWER_IS_BETTER == ("without_rate",)
    assert set(words.FIELD_DESCRIPTIONS) == set(words.FIELDS)


@pytest.fixture(scope="module")
def evaluate_py() -> ModuleType:
    """WCXB's own scorer, imported from the checkout."""
    path = public_corpus(WCXB_DEV) / "evaluate.py"
    spec = importlib.util.spec_from_file_location("wcxb_evaluate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_PIECES = st.sampled_from(
    (
        "The",
        "the",
        "CAT",
        "cat",
        "İstanbul",
        "STRASSE",
        "straße",
        "東京",
        "don't",
        "x_1",
        "ǅ",
        "ﬁne",
        "—",
        "…",
        "42",
    )
)
_TEXT = st.lists(st.tuples(_PIECES, st.sampled_from([" ", "", "\n", ", ", "  "])), max_size=12)


def _join(parts: list[tuple[str, str]]) -> str:
    return "".join(a + b for a, b in parts)


@pytest.mark.public_data
@settings(max_examples=300, deadline=None)
@given(gold=_TEXT, output=_TEXT, snippets=st.lists(_TEXT, max_size=3))
def test_equal_to_wcxb_evaluate_py(evaluate_py: ModuleType, gold, output, snippets) -> None:
    gold_text, output_text = _join(gold), _join(output)
    listed = [_join(s) for s in snippets]
    assert words.word_scores(output_text, gold_text) == evaluate_py.word_f1(output_text, gold_text)
    assert words.snippet_rate(output_text, listed) == evaluate_py.snippet_check(output_text, listed)

"""``rouge-n5``: MinerU-HTML's calc_rouge_n_score (jieba tokens, 5-grams, rouge-score's
clipped overlap) on hand-computed cases, and on WebMainBench's published sample rows."""

from __future__ import annotations

import pytest
from conftest import SHARED, public_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import metrics
from bench.metrics import rouge_n
from corpora.registry import open_corpus

pytest.importorskip("jieba", reason="rouge-n5 needs the webmainbench extra (jieba)")

SAMPLE = SHARED / "corpora" / "webmainbench-sample"


def _prf(gold: str, output: str) -> tuple[float, float, float]:
    page = rouge_n.score_texts(gold, output)
    return page["precision"], page["recall"], page["f1"]


def test_jieba_keeps_spaces_and_newlines_as_tokens() -> None:
    assert rouge_n.tokenize("a b\n\nc") == ["a", " ", "b", "\n", "\n", "c"]
    assert rouge_n.tokenize("我爱北京天安门，天安门上太阳升。") == (
        ["我", "爱", "北京", "天安门", "，", "天安门", "上", "太阳升", "。"]
    )


_HAN = ("我", "爱", "北京", "天安门", "研究生命", "的", "起源", "，", "。")
_OTHER = ("Python3", "C++", "a.b", "50%", "x-y", "hello", "HTML5", "## ", "**", "é", "😀")
# runs that jieba's dictionary cuts ("QQ", "C#", "AA" are entries), finalseg's split of runs
# without Han ("3.5%", "v1.2.3") and runs mixing Han with letters ("T恤", "A股")
_DICTIONARY = ("QQ", "AAA", "C#", "IPv6", "4S", "3.5%", "v1.2.3", "a_b", "T恤", "A股", "xAB")
_SPACE = ("\r\n", "\n\n", " ", "  ", "\t", "a b")
_PIECE = st.sampled_from((*_HAN, *_OTHER, *_DICTIONARY, *_SPACE))


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=30))
def test_tokens_are_jiebas(pieces: list[str]) -> None:
    import jieba

    text = "".join(pieces)
    # twice: the second time from the memo of block cuts
    assert rouge_n.tokenize(text) == jieba.lcut(text)
    assert rouge_n.tokenize(text) == jieba.lcut(text)


def test_one_differing_token() -> None:
    # 11 tokens (letters and spaces), 7 five-grams each; only the last differs
    assert _prf("a b c d e f", "a b c d e g") == pytest.approx((6 / 7, 6 / 7, 6 / 7))


def test_whitespace_is_part_of_the_text() -> None:
    # "a  b": the doubled space is one more token; of the output's 8 five-grams, the 6 that
    # do not span it are the gold's (the gold has 7)
    assert _prf("a b c d e f", "a  b c d e f") == pytest.approx(
        (6 / 8, 6 / 7, 2 * 0.75 * 6 / 7 / (0.75 + 6 / 7))
    )


def test_counts_are_clipped() -> None:
    # gold "a a a a a a": 7 five-grams, 4 × "a_a_a" and 3 × "_a_a_"; the output has 3 and 2
    assert _prf("a a a a a a", "a a a a a") == pytest.approx((1.0, 5 / 7, 10 / 12))


def test_texts_shorter_than_five_tokens_have_no_five_gram() -> None:
    assert _prf("one two three", "one two three") == (1.0, 1.0, 1.0)  # exactly 5 tokens
    assert _prf("a b", "a b") == (0.0, 0.0, 0.0)  # 3 tokens: no 5-gram, nothing matches
    assert _prf("one two three", "one two") == (0.0, 0.0, 0.0)


def test_empty_texts() -> None:
    assert _prf("", "") == (1.0, 1.0, 1.0)
    assert _prf("  \n", " ") == (1.0, 1.0, 1.0)  # both empty once stripped
    assert _prf("a b c d e f", "") == (0.0, 0.0, 0.0)
    assert _prf("", "a b c d e f") == (0.0, 0.0, 0.0)
    assert rouge_n.score_texts("a b c d e f", None)["f1"] == 0.0  # a crash


def test_chinese() -> None:
    # gold: 9 jieba tokens (5 five-grams); output "…太阳红。": 10 tokens (6 five-grams); the
    # first three five-grams are shared
    gold, output = "我爱北京天安门，天安门上太阳升。", "我爱北京天安门，天安门上太阳红。"
    assert _prf(gold, output) == pytest.approx((3 / 6, 3 / 5, 2 * 0.5 * 0.6 / 1.1))


def test_corpus_figures_are_page_means() -> None:
    pages = [rouge_n.score_texts("a b c d e f", "a b c d e g"), rouge_n.score_texts("a b", "")]
    scores = rouge_n.aggregate(pages, seed=0, n_bootstrap=100)
    assert scores["f1"] == pytest.approx(3 / 7)
    assert set(scores) == {"precision", "recall", "f1", "precision_std", "recall_std", "f1_std"}
    assert metrics.get("rouge-n5") is rouge_n
    assert rouge_n.HEADLINE == "f1" and rouge_n.READS_RAW and rouge_n.N == 5


@pytest.mark.public_data
@pytest.mark.slow
def test_gold_against_itself_on_the_published_sample() -> None:
    root = public_corpus(SAMPLE)
    for name in ("WebMainBench_dataset_sample2.jsonl", "sample_dataset.jsonl"):
        corpus = open_corpus(str(root / name))
        for page in corpus.pages:
            assert rouge_n.score_page(page.gold, page.gold.text) == {
                "precision": 1.0,
                "recall": 1.0,
                "f1": 1.0,
            }

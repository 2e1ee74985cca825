"""Normalisation, tokenisation and shingling rules of bench.dedup.normalize."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.dedup.normalize import (
    clean_ascii,
    clean_text,
    normalize,
    shingles,
    shingles_from_tokens,
    token_bytes,
    tokenize,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hello,   World!\n\tBye.", "hello world bye"),
        ("ﬁne ＡＢＣ１２３", "fine abc123"),  # NFKC: ligature, full-width
        ("Straße ΣΊΣΥΦΟΣ", "strasse σίσυφοσ"),  # casefold, not lower()
        ("don't «quote» ¿qué? — x…", "dont quote qué x"),  # Unicode P* deleted
        ("soft\u00adhyphen zero\u200bwidth \ufeffbom", "softhyphen zerowidth bom"),  # Cf deleted
        ("  $5 + 3 = 8 © ", "$5 + 3 = 8 ©"),  # symbols (S*) are kept
        ("", ""),
        (" ... !!! ", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The cat, the hat.", ["the", "cat", "the", "hat"]),
        ("日本語のテキスト。", ["日", "本", "語", "の", "テ", "キ", "ス", "ト"]),
        ("中文iPhone 15手机", ["中", "文", "iphone", "15", "手", "机"]),
        ("한국어 텍스트 입니다", ["한국어", "텍스트", "입니다"]),  # Hangul keeps words
        ("ｶﾀｶﾅ", ["カ", "タ", "カ", "ナ"]),  # half-width kana -> NFKC full-width
        ("กิน ข้าว", ["กิ", "น", "ข้", "า", "ว"]),  # Thai: combining marks stay attached
        ("a\x1cb\x1fc", ["a", "b", "c"]),  # ASCII separators are whitespace
    ],
)
def test_tokenize(raw: str, expected: list[str]) -> None:
    assert tokenize(raw) == expected
    assert token_bytes(raw) == [t.encode() for t in expected]


def test_shingles_word_ngrams() -> None:
    text = "One two three, four five six seven!"
    assert shingles(text, 5) == [
        "one two three four five",
        "two three four five six",
        "three four five six seven",
    ]
    assert shingles(text, 1) == ["one", "two", "three", "four", "five", "six", "seven"]


def test_shingles_short_and_empty() -> None:
    assert shingles("Just three words", 5) == ["just three words"]
    assert shingles("a b c d e", 5) == ["a b c d e"]
    assert shingles("", 5) == []
    assert shingles("!!! ... ---", 5) == []
    assert shingles_from_tokens([], 3) == []
    with pytest.raises(ValueError):
        shingles("a b", 0)


def test_shingles_cjk_are_character_ngrams() -> None:
    assert shingles("東京タワー", 3) == ["東 京 タ", "京 タ ワ", "タ ワ ー"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_token_bytes_matches_tokenize_and_normalize_is_idempotent(text: str) -> None:
    tokens = tokenize(text)
    assert token_bytes(text) == [t.encode() for t in tokens]
    assert all(t and not any(c.isspace() for c in t) for t in tokens)
    assert normalize(normalize(text)) == normalize(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_fast_path_cleans_like_the_unicode_path(text: str) -> None:
    # ASCII text is cleaned with one bytes.translate; the tokens are those of the str path
    assert token_bytes(text) == [t.encode() for t in normalize(text).split()]
    assert clean_ascii(text).split() == clean_text(text).encode().split()

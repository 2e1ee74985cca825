"""Properties every new metric must have, checked on generated texts (hypothesis):
scores stay in [0, 1], a text scored against itself is perfect, and appending text that
shares nothing with the gold never raises precision (or the Levenshtein ratio)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bench.metrics import levenshtein, rouge, snippets, tokens

# Gold-side words use a-m (and some CJK); unrelated words are made of n-z only.
WORD = st.text(alphabet="abcdefghijklm", min_size=1, max_size=6) | st.sampled_from(
    ["東京", "は", "晴れ", "雨", "図書館", "한국어"]
)
UNRELATED = st.text(alphabet="nopqrstuvwxyz", min_size=1, max_size=6)
SEP = st.sampled_from([" ", " ", "\n", ". ", "。"])
LATIN_SEP = st.sampled_from([" ", "\n", ". "])  # "。" is a token of its own: not unrelated


@st.composite
def texts(draw, words=WORD, max_words: int = 40, seps=SEP) -> str:
    parts = draw(st.lists(st.tuples(words, seps), max_size=max_words))
    return "".join(word + sep for word, sep in parts).strip()


SCORES = ("precision", "recall", "f1", "ratio")
SCORERS = {
    "tokens": tokens.score_texts,
    "rouge-lsum": rouge.score_texts,
    "levenshtein": levenshtein.score_texts,
}
FAST = settings(max_examples=150, deadline=None)


@FAST
@given(gold=texts(), output=texts())
def test_scores_are_in_unit_interval(gold: str, output: str) -> None:
    for score in SCORERS.values():
        for key, value in score(gold, output).items():
            if key in SCORES:
                assert 0.0 <= value <= 1.0, (key, value)


@FAST
@given(text=texts())
def test_a_text_against_itself_is_perfect(text: str) -> None:
    assert tokens.score_texts(text, text)["f1"] == 1.0
    assert rouge.score_texts(text, text)["f1"] == 1.0
    assert levenshtein.ratio(text, text) == 1.0
    markup = "\n".join(f"<p>{line}" for line in text.splitlines())
    assert levenshtein.cleaneval_scores(markup, markup)["word_f1"] == 1.0


@FAST
@given(gold=texts(), output=texts(), extra=texts(words=UNRELATED, max_words=10, seps=LATIN_SEP))
def test_unrelated_text_never_raises_precision(gold: str, output: str, extra: str) -> None:
    longer = f"{output}\n{extra}"
    for name in ("tokens", "rouge-lsum"):
        before, after = SCORERS[name](gold, output), SCORERS[name](gold, longer)
        assert after["precision"] <= before["precision"] + 1e-12, name
        assert after["recall"] >= before["recall"] - 1e-12, name  # nothing lost either
    assert levenshtein.ratio(gold, longer) <= levenshtein.ratio(gold, output) + 1e-12
    if gold.strip():
        markup = f"<p>{gold}"
        before = levenshtein.cleaneval_scores(markup, output)["word_precision"]
        after = levenshtein.cleaneval_scores(markup, longer)["word_precision"]
        assert after <= before + 1e-12


@st.composite
def snippet_pages(draw) -> tuple[str, list[str], list[str]]:
    """A text, "with" snippets cut from it, "without" snippets of unrelated words."""
    text = draw(texts())
    words = text.split()
    with_ = []
    for _ in range(draw(st.integers(0, 3))):
        if words:
            i = draw(st.integers(0, len(words) - 1))
            j = draw(st.integers(i + 1, min(len(words), i + 3)))
            with_.append(" ".join(words[i:j]))
    without = draw(st.lists(UNRELATED, max_size=3))
    return text, with_, without


@FAST
@given(
    pages=st.lists(snippet_pages(), min_size=1, max_size=5),
    extra=texts(words=UNRELATED, seps=LATIN_SEP),
)
def test_snippet_properties(pages, extra: str) -> None:
    perfect = [snippets.score_snippets(w, wo, text) for text, w, wo in pages]
    scores = snippets.aggregate(perfect, n_bootstrap=0)
    for key in ("precision", "recall", "f1", "accuracy"):
        assert 0.0 <= scores[key] <= 1.0
    if scores["tp"] or scores["tn"]:
        assert scores["fn"] == scores["fp"] == 0 and scores["accuracy"] == 1.0
    leaky = [snippets.score_snippets(w, wo, f"{text}\n{extra}") for text, w, wo in pages]
    assert snippets.aggregate(leaky, n_bootstrap=0)["precision"] <= scores["precision"]

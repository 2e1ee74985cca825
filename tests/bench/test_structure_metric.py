"""The ``structure`` metric: the alignment rule, per-type scores computed by hand, tables,
code, and the property that any block sequence scored against itself is perfect."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import metrics
from bench.metrics import structure
from bench.structure import align, parse, to_html, to_markdown, to_text
from bench.structure.blocks import TYPES, Block
from bench.structure.tables import teds
from corpora.page import Gold

P, H, L = "paragraph", "heading", "list"


def blocks(*spec: tuple[str, str]) -> list[Block]:
    return [
        Block(kind, text, level=2 if kind == H else 0, depth=1 if kind == L else 0)
        for kind, text in spec
    ]


def test_alignment_pairs_same_types_at_token_f1_08_in_order() -> None:
    gold = blocks((H, "Intro"), (P, "a b c d e"), (P, "f g h i j"), (P, "k l m n o"))
    output = blocks((P, "Intro"), (P, "f g h i j"), (P, "a b c d e"), (P, "k l m n x"))
    pairs = align(gold, output)
    # the heading became a paragraph: no pair; "a b c d e" and "f g h i j" swapped places:
    # only one of them can pair in order; "k l m n x" shares 4 of 5 tokens: F1 = 0.8, paired
    assert [(p.gold, p.output) for p in pairs] in ([(1, 2), (3, 3)], [(2, 1), (3, 3)])
    assert pairs[-1].f1 == pytest.approx(0.8)
    below = blocks((P, "a b c x y"))  # 3 of 5 tokens: F1 = 0.6
    assert align(blocks((P, "a b c d e")), below) == []


def test_alignment_is_one_to_one_and_prefers_more_pairs() -> None:
    gold = blocks((P, "a b c"), (P, "a b c"), (P, "d e f"))
    output = blocks((P, "d e f"), (P, "a b c"), (P, "a b c"), (P, "d e f"))
    pairs = align(gold, output)
    assert [(p.gold, p.output) for p in pairs] == [(0, 1), (1, 2), (2, 3)]


def _gold(markdown: str) -> Gold:
    return Gold(text="", structure=markdown, structure_format="markdown")


GOLD = """## Opening hours

The library opens at nine on weekdays and at ten on Saturdays.

It closes at six, except on Thursdays, when it stays open until eight.

- Lending desk on the ground floor
- Study rooms on the second floor

| Day | Opens |
| --- | --- |
| Monday | 9 |

```
for i in range(10):
    print(i)
```
"""


def test_a_markdown_copy_of_the_gold_is_perfect() -> None:
    scores = structure.score_output(_gold(GOLD), GOLD, "markdown")
    for kind in ("heading", "paragraph", "list", "table", "code"):
        assert scores[f"{kind}_f1"] == 1.0, kind
    assert "quote_f1" not in scores  # the gold has no quote: no score for quotes
    assert scores["structure_f1"] == 1.0
    assert scores["heading_level_accuracy"] == 1.0
    assert scores["table_cell_f1"] == scores["table_teds"] == 1.0
    assert scores["code_exact"] == scores["code_similarity"] == 1.0


def test_plain_text_with_headings_scores_paragraphs_but_no_heading() -> None:
    gold = _gold(GOLD)
    text = to_text(parse(GOLD, "markdown"))  # what a text extractor at its best returns
    scores = structure.score_output(gold, text, "text")
    assert scores["paragraph_recall"] == 1.0  # both paragraphs are there
    assert scores["heading_recall"] == scores["heading_f1"] == 0.0
    assert scores["list_f1"] == scores["table_f1"] == scores["code_f1"] == 0.0
    # paragraphs: 2 paired of 2 gold and 6 output paragraphs (heading, 2 paragraphs, the
    # list as one, the table, the code): P = 2/6, R = 1, F1 = 0.5; 4 other types score 0
    assert scores["paragraph_precision"] == pytest.approx(2 / 6)
    assert scores["structure_f1"] == pytest.approx(0.5 / 5)
    assert structure.score_page(gold, text) == scores


def test_a_table_flattened_into_lines_scores_table_f1_zero() -> None:
    gold = _gold("| Day | Opens |\n| --- | --- |\n| Monday | 9 |\n| Tuesday | 10 |\n")
    flattened = "Day Opens\n\nMonday 9\n\nTuesday 10"
    scores = structure.score_output(gold, flattened, "markdown")
    assert scores["table_f1"] == 0.0
    assert scores["table_cell_f1"] == 0.0 and scores["table_teds"] == 0.0
    assert scores["structure_f1"] == 0.0


def test_heading_at_the_wrong_level_pairs_but_misses_the_level() -> None:
    gold = _gold("## Opening hours\n\n### Holidays\n")
    scores = structure.score_output(gold, "# Opening hours\n\n### Holidays\n", "markdown")
    assert scores["heading_f1"] == 1.0
    assert scores["heading_level_accuracy"] == 0.5


def test_table_cells_and_teds_by_hand() -> None:
    gold = _gold("| a | b |\n| --- | --- |\n| c | d |\n")
    one_cell_changed = structure.score_output(gold, "| a | b |\n|---|---|\n| c | x |\n", "markdown")
    # 3 of 4 cells at the same (row, column, text); F1 of "a b c d" vs "a b c x" is 0.75, so
    # the tables do not pair as blocks, but cells and TEDS compare the tables all the same
    assert one_cell_changed["table_cell_f1"] == pytest.approx(0.75)
    # trees of 1 + 2 + 4 = 7 nodes, one cell renamed at cost 1 (Levenshtein "d" → "x")
    assert one_cell_changed["table_teds"] == pytest.approx(1 - 1 / 7)
    assert one_cell_changed["table_f1"] == 0.0
    extra_row = structure.score_output(
        gold, "| a | b |\n|---|---|\n| c | d |\n| e | f |\n", "markdown"
    )
    # 4 of 6 output cells right, all 4 gold cells found: P = 2/3, R = 1
    assert extra_row["table_cell_precision"] == pytest.approx(4 / 6)
    assert extra_row["table_cell_recall"] == 1.0
    # a row of 2 cells inserted: 3 nodes of the larger tree's 10
    assert extra_row["table_teds"] == pytest.approx(1 - 3 / 10)


def test_teds_of_large_tables_uses_the_row_by_row_edit_script() -> None:
    rows = tuple(tuple(f"r{r}c{c}" for c in range(8)) for r in range(40))
    big = Block("table", " ".join(c for row in rows for c in row), rows=rows)
    fewer = Block("table", "", rows=rows[:-1])
    assert teds(big, big) == 1.0
    assert teds(big, fewer) == pytest.approx(1 - 9 / (1 + 40 + 320))


def test_code_exact_match_and_edit_similarity() -> None:
    gold = _gold("```\nfor i in range(10):\n    print(i)\n```\n")
    changed = "```python\nfor i in range(10):\n    print(i + 1)\n```\n"
    scores = structure.score_output(gold, changed, "markdown")
    assert scores["code_f1"] == 1.0  # token F1 14/15: paired
    assert scores["code_exact"] == 0.0
    # 4 characters inserted in 32: 1 - 4/36
    assert scores["code_similarity"] == pytest.approx(1 - 4 / 36)
    trailing = "```\nfor i in range(10):   \n    print(i)\n\n```\n"
    assert structure.score_output(gold, trailing, "markdown")["code_exact"] == 1.0


def test_quotes_are_one_block_each() -> None:
    gold = _gold("> We will not close.\n>\n> Not this year.\n\nThe mayor said so.\n")
    html = (
        "<blockquote><p>We will not close.</p><p>Not this year.</p></blockquote>"
        "<p>The mayor said so.</p>"
    )
    scores = structure.score_output(gold, html, "html")
    assert scores["quote_f1"] == scores["paragraph_f1"] == 1.0


def test_a_gold_without_markup_has_no_score() -> None:
    assert structure.score_page(Gold(text="Plain gold text."), "Plain gold text.") == {}
    assert structure.aggregate([{}, {}]) == {}


def test_cleaneval_markup_is_structured_gold() -> None:
    gold = Gold(text="", markup="<h>Opening hours\n<p>The library opens at nine.\n<l>Monday")
    scores = structure.score_output(
        gold, "## Opening hours\n\nThe library opens at nine.\n\n- Monday", "markdown"
    )
    assert scores["structure_f1"] == 1.0
    assert "heading_level_accuracy" not in scores  # CleanEval's <h> has no level


def test_aggregate_means_over_pages_that_have_each_field() -> None:
    pages = [
        {"structure_f1": 1.0, "table_f1": 0.5},
        {"structure_f1": 0.5},
        {},
    ]
    values = structure.aggregate(pages, n_bootstrap=50)
    assert values["structure_f1"] == pytest.approx(0.75)
    assert values["table_f1"] == 0.5
    assert "code_f1" not in values
    assert set(structure.info.field_names) >= {"structure_f1", "heading_f1", "table_teds"}
    assert metrics.info("structure").headline == "structure_f1"


WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=5) | st.sampled_from(
    ["*star*", "_under_", "1.", "#tag", "a|b", "<b>", "&amp;", "[x](y)", "`tick`", "图书馆", "-"]
)


@st.composite
def text(draw, max_words: int = 6) -> str:
    words = draw(st.lists(WORD, min_size=1, max_size=max_words))
    words.append(draw(st.text(alphabet="abcdefgh", min_size=1, max_size=5)))  # a word at least
    return " ".join(words)


@st.composite
def block(draw) -> Block:
    kind = draw(st.sampled_from(TYPES))
    if kind == "heading":
        return Block(kind, draw(text()), level=draw(st.integers(1, 6)))
    if kind == "table":
        width = draw(st.integers(1, 3))
        rows = draw(
            st.lists(st.lists(text(2), min_size=width, max_size=width), min_size=1, max_size=3)
        )
        cells = tuple(tuple(row) for row in rows)
        return Block(kind, " ".join(c for row in cells for c in row), rows=cells)
    if kind == "code":
        lines = draw(st.lists(text(4), min_size=1, max_size=3))
        indents = draw(
            st.lists(st.sampled_from(["", "    "]), min_size=len(lines), max_size=len(lines))
        )
        return Block(
            kind, "\n".join(i + line for i, line in zip(indents, lines, strict=True)).strip()
        )
    if kind == "list":
        return Block(kind, draw(text()), depth=1, ordered=draw(st.booleans()))
    return Block(kind, draw(text()))


@st.composite
def sequences(draw) -> list[Block]:
    out: list[Block] = []
    for item in draw(st.lists(block(), min_size=1, max_size=10)):
        if item.type == "list" and out and out[-1].type == "list":
            depth = draw(st.integers(1, out[-1].depth + 1))  # nest at most one level deeper
            item = Block("list", item.text, depth=depth, ordered=item.ordered)
        out.append(item)
    return out


@settings(max_examples=200, deadline=None)
@given(sequence=sequences())
def test_any_block_sequence_in_markdown_or_html_scores_one_against_itself(sequence) -> None:
    for fmt, render in (("markdown", to_markdown), ("html", to_html)):
        document = render(sequence)
        gold = Gold(text="", structure=document, structure_format=fmt)
        scores = structure.score_output(gold, document, fmt)
        for kind in {b.type for b in sequence}:
            assert scores[f"{kind}_f1"] == 1.0, (fmt, kind, document)
        assert scores["structure_f1"] == 1.0
        assert parse(document, fmt) == tuple(sequence), document


SMALL_WORD = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@st.composite
def small_block(draw) -> Block:
    words = draw(st.lists(SMALL_WORD, min_size=1, max_size=9))
    return Block(draw(st.sampled_from([P, L, H])), " ".join(words))


@settings(max_examples=300, deadline=None)
@given(
    gold=st.lists(small_block(), max_size=8),
    output=st.lists(small_block(), max_size=8),
)
def test_the_alignment_finds_every_candidate_pair_and_the_most_pairs(gold, output) -> None:
    """The prefix filter loses no pair of token F1 >= 0.8, and the alignment is as long as
    the longest common subsequence under the match rule (plain dynamic programming)."""
    from bench.structure.align import _candidates, token_bag, token_f1

    def match(a: Block, b: Block) -> bool:
        return a.type == b.type and token_f1(token_bag(a), token_bag(b)) >= 0.8 - 1e-12

    brute = sorted((i, j) for i, a in enumerate(gold) for j, b in enumerate(output) if match(a, b))
    assert sorted((p.gold, p.output) for p in _candidates(gold, output)) == brute
    longest = [[0] * (len(output) + 1) for _ in range(len(gold) + 1)]
    for i in range(len(gold) - 1, -1, -1):
        for j in range(len(output) - 1, -1, -1):
            best = max(longest[i + 1][j], longest[i][j + 1])
            if match(gold[i], output[j]):
                best = max(best, 1 + longest[i + 1][j + 1])
            longest[i][j] = best
    pairs = align(gold, output)
    assert len(pairs) == longest[0][0]
    assert all(a.gold < b.gold and a.output < b.output for a, b in itertools.pairwise(pairs))

"""The built-in corpus's structured gold: every article page has exact markdown gold whose
blocks are on the page with their type, level, cells and code, and whose text is the gold
text; the corpus has headings, nested lists, tables and code where they belong."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.metrics.structure import score_blocks
from bench.structure import parse
from bench.structure.blocks import tokens
from corpora import native
from corpora.builtin import iter_pages
from corpora.builtin.articles import load_articles


@pytest.fixture(scope="module")
def pages() -> list[native.PageToWrite]:
    return list(iter_pages(300))


def test_every_article_page_has_markdown_gold_and_listing_pages_none(pages) -> None:
    for page in pages:
        if page.record["template"] == "listing":
            assert "markdown" not in page.record, page.id
        else:
            assert isinstance(page.record["markdown"], str), page.id


def test_the_markdown_gold_has_the_gold_text(pages) -> None:
    for page in pages:
        if "markdown" in page.record:
            blocks = parse(page.record["markdown"], "markdown")
            text = "\n".join(b.text for b in blocks)
            assert tokens(text) == tokens(page.record["text"]), page.id


def test_every_gold_block_is_on_the_page_with_its_structure(pages) -> None:
    """The gold is exact: the page's own HTML, read by the same parser, holds every gold
    block with its type, heading level, table cells and code (the page adds boilerplate
    blocks, so only recall is 1)."""
    for page in pages:
        if "markdown" not in page.record:
            continue
        gold = parse(page.record["markdown"], "markdown")
        scores = score_blocks(gold, parse(page.html.decode("utf-8"), "html"))
        for key, value in scores.items():
            if key.endswith("_recall") or key in ("heading_level_accuracy", "code_exact"):
                assert value == 1.0, (page.id, key)
            if key in ("table_teds", "table_cell_recall"):
                assert value == 1.0, (page.id, key)


def test_forum_headings_are_bold_lines_so_their_gold_is_paragraphs(pages) -> None:
    forum = [p for p in pages if p.record["template"] == "forum"]
    assert forum
    for page in forum:
        assert not any(b.type == "heading" for b in parse(page.record["markdown"], "markdown"))
    others = [p for p in pages if p.record["template"] in ("docs", "news-cms", "amp")]
    assert any(b.type == "heading" for p in others for b in parse(p.record["markdown"], "markdown"))


def test_the_corpus_has_structure_where_it_belongs(pages) -> None:
    by_template: dict[str, Counter[str]] = {}
    for page in pages:
        if "markdown" in page.record:
            counts = Counter(b.type for b in parse(page.record["markdown"], "markdown"))
            by_template.setdefault(page.record["template"], Counter()).update(counts)
    assert by_template["docs"]["code"] >= 8  # docs pages show commands and config files
    assert by_template["docs"]["table"] >= 8 and by_template["product"]["table"] >= 10
    assert by_template["blog"]["table"] >= 1
    kinds = {a.id: a for a in load_articles()}
    code_blogs = [
        a for a in kinds.values() if a.kind == "blog" and any(b.kind == "code" for b in a.blocks)
    ]
    assert code_blogs
    nested = [a for a in kinds.values() if any(b.depths for b in a.blocks)]
    assert {a.kind for a in nested} >= {"docs", "blog"}

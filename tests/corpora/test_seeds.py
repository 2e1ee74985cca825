"""The user's seed page: kept verbatim, reproduced by our HTML, and the first built-in page."""

from __future__ import annotations

import re

import html_text

from corpora.registry import open_corpus, seeds_dir

SHARED_SEEDS = seeds_dir().resolve().parent.parent / "shared" / "seeds"

SEED_ID = "000_ffe9e71a67f59030"
TITLE = "Russia’s New Dawn in Mali: Africa Corps Takes Over from Wagner, Diplomats Confirm"


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def test_seed_is_kept_verbatim() -> None:
    ours = (seeds_dir() / f"{SEED_ID}.txt").read_bytes()
    shared = SHARED_SEEDS / f"{SEED_ID}.txt"
    if shared.exists():
        assert ours == shared.read_bytes()
    assert ours.startswith(TITLE.encode())


def test_our_html_reproduces_the_scraped_text() -> None:
    html = (seeds_dir() / f"{SEED_ID}.html").read_text(encoding="utf-8")
    scraped = (seeds_dir() / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert words(html_text.extract_text(html)) == words(scraped)
    assert f"<title>{TITLE} | World | london-news-net.preview-domain.com</title>" in html
    assert html.count(TITLE) >= 3  # <title>, <h1>, the lead repeat (+ og:title)


def test_seed_is_the_first_builtin_page_with_gold_and_noise() -> None:
    page = open_corpus().pages[0]
    assert page.id == SEED_ID
    assert page.gold is not None and page.gold.title == TITLE
    assert TITLE not in page.gold.text  # the title does not belong to the body
    assert page.gold.text.startswith("The Russian paramilitary organization Wagner")
    assert page.gold.text.rstrip().endswith("in Washington.")
    types = {span.type for span in page.gold.noise}
    assert {
        "title-tag",
        "title-h1",
        "title-lead",
        "preview-domain",
        "related-posts",
        "cookie-consent",
    } <= types
    html = page.read_bytes().decode("utf-8")
    for span in page.gold.noise:
        assert span.start is not None and span.end is not None
        block = html[span.start : span.end]
        assert words(span.text)[:3] == words(html_text.extract_text(block))[:3] or (
            span.text in block
        )

"""Site chrome: heavy boilerplate, identical on every page of a site, that makes different short
articles raw near-duplicates while their gold texts stay apart (what `boilerbench dedup`
measures as false merges)."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from pathlib import Path

import html_text
import pytest

from bench.dedup.normalize import shingles, tokenize
from corpora import native
from corpora.builtin import NOISE_TYPES, load_chrome, load_sites, write_corpus
from corpora.corpus import Corpus
from corpora.page import Page

# Blocks that only the chrome writes, so they must be the same on every page of a site.
CHROME_ONLY = ("sitemap-footer", "legal-notice", "cookie-consent")
NEAR = 0.8  # the default threshold of `boilerbench dedup`
CHROME = load_chrome()
SITES = load_sites()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    return native.load(write_corpus(tmp_path_factory.mktemp("chrome") / "corpus"))


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def _by_site(corpus: Corpus) -> dict[str, list[Page]]:
    sites: dict[str, list[Page]] = defaultdict(list)
    for page in corpus.pages[1:]:
        sites[page.label("site") or ""].append(page)
    return sites


def test_chrome_sites_and_labels_are_known() -> None:
    assert set(CHROME) <= {site.key for site in SITES}
    templates = {site.template for site in SITES if site.key in CHROME}
    assert templates == {"news-cms", "blog", "forum", "product"}
    for chrome in CHROME.values():
        assert {box.type for box in chrome.boxes} <= set(NOISE_TYPES)
        assert len(chrome.partners) == 214


def test_chrome_is_heavy_and_the_same_on_every_page_of_its_site(corpus: Corpus) -> None:
    for site, pages in _by_site(corpus).items():
        blocks = [
            {(s.type, s.text) for s in page.gold.noise if s.type in CHROME_ONLY}
            for page in pages
            if page.gold is not None
        ]
        if site not in CHROME:
            assert not any(ty in ("sitemap-footer", "legal-notice") for b in blocks for ty, _ in b)
            continue
        assert all(b == blocks[0] for b in blocks), site
        assert {ty for ty, _ in blocks[0]} == set(CHROME_ONLY), site
        # Everything labelled that is identical on all the site's pages: hundreds of words.
        common = set.intersection(
            *({(s.type, s.text) for s in page.gold.noise} for page in pages if page.gold)
        )
        assert sum(len(tokenize(text)) for _, text in common) >= 1000, site


def test_short_articles_are_raw_near_duplicates_but_not_in_gold(corpus: Corpus) -> None:
    """Different articles of one site: raw visible text reaches Jaccard 0.8 on sites with chrome
    (short pages, which are mostly chrome), never on the others; their gold texts never do."""
    near: dict[str, int] = defaultdict(int)
    for site, pages in _by_site(corpus).items():
        raw = [set(shingles(html_text.extract_text(p.read_bytes().decode()), 5)) for p in pages]
        gold = [set(shingles(p.gold.text if p.gold else "", 5)) for p in pages]
        for i, j in combinations(range(len(pages)), 2):
            if pages[i].label("dup_group") == pages[j].label("dup_group"):
                continue
            if _jaccard(raw[i], raw[j]) >= NEAR:
                assert site in CHROME, (pages[i].id, pages[j].id)
                assert _jaccard(gold[i], gold[j]) < 0.1, (pages[i].id, pages[j].id)
                near[site] += 1
    # News briefs, forum questions and product pages all show it.
    assert {"newsline", "rheintal", "crankset", "harrowgate"} <= set(near)
    assert sum(near.values()) >= 200


def test_long_articles_stay_apart_even_with_chrome(corpus: Corpus) -> None:
    pages = [
        p
        for p in _by_site(corpus)["newsline"]
        if p.gold is not None and len(tokenize(p.gold.text)) >= 400
    ]
    raw = {p.id: set(shingles(html_text.extract_text(p.read_bytes().decode()), 5)) for p in pages}
    for a, b in combinations(pages, 2):
        if a.label("dup_group") != b.label("dup_group"):
            assert _jaccard(raw[a.id], raw[b.id]) < 0.7, (a.id, b.id)


def test_only_sites_with_chrome_carry_its_markup(tmp_path: Path) -> None:
    out = native.load(write_corpus(tmp_path / "small", pages=40))
    for page in out.pages[1:]:
        html = page.read_bytes().decode()
        has = "footer-sitemap" in html or 'id="cookie-consent"' in html or "mega-menu" in html
        assert has == (page.label("site") in CHROME), page.id

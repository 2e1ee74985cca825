"""Build the generated corpus: the seed page first, then articles rendered on sites, with a
section front page (template ``listing``) every :data:`LISTING_EVERY` pages.

Page ``i`` depends only on ``(seed, i)`` and the inputs (articles, sites, templates), never on
the number of pages asked for, so a build of N pages is a prefix of any larger build. All
randomness comes from ``random.Random`` instances seeded with strings such as
``"builtin:0:page:17"`` (string seeds are hashed with SHA-512, not with ``hash()``).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from corpora import native
from corpora.builtin.articles import Article, load_articles, root_of
from corpora.builtin.chrome import POPULAR_SIZE
from corpora.builtin.context import (
    PageContext,
    Teaser,
    filler_teaser,
    lead_of,
    slugify,
    url_for,
)
from corpora.builtin.gold import gold_markdown, gold_text, paragraphs_markdown
from corpora.builtin.markup import Span
from corpora.builtin.sites import Site
from corpora.builtin.tables import load_chrome, load_phrases, load_sites
from corpora.builtin.templates import GENERAL, TEMPLATES
from corpora.builtin.templates.listing import entries as listing_entries
from corpora.page import CorpusError
from corpora.seeds import seeds_dir

NAME = "builtin"
DEFAULT_PAGES = 300
DEFAULT_SEED = 0
LISTING_EVERY = 15
# Forum, docs and product sites publish few articles; their pages repeat more often so
# each template is well represented.
SPECIALISED_WEIGHT = 3


@dataclass(frozen=True, slots=True)
class Slot:
    """One article published on one site."""

    article: Article
    site: Site


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything page generation needs, computed once from the articles and sites."""

    articles: tuple[Article, ...]
    groups: dict[str, str]
    slots: tuple[Slot, ...]
    teasers: dict[str, tuple[tuple[str, Teaser], ...]]
    front_sites: tuple[Site, ...]
    gold: dict[str, str]
    # the article's gold as markdown: with heading markup, and without (forum pages)
    markdown: dict[tuple[str, bool], str]


def hosts_for(article: Article, sites: tuple[Site, ...]) -> list[Site]:
    """Sites in the article's language whose template publishes its kind; failing that, every
    general-purpose site in that language (a how-to on a news site, say)."""
    same = [s for s in sites if s.language == article.language]
    hosts = [s for s in same if article.kind in TEMPLATES[s.template].kinds]
    if not hosts:
        hosts = [s for s in same if s.template in GENERAL]
    if not hosts:
        raise CorpusError(f"{article.path}: no site publishes language {article.language!r}")
    return hosts


def make_plan(
    articles: tuple[Article, ...] | None = None, sites: tuple[Site, ...] | None = None
) -> Plan:
    articles = load_articles() if articles is None else articles
    sites = load_sites() if sites is None else sites
    by_id = {a.id: a for a in articles}
    groups = {a.id: root_of(a, by_id) for a in articles}
    slots: list[Slot] = []
    hosted: dict[str, list[Article]] = {s.key: [] for s in sites}
    for article in articles:
        for site in hosts_for(article, sites):
            weight = 1 if site.template in GENERAL else SPECIALISED_WEIGHT
            slots.extend([Slot(article, site)] * weight)
            hosted[site.key].append(article)
    teasers: dict[str, tuple[tuple[str, Teaser], ...]] = {}
    for site in sites:
        items = [
            (
                groups[a.id],
                Teaser(
                    a.title,
                    url_for(site, site.template, a),
                    lead_of(a),
                    a.section,
                    a.author,
                    a.date,
                ),
            )
            for a in hosted[site.key]
            if a.revision_of is None
        ]
        items += [(f"filler:{title}", filler_teaser(site, title)) for title in site.extra_titles]
        teasers[site.key] = tuple(items)
    front = tuple(s for s in sites if s.front_page)
    gold = {a.id: gold_text(a) for a in articles}
    markdown = {(a.id, h): gold_markdown(a, headings=h) for a in articles for h in (True, False)}
    return Plan(articles, groups, tuple(slots), teasers, front, gold, markdown)


def _context(
    plan: Plan,
    site: Site,
    rng: random.Random,
    number: int,
    article: Article | None,
    url: str,
    title: str,
    section: str,
    popular: tuple[Teaser, ...],
) -> PageContext:
    group = plan.groups[article.id] if article is not None else None
    others = tuple(t for g, t in plan.teasers[site.key] if g != group)
    return PageContext(
        site=site,
        p=load_phrases()[site.language],
        rng=rng,
        url=url,
        title=title,
        section=section,
        article=article,
        teasers=others,
        number=number,
        chrome=load_chrome().get(site.key),
        popular=popular,
    )


def _record(
    ctx: PageContext,
    spans: tuple[Span, ...],
    text: str,
    template: str,
    group: str,
    kind: str,
    markdown: str | None = None,
) -> dict[str, object]:
    """The page's ``gold.jsonl`` record (``native.write`` adds ``id`` and ``html``)."""
    labels = {"site": ctx.site.key, "source": NAME, "kind": kind}
    if ctx.article is not None:
        labels["article"] = ctx.article.id
    structure = {"markdown": markdown} if markdown is not None else {}
    return {
        "text": text,
        **structure,
        "title": ctx.title,
        "url": ctx.url,
        "language": ctx.lang,
        "template": template,
        "dup_group": group,
        "charset": "utf-8",
        "noise": [span.as_record() for span in spans],
        "labels": labels,
    }


class Generator:
    """Random access to the pages of one build: ``page(i)`` for any ``i >= 1``."""

    def __init__(self, seed: int = DEFAULT_SEED, plan: Plan | None = None) -> None:
        self.seed = seed
        self.plan = plan or make_plan()
        if not self.plan.slots:
            raise CorpusError("the built-in corpus has no articles to publish")
        self._cycle: tuple[int, list[Slot]] = (-1, [])
        self._popular: dict[str, tuple[Teaser, ...]] = {}

    def popular(self, site: Site) -> tuple[Teaser, ...]:
        """The site's "most read today" ranking: the same on every page of the build (a crawl
        of one day), drawn once per site from ``"builtin:<seed>:site:<key>"``."""
        if site.key not in load_chrome():
            return ()
        if site.key not in self._popular:
            items = [teaser for _, teaser in self.plan.teasers[site.key]]
            random.Random(f"builtin:{self.seed}:site:{site.key}").shuffle(items)
            self._popular[site.key] = tuple(items[:POPULAR_SIZE])
        return self._popular[site.key]

    def _slot(self, index: int) -> Slot:
        slots = self.plan.slots
        cycle, position = divmod(index, len(slots))
        if self._cycle[0] != cycle:
            order = list(slots)
            random.Random(f"builtin:{self.seed}:cycle:{cycle}").shuffle(order)
            self._cycle = (cycle, order)
        return self._cycle[1][position]

    def page(self, i: int) -> native.PageToWrite:
        """Page ``i`` of the build: a listing page every ``LISTING_EVERY``, else an article."""
        if i < 1:
            raise ValueError("page 0 is the seed page")
        rng = random.Random(f"builtin:{self.seed}:page:{i}")
        if i % LISTING_EVERY == 0 and self.plan.front_sites:
            front = self.plan.front_sites
            return self._listing(i, front[(i // LISTING_EVERY - 1) % len(front)], rng)
        return self._article(i, self._slot(i - 1 - (i - 1) // LISTING_EVERY), rng)

    def _article(self, i: int, slot: Slot, rng: random.Random) -> native.PageToWrite:
        article, site = slot.article, slot.site
        template = TEMPLATES[site.template]
        url = url_for(site, site.template, article)
        popular = self.popular(site)
        ctx = _context(
            self.plan, site, rng, i, article, url, article.title, article.section, popular
        )
        html, spans = template.render(ctx).result()
        page_id = f"b{i:05d}-{article.id}-{site.key}"
        group = self.plan.groups[article.id]
        text = self.plan.gold[article.id]
        # a forum's headings are bold lines: in its structured gold they are paragraphs
        markdown = self.plan.markdown[article.id, site.template != "forum"]
        record = _record(ctx, spans, text, template.name, group, article.kind, markdown)
        return native.PageToWrite(page_id, html.encode("utf-8"), record)

    def _listing(self, i: int, site: Site, rng: random.Random) -> native.PageToWrite:
        section = site.sections[rng.randrange(len(site.sections))]
        url = f"https://{site.host}/{slugify(section)}/"
        ctx = _context(self.plan, site, rng, i, None, url, section, site.name, self.popular(site))
        html, spans = TEMPLATES["listing"].render(ctx).result()
        page_id = f"b{i:05d}-{site.language}-index-{site.key}"
        record = _record(ctx, spans, "", "listing", listing_group(site, ctx.teasers), "listing")
        return native.PageToWrite(page_id, html.encode("utf-8"), record)


def listing_group(site: Site, teasers: tuple[Teaser, ...]) -> str:
    """The duplicate group of a listing page: its site and a digest of the entries it lists,
    so listing pages that show the same entries are duplicates whatever their section title."""
    urls = "\n".join(t.url for t in listing_entries(teasers))
    return f"listing-{site.key}-{hashlib.sha256(urls.encode()).hexdigest()[:10]}"


def seed_page() -> native.PageToWrite:
    """The user's seed page, byte for byte, with its ``gold.jsonl`` record as stored (the gold
    text inlined instead of ``text_file``) and its structured gold: its body is paragraphs."""
    folder = seeds_dir()
    page = native.load(folder).pages[0]
    if page.gold is None:
        raise CorpusError(f"seed page {page.id!r} has no gold")
    with (folder / native.GOLD).open(encoding="utf-8") as lines:
        raw = json.loads(next(line for line in lines if line.strip()))
    record = {k: v for k, v in raw.items() if k not in ("id", "html", "text_file")}
    record["text"] = page.gold.text
    record.setdefault("markdown", paragraphs_markdown(page.gold.text))  # its body is paragraphs
    return native.PageToWrite(page.id, page.read_bytes(), record)


def iter_pages(
    pages: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED, plan: Plan | None = None
) -> Iterator[native.PageToWrite]:
    """The corpus's pages in order, one at a time: the seed page, then generated pages."""
    if pages < 1:
        raise CorpusError(f"a built-in corpus needs at least 1 page, not {pages}")
    yield seed_page()
    generator = Generator(seed, plan)
    for i in range(1, pages):
        yield generator.page(i)


def build(pages: int = DEFAULT_PAGES, seed: int = DEFAULT_SEED) -> list[native.PageToWrite]:
    """All pages of a build in memory (use :func:`write_corpus` for large builds)."""
    return list(iter_pages(pages, seed))


def write_corpus(
    out: Path,
    pages: int = DEFAULT_PAGES,
    seed: int = DEFAULT_SEED,
    on_page: Callable[[int], None] | None = None,
) -> Path:
    """Generate and write a native corpus to ``out`` (which must not hold files yet);
    ``on_page(done)`` is called after each page."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CorpusError(f"{out} already exists and is not an empty folder")
    plan = make_plan()

    def counted() -> Iterator[native.PageToWrite]:
        for done, page in enumerate(iter_pages(pages, seed, plan), 1):
            yield page
            if on_page is not None:
                on_page(done)

    description = (
        f"boilerbench's generated corpus: {pages} pages (seed {seed}) from "
        f"{len(plan.articles)} articles on {len(load_sites())} sites; see docs/builtin-corpus.md"
    )
    return native.write(out, NAME, counted(), description=description)

"""What a template needs to render one page: the site, the article, phrases, teasers, a RNG."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from urllib.parse import quote

from corpora.builtin.articles import Article
from corpora.builtin.chrome import Chrome
from corpora.builtin.phrases import Phrases
from corpora.builtin.sites import Site

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[。！？])")
_SLUG_DROP = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class Teaser:
    """Another page of the same site, as related lists, tickers and index pages show it."""

    title: str
    url: str
    lead: str
    section: str
    author: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PageContext:
    """One page to render. ``article`` is None on index (listing) pages; ``chrome`` is the
    site's constant boilerplate (None on most sites) and ``popular`` its "most read today"."""

    site: Site
    p: Phrases
    rng: random.Random
    url: str
    title: str
    section: str
    article: Article | None
    teasers: tuple[Teaser, ...]
    number: int
    chrome: Chrome | None = None
    popular: tuple[Teaser, ...] = ()

    @property
    def lang(self) -> str:
        return self.site.language

    def html_open(self, extra: str = "") -> str:
        """The doctype and ``<html>`` tag with the language (and ``dir="rtl"`` for Arabic)."""
        direction = ' dir="rtl"' if self.lang == "ar" else ""
        return f'<!DOCTYPE html>\n<html lang="{self.lang}"{direction}{extra}>\n'

    def pick(self, options: tuple[str, ...]) -> str:
        return options[self.rng.randrange(len(options))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def has_widget(self, probability: float) -> bool:
        """Whether a site-wide widget (search, newsletter, cookie dialog) is on the page: always
        on a site with chrome, whose layout is fixed, else with ``probability``."""
        return self.chrome is not None or self.chance(probability)

    def some_teasers(self, low: int, high: int) -> tuple[Teaser, ...]:
        """Between ``low`` and ``high`` of the site's other pages (fewer when it has fewer)."""
        count = min(len(self.teasers), self.rng.randint(low, high))
        return tuple(self.rng.sample(self.teasers, count))


def slugify(text: str) -> str:
    """A URL path segment: lower-case words joined by '-', non-ASCII percent-encoded as
    WordPress does."""
    slug = _SLUG_DROP.sub("-", text.lower()).strip("-")
    return quote(slug or "page")


def lead_of(article: Article, limit: int = 160) -> str:
    """The first sentence of the first paragraph, cut at ``limit`` characters."""
    first = next((b.text for b in article.blocks if b.kind == "paragraph"), article.title)
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:、，") + "…"


def url_for(site: Site, template: str, article: Article) -> str:
    """Where the article lives on the site; each template has its own URL scheme."""
    host = f"https://{site.host}"
    date = article.date
    if template == "news-cms":
        return f"{host}/{slugify(article.section)}/{article.slug}/"
    if template == "amp":
        return f"{host}/amp/{date:%Y/%m}/{article.slug}.html"
    if template == "spa":
        return f"{host}/news/{article.slug}-{date:%Y%m%d}"
    if template == "blog":
        return f"{host}/{date:%Y/%m/%d}/{article.slug}/"
    if template == "forum":
        return f"{host}/threads/{article.slug}.{date:%y%m%d}/"
    if template == "docs":
        return f"{host}/docs/{article.slug}"
    if template == "product":
        return f"{host}/products/{article.slug}"
    raise ValueError(f"no URL scheme for template {template!r}")


def filler_teaser(site: Site, title: str) -> Teaser:
    """A teaser for one of the site's pages outside the corpus (title only)."""
    return Teaser(title=title, url=f"https://{site.host}/{slugify(title)}/", lead="", section="")

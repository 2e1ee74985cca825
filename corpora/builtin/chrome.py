"""Site chrome: the heavy boilerplate that is identical on every page of a site, as on a real
site crawled in one day — a mega menu, a "most read today" box and other sidebar boxes, a
sitemap footer, the legal small print and a consent dialog with its preference centre.

Only some sites have chrome (``tables.load_chrome()``); there, short pages are mostly chrome,
so their raw text is a near-duplicate of any other short page of the site while their article
text is not (docs/builtin-corpus.md, "Site chrome"). The wording is data:
``data/chrome/<site>.toml``, ``data/consent/<language>.toml`` and ``data/partners.toml``,
loaded by ``tables.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["POPULAR_SIZE", "Box", "Chrome", "Consent"]

# Titles in the "most read today" box.
POPULAR_SIZE = 10

Links = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class Consent:
    """A consent-management dialog in one language, with its preference centre (purposes and
    what they mean) and partner list, all in the HTML as real consent tools ship them."""

    title: str
    text: tuple[str, ...]
    purposes: tuple[tuple[str, str], ...]
    partners_title: str
    buttons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Box:
    """A sidebar box: a heading and entries, each a link and an optional line of text, labelled
    with ``type`` (``read-more`` for story teasers, ``newsletter``, ``ads`` for promotions…)."""

    type: str
    heading: str
    entries: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Chrome:
    """One site's constant boilerplate: ``menu`` maps sections to subsections, ``boxes`` are
    sidebar boxes, ``columns`` map footer headings to their links, ``legal`` holds the
    small-print paragraphs and ``popular`` is the heading of the most-read box."""

    menu: Links
    boxes: tuple[Box, ...]
    columns: Links
    legal: tuple[str, ...]
    popular: str
    consent: Consent
    partners: tuple[str, ...]

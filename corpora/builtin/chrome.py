"""Site chrome: the heavy boilerplate that is identical on every page of a site, as on a real
site crawled in one day — a mega menu, a "most read today" box and other sidebar boxes, a
sitemap footer, the legal small print and a consent dialog with its preference centre.

Only some sites have chrome (:data:`CHROME`); there, short pages are mostly chrome, so their
raw text is a near-duplicate of any other short page of the site while their article text is
not (docs/builtin-corpus.md, "Site chrome"). The wording is in ``chrome_a.py`` (English) and
``chrome_b.py`` (German, Chinese).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from corpora.builtin.chrome_a import CONSENT_EN, PARTNERS, SITES_EN
from corpora.builtin.chrome_b import CONSENT_DE, CONSENT_ZH, SITES_DE, SITES_ZH

__all__ = ["CHROME", "POPULAR_SIZE", "Box", "Chrome", "Consent"]

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
    partners: tuple[str, ...] = PARTNERS


def _chrome(site: dict[str, Any], consent: dict[str, Any]) -> Chrome:
    return Chrome(
        menu=tuple((name, tuple(subs)) for name, subs in site["menu"]),
        boxes=tuple(
            Box(kind, heading, tuple((title, text) for title, text in entries))
            for kind, heading, entries in site["boxes"]
        ),
        columns=tuple((name, tuple(links)) for name, links in site["columns"]),
        legal=tuple(site["legal"]),
        popular=site["popular"],
        consent=Consent(
            **{k: v for k, v in consent.items() if k != "purposes"},
            purposes=tuple((name, text) for name, text in consent["purposes"]),
        ),
    )


CHROME: dict[str, Chrome] = {
    key: _chrome(site, consent)
    for sites, consent in (
        (SITES_EN, CONSENT_EN),
        (SITES_DE, CONSENT_DE),
        (SITES_ZH, CONSENT_ZH),
    )
    for key, site in sites.items()
}

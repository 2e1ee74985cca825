"""The blocks of a site's chrome (chrome.py), byte for byte the same on every page of the site.

Each helper writes nothing on a site without chrome, so templates call them unconditionally.
"""

from __future__ import annotations

from corpora.builtin.context import PageContext, slugify
from corpora.builtin.markup import Html, esc


def mega_menu(h: Html, ctx: PageContext, before: str = "\n") -> None:
    """Every section and subsection of the site (``navigation``), after ``before``."""
    chrome = ctx.chrome
    if chrome is None:
        return
    groups = "".join(
        f'<li class="mega-menu__section"><a href="/{slugify(name)}/">{esc(name)}</a>'
        '<ul class="mega-menu__sub">'
        + "".join(
            f'<li><a href="/{slugify(name)}/{slugify(sub)}/">{esc(sub)}</a></li>' for sub in subs
        )
        + "</ul></li>"
        for name, subs in chrome.menu
    )
    h.w(before)
    h.noise(
        "navigation",
        f'<nav class="mega-menu" aria-label="{esc(ctx.p.menu)}">'
        f'<ul class="mega-menu__list">{groups}</ul></nav>',
    )


def sidebar(h: Html, ctx: PageContext, sep: str = "\n") -> None:
    """The day's most-read pages of the site (``related-posts``), then the site's sidebar boxes,
    with ``sep`` between blocks: the same on every page of the site."""
    chrome = ctx.chrome
    if chrome is None:
        return
    if ctx.popular:
        items = "".join(f'<li><a href="{esc(t.url)}">{esc(t.title)}</a></li>' for t in ctx.popular)
        h.noise(
            "related-posts",
            '<section class="most-popular" id="most-popular-today">'
            f'<h3 class="most-popular__title">{esc(chrome.popular)}</h3><ol>{items}</ol></section>',
        )
    for number, box in enumerate(chrome.boxes, 1):
        entries = "".join(
            f'<li><a href="/{slugify(box.heading)}/{slugify(title)}/">{esc(title)}</a>'
            + (f' <span class="teaser-text">{esc(text)}</span>' if text else "")
            + "</li>"
            for title, text in box.entries
        )
        if number > 1 or ctx.popular:
            h.w(sep)
        h.noise(
            box.type,
            f'<section class="widget site-box site-box-{number}"><h3 class="widget-title">'
            f"{esc(box.heading)}</h3><ul>{entries}</ul></section>",
        )


def sitemap_footer(h: Html, ctx: PageContext) -> None:
    """Columns of footer links: editions, services, company pages, topics (``sitemap-footer``)."""
    chrome = ctx.chrome
    if chrome is None:
        return
    columns = "".join(
        f'<section class="footer-sitemap__col"><h4>{esc(heading)}</h4><ul>'
        + "".join(
            f'<li><a href="/{slugify(heading)}/{slugify(link)}/">{esc(link)}</a></li>'
            for link in links
        )
        + "</ul></section>"
        for heading, links in chrome.columns
    )
    h.noise("sitemap-footer", f'<div class="footer-sitemap">{columns}</div>')


def legal_notice(h: Html, ctx: PageContext) -> None:
    """The legal small print: publisher, regulation, rights, disclosures (``legal-notice``)."""
    chrome = ctx.chrome
    if chrome is None:
        return
    paragraphs = "".join(f"<p>{esc(text)}</p>" for text in chrome.legal)
    h.noise("legal-notice", f'<div class="footer-legal">{paragraphs}</div>')


def consent_dialog(h: Html, ctx: PageContext) -> None:
    """A consent dialog with its preference centre and partner list (``cookie-consent``)."""
    chrome = ctx.chrome
    if chrome is None:
        return
    c = chrome.consent
    text = "".join(f"<p>{esc(paragraph)}</p>" for paragraph in c.text)
    purposes = "".join(
        f'<div class="cmp-purpose"><h4><label><input type="checkbox" checked> {esc(name)}'
        f'</label></h4><p class="cmp-purpose__text">{esc(description)}</p></div>'
        for name, description in c.purposes
    )
    partners = ", ".join(esc(name) for name in chrome.partners)
    buttons = " ".join(f'<button class="cmp-button">{esc(label)}</button>' for label in c.buttons)
    h.noise(
        "cookie-consent",
        '<div id="cookie-consent" class="cmp-consent cmp-popup" role="dialog" aria-modal="true">'
        f'<h2 class="cmp-title">{esc(c.title)}</h2>{text}'
        f'<div class="cmp-buttons">{buttons}</div>'
        f'<div class="cmp-preferences">{purposes}'
        f'<h3 class="cmp-partners-title">{esc(c.partners_title)}</h3>'
        f'<p class="cmp-partners">{partners}</p></div></div>',
    )

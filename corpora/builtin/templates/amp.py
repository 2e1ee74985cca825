"""A minimal AMP article: ``amp-img``, ``amp-ad``, ``amp-consent``, a sidebar menu and a pull
quote written as a ``<blockquote>``."""

from __future__ import annotations

from collections.abc import Callable

from corpora.builtin import noise
from corpora.builtin.body import insert_points, render_blocks
from corpora.builtin.context import PageContext, slugify
from corpora.builtin.markup import Html, esc

NAME = "amp"
KINDS = ("news", "feature", "opinion", "blog")

_BOILERPLATE = (
    "body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;"
    "animation:-amp-start 8s steps(1,end) 0s 1 normal both}"
    "@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}"
)


def _amp_ad(h: Html, ctx: PageContext) -> None:
    h.noise(
        "ads",
        f'<div class="amp-ad-wrapper"><span class="amp-ad-label">{esc(ctx.p.advertisement)}</span>'
        f'<amp-ad width="300" height="250" type="doubleclick" '
        f'data-slot="/1234/{ctx.site.key}/article"></amp-ad></div>',
    )


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    p = ctx.p
    bolt = " ⚡" if ctx.chance(0.5) else " amp"
    direction = ' dir="rtl"' if ctx.lang == "ar" else ""
    h.w(
        f'<!doctype html>\n<html{bolt} lang="{ctx.lang}"{direction}>\n<head>\n'
        '  <meta charset="utf-8">\n'
        '  <script async src="https://cdn.ampproject.org/v0.js"></script>\n'
        '  <script async custom-element="amp-ad" '
        'src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>\n'
        '  <script async custom-element="amp-consent" '
        'src="https://cdn.ampproject.org/v0/amp-consent-0.1.js"></script>\n'
    )
    noise.title_tag(h, ctx)
    h.w(
        f'  <link rel="canonical" href="{esc(ctx.url.replace("/amp/", "/"))}">\n'
        '  <meta name="viewport" content="width=device-width">\n'
        f"  <style amp-boilerplate>{_BOILERPLATE}</style>"
        "<noscript><style amp-boilerplate>body{-webkit-animation:none;animation:none}</style>"
        "</noscript>\n"
        "  <style amp-custom>.amp-header{display:flex}.amp-title{font-size:1.6rem}</style>\n"
        "</head>\n<body>\n  "
    )
    h.open("cookie-consent")
    h.w(
        '<amp-consent id="consent" layout="nodisplay"><div id="consent-ui" class="consent-bar">'
        f"<p>{esc(ctx.pick(p.cookie_messages))}</p>"
        f'<button on="tap:consent.accept">{esc(p.cookie_accept)}</button> '
        f'<button on="tap:consent.reject">{esc(p.cookie_reject)}</button></div></amp-consent>'
    )
    h.close()
    h.w('\n  <header class="amp-header">')
    h.noise(
        "navigation",
        f'<button class="hamburger" on="tap:sidebar.toggle">{esc(p.menu)}</button>',
    )
    h.w(" ")
    noise.site_name(h, ctx, "amp-logo")
    h.w('</header>\n  <amp-sidebar id="sidebar" layout="nodisplay" side="left">')
    items = "".join(
        f'<li><a href="/amp/{slugify(s)}/">{esc(s)}</a></li>' for s in ctx.site.sections
    )
    h.noise("navigation", f"<nav><ul>{items}</ul></nav>")
    h.w('</amp-sidebar>\n  <article class="amp-article">\n    <header>')
    h.noise("title-h1", f'<h1 class="amp-title">{esc(ctx.title)}</h1>')
    noise.byline(h, ctx, "amp-byline")
    h.w("</header>\n    ")
    h.w(
        f'<amp-img src="/media/{article.date:%Y/%m}/{article.slug}-hero.jpg" width="1200" '
        'height="675" layout="responsive" alt=""></amp-img>\n    <div class="amp-article-body">'
    )
    inserts: dict[int, list[Callable[[], None]]] = {}
    for index in insert_points(ctx.rng.randint(1, 2), article.blocks, ctx.rng.randrange):
        inserts[index] = [lambda: _amp_ad(h, ctx)]
    render_blocks(h, article, article.blocks, "amp", indent="\n      ", inserts=inserts)
    h.w("\n    </div>\n    ")
    h.noise(
        "share-buttons",
        f'<div class="amp-share"><h4>{esc(p.share_title)}</h4>'
        '<amp-social-share type="facebook" width="40" height="40"></amp-social-share>'
        '<amp-social-share type="whatsapp" width="40" height="40"></amp-social-share>'
        '<amp-social-share type="email" width="40" height="40"></amp-social-share></div>',
    )
    h.w("\n  </article>\n  ")
    related = ctx.some_teasers(2, 4)
    if related:
        noise.related_posts(h, ctx, related, "amp-related")
        h.w("\n  ")
    h.w('<footer class="amp-footer">')
    h.noise(
        "navigation",
        f'<a href="{esc(ctx.url.replace("/amp/", "/"))}">{esc(ctx.site.name)} · '
        f'{esc(p.home)}</a> <a href="#top">{esc(p.back_to_top)}</a>',
    )
    h.w(" ")
    h.noise(
        "copyright",
        f"<p>{esc(p.copyright.format(year=article.date.year, site=ctx.site.name))}</p>",
    )
    h.w("</footer>\n</body>\n</html>\n")
    return h

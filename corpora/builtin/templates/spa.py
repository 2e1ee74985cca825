"""A script-heavy news app: hashed CSS-module class names, the body in JSON-LD ``articleBody``
and a state blob, and only part of it server-rendered; the rest is in ``<noscript>``.

Gold is the article text a reader sees with JavaScript off: the server-rendered blocks plus
those in ``<noscript>`` (in some pages all of them). The script copies are invisible, so
they are neither gold nor noise.
"""

from __future__ import annotations

from corpora.builtin import noise
from corpora.builtin.body import render_blocks
from corpora.builtin.context import PageContext
from corpora.builtin.gold import gold_text
from corpora.builtin.markup import Html, esc

NAME = "spa"
KINDS = ("news", "feature", "opinion")


def _head_scripts(h: Html, ctx: PageContext) -> None:
    article = ctx.article
    assert article is not None
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": ctx.title,
        "articleSection": ctx.section,
        "datePublished": article.date.isoformat(),
        "author": {"@type": "Person", "name": article.author},
        "publisher": {"@type": "Organization", "name": ctx.site.name},
        "articleBody": gold_text(article),
    }
    h.w('  <script type="application/ld+json">', noise.json_script(ld), "</script>\n")
    h.w(
        '  <link rel="preload" as="script" href="/_next/static/chunks/main-9f1c2ab3.js">\n'
        '  <script src="/_next/static/chunks/webpack-41d3.js" defer></script>\n'
        '  <script src="/_next/static/chunks/pages/article-77e0.js" defer></script>\n'
    )


def _state(ctx: PageContext) -> str:
    article = ctx.article
    assert article is not None
    state = {
        "props": {
            "pageProps": {
                "article": {
                    "id": ctx.number,
                    "slug": article.slug,
                    "title": ctx.title,
                    "blocks": [
                        {"type": b.kind, "text": b.text, "items": list(b.items)}
                        for b in article.blocks
                        if b.kind != "table"
                    ],
                },
                "related": [t.title for t in ctx.teasers[:3]],
            }
        },
        "page": "/news/[slug]",
        "buildId": f"b{ctx.number % 97:02d}x",
    }
    return noise.json_script(state)


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    p = ctx.p
    h.w(ctx.html_open(), "<head>\n", '  <meta charset="utf-8">\n')
    noise.title_tag(h, ctx)
    h.w(
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '  <style data-emotion="css">.css-1x2y3z{display:flex}.css-9k8j7h{margin:0 auto}</style>\n',
    )
    _head_scripts(h, ctx)
    noise.analytics(h, ctx)
    h.w('</head>\n<body>\n  <div id="__next">\n    <div class="Layout_root__k2PqZ">\n      ')
    h.w('<header class="Header_header__3hXy1">')
    noise.site_name(h, ctx, "Header_logo__Zq81b")
    h.w(" ")
    noise.navigation(h, ctx, "Header_nav__Vb7Tt")
    h.w("</header>\n      ")
    if ctx.chance(0.5):
        noise.ad(h, ctx, "top")
        h.w("\n      ")
    h.w(
        '<main class="Layout_main__Pp2Wd">\n        <div class="Article_wrapper__mN4sQ">'
        "\n          "
    )
    h.noise("title-h1", f'<h1 class="Article_headline__x7LkE">{esc(ctx.title)}</h1>')
    h.w("\n          ")
    noise.byline(h, ctx, "Byline_root__c3Rt0")
    h.w("\n          ")
    blocks = article.blocks
    # Server-rendered: the first few blocks, or none at all (the shell only).
    shown = 0 if ctx.chance(0.3) else min(len(blocks) - 1, ctx.rng.randint(2, 4))
    h.w('<div class="Article_body__9fTqW" data-hydrate="article-body">')
    render_blocks(h, article, blocks[:shown], "modules", indent="\n            ")
    h.w("\n          </div>\n          ")
    h.noise(
        "js-notice",
        f'<div class="Spinner_root__2bWfe" role="status"><span>{esc(p.js_loading)}</span></div>',
    )
    h.w('\n          <noscript><div class="Article_fallback__b1Ke0">')
    render_blocks(h, article, blocks[shown:], "modules", indent="\n            ")
    h.w("\n            ")
    h.noise("js-notice", f'<p class="noscript-warning">{esc(p.js_notice)}</p>')
    h.w("\n          </div></noscript>\n          ")
    noise.share_buttons(h, ctx, "ShareBar_root__Tt5Ae")
    h.w("\n        </div>\n        ")
    related = ctx.some_teasers(2, 4)
    if related:
        noise.related_posts(h, ctx, related, "Related_root__Hh3Ke")
        h.w("\n        ")
    if ctx.chance(0.5):
        noise.newsletter(h, ctx)
        h.w("\n        ")
    h.w('<div id="comments-root" data-lazy="comments"></div>\n      </main>\n      ')
    noise.footer(h, ctx, "Footer_root__Lk9Wd")
    h.w("\n    </div>\n  </div>\n  ")
    if ctx.chance(0.9):
        noise.cookie_consent(h, ctx, "onetrust")
        h.w("\n  ")
    h.w(
        '<script id="__NEXT_DATA__" type="application/json">',
        _state(ctx),
        "</script>\n</body>\n</html>\n",
    )
    return h

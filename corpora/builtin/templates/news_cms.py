"""A WordPress news theme like the seed's site: title three times, inline ads and teasers,
related posts, comments, and a sidebar wrapped in a misleading ``class="content"``."""

from __future__ import annotations

from collections.abc import Callable

from corpora.builtin import noise, sitewide
from corpora.builtin.body import insert_points, render_blocks
from corpora.builtin.context import PageContext
from corpora.builtin.markup import Html, esc

NAME = "news-cms"
KINDS = ("news", "feature", "opinion")


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    post_id = 40000 + ctx.number
    h.w(
        ctx.html_open(),
        "<head>\n",
        '  <meta charset="utf-8">\n',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n',
    )
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx)
    h.w(
        '  <link rel="stylesheet" href="/wp-content/themes/newsline/style.css?ver=4.2.1">\n',
        '  <script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1"></script>\n',
    )
    noise.analytics(h, ctx)
    h.w(
        "</head>\n",
        f'<body class="post-template-default single single-post postid-{post_id} '
        'single-format-standard">\n  ',
    )
    noise.skip_link(h, ctx)
    h.w('\n  <div id="page" class="site">\n    <header id="masthead" class="site-header">\n    ')
    if ctx.has_widget(0.5):
        h.noise(
            "navigation",
            f'<div class="top-bar"><a href="/subscribe/">{esc(ctx.p.subscribe)}</a> '
            f'<a href="/login/">{esc(ctx.p.log_in)}</a></div>',
        )
        h.w("\n    ")
    noise.site_name(h, ctx)
    h.w("\n    ")
    if ctx.chance(0.4):
        noise.ad(h, ctx, "leaderboard")
        h.w("\n    ")
    noise.navigation(h, ctx)
    sitewide.mega_menu(h, ctx, "\n    ")
    h.w("\n    </header>\n")
    if ctx.chance(0.4) and ctx.teasers:
        items = "".join(
            f'<li><a href="{esc(t.url)}">{esc(t.title)}</a></li>' for t in ctx.some_teasers(2, 4)
        )
        h.w("    ")
        h.noise(
            "read-more",
            f'<div class="breaking-news-ticker"><span class="ticker-label">'
            f"{esc(ctx.p.latest)}</span><ul>{items}</ul></div>",
        )
        h.w("\n")
    h.w(
        '    <div class="site-inner">\n      <div id="content" class="site-content">\n'
        '        <div id="primary" class="content-area">\n'
        '          <main id="main" class="site-main">\n            '
    )
    if ctx.chance(0.6):
        noise.breadcrumbs(h, ctx)
        h.w("\n            ")
    h.w(
        f'<article id="post-{post_id}" class="post-{post_id} post type-post status-publish '
        f'category-{post_id % 7}">\n'
        '              <header class="entry-header">\n                '
    )
    h.noise("title-h1", f'<h1 class="entry-title">{esc(ctx.title)}</h1>')
    h.w("\n                ")
    noise.byline(h, ctx)
    h.w("\n              </header>\n")
    if ctx.chance(0.3):
        h.w("              ")
        noise.share_buttons(h, ctx, "share-buttons share-top")
        h.w("\n")
    h.w('              <div class="entry-content">\n                ')
    if ctx.chance(0.8):
        h.noise(
            "title-lead",
            f'<div class="td-post-featured-title"><span>{esc(ctx.title)}</span></div>',
        )
    inserts: dict[int, list[Callable[[], None]]] = {}
    blocks = article.blocks
    for index in insert_points(ctx.rng.randint(0, 2), blocks, ctx.rng.randrange):
        inserts.setdefault(index, []).append(lambda: noise.ad(h, ctx, "in-article"))
    if ctx.teasers and ctx.chance(0.6):
        teaser = ctx.teasers[ctx.rng.randrange(len(ctx.teasers))]
        for index in insert_points(1, blocks, ctx.rng.randrange):
            inserts.setdefault(index, []).append(lambda t=teaser: noise.also_read(h, ctx, t))
    render_blocks(h, article, blocks, "wp", inserts=inserts)
    h.w("\n              </div>\n")
    if ctx.chance(0.5):
        h.w('              <footer class="entry-footer">')
        noise.tags(h, ctx)
        h.w("</footer>\n")
    h.w("            </article>\n            ")
    noise.share_buttons(h, ctx)
    h.w("\n            ")
    if ctx.chance(0.5):
        noise.author_bio(h, ctx)
        h.w("\n            ")
    noise.related_posts(h, ctx, ctx.some_teasers(2, 4), "jetpack")
    if ctx.chance(0.7):
        h.w("\n            ")
        noise.comment_list(
            h, ctx, ctx.rng.randint(0, 5), "div", 'id="comments" class="comments-area"'
        )
    h.w(
        "\n          </main>\n        </div>\n"
        '        <div class="content sidebar-wrap">\n'
        '          <aside id="secondary" class="widget-area" role="complementary">\n            '
    )
    if ctx.has_widget(0.5):
        noise.search_form(h, ctx)
        h.w("\n            ")
    if ctx.chrome is not None:
        sitewide.sidebar(h, ctx, "\n            ")
    else:
        noise.most_read(h, ctx, ctx.some_teasers(3, 5))
    h.w("\n            ")
    if ctx.has_widget(0.6):
        noise.newsletter(h, ctx)
        h.w("\n            ")
    noise.ad(h, ctx, "sidebar")
    if ctx.chance(0.5):
        h.w("\n            ")
        noise.sponsored_links(h, ctx)
    h.w("\n          </aside>\n        </div>\n      </div>\n    </div>\n  ")
    noise.footer(h, ctx)
    h.w("\n  </div>\n  ")
    noise.cookie_consent(h, ctx)
    h.w(
        '\n  <script>window.cliSettings = {"accept": "Accept", "reject": "Reject"};</script>\n',
        "</body>\n</html>\n",
    )
    return h

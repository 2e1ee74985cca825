"""A personal WordPress blog: byline above the title, tags, post navigation, comments in a
misleading ``id="main"`` and a widget sidebar marked ``class="content"``."""

from __future__ import annotations

from collections.abc import Callable

from corpora.builtin import noise, sitewide
from corpora.builtin.body import insert_points, render_blocks
from corpora.builtin.context import PageContext
from corpora.builtin.markup import Html, esc

NAME = "blog"
KINDS = ("blog", "feature", "opinion")


def _post_navigation(h: Html, ctx: PageContext) -> None:
    pair = ctx.some_teasers(2, 2)
    if len(pair) < 2:
        return
    h.noise(
        "navigation",
        '<nav class="navigation post-navigation" aria-label="Posts"><div class="nav-links">'
        f'<div class="nav-previous"><a href="{esc(pair[0].url)}" rel="prev">← '
        f"{esc(pair[0].title)}</a></div>"
        f'<div class="nav-next"><a href="{esc(pair[1].url)}" rel="next">{esc(pair[1].title)} →'
        "</a></div></div></nav>",
    )


def _about_widget(h: Html, ctx: PageContext) -> None:
    article = ctx.article
    assert article is not None
    text = ctx.pick(ctx.p.bios).format(
        author=article.author, section=article.section, site=ctx.site.name
    )
    h.noise(
        "author-bio",
        f'<section class="widget widget_text"><h2 class="widget-title">{esc(ctx.p.bio_title)}'
        f'</h2><div class="textwidget"><p>{esc(text)}</p></div></section>',
    )


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    h.w(ctx.html_open(), "<head>\n", '  <meta charset="UTF-8">\n')
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx)
    h.w(
        "  <style>.screen-reader-text{position:absolute;left:-9999px}</style>\n",
        "</head>\n",
        '<body class="post-template-default single single-post has-sidebar">\n  ',
    )
    noise.skip_link(h, ctx)
    h.w(
        '\n  <div id="page" class="hfeed site">\n  <header id="masthead" class="site-header">\n    '
    )
    noise.site_name(h, ctx)
    h.w("\n    ")
    noise.navigation(h, ctx)
    sitewide.mega_menu(h, ctx, "\n    ")
    h.w(
        "\n  </header>\n"
        '  <div id="content" class="site-content"><div class="wrap">\n'
        '    <div id="primary" class="content-area"><main id="main-content" class="site-main">\n'
        '      <article class="post type-post status-publish format-standard hentry">\n'
        '        <header class="entry-header">\n          '
    )
    noise.byline(h, ctx, "entry-meta posted-on")
    h.w("\n          ")
    h.noise("title-h1", f'<h1 class="entry-title">{esc(ctx.title)}</h1>')
    h.w('\n        </header>\n        <div class="entry-content">')
    inserts: dict[int, list[Callable[[], None]]] = {}
    if ctx.chance(0.5):
        for index in insert_points(1, article.blocks, ctx.rng.randrange):
            inserts[index] = [lambda: noise.ad(h, ctx, "content")]
    render_blocks(h, article, article.blocks, "wp", indent="\n          ", inserts=inserts)
    h.w('\n        </div>\n        <footer class="entry-footer">')
    noise.tags(h, ctx)
    h.w("</footer>\n      </article>\n      ")
    if ctx.chance(0.8):
        noise.share_buttons(h, ctx, "sharedaddy sd-sharing-enabled")
        h.w("\n      ")
    if ctx.chance(0.4):
        noise.author_bio(h, ctx)
        h.w("\n      ")
    _post_navigation(h, ctx)
    h.w("\n      ")
    noise.comment_list(h, ctx, ctx.rng.randint(0, 6), "div", 'id="main" class="comments-area"')
    h.w(
        "\n    </main></div>\n"
        '    <aside id="secondary" class="widget-area content" role="complementary">\n      '
    )
    noise.search_form(h, ctx)
    h.w("\n      ")
    recent = ctx.some_teasers(3, 5)
    if recent:
        items = "".join(f'<li><a href="{esc(t.url)}">{esc(t.title)}</a></li>' for t in recent)
        h.noise(
            "related-posts",
            f'<section class="widget widget_recent_entries"><h2 class="widget-title">'
            f"{esc(ctx.pick(ctx.p.related_titles))}</h2><ul>{items}</ul></section>",
        )
        h.w("\n      ")
    _about_widget(h, ctx)
    h.w("\n      ")
    if ctx.chrome is not None:
        sitewide.sidebar(h, ctx, "\n      ")
        h.w("\n      ")
    if ctx.has_widget(0.6):
        noise.newsletter(h, ctx, "h2")
        h.w("\n      ")
    if ctx.chance(0.5):
        noise.ad(h, ctx, "sidebar")
        h.w("\n      ")
    months = ctx.p.months
    if ctx.chrome is not None:  # a fixed layout: every month of the last two years
        dates = [(year, m) for year in (2026, 2025) for m in range(12, 0, -1)]
    else:
        dates = [(article.date.year, m) for m in range(article.date.month, 0, -1)]
    archive = "".join(
        f'<li><a href="/{year}/{m:02d}/">{esc(months[m - 1])} {year}</a></li>' for year, m in dates
    )
    h.noise(
        "navigation",
        f'<section class="widget widget_archive"><ul>{archive}</ul></section>',
    )
    h.w("\n    </aside>\n  </div></div>\n  ")
    noise.footer(h, ctx)
    h.w("\n  </div>\n  ")
    if ctx.has_widget(0.85):
        noise.cookie_consent(h, ctx)
    h.w("\n</body>\n</html>\n")
    return h

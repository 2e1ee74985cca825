"""A section front page: a list of teasers and no main article, so its gold text is empty."""

from __future__ import annotations

from corpora.builtin import noise, sitewide
from corpora.builtin.context import PageContext, Teaser
from corpora.builtin.markup import Html, esc

NAME = "listing"
KINDS: tuple[str, ...] = ()
# Entries on the first page of a listing, newest first.
PAGE_SIZE = 10


def entries(teasers: tuple[Teaser, ...]) -> tuple[Teaser, ...]:
    """The first page of the site's archive: dated pages newest first (ties keep their order),
    then undated ones. Every listing page of a site shows the same entries."""
    dated = sorted(
        (t for t in teasers if t.date is not None),
        key=lambda t: -t.date.toordinal() if t.date is not None else 0,
    )
    return (*dated, *(t for t in teasers if t.date is None))[:PAGE_SIZE]


def _entry(h: Html, ctx: PageContext, teaser: Teaser, number: int) -> None:
    meta = ""
    if teaser.date is not None:
        meta = (
            f'<div class="entry-meta"><time datetime="{teaser.date.isoformat()}">'
            f"{esc(ctx.p.format_date(teaser.date))}</time>"
            + (f' · <span class="author">{esc(teaser.author)}</span>' if teaser.author else "")
            + "</div>"
        )
    lead = f'<div class="entry-summary"><p>{esc(teaser.lead)}</p></div>' if teaser.lead else ""
    more = (
        f'<a class="more-link" href="{esc(teaser.url)}">{esc(ctx.p.read_more)} »</a>'
        if ctx.chance(0.6)
        else ""
    )
    h.noise(
        "read-more",
        f'<article id="post-{number}" class="post type-post hentry">'
        f'<header class="entry-header"><h2 class="entry-title"><a href="{esc(teaser.url)}" '
        f'rel="bookmark">{esc(teaser.title)}</a></h2>{meta}</header>{lead}{more}</article>',
    )


def render(ctx: PageContext) -> Html:
    h = Html()
    p = ctx.p
    h.w(ctx.html_open(), "<head>\n", '  <meta charset="utf-8">\n')
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx, "website")
    h.w("</head>\n", '<body class="archive category hfeed">\n  ')
    noise.skip_link(h, ctx)
    h.w('\n  <header id="masthead" class="site-header">\n    ')
    noise.site_name(h, ctx)
    h.w("\n    ")
    noise.navigation(h, ctx)
    sitewide.mega_menu(h, ctx, "\n    ")
    h.w("\n  </header>\n  ")
    if ctx.chance(0.5):
        noise.ad(h, ctx, "leaderboard")
        h.w("\n  ")
    h.w(
        '<div id="content" class="site-content">\n'
        '    <main id="main" class="site-main" role="main">\n      <header class="page-header">'
    )
    h.noise("title-h1", f'<h1 class="page-title">{esc(ctx.title)}</h1>')
    h.w("</header>\n")
    ad_at = ctx.rng.randint(2, 4)
    for number, teaser in enumerate(entries(ctx.teasers)):
        if number == ad_at:
            h.w("      ")
            noise.ad(h, ctx, "feed")
            h.w("\n")
        h.w("      ")
        _entry(h, ctx, teaser, ctx.number * 100 + number)
        h.w("\n")
    # The first page of the archive; older entries are on the next pages.
    pages = " ".join(f'<a class="page-numbers" href="page/{n}/">{n}</a>' for n in (1, 2, 3))
    h.w("      ")
    h.noise(
        "navigation",
        f'<nav class="navigation pagination"><span class="screen-reader-text">'
        f'{esc(p.page_n.format(n=1))}</span><div class="nav-links">{pages} '
        f'<a class="next page-numbers" href="page/2/">{esc(p.listing_older)}</a>'
        "</div></nav>",
    )
    h.w('\n    </main>\n    <aside id="secondary" class="widget-area">\n      ')
    if ctx.chrome is not None:
        sitewide.sidebar(h, ctx, "\n      ")
    else:
        noise.most_read(h, ctx, ctx.some_teasers(3, 5))
    h.w("\n      ")
    if ctx.has_widget(0.6):
        noise.newsletter(h, ctx)
        h.w("\n      ")
    noise.sponsored_links(h, ctx)
    h.w("\n    </aside>\n  </div>\n  ")
    noise.footer(h, ctx)
    h.w("\n  ")
    noise.cookie_consent(h, ctx)
    h.w("\n</body>\n</html>\n")
    return h

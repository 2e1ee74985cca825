"""A documentation page (Docusaurus-like): sidebar, version switcher, a table of contents that
repeats the headings, feedback widget and previous/next links."""

from __future__ import annotations

from corpora.builtin import noise
from corpora.builtin.body import anchor, render_blocks
from corpora.builtin.context import PageContext, slugify
from corpora.builtin.markup import Html, esc

NAME = "docs"
KINDS = ("docs",)


def _sidebar(h: Html, ctx: PageContext) -> None:
    items = []
    for section in ctx.site.sections:
        pages = ""
        if section == ctx.section:
            pages = (
                '<ul class="menu__list">'
                f'<li class="menu__list-item"><a class="menu__link menu__link--active" '
                f'aria-current="page" href="{esc(ctx.url)}">{esc(ctx.title)}</a></li>'
                + "".join(
                    f'<li class="menu__list-item"><a class="menu__link" href="{esc(t.url)}">'
                    f"{esc(t.title)}</a></li>"
                    for t in ctx.some_teasers(1, 3)
                )
                + "</ul>"
            )
        items.append(
            f'<li class="menu__list-item"><a class="menu__link menu__link--sublist" '
            f'href="/docs/{slugify(section)}">{esc(section)}</a>{pages}</li>'
        )
    h.noise(
        "navigation",
        '<aside class="theme-doc-sidebar-container"><nav class="menu thin-scrollbar" '
        f'aria-label="Docs sidebar"><ul class="theme-doc-sidebar-menu menu__list">{"".join(items)}'
        "</ul></nav></aside>",
    )


def _toc(h: Html, ctx: PageContext) -> None:
    article = ctx.article
    assert article is not None
    headings = [b for b in article.blocks if b.kind in ("h2", "h3")]
    if not headings:
        return
    items = "".join(
        f'<li><a href="#{esc(anchor(b.text))}" class="table-of-contents__link">{esc(b.text)}</a>'
        "</li>"
        for b in headings
    )
    h.noise(
        "navigation",
        f'<div class="tableOfContents"><span class="toc-title">{esc(ctx.p.docs_on_page)}</span>'
        f'<ul class="table-of-contents">{items}</ul></div>',
    )


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    p = ctx.p
    h.w(ctx.html_open(' data-theme="light"'), "<head>\n", '  <meta charset="UTF-8">\n')
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx)
    h.w(
        '  <link rel="stylesheet" href="/assets/css/styles.4d2c1e7f.css">\n'
        '  <script src="/assets/js/runtime~main.8a1b.js" defer></script>\n'
        "</head>\n"
        '<body class="navigation-with-keyboard">\n<div id="__docusaurus">\n  '
    )
    noise.skip_link(h, ctx)
    h.w('\n  <nav class="navbar navbar--fixed-top"><div class="navbar__inner">\n    ')
    noise.site_name(h, ctx, "navbar__brand")
    h.w("\n    ")
    major = 3 + ctx.number % 2
    h.noise(
        "navigation",
        '<div class="navbar__items">'
        f'<a class="navbar__item" href="/docs/">{esc(p.home)}</a> '
        f'<div class="navbar__item dropdown"><a class="navbar__link" href="#">{esc(p.docs_version)}'
        f' {major}.2</a><ul class="dropdown__menu"><li><a href="/docs/{major}.2/">{major}.2'
        f'</a></li><li><a href="/docs/{major - 1}.x/">{major - 1}.x</a></li></ul></div> '
        f'<button class="DocSearch DocSearch-Button" aria-label="{esc(p.docs_search)}">'
        f'<span class="DocSearch-Button-Placeholder">{esc(p.docs_search)}</span></button></div>',
    )
    h.w('\n  </div></nav>\n  <div class="main-wrapper docs-wrapper">\n    ')
    _sidebar(h, ctx)
    h.w(
        '\n    <main class="docMainContainer"><div class="container padding-top--md">'
        '<div class="row">\n      <div class="col docItemCol">\n        '
    )
    noise.breadcrumbs(h, ctx, with_title=ctx.chance(0.5))
    h.w('\n        <article><div class="theme-doc-markdown markdown">\n          <header>')
    h.noise("title-h1", f"<h1>{esc(ctx.title)}</h1>")
    h.w("</header>")
    render_blocks(h, article, article.blocks, "docs", indent="\n          ")
    h.w("\n        </div></article>\n        ")
    if ctx.chance(0.7):
        h.noise(
            "feedback",
            f'<div class="docs-feedback"><span>{esc(p.docs_helpful)}</span> '
            f'<button class="feedback-yes">{esc(p.yes)}</button> '
            f'<button class="feedback-no">{esc(p.no)}</button></div>',
        )
        h.w("\n        ")
    updated = ctx.p.format_date(article.date)
    h.noise(
        "feedback",
        '<div class="theme-doc-footer docusaurus-mt-lg"><a class="theme-edit-this-page" '
        f'href="https://git.example/docs/edit/main/{article.slug}.md">{esc(p.docs_edit)}</a> '
        f'<span class="theme-last-updated">{esc(p.docs_updated.format(date=updated))}</span>'
        "</div>",
    )
    h.w("\n        ")
    pair = ctx.some_teasers(2, 2)
    if len(pair) == 2:
        h.noise(
            "navigation",
            '<nav class="pagination-nav" aria-label="Docs pages">'
            f'<a class="pagination-nav__link--prev" href="{esc(pair[0].url)}">'
            f'<div class="pagination-nav__sublabel">{esc(p.docs_prev)}</div>'
            f'<div class="pagination-nav__label">« {esc(pair[0].title)}</div></a>'
            f'<a class="pagination-nav__link--next" href="{esc(pair[1].url)}">'
            f'<div class="pagination-nav__sublabel">{esc(p.docs_next)}</div>'
            f'<div class="pagination-nav__label">{esc(pair[1].title)} »</div></a></nav>',
        )
    h.w('\n      </div>\n      <div class="col col--3">')
    _toc(h, ctx)
    h.w("</div>\n    </div></div></main>\n  </div>\n  ")
    noise.footer(h, ctx, "footer footer--dark")
    h.w("\n</div>\n")
    if ctx.chance(0.6):
        noise.cookie_consent(h, ctx, "simple")
        h.w("\n")
    h.w("</body>\n</html>\n")
    return h

"""Labelled boilerplate blocks shared by the templates, each in a few markup variants.

Every helper writes one block (or a few sibling blocks) and labels it with a noise type from
:data:`NOISE_TYPES`; the span's text is the block's visible text.
"""

from __future__ import annotations

import json

from corpora.builtin import sitewide
from corpora.builtin.context import PageContext, Teaser, slugify
from corpora.builtin.markup import Html, esc

NOISE_TYPES: dict[str, str] = {
    "title-tag": "the <title> element: 'Title | Section | domain'",
    "title-h1": "the page title as its main heading",
    "title-lead": "the title repeated above the body, inside the content container",
    "preview-domain": "a staging/preview host name shown on the page",
    "site-name": "the site's name or logo text and tagline",
    "cookie-consent": "a cookie or consent bar, in the page's language",
    "related-posts": "titles of other pages of the same site (related, most read, also viewed)",
    "navigation": "menus, skip links, search, pagination, table of contents, footer links",
    "breadcrumbs": "the breadcrumb trail (it often ends with the title)",
    "share-buttons": "share, like, quote and reply buttons",
    "newsletter": "a newsletter sign-up box",
    "comments": "reader comments, forum replies and product reviews",
    "ads": "advertisements, sponsored links and promotional banners",
    "author-bio": "an author box, forum user card or 'about me' widget",
    "copyright": "the copyright line",
    "read-more": "teasers of other pages: 'Also read' links, tickers, index-page entries",
    "pull-quote": "a sentence of the body repeated as a display quote",
    "byline": "author, date and reading time; a forum post's header",
    "tags": "category and tag links",
    "buy-box": "price, stock, rating and basket buttons of a product page",
    "feedback": "'Was this page helpful?' and 'Edit this page' on documentation",
    "js-notice": "loading spinners and 'enable JavaScript' notices",
    "signature": "a forum user's signature under the post",
    "sitemap-footer": "a mega footer: link columns for editions, services, company pages, topics",
    "legal-notice": "legal small print (publisher, rights, disclosures) and site rules",
}


def preview_or_domain(h: Html, ctx: PageContext) -> None:
    """The host name; labelled ``preview-domain`` when the site is served from one."""
    site = ctx.site
    if site.preview_domain:
        h.noise("preview-domain", esc(site.preview_domain))
    else:
        h.w(esc(site.domain))


def title_tag(h: Html, ctx: PageContext, indent: str = "  ") -> None:
    h.w(indent)
    h.open("title-tag")
    h.w("<title>", esc(ctx.title), " | ", esc(ctx.section), " | ")
    preview_or_domain(h, ctx)
    h.w("</title>")
    h.close()
    h.w("\n")


def head_meta(h: Html, ctx: PageContext, kind: str = "article") -> None:
    """Invisible head tags: canonical, Open Graph, and (sometimes) a JSON-LD description."""
    site = ctx.site
    h.w(
        f'  <link rel="canonical" href="{esc(ctx.url)}">\n',
        f'  <meta property="og:type" content="{kind}">\n',
        f'  <meta property="og:site_name" content="{esc(site.preview_domain or site.name)}">\n',
        f'  <meta property="og:title" content="{esc(ctx.title)}">\n',
        f'  <meta property="og:url" content="{esc(ctx.url)}">\n',
    )
    if ctx.article is not None and ctx.chance(0.5):
        data = {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": ctx.p.home},
                {"@type": "ListItem", "position": 2, "name": ctx.section},
            ],
        }
        h.w('  <script type="application/ld+json">', json_script(data), "</script>\n")


def json_script(data: object) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def analytics(h: Html, ctx: PageContext) -> None:
    tag = f"UA-{ctx.rng.randint(100000, 999999)}-{ctx.rng.randint(1, 9)}"
    h.w(
        "  <script>\n",
        "    window.dataLayer = window.dataLayer || [];\n",
        "    function gtag(){dataLayer.push(arguments);}\n",
        f"    gtag('js', new Date()); gtag('config', '{tag}', {{anonymize_ip: true}});\n",
        "  </script>\n",
    )


def site_name(h: Html, ctx: PageContext, style: str = "branding") -> None:
    """Logo text and tagline; a preview site sometimes shows its host name as its title."""
    site = ctx.site
    h.open("site-name")
    if style == "branding":
        h.w('<div class="site-branding">\n      <p class="site-title"><a href="/" rel="home">')
    else:
        h.w(f'<a class="{style}" href="/" rel="home">')
    if site.preview_domain and ctx.chance(0.4):
        h.noise("preview-domain", esc(site.preview_domain))
    else:
        h.w(esc(site.name))
    if style == "branding":
        h.w("</a></p>\n")
        if site.tagline:
            h.w(f'      <p class="site-description">{esc(site.tagline)}</p>\n')
        h.w("    </div>")
    else:
        h.w("</a>")
    h.close()


def menu_items(ctx: PageContext, with_home: bool = True) -> str:
    items = [f'<li class="menu-item"><a href="/">{esc(ctx.p.home)}</a></li>'] if with_home else []
    for section in ctx.site.sections:
        current = ' current-menu-item"' if section == ctx.section else '"'
        items.append(
            f'<li class="menu-item{current}><a href="/{slugify(section)}/">{esc(section)}</a></li>'
        )
    return "\n        ".join(items)


def navigation(h: Html, ctx: PageContext, cls: str = "main-navigation") -> None:
    h.noise(
        "navigation",
        f'<nav id="site-navigation" class="{cls}" aria-label="{esc(ctx.p.menu)}">\n'
        f'      <button class="menu-toggle" aria-expanded="false">{esc(ctx.p.menu)}</button>\n'
        f'      <ul id="primary-menu" class="menu">\n        {menu_items(ctx)}\n      </ul>\n'
        "    </nav>",
    )


def skip_link(h: Html, ctx: PageContext) -> None:
    h.noise(
        "navigation",
        f'<a class="skip-link screen-reader-text" href="#content">{esc(ctx.p.skip_link)}</a>',
    )


def search_form(h: Html, ctx: PageContext) -> None:
    h.noise(
        "navigation",
        f'<form role="search" method="get" class="search-form" action="/">'
        f'<input type="search" class="search-field" name="s" placeholder="{esc(ctx.p.search)} …">'
        f' <button type="submit" class="search-submit">{esc(ctx.p.search)}</button></form>',
    )


def breadcrumbs(h: Html, ctx: PageContext, with_title: bool = True) -> None:
    crumbs = [
        f'<li><a href="/">{esc(ctx.p.home)}</a></li>',
        f'<li><a href="/{slugify(ctx.section)}/">{esc(ctx.section)}</a></li>',
    ]
    if with_title:
        crumbs.append(f'<li aria-current="page">{esc(ctx.title)}</li>')
    h.noise(
        "breadcrumbs",
        '<nav class="breadcrumbs" aria-label="breadcrumb"><ol class="breadcrumb">'
        + " ".join(crumbs)
        + "</ol></nav>",
    )


def byline(h: Html, ctx: PageContext, cls: str = "entry-meta") -> None:
    article = ctx.article
    if article is None:
        return
    date = ctx.p.format_date(article.date)
    chars = sum(len(b.text) + sum(map(len, b.items)) for b in article.blocks)
    minutes = max(1, chars // (450 if ctx.lang in ("zh", "ja") else 1100))
    parts = [
        f'<span class="byline">{esc(ctx.p.by.format(author=article.author))}</span>',
        f'<time class="entry-date published" datetime="{article.date.isoformat()}">'
        f"{esc(date)}</time>",
    ]
    if ctx.chance(0.5):
        parts.append(f'<span class="reading-time">{esc(ctx.p.min_read.format(n=minutes))}</span>')
    h.noise("byline", f'<div class="{cls}">' + " · ".join(parts) + "</div>")


def share_buttons(h: Html, ctx: PageContext, cls: str = "share-buttons") -> None:
    buttons = " ".join(
        f'<a class="share-{slugify(name)}" href="#share" rel="nofollow noopener">'
        f'<span class="share-label">{esc(name)}</span></a>'
        for name in ctx.p.share_buttons
    )
    title = f'<h4 class="share-title">{esc(ctx.p.share_title)}</h4>' if ctx.chance(0.6) else ""
    h.noise(
        "share-buttons", f'<div class="{cls}">{title}<div class="share-row">{buttons}</div></div>'
    )


def newsletter(h: Html, ctx: PageContext, heading: str = "h3") -> None:
    p = ctx.p
    h.noise(
        "newsletter",
        f'<section class="newsletter-signup widget">\n'
        f'  <{heading} class="newsletter-title">{esc(p.newsletter_title)}</{heading}>\n'
        f"  <p>{esc(p.newsletter_text)}</p>\n"
        f'  <form class="newsletter-form" action="/newsletter" method="post">'
        f'<input type="email" name="email" placeholder="name@example.com" required> '
        f'<button type="submit">{esc(p.newsletter_button)}</button></form>\n'
        f'  <p class="newsletter-legal"><small>{esc(p.newsletter_note)}</small></p>\n'
        f"</section>",
    )


def related_posts(
    h: Html, ctx: PageContext, teasers: tuple[Teaser, ...], style: str = "jetpack"
) -> None:
    if not teasers:
        return
    heading = ctx.pick(ctx.p.related_titles)
    if style == "jetpack":
        items = "\n".join(
            f'            <li class="related-post"><a href="{esc(t.url)}">{esc(t.title)}</a></li>'
            for t in teasers
        )
        markup = (
            '<section class="jp-relatedposts" id="related-posts">\n'
            f'              <h3 class="jp-relatedposts-headline">{esc(heading)}</h3>\n'
            f"              <ul>\n{items}\n              </ul>\n            </section>"
        )
    else:
        items = "\n".join(
            f'    <div class="card"><a class="card-link" href="{esc(t.url)}">'
            f'<h4 class="card-title">{esc(t.title)}</h4></a></div>'
            for t in teasers
        )
        markup = (
            f'<div class="{style}">\n  <h2 class="{style}-heading">{esc(heading)}</h2>\n'
            f'  <div class="card-grid">\n{items}\n  </div>\n</div>'
        )
    h.noise("related-posts", markup)


def most_read(h: Html, ctx: PageContext, teasers: tuple[Teaser, ...]) -> None:
    if not teasers:
        return
    items = "".join(
        f'<li><span class="rank">{n}</span> <a href="{esc(t.url)}">{esc(t.title)}</a></li>'
        for n, t in enumerate(teasers, 1)
    )
    h.noise(
        "related-posts",
        f'<section class="widget widget-most-read"><h3 class="widget-title">'
        f"{esc(ctx.p.most_read)}</h3><ol>{items}</ol></section>",
    )


def also_read(h: Html, ctx: PageContext, teaser: Teaser) -> None:
    """An 'Also read:' link between body paragraphs."""
    if ctx.chance(0.5) or not teaser.lead:
        markup = (
            f'<p class="read-also"><strong>{esc(ctx.p.also_read)}:</strong> '
            f'<a href="{esc(teaser.url)}">{esc(teaser.title)}</a></p>'
        )
    else:
        markup = (
            f'<aside class="inline-teaser"><a href="{esc(teaser.url)}">'
            f'<span class="kicker">{esc(ctx.p.read_more)}</span>'
            f'<h4 class="teaser-title">{esc(teaser.title)}</h4>'
            f'<p class="teaser-lead">{esc(teaser.lead)}</p></a></aside>'
        )
    h.noise("read-more", markup)


def ad(h: Html, ctx: PageContext, slot: str = "inline") -> None:
    p = ctx.p
    copy = ctx.pick(p.ads)
    advertiser = f"https://ads.adnetwork.example/click?slot={slot}&c={ctx.rng.randint(1000, 9999)}"
    h.noise(
        "ads",
        f'<div class="ad-container ad-{slot}" data-ad-slot="{slot}">'
        f'<span class="ad-label">{esc(p.advertisement)}</span>'
        f'<div class="ad-creative"><a href="{esc(advertiser)}" rel="sponsored nofollow">'
        f"{esc(copy)}</a></div>"
        f'<ins class="adsbygoogle" style="display:block" data-ad-format="auto"></ins></div>',
    )


def sponsored_links(h: Html, ctx: PageContext) -> None:
    p = ctx.p
    links = list(p.sponsored_links)
    ctx.rng.shuffle(links)
    items = "".join(
        f'<li class="trc-item"><a href="https://sponsor.example/{n}" rel="sponsored">'
        f"{esc(title)}</a></li>"
        for n, title in enumerate(links[:3])
    )
    h.noise(
        "ads",
        f'<div class="trc_related_container"><div class="trc_header">'
        f'<span class="trc_label">{esc(p.sponsored)}</span></div>'
        f'<ul class="trc_list">{items}</ul></div>',
    )


def author_bio(h: Html, ctx: PageContext) -> None:
    article = ctx.article
    if article is None:
        return
    bio = ctx.pick(ctx.p.bios).format(
        author=article.author, section=article.section, site=ctx.site.name
    )
    h.noise(
        "author-bio",
        f'<div class="author-box"><img class="avatar" src="/avatars/{slugify(article.author)}.jpg"'
        f' alt="" width="80" height="80"><div class="author-info">'
        f'<h4 class="author-title">{esc(ctx.p.bio_title)}</h4>'
        f'<p class="author-description">{esc(bio)}</p></div></div>',
    )


def comment_list(
    h: Html, ctx: PageContext, count: int, tag: str = "div", attrs: str = 'class="comments-area"'
) -> None:
    """Reader comments with names, dates and reply links inside ``<tag attrs>``."""
    p = ctx.p
    texts = list(p.comments)
    ctx.rng.shuffle(texts)
    names = list(p.names)
    ctx.rng.shuffle(names)
    h.open("comments")
    h.w(f"<{tag} {attrs}>\n")
    if count:
        h.w(f'  <h2 class="comments-title">{esc(p.comments_title.format(n=count))}</h2>\n')
        h.w('  <ol class="comment-list">\n')
        for n in range(count):
            date = ""
            if ctx.article is not None:
                date = ctx.p.format_date(ctx.article.date)
            h.w(
                f'    <li id="comment-{ctx.number * 10 + n}" class="comment">'
                f'<article class="comment-body"><footer class="comment-meta">'
                f'<b class="fn">{esc(names[n % len(names)])}</b> '
                f'<time class="comment-date">{esc(date)}</time></footer>'
                f'<div class="comment-content"><p>{esc(texts[n % len(texts)])}</p></div>'
                f'<div class="reply"><a class="comment-reply-link" href="#respond">'
                f"{esc(p.reply)}</a></div></article></li>\n"
            )
        h.w("  </ol>\n")
    h.w(
        f'  <div id="respond" class="comment-respond"><h3 class="comment-reply-title">'
        f"{esc(p.leave_comment)}</h3>"
        f'<p class="must-log-in">{esc(p.login_to_comment)}</p></div>\n'
    )
    h.w(f"</{tag}>")
    h.close()


def cookie_consent(h: Html, ctx: PageContext, style: str | None = None) -> None:
    """A cookie bar in one of three styles; a site with chrome shows its consent dialog."""
    if ctx.chrome is not None:
        sitewide.consent_dialog(h, ctx)
        return
    p = ctx.p
    message = ctx.pick(p.cookie_messages)
    style = style or ctx.pick(("cli", "onetrust", "simple"))
    privacy = f"https://{ctx.site.host}/privacy-policy/"
    if style == "cli":
        markup = (
            '<div id="cookie-law-info-bar" class="cli-bar-container" role="dialog" '
            'aria-label="cookie consent">\n'
            f'    <span class="cli-bar-message">{esc(message)}</span>\n'
            f'    <a role="button" class="cli_action_button cli-accept-button" href="#">'
            f"{esc(p.cookie_accept)}</a>\n"
            f'    <a href="{privacy}" class="cli-plugin-main-link">{esc(p.cookie_more)}</a>\n'
            "  </div>"
        )
    elif style == "onetrust":
        markup = (
            '<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" '
            'role="region" aria-label="Cookie banner">'
            f'<div id="onetrust-policy"><p id="onetrust-policy-text">{esc(message)} '
            f'<a href="{privacy}">{esc(p.cookie_more)}</a></p></div>'
            '<div id="onetrust-button-group">'
            f'<button id="onetrust-pc-btn-handler">{esc(p.cookie_settings)}</button> '
            f'<button id="onetrust-reject-all-handler">{esc(p.cookie_reject)}</button> '
            f'<button id="onetrust-accept-btn-handler">{esc(p.cookie_accept)}</button>'
            "</div></div></div>"
        )
    else:
        markup = (
            f'<div class="cookie-notice" id="cookie-notice"><p>{esc(message)}</p>'
            f'<button class="cookie-accept">{esc(p.cookie_accept)}</button></div>'
        )
    h.noise("cookie-consent", markup)


def footer(h: Html, ctx: PageContext, cls: str = "site-footer") -> None:
    """Footer links (``navigation``) and the copyright line (``copyright``); on a site with
    chrome, also its sitemap columns and legal small print."""
    p = ctx.p
    year = ctx.article.date.year if ctx.article is not None else 2026
    links = " ".join(
        f'<li><a href="/{slugify(label)}/">{esc(label)}</a></li>' for label in p.footer_links
    )
    h.w(f'<footer id="colophon" class="{cls}">\n    ')
    if ctx.chrome is not None:
        sitewide.sitemap_footer(h, ctx)
        h.w("\n    ")
    h.noise(
        "navigation", f'<nav class="footer-navigation"><ul class="footer-menu">{links}</ul></nav>'
    )
    h.w("\n    ")
    h.open("copyright")
    h.w('<div class="site-info">')
    name = ctx.site.name
    if ctx.site.preview_domain and ctx.chance(0.5):
        head, _, tail = p.copyright.partition("{site}")
        h.w(esc(head.format(year=year)))
        h.noise("preview-domain", esc(ctx.site.preview_domain))
        h.w(esc(tail.format(year=year)))
    else:
        h.w(esc(p.copyright.format(year=year, site=name)))
    h.w("</div>")
    h.close()
    if ctx.chrome is not None:
        h.w("\n    ")
        sitewide.legal_notice(h, ctx)
    h.w("\n  </footer>")


def tags(h: Html, ctx: PageContext) -> None:
    names = [ctx.section, *ctx.rng.sample(ctx.site.sections, min(2, len(ctx.site.sections)))]
    unique = list(dict.fromkeys(names))
    links = ", ".join(
        f'<a href="/tag/{slugify(name)}/" rel="tag">{esc(name)}</a>' for name in unique
    )
    h.noise(
        "tags",
        f'<div class="tags-links"><span class="tags-title">{esc(ctx.p.tags)}</span> {links}</div>',
    )

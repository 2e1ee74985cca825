"""A forum thread (XenForo-like): the first post is the article; the replies, which look
just like it and sometimes quote it, are ``comments`` inside a misleading ``id="main"``."""

from __future__ import annotations

import datetime as dt

from corpora.builtin import noise, sitewide
from corpora.builtin.body import render_blocks
from corpora.builtin.context import PageContext, slugify
from corpora.builtin.markup import Html, esc

NAME = "forum"
KINDS = ("forum-post",)


def _user_card(ctx: PageContext, name: str, joined: dt.date, posts: int) -> str:
    p = ctx.p
    return (
        '<div class="message-cell message-cell--user"><section class="message-user">'
        f'<div class="message-avatar"><img src="/data/avatars/m/{slugify(name)}.jpg" alt="">'
        f'</div><h4 class="message-name"><a href="/members/{slugify(name)}/" class="username">'
        f"{esc(name)}</a></h4>"
        f'<h5 class="userTitle message-userTitle">{esc(p.forum_posts.format(n=posts))}</h5>'
        f'<dl class="pairs"><dd>{esc(p.forum_joined.format(date=p.format_date(joined)))}'
        "</dd></dl></section></div>"
    )


def _actions(ctx: PageContext) -> str:
    links = " ".join(
        f'<a href="#" class="actionBar-action">{esc(label)}</a>' for label in ctx.p.forum_actions
    )
    return f'<footer class="message-footer"><div class="actionBar">{links}</div></footer>'


def _replies(h: Html, ctx: PageContext, started: dt.date) -> None:
    article = ctx.article
    assert article is not None
    p = ctx.p
    replies = list(p.forum_replies)
    ctx.rng.shuffle(replies)
    names = [name for name in p.names if name != article.author]
    ctx.rng.shuffle(names)
    count = ctx.rng.randint(2, len(replies))
    # The first paragraph long enough to quote only part of (a greeting is not quoted).
    first = next(
        (b.text for b in article.blocks if b.kind == "paragraph" and b.text.count(" ") >= 7), ""
    )
    h.open("comments")
    h.w('<div id="main" class="block-body js-replyNewMessageContainer">\n')
    for n in range(count):
        name = names[n % len(names)]
        when = started + dt.timedelta(days=n // 2, hours=n)
        quote = ""
        if n == 0 and first and ctx.chance(0.5):
            words = first.split(" ")
            excerpt = " ".join(words[: max(4, len(words) // 2)])
            quote = (
                '<blockquote class="bbCodeBlock bbCodeBlock--quote"><div class="bbCodeBlock-title">'
                f"{esc(p.forum_wrote.format(name=article.author))}</div>"
                f'<div class="bbCodeBlock-content">{esc(excerpt)} …</div></blockquote>'
            )
        h.w(
            f'  <article class="message message--post" data-author="{esc(name)}" '
            f'id="post-{ctx.number * 100 + n + 2}">\n    ',
            _user_card(ctx, name, when - dt.timedelta(days=400 + 37 * n), 12 + 97 * n),
            '\n    <div class="message-cell message-cell--main">'
            f'<header class="message-attribution"><time>{esc(ctx.p.format_date(when))}</time>'
            f" #{n + 2}</header>"
            f'<div class="message-content"><div class="bbWrapper">{quote}{esc(replies[n])}</div>'
            "</div>",
            _actions(ctx),
            "</div>\n  </article>\n",
        )
    h.w(
        f'  <div class="quickReply"><h3>{esc(p.leave_comment)}</h3>'
        f"<p>{esc(p.login_to_comment)}</p></div>\n</div>"
    )
    h.close()


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    p = ctx.p
    h.w(ctx.html_open(' class="has-no-js"'), "<head>\n", '  <meta charset="utf-8">\n')
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx, "website")
    h.w(
        '  <link rel="stylesheet" href="/css.php?css=public%3Anormalize.css%2Cpublic%3Acore.less">'
        "\n"
        "</head>\n"
        '<body data-template="thread_view">\n<div class="p-pageWrapper" id="top">\n'
        '  <header class="p-header" id="header">\n    '
    )
    noise.site_name(h, ctx, "p-header-logo")
    h.w("\n    ")
    h.noise(
        "navigation",
        '<nav class="p-nav"><ul class="p-nav-list">'
        f'<li><a href="/">{esc(p.home)}</a></li>'
        + "".join(
            f'<li><a href="/forums/{slugify(s)}/">{esc(s)}</a></li>' for s in ctx.site.sections
        )
        + f'</ul><a href="/login/" class="p-navgroup-link">{esc(p.log_in)}</a> '
        f'<a href="/search/" class="p-navgroup-link">{esc(p.search)}</a></nav>',
    )
    sitewide.mega_menu(h, ctx, "\n    ")
    h.w('\n  </header>\n  <div class="p-body"><div class="p-body-inner">\n    ')
    noise.breadcrumbs(h, ctx, with_title=False)
    h.w('\n    <div class="p-body-header"><div class="p-title">')
    h.noise("title-h1", f'<h1 class="p-title-value">{esc(ctx.title)}</h1>')
    h.w("</div>")
    started = article.date
    h.noise(
        "byline",
        f'<div class="p-description">{esc(article.author)} · '
        f"<time>{esc(ctx.p.format_date(started))}</time></div>",
    )
    h.w("</div>\n    ")
    if ctx.chance(0.5):
        noise.ad(h, ctx, "thread-top")
        h.w("\n    ")
    h.w(
        '<div class="p-body-main"><div class="block block--messages">\n'
        '  <div class="block-container lbContainer">\n'
        f'  <article class="message message--post" data-author="{esc(article.author)}" '
        f'id="post-{ctx.number * 100 + 1}">\n    '
    )
    card = _user_card(ctx, article.author, started - dt.timedelta(days=900), 40 + ctx.number % 900)
    h.noise("author-bio", card)
    h.w('\n    <div class="message-cell message-cell--main">')
    h.noise(
        "byline",
        f'<header class="message-attribution"><time>{esc(ctx.p.format_date(started))}</time>'
        " #1</header>",
    )
    h.w('\n      <div class="message-content js-messageContent"><div class="bbWrapper">')
    render_blocks(h, article, article.blocks, "bb", indent="\n        ")
    h.w("\n      </div></div>\n      ")
    if ctx.chance(0.6):
        h.noise(
            "signature",
            f'<aside class="message-signature"><div class="bbWrapper">'
            f"{esc(ctx.pick(p.signatures))}</div></aside>",
        )
        h.w("\n      ")
    h.noise("share-buttons", _actions(ctx))
    h.w("\n    </div>\n  </article>\n  ")
    _replies(h, ctx, started)
    h.w("\n  </div>\n</div></div>\n    ")
    if ctx.teasers:
        items = "".join(
            f'<li class="block-row"><a href="{esc(t.url)}">{esc(t.title)}</a></li>'
            for t in ctx.some_teasers(2, 4)
        )
        h.noise(
            "related-posts",
            f'<div class="block similarThreads"><h3 class="block-header">'
            f"{esc(ctx.pick(p.related_titles))}</h3><ul>{items}</ul></div>",
        )
        h.w("\n    ")
    if ctx.chrome is not None:
        h.w('<aside class="p-body-sidebar">\n      ')
        sitewide.sidebar(h, ctx, "\n      ")
        h.w("\n    </aside>\n    ")
    h.noise(
        "navigation",
        f'<div class="pageNav"><a href="#top" class="pageNav-jump">{esc(p.back_to_top)}</a></div>',
    )
    h.w("\n  </div></div>\n  ")
    noise.footer(h, ctx, "p-footer")
    h.w("\n</div>\n")
    if ctx.has_widget(0.7):
        noise.cookie_consent(h, ctx, "simple")
        h.w("\n")
    h.w("</body>\n</html>\n")
    return h

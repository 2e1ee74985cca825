"""A shop's product page: buy box, tabs, the description (the gold), customer reviews and
'customers also viewed'."""

from __future__ import annotations

from corpora.builtin import noise, sitewide
from corpora.builtin.body import render_blocks
from corpora.builtin.context import PageContext, slugify
from corpora.builtin.markup import Html, esc

NAME = "product"
KINDS = ("product",)


def _price(ctx: PageContext) -> str:
    whole = ctx.rng.randint(19, 349)
    if ctx.lang in ("ja", "ru"):
        return ctx.p.currency.format(p=f"{whole * (150 if ctx.lang == 'ja' else 95):,}")
    sep = "." if ctx.lang == "en" or ctx.lang == "zh" else ","
    return ctx.p.currency.format(p=f"{whole}{sep}{ctx.pick(('00', '49', '95', '99'))}")


def _reviews(h: Html, ctx: PageContext, rating: str) -> None:
    p = ctx.p
    texts = list(p.reviews)
    ctx.rng.shuffle(texts)
    names = list(p.names)
    ctx.rng.shuffle(names)
    count = ctx.rng.randint(2, 5)
    date = ctx.p.format_date(ctx.article.date) if ctx.article is not None else ""
    items = "".join(
        f'<div class="review" itemprop="review"><div class="review-stars">'
        f"{esc(p.shop_stars.format(r=ctx.rng.randint(3, 5)))}</div>"
        f'<p class="review-author">{esc(names[n])} · {esc(date)}</p>'
        f'<p class="review-text">{esc(texts[n])}</p></div>'
        for n in range(count)
    )
    h.noise(
        "comments",
        f'<section id="reviews" class="product-reviews"><h2>{esc(p.shop_reviews)}</h2>'
        f'<div class="reviews-summary">{esc(p.shop_stars.format(r=rating))}</div>{items}</section>',
    )


def render(ctx: PageContext) -> Html:
    article = ctx.article
    assert article is not None
    h = Html()
    p = ctx.p
    h.w(ctx.html_open(), "<head>\n", '  <meta charset="utf-8">\n')
    noise.title_tag(h, ctx)
    noise.head_meta(h, ctx, "product")
    rating = f"{ctx.rng.randint(38, 49) / 10:.1f}"
    if ctx.lang in ("de", "fr", "es", "ru"):
        rating = rating.replace(".", ",")
    h.w(
        '  <script type="application/ld+json">',
        noise.json_script(
            {
                "@context": "https://schema.org",
                "@type": "Product",
                "name": ctx.title,
                "aggregateRating": {"@type": "AggregateRating", "ratingValue": rating},
            }
        ),
        "</script>\n</head>\n",
        '<body class="page-product catalog-product-view">\n  <header class="page-header">\n    ',
    )
    noise.site_name(h, ctx, "logo")
    h.w("\n    ")
    noise.search_form(h, ctx)
    h.w("\n    ")
    h.noise(
        "navigation",
        f'<ul class="header links"><li><a href="/customer/account/login/">{esc(p.log_in)}</a></li>'
        '<li><a href="/checkout/cart/" class="action showcart"><span class="counter-number">0'
        "</span></a></li></ul>",
    )
    h.w("\n    ")
    noise.navigation(h, ctx, "navigation category-menu")
    sitewide.mega_menu(h, ctx, "\n    ")
    h.w('\n  </header>\n  <main id="maincontent" class="page-main">\n    ')
    noise.breadcrumbs(h, ctx)
    h.w(
        '\n    <div class="product-info-main">\n'
        f'      <div class="product media"><img src="/media/catalog/{article.slug}-1.jpg" '
        'alt="" width="700" height="700"></div>\n      '
    )
    h.noise("title-h1", f'<h1 class="page-title"><span class="base">{esc(ctx.title)}</span></h1>')
    h.w("\n      ")
    h.noise(
        "buy-box",
        f'<div class="product-info-price"><div class="product-reviews-summary">'
        f"{esc(p.shop_stars.format(r=rating))}</div>"
        f'<span class="price">{esc(_price(ctx))}</span>'
        f'<div class="stock available">{esc(p.shop_stock)}</div>'
        f'<form class="product_addtocart_form"><button type="submit" class="action tocart primary">'
        f"{esc(p.shop_add)}</button></form>"
        f'<a href="#" class="action towishlist">{esc(p.shop_wishlist)}</a>'
        f'<p class="delivery-note">{esc(p.shop_delivery)}</p></div>',
    )
    h.w('\n    </div>\n    <div class="product info detailed">\n      ')
    tabs = "".join(
        f'<li class="data item title"><a class="data switch" href="#tab-{n}">{esc(label)}</a></li>'
        for n, label in enumerate(p.shop_tabs)
    )
    h.noise("navigation", f'<ul class="product data items tabs" role="tablist">{tabs}</ul>')
    h.w('\n      <div class="data item content" id="description">')
    render_blocks(h, article, article.blocks, "plain", indent="\n        ")
    h.w("\n      </div>\n    </div>\n    ")
    _reviews(h, ctx, rating)
    h.w("\n    ")
    also = ctx.some_teasers(2, 4)
    if also:
        items = "".join(
            f'<li class="product-item"><a class="product-item-link" href="{esc(t.url)}">'
            f'{esc(t.title)}</a> <span class="price">{esc(_price(ctx))}</span></li>'
            for t in also
        )
        h.noise(
            "related-posts",
            f'<div class="block related"><h2 class="block-title">{esc(p.shop_also)}</h2>'
            f'<ol class="products list">{items}</ol></div>',
        )
        h.w("\n    ")
    if ctx.chrome is not None:
        h.w('<aside class="sidebar sidebar-additional">\n      ')
        sitewide.sidebar(h, ctx, "\n      ")
        h.w("\n    </aside>\n    ")
    if ctx.has_widget(0.5):
        noise.newsletter(h, ctx, "h2")
        h.w("\n    ")
    h.w("</main>\n  ")
    noise.footer(h, ctx, "page-footer")
    h.w("\n  ")
    noise.cookie_consent(h, ctx, ctx.pick(("onetrust", "simple")))
    h.w(
        f'\n  <script>require(["jquery"], function ($) {{ $(".{slugify(ctx.site.name)}").trigger('
        '"contentUpdated"); });</script>\n</body>\n</html>\n'
    )
    return h

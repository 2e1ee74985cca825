"""Article blocks to HTML, in a few house styles; pull quotes are written as ``pull-quote`` noise.

``inserts`` maps a block index to callables that write noise (ads, teasers) before that block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from corpora.builtin.articles import Article, Block
from corpora.builtin.markup import Html, esc

STYLES = ("wp", "plain", "amp", "modules", "bb", "docs")
_ANCHOR_DROP = re.compile(r"[^\w]+")


def anchor(text: str) -> str:
    """An element id from heading text (kept Unicode, as static-site generators do)."""
    return _ANCHOR_DROP.sub("-", text.lower()).strip("-")[:60] or "section"


def _figure(block: Block, article: Article, style: str) -> str:
    src = f"/media/{article.date:%Y/%m}/{block.src}"
    caption = esc(block.text)
    if style == "wp":
        return (
            f'<figure class="wp-block-image size-large"><img src="/wp-content/uploads/'
            f'{article.date:%Y/%m}/{block.src}" alt="" loading="lazy" width="1024" height="683">'
            f'<figcaption class="wp-element-caption">{caption}</figcaption></figure>'
        )
    if style == "amp":
        return (
            f'<figure class="amp-figure"><amp-img src="{src}" width="1200" height="800" '
            f'layout="responsive" alt="{caption}"></amp-img><figcaption>{caption}</figcaption>'
            "</figure>"
        )
    if style == "modules":
        return (
            f'<figure class="Figure_root__Qm3x1"><div class="Figure_media__8Lr2c"><img src="{src}'
            f'?w=1280&amp;q=75" alt="{caption}" decoding="async"></div>'
            f'<figcaption class="Figure_caption__z7DkA">{caption}</figcaption></figure>'
        )
    if style == "bb":
        return (
            f'<div class="bbImageWrapper"><img src="{src}" class="bbImage" alt="">'
            f'<div class="bbImageCaption">{caption}</div></div>'
        )
    return (
        f'<figure class="figure"><img src="{src}" alt="{caption}" width="960" height="640">'
        f'<figcaption class="figure-caption">{caption}</figcaption></figure>'
    )


def _pull_quote(block: Block, style: str) -> str:
    text = esc(block.text)
    if style == "wp":
        return f'<figure class="wp-block-pullquote"><blockquote><p>{text}</p></blockquote></figure>'
    if style == "amp":
        return f'<blockquote class="amp-pullquote"><p>{text}</p></blockquote>'
    if style == "modules":
        return f'<div class="PullQuote_root__v1Xp0" aria-hidden="true"><span>{text}</span></div>'
    return f'<aside class="pull-quote"><p>{text}</p></aside>'


def _table(block: Block, style: str) -> str:
    head = "".join(f"<th>{esc(cell)}</th>" for cell in block.rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{esc(cell)}</td>" for cell in row) + "</tr>"
        for row in block.rows[1:]
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if style == "wp":
        return f'<figure class="wp-block-table">{table}</figure>'
    if style == "docs":
        return f'<div class="table-wrapper">{table}</div>'
    return table.replace("<table>", '<table class="table">', 1)


def _list(block: Block) -> str:
    """A list, sub-items in a list inside their parent item (``ul`` below any outer list)."""
    out = [f"<{block.kind}>"]
    depth = 0
    for index, item in enumerate(block.items):
        level = block.depth(index)
        if index:
            if level > depth:
                out.append("<ul>")
            else:
                out.append("</li>")
                while depth > level:
                    out.append("</ul></li>")
                    depth -= 1
        depth = level
        out.append(f"<li>{esc(item)}")
    out.append("</li>")
    out.extend("</ul></li>" for _ in range(depth))
    out.append(f"</{block.kind}>")
    return "".join(out)


def _code(block: Block, style: str) -> str:
    code = esc(block.text)
    language = block.language or "text"
    if style == "docs":  # Docusaurus: a container, the highlighted lines and a copy button
        lines = "".join(f'<span class="token-line">{line}\n</span>' for line in code.split("\n"))
        return (
            f'<div class="language-{language} codeBlockContainer"><div class="codeBlockContent">'
            f'<pre tabindex="0" class="prism-code language-{language} codeBlock"><code '
            f'class="codeBlockLines">{lines}</code></pre><button type="button" '
            'aria-label="Copy code to clipboard" class="copyButton"></button></div></div>'
        )
    if style == "wp":
        return f'<pre class="wp-block-code"><code lang="{language}">{code}</code></pre>'
    return f'<pre><code class="language-{language}">{code}</code></pre>'


def render_block(block: Block, article: Article, style: str) -> str:
    """One gold block's markup (pull quotes are handled by :func:`render_blocks`)."""
    kind = block.kind
    if kind == "paragraph":
        return f"<p>{esc(block.text)}</p>"
    if kind in ("h2", "h3"):
        if style == "docs":
            slug = anchor(block.text)
            return (
                f'<{kind} id="{esc(slug)}" class="anchor">{esc(block.text)}<a class="hash-link" '
                f'href="#{esc(slug)}" aria-label="Direct link">\u200b</a></{kind}>'
            )
        if style == "bb":
            return f'<b class="bbHeading">{esc(block.text)}</b><br>'
        return f"<{kind}>{esc(block.text)}</{kind}>"
    if kind in ("ul", "ol"):
        if block.depths:
            return _list(block)
        items = "".join(f"<li>{esc(item)}</li>" for item in block.items)
        return f"<{kind}>{items}</{kind}>"
    if kind == "code":
        return _code(block, style)
    if kind == "quote":
        lines = "".join(f"<p>{esc(line)}</p>" for line in block.items)
        if style == "bb":
            return f'<blockquote class="bbCodeBlock bbCodeBlock--quote">{lines}</blockquote>'
        return f'<blockquote class="wp-block-quote">{lines}</blockquote>'
    if kind == "table":
        return _table(block, style)
    if kind == "figure":
        return _figure(block, article, style)
    raise ValueError(f"cannot render block kind {kind!r}")


def render_blocks(
    h: Html,
    article: Article,
    blocks: Sequence[Block],
    style: str,
    indent: str = "\n                ",
    inserts: dict[int, list[Callable[[], None]]] | None = None,
) -> None:
    """Write blocks in order; pull quotes become ``pull-quote`` noise at their place."""
    for index, block in enumerate(blocks):
        for insert in (inserts or {}).get(index, ()):
            h.w(indent)
            insert()
        h.w(indent)
        if block.kind == "pullquote":
            h.noise("pull-quote", _pull_quote(block, style))
        else:
            h.w(render_block(block, article, style))


def insert_points(
    count: int, blocks: Sequence[Block], rng_choice: Callable[[int], int]
) -> list[int]:
    """Up to ``count`` distinct block indexes (not the first two, not the last) to insert noise
    before, chosen with ``rng_choice(n) -> 0..n-1``."""
    candidates = [i for i in range(2, len(blocks) - 1) if blocks[i].kind != "pullquote"]
    chosen: list[int] = []
    for _ in range(count):
        if not candidates:
            break
        chosen.append(candidates.pop(rng_choice(len(candidates))))
    return sorted(chosen)

"""HTML to blocks with lxml: ``h1``–``h6``, ``p``, ``ul``/``ol``/``li``, ``table``, ``pre``,
``blockquote``; text outside them (in ``div``, ``section``, a ``td``-less body) is a
paragraph at every block boundary, and two ``<br>`` in a row end a paragraph too.
``<head>``, scripts, styles, templates and embedded objects are not read."""

from __future__ import annotations

from typing import Any

from bench.structure.blocks import HEADING, PARAGRAPH, Block
from bench.structure.build import Builder

_SKIP = frozenset(
    (
        *("head", "title", "script", "style", "template", "meta", "link", "svg", "math"),
        *("iframe", "object", "embed", "canvas", "select", "option", "input", "button"),
        *("textarea", "noembed"),
    )
)
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
# Elements that end the running paragraph (containers and block-level elements).
_BLOCKS = frozenset(
    (
        *("address", "article", "aside", "body", "center", "dd", "details", "dialog", "dir"),
        *("div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header"),
        *("hgroup", "hr", "html", "legend", "main", "menu", "nav", "noscript", "p"),
        *("section", "summary", "caption"),
    )
)
_CELLS = ("td", "th")


def _text_content(element: Any) -> str:
    """All text below ``element``, skipped elements left out."""
    parts: list[str] = []

    def inside(node: Any) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag and tag.lower() not in _SKIP:
                inside(child)
            if child.tail:
                parts.append(child.tail)

    inside(element)
    return "".join(parts)


def _rows(table: Any) -> list[list[str]]:
    """The table's rows of cell texts (rows of nested tables belong to those tables)."""
    rows = []
    for tr in table.iter("tr"):
        owner = next((a for a in tr.iterancestors() if a.tag == "table"), None)
        if owner is not table:
            continue
        rows.append([" ".join(_text_content(cell).split()) for cell in tr if cell.tag in _CELLS])
    return rows


class _Walker:
    def __init__(self, builder: Builder) -> None:
        self.builder = builder
        self.inline: list[str] = []
        self.breaks = 0  # <br> seen since the last text

    def flush(self) -> None:
        text = "".join(self.inline)
        self.inline.clear()
        self.breaks = 0
        self.builder.text(PARAGRAPH, text)

    def add_text(self, text: str | None) -> None:
        if text:
            self.inline.append(text)
            if text.strip():
                self.breaks = 0

    def walk(self, element: Any) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in _SKIP:
            return
        b = self.builder
        if tag in _HEADINGS:
            self.flush()
            b.text(HEADING, _text_content(element), _HEADINGS[tag])
        elif tag == "pre":
            self.flush()
            b.code(_text_content(element))
        elif tag == "table":
            self.flush()
            b.table(_rows(element))
        elif tag == "br":
            self.breaks += 1
            if self.breaks >= 2:
                self.flush()
            else:
                self.inline.append("\n")
        elif tag in ("ul", "ol"):
            self.flush()
            b.open_list(tag == "ol")
            self.children(element)
            self.flush()
            b.close_list()
        elif tag == "li":
            self.flush()
            b.open_item()
            self.children(element)
            self.flush()
            b.close_item()
        elif tag == "blockquote":
            self.flush()
            b.open_quote()
            self.children(element)
            self.flush()
            b.close_quote()
        elif tag in _BLOCKS:
            self.flush()
            self.children(element)
            self.flush()
        else:  # inline: a, span, b, em, code, and unknown elements
            self.children(element)

    def children(self, element: Any) -> None:
        self.add_text(element.text)
        for child in element:
            self.walk(child)
            self.add_text(child.tail)


def _document(html: str) -> Any:
    import lxml.html
    from lxml import etree

    stripped = html.lstrip()
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        html = stripped[end + 2 :] if end != -1 else html
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def walk_html(html: str, builder: Builder) -> None:
    """Add the blocks of an HTML document or fragment to ``builder``."""
    root = _document(html)
    if root is None:
        return
    walker = _Walker(builder)
    walker.walk(root)
    walker.flush()


def parse_html(html: str) -> tuple[Block, ...]:
    """The blocks of an HTML document or fragment."""
    builder = Builder()
    walk_html(html, builder)
    return builder.finish()

"""Gold articles: a strict parser for ``articles/<id>.md`` (front matter + simple blocks).

Every error names the file and line, so a typo in one article never yields a silently wrong
page. The format is described in docs/builtin-corpus.md.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from corpora.page import CorpusError

ARTICLES_DIR = Path(__file__).resolve().parent / "articles"
LANGUAGES = ("en", "de", "fr", "es", "ru", "zh", "ja", "ar")
KINDS = ("news", "feature", "opinion", "blog", "forum-post", "docs", "product")
REQUIRED = ("id", "language", "title", "section", "kind", "author", "date")
OPTIONAL = ("revision_of",)

_ID = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-{1,2}[a-z0-9]+)*$")
_ORDERED = re.compile(r"^(\d+)\. (.*)$")
_FIGURE = re.compile(r"^!\[([^\[\]]+)\]\(([A-Za-z0-9._-]+\.(?:jpg|jpeg|png|webp|gif))\)$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_FENCE = "```"
_LANGUAGE = re.compile(r"^[a-z0-9+-]*$")
_NESTED = re.compile(r"^((?:  )+)- (.*)$")  # a sub-item: two spaces per level, then "- "


class ArticleError(CorpusError):
    """An article file breaks the format; the message starts with ``file:line:``."""


@dataclass(frozen=True, slots=True)
class Block:
    """One body block. ``kind`` is paragraph, h2, h3, ul, ol, quote, table, figure, code or
    pullquote.

    ``text`` holds a paragraph, heading, caption, pull quote or code (its lines as written);
    ``items`` the lines of a list or quote; ``depths`` each list item's nesting (0 for the
    outer list; empty when none is nested); ``rows`` a table's rows (the header first); ``src``
    a figure's file name; ``language`` a code block's language (may be empty).
    """

    kind: str
    line: int
    text: str = ""
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    src: str = ""
    depths: tuple[int, ...] = ()
    language: str = ""

    def depth(self, index: int) -> int:
        """The nesting of list item ``index`` (0: the outer list)."""
        return self.depths[index] if self.depths else 0


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: its front matter and its body blocks."""

    id: str
    language: str
    title: str
    section: str
    kind: str
    author: str
    date: dt.date
    blocks: tuple[Block, ...]
    revision_of: str | None = None
    path: str = ""

    @property
    def slug(self) -> str:
        """The URL slug: the id without its language prefix and revision suffix."""
        return self.id[3:].split("--")[0]


def _fail(path: Path | str, line: int, message: str) -> ArticleError:
    return ArticleError(f"{path}:{line}: {message}")


def _front_matter(path: Path | str, lines: list[str]) -> tuple[dict[str, str], dict[str, int], int]:
    if not lines or lines[0] != "---":
        raise _fail(path, 1, "expected '---' opening the front matter")
    meta: dict[str, str] = {}
    where: dict[str, int] = {}
    for number in range(2, len(lines) + 1):
        line = lines[number - 1]
        if line == "---":
            return meta, where, number
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key:
            raise _fail(path, number, f"expected 'key: value' in the front matter, got {line!r}")
        if key not in REQUIRED and key not in OPTIONAL:
            raise _fail(path, number, f"unknown front-matter key {key!r}")
        if key in meta:
            raise _fail(path, number, f"front-matter key {key!r} appears twice")
        if not value:
            raise _fail(path, number, f"front-matter key {key!r} is empty")
        meta[key] = value
        where[key] = number
    raise _fail(path, len(lines), "front matter is not closed by '---'")


def _cells(path: Path | str, number: int, line: str) -> tuple[str, ...]:
    if not (line.startswith("|") and line.endswith("|")) or len(line) < 2:
        raise _fail(path, number, "a table row must start and end with '|'")
    return tuple(cell.strip() for cell in line[1:-1].split("|"))


def _table(path: Path | str, first: int, lines: list[str]) -> Block:
    if len(lines) < 3:
        raise _fail(path, first, "a table needs a header row, a '| --- |' row and a body row")
    header = _cells(path, first, lines[0])
    separator = _cells(path, first + 1, lines[1])
    if not all(_SEPARATOR_CELL.match(cell) for cell in separator):
        raise _fail(path, first + 1, "the second table row must be a '| --- |' separator")
    if len(separator) != len(header):
        raise _fail(path, first + 1, f"separator has {len(separator)} cells, header {len(header)}")
    rows = [header]
    for offset, line in enumerate(lines[2:], 2):
        row = _cells(path, first + offset, line)
        if len(row) != len(header):
            raise _fail(path, first + offset, f"row has {len(row)} cells, header {len(header)}")
        rows.append(row)
    for offset, row in enumerate(rows):
        if not any(row):
            raise _fail(path, first + offset + (offset > 0), "a table row has no text")
    return Block("table", first, rows=tuple(rows))


def _list(path: Path | str, first: int, lines: list[str]) -> Block:
    """A bullet or numbered list; sub-items are ``- text`` indented two spaces per level
    (at most one level deeper than the item above), outer items of a numbered list count from
    1."""
    ordered = _ORDERED.match(lines[0]) is not None
    items: list[str] = []
    depths: list[int] = []
    number = 0
    for offset, line in enumerate(lines):
        where = first + offset
        nested = _NESTED.match(line)
        if nested is not None:
            depth = len(nested.group(1)) // 2
            if depth > (depths[-1] if depths else 0) + 1:
                raise _fail(path, where, "a sub-item may nest one level below the item above")
            text = nested.group(2)
        elif ordered:
            match = _ORDERED.match(line)
            number += 1
            if match is None or int(match.group(1)) != number:
                raise _fail(path, where, f"expected numbered item '{number}. text'")
            depth, text = 0, match.group(2)
        else:
            if not line.startswith("- "):
                raise _fail(path, where, "every line of a bullet list must start with '- '")
            depth, text = 0, line[2:]
        if not text.strip():
            raise _fail(path, where, "a list item has no text")
        items.append(text.strip())
        depths.append(depth)
    kind = "ol" if ordered else "ul"
    return Block(kind, first, items=tuple(items), depths=tuple(depths) if any(depths) else ())


def _code(path: Path | str, first: int, lines: list[str]) -> Block:
    """A fenced code block: its lines between a "```language" line and a "```" line."""
    language = lines[0][len(_FENCE) :].strip()
    if not _LANGUAGE.match(language):
        raise _fail(path, first, f"code language {language!r} is not lower-case letters/digits")
    code = lines[1:-1]
    if not any(line.strip() for line in code):
        raise _fail(path, first, "a code block has no code")
    return Block("code", first, text="\n".join(code), language=language)


def _prefixed(path: Path | str, first: int, lines: list[str], prefix: str, what: str) -> list[str]:
    items = []
    for offset, line in enumerate(lines):
        if not line.startswith(prefix) or not line[len(prefix) :].strip():
            raise _fail(path, first + offset, f"every line of a {what} must start with {prefix!r}")
        items.append(line[len(prefix) :].strip())
    return items


def _block(path: Path | str, first: int, lines: list[str]) -> Block:
    head = lines[0]
    single = len(lines) == 1
    if head.startswith("#"):
        level, _, text = head.partition(" ")
        if level not in ("##", "###") or not text.strip():
            raise _fail(path, first, "headings are '## text' or '### text'")
        if not single:
            raise _fail(path, first + 1, "a heading is one line; add a blank line after it")
        return Block("h2" if level == "##" else "h3", first, text=text.strip())
    if head.startswith("!! "):
        if not single:
            raise _fail(path, first + 1, "a pull quote is one line")
        return Block("pullquote", first, text=head[3:].strip())
    if head.startswith("!["):
        match = _FIGURE.match(head)
        if match is None:
            raise _fail(path, first, "a figure is '![caption](file.jpg)'")
        if not single:
            raise _fail(path, first + 1, "a figure is one line")
        return Block("figure", first, text=match.group(1).strip(), src=match.group(2))
    if head.startswith("- ") or _ORDERED.match(head):
        return _list(path, first, lines)
    if head.startswith(">"):
        return Block("quote", first, items=tuple(_prefixed(path, first, lines, "> ", "quote")))
    if head.startswith("|"):
        return _table(path, first, lines)
    for offset, line in enumerate(lines):
        if line.startswith(("#", "- ", "> ", "|", "![", "!! ")) or _ORDERED.match(line):
            raise _fail(path, first + offset, "a block mixes paragraph text with other markup")
    return Block("paragraph", first, text=" ".join(line.strip() for line in lines))


def parse_article(text: str, path: Path | str = "<article>") -> Article:
    """Parse one article file's text; ``path`` is only used in error messages and ids."""
    if "\t" in text:
        line = text[: text.index("\t")].count("\n") + 1
        raise _fail(path, line, "tab character (use spaces)")
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    meta, where, end = _front_matter(path, lines)
    for key in REQUIRED:
        if key not in meta:
            raise _fail(path, 1, f"front matter lacks {key!r}")
    if not _ID.match(meta["id"]):
        raise _fail(path, where["id"], f"id {meta['id']!r} must look like 'en-some-words'")
    if isinstance(path, Path) and path.stem != meta["id"]:
        raise _fail(
            path, where["id"], f"id {meta['id']!r} does not match the file name {path.name!r}"
        )
    if meta["language"] not in LANGUAGES:
        raise _fail(
            path,
            where["language"],
            f"language {meta['language']!r} is not one of {', '.join(LANGUAGES)}",
        )
    if not meta["id"].startswith(meta["language"] + "-"):
        raise _fail(
            path,
            where["id"],
            f"id {meta['id']!r} must start with its language {meta['language']!r}",
        )
    if meta["kind"] not in KINDS:
        raise _fail(path, where["kind"], f"kind {meta['kind']!r} is not one of {', '.join(KINDS)}")
    try:
        date = dt.date.fromisoformat(meta["date"])
    except ValueError:
        raise _fail(path, where["date"], f"date {meta['date']!r} is not YYYY-MM-DD") from None
    body = lines[end:]
    while body and not body[-1]:
        body.pop()
    blocks: list[Block] = []
    current: list[str] = []
    first = end + 1
    fenced = False  # inside a code block: lines (blank ones too) are kept as they are
    closed = -1  # the line of the last closing fence: a blank line must follow it
    for number, line in enumerate(body, end + 1):
        if fenced:
            current.append(line)
            if line == _FENCE:
                blocks.append(_code(path, first, current))
                current, fenced, closed = [], False, number
            continue
        if line and number == closed + 1:
            raise _fail(path, number, "a code block is followed by a blank line")
        if line.startswith(_FENCE):
            if current:
                raise _fail(path, number, "a code block starts after a blank line")
            first, current, fenced = number, [line], True
        elif line:
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append(_block(path, first, current))
            current = []
        elif number != closed + 1:
            what = "the body starts with a blank line" if not blocks else "two blank lines in a row"
            raise _fail(path, number, what)
    if fenced:
        raise _fail(path, first, "a code block is not closed by a '```' line")
    if current:
        blocks.append(_block(path, first, current))
    if not any(block.kind != "pullquote" for block in blocks):
        raise _fail(path, end, "the article has no body")
    return Article(
        id=meta["id"],
        language=meta["language"],
        title=meta["title"],
        section=meta["section"],
        kind=meta["kind"],
        author=meta["author"],
        date=date,
        blocks=tuple(blocks),
        revision_of=meta.get("revision_of"),
        path=str(path),
    )


def load_articles(folder: Path = ARTICLES_DIR) -> tuple[Article, ...]:
    """Every ``*.md`` article in ``folder``, sorted by id; revisions must name a known article
    in the same language."""
    articles = []
    revision_lines: dict[str, int] = {}
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{path}:1: not UTF-8: {exc}") from exc
        article = parse_article(text, path)
        articles.append(article)
        lines = text.split("\n")
        revision_lines[article.id] = next(
            (n for n, line in enumerate(lines, 1) if line.startswith("revision_of:")), 1
        )
    if not articles:
        raise ArticleError(f"{folder}: no articles (*.md)")
    by_id = {article.id: article for article in articles}
    for article in articles:
        if article.revision_of is None:
            continue
        where = f"{article.path}:{revision_lines[article.id]}"
        original = by_id.get(article.revision_of)
        if original is None:
            raise ArticleError(
                f"{where}: revision_of names unknown article {article.revision_of!r}"
            )
        if original.language != article.language:
            raise ArticleError(f"{where}: a revision must keep its original's language")
    for article in articles:
        root_of(article, by_id)
    return tuple(articles)


def root_of(article: Article, by_id: dict[str, Article]) -> str:
    """The id of the first version of an article (its duplicate group); refuses cycles."""
    seen = [article.id]
    while article.revision_of is not None:
        article = by_id[article.revision_of]
        if article.id in seen:
            raise ArticleError(f"{article.path}:1: revision_of forms a cycle: {' -> '.join(seen)}")
        seen.append(article.id)
    return article.id

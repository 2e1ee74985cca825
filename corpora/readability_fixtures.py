"""The fixture layouts of Mozilla's Readability and of readability-lxml's quality corpus.

Mozilla (``test-pages/<case>/``): ``source.html`` (the page), ``expected.html`` (what
Readability should return) and optionally ``expected-metadata.json`` (``title``,
``byline``, ``lang``, ``publishedTime``, ``readerable`` ...). readability-lxml 0.9
(``<group>/<case>/`` or ``<case>/``): ``page.html``, ``ideal.html`` and ``metadata.json``
(``url``, optionally ``title``, ``lang``). The path may be the repository (holding
``test-pages/``) or any folder above the cases; every case below it is read.

The gold text is the visible text of the expected/ideal HTML (paragraph breaks kept as
blank lines, as html-text lays blocks out); the HTML itself is kept as ``Gold.structure``
(format ``html``) for structure metrics. The page id is the case's folder relative to the
path, its parts joined by ``--`` (``news--bridge-repairs``). Labels: ``layout`` (``mozilla``
/ ``readability-lxml``), ``group`` (the first folder of a nested case), ``readerable``
(``yes``/``no``, Mozilla), ``language`` from the metadata.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.decoding import decode_html
from corpora.page import CorpusError, Gold, Page

FORMAT = "readability-fixtures"
TEST_PAGES = "test-pages"
# Joins the folders of a nested case (``news/bridge`` → ``news--bridge``): an id names a file
# when a corpus is converted, so it holds no ``/``.
ID_SEPARATOR = "--"


@dataclass(frozen=True, slots=True)
class Layout:
    """One fixture layout: the file names of a case."""

    name: str
    source: str
    expected: str
    metadata: str


MOZILLA = Layout("mozilla", "source.html", "expected.html", "expected-metadata.json")
LXML = Layout("readability-lxml", "page.html", "ideal.html", "metadata.json")
LAYOUTS = (MOZILLA, LXML)
# How deep below the path detection looks for a case (load looks at every depth).
_DETECT_PATTERNS = tuple(
    f"{prefix}{layout.expected}"
    for layout in LAYOUTS
    for prefix in (f"{TEST_PAGES}/*/", "*/", "*/*/")
)


def root(path: Path) -> Path:
    """Mozilla's repository holds its cases in ``test-pages/``."""
    return path / TEST_PAGES if (path / TEST_PAGES).is_dir() else path


def _is_case(folder: Path, layout: Layout) -> bool:
    return (folder / layout.source).is_file() and (folder / layout.expected).is_file()


def looks_like(path: Path) -> bool:
    if not path.is_dir():
        return False
    for pattern in _DETECT_PATTERNS:
        for expected in path.glob(pattern):
            if any(_is_case(expected.parent, layout) for layout in LAYOUTS):
                return True
    return False


def visible_text(html: str) -> str:
    """The text a reader sees, blocks on their own lines and paragraphs apart (html-text's
    layout), without the ``<head>`` (its ``<title>`` is not shown in the page)."""
    import html_text
    import lxml.html

    if not html.strip():
        return ""
    tree = lxml.html.fromstring(html)
    for head in tree.xpath("//head"):
        head.drop_tree()
    return str(html_text.extract_text(tree, guess_layout=True)).strip()


def _metadata(file: Path) -> dict[str, Any]:
    if not file.is_file():
        return {}
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{file}: cannot read the metadata: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{file}: expected a JSON object")
    return data


def _text(data: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        if isinstance(data.get(key), str) and data[key].strip():
            return str(data[key])
    return None


def _page(base: Path, folder: Path, layout: Layout) -> Page:
    parts = folder.relative_to(base).parts or (folder.name,)
    page_id = ID_SEPARATOR.join(parts)
    expected = folder / layout.expected
    try:
        gold_html = decode_html(expected.read_bytes()).text
    except OSError as exc:
        raise CorpusError(f"{expected}: cannot read: {exc}") from exc
    meta = _metadata(folder / layout.metadata)
    labels = {"layout": layout.name}
    if len(folder.relative_to(base).parts) > 1:
        labels["group"] = folder.relative_to(base).parts[0]
    if isinstance(meta.get("readerable"), bool):
        labels["readerable"] = "yes" if meta["readerable"] else "no"
    language = _text(meta, "lang", "language")
    if language:
        labels["language"] = language
    gold = Gold(
        text=visible_text(gold_html),
        title=_text(meta, "title"),
        language=language,
        structure=gold_html,
        structure_format="html",
        author=_text(meta, "byline", "author"),
        published=_text(meta, "publishedTime", "published", "date"),
    )
    return Page(
        id=page_id,
        path=folder / layout.source,
        gold=gold,
        url=_text(meta, "url"),
        labels=tuple(sorted(labels.items())),
    )


def load(path: Path, name: str | None = None) -> Corpus:
    """Every case of either layout below ``path`` (or its ``test-pages/``)."""
    base = root(path)
    cases: dict[Path, Layout] = {}
    for layout in reversed(LAYOUTS):  # a folder with both layouts counts as Mozilla's
        for expected in base.rglob(layout.expected):
            if _is_case(expected.parent, layout):
                cases[expected.parent] = layout
    if not cases:
        raise CorpusError(
            f"{path}: no fixture cases (expected <case>/{MOZILLA.source} + {MOZILLA.expected}"
            f" as in Mozilla's {TEST_PAGES}/, or <case>/{LXML.source} + {LXML.expected} as in "
            "readability-lxml)"
        )
    pages = [_page(base, folder, cases[folder]) for folder in sorted(cases)]
    check_unique_ids(pages, str(path))
    return Corpus(
        name=name or path.name, format=FORMAT, location=str(path.resolve()), pages=tuple(pages)
    )

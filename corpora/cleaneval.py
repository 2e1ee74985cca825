"""CleanEval: HTML pages and gold text files with block markers.

A folder holds the pages in ``orig/`` (also ``input/`` or ``html/``) and the gold texts in
``clean/`` (also ``GoldStandard/`` or ``gold/``), matched by file name: ``12.html`` and
``12.txt`` (or ``12-cleaned.txt``). A gold file's first line is ``URL: ...``; its blocks start
with ``<p>`` (paragraph), ``<h>`` (heading) or ``<l>`` (list item). ``Gold.markup`` keeps the
marked text for the CleanEval alignment scores; ``Gold.text`` is the blocks' text, one block
per line, whitespace inside a block collapsed. Page bytes are kept as stored (CleanEval's
pages start with a ``<text id=... title=...>`` wrapper line, which parsers skip).
"""

from __future__ import annotations

import re
from pathlib import Path

from corpora.corpus import Corpus, check_unique_ids
from corpora.decoding import decode_html
from corpora.page import CorpusError, Gold, Page

FORMAT = "cleaneval"
HTML_DIRS = ("orig", "input", "html")
GOLD_DIRS = ("clean", "GoldStandard", "gold")
HTML_SUFFIXES = (".html", ".htm", ".html.gz")
_URL_LINE = re.compile(r"\A\s*URL:[ \t]*(\S*)[^\n]*\n?")
_MARKER = re.compile(r"<[phl]>", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _first_dir(path: Path, names: tuple[str, ...]) -> Path | None:
    return next((path / n for n in names if (path / n).is_dir()), None)


def looks_like(path: Path) -> bool:
    gold_dir, html_dir = _first_dir(path, GOLD_DIRS), _first_dir(path, HTML_DIRS)
    return gold_dir is not None and html_dir is not None and any(gold_dir.glob("*.txt"))


def parse_gold(raw: str) -> tuple[str | None, str, str]:
    """``(url, text, markup)`` of a CleanEval gold file."""
    url = None
    match = _URL_LINE.match(raw)
    if match:
        url = match.group(1) or None
        raw = raw[match.end() :]
    markup = raw.strip()
    blocks = [_SPACE.sub(" ", b).strip() for b in _MARKER.split(markup)]
    return url, "\n".join(b for b in blocks if b), markup


def _stem(gold_file: Path) -> str:
    return gold_file.stem.removesuffix("-cleaned")


def _html_for(html_dir: Path, stem: str) -> Path | None:
    return next(
        (html_dir / f"{stem}{s}" for s in HTML_SUFFIXES if (html_dir / f"{stem}{s}").is_file()),
        None,
    )


def load(path: Path, name: str | None = None) -> Corpus:
    """Read a CleanEval folder."""
    gold_dir, html_dir = _first_dir(path, GOLD_DIRS), _first_dir(path, HTML_DIRS)
    if gold_dir is None or html_dir is None:
        raise CorpusError(
            f"{path}: not a CleanEval folder (needs one of {', '.join(HTML_DIRS)}/ for pages "
            f"and one of {', '.join(GOLD_DIRS)}/ for gold texts)"
        )
    pages = []
    for gold_file in sorted(gold_dir.glob("*.txt")):
        stem = _stem(gold_file)
        html = _html_for(html_dir, stem)
        if html is None:
            raise CorpusError(f"{gold_file}: no page {stem}.html in {html_dir}")
        try:
            data = gold_file.read_bytes()
        except OSError as exc:
            raise CorpusError(f"{gold_file}: cannot read: {exc}") from exc
        # Gold files are mostly UTF-8, some older ones Latin-1: decode like a page.
        url, text, markup = parse_gold(decode_html(data).text)
        pages.append(Page(id=stem, path=html, gold=Gold(text=text, markup=markup), url=url))
    if not pages:
        raise CorpusError(f"{gold_dir}: no gold .txt files")
    check_unique_ids(pages, str(gold_dir))
    return Corpus(
        name=name or path.name, format=FORMAT, location=str(path.resolve()), pages=tuple(pages)
    )

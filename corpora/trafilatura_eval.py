"""trafilatura's evaluation layout: ``evaldata.json`` beside the folders ``cache/`` and
``eval/`` holding the HTML files.

``evaldata.json`` maps each page URL to ``{"file": NAME, "with": [...], "without": [...]}``
(other keys such as ``author`` or ``title`` may be present); ``NAME`` is looked up in
``cache/`` first, then in ``eval/``. The gold is snippets, not full text: ``Gold.text`` is
empty and the ``snippets`` metric scores these pages.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Gold, Page

log = logging.getLogger(__name__)

FORMAT = "trafilatura"
EVALDATA = "evaldata.json"
HTML_DIRS = ("cache", "eval")


def looks_like(path: Path) -> bool:
    return (path / EVALDATA).is_file()


def _snippets(record: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise CorpusError(f"{where}: field {key!r} must be a list of non-empty strings")
    return tuple(value)


def _html_file(path: Path, name: str, where: str) -> Path:
    for folder in HTML_DIRS:
        candidate = path / folder / name
        if candidate.is_file():
            return candidate
    raise CorpusError(f"{where}: HTML file {name!r} is in neither {path}/cache nor {path}/eval")


def page_id(file_name: str) -> str:
    """The file name without ``.html``/``.htm`` (and ``.gz``): unique within the layout."""
    name = file_name.removesuffix(".gz")
    for suffix in (".html", ".htm"):
        name = name.removesuffix(suffix)
    return name


def load(path: Path, name: str | None = None) -> Corpus:
    """Read a trafilatura evaluation folder."""
    data_path = path / EVALDATA
    try:
        data = json.loads(data_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: not a trafilatura evaluation folder (no {EVALDATA})") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{data_path}: invalid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise CorpusError(f"{data_path}: expected an object mapping page URL to a record")
    pages = []
    for url, record in data.items():
        where = f"{data_path} (page {url!r})"
        if not isinstance(record, dict) or not isinstance(record.get("file"), str):
            raise CorpusError(f"{where}: needs a string field 'file'")
        with_, without = _snippets(record, "with", where), _snippets(record, "without", where)
        if not with_ and not without:
            log.warning(
                "%s: no 'with' and no 'without' snippets; the page counts for nothing", where
            )
        title = record.get("title")
        pages.append(
            Page(
                id=page_id(record["file"]),
                path=_html_file(path, record["file"], where),
                gold=Gold(
                    text="",
                    title=title if isinstance(title, str) and title else None,
                    snippets_with=with_,
                    snippets_without=without,
                ),
                url=url,
            )
        )
    pages.sort(key=lambda p: p.id)
    check_unique_ids(pages, str(data_path))
    return Corpus(
        name=name or path.name, format=FORMAT, location=str(path.resolve()), pages=tuple(pages)
    )

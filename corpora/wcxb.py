"""WCXB, the Web Content eXtraction Benchmark by Murrough Foley (2026, CC-BY-4.0).

A checkout holds one folder per split (``dev/``, ``test/``), each with ``html/NNNN.html.gz``
(gzip, UTF-8) and ``ground-truth/NNNN.json``: ``{"url", "file_id", "_internal":
{"page_type": {"primary"}}, "ground_truth": {"title", "author", "publish_date",
"main_content", "main_content_markdown", "with", "without"}}``. The path given may be the
checkout (then a split is chosen: ``dev`` by default, the only one when only one is present,
or ``all``) or one split folder.

The gold is read as WCXB's own ``evaluate.py`` reads it: a missing or null ``main_content``
is empty text, missing or null snippet lists are empty, the page type comes from
``_internal.page_type`` (``article`` when absent; ``category`` counts as ``collection``), and
a file whose ``ground_truth`` is not an object is skipped (counted in ``Corpus.skipped`` and
one logged warning). The page id is the file's stem, as in ``evaluate.py``. Page labels:
``page_type``, ``split`` and ``domain`` (the URL's host, lowercase, without ``www.``; for a
page without a URL, the domain ``metadata.json`` gives it, if any).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Gold, Page

logger = logging.getLogger(__name__)

FORMAT = "wcxb"
SPLITS = ("dev", "test")
ALL = "all"
HTML_DIR = "html"
GROUND_TRUTH_DIR = "ground-truth"
HTML_SUFFIX = ".html.gz"
# The benchmark's README: the HTML files are gzipped UTF-8 (its quick start reads them so).
CHARSET = "utf-8"
DEFAULT_PAGE_TYPE = "article"
METADATA = "metadata.json"


def is_split(path: Path) -> bool:
    """A split folder: ``html/`` beside ``ground-truth/`` holding ``*.json`` gold files."""
    gt_dir = path / GROUND_TRUTH_DIR
    return (
        (path / HTML_DIR).is_dir()
        and gt_dir.is_dir()
        and next(gt_dir.glob("*.json"), None) is not None
    )


def present_splits(path: Path) -> list[str]:
    """The splits a checkout holds, in :data:`SPLITS` order."""
    return [split for split in SPLITS if is_split(path / split)]


def looks_like(path: Path) -> bool:
    return path.is_dir() and (is_split(path) or bool(present_splits(path)))


def split_folders(path: Path, split: str | None = None) -> list[tuple[str, Path]]:
    """``(split name, folder)`` to read for ``split`` (``dev``, ``test``, ``all`` or
    ``None`` for the default); the errors name what the folder holds."""
    if split is not None and split not in (*SPLITS, ALL):
        raise CorpusError(f"unknown WCXB split {split!r} (known: {', '.join((*SPLITS, ALL))})")
    if is_split(path):
        if split not in (None, path.name):
            raise CorpusError(
                f"{path} is one split folder ({path.name}); to choose split {split!r} give "
                "the checkout that holds dev/ and test/"
            )
        return [(path.name, path)]
    present = present_splits(path)
    if not present:
        raise CorpusError(
            f"{path}: not a WCXB checkout (expected dev/ or test/ holding {HTML_DIR}/ and "
            f"{GROUND_TRUTH_DIR}/*.json, or such a split folder itself)"
        )
    if split is None:
        chosen = [present[0]] if len(present) == 1 else ["dev"]
    elif split == ALL:
        chosen = list(SPLITS)
    else:
        chosen = [split]
    missing = [name for name in chosen if name not in present]
    if missing:
        raise CorpusError(
            f"{path}: split {split!r} needs {', '.join(m + '/' for m in missing)} but this "
            f"checkout holds only {', '.join(p + '/' for p in present)}"
        )
    return [(name, path / name) for name in chosen]


def page_type(record: dict[str, Any]) -> str:
    """The page type as ``evaluate.py``'s ``get_page_type`` reads it."""
    internal = record.get("_internal", {}) or {}
    value = internal.get("page_type", {}) if isinstance(internal, dict) else None
    if isinstance(value, dict):
        kind = value.get("primary", DEFAULT_PAGE_TYPE)
    elif isinstance(value, str):
        kind = value
    else:
        kind = DEFAULT_PAGE_TYPE
    kind = kind if isinstance(kind, str) and kind else DEFAULT_PAGE_TYPE
    return "collection" if kind == "category" else kind


def domain(url: str | None) -> str | None:
    """The URL's host, lowercase, without a leading ``www.`` (as WCXB's metadata counts
    domains)."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


def _string(value: Any, where: str, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise CorpusError(f"{where}: {key!r} is not a string")


def _snippets(value: Any, where: str, key: str) -> tuple[str, ...]:
    if not value:
        return ()
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise CorpusError(f"{where}: {key!r} is not a list of strings")
    return tuple(value)


def metadata_domains(path: Path) -> dict[str, str]:
    """file id → domain from the checkout's ``metadata.json`` (for a page whose gold has no
    URL); empty when the file is absent or unreadable."""
    for folder in (path, path.parent):
        file = folder / METADATA
        if file.is_file():
            try:
                files = json.loads(file.read_text(encoding="utf-8")).get("files", {})
                return {
                    k: v["domain"]
                    for k, v in files.items()
                    if isinstance(v, dict) and isinstance(v.get("domain"), str) and v["domain"]
                }
            except (OSError, UnicodeDecodeError, ValueError, AttributeError):
                return {}
    return {}


def _page(
    gt_file: Path, html_dir: Path, split: str, domains: dict[str, str] | None = None
) -> Page | None:
    """The page of one gold file, or ``None`` when its ``ground_truth`` is not an object."""
    try:
        record = json.loads(gt_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorpusError(f"{gt_file}: cannot read the gold: {exc}") from exc
    if not isinstance(record, dict):
        raise CorpusError(f"{gt_file}: expected a JSON object")
    gt = record.get("ground_truth", {})
    if not isinstance(gt, dict):
        return None
    where = str(gt_file)
    page_id = gt_file.stem
    html = html_dir / f"{page_id}{HTML_SUFFIX}"
    if not html.is_file():
        raise CorpusError(f"{gt_file}: page {page_id!r} has no HTML file {html}")
    structure = _string(gt.get("main_content_markdown"), where, "main_content_markdown")
    gold = Gold(
        text=_string(gt.get("main_content"), where, "main_content") or "",
        title=_string(gt.get("title"), where, "title"),
        snippets_with=_snippets(gt.get("with"), where, "with"),
        snippets_without=_snippets(gt.get("without"), where, "without"),
        structure=structure or None,
        structure_format="markdown" if structure else None,
        author=_string(gt.get("author"), where, "author"),
        published=_string(gt.get("publish_date"), where, "publish_date"),
    )
    url = record.get("url") if isinstance(record.get("url"), str) else None
    labels = [("page_type", page_type(record)), ("split", split)]
    if host := domain(url) or (domains or {}).get(page_id, "").lower().removeprefix("www."):
        labels.append(("domain", host))
    return Page(
        id=page_id,
        path=html,
        gold=gold,
        url=url or None,
        charset=CHARSET,
        labels=tuple(sorted(labels)),
    )


def load(path: Path, name: str | None = None, split: str | None = None) -> Corpus:
    """Read one split of a WCXB checkout (``dev`` unless told), every split (``all``), or
    the split folder ``path``."""
    pages: list[Page] = []
    skipped: list[str] = []
    folders = split_folders(path, split)
    domains = metadata_domains(path)
    for split_name, folder in folders:
        for gt_file in sorted((folder / GROUND_TRUTH_DIR).glob("*.json")):
            page = _page(gt_file, folder / HTML_DIR, split_name, domains)
            if page is None:
                skipped.append(gt_file.stem)
            else:
                pages.append(page)
    check_unique_ids(pages, str(path))
    if skipped:
        logger.warning(
            "%s: %d gold file(s) whose ground_truth is not an object skipped, as WCXB's "
            "evaluate.py skips them: %s",
            path,
            len(skipped),
            ", ".join(skipped[:5]) + (" …" if len(skipped) > 5 else ""),
        )
    chosen = ALL if len(folders) > 1 else folders[0][0]
    return Corpus(
        name=name or f"{FORMAT}-{chosen}",
        format=FORMAT,
        location=str(path.resolve()),
        pages=tuple(pages),
        skipped=tuple(skipped),
    )

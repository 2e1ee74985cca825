"""The web-content-extraction-benchmark of Bevendorff et al. (SIGIR 2023), combined layout.

``combined/html/<dataset>/<page_id>.html`` (UTF-8; the id is the SHA-256 of the raw HTML)
and ``combined/ground-truth/<dataset>.jsonl`` with one row per page: ``{"page_id",
"plaintext", "url" (optional), "source"}``. The path given may be the folder holding
``combined/`` or ``combined/`` itself. The dataset name (``cetd``, ``cleaneval``, ...)
becomes the page label ``dataset`` and ``Gold.dataset``, for per-dataset scores and macro
averages. A page without a ground-truth row has no gold; a row without a page is an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus
from corpora.page import CorpusError, Gold, Page

FORMAT = "wceb"
COMBINED = "combined"
GROUND_TRUTH_DIR = "ground-truth"
HTML_DIR = "html"
# The benchmark's combined pages were re-encoded to UTF-8 when the datasets were merged.
CHARSET = "utf-8"


def root(path: Path) -> Path:
    """The folder holding ``html/`` and ``ground-truth/``."""
    return path / COMBINED if (path / COMBINED).is_dir() else path


def looks_like(path: Path) -> bool:
    base = root(path)
    return (base / GROUND_TRUTH_DIR).is_dir() and (base / HTML_DIR).is_dir()


def _rows(gt_file: Path) -> dict[str, dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    with gt_file.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{gt_file}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{where}: invalid JSON: {exc}") from exc
            if not isinstance(row, dict) or not isinstance(row.get("page_id"), str):
                raise CorpusError(f"{where}: expected an object with a string 'page_id'")
            text = row.get("plaintext")
            if text is not None and not isinstance(text, str):
                raise CorpusError(f"{where} (page {row['page_id']!r}): 'plaintext' not a string")
            if row["page_id"] in rows:
                raise CorpusError(f"{where}: page_id {row['page_id']!r} appears twice")
            rows[row["page_id"]] = row
    return rows


def _source_case(row: dict[str, Any]) -> str | None:
    source = row.get("source")
    if isinstance(source, list) and len(source) > 1 and isinstance(source[1], str):
        return source[1]
    return None


def load(path: Path, name: str | None = None) -> Corpus:
    """Read the combined benchmark (every dataset it has)."""
    base = root(path)
    gt_dir, html_dir = base / GROUND_TRUTH_DIR, base / HTML_DIR
    if not gt_dir.is_dir() or not html_dir.is_dir():
        raise CorpusError(
            f"{path}: not a web-content-extraction-benchmark folder "
            f"(needs {COMBINED}/{GROUND_TRUTH_DIR}/ and {COMBINED}/{HTML_DIR}/)"
        )
    datasets = sorted(p.stem for p in gt_dir.glob("*.jsonl"))
    if not datasets:
        raise CorpusError(f"{gt_dir}: no <dataset>.jsonl ground-truth files")
    pages: list[Page] = []
    seen: dict[str, str] = {}
    for dataset in datasets:
        gt_file = gt_dir / f"{dataset}.jsonl"
        rows = _rows(gt_file)
        folder = html_dir / dataset
        files = {
            p.name.removesuffix(".gz").removesuffix(".html"): p
            for p in folder.glob("*.html*")
            if p.name.endswith((".html", ".html.gz"))
        }
        missing = sorted(set(rows) - set(files))
        if missing:
            raise CorpusError(
                f"{gt_file}: {len(missing)} page(s) without HTML in {folder}: "
                + ", ".join(missing[:3])
                + (" …" if len(missing) > 3 else "")
            )
        for page_id in sorted(files):
            if page_id in seen:
                raise CorpusError(
                    f"{folder}: page {page_id!r} is also in dataset {seen[page_id]!r}"
                )
            seen[page_id] = dataset
            row = rows.get(page_id)
            labels = [("dataset", dataset)]
            gold = None
            if row is not None:
                gold = Gold(text=row.get("plaintext") or "", dataset=dataset)
                if case := _source_case(row):
                    labels.append(("case", case))
            url = row.get("url") if row is not None else None
            pages.append(
                Page(
                    id=page_id,
                    path=files[page_id],
                    gold=gold,
                    url=url if isinstance(url, str) and url else None,
                    charset=CHARSET,
                    labels=tuple(sorted(labels)),
                )
            )
    return Corpus(
        name=name or path.name, format=FORMAT, location=str(path.resolve()), pages=tuple(pages)
    )

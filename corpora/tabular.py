"""Users' own data as a table: JSONL, CSV or Parquet rows ``{"id", "html" | "html_path",
"text", ...}``.

``html`` is the page's HTML inline (kept in memory, handed on as UTF-8); ``html_path`` a file
relative to the table's folder (bytes as stored, ``.gz`` read transparently). ``text`` is the
gold text (``null`` in JSONL/Parquet: a page without gold). Optional columns: ``url``,
``title``, ``language``, ``template``, ``dup_group``, ``charset`` (declared encoding of an
``html_path`` file), ``dataset`` (a page label used for macro averages); in JSONL also
``labels`` (an object) and ``with``/``without`` (snippet lists, as in trafilatura's
evaluation). Any other string column becomes a page label. The path may be the file itself
or a folder holding exactly one such file.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Gold, Page

SUFFIXES = {"jsonl": ".jsonl", "csv": ".csv", "parquet": ".parquet"}
KNOWN = {"id", "html", "html_path", "text", "labels", "with", "without"}
STRING_FIELDS = ("url", "title", "language", "template", "dup_group", "charset", "dataset")
INLINE_CHARSET = "utf-8"


@dataclass(frozen=True, slots=True)
class InlinePage(Page):
    """A page whose HTML came inline in the table; ``path`` is the table it came from."""

    html: bytes = b""

    def read_bytes(self) -> bytes:
        return self.html

    def stamp(self) -> str | None:
        return None  # the bytes are in memory: hashing them is as cheap as a lookup


def _candidates(folder: Path, kind: str) -> list[Path]:
    return sorted(
        p for p in folder.glob(f"*{SUFFIXES[kind]}") if p.is_file() and p.name != "gold.jsonl"
    )


def data_file(path: Path, kind: str) -> Path:
    """The table file: ``path`` itself, or the single ``*.jsonl``/``*.csv``/``*.parquet``
    in the folder ``path``."""
    if path.is_file():
        return path
    found = _candidates(path, kind)
    if len(found) != 1:
        what = "no" if not found else f"{len(found)}"
        raise CorpusError(
            f"{path}: {what} {SUFFIXES[kind]} files; give the file itself ({kind}:FILE)"
        )
    return found[0]


def looks_like_kind(kind: str) -> Callable[[Path], bool]:
    def looks_like(path: Path) -> bool:
        if path.is_file():
            return path.suffix == SUFFIXES[kind]
        return len(_candidates(path, kind)) == 1

    return looks_like


def _jsonl_rows(path: Path) -> Iterator[tuple[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: invalid JSON: {exc}") from exc


def _csv_rows(path: Path) -> Iterator[tuple[str, Any]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # inline HTML cells are large
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            # CSV has no null: an empty cell is absent, except ``text`` (an empty gold).
            yield (
                f"{path}:{number}",
                {k: v for k, v in row.items() if k and (v != "" or k == "text")},
            )


def _parquet_rows(path: Path) -> Iterator[tuple[str, Any]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CorpusError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)") from exc
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError(f"{path}: cannot read Parquet: {exc}") from exc
    for number, row in enumerate(table.to_pylist(), 1):
        yield f"{path} row {number}", {k: v for k, v in row.items() if v is not None}


READERS: dict[str, Callable[[Path], Iterator[tuple[str, Any]]]] = {
    "jsonl": _jsonl_rows,
    "csv": _csv_rows,
    "parquet": _parquet_rows,
}


def _snippets(row: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(isinstance(s, str) and s.strip() for s in value):
        raise CorpusError(f"{where}: field {key!r} must be a list of non-empty strings")
    return tuple(value)


def page_from_row(folder: Path, table: Path, row: Any, where: str) -> Page:
    """One row → a page; errors name the file, line and field."""
    if not isinstance(row, dict):
        raise CorpusError(f"{where}: expected an object")
    page_id = row.get("id")
    if isinstance(page_id, int) and not isinstance(page_id, bool):
        page_id = str(page_id)
    if not isinstance(page_id, str) or not page_id:
        raise CorpusError(f"{where}: missing field 'id'")
    where = f"{where} (page {page_id!r})"
    for key in STRING_FIELDS:
        if key in row and not isinstance(row[key], str):
            raise CorpusError(f"{where}: field {key!r} must be a string")
    text = row.get("text")
    if text is not None and not isinstance(text, str):
        raise CorpusError(f"{where}: field 'text' must be a string or null")
    snippets_with, snippets_without = (
        _snippets(row, "with", where),
        _snippets(row, "without", where),
    )
    if "text" not in row and not (snippets_with or snippets_without):
        raise CorpusError(f"{where}: missing field 'text' (use null for a page without gold)")
    labels = row.get("labels") or {}
    if not isinstance(labels, dict):
        raise CorpusError(f"{where}: field 'labels' must be an object")
    extra = {
        k: v
        for k, v in row.items()
        if k not in KNOWN and k not in STRING_FIELDS and isinstance(v, str)
    }
    all_labels = {**extra, **{str(k): str(v) for k, v in labels.items()}}
    if "dataset" in row:
        all_labels["dataset"] = row["dataset"]
    gold = None
    if text is not None or snippets_with or snippets_without:
        gold = Gold(
            text=text or "",
            title=row.get("title"),
            language=row.get("language"),
            template=row.get("template"),
            dup_group=row.get("dup_group"),
            snippets_with=snippets_with,
            snippets_without=snippets_without,
            dataset=row.get("dataset"),
        )
    common: dict[str, Any] = {
        "id": page_id,
        "gold": gold,
        "url": row.get("url"),
        "labels": tuple(sorted(all_labels.items())),
    }
    if isinstance(row.get("html"), str):
        return InlinePage(
            path=table, charset=INLINE_CHARSET, html=row["html"].encode("utf-8"), **common
        )
    if isinstance(row.get("html_path"), str) and row["html_path"]:
        return Page(path=folder / row["html_path"], charset=row.get("charset"), **common)
    raise CorpusError(f"{where}: needs 'html' (the HTML inline) or 'html_path' (a file)")


def load_kind(kind: str, path: Path, name: str | None = None) -> Corpus:
    table = data_file(path, kind)
    pages = [page_from_row(table.parent, table, row, where) for where, row in READERS[kind](table)]
    if not pages:
        raise CorpusError(f"{table}: no rows")
    check_unique_ids(pages, str(table))
    missing = [p for p in pages if not isinstance(p, InlinePage) and not p.path.is_file()]
    if missing:
        raise CorpusError(
            f"{table}: page {missing[0].id!r}: HTML file {missing[0].path} does not exist"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
        )
    return Corpus(
        name=name or (path.name if path.is_dir() else table.stem),
        format=kind,
        location=str(table),
        pages=tuple(pages),
    )


def load_jsonl(path: Path, name: str | None = None) -> Corpus:
    return load_kind("jsonl", path, name)


def load_csv(path: Path, name: str | None = None) -> Corpus:
    return load_kind("csv", path, name)


def load_parquet(path: Path, name: str | None = None) -> Corpus:
    return load_kind("parquet", path, name)

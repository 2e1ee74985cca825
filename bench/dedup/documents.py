"""Plain-text documents to de-duplicate: ``id`` + ``text`` rows from JSONL, CSV or Parquet,
read in batches so a dump larger than memory streams through.

This loader does not go through the HTML page model (:mod:`corpora.tabular` needs ``html``):
a row needs only a text column (``--text-field``, default ``text``); its id column
(``--id-field``, default ``id``) is optional (the row number, from 0, when absent). Optional
gold columns: ``dup_group`` (gold duplicate group) and ``template`` / ``site`` (to count false
merges between pages of one template).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from corpora.page import CorpusError

__all__ = [
    "Batch",
    "DocumentSource",
    "Documents",
    "looks_like_text_table",
    "parse_source",
]

FORMATS = ("jsonl", "csv", "parquet")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet"}
GROUP_FIELD = "dup_group"
TEMPLATE_FIELDS = ("template", "site")


@dataclass(frozen=True, slots=True, eq=False)
class Batch:
    """Consecutive rows: their ids and texts, and gold columns when the table has them."""

    start: int  # row number of the first document
    ids: list[str]
    texts: list[str]
    groups: list[str | None] | None = None
    templates: list[str | None] | None = None

    def __len__(self) -> int:
        return len(self.texts)


@dataclass(frozen=True, slots=True, eq=False)
class Documents:
    """Documents held in memory (a small dump, or extracted texts of an HTML corpus)."""

    name: str
    ids: tuple[str, ...]
    texts: tuple[str, ...]
    groups: tuple[str | None, ...] | None = None  # gold duplicate group per document
    templates: tuple[str | None, ...] | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @property
    def has_gold(self) -> bool:
        """Whether any gold group holds two documents or more (pairs to score against)."""
        if self.groups is None:
            return False
        seen: set[str] = set()
        for group in self.groups:
            if group is None:
                continue
            if group in seen:
                return True
            seen.add(group)
        return False

    def batches(self, size: int = 4096) -> Iterator[Batch]:
        for start in range(0, len(self.texts), size):
            stop = start + size
            yield Batch(
                start,
                list(self.ids[start:stop]),
                list(self.texts[start:stop]),
                None if self.groups is None else list(self.groups[start:stop]),
                None if self.templates is None else list(self.templates[start:stop]),
            )


@dataclass(frozen=True, slots=True)
class DocumentSource:
    """A JSONL / CSV / Parquet file of text rows, read in batches (never all at once)."""

    path: Path
    format: str
    text_field: str = "text"
    id_field: str = "id"

    @property
    def name(self) -> str:
        return self.path.stem

    def batches(self, size: int = 4096) -> Iterator[Batch]:
        """Rows in order, ``size`` at a time; errors name the file and row."""
        rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[self.format]
        buffer: list[tuple[str, dict]] = []
        start = 0
        for where, row in rows(self.path, self):
            buffer.append((where, row))
            if len(buffer) >= size:
                yield self._batch(start, buffer)
                start += len(buffer)
                buffer = []
        if buffer:
            yield self._batch(start, buffer)

    def _batch(self, start: int, rows: Sequence[tuple[str, dict]]) -> Batch:
        ids: list[str] = []
        texts: list[str] = []
        groups: list[str | None] = []
        templates: list[str | None] = []
        for k, (where, row) in enumerate(rows):
            if not isinstance(row, dict):
                raise CorpusError(f"{where}: expected an object")
            text = row.get(self.text_field)
            if text is None and self.text_field not in row:
                hint = " (an HTML table? pass -e NAME to extract first)" if "html" in row else ""
                raise CorpusError(f"{where}: no {self.text_field!r} field{hint}")
            if text is not None and not isinstance(text, str):
                raise CorpusError(f"{where}: field {self.text_field!r} must be a string")
            doc_id = row.get(self.id_field)
            ids.append(str(start + k) if doc_id is None or doc_id == "" else str(doc_id))
            texts.append(text or "")
            group = row.get(GROUP_FIELD)
            groups.append(None if group in (None, "") else str(group))
            template = next((row[f] for f in TEMPLATE_FIELDS if row.get(f) not in (None, "")), None)
            templates.append(None if template is None else str(template))
        return Batch(
            start,
            ids,
            texts,
            groups if any(g is not None for g in groups) else None,
            templates if any(t is not None for t in templates) else None,
        )

    def load(self) -> Documents:
        """Every row in memory, checking ids are unique."""
        ids: list[str] = []
        texts: list[str] = []
        groups: list[str | None] = []
        templates: list[str | None] = []
        any_group = any_template = False
        for batch in self.batches():
            ids += batch.ids
            texts += batch.texts
            groups += batch.groups or [None] * len(batch)
            templates += batch.templates or [None] * len(batch)
            any_group |= batch.groups is not None
            any_template |= batch.templates is not None
        if not texts:
            raise CorpusError(f"{self.path}: no rows")
        check_unique(ids, str(self.path))
        return Documents(
            self.name,
            tuple(ids),
            tuple(texts),
            tuple(groups) if any_group else None,
            tuple(templates) if any_template else None,
        )


def check_unique(ids: Sequence[str], where: str) -> None:
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        dup = next(i for i in ids if i in seen or seen.add(i))  # type: ignore[func-returns-value]
        raise CorpusError(f"{where}: document id {dup!r} appears twice")


def parse_source(spec: str, text_field: str = "text", id_field: str = "id") -> DocumentSource:
    """``jsonl:FILE``, ``csv:FILE``, ``parquet:FILE`` or a file with one of those suffixes."""
    fmt, sep, rest = spec.partition(":")
    if sep and fmt in FORMATS and not Path(spec).exists():
        path = Path(rest).expanduser()
    else:
        path, fmt = Path(spec).expanduser(), SUFFIXES.get(Path(spec).suffix.lower(), "")
        if not fmt:
            raise CorpusError(f"{spec}: not a .jsonl, .csv or .parquet file (or FORMAT:FILE)")
    if not path.is_file():
        raise CorpusError(f"{path}: no such file")
    return DocumentSource(path, fmt, text_field, id_field)


def looks_like_text_table(spec: str, text_field: str = "text") -> bool:
    """Whether ``spec`` is a table file whose first row has the text field and no HTML (a text
    dump to de-duplicate as is, rather than an HTML corpus to extract first)."""
    try:
        source = parse_source(spec, text_field)
    except CorpusError:
        return False
    rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[source.format]
    try:
        first = next(rows(source.path, source), None)
    except CorpusError:
        return False
    if first is None or not isinstance(first[1], dict):
        return False
    row = first[1]
    return text_field in row and "html" not in row and "html_path" not in row


def _jsonl_rows(path: Path, _: DocumentSource) -> Iterator[tuple[str, dict]]:
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}:{number}: invalid JSON: {exc}") from exc


def _csv_rows(path: Path, _: DocumentSource) -> Iterator[tuple[str, dict]]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 2):
            yield f"{path}:{number}", row


def _parquet_rows(path: Path, source: DocumentSource) -> Iterator[tuple[str, dict]]:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise CorpusError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)") from exc
    try:
        handle = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad file
        raise CorpusError(f"{path}: cannot read Parquet: {exc}") from exc
    names = set(handle.schema_arrow.names)
    wanted = [source.text_field, source.id_field, GROUP_FIELD, *TEMPLATE_FIELDS, "html"]
    columns = [c for c in dict.fromkeys(wanted) if c in names]
    number = 0
    for record_batch in handle.iter_batches(batch_size=8192, columns=columns):
        for row in record_batch.to_pylist():
            number += 1
            yield f"{path} row {number}", row

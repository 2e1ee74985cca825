"""WebMainBench (opendatalab, 2025, Apache-2.0): JSONL rows of a page's HTML and its gold
main content in markdown.

Two schemas are read. The release schema (``WebMainBench_dataset_sample2.jsonl``, the full
7,809-row data set): ``track_id``, ``html``, ``url``, ``groundtruth_content`` and ``meta`` =
``{"language", "style", "level", "table", "code", "equation"}``. The older sample schema
(``sample_dataset.jsonl``): ``html``, ``groundtruth_content`` and ``language`` at the top
level, with ``track_id`` too. The page id is ``track_id`` (else ``id``, else the row's
number). The gold text is the markdown as given (WebMainBench scores the raw strings), kept
also as ``Gold.structure``. Labels: ``language``, ``level``, ``style``, and ``has_table`` /
``has_code`` / ``has_equation`` (``yes``/``no``) from ``meta``.

The path is the JSONL file or a folder holding exactly one. Rows stay on disk: a page
remembers where its row starts and reads its HTML from there, so the full data set (several
GB of inline HTML) opens without holding it in memory.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Gold, Page

FORMAT = "webmainbench"
SUFFIX = ".jsonl"
REQUIRED = ("html", "groundtruth_content")
# The HTML is a JSON string: handed on as UTF-8, so that is its declared encoding.
CHARSET = "utf-8"
# ``meta`` lists of what the gold holds → the yes/no label that says whether it has any.
FLAGS = (("table", "has_table"), ("code", "has_code"), ("equation", "has_equation"))
META_LABELS = ("language", "level", "style")


@dataclass(frozen=True, slots=True)
class RowPage(Page):
    """A page whose HTML is inline in one row of the JSONL file ``path``, starting at byte
    ``offset``."""

    offset: int = 0

    def read_bytes(self) -> bytes:
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                row = json.loads(handle.readline())
            return row["html"].encode("utf-8")
        except FileNotFoundError as exc:
            raise CorpusError(f"page {self.id!r}: {self.path} does not exist") from exc
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CorpusError(
                f"page {self.id!r}: cannot read its row at byte {self.offset} of {self.path}: {exc}"
            ) from exc

    def stamp(self) -> str | None:
        base = Page.stamp(self)
        return None if base is None else f"{base}\0{self.offset}"


def _first_row(path: Path) -> Any:
    try:
        with path.open("rb") as handle:
            for line in handle:
                if line.strip():
                    return json.loads(line)
    except (OSError, ValueError):
        return None
    return None


def _is_data_file(path: Path) -> bool:
    row = _first_row(path)
    return isinstance(row, dict) and all(key in row for key in REQUIRED)


def looks_like(path: Path) -> bool:
    if path.is_file():
        return path.suffix == SUFFIX and _is_data_file(path)
    found = sorted(path.glob(f"*{SUFFIX}"))
    return len(found) == 1 and _is_data_file(found[0])


def data_file(path: Path) -> Path:
    """The JSONL file: ``path`` itself or the one ``*.jsonl`` in the folder ``path``."""
    if path.is_file():
        return path
    found = sorted(p for p in path.glob(f"*{SUFFIX}") if p.is_file())
    if len(found) != 1:
        names = ", ".join(p.name for p in found) or "none"
        raise CorpusError(
            f"{path}: expected one {SUFFIX} file, found {names}; give the file itself "
            f"({FORMAT}:FILE)"
        )
    return found[0]


def _flag(value: Any) -> str:
    return "yes" if value else "no"


def labels(row: dict[str, Any]) -> dict[str, str]:
    """The page labels of a row in either schema."""
    meta = row.get("meta")
    found: dict[str, str] = {}
    if isinstance(meta, dict):
        for key in META_LABELS:
            if isinstance(meta.get(key), str) and meta[key]:
                found[key] = meta[key]
        for key, label in FLAGS:
            if key in meta:
                found[label] = _flag(meta[key])
    if "language" not in found and isinstance(row.get("language"), str) and row["language"]:
        found["language"] = row["language"]
    return found


def _page_id(row: dict[str, Any], number: int) -> str:
    for key in ("track_id", "id"):
        value = row.get(key)
        if isinstance(value, str) and value:
            return value
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
    return str(number)


def load(path: Path, name: str | None = None) -> Corpus:
    """Read every row of the JSONL file (or the one in the folder ``path``)."""
    table = data_file(path)
    pages: list[Page] = []
    number = 0
    with table.open("rb") as handle:
        offset = 0
        for line_number, line in enumerate(handle, 1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            number += 1
            where = f"{table}:{line_number}"
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise CorpusError(f"{where}: invalid JSON: {exc}") from exc
            if not isinstance(row, dict):
                raise CorpusError(f"{where}: expected an object")
            for key in REQUIRED:
                if not isinstance(row.get(key), str):
                    raise CorpusError(f"{where}: field {key!r} missing or not a string")
            gold_text = row["groundtruth_content"]
            url = row.get("url")
            page_labels = labels(row)
            pages.append(
                RowPage(
                    id=_page_id(row, number),
                    path=table,
                    gold=Gold(
                        text=gold_text,
                        language=page_labels.get("language"),
                        structure=gold_text,
                        structure_format="markdown",
                    ),
                    url=url if isinstance(url, str) and url else None,
                    charset=CHARSET,
                    labels=tuple(sorted(page_labels.items())),
                    offset=start,
                )
            )
    if not pages:
        raise CorpusError(f"{table}: no rows")
    check_unique_ids(pages, str(table))
    return Corpus(
        name=name or table.stem,
        format=FORMAT,
        location=str(table.resolve()),
        pages=tuple(pages),
    )

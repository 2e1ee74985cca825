"""boilerbench's own corpus format (spec: docs/corpus-format.md): ``corpus.json``,
``gold.jsonl`` and the pages' HTML files kept byte for byte."""

from __future__ import annotations

import functools
import gzip
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Gold, NoiseSpan, Page

SCHEMA_VERSION = 1
FORMAT = "native"
MANIFEST = "corpus.json"
GOLD = "gold.jsonl"
PAGES_DIR = "pages"
# Optional structured gold (headings, lists, tables, code) for structure metrics: record field
# → format (``html`` names the page's file, so HTML gold is ``gold_html``).
STRUCTURE_FIELDS = {"markdown": "markdown", "gold_html": "html"}
STRUCTURE_FIELD = {fmt: key for key, fmt in STRUCTURE_FIELDS.items()}


def looks_like(path: Path) -> bool:
    return (path / GOLD).is_file()


def _noise(raw: Any, where: str) -> tuple[NoiseSpan, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise CorpusError(f"{where}: field 'noise' must be a list")
    spans = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise CorpusError(f"{where}: noise[{i}] needs a string 'type'")
        if not isinstance(item.get("text"), str):
            raise CorpusError(f"{where}: noise[{i}] needs a string 'text'")
        spans.append(NoiseSpan(item["type"], item["text"], item.get("start"), item.get("end")))
    return tuple(spans)


def _strings(raw: Any, key: str, where: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise CorpusError(f"{where}: field {key!r} must be a list of strings")
    return tuple(raw)


def _html_path(root: Path, record: dict[str, Any], page_id: str) -> Path:
    if isinstance(record.get("html"), str):
        return root / record["html"]
    for suffix in (".html", ".html.gz"):
        candidate = root / PAGES_DIR / f"{page_id}{suffix}"
        if candidate.exists():
            return candidate
    return root / PAGES_DIR / f"{page_id}.html"


def _structure(record: dict[str, Any], where: str) -> tuple[str | None, str | None]:
    """The optional structured gold: a ``markdown`` or a ``gold_html`` string (not both)."""
    given = [key for key in STRUCTURE_FIELDS if record.get(key) is not None]
    if len(given) > 1:
        raise CorpusError(f"{where}: structured gold is 'markdown' or 'gold_html', not both")
    if not given:
        return None, None
    key = given[0]
    if not isinstance(record[key], str):
        raise CorpusError(f"{where}: field {key!r} must be a string")
    return record[key], STRUCTURE_FIELDS[key]


def page_from_record(root: Path, record: Any, where: str) -> Page:
    """Build a :class:`Page` from one ``gold.jsonl`` record; errors name the line and field."""
    if not isinstance(record, dict):
        raise CorpusError(f"{where}: expected a JSON object")
    page_id = record.get("id")
    if not isinstance(page_id, str) or not page_id:
        raise CorpusError(f"{where}: missing string field 'id'")
    where = f"{where} (page {page_id!r})"
    if isinstance(record.get("text_file"), str):
        text_path = root / record["text_file"]
        try:
            text = text_path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CorpusError(f"{where}: cannot read gold text file {text_path}: {exc}") from exc
    elif "text" in record:
        text = record["text"]
    else:
        raise CorpusError(
            f"{where}: missing field 'text' (or 'text_file'; use null for a page without gold)"
        )
    if text is not None and not isinstance(text, str):
        raise CorpusError(f"{where}: field 'text' must be a string or null")
    for key in ("url", "title", "language", "template", "dup_group", "charset", "markup"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise CorpusError(f"{where}: field {key!r} must be a string")
    structure, structure_format = _structure(record, where)
    labels = record.get("labels") or {}
    if not isinstance(labels, dict):
        raise CorpusError(f"{where}: field 'labels' must be an object")
    gold = None
    if text is not None:
        gold = Gold(
            text=text,
            title=record.get("title"),
            language=record.get("language"),
            template=record.get("template"),
            dup_group=record.get("dup_group"),
            noise=_noise(record.get("noise"), where),
            snippets_with=_strings(record.get("snippets_with"), "snippets_with", where),
            snippets_without=_strings(record.get("snippets_without"), "snippets_without", where),
            markup=record.get("markup"),
            dataset=labels.get("dataset"),
            structure=structure,
            structure_format=structure_format,
        )
    return Page(
        id=page_id,
        path=_html_path(root, record, page_id),
        gold=gold,
        url=record.get("url"),
        charset=record.get("charset"),
        labels=tuple(sorted((str(k), str(v)) for k, v in labels.items())),
    )


@dataclass(frozen=True, slots=True)
class StoredGoldPage(Page):
    """A page whose gold stays in ``gold.jsonl`` until it is asked for: ``gold`` reads the
    page's record at byte ``gold_offset`` of ``gold_file`` (the last few are kept). The
    built-in corpus's gold is about 13 KB a page (text and noise spans), over a gigabyte for
    100,000 pages: held in memory, it would be most of a run's memory. It pickles as a plain
    :class:`Page` with its gold, for executors that ship pages elsewhere."""

    gold_file: Path | None = None
    gold_offset: int = -1
    # what reports group pages by, kept at hand: the gold's language, template and dup_group
    # (:meth:`label`) and its noise types (:meth:`noise_types`)
    gold_labels: tuple[tuple[str, str], ...] = ()
    noise_kinds: tuple[str, ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return (Page, (self.id, self.path, self.gold, self.url, self.charset, self.labels))

    def label(self, key: str) -> str | None:
        for name, value in (*self.labels, *self.gold_labels):
            if name == key:
                return value
        return None

    def noise_types(self) -> tuple[str, ...]:
        return self.noise_kinds


_GOLD_SLOT = Page.__dict__["gold"]


def _stored_gold(page: StoredGoldPage) -> Gold | None:
    held = _GOLD_SLOT.__get__(page, Page)
    if held is not None or page.gold_file is None:
        return held
    return _read_gold(page.gold_file, page.gold_offset)


StoredGoldPage.gold = property(_stored_gold, _GOLD_SLOT.__set__)  # type: ignore[assignment]


@functools.lru_cache(maxsize=16)
def _read_gold(gold_file: Path, offset: int) -> Gold | None:
    with gold_file.open("rb") as handle:
        handle.seek(offset)
        line = handle.readline()
    where = f"{gold_file} (byte {offset})"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{where}: invalid JSON (the file changed?): {exc}") from exc
    return page_from_record(gold_file.parent, record, where).gold


def load(path: Path, name: str | None = None) -> Corpus:
    """Read a native corpus folder. Every record is checked now; each page's gold is read
    again from ``gold.jsonl`` when it is used (:class:`StoredGoldPage`)."""
    gold_path = path / GOLD
    if not gold_path.is_file():
        raise CorpusError(f"{path}: not a native corpus (no {GOLD})")
    meta: dict[str, Any] = {}
    if (path / MANIFEST).is_file():
        try:
            meta = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path / MANIFEST}: invalid JSON: {exc}") from exc
    pages: list[Page] = []
    offset = 0
    with gold_path.open("rb") as lines:
        for number, line in enumerate(lines, 1):
            at, offset = offset, offset + len(line)
            if not line.strip():
                continue
            where = f"{gold_path}:{number}"
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise CorpusError(f"{where}: invalid JSON: {exc}") from exc
            page = page_from_record(path, record, where)
            labels = tuple((sys.intern(k), sys.intern(v)) for k, v in page.labels)
            gold = page.gold
            if gold is None:
                pages.append(replace(page, labels=labels))
                continue
            known = ((k, getattr(gold, k)) for k in ("language", "template", "dup_group"))
            pages.append(
                StoredGoldPage(
                    page.id,
                    page.path,
                    None,
                    page.url,
                    page.charset,
                    labels,
                    gold_path,
                    at,
                    tuple((sys.intern(k), sys.intern(v)) for k, v in known if v is not None),
                    tuple(sys.intern(kind) for kind in page.noise_types()),
                )
            )
    check_unique_ids(pages, str(gold_path))
    return Corpus(
        name=name or meta.get("name") or path.name,
        format=FORMAT,
        location=str(path.resolve()),
        pages=tuple(pages),
    )


@dataclass(frozen=True, slots=True)
class PageToWrite:
    """A page for :func:`write`: its bytes and its ``gold.jsonl`` record (without ``html``)."""

    id: str
    html: bytes
    record: dict[str, Any]


def write(
    out: Path,
    name: str,
    pages: Iterable[PageToWrite],
    *,
    compress: bool = True,
    description: str = "",
) -> Path:
    """Write pages as a native corpus, one record at a time (a 100,000-page build stays
    small in memory); gzip is written with mtime 0 so builds are byte-identical."""
    (out / PAGES_DIR).mkdir(parents=True, exist_ok=True)
    manifest = {"schema_version": SCHEMA_VERSION, "name": name, "description": description}
    (out / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    with (out / GOLD).open("w", encoding="utf-8") as handle:
        for page in pages:
            rel = f"{PAGES_DIR}/{page.id}.html" + (".gz" if compress else "")
            data = gzip.compress(page.html, mtime=0) if compress else page.html
            (out / rel).write_bytes(data)
            record = {"id": page.id, "html": rel, **page.record}
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return out

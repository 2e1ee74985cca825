"""Check any native corpus and report every problem (not just the first), each with its page
and field: unreadable files, bad records, undecodable bytes, noise offsets out of range or
not pointing at their text, and gold paragraphs whose words are missing from the page."""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora import native
from corpora.builtin.markup import text_of
from corpora.decoding import decode_html
from corpora.page import CorpusError, Page

_WORD = re.compile(r"\w+")
_SHOWN = 5


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: ``where`` is a page id (or a file for corpus-level problems)."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _missing(words: list[str], visible: str, tokens: set[str]) -> list[str]:
    """Words neither among the visible tokens nor inside the visible text (inline markup can
    glue a word to its neighbours: ``管理ソフト<a>KeePass</a>``)."""
    return list(dict.fromkeys(w for w in words if w not in tokens and w not in visible))


def _records(root: Path) -> Iterator[tuple[int, Any, Problem | None]]:
    with (root / native.GOLD).open("rb") as lines:
        for number, raw in enumerate(lines, 1):
            where = f"{native.GOLD}:{number}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, None, Problem(where, "line", f"not UTF-8: {exc}")
                continue
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, Problem(where, "line", f"invalid JSON: {exc}")


def _decode(page: Page, data: bytes) -> tuple[str | None, list[Problem]]:
    if page.charset is not None:
        try:
            codec = codecs.lookup(page.charset).name
        except LookupError:
            return None, [Problem(page.id, "charset", f"unknown charset {page.charset!r}")]
        try:
            return data.decode(codec), []
        except UnicodeDecodeError as exc:
            # Offsets refer to the declared decoding: nothing more can be checked.
            return None, [Problem(page.id, "html", f"bytes are not {page.charset}: {exc}")]
    decoded = decode_html(data)
    if decoded.source == "fallback":
        return None, [Problem(page.id, "html", "undecodable bytes (no encoding fits)")]
    return decoded.text, []


def _check_noise(page: Page, html: str) -> list[Problem]:
    problems = []
    assert page.gold is not None
    for i, span in enumerate(page.gold.noise):
        field = f"noise[{i}] ({span.type})"
        if span.start is None and span.end is None:
            continue
        if not isinstance(span.start, int) or not isinstance(span.end, int):
            problems.append(Problem(page.id, field, "start and end must both be integers"))
            continue
        if not 0 <= span.start <= span.end <= len(html):
            problems.append(
                Problem(
                    page.id,
                    field,
                    f"offsets {span.start}–{span.end} out of range (page has {len(html)} chars)",
                )
            )
            continue
        visible = text_of(html[span.start : span.end])
        missing = _missing(_words(span.text), visible, set(_words(visible)))
        if missing:
            problems.append(
                Problem(
                    page.id,
                    field,
                    f"text not found at offsets {span.start}–{span.end} "
                    f"(missing {', '.join(repr(w) for w in missing[:_SHOWN])})",
                )
            )
    return problems


def _check_gold(page: Page, html: str) -> list[Problem]:
    assert page.gold is not None
    visible = text_of(html)
    tokens = set(_words(visible))
    problems = []
    paragraphs = [p for p in re.split(r"\n\s*\n", page.gold.text) if p.strip()]
    for number, paragraph in enumerate(paragraphs, 1):
        missing = _missing(_words(paragraph), visible, tokens)
        if missing:
            problems.append(
                Problem(
                    page.id,
                    "text",
                    f"paragraph {number}: {len(missing)} word(s) not in the page's visible text "
                    f"({', '.join(repr(w) for w in missing[:_SHOWN])})",
                )
            )
    return problems


def check_page(page: Page) -> list[Problem]:
    """Problems of one loaded page: its bytes, decoding, noise spans and gold text."""
    try:
        data = page.read_bytes()
    except CorpusError as exc:
        return [Problem(page.id, "html", str(exc))]
    html, problems = _decode(page, data)
    if html is None or page.gold is None:
        return problems
    return problems + _check_noise(page, html) + _check_gold(page, html)


def validate(root: Path, on_page: Callable[[int], None] | None = None) -> tuple[int, list[Problem]]:
    """``(pages, problems)`` for the native corpus in ``root``; ``on_page(n)`` after each page."""
    problems: list[Problem] = []
    if not root.is_dir():
        return 0, [Problem(str(root), "folder", "not a folder")]
    manifest = root / native.MANIFEST
    if manifest.exists():
        try:
            meta = json.loads(manifest.read_text(encoding="utf-8"))
            if not isinstance(meta, dict):
                problems.append(Problem(native.MANIFEST, "file", "must hold a JSON object"))
            elif meta.get("schema_version", native.SCHEMA_VERSION) != native.SCHEMA_VERSION:
                problems.append(
                    Problem(native.MANIFEST, "schema_version", f"{meta['schema_version']!r} != 1")
                )
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(Problem(native.MANIFEST, "file", f"invalid JSON: {exc}"))
    if not (root / native.GOLD).is_file():
        return 0, [*problems, Problem(native.GOLD, "file", "missing")]
    seen: dict[str, int] = {}
    count = 0
    for number, record, problem in _records(root):
        if problem is not None:
            problems.append(problem)
            continue
        where = f"{native.GOLD}:{number}"
        try:
            page = native.page_from_record(root, record, where)
        except CorpusError as exc:
            page_id = record.get("id") if isinstance(record, dict) else None
            name = page_id if isinstance(page_id, str) and page_id else where
            problems.append(Problem(name, "record", str(exc).removeprefix(f"{where} ")))
            continue
        count += 1
        if page.id in seen:
            problems.append(Problem(page.id, "id", f"also on line {seen[page.id]} ({where})"))
        seen.setdefault(page.id, number)
        problems.extend(check_page(page))
        if on_page is not None:
            on_page(count)
    return count, problems

"""The corpus record: a named, ordered set of pages read from one folder."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass

from corpora.page import CorpusError, Page


@dataclass(frozen=True, slots=True)
class Corpus:
    """Pages of one benchmark corpus, in a stable order, with the format they came from.

    ``skipped``: the ids of records the loader left out as the benchmark's own scorer does
    (WCXB: a ``ground_truth`` that is not an object), so a caller can say how many.
    """

    name: str
    format: str
    location: str
    pages: tuple[Page, ...]
    skipped: tuple[str, ...] = ()

    def page(self, page_id: str) -> Page:
        """The page with this id; the error names the corpus."""
        for page in self.pages:
            if page.id == page_id:
                return page
        raise CorpusError(f"corpus {self.name!r} has no page {page_id!r}")

    @property
    def ids(self) -> list[str]:
        return [page.id for page in self.pages]

    def checksum(
        self, digests: Mapping[str, str | None] | None = None, unreadable_ok: bool = False
    ) -> str:
        """SHA-256 over every page's id, bytes and gold (text, snippets, markers): equal
        checksums, equal corpora. ``digests`` gives the pages' SHA-256 (hex) already known
        by id; with ``unreadable_ok`` a page whose bytes cannot be read counts by its error
        instead of raising :class:`CorpusError`."""
        digest = hashlib.sha256()
        for page in sorted(self.pages, key=lambda p: p.id):
            digest.update(page.id.encode() + b"\0")
            known = digests.get(page.id) if digests is not None else None
            digest.update(bytes.fromhex(known) if known else _bytes_digest(page, unreadable_ok))
            digest.update(hashlib.sha256(_gold_key(page).encode()).digest())
        return digest.hexdigest()


def _bytes_digest(page: Page, unreadable_ok: bool) -> bytes:
    try:
        return hashlib.sha256(page.read_bytes()).digest()
    except CorpusError as exc:
        if not unreadable_ok:
            raise
        return hashlib.sha256(b"unreadable\0" + type(exc).__name__.encode()).digest()


def _gold_key(page: Page) -> str:
    """The gold as compared by the checksum; plain-text gold hashes as its text alone, and
    the structured gold only where a page has it, so checksums of corpora without it stay
    what they were."""
    gold = page.gold
    if gold is None:
        return ""
    if not (gold.snippets_with or gold.snippets_without or gold.markup or gold.structure):
        return gold.text
    key = [gold.text, gold.snippets_with, gold.snippets_without, gold.markup]
    if gold.structure is not None:
        key += [gold.structure_format, gold.structure]
    return json.dumps(key)


def check_unique_ids(pages: list[Page], source: str) -> None:
    """Refuse a corpus where two records share an id; the error names both the id and file."""
    seen: set[str] = set()
    for page in pages:
        if page.id in seen:
            raise CorpusError(f"{source}: page id {page.id!r} appears more than once")
        seen.add(page.id)

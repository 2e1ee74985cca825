"""The corpus record: a named, ordered set of pages read from one folder."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from corpora.page import CorpusError, Page


@dataclass(frozen=True, slots=True)
class Corpus:
    """Pages of one benchmark corpus, in a stable order, with the format they came from."""

    name: str
    format: str
    location: str
    pages: tuple[Page, ...]

    def page(self, page_id: str) -> Page:
        """The page with this id; the error names the corpus."""
        for page in self.pages:
            if page.id == page_id:
                return page
        raise CorpusError(f"corpus {self.name!r} has no page {page_id!r}")

    @property
    def ids(self) -> list[str]:
        return [page.id for page in self.pages]

    def checksum(self) -> str:
        """SHA-256 over every page's id, bytes and gold (text, snippets, markers): equal
        checksums, equal corpora."""
        digest = hashlib.sha256()
        for page in sorted(self.pages, key=lambda p: p.id):
            digest.update(page.id.encode() + b"\0")
            digest.update(hashlib.sha256(page.read_bytes()).digest())
            digest.update(hashlib.sha256(gold_key(page).encode()).digest())
        return digest.hexdigest()


def gold_key(page: Page) -> str:
    """The gold as compared by the checksum; plain-text gold hashes as its text alone, so
    checksums of text-only corpora stay what they were."""
    gold = page.gold
    if gold is None:
        return ""
    if not (gold.snippets_with or gold.snippets_without or gold.markup):
        return gold.text
    return json.dumps([gold.text, gold.snippets_with, gold.snippets_without, gold.markup])


def check_unique_ids(pages: list[Page], source: str) -> None:
    """Refuse a corpus where two records share an id; the error names both the id and file."""
    seen: set[str] = set()
    for page in pages:
        if page.id in seen:
            raise CorpusError(f"{source}: page id {page.id!r} appears more than once")
        seen.add(page.id)

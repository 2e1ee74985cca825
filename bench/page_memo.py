"""The last page read and decoded, kept so that the same page's next task (another extractor:
:mod:`bench.order` runs a page's extractors one after the other) reuses its bytes and its
:class:`DecodedHtml` instead of reading and decoding the page again.

One page at a time, replaced in a single assignment, so a timeout that interrupts reading or
decoding leaves the previous page's entry whole. A page that cannot be read is never kept:
each of its tasks tries again and fails with its own ``input: ...`` reason."""

from __future__ import annotations

from dataclasses import dataclass

from corpora.decoding import DecodedHtml, decode_html
from corpora.page import CorpusError, Page


@dataclass(frozen=True, slots=True)
class _Entry:
    page: Page
    data: bytes
    decoded: DecodedHtml | None = None


def load_page(page: Page) -> bytes:
    """The page's bytes; :class:`CorpusError` names the page when they cannot be read or are
    empty (recorded as ``input: ...``: the page is at fault, not the extractor)."""
    data = page.read_bytes()
    if not data:
        raise CorpusError(f"page {page.id!r}: its HTML ({page.path}) is empty (0 bytes)")
    return data


class LastPage:
    """The bytes (and, once decoded, the decoded HTML) of the last page this process read or
    was given. ``reads`` and ``decodes`` count the real work done (what tests observe)."""

    def __init__(self) -> None:
        self._entry: _Entry | None = None
        self.reads = 0
        self.decodes = 0

    def read(self, page: Page) -> bytes:
        """``page``'s bytes: the kept ones when it is the page last read, else read now
        (:func:`load_page`; its :class:`CorpusError` propagates and nothing is kept)."""
        entry = self._entry
        if entry is not None and _same_page(entry.page, page):
            return entry.data
        self.reads += 1
        data = load_page(page)
        self._entry = _Entry(page, data)
        return data

    def decode(self, page: Page, data: bytes) -> DecodedHtml:
        """``data`` (``page``'s bytes) decoded: the kept result when the same page's same bytes
        were decoded last, else :func:`decode_html` now (its errors propagate)."""
        entry = self._entry
        if (
            entry is not None
            and entry.decoded is not None
            and _same_page(entry.page, page)
            and (entry.data is data or entry.data == data)
        ):
            return entry.decoded
        self.decodes += 1
        decoded = decode_html(data, page.charset)
        self._entry = _Entry(page, data, decoded)
        return decoded

    def clear(self) -> None:
        self._entry = None


def _same_page(kept: Page, page: Page) -> bool:
    """The same page of the same corpus (a page that travelled with its task is a copy)."""
    return kept is page or (
        kept.id == page.id and kept.path == page.path and kept.charset == page.charset
    )

"""SHA-256 of every page's bytes, and the corpus checksum built from them.

A run needs both before it starts: the checksum goes in the manifest (``--resume`` and
``compare`` check it) and the digests key the output cache. Reading and gunzipping every page
is the slow part, so pages are hashed on a few threads (zlib and hashlib release the GIL),
and a :class:`DigestMemo` (the output cache's) remembers each digest by the file's
:meth:`~corpora.page.Page.stamp`: an unchanged corpus is not read again.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from corpora.corpus import Corpus
from corpora.page import CorpusError, Page

logger = logging.getLogger(__name__)

HASH_THREADS = 2
_SLICE = 512


class DigestMemo(Protocol):
    """Digests remembered by page stamp."""

    def digests(self, stamps: Sequence[str]) -> dict[str, str]: ...

    def remember(self, digests: dict[str, str]) -> None: ...


def _digest(page: Page) -> str | None:
    try:
        data = page.read_bytes()
    except CorpusError as exc:
        logger.warning("%s", exc)
        return None
    return hashlib.sha256(data).hexdigest() if data else None


def page_digests(
    corpus: Corpus, memo: DigestMemo | None = None, threads: int = HASH_THREADS
) -> dict[str, str | None]:
    """SHA-256 of each page's bytes by page id; ``None`` for a page that cannot be read or is
    empty (it is recorded as an ``input`` failure, and never looked up in the cache)."""
    stamps = {page.id: page.stamp() for page in corpus.pages} if memo is not None else {}
    known = memo.digests([s for s in stamps.values() if s is not None]) if memo else {}
    digests: dict[str, str | None] = {}
    todo: list[Page] = []
    for page in corpus.pages:
        stamp = stamps.get(page.id)
        if stamp is not None and stamp in known:
            digests[page.id] = known[stamp]
        else:
            todo.append(page)
    with ThreadPoolExecutor(max(1, threads)) as pool:
        # in slices: mapping 100,000 pages at once would hold a future per page
        for start in range(0, len(todo), _SLICE):
            part = todo[start : start + _SLICE]
            for page, digest in zip(part, pool.map(_digest, part), strict=True):
                digests[page.id] = digest
    if memo is not None:
        fresh = {
            stamp: digest
            for page in todo
            if (stamp := stamps.get(page.id)) is not None
            and (digest := digests[page.id]) is not None
        }
        if fresh:
            memo.remember(fresh)
    return digests


def corpus_checksum(corpus: Corpus, digests: dict[str, str | None] | None = None) -> str:
    """:meth:`Corpus.checksum`, except that a page whose bytes cannot be read counts by its
    error instead of stopping the run (it is recorded as an ``input`` failure)."""
    digests = page_digests(corpus) if digests is None else digests
    return corpus.checksum(digests, unreadable_ok=True)

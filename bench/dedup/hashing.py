"""Pinned shingle hash functions and batch hashing of documents into flat numpy arrays.

Every shingle is hashed as ``xxh3_64(utf8(shingle))`` (xxHash XXH3, 64-bit, seed 0). The
32-bit MinHash schemes use the *low* 32 bits of that value (``hash32``), the 64-bit scheme
the full value (``hash64``). The exact-Jaccard verification sets use the full 64 bits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import xxhash

from bench.dedup.normalize import (
    char_shingles,
    clean_ascii,
    iter_shingle_bytes,
    normalize,
    normalized_words,
    token_bytes,
)
from bench.dedup.xxh3 import xxh3_64_spans

__all__ = [
    "HASH32_NAME",
    "HASH64_NAME",
    "HashedCorpus",
    "SpannedHashes",
    "hash32",
    "hash64",
    "hash_corpus",
    "hash_corpus_reference",
    "hash_spans",
    "shingle_sets",
]

HASH64_NAME = "xxh3_64"
HASH32_NAME = "xxh3_64_low32"
_LOW32 = 0xFFFFFFFF
_xxh3_64 = xxhash.xxh3_64_intdigest


def hash64(data: bytes) -> int:
    """64-bit shingle hash: ``xxh3_64`` of the UTF-8 bytes."""
    return _xxh3_64(data)


def hash32(data: bytes) -> int:
    """32-bit shingle hash: the low 32 bits of ``xxh3_64`` (like datasketch's sha1_hash32)."""
    return _xxh3_64(data) & _LOW32


class HashedCorpus:
    """Flat 64-bit shingle hashes of many documents plus per-document offsets."""

    __slots__ = ("hashes", "offsets")

    def __init__(self, hashes: np.ndarray, offsets: np.ndarray) -> None:
        self.hashes = hashes  # uint64, all shingles of all documents, in document order
        self.offsets = offsets  # int64, len n_docs + 1; doc i is hashes[offsets[i]:offsets[i+1]]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @property
    def counts(self) -> np.ndarray:
        """Number of shingles per document."""
        return np.diff(self.offsets)

    def doc(self, i: int) -> np.ndarray:
        """Shingle hashes of document ``i`` (with repeats, in text order)."""
        return self.hashes[self.offsets[i] : self.offsets[i + 1]]


@dataclass(frozen=True, slots=True)
class SpannedHashes:
    """Shingle hashes of many documents, as :func:`hash_spans` makes them: document ``i``'s
    are ``hashes[starts[i]:stops[i]]``; between documents lie a few hashes of no shingle."""

    hashes: np.ndarray  # uint64
    starts: np.ndarray  # int64, one per document
    stops: np.ndarray  # int64, one per document

    def compact(self) -> HashedCorpus:
        """The same hashes without the gaps, as a :class:`HashedCorpus`."""
        counts = self.stops - self.starts
        offsets = np.zeros(counts.size + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        parts = [
            self.hashes[a:b]
            for a, b in zip(self.starts.tolist(), self.stops.tolist(), strict=True)
            if b > a
        ]
        hashes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
        return HashedCorpus(hashes, offsets)


def hash_corpus(texts: Iterable[str], ngram: int = 5, unit: str = "word") -> HashedCorpus:
    """Normalise, shingle and ``xxh3_64``-hash every document in one flat array.

    Equal to :func:`hash_corpus_reference`, which builds and hashes every shingle in Python;
    vectorised as :func:`hash_spans` describes."""
    return hash_spans(texts, ngram, unit).compact()


def hash_spans(texts: Iterable[str], ngram: int = 5, unit: str = "word") -> SpannedHashes:
    """:func:`hash_corpus`'s hashes, with gaps between documents (saves a copy).

    Each document is cleaned in Python (one or two C-level passes); the token and shingle
    boundaries and the XXH3 hashes of all shingles of the batch are computed with numpy on one
    byte buffer (:mod:`bench.dedup.xxh3`). A shingle is hashed at every unit of the batch, the
    last ``ngram - 1`` units of each document included (their spans run into the next
    document and are not used), so that the spans are slices of the unit arrays."""
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    if unit not in ("word", "char"):
        raise ValueError(f"unit must be 'word' or 'char', got {unit!r}")
    if unit == "word":
        buf, doc_start, cuts = _word_buffer(texts)
        # tokens: the runs between single spaces; a document's tokens start at or after its start
        t_start = np.empty(cuts.size + 1, dtype=np.int64)
        t_start[0] = 0
        np.add(cuts, 1, out=t_start[1:])
        t_stop = np.empty_like(t_start)
        t_stop[:-1] = cuts
        t_stop[-1] = buf.size
        if buf.size == 0:
            t_start, t_stop = t_start[:0], t_stop[:0]
    else:  # every character (UTF-8 lead byte) is a unit; its end is the next one's start
        parts = [normalize(t).encode() for t in texts]
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
        doc_start = np.zeros(len(parts), dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=doc_start[1:])  # documents joined by one b"\n"
        body = buf = np.frombuffer(b"\n".join(parts), dtype=np.uint8)
        t_start = np.flatnonzero(((body & 0xC0) != 0x80) & (body != 10))
        nxt = np.concatenate((t_start[1:], [body.size]))
        doc_end = doc_start + lengths
        t_stop = np.minimum(nxt, doc_end[np.searchsorted(doc_start, t_start, side="right") - 1])
    first, per_doc, s_len = _shingle_spans(t_start, t_stop, doc_start, ngram)
    return SpannedHashes(xxh3_64_spans(buf, t_start, s_len), first, first + per_doc)


def _shingle_spans(
    t_start: np.ndarray, t_stop: np.ndarray, doc_start: np.ndarray, ngram: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each document's first unit and number of shingles, and the byte length of the shingle
    that starts at each unit: units ``j`` to ``j + ngram - 1``; a document with fewer units
    than ``ngram`` has one shingle of them all, at its first unit."""
    n_units = t_start.size
    first = np.searchsorted(t_start, doc_start, side="left")
    count = np.empty(first.size, dtype=np.int64)
    np.subtract(first[1:], first[:-1], out=count[:-1])
    count[-1:] = n_units - first[-1:]
    per_doc = np.where(count == 0, 0, np.maximum(count - ngram + 1, 1))
    s_len = np.empty(n_units, dtype=np.int64)
    tail = min(ngram - 1, n_units)  # the last units' spans end with the batch
    np.subtract(t_stop[ngram - 1 :], t_start[: n_units - tail], out=s_len[: n_units - tail])
    s_len[n_units - tail :] = t_stop[-1:] - t_start[n_units - tail :]
    short = np.flatnonzero((count > 0) & (count < ngram))
    if short.size:
        at = first[short]
        s_len[at] = t_stop[at + count[short] - 1] - t_start[at]
    return first, per_doc, s_len


def _word_buffer(texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Normalised documents joined by one space in one byte buffer, tokens separated by
    exactly one space; where each document starts, and where the spaces are.

    An ASCII document is cleaned with one ``bytes.translate`` (whitespace becomes spaces);
    others go through :func:`normalized_words`. Runs of spaces, and spaces at the ends,
    are then removed from the whole batch at once with numpy."""
    parts = [clean_ascii(t) if t.isascii() else normalized_words(t).encode() for t in texts]
    n_docs = len(parts)
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=n_docs)
    doc_start = np.zeros(n_docs, dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=doc_start[1:])
    buf = np.frombuffer(b" ".join(parts), dtype=np.uint8)
    spaces = np.flatnonzero(buf == 32)
    if spaces.size == 0:
        return buf, doc_start, spaces
    gaps = np.diff(spaces)
    if spaces[0] > 0 and spaces[-1] < buf.size - 1 and gaps.min(initial=2) > 1:
        return buf, doc_start, spaces  # already canonical (most batches)
    # keep a space only after a non-space; then drop a space left at the very end
    keep = np.ones(buf.size, dtype=bool)
    keep[spaces[1:]] = gaps > 1
    keep[spaces[0]] = spaces[0] > 0
    kept_before = np.zeros(buf.size + 1, dtype=np.int64)
    np.cumsum(keep, out=kept_before[1:])
    body = buf[keep]
    if body.size and body[-1] == 32:
        body = body[:-1]
    doc_start = np.minimum(kept_before[np.minimum(doc_start, buf.size)], body.size)
    return body, doc_start, np.flatnonzero(body == 32)


def hash_corpus_reference(texts: Iterable[str], ngram: int = 5, unit: str = "word") -> HashedCorpus:
    """:func:`hash_corpus` the plain way: each shingle built as bytes and hashed in Python."""
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    flat: list[int] = []
    counts: list[int] = []
    extend = flat.extend
    for text in texts:
        before = len(flat)
        if unit == "word":
            extend(map(_xxh3_64, iter_shingle_bytes(token_bytes(text), ngram)))
        else:
            extend(_xxh3_64(s.encode()) for s in char_shingles(text, ngram))
        counts.append(len(flat) - before)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return HashedCorpus(np.array(flat, dtype=np.uint64), offsets)


def shingle_sets(texts: Iterable[str], ngram: int = 5, unit: str = "word") -> list[np.ndarray]:
    """Sorted unique 64-bit shingle hashes per document (sets for exact Jaccard)."""
    corpus = hash_corpus(texts, ngram, unit)
    return [np.unique(corpus.doc(i)) for i in range(len(corpus))]

"""Pinned shingle hash functions and batch hashing of documents into flat numpy arrays.

Every shingle is hashed as ``xxh3_64(utf8(shingle))`` (xxHash XXH3, 64-bit, seed 0). The
32-bit MinHash schemes use the *low* 32 bits of that value (``hash32``), the 64-bit scheme
the full value (``hash64``). The exact-Jaccard verification sets use the full 64 bits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash

from bench.dedup.normalize import (
    char_shingles,
    clean_text,
    iter_shingle_bytes,
    normalize,
    normalized_words,
    token_bytes,
)
from bench.dedup.xxh3 import xxh3_64_ranges

__all__ = [
    "HASH32_NAME",
    "HASH64_NAME",
    "HashedCorpus",
    "hash32",
    "hash64",
    "hash_corpus",
    "hash_corpus_reference",
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


def hash_corpus(texts: Iterable[str], ngram: int = 5, unit: str = "word") -> HashedCorpus:
    """Normalise, shingle and ``xxh3_64``-hash every document in one flat array.

    Vectorised: each document is normalised in Python (one C-level pass per document); the
    shingle boundaries and the XXH3 hashes of all shingles of the batch are computed with
    numpy on one byte buffer (:mod:`bench.dedup.xxh3`). Equal to
    :func:`hash_corpus_reference`, which builds and hashes every shingle in Python.
    """
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    if unit not in ("word", "char"):
        raise ValueError(f"unit must be 'word' or 'char', got {unit!r}")
    if unit == "word":
        buf, doc_start = _word_buffer(texts)
        n_docs = doc_start.size
        # tokens: runs of non-space bytes; a document's tokens start at or after its start
        cuts = np.flatnonzero(buf[:-_PAD] == 32)
        t_start = np.concatenate(([0], cuts + 1))
        t_stop = np.concatenate((cuts, [buf.size - _PAD]))
        keep = t_stop > t_start
        t_start, t_stop = t_start[keep], t_stop[keep]
    else:  # every character (UTF-8 lead byte) is a unit; its end is the next one's start
        parts = [normalize(t).encode() for t in texts]
        n_docs = len(parts)
        lengths = np.fromiter(map(len, parts), dtype=np.int64, count=n_docs)
        doc_start = np.zeros(n_docs, dtype=np.int64)
        np.cumsum(lengths[:-1] + 1, out=doc_start[1:])  # documents joined by one b"\n"
        buf = np.frombuffer(b"\n".join(parts) + bytes(_PAD), dtype=np.uint8)
        body = buf[:-_PAD]
        t_start = np.flatnonzero(((body & 0xC0) != 0x80) & (body != 10))
        nxt = np.concatenate((t_start[1:], [body.size]))
        doc_end = doc_start + lengths
        t_stop = np.minimum(nxt, doc_end[np.searchsorted(doc_start, t_start, side="right") - 1])
    if n_docs == 0:
        return HashedCorpus(np.zeros(0, np.uint64), np.zeros(1, np.int64))
    first = np.searchsorted(t_start, doc_start, side="left")
    count = np.diff(np.concatenate((first, [t_start.size])))
    per_doc = np.where(count == 0, 0, np.maximum(count - ngram + 1, 1))
    offsets = np.zeros(n_docs + 1, dtype=np.int64)
    np.cumsum(per_doc, out=offsets[1:])
    total = int(offsets[-1])
    if total == 0:
        return HashedCorpus(np.zeros(0, np.uint64), offsets)
    s_start = np.empty(total, dtype=np.int64)
    s_stop = np.empty(total, dtype=np.int64)
    n_units = t_start.size
    if n_units >= ngram:  # full shingles: units j..j+ngram-1 of one document
        t_doc = np.repeat(np.arange(n_docs), count)
        j = np.flatnonzero(t_doc[ngram - 1 :] == t_doc[: n_units - ngram + 1])
        full = count >= ngram
        slots = np.repeat(full, per_doc)
        s_start[slots] = t_start[j]
        s_stop[slots] = t_stop[j + ngram - 1]
    short = np.flatnonzero((count > 0) & (count < ngram))  # one shingle of all its units
    if short.size:
        at = offsets[short]
        s_start[at] = t_start[first[short]]
        s_stop[at] = t_stop[first[short] + count[short] - 1]
    return HashedCorpus(xxh3_64_ranges(buf, s_start, s_stop, padded=True), offsets)


_PAD = 8  # zero bytes after a buffer, for the 8-byte reads of the vectorised XXH3


def _word_buffer(texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """Normalised documents joined by one space in one byte buffer (``_PAD`` zero bytes at
    the end), tokens separated by exactly one space, and where each document starts.

    An ASCII document whose cleaned text is already single-spaced (checked with a few C-level
    substring scans) is used as is; others are ``" ".join(text.split())`` or, outside ASCII,
    :func:`normalized_words`."""
    parts = []
    for text in texts:
        clean = clean_text(text)
        if not clean.isascii():
            parts.append(normalized_words(text).encode())
        elif _canonical(clean):
            parts.append(clean.encode())  # already one space between words: no work
        else:
            parts.append(" ".join(clean.split()).encode())
    lengths = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    doc_start = np.zeros(len(parts), dtype=np.int64)
    np.cumsum(lengths[:-1] + 1, out=doc_start[1:])
    buf = np.frombuffer(b" ".join(parts) + bytes(_PAD), dtype=np.uint8)
    return buf, doc_start


def _canonical(clean: str) -> bool:
    """Whether ASCII ``clean`` has its words separated by single spaces only (most text
    after cleaning), so that ``" ".join(clean.split())`` would not change it."""
    return (
        "  " not in clean
        and "\n" not in clean
        and "\t" not in clean
        and "\r" not in clean
        and "\x0b" not in clean
        and "\x0c" not in clean
        and not clean.startswith(" ")
        and not clean.endswith(" ")
    )


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

"""Pinned shingle hash functions and batch hashing of documents into flat numpy arrays.

Every shingle is hashed as ``xxh3_64(utf8(shingle))`` (xxHash XXH3, 64-bit, seed 0). The
32-bit MinHash schemes use the *low* 32 bits of that value (``hash32``), the 64-bit scheme
the full value (``hash64``). The exact-Jaccard verification sets use the full 64 bits.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import xxhash

from bench.dedup.normalize import iter_shingle_bytes, token_bytes

__all__ = [
    "HASH32_NAME",
    "HASH64_NAME",
    "HashedCorpus",
    "hash32",
    "hash64",
    "hash_corpus",
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


def hash_corpus(texts: Iterable[str], ngram: int = 5) -> HashedCorpus:
    """Normalise, shingle and ``xxh3_64``-hash every document in one flat array."""
    if ngram < 1:
        raise ValueError(f"ngram must be >= 1, got {ngram}")
    flat: list[int] = []
    counts: list[int] = []
    extend = flat.extend
    for text in texts:
        before = len(flat)
        extend(map(_xxh3_64, iter_shingle_bytes(token_bytes(text), ngram)))
        counts.append(len(flat) - before)
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return HashedCorpus(np.array(flat, dtype=np.uint64), offsets)


def shingle_sets(texts: Iterable[str], ngram: int = 5) -> list[np.ndarray]:
    """Sorted unique 64-bit shingle hashes per document (sets for exact Jaccard)."""
    corpus = hash_corpus(texts, ngram)
    return [np.unique(corpus.doc(i)) for i in range(len(corpus))]

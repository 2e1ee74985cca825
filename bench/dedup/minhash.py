"""Vectorised MinHash signatures, bit-identical to datasketch 2.x ``MinHash`` objects.

The permutation parameters come from ``datasketch.MinHash(num_perm, seed, scheme=...)``
itself; only their application is vectorised (all shingles of a batch of documents at once,
reduced per document with ``np.minimum.reduceat``). Schemes, as in datasketch:

* ``affine32`` (default, datasketch 2.x default): ``h' = fmix32(hash32)``,
  ``phv = (a*h' + b) mod 2**32``.
* ``legacy`` (datasketch < 2.0): ``phv = ((a*h + b) mod 2**64 mod (2**61-1)) & (2**32-1)``.
* ``affine64``: ``h' = fmix64(hash64)``, ``phv = (a*h' + b) mod 2**64``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Literal

import numpy as np
from datasketch import MinHash

from bench.dedup.hashing import HASH32_NAME, HASH64_NAME, HashedCorpus, hash32, hash64, hash_corpus

__all__ = [
    "EMPTY32",
    "EMPTY64",
    "MinHashParams",
    "MinHasher",
    "Scheme",
    "empty_mask",
    "estimate_jaccard",
    "signatures",
]

logger = logging.getLogger(__name__)

Scheme = Literal["affine32", "affine64", "legacy"]
_SCHEMES: tuple[str, ...] = ("affine32", "affine64", "legacy")
Unit = Literal["word", "char"]
_UNITS: tuple[str, ...] = ("word", "char")

EMPTY32 = (1 << 32) - 1  # signature value of an empty document (32-bit schemes)
EMPTY64 = (1 << 64) - 1  # signature value of an empty document (affine64)
_MERSENNE = np.uint64((1 << 61) - 1)
_MASK32 = np.uint64(EMPTY32)
_SHIFT61 = np.uint64(61)

# MurmurHash3 finalizer constants (shift1, mult1, shift2, mult2, shift3), as in datasketch.
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_FMIX64 = (
    np.uint64(33),
    np.uint64(0xFF51AFD7ED558CCD),
    np.uint64(33),
    np.uint64(0xC4CEB9FE1A85EC53),
)


def fmix(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3 finalizer on a uint32 or uint64 array (wrapping arithmetic)."""
    s1, m1, s2, m2 = _FMIX32 if hv.dtype == np.uint32 else _FMIX64
    hv = hv ^ (hv >> s1)
    hv *= m1
    hv ^= hv >> s2
    hv *= m2
    hv ^= hv >> s1
    return hv


def mersenne_mod_low32(x: np.ndarray, tmp: np.ndarray) -> None:
    """In place ``x = (x % (2**61 - 1)) & (2**32 - 1)`` for uint64 ``x``, without division.

    ``x mod p`` for ``x < 2**64`` is ``t = (x & p) + (x >> 61)``, minus ``p`` if ``t >= p``;
    only the low 32 bits are kept, and subtracting ``p = 2**61 - 1`` adds 1 to them.
    """
    np.right_shift(x, _SHIFT61, out=tmp)
    np.bitwise_and(x, _MERSENNE, out=x)
    np.add(x, tmp, out=x)
    over = x >= _MERSENNE
    if over.any():
        x[over] += np.uint64(1)
    np.bitwise_and(x, _MASK32, out=x)


@dataclass(frozen=True, slots=True)
class MinHashParams:
    """Everything that determines a signature: permutations, shingle size, hash, scheme."""

    num_perm: int = 128
    seed: int = 1
    ngram: int = 5
    scheme: Scheme = "affine32"
    unit: Unit = "word"  # shingles of ``ngram`` words, or of ``ngram`` characters

    def __post_init__(self) -> None:
        if self.unit not in _UNITS:
            raise ValueError(f"unit must be one of {_UNITS}, got {self.unit!r}")
        if self.num_perm < 1:
            raise ValueError(f"num_perm must be >= 1, got {self.num_perm}")
        if self.ngram < 1:
            raise ValueError(f"ngram must be >= 1, got {self.ngram}")
        if self.scheme not in _SCHEMES:
            raise ValueError(f"scheme must be one of {_SCHEMES}, got {self.scheme!r}")

    @property
    def hash_name(self) -> str:
        """Pinned shingle hash: ``xxh3_64`` (affine64) or its low 32 bits (other schemes)."""
        return HASH64_NAME if self.scheme == "affine64" else HASH32_NAME

    @property
    def empty_value(self) -> int:
        """Value of every slot in the signature of a document without shingles."""
        return EMPTY64 if self.scheme == "affine64" else EMPTY32


@functools.lru_cache(maxsize=32)
def _permutations(num_perm: int, seed: int, scheme: str) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's own permutation parameters ``(a, b)`` as ``(num_perm, 1)`` columns."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme=scheme).permutations
    dtype = np.uint32 if scheme == "affine32" else np.uint64
    a_col = np.ascontiguousarray(np.asarray(a, dtype=dtype).reshape(-1, 1))
    b_col = np.ascontiguousarray(np.asarray(b, dtype=dtype).reshape(-1, 1))
    a_col.flags.writeable = False
    b_col.flags.writeable = False
    return a_col, b_col


class MinHasher:
    """Computes MinHash signatures for many documents at once (see module docstring)."""

    def __init__(self, params: MinHashParams | None = None, *, window: int | None = None) -> None:
        self.params = p = params or MinHashParams()
        # Shingles per vectorised block; the work array is (num_perm, window). The defaults
        # (a few MB of work array at num_perm=128) were the fastest measured per scheme.
        self.window = window if window is not None else (8192 if p.scheme == "affine32" else 2048)
        if self.window < 1:
            raise ValueError(f"window must be >= 1, got {window}")
        self._a, self._b = _permutations(p.num_perm, p.seed, p.scheme)
        self._dtype = np.uint32 if p.scheme == "affine32" else np.uint64

    @property
    def hashfunc(self) -> Callable[[bytes], int]:
        """The shingle hash as a datasketch ``hashfunc`` (bytes -> int)."""
        return hash64 if self.params.scheme == "affine64" else hash32

    def datasketch_minhash(self) -> MinHash:
        """An empty datasketch ``MinHash`` that produces the same signatures as this object."""
        p = self.params
        return MinHash(num_perm=p.num_perm, seed=p.seed, hashfunc=self.hashfunc, scheme=p.scheme)

    def signatures(self, texts: Iterable[str], batch_docs: int = 1024) -> np.ndarray:
        """Signatures ``(n_docs, num_perm)`` uint64 of raw texts (normalised and shingled)."""
        it = iter(texts)
        parts: list[np.ndarray] = []
        while batch := list(islice(it, batch_docs)):
            corpus = hash_corpus(batch, self.params.ngram, self.params.unit)
            parts.append(self.signatures_from_corpus(corpus))
        if not parts:
            return np.empty((0, self.params.num_perm), dtype=np.uint64)
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def signatures_from_shingles(self, docs: Iterable[Iterable[str]]) -> np.ndarray:
        """Signatures of already-shingled documents (shingles hashed as UTF-8)."""
        flat: list[int] = []
        counts: list[int] = []
        for shingles in docs:
            before = len(flat)
            flat.extend(hash64(s.encode()) for s in shingles)
            counts.append(len(flat) - before)
        offsets = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        return self.signatures_from_corpus(HashedCorpus(np.array(flat, dtype=np.uint64), offsets))

    def signatures_from_corpus(self, corpus: HashedCorpus) -> np.ndarray:
        """Signatures from flat 64-bit shingle hashes (see :func:`hash_corpus`)."""
        p = self.params
        n = len(corpus)
        out = np.full((n, p.num_perm), p.empty_value, dtype=self._dtype)
        counts = corpus.counts
        nonempty = np.flatnonzero(counts > 0)
        if nonempty.size:
            starts = corpus.offsets[:-1][nonempty]
            self._reduce(self._prepare(corpus.hashes), starts, nonempty, out)
        return out.astype(np.uint64, copy=False)

    def _prepare(self, hashes: np.ndarray) -> np.ndarray:
        """Turn 64-bit shingle hashes into the scheme's (pre-mixed) permutation input."""
        scheme = self.params.scheme
        if scheme == "affine64":
            return fmix(hashes)  # fmix never writes to its input
        if scheme == "affine32":
            return fmix((hashes & _MASK32).astype(np.uint32))
        return hashes & _MASK32

    def _permute(self, hv: np.ndarray, buf: np.ndarray, tmp: np.ndarray | None) -> None:
        """``buf[k, j] = perm_k(hv[j])`` for the configured scheme, in place."""
        np.multiply(self._a, hv, out=buf)
        np.add(buf, self._b, out=buf)
        if tmp is not None:  # legacy; for the affine schemes wraparound is the modulus
            mersenne_mod_low32(buf, tmp)

    def _reduce(
        self, hv: np.ndarray, starts: np.ndarray, docs: np.ndarray, out: np.ndarray
    ) -> None:
        """Min over each document's shingles, in windows of ``self.window`` shingles."""
        total = hv.size
        width = min(self.window, total)
        buf = np.empty((self.params.num_perm, width), dtype=self._dtype)
        tmp = np.empty_like(buf) if self.params.scheme == "legacy" else None
        for w0 in range(0, total, width):
            w1 = min(total, w0 + width)
            i0 = int(np.searchsorted(starts, w0, side="right")) - 1
            i1 = int(np.searchsorted(starts, w1, side="left"))
            local = starts[i0:i1] - w0
            local[0] = 0  # the first document may have started in an earlier window
            m = w1 - w0
            block = buf[:, :m]
            self._permute(hv[w0:w1], block, None if tmp is None else tmp[:, :m])
            mins = np.minimum.reduceat(block, local, axis=1).T
            seg_docs = docs[i0:i1]
            if starts[i0] < w0:  # continuation of a document split across windows
                mins[0] = np.minimum(mins[0], out[seg_docs[0]])
            out[seg_docs] = mins


def signatures(
    texts: Iterable[str],
    num_perm: int = 128,
    seed: int = 1,
    ngram: int = 5,
    scheme: Scheme = "affine32",
    unit: Unit = "word",
) -> np.ndarray:
    """MinHash signatures ``(n_docs, num_perm)`` uint64; empty documents are all-max rows."""
    return MinHasher(MinHashParams(num_perm, seed, ngram, scheme, unit)).signatures(texts)


def empty_mask(sigs: np.ndarray) -> np.ndarray:
    """Rows that are signatures of documents without shingles (all slots at the max)."""
    if sigs.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    first = sigs[:, 0]
    maxed = (first == np.uint64(EMPTY32)) | (first == np.uint64(EMPTY64))
    return maxed & (sigs == first[:, None]).all(axis=1)


def estimate_jaccard(sigs: np.ndarray, pairs: Sequence[Sequence[int]] | np.ndarray) -> np.ndarray:
    """MinHash Jaccard estimates (share of equal slots) for index pairs ``(k, 2)``."""
    idx = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    return (sigs[idx[:, 0]] == sigs[idx[:, 1]]).mean(axis=1)

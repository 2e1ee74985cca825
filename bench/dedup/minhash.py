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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice, pairwise
from typing import Literal

import numpy as np
from datasketch import MinHash

from bench.dedup.hashing import (
    HASH32_NAME,
    HASH64_NAME,
    HashedCorpus,
    hash32,
    hash64,
    hash_spans,
)

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


# numpy's ufunc buffer size (elements) while permuting: with the default (8192), a (num_perm, m)
# operation broadcast from a (num_perm, 1) column is 2-3 times slower when m < 8192.
_BUFSIZE = 256


@contextmanager
def _ufunc_bufsize(size: int) -> Iterator[None]:
    """numpy's ufunc buffer size set to ``size`` inside the block, restored after it."""
    old = np.setbufsize(size)
    try:
        yield
    finally:
        np.setbufsize(old)


class MinHasher:
    """Computes MinHash signatures for many documents at once (see module docstring)."""

    def __init__(self, params: MinHashParams | None = None, *, window: int | None = None) -> None:
        self.params = p = params or MinHashParams()
        # Documents are permuted in groups that start within `window` shingles of each other;
        # the work array is (num_perm, 2 * window). The defaults (2 MB of work array at
        # num_perm=128, in a core's L2 cache here) were the fastest measured per scheme.
        self.window = window if window is not None else (2048 if p.scheme == "affine32" else 1024)
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
            spans = hash_spans(batch, self.params.ngram, self.params.unit)
            parts.append(self._signatures(spans.hashes, spans.starts, spans.stops))
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
        return self._signatures(corpus.hashes, corpus.offsets[:-1], corpus.offsets[1:])

    def _signatures(self, hashes: np.ndarray, starts: np.ndarray, stops: np.ndarray) -> np.ndarray:
        """Signatures of the documents whose shingle hashes are ``hashes[starts[i]:stops[i]]``."""
        p = self.params
        out = np.full((starts.size, p.num_perm), p.empty_value, dtype=self._dtype)
        nonempty = np.flatnonzero(stops > starts)
        if nonempty.size:
            mins = np.empty((p.num_perm, nonempty.size), dtype=self._dtype)
            self._reduce(self._prepare(hashes), starts[nonempty], stops[nonempty], mins)
            out[nonempty] = mins.T
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
        self, hv: np.ndarray, starts: np.ndarray, stops: np.ndarray, mins: np.ndarray
    ) -> None:
        """``mins[:, i]``: min over the shingles ``hv[starts[i]:stops[i]]`` of each permutation
        (non-empty documents in order; gaps between them are skipped).

        Documents are taken in groups of whole documents starting in the same span of
        ``window`` shingles (at most ``2 * window`` shingles, a work array that stays in the
        CPU cache), one ``reduceat`` a group; a longer group is cut into windows."""
        w = self.window
        buf = np.empty((self.params.num_perm, 2 * w), dtype=self._dtype)
        tmp = np.empty_like(buf) if self.params.scheme == "legacy" else None
        key = starts // w
        cuts = np.flatnonzero(key[1:] != key[:-1]) + 1
        edges = [0, *cuts.tolist(), starts.size]
        # reduceat bounds: start, stop, next start, ... (the gaps' minima are not used)
        bounds = np.empty(2 * starts.size, dtype=np.int64)
        bounds[0::2] = starts
        bounds[1::2] = stops
        with _ufunc_bufsize(_BUFSIZE):
            for i0, i1 in pairwise(edges):
                s0, s1 = int(starts[i0]), int(stops[i1 - 1])
                if s1 - s0 > 2 * w:
                    pieces = zip(starts[i0:i1].tolist(), stops[i0:i1].tolist(), strict=True)
                    group = np.concatenate([hv[a:b] for a, b in pieces])
                    ends = np.cumsum(stops[i0:i1] - starts[i0:i1])
                    self._reduce_long(group, ends, mins[:, i0:i1], buf, tmp)
                    continue
                block = buf[:, : s1 - s0]
                self._permute(hv[s0:s1], block, None if tmp is None else tmp[:, : s1 - s0])
                if i1 - i0 == 1:
                    np.minimum.reduce(block, axis=1, out=mins[:, i0])
                else:
                    at = bounds[2 * i0 : 2 * i1 - 1] - s0
                    mins[:, i0:i1] = np.minimum.reduceat(block, at, axis=1)[:, ::2]

    def _reduce_long(
        self,
        hv: np.ndarray,
        ends: np.ndarray,
        mins: np.ndarray,
        buf: np.ndarray,
        tmp: np.ndarray | None,
    ) -> None:
        """:meth:`_reduce` for consecutive documents (``hv[ends[i-1]:ends[i]]``) that do not
        fit the work array: in windows of its width, a document split across windows carried
        over."""
        starts = np.concatenate(([0], ends[:-1]))
        total, width = int(ends[-1]), buf.shape[1]
        for w0 in range(0, total, width):
            w1 = min(total, w0 + width)
            i0 = int(np.searchsorted(starts, w0, side="right")) - 1
            i1 = int(np.searchsorted(starts, w1, side="left"))
            local = starts[i0:i1] - w0
            local[0] = 0  # the first document may have started in an earlier window
            m = w1 - w0
            block = buf[:, :m]
            self._permute(hv[w0:w1], block, None if tmp is None else tmp[:, :m])
            seg = np.minimum.reduceat(block, local, axis=1)
            if starts[i0] < w0:  # continuation of a document split across windows
                np.minimum(seg[:, 0], mins[:, i0], out=seg[:, 0])
            mins[:, i0:i1] = seg


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

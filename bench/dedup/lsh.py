"""Banding LSH over MinHash signatures: band/row choice, batch index, candidate pairs.

Each band of ``rows`` signature slots is reduced to a 64-bit key (xor-multiply chain over
the slots, then the MurmurHash3 finalizer); documents with equal keys in any band share a
bucket. A key collision between *different* band contents has probability ~2**-64 per pair
and band and only adds a candidate. Buckets larger than ``max_bucket_size`` (thousands of
empty-ish or boilerplate-only pages with identical signatures) are not expanded into all
pairs: with ``big_bucket="star"`` every member is paired with the bucket's smallest id
(``size - 1`` pairs, same connected component), with ``"skip"`` the bucket yields nothing.
So each band yields at most ``n * (max_bucket_size - 1) / 2`` pairs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bench.dedup.minhash import empty_mask, fmix

__all__ = [
    "BucketStats",
    "LSHIndex",
    "candidate_probability",
    "choose_bands",
    "s_curve_midpoint",
]

logger = logging.getLogger(__name__)

BigBucketPolicy = Literal["star", "skip"]
_KEY_SEED = np.uint64(0x9E3779B97F4A7C15)
_KEY_MULT = np.uint64(0xBF58476D1CE4E5B9)


def choose_bands(
    threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
) -> tuple[int, int]:
    """``(bands, rows)`` minimising weighted false-positive + false-negative area.

    Same objective, search order and tie rule as datasketch's ``MinHashLSH`` parameter
    optimisation; the integrals are computed exactly by Gauss-Legendre quadrature (the
    integrands are polynomials of degree ``bands * rows <= num_perm``).
    """
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}")
    if num_perm < 1:
        raise ValueError(f"num_perm must be >= 1, got {num_perm}")
    fp_weight, fn_weight = weights
    if min(weights) < 0.0 or abs(fp_weight + fn_weight - 1.0) > 1e-12:
        raise ValueError(f"weights must be non-negative and sum to 1, got {weights}")
    nodes, gl_weights = np.polynomial.legendre.leggauss(num_perm // 2 + 1)
    s_fp = threshold / 2 * (nodes + 1)  # nodes on [0, threshold]
    w_fp = threshold / 2 * gl_weights
    s_fn = threshold + (1 - threshold) / 2 * (nodes + 1)  # nodes on [threshold, 1]
    w_fn = (1 - threshold) / 2 * gl_weights
    best_err, best = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        r = np.arange(1, num_perm // b + 1, dtype=np.float64)[:, None]
        fp = ((1 - (1 - s_fp**r) ** b) * w_fp).sum(axis=1)
        fn = (((1 - s_fn**r) ** b) * w_fn).sum(axis=1)
        err = fp * fp_weight + fn * fn_weight
        i = int(np.argmin(err))
        if err[i] < best_err:
            best_err, best = float(err[i]), (b, i + 1)
    return best


def s_curve_midpoint(bands: int, rows: int) -> float:
    """Approximate similarity where the candidate probability rises steepest."""
    return (1.0 / bands) ** (1.0 / rows)


def s_curve_half_point(bands: int, rows: int) -> float:
    """The similarity at which a pair becomes a candidate with probability exactly 0.5."""
    return (1.0 - 0.5 ** (1.0 / bands)) ** (1.0 / rows)


def candidate_probability(s: float | np.ndarray, bands: int, rows: int) -> float | np.ndarray:
    """Probability that a pair with Jaccard ``s`` collides in at least one band."""
    return 1.0 - (1.0 - np.asarray(s, dtype=np.float64) ** rows) ** bands


@dataclass(frozen=True, slots=True)
class BucketStats:
    """Bucket occupancy of the last candidate-pair pass."""

    shared_buckets: int  # buckets with >= 2 members, over all bands
    oversize_buckets: int  # buckets above max_bucket_size
    oversize_members: int  # total members of oversize buckets
    largest_bucket: int


def _run_bounds(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and size of each run of equal values in sorted ``keys``."""
    if keys.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cut = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts = np.concatenate(([0], cut))
    sizes = np.diff(np.concatenate((starts, [keys.size])))
    return starts, sizes


def _expand_runs(starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Positions ``start, ..., start + size - 1`` of every run, concatenated."""
    total = int(sizes.sum())
    run_first = np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(starts, sizes) + (np.arange(total) - run_first)


def _band_pairs(
    ids: np.ndarray, starts: np.ndarray, sizes: np.ndarray, cap: int, policy: BigBucketPolicy
) -> list[np.ndarray]:
    """Candidate pairs of one band from its sorted ids and bucket runs (ids ascend in a run)."""
    out: list[np.ndarray] = []
    small = (sizes >= 2) & (sizes <= cap)
    pos = _expand_runs(starts[small], sizes[small])
    end = np.repeat((starts + sizes)[small], sizes[small])
    d = 1
    while pos.size:  # pairs at distance d inside a run; total work ~ number of pairs
        keep = pos + d < end
        pos, end = pos[keep], end[keep]
        if pos.size:
            out.append(np.stack((ids[pos], ids[pos + d]), axis=1))
        d += 1
    big = sizes > cap
    if policy == "star" and big.any():
        b_starts, b_sizes = starts[big], sizes[big]
        members = _expand_runs(b_starts + 1, b_sizes - 1)
        reps = np.repeat(ids[b_starts], b_sizes - 1)
        out.append(np.stack((reps, ids[members]), axis=1))
    return out


class LSHIndex:
    """Banded MinHash LSH index with batch insert, all-pairs candidates and batch queries.

    Documents get consecutive integer ids in insertion order. Empty-document signatures
    (see :func:`~bench.dedup.minhash.empty_mask`) get an id but are never bucketed.
    """

    def __init__(
        self,
        num_perm: int = 128,
        bands: int | None = None,
        rows: int | None = None,
        *,
        threshold: float = 0.8,
        weights: tuple[float, float] = (0.5, 0.5),
        max_bucket_size: int = 256,
        big_bucket: BigBucketPolicy = "star",
    ) -> None:
        if (bands is None) != (rows is None):
            raise ValueError("give both bands and rows, or neither")
        if bands is None or rows is None:
            bands, rows = choose_bands(threshold, num_perm, weights)
        if bands < 1 or rows < 1 or bands * rows > num_perm:
            raise ValueError(f"need bands * rows <= num_perm, got {bands}*{rows} > {num_perm}")
        if max_bucket_size < 2:
            raise ValueError(f"max_bucket_size must be >= 2, got {max_bucket_size}")
        if big_bucket not in ("star", "skip"):
            raise ValueError(f"big_bucket must be 'star' or 'skip', got {big_bucket!r}")
        self.num_perm, self.bands, self.rows = num_perm, bands, rows
        self.max_bucket_size = max_bucket_size
        self.big_bucket: BigBucketPolicy = big_bucket
        self._n = 0
        self._key_chunks: list[np.ndarray] = []  # (m, bands) uint64 per inserted batch
        self._id_chunks: list[np.ndarray] = []
        self._empty_chunks: list[np.ndarray] = []
        self._sorted: tuple[np.ndarray, np.ndarray] | None = None  # (bands, m) keys, ids
        self.stats = BucketStats(0, 0, 0, 0)

    def __len__(self) -> int:
        return self._n

    @property
    def s_curve_midpoint(self) -> float:
        """Midpoint of this index's candidate-probability S-curve."""
        return s_curve_midpoint(self.bands, self.rows)

    @property
    def empty(self) -> np.ndarray:
        """Boolean mask over ids: documents that were inserted with an empty signature."""
        return np.concatenate(self._empty_chunks) if self._empty_chunks else np.zeros(0, bool)

    def band_keys(self, sigs: np.ndarray) -> np.ndarray:
        """64-bit bucket key ``(n, bands)`` of each band of each signature."""
        sigs = np.asarray(sigs)
        if sigs.ndim != 2 or sigs.shape[1] != self.num_perm:
            raise ValueError(f"expected signatures (n, {self.num_perm}), got {sigs.shape}")
        used = sigs[:, : self.bands * self.rows].astype(np.uint64, copy=False)
        blocks = used.reshape(len(sigs), self.bands, self.rows)
        keys = np.full((len(sigs), self.bands), _KEY_SEED, dtype=np.uint64)
        for j in range(self.rows):
            keys ^= blocks[:, :, j]
            keys *= _KEY_MULT
        return fmix(keys)

    def insert(self, sigs: np.ndarray) -> np.ndarray:
        """Add a batch of signatures; returns their ids."""
        keys = self.band_keys(sigs)
        empty = empty_mask(np.asarray(sigs))
        ids = np.arange(self._n, self._n + len(keys), dtype=np.int64)
        self._key_chunks.append(keys[~empty])
        self._id_chunks.append(ids[~empty])
        self._empty_chunks.append(empty)
        self._n += len(keys)
        self._sorted = None
        return ids

    def _ensure_sorted(self) -> tuple[np.ndarray, np.ndarray]:
        if self._sorted is None:
            if self._key_chunks:
                keys = np.concatenate(self._key_chunks)
                ids = np.concatenate(self._id_chunks)
            else:
                keys = np.zeros((0, self.bands), np.uint64)
                ids = np.zeros(0, np.int64)
            self._key_chunks, self._id_chunks = [keys], [ids]
            order = np.argsort(keys, axis=0, kind="stable")  # ids ascend within a bucket
            self._sorted = (
                np.ascontiguousarray(np.take_along_axis(keys, order, axis=0).T),
                np.ascontiguousarray(ids[order].T),
            )
        return self._sorted

    def candidate_pairs(self, new_since: int = 0) -> np.ndarray:
        """Unique candidate pairs ``(k, 2)`` int64 with ``i < j``, sorted; only pairs with
        ``j >= new_since`` when given (pairs touching documents inserted since then)."""
        keys, ids = self._ensure_sorted()
        parts: list[np.ndarray] = []
        shared = oversize = oversize_members = largest = 0
        for band in range(self.bands):
            starts, sizes = _run_bounds(keys[band])
            if sizes.size:
                largest = max(largest, int(sizes.max()))
            shared += int((sizes >= 2).sum())
            big = sizes > self.max_bucket_size
            oversize += int(big.sum())
            oversize_members += int(sizes[big].sum())
            parts += _band_pairs(ids[band], starts, sizes, self.max_bucket_size, self.big_bucket)
        self.stats = BucketStats(shared, oversize, oversize_members, largest)
        if oversize:
            logger.warning(
                "%d LSH buckets exceed max_bucket_size=%d (largest %d, %d members): %s",
                oversize,
                self.max_bucket_size,
                largest,
                oversize_members,
                "paired with their smallest id" if self.big_bucket == "star" else "skipped",
            )
        if not parts:
            return np.zeros((0, 2), dtype=np.int64)
        pairs = np.concatenate(parts)
        if new_since:
            pairs = pairs[pairs[:, 1] >= new_since]
        n = np.int64(max(self._n, 1))
        code = np.unique(pairs[:, 0] * n + pairs[:, 1])
        return np.stack((code // n, code % n), axis=1)

    def query(self, sigs: np.ndarray) -> list[np.ndarray]:
        """Ids of indexed documents sharing a bucket with each query signature (sorted).

        An oversize bucket contributes only its smallest id (``"star"``) or nothing.
        """
        qkeys = self.band_keys(sigs)
        empty = empty_mask(np.asarray(sigs))
        keys, ids = self._ensure_sorted()
        m = len(qkeys)
        q_parts: list[np.ndarray] = []
        c_parts: list[np.ndarray] = []
        for band in range(self.bands):
            left = np.searchsorted(keys[band], qkeys[:, band], side="left")
            counts = np.searchsorted(keys[band], qkeys[:, band], side="right") - left
            counts[empty] = 0
            big = counts > self.max_bucket_size
            counts[big] = 1 if self.big_bucket == "star" else 0
            pos = _expand_runs(left, counts)
            q_parts.append(np.repeat(np.arange(m, dtype=np.int64), counts))
            c_parts.append(ids[band][pos])
        q = np.concatenate(q_parts) if q_parts else np.zeros(0, np.int64)
        c = np.concatenate(c_parts) if c_parts else np.zeros(0, np.int64)
        n = np.int64(max(self._n, 1))
        code = np.unique(q * n + c)
        q, c = code // n, code % n
        bounds = np.searchsorted(q, np.arange(m + 1))
        return [c[bounds[i] : bounds[i + 1]] for i in range(m)]

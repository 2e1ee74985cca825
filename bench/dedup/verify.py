"""Exact Jaccard verification of candidate pairs on their shingle sets.

Sets hold the 64-bit ``xxh3_64`` hashes of the shingles (see :mod:`bench.dedup.hashing`), so
"exact" means exact up to a 64-bit hash collision (~``k**2 / 2**65`` for ``k`` shingles).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["VerifiedPairs", "jaccard", "verify_pairs"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, eq=False)
class VerifiedPairs:
    """Pairs ``(k, 2)`` at or above the threshold and their exact Jaccard similarities."""

    pairs: np.ndarray
    jaccard: np.ndarray


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique arrays; 0.0 if either is empty."""
    if a.size == 0 or b.size == 0:
        return 0.0
    if a.size > b.size:
        a, b = b, a
    pos = np.searchsorted(b, a)
    pos[pos == b.size] = 0
    inter = int(np.count_nonzero(b[pos] == a))
    return inter / (a.size + b.size - inter)


def verify_pairs(
    pairs: np.ndarray,
    sets: Sequence[np.ndarray] | Mapping[int, np.ndarray],
    threshold: float,
) -> VerifiedPairs:
    """Keep the pairs whose exact Jaccard (``sets[i]`` vs ``sets[j]``) is ``>= threshold``.

    ``sets`` maps a document index to its sorted unique shingle hashes
    (:func:`~bench.dedup.hashing.shingle_sets`); a dict of just the candidate documents will do.
    """
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    sims = np.fromiter(
        (jaccard(sets[i], sets[j]) for i, j in pairs.tolist()), dtype=np.float64, count=len(pairs)
    )
    keep = sims >= threshold
    logger.info("verified %d of %d candidate pairs at J >= %.3f", keep.sum(), len(pairs), threshold)
    return VerifiedPairs(pairs[keep], sims[keep])

"""One-call near-duplicate detection: signatures -> LSH candidates -> verify -> clusters."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bench.dedup.clusters import cluster_labels
from bench.dedup.hashing import shingle_sets
from bench.dedup.lsh import LSHIndex
from bench.dedup.minhash import MinHasher, MinHashParams, Scheme, empty_mask
from bench.dedup.verify import verify_pairs

__all__ = ["DedupResult", "find_duplicates"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, eq=False)
class DedupResult:
    """Outcome of :func:`find_duplicates`; pair arrays are ``(k, 2)`` int64 with ``i < j``."""

    params: MinHashParams
    threshold: float
    bands: int
    rows: int
    s_curve_midpoint: float
    candidate_pairs: np.ndarray
    verified_pairs: np.ndarray | None  # None unless verify=True
    verified_jaccard: np.ndarray | None  # exact Jaccard of verified_pairs
    labels: np.ndarray  # cluster label per document: smallest index in its cluster
    empty: np.ndarray  # documents without shingles (never matched)

    @property
    def pairs(self) -> np.ndarray:
        """The pairs the clusters were built from (verified if verification ran)."""
        return self.candidate_pairs if self.verified_pairs is None else self.verified_pairs


def find_duplicates(
    texts: Sequence[str],
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    seed: int = 1,
    verify: bool = False,
    *,
    scheme: Scheme = "affine32",
    max_bucket_size: int = 256,
    batch_docs: int = 4096,
) -> DedupResult:
    """Near-duplicate clusters of ``texts`` at Jaccard ``threshold`` on word ``ngram`` shingles.

    With ``verify`` the LSH candidates are filtered by exact shingle-set Jaccard >= threshold.
    """
    params = MinHashParams(num_perm, seed, ngram, scheme)
    hasher = MinHasher(params)
    index = LSHIndex(num_perm, threshold=threshold, max_bucket_size=max_bucket_size)
    empties: list[np.ndarray] = []
    for start in range(0, len(texts), batch_docs):
        sigs = hasher.signatures(texts[start : start + batch_docs], batch_docs=batch_docs)
        empties.append(empty_mask(sigs))
        index.insert(sigs)
    candidates = index.candidate_pairs()
    logger.info(
        "%d docs, b=%d r=%d: %d candidate pairs",
        len(texts),
        index.bands,
        index.rows,
        len(candidates),
    )
    verified = jaccards = None
    pairs = candidates
    if verify:
        involved = np.unique(candidates)
        sets_of = dict(
            zip(
                involved.tolist(),
                shingle_sets((texts[i] for i in involved.tolist()), ngram),
                strict=True,
            )
        )
        result = verify_pairs(candidates, sets_of, threshold)
        verified, jaccards = result.pairs, result.jaccard
        pairs = verified
    return DedupResult(
        params=params,
        threshold=threshold,
        bands=index.bands,
        rows=index.rows,
        s_curve_midpoint=index.s_curve_midpoint,
        candidate_pairs=candidates,
        verified_pairs=verified,
        verified_jaccard=jaccards,
        labels=cluster_labels(len(texts), pairs),
        empty=np.concatenate(empties) if empties else np.zeros(0, dtype=bool),
    )

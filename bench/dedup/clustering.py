"""Three ways from candidate pairs to clusters, measured side by side.

* ``candidates``: union-find over every LSH candidate pair (what datatrove and NeMo Curator
  do). One chance collision joins two whole clusters, so chains of near-duplicates of
  near-duplicates can merge a whole site's pages into one cluster.
* ``verified``: union-find over the candidate pairs whose exact Jaccard (on the method's
  shingle sets) is at least the threshold (text-dedup's ``check_false_positive``).
* ``guarded``: ``candidates`` clusters split against transitive chains: the first document
  of a cluster keeps the members within the threshold of it, and the rest is split again the
  same way from its own first document.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from bench.dedup.clusters import cluster_labels, clusters
from bench.dedup.verify import jaccard

__all__ = ["CLUSTERINGS", "Clustered", "JaccardOracle", "cluster"]

CLUSTERINGS = ("candidates", "verified", "guarded")


class JaccardOracle:
    """Exact Jaccard of document pairs; shingle sets are computed once, only when asked."""

    def __init__(self, sets_of: Callable[[Sequence[int]], list[np.ndarray]]) -> None:
        self._sets_of = sets_of
        self._cache: dict[int, np.ndarray] = {}

    def prefetch(self, docs: np.ndarray) -> None:
        missing = [int(d) for d in np.unique(docs) if int(d) not in self._cache]
        if missing:
            self._cache.update(zip(missing, self._sets_of(missing), strict=True))

    def __call__(self, pairs: np.ndarray) -> np.ndarray:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        self.prefetch(pairs.reshape(-1))
        cache = self._cache
        return np.fromiter(
            (jaccard(cache[i], cache[j]) for i, j in pairs.tolist()),
            dtype=np.float64,
            count=len(pairs),
        )


@dataclass(frozen=True, slots=True, eq=False)
class Clustered:
    """Cluster label per document (its cluster's smallest index) and the pairs kept."""

    strategy: str
    labels: np.ndarray
    pairs: np.ndarray


def cluster(
    n: int, pairs: np.ndarray, strategy: str, threshold: float, oracle: JaccardOracle | None
) -> Clustered:
    """Clusters of ``n`` documents from candidate ``pairs`` by ``strategy``."""
    if strategy == "candidates":
        return Clustered(strategy, cluster_labels(n, pairs), pairs)
    if oracle is None:
        raise ValueError(f"clustering {strategy!r} needs the documents' shingle sets")
    if strategy == "verified":
        kept = pairs[oracle(pairs) >= threshold] if len(pairs) else pairs
        return Clustered(strategy, cluster_labels(n, kept), kept)
    if strategy == "guarded":
        labels = cluster_labels(n, pairs)
        kept: list[np.ndarray] = []
        for members in clusters(labels):
            oracle.prefetch(members)
            rest = np.sort(members)
            while rest.size > 1:
                center = rest[0]
                sims = oracle(np.stack((np.full(rest.size - 1, center), rest[1:]), axis=1))
                close = rest[1:][sims >= threshold]
                labels[close] = center
                labels[center] = center
                kept.append(np.stack((np.full(close.size, center), close), axis=1))
                rest = rest[1:][sims < threshold]
            if rest.size == 1:
                labels[rest[0]] = rest[0]
        pairs_kept = np.concatenate(kept) if kept else np.zeros((0, 2), np.int64)
        return Clustered(strategy, labels, pairs_kept)
    raise ValueError(f"unknown clustering {strategy!r} (choose from {', '.join(CLUSTERINGS)})")

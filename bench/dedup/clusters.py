"""Union-find clustering of duplicate pairs; a cluster's id is its smallest member index."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

__all__ = ["UnionFind", "cluster_labels", "clusters"]


class UnionFind:
    """Disjoint sets over ``0..n-1``; the root of a set is always its smallest element."""

    __slots__ = ("_parent",)

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def find(self, x: int) -> int:
        """Root (smallest member) of ``x``'s set, with path halving."""
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> int:
        """Merge the sets of ``a`` and ``b``; returns the new root."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        return ra

    def labels(self) -> np.ndarray:
        """Root of every element (int64)."""
        # parent[x] <= x always, so repeated pointer jumping converges to the roots.
        labels = np.asarray(self._parent, dtype=np.int64)
        while True:
            nxt = labels[labels]
            if np.array_equal(nxt, labels):
                return labels
            labels = nxt


def cluster_labels(n: int, pairs: Iterable[Sequence[int]] | np.ndarray) -> np.ndarray:
    """Cluster label per document: the smallest index in its connected component."""
    uf = UnionFind(n)
    rows = pairs.tolist() if isinstance(pairs, np.ndarray) else pairs
    for i, j in rows:
        if not (0 <= i < n and 0 <= j < n):
            raise IndexError(f"pair ({i}, {j}) out of range for {n} documents")
        uf.union(i, j)
    return uf.labels()


def clusters(labels: np.ndarray, min_size: int = 2) -> list[np.ndarray]:
    """Member indices of each cluster with ``>= min_size`` members, ordered by label."""
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    _, starts, counts = np.unique(labels[order], return_index=True, return_counts=True)
    return [order[s : s + c] for s, c in zip(starts, counts, strict=True) if c >= min_size]

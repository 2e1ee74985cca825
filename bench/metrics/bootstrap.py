"""The one seeded bootstrap over pages: resample page indices, recompute the corpus statistic.

The ``*_std`` a metric's ``aggregate`` returns, the intervals in ``summary.json`` and the
paired tests of reports and ``compare`` all draw their resamples from :func:`iter_resamples`,
so the first 1,000 resamples behind a std are the ones behind an interval.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from bench.metrics.base import Statistic

__all__ = [
    "Statistic",
    "bootstrap_std",
    "iter_resamples",
    "replicates",
    "resample_indices",
    "row_blocks",
    "std",
]

_CHUNK = 100  # resamples per vectorised step, to bound memory on large corpora
# Elements (resamples × pages) a statistic gathers at once: a chunk of 100 resamples of
# 100,000 pages is computed 5 resamples at a time (each row's value is the same either way).
_GATHER = 500_000


def iter_resamples(n_items: int, seed: int, n_resamples: int) -> Iterator[np.ndarray]:
    """Resample index arrays of ``_CHUNK`` rows, drawn from one generator seeded with
    ``seed``: the same seed gives the same resamples, and the first rows do not depend on
    how many are drawn, without holding ``n_resamples × n_items`` indices at once."""
    rng = np.random.default_rng(seed)
    for start in range(0, n_resamples, _CHUNK):
        yield rng.integers(0, n_items, size=(min(_CHUNK, n_resamples - start), n_items))


def row_blocks(idx: np.ndarray) -> Iterator[np.ndarray]:
    """The rows of a resample index array a few at a time (all at once on small corpora),
    so what a statistic gathers from them stays small on large ones."""
    rows = max(1, min(len(idx), _GATHER // max(1, idx.shape[1])))
    for start in range(0, len(idx), rows):
        yield idx[start : start + rows]


def resample_indices(n_items: int, seed: int, n_resamples: int) -> np.ndarray:
    """Every resample at once, ``(n_resamples, n_items)``: the rows :func:`iter_resamples`
    yields."""
    return np.random.default_rng(seed).integers(0, n_items, size=(n_resamples, n_items))


def replicates(
    statistic: Statistic, n_items: int, *, seed: int, n_resamples: int
) -> dict[str, np.ndarray]:
    """Each statistic recomputed on ``n_resamples`` seeded resamples: ``key → (B,)``. Two
    page lists of the same length and seed get the same indices (a *paired* bootstrap)."""
    if n_items == 0 or n_resamples < 1:
        return {}
    parts: dict[str, list[np.ndarray]] = {}
    for chunk in iter_resamples(n_items, seed, n_resamples):
        for idx in row_blocks(chunk):
            for key, values in statistic(idx).items():
                parts.setdefault(key, []).append(np.asarray(values, dtype=float))
    return {key: np.concatenate(values) for key, values in parts.items()}


def std(reps: dict[str, np.ndarray], n_resamples: int) -> dict[str, float]:
    """Standard deviation (``ddof=1``) of each statistic over the first ``n_resamples``."""
    if n_resamples < 2:
        return {}
    return {key: float(np.std(values[:n_resamples], ddof=1)) for key, values in reps.items()}


def bootstrap_std(
    statistic: Statistic, n_items: int, *, seed: int, n_resamples: int = 1000
) -> dict[str, float]:
    """Standard deviation of each statistic over ``n_resamples`` bootstrap resamples."""
    if n_items == 0 or n_resamples < 2:
        return {}
    reps = replicates(statistic, n_items, seed=seed, n_resamples=n_resamples)
    return std(reps, n_resamples)

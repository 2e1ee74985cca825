"""Seeded bootstrap over pages: resample page indices, recompute the corpus statistic."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Statistic = Callable[[np.ndarray], dict[str, np.ndarray]]
_CHUNK = 100  # resamples per vectorised step, to bound memory on large corpora


def resample_indices(n_items: int, seed: int, n_resamples: int) -> np.ndarray:
    """The same seed gives the same resamples, so reruns give byte-identical scores."""
    return np.random.default_rng(seed).integers(0, n_items, size=(n_resamples, n_items))


def bootstrap_std(
    statistic: Statistic, n_items: int, *, seed: int, n_resamples: int = 1000
) -> dict[str, float]:
    """Standard deviation of each statistic over ``n_resamples`` bootstrap resamples."""
    if n_items == 0 or n_resamples < 2:
        return {}
    indices = resample_indices(n_items, seed, n_resamples)
    values: dict[str, list[np.ndarray]] = {}
    for start in range(0, n_resamples, _CHUNK):
        for key, array in statistic(indices[start : start + _CHUNK]).items():
            values.setdefault(key, []).append(array)
    return {key: float(np.std(np.concatenate(parts), ddof=1)) for key, parts in values.items()}

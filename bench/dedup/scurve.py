"""The S-curve, measured: for the gold duplicate pairs of a corpus, the share that became LSH
candidates against their exact Jaccard, beside the theoretical ``1 - (1 - s^r)^b``."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations
from typing import Any

import numpy as np

from bench.dedup.clustering import JaccardOracle
from bench.dedup.lsh import candidate_probability

__all__ = ["gold_pairs", "measured_s_curve"]

MAX_GOLD_PAIRS = 100_000
BINS = 10


def gold_pairs(groups: Sequence[str | None], seed: int = 1) -> np.ndarray:
    """Every pair of documents in one gold group (sampled down to ``MAX_GOLD_PAIRS``)."""
    by_group: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        if group is not None:
            by_group.setdefault(group, []).append(i)
    pairs = [p for members in by_group.values() for p in combinations(members, 2)]
    if len(pairs) > MAX_GOLD_PAIRS:
        pairs = sorted(random.Random(seed).sample(pairs, MAX_GOLD_PAIRS))
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def measured_s_curve(
    pairs: np.ndarray,
    candidates: np.ndarray,
    oracle: JaccardOracle,
    n_docs: int,
    bands: int | None,
    rows: int | None,
) -> dict[str, Any]:
    """Per Jaccard bin of the gold ``pairs``: how many, how many were candidates, the share,
    and the theoretical probability at the bin's middle (when the method bands)."""
    sims = oracle(pairs) if len(pairs) else np.zeros(0)
    m = np.int64(max(n_docs, 1))
    cand = np.isin(pairs[:, 0] * m + pairs[:, 1], candidates[:, 0] * m + candidates[:, 1])
    edges = np.linspace(0.0, 1.0, BINS + 1)
    which = np.clip(np.digitize(sims, edges[1:-1]), 0, BINS - 1)
    rows_out = []
    for b in range(BINS):
        inside = which == b
        total = int(inside.sum())
        hits = int(cand[inside].sum())
        mid = (edges[b] + edges[b + 1]) / 2
        rows_out.append(
            {
                "jaccard_from": round(float(edges[b]), 2),
                "jaccard_to": round(float(edges[b + 1]), 2),
                "pairs": total,
                "candidates": hits,
                "share": hits / total if total else None,
                "theory": None
                if bands is None or rows is None
                else round(float(candidate_probability(mid, bands, rows)), 4),
            }
        )
    grid = np.linspace(0.0, 1.0, 101)
    return {
        "gold_pairs": len(pairs),
        "bands": bands,
        "rows": rows,
        "bins": rows_out,
        "theory_curve": None
        if bands is None or rows is None
        else {
            "jaccard": [round(float(s), 2) for s in grid],
            "probability": [round(float(p), 5) for p in candidate_probability(grid, bands, rows)],
        },
    }

"""The same MinHash pipeline on a Dask cluster: signatures and band keys per partition on the
workers, band keys shuffled by key to bucket tasks that emit candidate pairs, connected
components on the client. The pairs equal :meth:`LSHIndex.candidate_pairs` of a local run
(same keys, same buckets, same big-bucket rule), so the clusters are exactly the local ones.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bench.dedup.lsh import _band_pairs, _run_bounds
from bench.dedup.methods import MinHashMethod, unique_pairs
from bench.dedup.minhash import empty_mask
from bench.dedup.run import BATCH, Source

__all__ = ["dask_candidates"]


def _keys(method: MinHashMethod, texts: list[str], start: int) -> tuple[np.ndarray, np.ndarray]:
    """Ids and band keys ``(m, bands)`` of a partition's non-empty documents."""
    sigs = method.sketch(texts)
    keys = method.index().band_keys(sigs)
    keep = ~empty_mask(sigs)
    ids = np.arange(start, start + len(texts), dtype=np.int64)
    return ids[keep], keys[keep]


def _split(part: tuple[np.ndarray, np.ndarray], n_buckets: int) -> list[tuple]:
    """A partition's (band, key, id) rows, split by ``key % n_buckets``."""
    ids, keys = part
    out = []
    for b in range(n_buckets):
        rows = []
        for band in range(keys.shape[1]):
            mask = keys[:, band] % np.uint64(n_buckets) == np.uint64(b)
            rows.append((keys[mask, band], ids[mask]))
        out.append(rows)
    return out


def _bucket_pairs(max_bucket_size: int, n_docs: int, *pieces: list) -> np.ndarray:
    """Candidate pairs of one shuffle bucket: per band, sort by key (ids ascending inside a
    key, as the local index does) and pair the members of each run."""
    parts: list[np.ndarray] = []
    n_bands = len(pieces[0]) if pieces else 0
    for band in range(n_bands):
        keys = np.concatenate([p[band][0] for p in pieces])
        ids = np.concatenate([p[band][1] for p in pieces])
        order = np.lexsort((ids, keys))
        keys, ids = keys[order], ids[order]
        starts, sizes = _run_bounds(keys)
        parts += _band_pairs(ids, starts, sizes, max_bucket_size, "star")
    return unique_pairs(parts, n_docs)


def dask_candidates(
    method: MinHashMethod, source: Source, scheduler: str, partitions: int | None = None
) -> tuple[list[str], np.ndarray, int]:
    """Document ids, candidate pairs and the number of empty documents of ``source``,
    computed on the cluster at ``scheduler``."""
    from distributed import Client

    ids: list[str] = []
    with Client(scheduler) as client:
        keyed = []
        for batch in source.batches(BATCH):
            ids.extend(batch.ids)
            texts = client.scatter(batch.texts)
            keyed.append(client.submit(_keys, method, texts, batch.start, pure=False))
        n_buckets = partitions or max(2, 2 * len(client.scheduler_info()["workers"]))
        split = [client.submit(_split, part, n_buckets) for part in keyed]
        buckets = [
            client.submit(
                _bucket_pairs,
                method.max_bucket_size,
                len(ids),
                *[client.submit(_piece, s, b) for s in split],
            )
            for b in range(n_buckets)
        ]
        pairs = unique_pairs(client.gather(buckets), len(ids))
        nonempty = sum(client.gather([client.submit(_size, part) for part in keyed]))
    return ids, pairs, len(ids) - nonempty


def _size(part: tuple[np.ndarray, np.ndarray]) -> int:
    return len(part[0])


def _piece(split: Sequence[list], b: int) -> list:
    return split[b]

"""Signature files: ``<stem>.npy`` (uint64 ``(n_docs, num_perm)``) + ``<stem>.json`` sidecar.

The sidecar pins everything a signature depends on (num_perm, seed, shingle size, scheme, hash
and normalisation version) plus the document ids, so signatures computed in separate runs can
be appended and indexed incrementally without silently mixing incompatible parameters.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bench.dedup.minhash import MinHashParams
from bench.dedup.normalize import NORMALIZATION_VERSION

__all__ = ["SignatureFile", "append_signatures", "load_signatures", "save_signatures"]

logger = logging.getLogger(__name__)

FORMAT = "boilerbench.dedup.signatures/1"


@dataclass(frozen=True, slots=True, eq=False)
class SignatureFile:
    """Signatures with the parameters that produced them and one id per row."""

    signatures: np.ndarray
    params: MinHashParams
    doc_ids: tuple[str, ...]


def _paths(path: str | os.PathLike[str]) -> tuple[Path, Path]:
    p = Path(path)
    stem = p.with_suffix("") if p.suffix in (".npy", ".json") else p
    return stem.with_name(stem.name + ".npy"), stem.with_name(stem.name + ".json")


def save_signatures(
    path: str | os.PathLike[str],
    sigs: np.ndarray,
    params: MinHashParams,
    doc_ids: Sequence[str] | None = None,
) -> tuple[Path, Path]:
    """Write ``<stem>.npy`` and ``<stem>.json`` (atomically, via temp files); returns both."""
    sigs = np.asarray(sigs)
    if sigs.ndim != 2 or sigs.shape[1] != params.num_perm or sigs.dtype != np.uint64:
        raise ValueError(f"expected uint64 (n, {params.num_perm}), got {sigs.dtype} {sigs.shape}")
    ids = [str(i) for i in range(len(sigs))] if doc_ids is None else [str(d) for d in doc_ids]
    if len(ids) != len(sigs):
        raise ValueError(f"{len(ids)} doc ids for {len(sigs)} signatures")
    if len(set(ids)) != len(ids):
        raise ValueError("doc ids must be unique")
    npy, sidecar = _paths(path)
    meta = {
        "format": FORMAT,
        "num_perm": params.num_perm,
        "seed": params.seed,
        "ngram": params.ngram,
        "scheme": params.scheme,
        "hash": params.hash_name,
        "normalization": NORMALIZATION_VERSION,
        "n_docs": len(ids),
        "doc_ids": ids,
    }
    npy.parent.mkdir(parents=True, exist_ok=True)
    tmp_npy = npy.with_name(npy.name + ".tmp")
    tmp_json = sidecar.with_name(sidecar.name + ".tmp")
    with tmp_npy.open("wb") as fh:
        np.save(fh, np.ascontiguousarray(sigs), allow_pickle=False)
    tmp_json.write_text(json.dumps(meta, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp_npy, npy)
    os.replace(tmp_json, sidecar)
    logger.info("saved %d signatures to %s", len(ids), npy)
    return npy, sidecar


def load_signatures(path: str | os.PathLike[str]) -> SignatureFile:
    """Read a signature file pair written by :func:`save_signatures`, checking consistency."""
    npy, sidecar = _paths(path)
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        raise ValueError(f"{sidecar}: unknown format {meta.get('format')!r}")
    params = MinHashParams(meta["num_perm"], meta["seed"], meta["ngram"], meta["scheme"])
    if meta["hash"] != params.hash_name or meta["normalization"] != NORMALIZATION_VERSION:
        raise ValueError(
            f"{sidecar}: hash {meta['hash']!r} / normalisation {meta['normalization']!r} differ "
            f"from this version ({params.hash_name!r} / {NORMALIZATION_VERSION!r})"
        )
    sigs = np.load(npy, allow_pickle=False)
    if sigs.dtype != np.uint64 or sigs.shape != (meta["n_docs"], params.num_perm):
        raise ValueError(f"{npy}: array {sigs.dtype} {sigs.shape} does not match the sidecar")
    return SignatureFile(sigs, params, tuple(meta["doc_ids"]))


def append_signatures(
    path: str | os.PathLike[str],
    sigs: np.ndarray,
    params: MinHashParams,
    doc_ids: Sequence[str],
) -> SignatureFile:
    """Append rows to a signature file (created if missing); parameters must match."""
    npy, _ = _paths(path)
    if npy.exists():
        old = load_signatures(path)
        if old.params != params:
            raise ValueError(f"{npy}: stored params {old.params} differ from {params}")
        sigs = np.concatenate([old.signatures, np.asarray(sigs, dtype=np.uint64)])
        doc_ids = [*old.doc_ids, *map(str, doc_ids)]
    save_signatures(path, sigs, params, doc_ids)
    return SignatureFile(np.asarray(sigs), params, tuple(map(str, doc_ids)))

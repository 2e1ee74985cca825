"""Writing what a de-duplication decided: one row per document with its cluster and whether
it is kept (the first document of each cluster is), and the kept documents themselves."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from bench.dedup.documents import DocumentSource

__all__ = ["cluster_rows", "kept_mask", "write_clusters", "write_kept"]


def kept_mask(labels: np.ndarray) -> np.ndarray:
    """The first (smallest-index) document of each cluster is kept."""
    return labels == np.arange(len(labels))


def cluster_rows(ids: Sequence[str], labels: np.ndarray) -> Iterator[dict[str, object]]:
    """``{id, cluster, cluster_size, keep}`` per document; ``cluster`` is the kept document's
    id, so a row can be joined back to the kept copy."""
    sizes = np.bincount(labels, minlength=len(labels))
    for i, (doc_id, label) in enumerate(zip(ids, labels.tolist(), strict=True)):
        yield {
            "id": doc_id,
            "cluster": ids[label],
            "cluster_size": int(sizes[label]),
            "keep": label == i,
        }


def _write_rows(path: Path, rows: Iterator[dict[str, object]], columns: Sequence[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    if path.suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        writer = None
        try:
            chunk: list[dict[str, object]] = []
            for row in rows:
                chunk.append(row)
                if len(chunk) >= 65536:
                    table = pa.Table.from_pylist(chunk)
                    writer = writer or pq.ParquetWriter(tmp, table.schema)
                    writer.write_table(table)
                    chunk = []
            if chunk or writer is None:
                table = (
                    pa.Table.from_pylist(chunk)
                    if chunk
                    else pa.table({c: pa.array([], pa.string()) for c in columns})
                )
                writer = writer or pq.ParquetWriter(tmp, table.schema)
                writer.write_table(table)
        finally:
            if writer is not None:
                writer.close()
    else:
        with tmp.open("w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def write_clusters(path: Path, ids: Sequence[str], labels: np.ndarray) -> Path:
    """One row per document (JSONL, or Parquet for a ``.parquet`` path)."""
    _write_rows(path, cluster_rows(ids, labels), ("id", "cluster", "cluster_size", "keep"))
    return path


def write_kept(
    path: Path,
    source: DocumentSource | None,
    ids: Sequence[str],
    texts: Sequence[str] | None,
    keep: np.ndarray,
) -> Path:
    """The kept documents: the input's own lines when a JSONL dump is written to JSONL, else
    ``{id, text}`` rows (JSONL or Parquet)."""
    if source is not None and source.format == "jsonl" and path.suffix != ".parquet":
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with source.path.open(encoding="utf-8") as lines, tmp.open("w", encoding="utf-8") as out:
            k = 0
            for line in lines:
                if not line.strip():
                    continue
                if keep[k]:
                    out.write(line if line.endswith("\n") else line + "\n")
                k += 1
        os.replace(tmp, path)
        return path

    def rows() -> Iterator[dict[str, object]]:
        if texts is not None:
            for i in np.flatnonzero(keep).tolist():
                yield {"id": ids[i], "text": texts[i]}
            return
        assert source is not None
        for batch in source.batches():
            for k, text in enumerate(batch.texts):
                if keep[batch.start + k]:
                    yield {"id": batch.ids[k], "text": text}

    _write_rows(path, rows(), ("id", "text"))
    return path

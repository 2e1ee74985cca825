"""Sketching a whole input: batches of documents to sketch rows, in worker processes when
``jobs > 1``, the rows appended to a file on disk so memory does not grow with the text.

The ids and gold columns are kept in memory (a few dozen bytes per document); the texts are
dropped as soon as their batch is sketched.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np

from bench.dedup.documents import Batch, check_unique
from bench.dedup.methods import Method

__all__ = ["Sketched", "Source", "sketch_all", "texts_at"]

logger = logging.getLogger(__name__)

BATCH = 2048
IN_MEMORY_ROWS = 200_000  # above this many documents, sketch rows go to a file on disk


class Source(Protocol):
    """Anything that yields documents in batches (:class:`~bench.dedup.documents.Documents`
    in memory, :class:`~bench.dedup.documents.DocumentSource` on disk)."""

    name: str

    def batches(self, size: int = ...) -> Iterator[Batch]: ...


@dataclass(frozen=True, slots=True, eq=False)
class Sketched:
    """Every document's sketch row, id and gold columns, in input order."""

    sketches: np.ndarray  # (n, width), possibly a read-only memory map
    ids: list[str]
    groups: list[str | None] | None
    templates: list[str | None] | None
    empty: int | None = None  # known when the sketches are not kept (Dask)

    def __len__(self) -> int:
        return len(self.ids)


class _Rows:
    """Sketch rows appended batch by batch: in memory, or to a raw file once large."""

    def __init__(self, workdir: Path | None) -> None:
        self._parts: list[np.ndarray] = []
        self._n = 0
        self._file: Path | None = None
        self._handle = None
        self._workdir = workdir
        self._dtype: np.dtype | None = None
        self._width = 0

    def add(self, rows: np.ndarray) -> None:
        if self._dtype is None:
            self._dtype, self._width = rows.dtype, rows.shape[1]
        if (
            self._handle is None
            and self._workdir is not None
            and (self._n + len(rows) > IN_MEMORY_ROWS)
        ):
            self._file = self._workdir / "sketches.bin"
            self._handle = self._file.open("wb")
            for part in self._parts:
                self._handle.write(np.ascontiguousarray(part).tobytes())
            self._parts = []
        if self._handle is not None:
            self._handle.write(np.ascontiguousarray(rows).tobytes())
        else:
            self._parts.append(rows)
        self._n += len(rows)

    def array(self) -> np.ndarray:
        if self._handle is not None:
            self._handle.close()
            assert self._file is not None and self._dtype is not None
            return np.memmap(self._file, self._dtype, "r", shape=(self._n, self._width))
        if not self._parts:
            return np.zeros((0, self._width or 1), dtype=self._dtype or np.uint64)
        return np.concatenate(self._parts)


def _sketch(method: Method, texts: list[str]) -> np.ndarray:
    return method.sketch(texts)


def sketch_all(
    method: Method, source: Source, jobs: int = 1, workdir: Path | None = None
) -> Sketched:
    """Sketch every document of ``source`` (``jobs`` worker processes; rows of large inputs
    spill to ``workdir``)."""
    rows = _Rows(workdir)
    ids: list[str] = []
    groups: list[str | None] = []
    templates: list[str | None] = []
    any_group = any_template = False

    def keep(batch: Batch) -> None:
        nonlocal any_group, any_template
        ids.extend(batch.ids)
        groups.extend(batch.groups or [None] * len(batch))
        templates.extend(batch.templates or [None] * len(batch))
        any_group |= batch.groups is not None
        any_template |= batch.templates is not None

    if jobs <= 1:
        for batch in source.batches(BATCH):
            keep(batch)
            rows.add(method.sketch(batch.texts))
    else:
        pending: deque[Future[np.ndarray]] = deque()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for batch in source.batches(BATCH):
                keep(batch)
                pending.append(pool.submit(_sketch, method, batch.texts))
                while len(pending) > 2 * jobs:  # bounded: texts in flight, not the whole input
                    rows.add(pending.popleft().result())
            while pending:
                rows.add(pending.popleft().result())
    check_unique(ids, source.name)
    return Sketched(
        rows.array(),
        ids,
        groups if any_group else None,
        templates if any_template else None,
    )


def texts_at(source: Source, indices: Sequence[int]) -> list[str]:
    """The texts of the documents at ``indices`` (sorted or not), in that order, by one pass
    over ``source``."""
    wanted = sorted(set(int(i) for i in indices))
    found: dict[int, str] = {}
    pos = 0
    for batch in source.batches(BATCH):
        end = batch.start + len(batch)
        while pos < len(wanted) and wanted[pos] < end:
            found[wanted[pos]] = batch.texts[wanted[pos] - batch.start]
            pos += 1
        if pos == len(wanted):
            break
    return [found[int(i)] for i in indices]


def default_workdir() -> Path:
    """A temporary folder for sketch files (removed by the caller)."""
    return Path(tempfile.mkdtemp(prefix="boilerbench-dedup-", dir=os.environ.get("TMPDIR")))

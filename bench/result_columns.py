"""What the one aggregation (:mod:`bench.summary`) needs of each page result, held by column:
a 100,000-page run's results take a few megabytes here, where its :class:`~bench.records.
PageResult` records (each with dicts of scores and diagnostics) would take a gigabyte.

Results are added one at a time as they are read from ``results.jsonl`` (a page recorded
twice keeps its last record) and then put in page-id order (:meth:`ResultColumns.sorted`).
Every value comes back exactly as it was recorded (floats as floats, ints as ints), so the
statistics computed from the columns equal those computed from the records.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from bench.records import PageResult
from corpora.decoding import is_override

_NAN = math.nan


class ScoreColumns:
    """One metric's per-page score dicts, stored by key: a row's dict is rebuilt on reading
    (same keys in the same order, same values). Rows without the metric hold nothing."""

    def __init__(self) -> None:
        self._keysets: list[tuple[str, ...]] = []
        self._keyset_ids: dict[tuple[str, ...], int] = {}
        self._which = array("i")  # per row: its keyset, or -1 when the row has no scores
        self._columns: dict[str, array[float]] = {}
        self._others: dict[tuple[str, int], Any] = {}  # values that are not floats

    def __len__(self) -> int:
        return len(self._which)

    def _column(self, key: str) -> array[float]:
        column = self._columns.get(key)
        if column is None:
            column = self._columns[key] = array("d", [_NAN]) * len(self._which)
        return column

    def append(self, scores: Mapping[str, Any] | None) -> None:
        self._which.append(-1)
        for column in self._columns.values():
            column.append(_NAN)
        self.set(len(self._which) - 1, scores)

    def set(self, row: int, scores: Mapping[str, Any] | None) -> None:
        """Put ``scores`` (``None``: no scores of this metric) in ``row``."""
        old = self._which[row]
        if old >= 0:
            for key in self._keysets[old]:
                self._others.pop((key, row), None)
        if scores is None:
            self._which[row] = -1
            return
        keys = tuple(scores)
        which = self._keyset_ids.get(keys)
        if which is None:
            which = self._keyset_ids[keys] = len(self._keysets)
            self._keysets.append(keys)
        self._which[row] = which
        for key, value in scores.items():
            column = self._column(key)
            if type(value) is float:
                column[row] = value
            else:
                column[row] = _NAN
                self._others[(key, row)] = value

    def has(self, row: int) -> bool:
        return self._which[row] >= 0

    def get(self, row: int) -> dict[str, Any]:
        """The score dict of ``row`` as it was recorded."""
        keys = self._keysets[self._which[row]]
        columns, others = self._columns, self._others
        return {
            key: others[(key, row)] if (key, row) in others else columns[key][row] for key in keys
        }

    def dicts(self, rows: Sequence[int]) -> list[dict[str, Any]]:
        """The score dicts of ``rows`` that have scores, in that order."""
        return [self.get(row) for row in rows if self._which[row] >= 0]

    def take(self, rows: Sequence[int]) -> ScoreColumns:
        """The rows ``rows`` (in that order) as new columns."""
        out = ScoreColumns()
        for row in rows:
            out.append(self.get(row) if self._which[row] >= 0 else None)
        return out


class ResultColumns:
    """One extractor's page results by column (see the module's docstring)."""

    def __init__(self, metric_names: Sequence[str]) -> None:
        self.metric_names = tuple(metric_names)
        self.pages: list[str] = []
        self.positions = array("q")  # each row's page in the corpus (-1: not in it)
        self._rows: dict[str, int] = {}
        self.errors: list[str | None] = []  # the failure kind (``timeout``), or None
        self.empty = bytearray()
        self.cached = bytearray()
        self.overrides = bytearray()  # decoded as UTF-8 against the page's charset
        self.seconds = array("d")
        self.warmups = array("d")  # NaN: None
        self.peaks = array("d")  # NaN: None
        self.chars = array("q")
        self.network = array("q")
        self.hashes: list[str | None] = []  # of successful, non-empty outputs
        self.usages: dict[int, dict[str, Any]] = {}  # row → an LLM request's usage record
        self.scores = {name: ScoreColumns() for name in self.metric_names}
        # noise kind → blocks counted (leaked) per row: 32-bit counts, floats if need be
        self.blocks: dict[str, array[Any]] = {}
        self.leaked: dict[str, array[Any]] = {}
        self.listed: dict[str, bytearray] = {}  # noise kind → whether the row counted it
        self.titles = array("d")  # NaN: no title_repeats
        self.has_title = bytearray()

    def __len__(self) -> int:
        return len(self.pages)

    def add(
        self,
        result: PageResult,
        kind: Callable[[str], str],
        position: int = -1,
        page_id: str | None = None,
    ) -> None:
        """Add a result (``kind`` gives an error's failure kind; ``position``: its page's
        index in the corpus, and ``page_id`` the corpus's own id string, shared); one for a
        page already here replaces it."""
        row = self._rows.get(result.page)
        if row is None:
            page = page_id if page_id is not None else result.page
            row = self._rows[page] = len(self.pages)
            self._append_row(page)
            self.positions.append(position)
        error = result.error
        self.errors[row] = kind(error) if error else None
        self.empty[row] = result.empty
        self.cached[row] = result.cached
        self.overrides[row] = is_override(result.encoding_source)
        self.seconds[row] = result.seconds
        self.warmups[row] = _NAN if result.warmup_seconds is None else result.warmup_seconds
        self.peaks[row] = _NAN if result.peak_rss_mb is None else result.peak_rss_mb
        self.chars[row] = result.output_chars
        self.network[row] = result.network_attempts
        self.hashes[row] = result.output_sha256 if error is None and result.output_chars else None
        if result.usage:
            self.usages[row] = result.usage
        else:
            self.usages.pop(row, None)
        for name, columns in self.scores.items():
            columns.set(row, result.scores.get(name))
        self._set_diagnostics(row, result.diagnostics)

    def _append_row(self, page: str) -> None:
        self.pages.append(page)
        self.errors.append(None)
        for flags in (self.empty, self.cached, self.overrides, self.has_title):
            flags.append(0)
        for numbers in (self.seconds, self.warmups, self.peaks, self.titles):
            numbers.append(_NAN)
        self.chars.append(0)
        self.network.append(0)
        self.hashes.append(None)
        for columns in self.scores.values():
            columns.append(None)
        for counts in (*self.blocks.values(), *self.leaked.values()):
            counts.append(0)
        for listed in self.listed.values():
            listed.append(0)

    @staticmethod
    def _count(table: dict[str, array[Any]], kind: str, row: int, n: Any, rows: int) -> None:
        counts = table.get(kind)
        if counts is None:
            counts = table[kind] = array("i", [0]) * rows
        if counts.typecode == "i" and not (type(n) is int and -(2**31) <= n < 2**31):
            counts = table[kind] = array("d", counts)  # a count that is not a small int
        counts[row] = n

    def _set_diagnostics(self, row: int, diagnostics: Mapping[str, Any]) -> None:
        for table in (self.blocks, self.leaked):
            for counts in table.values():
                counts[row] = 0
        for listed in self.listed.values():
            listed[row] = 0
        rows = len(self.pages)
        for kind, n in (diagnostics.get("noise_blocks") or {}).items():
            self._count(self.blocks, kind, row, n, rows)
            if kind not in self.listed:
                self.listed[kind] = bytearray(rows)
            self.listed[kind][row] = 1
        for kind, n in (diagnostics.get("noise_leaked") or {}).items():
            self._count(self.leaked, kind, row, n, rows)
        if "title_repeats" in diagnostics:
            self.titles[row], self.has_title[row] = diagnostics["title_repeats"], 1
        else:
            self.titles[row], self.has_title[row] = _NAN, 0

    def sorted(self) -> Rows:
        """The rows in page-id order (what the bootstrap pairs across extractors)."""
        return Rows(self, sorted(range(len(self.pages)), key=self.pages.__getitem__))


class Rows:
    """A selection of an extractor's rows, in order: what the aggregation reads."""

    def __init__(self, columns: ResultColumns, rows: Sequence[int]) -> None:
        self.columns = columns
        self.rows = list(rows)

    def __len__(self) -> int:
        return len(self.rows)

    def where(self, keep: Callable[[int], bool]) -> Rows:
        """The rows (in order) for which ``keep(row)`` is true."""
        return Rows(self.columns, [row for row in self.rows if keep(row)])

    def on_pages(self, mask: np.ndarray) -> Rows:
        """The rows (in order) whose page is marked in ``mask``, a boolean array over the
        corpus's pages with one more, false, entry for pages not in the corpus."""
        rows = np.asarray(self.rows, dtype=np.int64)
        positions = np.frombuffer(self.columns.positions, dtype=np.int64)[rows]
        return Rows(self.columns, rows[mask[positions]].tolist())

    @property
    def pages(self) -> list[str]:
        return [self.columns.pages[row] for row in self.rows]

    def page_scores(self, metric: str) -> list[dict[str, Any]]:
        """The recorded scores of ``metric`` of the rows that have them, in order."""
        return self.columns.scores[metric].dicts(self.rows)

    def scored(self, metric: str) -> Rows:
        columns = self.columns.scores[metric]
        return self.where(columns.has)

    def failures(self) -> int:
        errors = self.columns.errors
        return sum(1 for row in self.rows if errors[row] is not None)

    def count_empty(self) -> int:
        empty = self.columns.empty
        return sum(1 for row in self.rows if empty[row])

    def leak_counts(self, kind: str) -> tuple[list[float], list[float]]:
        """Leaked and counted blocks of a noise kind, per row (0 where none)."""
        blocks = self.columns.blocks.get(kind)
        leaked = self.columns.leaked.get(kind)
        return (
            [float(leaked[row]) if leaked is not None else 0.0 for row in self.rows],
            [float(blocks[row]) if blocks is not None else 0.0 for row in self.rows],
        )

    def noise_kinds(self) -> list[str]:
        """The noise kinds the rows' diagnostics list (with 0 blocks too)."""
        return sorted(
            kind
            for kind, listed in self.columns.listed.items()
            if any(listed[row] for row in self.rows)
        )

    def title_repeats(self) -> list[float]:
        titles, has = self.columns.titles, self.columns.has_title
        return [titles[row] for row in self.rows if has[row]]

    def __iter__(self) -> Iterator[int]:
        return iter(self.rows)

"""What every report shows, read from the run's stored summary (the one aggregation): the
headline metric's statistics with 95% bootstrap intervals, failures and empty outputs,
paired tests and rank ranges, noise leak, breakdowns by page label; plus each page's own
statistics from ``results.jsonl``. Nothing here aggregates again.

Every renderer takes the headline field, its label and which way is better from
:attr:`Analysis.info` (the metric's :class:`~bench.metrics.MetricInfo`, stored in the
summary), never from a hard-coded ``f1``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from bench import metrics, stats
from bench.metrics.base import FieldInfo, Metric, MetricInfo
from bench.reports.loading import Run
from bench.stats import Interval, PairedDifference
from bench.summary import NOISE, NOISE_TYPES
from bench.summary_records import ExtractorSummary

logger = logging.getLogger(__name__)

__all__ = ["NOISE", "Analysis", "ExtractorRow", "GroupRow", "ReportError", "analyze"]


class ReportError(ValueError):
    """A report cannot be made as asked (e.g. a breakdown by a label the corpus lacks)."""


@dataclass(frozen=True, slots=True)
class ExtractorRow:
    """One extractor's line of the main table; ``key`` is the headline field."""

    extractor: str
    version: str
    n_pages: int
    failures: int
    failure_kinds: dict[str, int]
    empty: int
    pages_per_s: float | None
    seconds_median: float | None
    scores: dict[str, Interval]
    rank: tuple[int, int] | None
    noise_leak: dict[str, Interval]
    title_repeats: Interval | None
    page_scores: dict[str, dict[str, float]]  # page id → per-page statistics
    key: str = ""
    cost_per_1000_pages: float | None = None  # an llm: extractor given prices

    @property
    def headline(self) -> float | None:
        iv = self.scores.get(self.key)
        return iv.value if iv is not None else None

    def page_values(self, key: str | None = None) -> np.ndarray:
        key = key or self.key
        return np.array([s[key] for s in self.page_scores.values() if key in s], dtype=float)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One extractor on the pages of one label value (or carrying one noise type):
    ``scores``, the headline metric's statistics; ``metrics``, every metric's by name."""

    label: str
    value: str
    extractor: str
    n_pages: int
    failures: int
    empty: int
    scores: dict[str, Interval]
    leak: Interval | None = None
    metrics: dict[str, dict[str, Interval]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Analysis:
    """A run's report data; rows are sorted best headline first (in its direction)."""

    run: Run
    info: MetricInfo | None
    rows: tuple[ExtractorRow, ...]
    pairs: tuple[PairedDifference, ...]
    shared_pages: int
    n_resamples: int
    n_test_resamples: int
    level: float
    _groups: dict[str, tuple[GroupRow, ...]] = field(default_factory=dict)

    @property
    def headline(self) -> FieldInfo:
        """The headline field (an ``f1``-like placeholder when the run has no metric)."""
        return self.info.headline_field if self.info else FieldInfo("score")

    def label(self, key: str) -> str:
        """A statistic's header label (``F1``, ``precision``, ``F1 median``)."""
        found = self.info.field(key) if self.info else None
        return found.title if found is not None else key

    @property
    def score_keys(self) -> list[str]:
        """Every statistic of the headline metric, its declared fields first in order."""
        keys = list(dict.fromkeys(k for row in self.rows for k in row.scores))
        declared = list(self.info.field_names) if self.info else []
        return [k for k in declared if k in keys] + [k for k in keys if k not in declared]

    @property
    def shown_keys(self) -> list[str]:
        """The fields the main tables show: the metric's declared fields that have values."""
        keys = self.score_keys
        declared = [k for k in (self.info.field_names if self.info else ()) if k in keys]
        return declared or keys[:4]

    @property
    def noise_kinds(self) -> list[str]:
        return sorted({kind for row in self.rows for kind in row.noise_leak})

    def labels_available(self) -> list[str]:
        """Breakdowns this run supports: page label keys, and ``noise`` when labelled."""
        return self.run.summary.labels()

    def breakdown(self, by: str) -> tuple[GroupRow, ...]:
        """Every extractor on the pages of each value of label ``by`` (``noise``: on the pages
        that carry each noise type, with that type's leak share), as the summary stores it."""
        if by not in self._groups:
            self._groups[by] = _breakdown(self, by)
        return self._groups[by]

    def verdicts(self) -> tuple[list[PairedDifference], list[PairedDifference]]:
        """(significant, not significant) tested pairs; the better extractor is ``a``."""
        tested = [p for p in self.pairs if p.tested]
        return [p for p in tested if p.significant], [p for p in tested if not p.significant]


def per_page(metric: Metric, pages: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """The metric's statistics on each page alone (one-page resamples, vectorised)."""
    if not pages:
        return []
    statistic = stats.metric_statistic(metric, pages)
    values = statistic(np.arange(len(pages))[:, None])
    return [{k: float(v[i]) for k, v in values.items()} for i in range(len(pages))]


def _page_statistics(name: str, pages: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """Each page's statistics; the stored page scores when the metric cannot be imported
    here (a plugin of the machine that made the run)."""
    try:
        metric = metrics.get(name)
    except metrics.MetricError as exc:
        logger.warning("per-page statistics are the stored page scores: %s", exc)
        return [dict(p) for p in pages]
    return per_page(metric, pages)


def _row(run: Run, row: ExtractorSummary, info: MetricInfo | None) -> ExtractorRow:
    name = info.name if info else None
    scored = run.scored(row.extractor) if name else []
    pages = [r.scores[name] for r in scored] if name else []
    scores = row.scores[name].intervals() if name and name in row.scores else {}
    return ExtractorRow(
        extractor=row.extractor,
        version=row.version,
        n_pages=row.n_pages,
        failures=row.failures,
        failure_kinds=row.failure_kinds,
        empty=row.empty,
        pages_per_s=row.speed.pages_per_s,
        seconds_median=row.speed.seconds_median,
        scores=scores,
        rank=row.rank,
        noise_leak=row.noise_leak,
        title_repeats=row.title_repeats,
        page_scores=dict(
            zip(
                (r.page for r in scored), _page_statistics(name, pages) if name else [], strict=True
            )
        ),
        key=info.headline if info else "",
        cost_per_1000_pages=row.usage.cost_per_1000_pages if row.usage else None,
    )


def ranked(rows: Sequence[ExtractorRow], direction: int) -> list[ExtractorRow]:
    """Best headline first in its direction; rows without a headline last, in run order."""
    with_value = [r for r in rows if r.headline is not None]
    without = [r for r in rows if r.headline is None]
    return sorted(with_value, key=lambda r: -direction * (r.headline or 0.0)) + without


def analyze(run: Run) -> Analysis:
    """The report data of a run, read from its summary."""
    summary = run.summary
    info = summary.info
    rows = [_row(run, row, info) for row in summary.results]
    direction = info.headline_field.direction if info else 1
    return Analysis(
        run=run,
        info=info,
        rows=tuple(ranked(rows, direction)),
        pairs=summary.pairs,
        shared_pages=summary.shared_pages,
        n_resamples=summary.n_resamples,
        n_test_resamples=summary.n_test_resamples,
        level=summary.level,
    )


def _breakdown(analysis: Analysis, by: str) -> tuple[GroupRow, ...]:
    summary = analysis.run.summary
    available = analysis.labels_available()
    if by not in available:
        have = ", ".join(available) or "none"
        labelled = any(by in labels for labels in summary.page_labels.values())
        why = (
            f"has {by!r} labels that do not group pages (one page each, or too many values)"
            if labelled and by != NOISE_TYPES
            else f"has no {by!r} labels on its pages"
        )
        raise ReportError(
            f"corpus {analysis.run.corpus_name!r} {why} (breakdowns it supports: {have})"
        )
    rows = {row.extractor: row for row in summary.results}
    values = list(dict.fromkeys(v for row in summary.results for v in row.breakdowns.get(by, {})))
    out = []
    for value in sorted(values):
        for row in analysis.rows:
            group = rows[row.extractor].breakdowns.get(by, {}).get(value)
            if group is None:
                continue
            out.append(
                GroupRow(
                    label=by,
                    value=value,
                    extractor=row.extractor,
                    n_pages=group.n_pages,
                    failures=group.failures,
                    empty=group.empty,
                    scores=group.scores.intervals(),
                    leak=group.leak,
                    metrics={name: sc.intervals() for name, sc in group.metrics.items()},
                )
            )
    return tuple(out)

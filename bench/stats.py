"""Bootstrap statistics for reports: 95% percentile intervals for every aggregate, and the
paired bootstrap of the difference between two extractors (or two runs) on the same pages.

Resamples come from :mod:`bench.metrics.bootstrap` (the one bootstrap) with the run's seed,
so intervals are built from the very resamples behind the stored ``*_std`` and reruns give
identical numbers. Statistics are recomputed by the metric's own vectorised ``statistic``, or
its ``aggregate`` once per resample, so a new metric gets intervals for free. Which way is
better is the metric's to say (:class:`bench.metrics.FieldInfo`): ``direction`` is +1 when
higher is better, -1 when lower is.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bench.metrics import bootstrap
from bench.metrics.base import Metric, Statistic
from bench.metrics.bootstrap import iter_resamples

logger = logging.getLogger(__name__)

LEVEL = 0.95
ALPHA = 0.05
N_RESAMPLES = 1000  # for intervals: the resamples behind the summary's *_std
# For paired tests: the smallest two-sided p-value is 2/(B+1), and Holm multiplies it by the
# number of pairs, so 1,000 resamples could never show a difference among 9 extractors.
N_TEST_RESAMPLES = 10_000
# The percentile bootstrap is badly anti-conservative on a handful of pages (one page gives
# a zero-width interval); below this many pages no interval or test is reported.
MIN_PAGES = 10

PageScores = Sequence[Mapping[str, float]]

__all__ = ["Interval", "Metric", "PairedDifference", "iter_resamples"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate and its bootstrap interval (``None`` bounds: too few pages)."""

    value: float
    low: float | None = None
    high: float | None = None

    @property
    def bounded(self) -> bool:
        return self.low is not None and self.high is not None

    def to_json(self) -> dict[str, float | None]:
        return {"value": self.value, "low": self.low, "high": self.high}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Interval:
        return cls(float(data["value"]), data.get("low"), data.get("high"))


@dataclass(frozen=True, slots=True)
class PairedDifference:
    """``a − b`` of one statistic over the same pages, with its paired bootstrap interval.

    ``p_value`` is two-sided: the smallest level at which the percentile interval would
    exclude 0. ``p_adjusted`` is Holm-adjusted over the family it was tested in; the
    difference is ``significant`` when ``p_adjusted < ALPHA``. All three are ``None`` when
    there are fewer than :data:`MIN_PAGES` pages. A pair that differs on no resample (the same
    scores on every page) gets p = 1 and is left out of the Holm family.
    """

    a: str
    b: str
    key: str
    n_pages: int
    a_value: float
    b_value: float
    diff: float
    low: float | None
    high: float | None
    p_value: float | None
    p_adjusted: float | None = None
    identical: bool = False  # the difference is 0 on every resample: nothing to test

    @property
    def tested(self) -> bool:
        return self.p_value is not None

    @property
    def significant(self) -> bool:
        p = self.p_adjusted if self.p_adjusted is not None else self.p_value
        return p is not None and p < ALPHA

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "metric": self.key,
            "n_pages": self.n_pages,
            "a_value": self.a_value,
            "b_value": self.b_value,
            "diff": self.diff,
            "low": self.low,
            "high": self.high,
            "p_value": self.p_value,
            "p_holm": self.p_adjusted,
            "significant": self.significant,
            "identical": self.identical,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PairedDifference:
        return cls(
            a=data["a"],
            b=data["b"],
            key=data["metric"],
            n_pages=int(data["n_pages"]),
            a_value=float(data["a_value"]),
            b_value=float(data["b_value"]),
            diff=float(data["diff"]),
            low=data.get("low"),
            high=data.get("high"),
            p_value=data.get("p_value"),
            p_adjusted=data.get("p_holm"),
            identical=bool(data.get("identical", False)),
        )


def point(metric: Metric, pages: PageScores) -> dict[str, float]:
    """The aggregate on all pages, without its ``*_std`` entries."""
    values = metric.aggregate(list(pages), n_bootstrap=0) if pages else {}
    return {k: float(v) for k, v in values.items() if not k.endswith("_std")}


def aggregate_statistic(metric: Metric, pages: PageScores) -> Statistic:
    """A :data:`Statistic` that recomputes ``metric.aggregate`` on each resample."""
    rows = list(pages)

    def statistic(idx: np.ndarray) -> dict[str, np.ndarray]:
        values = [point(metric, [rows[i] for i in row]) for row in idx]
        keys = [k for k in values[0] if all(k in v for v in values)] if values else []
        return {key: np.array([v[key] for v in values]) for key in keys}

    return statistic


def metric_statistic(metric: Metric, pages: PageScores) -> Statistic:
    """The metric's own vectorised ``statistic`` when it has one, else ``aggregate`` called
    once per resample (slow, but right for any metric)."""
    fast = getattr(metric, "statistic", None)
    if fast is not None and pages:
        return fast(list(pages))
    return aggregate_statistic(metric, pages)


def replicates(
    metric: Metric, pages: PageScores, *, seed: int, n_resamples: int = N_RESAMPLES
) -> dict[str, np.ndarray]:
    """The statistics recomputed on each seeded resample of the pages: ``key → (B,)``.

    Two page lists of the same length and seed are resampled with the same indices, which
    is what makes a difference of their replicates a *paired* bootstrap.
    """
    if not pages:
        return {}
    statistic = metric_statistic(metric, pages)
    return bootstrap.replicates(statistic, len(pages), seed=seed, n_resamples=n_resamples)


def percentile_bounds(values: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(values, [tail, 100 - tail])
    return float(low), float(high)


def intervals(
    metric: Metric,
    pages: PageScores,
    *,
    seed: int,
    n_resamples: int = N_RESAMPLES,
    level: float = LEVEL,
    reps: Mapping[str, np.ndarray] | None = None,
) -> dict[str, Interval]:
    """Every statistic of the metric with its percentile interval over the first
    ``n_resamples`` resamples (pass ``reps`` to reuse replicates of the same pages)."""
    values = point(metric, pages)
    if len(pages) < MIN_PAGES:
        return {key: Interval(value) for key, value in values.items()}
    if reps is None:
        reps = replicates(metric, pages, seed=seed, n_resamples=n_resamples)
    # statistics the metric does not resample (counts, per-dataset values) get no bounds
    return {
        key: Interval(value, *percentile_bounds(reps[key][:n_resamples], level))
        if key in reps
        else Interval(value)
        for key, value in values.items()
    }


def ratio_interval(
    numerators: Sequence[float],
    denominators: Sequence[float],
    *,
    seed: int,
    n_resamples: int = N_RESAMPLES,
    level: float = LEVEL,
) -> Interval | None:
    """``Σ numerators ÷ Σ denominators`` over pages (e.g. leaked ÷ inserted noise blocks),
    with pages resampled; ``None`` when nothing was counted."""
    num, den = np.asarray(numerators, dtype=float), np.asarray(denominators, dtype=float)
    if den.sum() == 0:
        return None
    value = float(num.sum() / den.sum())
    counted = int(np.count_nonzero(den))
    if counted < MIN_PAGES:
        return Interval(value)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = np.concatenate(
            [
                num[idx].sum(-1) / den[idx].sum(-1)
                for chunk in iter_resamples(len(den), seed, n_resamples)
                for idx in bootstrap.row_blocks(chunk)
            ]
        )
    return Interval(value, *percentile_bounds(ratios, level))


def p_value(diffs: np.ndarray) -> float:
    """Two-sided bootstrap p-value of a difference from its replicates: twice the smaller
    tail beyond 0, with the +1 correction so it is never 0 (min ≈ 2/(B+1))."""
    n = len(diffs)
    below = (np.count_nonzero(diffs <= 0) + 1) / (n + 1)
    above = (np.count_nonzero(diffs >= 0) + 1) / (n + 1)
    return float(min(1.0, 2 * min(below, above)))


def paired_from_replicates(
    a: str,
    b: str,
    key: str,
    n_pages: int,
    a_value: float,
    b_value: float,
    a_reps: np.ndarray | None,
    b_reps: np.ndarray | None,
    level: float = LEVEL,
) -> PairedDifference:
    """A :class:`PairedDifference` from replicates drawn with the same resample indices."""
    diff = a_value - b_value
    if n_pages < MIN_PAGES or a_reps is None or b_reps is None:
        return PairedDifference(a, b, key, n_pages, a_value, b_value, diff, None, None, None)
    diffs = a_reps - b_reps
    low, high = percentile_bounds(diffs, level)
    return PairedDifference(a, b, key, n_pages, a_value, b_value, diff, low, high, p_value(diffs))


def paired_difference(
    metric: Metric,
    pages_a: PageScores,
    pages_b: PageScores,
    *,
    key: str | None = None,
    names: tuple[str, str] = ("a", "b"),
    seed: int,
    n_resamples: int = N_TEST_RESAMPLES,
    level: float = LEVEL,
) -> PairedDifference:
    """Paired bootstrap of ``key(a) − key(b)`` (``key``: the metric's headline field by
    default); ``pages_a[i]`` and ``pages_b[i]`` must be the scores of the same page."""
    key = key or metric.info.headline
    if len(pages_a) != len(pages_b):
        raise ValueError(f"paired pages differ in number: {len(pages_a)} vs {len(pages_b)}")
    a_value, b_value = point(metric, pages_a)[key], point(metric, pages_b)[key]
    a_reps = b_reps = None
    if len(pages_a) >= MIN_PAGES:
        a_reps = replicates(metric, pages_a, seed=seed, n_resamples=n_resamples)[key]
        b_reps = replicates(metric, pages_b, seed=seed, n_resamples=n_resamples)[key]
    return paired_from_replicates(
        *names, key, len(pages_a), a_value, b_value, a_reps, b_reps, level
    )


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm–Bonferroni adjusted p-values (same order as given): controls the chance of any
    false "significant" among the whole family of comparisons."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def adjust(pairs: Sequence[PairedDifference]) -> list[PairedDifference]:
    """The pairs with Holm-adjusted p-values over the family of those that were tested and
    are not identical (an identical pair keeps p = 1)."""
    family = [i for i, pair in enumerate(pairs) if pair.p_value is not None and not pair.identical]
    adjusted = holm([pairs[i].p_value for i in family])  # type: ignore[misc]
    out = [replace(pair, p_adjusted=pair.p_value) if pair.tested else pair for pair in pairs]
    for i, p in zip(family, adjusted, strict=True):
        out[i] = replace(pairs[i], p_adjusted=p)
    return out


def rank_ranges(
    names: Sequence[str], pairs: Sequence[PairedDifference], direction: int = 1
) -> dict[str, tuple[int, int]]:
    """Each name's possible rank (1 = best): it is beaten for sure by the names significantly
    better and beats for sure the ones significantly worse; the rest is a tie within noise.
    ``direction``: +1 when a higher value is better, -1 when lower is."""
    better = dict.fromkeys(names, 0)
    worse = dict.fromkeys(names, 0)
    for pair in pairs:
        if not pair.significant or pair.a not in better or pair.b not in better:
            continue
        winner, loser = (pair.a, pair.b) if pair.diff * direction > 0 else (pair.b, pair.a)
        better[loser] += 1
        worse[winner] += 1
    n = len(names)
    return {name: (1 + better[name], n - worse[name]) for name in names}

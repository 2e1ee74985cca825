"""What every report shows, computed once from a run: scores with 95% bootstrap intervals,
failures and empty outputs, paired F1 tests between extractors (Holm-adjusted) and the rank
ranges they allow, noise leak, per-page scores, and breakdowns by page label."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from bench import metrics, stats
from bench.records import PageResult
from bench.reports.loading import Run, noise_types, page_labels
from bench.stats import Interval, PairedDifference

HEADLINE = "f1"
NOISE = "noise"


class ReportError(ValueError):
    """A report cannot be made as asked (e.g. a breakdown by a label the corpus lacks)."""


@dataclass(frozen=True, slots=True)
class ExtractorRow:
    """One extractor's line of the main table."""

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

    @property
    def headline(self) -> float | None:
        iv = self.scores.get(HEADLINE)
        return iv.value if iv is not None else None

    def page_values(self, key: str = HEADLINE) -> np.ndarray:
        return np.array([s[key] for s in self.page_scores.values() if key in s], dtype=float)


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One extractor on the pages of one label value (or carrying one noise type)."""

    label: str
    value: str
    extractor: str
    n_pages: int
    failures: int
    empty: int
    scores: dict[str, Interval]
    leak: Interval | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """A run's report data; rows are sorted best headline score first."""

    run: Run
    rows: tuple[ExtractorRow, ...]
    pairs: tuple[PairedDifference, ...]
    shared_pages: int
    n_resamples: int
    n_test_resamples: int
    level: float
    _groups: dict[str, tuple[GroupRow, ...]] = field(default_factory=dict)

    @property
    def metric(self) -> Any:
        return metrics.get(self.run.metric)

    @property
    def score_keys(self) -> list[str]:
        """Statistic names in display order (F1 first)."""
        keys = list(dict.fromkeys(k for row in self.rows for k in row.scores))
        return sorted(keys, key=lambda k: (k != HEADLINE, keys.index(k)))

    @property
    def noise_kinds(self) -> list[str]:
        return sorted({kind for row in self.rows for kind in row.noise_leak})

    def labels_available(self) -> list[str]:
        """Breakdowns this run supports: page label keys, and ``noise`` when labelled."""
        corpus = self.run.corpus
        if corpus is None:
            return []
        keys = sorted({k for page in corpus.pages for k in page_labels(page)})
        if any(noise_types(page) for page in corpus.pages):
            keys.append(NOISE)
        return keys

    def breakdown(self, by: str) -> tuple[GroupRow, ...]:
        """Every extractor on the pages of each value of label ``by`` (``noise``: on the pages
        that carry each noise type, with that type's leak share)."""
        if by not in self._groups:
            self._groups[by] = _breakdown(self, by)
        return self._groups[by]

    def verdicts(self) -> tuple[list[PairedDifference], list[PairedDifference]]:
        """(significant, not significant) tested pairs; the better extractor is ``a``."""
        tested = [p for p in self.pairs if p.tested]
        return [p for p in tested if p.significant], [p for p in tested if not p.significant]


def per_page(metric: stats.Metric, pages: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """The metric's statistics on each page alone (one-page resamples, vectorised)."""
    if not pages:
        return []
    statistic = stats.metric_statistic(metric, pages)
    values = statistic(np.arange(len(pages))[:, None])
    return [{k: float(v[i]) for k, v in values.items()} for i in range(len(pages))]


def _noise_counts(results: Sequence[PageResult], kind: str) -> tuple[list[int], list[int]]:
    leaked = [r.diagnostics.get("noise_leaked", {}).get(kind, 0) for r in results]
    blocks = [r.diagnostics.get("noise_blocks", {}).get(kind, 0) for r in results]
    return leaked, blocks


def _noise_leak(results: Sequence[PageResult], seed: int, n: int) -> dict[str, Interval]:
    kinds = sorted({k for r in results for k in r.diagnostics.get("noise_blocks", {})})
    out = {}
    for kind in kinds:
        iv = stats.ratio_interval(*_noise_counts(results, kind), seed=seed, n_resamples=n)
        if iv is not None:
            out[kind] = iv
    return out


def _title_repeats(results: Sequence[PageResult], seed: int, n: int) -> Interval | None:
    counts = [r.diagnostics["title_repeats"] for r in results if "title_repeats" in r.diagnostics]
    return stats.ratio_interval(counts, [1] * len(counts), seed=seed, n_resamples=n)


def analyze(
    run: Run,
    *,
    n_resamples: int = stats.N_RESAMPLES,
    n_test_resamples: int = stats.N_TEST_RESAMPLES,
    level: float = stats.LEVEL,
) -> Analysis:
    """Intervals for every extractor's aggregates (first ``n_resamples`` resamples), paired
    F1 tests over the pages every extractor scored (``n_test_resamples``), rank ranges."""
    n_test_resamples = max(n_test_resamples, n_resamples)
    metric = metrics.get(run.metric)
    seed = run.seed
    scored = {name: run.scored(name) for name in run.extractors}
    with_scores = [name for name in run.extractors if scored[name]]
    page_sets = [{r.page for r in scored[name]} for name in with_scores]
    shared = sorted(set.intersection(*page_sets)) if page_sets else []
    shared_set = set(shared)
    reps: dict[str, dict[str, np.ndarray]] = {}
    common_reps: dict[str, np.ndarray | None] = {}
    common_point: dict[str, float] = {}
    rows = []
    for name in run.extractors:
        results = scored[name]
        pages = [r.scores[run.metric] for r in results]
        if len(pages) >= stats.MIN_PAGES:
            reps[name] = stats.replicates(metric, pages, seed=seed, n_resamples=n_test_resamples)
        scores = stats.intervals(
            metric, pages, seed=seed, n_resamples=n_resamples, level=level, reps=reps.get(name)
        )
        if name in with_scores:
            common = [r.scores[run.metric] for r in results if r.page in shared_set]
            common_point[name] = stats.point(metric, common).get(HEADLINE, float("nan"))
            if len(common) == len(pages):
                common_reps[name] = reps.get(name, {}).get(HEADLINE)
            elif len(common) >= stats.MIN_PAGES:
                common_reps[name] = stats.replicates(
                    metric, common, seed=seed, n_resamples=n_test_resamples
                )[HEADLINE]
            else:
                common_reps[name] = None
        summary_row = run.row(name)
        all_results = run.results.get(name, ())
        rows.append(
            ExtractorRow(
                extractor=name,
                version=str(summary_row.get("version", "")),
                n_pages=len(all_results),
                failures=sum(1 for r in all_results if r.error),
                failure_kinds=dict(summary_row.get("failure_kinds", {})),
                empty=sum(1 for r in all_results if r.empty),
                pages_per_s=summary_row.get("pages_per_s"),
                seconds_median=summary_row.get("seconds_median"),
                scores=scores,
                rank=None,
                noise_leak=_noise_leak(all_results, seed, n_resamples),
                title_repeats=_title_repeats(all_results, seed, n_resamples),
                page_scores=dict(
                    zip((r.page for r in results), per_page(metric, pages), strict=True)
                ),
            )
        )
    rows.sort(key=lambda r: -(r.headline if r.headline is not None else -1.0))
    order = [r.extractor for r in rows if r.extractor in with_scores]
    pairs = [
        stats.paired_from_replicates(
            a,
            b,
            HEADLINE,
            len(shared),
            common_point[a],
            common_point[b],
            common_reps[a],
            common_reps[b],
            level,
        )
        for a, b in itertools.combinations(order, 2)
    ]
    pairs = [_better_first(p) for p in stats.adjust(pairs)]
    ranks = stats.rank_ranges(order, pairs)
    rows = [replace(row, rank=ranks.get(row.extractor)) for row in rows]
    return Analysis(
        run, tuple(rows), tuple(pairs), len(shared), n_resamples, n_test_resamples, level
    )


def _better_first(pair: PairedDifference) -> PairedDifference:
    """The pair oriented so that ``a`` has the higher score (difference ≥ 0)."""
    if pair.diff >= 0:
        return pair
    return replace(
        pair,
        a=pair.b,
        b=pair.a,
        a_value=pair.b_value,
        b_value=pair.a_value,
        diff=-pair.diff,
        low=None if pair.high is None else -pair.high,
        high=None if pair.low is None else -pair.low,
    )


def _breakdown(analysis: Analysis, by: str) -> tuple[GroupRow, ...]:
    run = analysis.run
    if run.corpus is None:
        raise ReportError(f"a breakdown by {by!r} needs the corpus: {'; '.join(run.notes)}")
    available = analysis.labels_available()
    if by not in available:
        have = ", ".join(available) or "none"
        raise ReportError(
            f"corpus {run.corpus_name!r} has no {by!r} labels on its pages "
            f"(breakdowns it supports: {have})"
        )
    groups: dict[str, set[str]] = {}
    for page in run.corpus.pages:
        values = noise_types(page) if by == NOISE else [page_labels(page).get(by)]
        for value in values:
            if value is not None:
                groups.setdefault(value, set()).add(page.id)
    metric = analysis.metric
    out = []
    for value, ids in sorted(groups.items()):
        for row in analysis.rows:
            results = [r for r in run.results.get(row.extractor, ()) if r.page in ids]
            pages = [r.scores[run.metric] for r in results if run.metric in r.scores]
            leak = None
            if by == NOISE:
                leak = stats.ratio_interval(
                    *_noise_counts(results, value),
                    seed=run.seed,
                    n_resamples=analysis.n_resamples,
                )
            out.append(
                GroupRow(
                    label=by,
                    value=value,
                    extractor=row.extractor,
                    n_pages=len(results),
                    failures=sum(1 for r in results if r.error),
                    empty=sum(1 for r in results if r.empty),
                    scores=stats.intervals(
                        metric,
                        pages,
                        seed=run.seed,
                        n_resamples=analysis.n_resamples,
                        level=analysis.level,
                    ),
                    leak=leak,
                )
            )
    return tuple(out)

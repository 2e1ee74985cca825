"""The one aggregation of a run: page results → :class:`~bench.summary_records.Summary`.

Per extractor: every metric's statistics (as the metric's ``aggregate`` gives them) with
95% bootstrap intervals; failures and empty outputs beside them; noise leak and title
repeats with intervals; breakdowns by page label; speed and output statistics. Across
extractors: paired tests of the headline field on the pages every extractor scored
(Holm-adjusted) and the rank ranges they allow. ``summary.json`` is written from this, and
every report and ``compare`` renders from what it stores.
"""

from __future__ import annotations

import itertools
import math
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bench import metrics, stats
from bench.encodings import LISTED
from bench.metrics.base import Metric
from bench.records import PageResult
from bench.result_columns import ResultColumns, Rows
from bench.scoring import diagnose_page, score_page
from bench.stats import Interval, PairedDifference
from bench.summary_records import (
    ExtractorSummary,
    Group,
    Outputs,
    ScoredPage,
    Scores,
    Speed,
    Summary,
)
from corpora.corpus import Corpus
from corpora.page import Page

NOISE = "noise"  # the breakdown by inserted noise type
NOISE_TYPES = "noise_types"  # a page's noise types in ``page_labels``, joined by ";"
# A label with more values than this (an id, a URL) is not broken down.
MAX_GROUPS = 50

__all__ = [
    "NOISE",
    "column",
    "failure_kind",
    "noise_types",
    "page_labels",
    "speed",
    "summarize",
    "summary_table_rows",
]


def failure_kind(error: str) -> str:
    """``timeout``, ``crashed``, ``memory``, ``network`` or ``exception``."""
    return error.split(":", 1)[0].split()[0]


def page_labels(page: Page) -> dict[str, str]:
    """A page's labels: language, template and every other label of the corpus record."""
    labels = dict(page.labels)
    for key in ("language", "template"):
        value = page.label(key)
        if value is not None:
            labels[key] = value
    return dict(sorted(labels.items()))


def noise_types(page: Page) -> list[str]:
    """The distinct noise types inserted into a page, sorted."""
    return list(page.noise_types())


def complete(result: PageResult, page: Page, metric_names: Sequence[str]) -> PageResult:
    """A failure recorded without scores (by a runner that did not score failures) scored as
    an empty output."""
    missing = [m for m in metric_names if m not in result.scores]
    if not missing or page.gold is None:
        return result
    return replace(
        result,
        scores={**result.scores, **score_page(page, "", missing)},
        diagnostics=diagnose_page(page, ""),
    )


def _percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def speed(results: Sequence[PageResult]) -> dict[str, Any]:
    """Speed of one extractor: pages/s and seconds per page (median, p95) after warm-up,
    the warm-up call itself, and the workers' peak resident memory.

    Outputs taken from the cache are left out (looking them up says nothing about the
    extractor); when every page came from the cache, the figures are those the computing
    run measured (stored with each output) and ``speed_from_cache`` says so.
    """
    return _speed(
        [r.cached for r in results],
        [r.seconds for r in results],
        [r.warmup_seconds for r in results],
        [r.peak_rss_mb for r in results],
    )


def _speed(
    cached: Sequence[bool],
    all_seconds: Sequence[float],
    all_warmups: Sequence[float | None],
    all_peaks: Sequence[float | None],
) -> dict[str, Any]:
    """:func:`speed` on the results' columns."""
    fresh = [i for i, hit in enumerate(cached) if not hit]
    timed = fresh or list(range(len(cached)))
    seconds = [all_seconds[i] for i in timed]
    total = sum(seconds)
    warmups = [w for i in fresh if (w := all_warmups[i]) is not None]
    peaks = [p for i in timed if (p := all_peaks[i]) is not None]
    return {
        "pages_per_s": len(seconds) / total if total > 0 else None,
        "seconds_median": statistics.median(seconds) if seconds else None,
        "seconds_p95": _percentile(seconds, 0.95) if seconds else None,
        "seconds_total": total,
        "warmup_seconds": statistics.median(warmups) if warmups else None,
        "warmup_seconds_max": max(warmups) if warmups else None,
        "peak_rss_mb": max(peaks) if peaks else None,
        "cached": len(cached) - len(fresh),
        "speed_from_cache": bool(cached) and not fresh,
    }


def _rows_speed(rows: Rows) -> dict[str, Any]:
    c = rows.columns
    return _speed(
        [bool(c.cached[row]) for row in rows],
        [c.seconds[row] for row in rows],
        [None if math.isnan(w := c.warmups[row]) else w for row in rows],
        [None if math.isnan(p := c.peaks[row]) else p for row in rows],
    )


def output_statistics(rows: Rows) -> dict[str, Any]:
    """Output length and exact-duplicate outputs of one extractor: what a run on a crawl
    without gold can still tell (a page whose text equals another page's is often a
    template, an error page or a consent wall)."""
    c = rows.columns
    lengths = [c.chars[row] for row in rows if c.errors[row] is None]
    hashes = Counter(c.hashes[row] for row in rows if c.errors[row] is None and c.chars[row])
    return {
        "output_chars_median": statistics.median(lengths) if lengths else None,
        "output_chars_mean": sum(lengths) / len(lengths) if lengths else None,
        "duplicate_outputs": sum(n - 1 for n in hashes.values() if n > 1),
    }


def noise_leak(rows: Rows, seed: int, n: int) -> dict[str, Interval]:
    """Per noise type: leaked blocks ÷ counted blocks over all pages, with its interval."""
    out = {}
    for kind in rows.noise_kinds():
        iv = stats.ratio_interval(*rows.leak_counts(kind), seed=seed, n_resamples=n)
        if iv is not None:
            out[kind] = iv
    return out


def title_repeats(rows: Rows, seed: int, n: int) -> Interval | None:
    """Mean extra copies of the title per page (the seed's scraped text has 3)."""
    counts = rows.title_repeats()
    return stats.ratio_interval(counts, [1] * len(counts), seed=seed, n_resamples=n)


def _bounds(intervals: Mapping[str, Interval]) -> dict[str, tuple[float, float]]:
    return {
        k: (iv.low, iv.high)
        for k, iv in intervals.items()
        if iv.low is not None and iv.high is not None
    }


@dataclass(frozen=True, slots=True)
class _Settings:
    metrics: tuple[Metric, ...]
    seed: int
    n_resamples: int
    n_test_resamples: int
    level: float

    @property
    def headline(self) -> Metric | None:
        return self.metrics[0] if self.metrics else None


def _scores(
    metric: Metric, pages: list[dict[str, float]], s: _Settings, n_reps: int
) -> tuple[Scores, dict[str, np.ndarray]]:
    """The metric's aggregate (with its ``*_std``) and the intervals of its statistics; the
    replicates (``n_reps`` resamples) are returned for the paired tests."""
    if not pages:
        return Scores({}), {}
    values = metric.aggregate(pages, seed=s.seed, n_bootstrap=s.n_resamples)
    reps: dict[str, np.ndarray] = {}
    if len(pages) >= stats.MIN_PAGES:
        reps = stats.replicates(metric, pages, seed=s.seed, n_resamples=n_reps)
    intervals = stats.intervals(
        metric, pages, seed=s.seed, n_resamples=s.n_resamples, level=s.level, reps=reps
    )
    return Scores(dict(values), _bounds(intervals)), reps


def _groups(
    corpus: Corpus,
    labels: Mapping[str, Mapping[str, str]],
    kinds: Mapping[str, Sequence[str]],
) -> dict[str, dict[str, np.ndarray]]:
    """label → value → the pages with it, as a boolean mask over the corpus's pages (one more
    entry, false, for pages not in it), for every label that groups pages
    (:func:`_groups_pages`), and ``noise`` (the pages that carry each noise type: ``kinds``,
    by page id). A label is dropped as soon as it has too many values (an id, a URL)."""
    counts: dict[str, dict[str, int] | None] = {}
    for page in corpus.pages:
        own = [(k, v) for k, v in labels.get(page.id, {}).items() if k != NOISE_TYPES]
        own += [(NOISE, kind) for kind in kinds.get(page.id, ())]
        for key, value in own:
            seen = counts.setdefault(key, {})
            if seen is not None:
                seen[value] = seen.get(value, 0) + 1
                if len(seen) > MAX_GROUPS:
                    counts[key] = None
    kept = {
        label: dict.fromkeys(sorted(values))
        for label, values in sorted(counts.items(), key=lambda item: (item[0] == NOISE, item[0]))
        if values is not None and _groups_pages(values)
    }
    masks = {
        label: {value: np.zeros(len(corpus.pages) + 1, dtype=bool) for value in values}
        for label, values in kept.items()
    }
    for position, page in enumerate(corpus.pages):
        own = list(labels.get(page.id, {}).items())
        own += [(NOISE, kind) for kind in kinds.get(page.id, ())]
        for key, value in own:
            if key in masks:
                masks[key][value][position] = True
    return masks


def _groups_pages(values: Mapping[str, int]) -> bool:
    """Whether a label groups pages (``values``: pages per value): at most
    :data:`MAX_GROUPS` values, and not one page per value (an id or a URL)."""
    return len(values) <= MAX_GROUPS and (len(values) == 1 or max(values.values()) > 1)


def _breakdowns(
    results: Rows,
    groups: Mapping[str, Mapping[str, np.ndarray]],
    s: _Settings,
) -> dict[str, dict[str, Group]]:
    metric = s.headline
    out: dict[str, dict[str, Group]] = {}
    for label, values in groups.items():
        row: dict[str, Group] = {}
        for value, mask in values.items():
            chosen = results.on_pages(mask)
            scores = Scores({})
            if metric is not None:
                name = metric.info.name
                pages = chosen.page_scores(name)
                intervals = stats.intervals(
                    metric, pages, seed=s.seed, n_resamples=s.n_resamples, level=s.level
                )
                scores = Scores({k: iv.value for k, iv in intervals.items()}, _bounds(intervals))
            leak = None
            if label == NOISE:
                leak = stats.ratio_interval(
                    *chosen.leak_counts(value), seed=s.seed, n_resamples=s.n_resamples
                )
            row[value] = Group(
                n_pages=len(chosen),
                failures=chosen.failures(),
                empty=chosen.count_empty(),
                scores=scores,
                leak=leak,
            )
        out[label] = row
    return out


def _pairs(
    rows: Mapping[str, Rows],
    order: Sequence[str],
    s: _Settings,
    known: Mapping[str, Mapping[str, np.ndarray]],
) -> tuple[list[PairedDifference], int]:
    """Paired tests of the headline field over the pages every extractor scored (``known``:
    replicates of each extractor's headline metric on all its scored pages, reused when
    those are the shared pages)."""
    metric = s.headline
    if metric is None:
        return [], 0
    name, key = metric.info.name, metric.info.headline
    scored = {e: rows[e].scored(name) for e in order}
    with_scores = [e for e in order if scored[e]]
    page_sets = [set(scored[e].pages) for e in with_scores]
    shared = set.intersection(*page_sets) if page_sets else set()
    point: dict[str, float] = {}
    reps: dict[str, np.ndarray | None] = {}
    for e in with_scores:
        page_of = scored[e].columns.pages
        common = scored[e].where(lambda r: page_of[r] in shared).page_scores(name)  # noqa: B023
        point[e] = stats.point(metric, common).get(key, float("nan"))
        reps[e] = None
        if len(common) == len(scored[e]) and key in known.get(e, {}):
            reps[e] = known[e][key]
        elif len(common) >= stats.MIN_PAGES:
            replicated = stats.replicates(
                metric, common, seed=s.seed, n_resamples=s.n_test_resamples
            )
            reps[e] = replicated.get(key)
    pairs = [
        stats.paired_from_replicates(
            a, b, key, len(shared), point[a], point[b], reps[a], reps[b], s.level
        )
        for a, b in itertools.combinations(with_scores, 2)
    ]
    direction = metric.info.headline_field.direction
    return [better_first(p, direction) for p in stats.adjust(pairs)], len(shared)


def better_first(pair: PairedDifference, direction: int = 1) -> PairedDifference:
    """The pair oriented so that ``a`` is the better one (``direction`` +1: higher is
    better, so the difference is ≥ 0; -1: lower is better, so it is ≤ 0)."""
    if pair.diff * direction >= 0:
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


def _row(
    ex: Mapping[str, Any],
    rows: Rows,
    scores: dict[str, Scores],
    groups: Mapping[str, Mapping[str, np.ndarray]],
    s: _Settings,
) -> ExtractorSummary:
    c = rows.columns
    failures = Counter(kind for row in rows if (kind := c.errors[row]) is not None)
    return ExtractorSummary(
        extractor=str(ex["name"]),
        spec=str(ex.get("spec", ex["name"])),
        version=str(ex.get("version", "")),
        params=dict(ex.get("params") or {}),
        n_pages=len(rows),
        failures=sum(failures.values()),
        failure_kinds=dict(sorted(failures.items())),
        empty=rows.count_empty(),
        network_attempts=sum(c.network[row] for row in rows),
        speed=Speed(**_rows_speed(rows)),
        outputs=Outputs(**output_statistics(rows)),
        scores=scores,
        noise_leak=noise_leak(rows, s.seed, s.n_resamples),
        title_repeats=title_repeats(rows, s.seed, s.n_resamples),
        breakdowns=_breakdowns(rows, groups, s),
    )


def _ranks(
    rows: Sequence[ExtractorSummary], pairs: Sequence[PairedDifference], s: _Settings
) -> dict[str, tuple[int, int]]:
    """Rank ranges of the extractors with a headline score."""
    metric = s.headline
    if metric is None:
        return {}
    name, key = metric.info.name, metric.info.headline
    scored = [r.extractor for r in rows if key in r.scores[name].values]
    return stats.rank_ranges(scored, pairs, metric.info.headline_field.direction)


def summarize(
    results: Iterable[PageResult],
    corpus: Corpus,
    extractors: Sequence[Mapping[str, Any]],
    metric_names: Sequence[str],
    seed: int,
    *,
    checksum: str | None = None,
    n_resamples: int = stats.N_RESAMPLES,
    n_test_resamples: int = stats.N_TEST_RESAMPLES,
    level: float = stats.LEVEL,
) -> Summary:
    """The run's summary. ``extractors``: one description per row (``name``, ``spec``,
    ``version``, ``params``), in the run's order; pages are ordered by id so the bootstrap
    resamples the same pages for every extractor (paired). ``results`` are read once, one
    at a time, into columns (:mod:`bench.result_columns`): a page recorded twice keeps its
    last result."""
    s = _Settings(
        tuple(metrics.get(m) for m in metric_names),
        seed,
        n_resamples,
        max(n_test_resamples, n_resamples),
        level,
    )
    index = {page.id: i for i, page in enumerate(corpus.pages)}
    labels: dict[str, dict[str, str]] = {}
    kinds_by_page: dict[str, list[str]] = {}
    for page in corpus.pages:
        # values shared between pages: 100,000 pages repeat a few dozen values
        own = {key: sys.intern(value) for key, value in page_labels(page).items()}
        if kinds := noise_types(page):
            own[NOISE_TYPES] = sys.intern(";".join(kinds))
            kinds_by_page[page.id] = kinds
        if own:
            labels[page.id] = own
    groups = _groups(corpus, labels, kinds_by_page)
    del kinds_by_page
    tables: dict[str, ResultColumns] = {}
    completed_failures: dict[str, dict[str, ScoredPage]] = {}
    for result in results:
        table = tables.get(result.extractor)
        if table is None:
            table = tables[result.extractor] = ResultColumns(metric_names)
        position = index.get(result.page, -1)
        page = corpus.pages[position] if position >= 0 else None
        done = complete(result, page, metric_names) if page is not None else result
        if done is not result:
            completed_failures.setdefault(result.extractor, {})[result.page] = ScoredPage(
                done.scores, done.diagnostics
            )
        else:
            completed_failures.get(result.extractor, {}).pop(result.page, None)
        table.add(done, failure_kind, position, page.id if page is not None else None)
    names = [ex["name"] for ex in extractors]
    scored_failures = {
        name: dict(sorted(completed_failures[name].items()))
        for name in names
        if completed_failures.get(name)
    }
    del completed_failures
    completed = {
        name: (tables[name] if name in tables else ResultColumns(metric_names)).sorted()
        for name in names
    }
    summaries = []
    headline_reps: dict[str, dict[str, np.ndarray]] = {}
    for ex in extractors:
        rows = completed[ex["name"]]
        scores = {}
        for i, metric in enumerate(s.metrics):
            name = metric.info.name
            n_reps = s.n_test_resamples if i == 0 else s.n_resamples
            page_scores = rows.page_scores(name)
            scores[name], reps = _scores(metric, page_scores, s, n_reps)
            del page_scores
            if i == 0:
                headline_reps[ex["name"]] = reps
        summaries.append(_row(ex, rows, scores, groups, s))
    pairs, shared = _pairs(completed, [ex["name"] for ex in extractors], s, headline_reps)
    ranks = _ranks(summaries, pairs, s)
    return Summary(
        corpus=corpus.name,
        corpus_checksum=checksum,
        metrics=tuple(m.info for m in s.metrics),
        seed=seed,
        results=tuple(replace(row, rank=ranks.get(row.extractor)) for row in summaries),
        pairs=tuple(pairs),
        shared_pages=shared,
        n_resamples=n_resamples,
        n_test_resamples=s.n_test_resamples,
        level=level,
        page_labels=labels,
        scored_failures=scored_failures,
        encoding_overrides=_encoding_overrides(tables.values()),
    )


def _encoding_overrides(tables: Iterable[ResultColumns]) -> dict[str, Any]:
    """:func:`bench.encodings.encoding_overrides` of the results in ``tables``."""
    overridden = sorted(
        {table.pages[row] for table in tables for row in range(len(table)) if table.overrides[row]}
    )
    return {"count": len(overridden), "pages": overridden[:LISTED]}


def column(position: int, metric: str, key: str) -> str:
    """A table column for a statistic: ``f1`` for the run's first (headline) metric,
    ``<metric>.<key>`` (``tokens.f1``) for the others, so names never clash."""
    return key if position == 0 else f"{metric}.{key}"


def summary_table_rows(summary: Summary) -> list[dict[str, Any]]:
    """One flat row per extractor, in the run's order: ``extractor``, every shown field of
    every metric (see :func:`column`; absent when the pages gave none), ``failures``,
    ``empty`` and ``pages_per_s``. What a notebook's table of a run is built from."""
    rows = []
    for row in summary.results:
        out: dict[str, Any] = {"extractor": row.extractor}
        for position, info in enumerate(summary.metrics):
            values = row.scores.get(info.name, Scores({})).values
            for name in info.field_names:
                if name in values:
                    out[column(position, info.name, name)] = values[name]
        out.update(failures=row.failures, empty=row.empty, pages_per_s=row.speed.pages_per_s)
        rows.append(out)
    return rows

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
from bench.metrics.base import Metric, Statistic
from bench.metrics.bootstrap import iter_resamples
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
    Usage,
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
    "label_groups",
    "noise_types",
    "page_labels",
    "speed",
    "summarize",
    "summary_table_rows",
    "usage",
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


def _busy_seconds(spans: Sequence[tuple[float, float]]) -> float:
    """Length of the union of ``(start, end)`` spans: the time with a request in flight."""
    total, reach = 0.0, float("-inf")
    for start, end in sorted(spans):
        if end > reach:
            total += end - max(start, reach)
            reach = end
    return total


def _price(params: Mapping[str, Any], key: str) -> float | None:
    value = params.get(key)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def usage(results: Sequence[PageResult], params: Mapping[str, Any]) -> Usage | None:
    """Tokens, cost and throughput of an extractor whose pages carry ``usage`` (an ``llm:``
    endpoint), ``None`` for any other. Tokens are the endpoint's counts, over every page
    that has them (failed and cached pages included: each was paid for once). The cost is
    ``tokens × price ÷ 10⁶`` with the prices in USD per million tokens from the extractor's
    parameters (``price_in_per_mtok``, ``price_out_per_mtok``); without a price, no cost.
    ``pages_per_s_in_flight``: pages run here ÷ the time at least one request was in flight."""
    return _usage([(r.usage, r.seconds, r.cached) for r in results], params)


def _rows_usage(rows: Rows, params: Mapping[str, Any]) -> Usage | None:
    c = rows.columns
    if not c.usages:
        return None
    pages = [(c.usages.get(row), c.seconds[row], bool(c.cached[row])) for row in rows]
    return _usage(pages, params)


def _usage(
    pages: Sequence[tuple[dict[str, Any] | None, float, bool]], params: Mapping[str, Any]
) -> Usage | None:
    """:func:`usage` of ``(usage, seconds, cached)`` per page."""
    used = [u for u, _, _ in pages if u]
    if not used:
        return None

    def count(key: str) -> int:
        return sum(u[key] for u in used if isinstance(u.get(key), int))

    tokens_in, tokens_out = count("input_tokens"), count("output_tokens")
    price_in = _price(params, "price_in_per_mtok")
    price_out = _price(params, "price_out_per_mtok")
    cost = None
    if price_in is not None or price_out is not None:
        cost = (tokens_in * (price_in or 0.0) + tokens_out * (price_out or 0.0)) / 1e6
    spans = [
        (u["finished"] - seconds, u["finished"])
        for u, seconds, cached in pages
        if u and not cached and isinstance(u.get("finished"), (int, float))
    ]
    busy = _busy_seconds(spans)
    return Usage(
        tokens_in=tokens_in,
        tokens_out=tokens_out,
        tokens_pages=sum(1 for u in used if isinstance(u.get("input_tokens"), int)),
        price_in_per_mtok=price_in,
        price_out_per_mtok=price_out,
        cost_usd=cost,
        cost_per_1000_pages=cost / len(pages) * 1000 if cost is not None else None,
        truncated_inputs=sum(1 for u in used if u.get("truncated")),
        truncated_outputs=sum(1 for u in used if u.get("output_truncated")),
        pages_per_s_in_flight=len(spans) / busy if busy > 0 else None,
    )


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


def label_groups(labels: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, set[str]]]:
    """label → value → page ids from each page's labels (``page_labels`` of a summary), for
    every label that groups pages (:func:`_groups_pages`), and ``noise`` (the pages that
    carry each noise type, from ``noise_types``), last. What the summary's breakdowns and
    ``compare``'s per-label tests group pages by."""
    groups: dict[str, dict[str, set[str]]] = {}
    for page, own in labels.items():
        for key, value in own.items():
            if key == NOISE_TYPES:
                for kind in value.split(";"):
                    groups.setdefault(NOISE, {}).setdefault(kind, set()).add(page)
            else:
                groups.setdefault(key, {}).setdefault(value, set()).add(page)
    return {
        label: dict(sorted(values.items()))
        for label, values in sorted(groups.items(), key=lambda item: (item[0] == NOISE, item[0]))
        if _groups_pages({value: len(ids) for value, ids in values.items()})
    }


def _masks(
    groups: Mapping[str, Mapping[str, set[str]]], index: Mapping[str, int]
) -> dict[str, dict[str, np.ndarray]]:
    """:func:`label_groups` as boolean masks over the corpus's pages (``index``: page id →
    position), with one more entry, false, for results of pages not in the corpus."""
    masks = {}
    for label, values in groups.items():
        masks[label] = {}
        for value, ids in values.items():
            mask = np.zeros(len(index) + 1, dtype=bool)
            mask[[index[page] for page in ids if page in index]] = True
            masks[label][value] = mask
    return masks


def _groups_pages(values: Mapping[str, int]) -> bool:
    """Whether a label groups pages (``values``: pages per value): at most
    :data:`MAX_GROUPS` values, and not one page per value (an id or a URL)."""
    return len(values) <= MAX_GROUPS and (len(values) == 1 or max(values.values()) > 1)


def _shared_replicates(
    statistics: Mapping[Any, tuple[Statistic, int]], s: _Settings
) -> dict[Any, dict[str, np.ndarray]]:
    """Replicates of many statistics (``key → (statistic, pages)``): those over the same
    number of pages share one seeded stream of resamples — the indices
    :func:`bench.stats.replicates` would draw for each, drawn once."""
    by_size: dict[int, list[Any]] = {}
    for key, (_, n) in statistics.items():
        by_size.setdefault(n, []).append(key)
    out: dict[Any, dict[str, np.ndarray]] = {}
    for n, keys in by_size.items():
        parts: dict[Any, dict[str, list[np.ndarray]]] = {key: {} for key in keys}
        for idx in iter_resamples(n, s.seed, s.n_resamples):
            for key in keys:
                for stat, values in statistics[key][0](idx).items():
                    parts[key].setdefault(stat, []).append(np.asarray(values, dtype=float))
        out.update(
            {key: {k: np.concatenate(v) for k, v in part.items()} for key, part in parts.items()}
        )
    return out


def _without_std(scores: Scores) -> Scores:
    return Scores({k: v for k, v in scores.values.items() if not k.endswith("_std")}, scores.bounds)


def _breakdowns(
    rows: Mapping[str, Rows],
    groups: Mapping[str, Mapping[str, np.ndarray]],
    s: _Settings,
    overall: Mapping[str, Mapping[str, Scores]],
) -> dict[str, dict[str, dict[str, Group]]]:
    """extractor → label → value → :class:`Group`: every metric's statistics with their
    intervals on the pages of each label value (none below :data:`bench.stats.MIN_PAGES`
    pages), the failures and empty outputs among them, and for ``noise`` the leak share of
    each type. One label value at a time (memory stays flat on large corpora); its
    statistics of one group size are resampled from one index stream; a value every page
    carries (a WCXB split run alone) takes the extractor's ``overall`` scores, which are the
    same numbers."""
    metric_of = {m.info.name: m for m in s.metrics}
    out: dict[str, dict[str, dict[str, Group]]] = {}
    for label, values in groups.items():
        for value, mask in values.items():
            chosen = {extractor: results.on_pages(mask) for extractor, results in rows.items()}
            pages: dict[tuple[str, str], list[dict[str, Any]]] = {}
            whole: dict[tuple[str, str], Scores] = {}
            for extractor, picked in chosen.items():
                for name in metric_of:
                    if len(picked) == len(rows[extractor]) and name in overall.get(extractor, {}):
                        whole[(extractor, name)] = _without_std(overall[extractor][name])
                    else:
                        pages[(extractor, name)] = picked.page_scores(name)
            resampled = {
                key: (stats.metric_statistic(metric_of[key[1]], scored), len(scored))
                for key, scored in pages.items()
                if len(scored) >= stats.MIN_PAGES
            }
            reps = _shared_replicates(resampled, s)
            for extractor, picked in chosen.items():
                by_metric = {}
                for name, metric in metric_of.items():
                    key = (extractor, name)
                    if key in whole:
                        by_metric[name] = whole[key]
                        continue
                    intervals = stats.intervals(
                        metric,
                        pages[key],
                        seed=s.seed,
                        n_resamples=s.n_resamples,
                        level=s.level,
                        reps=reps.get(key),
                    )
                    by_metric[name] = Scores(
                        {k: iv.value for k, iv in intervals.items()}, _bounds(intervals)
                    )
                leak = None
                if label == NOISE:
                    leak = stats.ratio_interval(
                        *picked.leak_counts(value), seed=s.seed, n_resamples=s.n_resamples
                    )
                headline = s.headline
                out.setdefault(extractor, {}).setdefault(label, {})[value] = Group(
                    n_pages=len(picked),
                    failures=picked.failures(),
                    empty=picked.count_empty(),
                    scores=by_metric[headline.info.name] if headline is not None else Scores({}),
                    leak=leak,
                    metrics=by_metric,
                )
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
    breakdowns: dict[str, dict[str, Group]],
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
        breakdowns=breakdowns,
        usage=_rows_usage(rows, ex.get("params") or {}),
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
    for page in corpus.pages:
        # values shared between pages: 100,000 pages repeat a few dozen values
        own = {key: sys.intern(value) for key, value in page_labels(page).items()}
        if kinds := noise_types(page):
            own[NOISE_TYPES] = sys.intern(";".join(kinds))
        if own:
            labels[page.id] = own
    groups = _masks(label_groups(labels), index)
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
    headline_reps: dict[str, dict[str, np.ndarray]] = {}
    overall: dict[str, dict[str, Scores]] = {}
    for ex in extractors:
        rows = completed[ex["name"]]
        scores = overall.setdefault(ex["name"], {})
        for i, metric in enumerate(s.metrics):
            name = metric.info.name
            n_reps = s.n_test_resamples if i == 0 else s.n_resamples
            page_scores = rows.page_scores(name)
            scores[name], reps = _scores(metric, page_scores, s, n_reps)
            del page_scores
            if i == 0:
                headline_reps[ex["name"]] = reps
    breakdowns = _breakdowns(completed, groups, s, overall)
    summaries = [
        _row(ex, completed[ex["name"]], overall[ex["name"]], breakdowns.get(ex["name"], {}), s)
        for ex in extractors
    ]
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
        if row.usage is not None:  # an llm: extractor
            out.update(
                tokens_in=row.usage.tokens_in,
                tokens_out=row.usage.tokens_out,
                cost_usd=row.usage.cost_usd,
                cost_per_1000_pages=row.usage.cost_per_1000_pages,
            )
        rows.append(out)
    return rows

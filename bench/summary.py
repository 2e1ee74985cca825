"""Aggregate page results into ``summary.json``: per extractor, scores with bootstrap
spread, failures and empty outputs beside them, speed."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bench import metrics
from bench.encodings import encoding_overrides
from bench.records import SCHEMA_VERSION, PageResult
from bench.scoring import diagnose_page, score_page
from corpora.corpus import Corpus


def failure_kind(error: str) -> str:
    """``timeout``, ``crashed``, ``memory``, ``network`` or ``exception``."""
    return error.split(":", 1)[0].split()[0]


BREAKDOWN_LABELS = ("language", "template", "dataset")


def complete(result: PageResult, corpus: Corpus, metric_names: Sequence[str]) -> PageResult:
    """A failure recorded by the parent has no scores: score it as an empty output."""
    missing = [m for m in metric_names if m not in result.scores]
    if not missing:
        return result
    page = corpus.page(result.page)
    return replace(
        result,
        scores={**result.scores, **score_page(page, "", missing)},
        diagnostics=diagnose_page(page, ""),
    )


def noise_leak(results: Sequence[PageResult]) -> dict[str, float]:
    """Per noise type: leaked blocks ÷ counted blocks, over all pages."""
    blocks: Counter[str] = Counter()
    leaks: Counter[str] = Counter()
    for result in results:
        blocks.update(result.diagnostics.get("noise_blocks", {}))
        leaks.update(result.diagnostics.get("noise_leaked", {}))
    return {kind: leaks[kind] / blocks[kind] for kind in sorted(blocks) if blocks[kind]}


def title_repeats(results: Sequence[PageResult]) -> float | None:
    """Mean extra copies of the title per page (the seed's scraped text has 3)."""
    counts = [r.diagnostics["title_repeats"] for r in results if "title_repeats" in r.diagnostics]
    return sum(counts) / len(counts) if counts else None


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
    fresh = [r for r in results if not r.cached]
    timed = fresh or list(results)
    seconds = [r.seconds for r in timed]
    total = sum(seconds)
    warmups = [r.warmup_seconds for r in fresh if r.warmup_seconds is not None]
    peaks = [r.peak_rss_mb for r in timed if r.peak_rss_mb is not None]
    return {
        "pages_per_s": len(seconds) / total if total > 0 else None,
        "seconds_median": statistics.median(seconds) if seconds else None,
        "seconds_p95": _percentile(seconds, 0.95) if seconds else None,
        "seconds_total": total,
        "warmup_seconds": statistics.median(warmups) if warmups else None,
        "warmup_seconds_max": max(warmups) if warmups else None,
        "peak_rss_mb": max(peaks) if peaks else None,
        "cached": len(results) - len(fresh),
        "speed_from_cache": bool(results) and not fresh,
    }


def breakdowns(
    results: Sequence[PageResult], corpus: Corpus, metric: str | None
) -> dict[str, dict[str, dict[str, float]]]:
    """Headline scores per language and per template, where the corpus has those labels."""
    if metric is None:
        return {}
    pages = {page.id: page for page in corpus.pages}
    out: dict[str, dict[str, dict[str, float]]] = {}
    for label in BREAKDOWN_LABELS:
        groups: dict[str, list[dict[str, float]]] = {}
        for result in results:
            value = pages[result.page].label(label)
            if value is not None and metric in result.scores:
                groups.setdefault(value, []).append(result.scores[metric])
        if groups:
            aggregate = metrics.get(metric).aggregate
            out[label] = {
                value: {**aggregate(rows, n_bootstrap=0), "n_pages": len(rows)}
                for value, rows in sorted(groups.items())
            }
    return out


def summarize_extractor(
    results: Sequence[PageResult],
    corpus: Corpus,
    extractor: dict[str, Any],
    metric_names: Sequence[str],
    seed: int,
) -> dict[str, Any]:
    """One row of ``summary.json`` ``results``; pages are ordered by id so the bootstrap
    resamples the same pages for every extractor (paired)."""
    ordered = [complete(r, corpus, metric_names) for r in sorted(results, key=lambda r: r.page)]
    failures = Counter(failure_kind(r.error) for r in ordered if r.error)
    all_metrics: dict[str, dict[str, float]] = {}
    for name in metric_names:
        pages = [r.scores[name] for r in ordered if name in r.scores]
        all_metrics[name] = metrics.get(name).aggregate(pages, seed=seed) if pages else {}
    primary = metric_names[0] if metric_names else None
    headline = dict(all_metrics.get(primary, {})) if primary else {}
    leak = noise_leak(ordered)
    if leak:
        headline["noise_leak"] = leak
    repeats = title_repeats(ordered)
    if repeats is not None:
        headline["title_repeats"] = repeats
    return {
        "corpus": corpus.name,
        "extractor": extractor["name"],
        "spec": extractor["spec"],
        "version": extractor["version"],
        "params": extractor["params"],
        "n_pages": len(ordered),
        "failures": sum(failures.values()),
        "failure_kinds": dict(sorted(failures.items())),
        "empty": sum(1 for r in ordered if r.empty),
        "network_attempts": sum(r.network_attempts for r in ordered),
        **speed(ordered),
        "metrics": headline,
        "all_metrics": all_metrics,
        "breakdowns": breakdowns(ordered, corpus, primary),
    }


def summarize(
    results: Sequence[PageResult],
    corpus: Corpus,
    extractors: Sequence[dict[str, Any]],
    metric_names: Sequence[str],
    seed: int,
) -> dict[str, Any]:
    by_extractor: dict[str, list[PageResult]] = {}
    for result in results:
        by_extractor.setdefault(result.extractor, []).append(result)
    rows = [
        summarize_extractor(by_extractor.get(ex["name"], []), corpus, ex, metric_names, seed)
        for ex in extractors
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "corpus": corpus.name,
        "corpus_checksum": None,
        "metric": metric_names[0] if metric_names else None,
        "seed": seed,
        "results": rows,
        "encoding_overrides": encoding_overrides(results),
    }

"""Aggregate page results into ``summary.json``: per extractor, scores with bootstrap
spread, failures and empty outputs beside them, speed."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench import metrics
from bench.records import SCHEMA_VERSION, PageResult
from bench.scoring import score_page
from corpora.corpus import Corpus


def failure_kind(error: str) -> str:
    """``timeout``, ``crashed``, ``memory``, ``network`` or ``exception``."""
    return error.split(":", 1)[0].split()[0]


def complete_scores(
    result: PageResult, corpus: Corpus, metric_names: Sequence[str]
) -> dict[str, dict[str, float]]:
    """A failure recorded by the parent has no scores: score it as an empty output."""
    missing = [m for m in metric_names if m not in result.scores]
    if not missing:
        return result.scores
    page = corpus.page(result.page)
    return {**result.scores, **score_page(page, "", missing)}


def summarize_extractor(
    results: Sequence[PageResult],
    corpus: Corpus,
    extractor: dict[str, Any],
    metric_names: Sequence[str],
    seed: int,
) -> dict[str, Any]:
    """One row of ``summary.json`` ``results``; pages are ordered by id so the bootstrap
    resamples the same pages for every extractor (paired)."""
    ordered = sorted(results, key=lambda r: r.page)
    failures = Counter(failure_kind(r.error) for r in ordered if r.error)
    seconds = [r.seconds for r in ordered]
    total = sum(seconds)
    all_metrics: dict[str, dict[str, float]] = {}
    scored = [complete_scores(r, corpus, metric_names) for r in ordered]
    for name in metric_names:
        pages = [s[name] for s in scored if name in s]
        all_metrics[name] = metrics.get(name).aggregate(pages, seed=seed) if pages else {}
    primary = metric_names[0] if metric_names else None
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
        "pages_per_s": len(ordered) / total if total > 0 else None,
        "seconds_median": statistics.median(seconds) if seconds else None,
        "seconds_total": total,
        "metrics": all_metrics.get(primary, {}) if primary else {},
        "all_metrics": all_metrics,
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
    }

"""Rows for data frames: one per extractor from a summary, one per (extractor, page) from the
page results. Plain dicts, so pandas is needed only by who asks for a frame."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bench import metrics
from bench.records import PageResult

_COUNTS = frozenset({"tp", "fp", "fn", "tn"})


def metric_fields(name: str, values: Mapping[str, Any]) -> list[str]:
    """The fields of metric ``name`` a table shows: those its metadata names, else every
    value that is not a spread (``*_std``) or a raw count."""
    info = getattr(metrics.get(name), "INFO", None) or getattr(metrics.get(name), "info", None)
    declared = getattr(info, "fields", None)
    if declared:
        names = [getattr(f, "name", f) for f in declared]
        return [n for n in names if n in values]
    return [k for k in values if not k.endswith("_std") and k not in _COUNTS]


def _column(metric: str, key: str, first: str) -> str:
    return key if metric == first else f"{metric}.{key}"


def summary_rows(summary: Mapping[str, Any], metric_names: Sequence[str]) -> list[dict[str, Any]]:
    """One dict per extractor: ``extractor``, the headline fields of every metric (the first
    metric's under their own names, the others' as ``metric.field``), ``failures``,
    ``empty``, ``n_pages``, ``pages_per_s`` and ``version``."""
    first = metric_names[0] if metric_names else ""
    rows = []
    for row in summary.get("results", []):
        out: dict[str, Any] = {"extractor": row["extractor"]}
        all_metrics = row.get("all_metrics") or {first: row.get("metrics", {})}
        for name in metric_names:
            values = all_metrics.get(name) or {}
            for key in metric_fields(name, values):
                out[_column(name, key, first)] = values[key]
        for key in ("failures", "empty", "n_pages", "pages_per_s", "version"):
            out[key] = row.get(key)
        rows.append(out)
    return rows


def page_rows(
    results: Iterable[PageResult], summary: Mapping[str, Any] | None = None
) -> list[dict[str, Any]]:
    """One dict per page result: ``extractor``, ``page``, ``error``, ``empty``, ``seconds``,
    ``output_chars``, ``cached``, ``encoding``, every score as ``metric.field``, and the
    page's labels when the summary carries them (``page_labels``)."""
    labels: Mapping[str, Mapping[str, str]] = (summary or {}).get("page_labels") or {}
    rows = []
    for r in results:
        row: dict[str, Any] = {
            "extractor": r.extractor,
            "page": r.page,
            "error": r.error,
            "empty": r.empty,
            "seconds": r.seconds,
            "output_chars": r.output_chars,
            "cached": r.cached,
            "encoding": r.encoding,
        }
        for metric, values in r.scores.items():
            for key, value in values.items():
                row[f"{metric}.{key}"] = value
        row.update(labels.get(r.page, {}))
        rows.append(row)
    return rows

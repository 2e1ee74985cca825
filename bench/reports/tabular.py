"""Flat tables of a report for CSV and JSON: one table per file, one record per row, so
``pandas.read_csv`` / ``pandas.read_json`` read each in one call.

Tables: ``summary`` (one row per extractor), ``pages`` (one per page and extractor),
``pairs`` (the paired tests of the headline) and ``groups`` (the breakdowns by page label:
every label, or the one ``by`` names).
Statistics of the run's first metric are plain columns (``f1``); those of its other
metrics are ``<metric>.<statistic>`` (``tokens.f1``), as in
:func:`bench.summary.summary_table_rows`.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import Any

from bench.reports.analysis import Analysis, GroupRow, ReportError
from bench.stats import Interval
from bench.summary import column

TABLES = ("summary", "pages", "pairs", "groups")
Row = dict[str, Any]


def _clean(value: Any) -> Any:
    return None if isinstance(value, float) and not math.isfinite(value) else value


def _interval(prefix: str, iv: Interval | None) -> Row:
    if iv is None:
        return {}
    return {prefix: iv.value, f"{prefix}_low": iv.low, f"{prefix}_high": iv.high}


def summary_rows(analysis: Analysis) -> list[Row]:
    rows = []
    for row in analysis.rows:
        out: Row = {
            "extractor": row.extractor,
            "version": row.version,
            "rank_best": row.rank[0] if row.rank else None,
            "rank_worst": row.rank[1] if row.rank else None,
            "n_pages": row.n_pages,
            "failures": row.failures,
            "empty": row.empty,
            "pages_per_s": row.pages_per_s,
            "seconds_median": row.seconds_median,
        }
        for key in analysis.score_keys:
            out.update(_interval(key, row.scores.get(key)))
        stored = analysis.run.row(row.extractor)
        for position, info in enumerate(analysis.run.summary.metrics):
            if position == 0 or stored is None or info.name not in stored.scores:
                continue
            for key, iv in stored.scores[info.name].intervals().items():
                out.update(_interval(column(position, info.name, key), iv))
        for kind in analysis.noise_kinds:
            out.update(_interval(f"noise_leak_{kind}", row.noise_leak.get(kind)))
        out.update(_interval("title_repeats", row.title_repeats))
        if stored is not None and stored.usage is not None:  # an llm: extractor
            out.update(stored.usage.to_json())
        rows.append(out)
    return rows


def page_rows(analysis: Analysis) -> list[Row]:
    """One row per page and extractor: stored scores, the page's own statistics, noise
    counts and the page's labels (from the summary: no corpus needed)."""
    run = analysis.run
    labels = run.summary.page_labels
    page_scores = {row.extractor: row.page_scores for row in analysis.rows}
    rows = []
    for name in run.extractors:
        for result in run.results.get(name, ()):
            out: Row = {
                "page": result.page,
                "extractor": name,
                "error": result.error,
                "empty": result.empty,
                "seconds": result.seconds,
                "output_chars": result.output_chars,
            }
            out.update(result.scores.get(run.metric, {}))
            out.update(page_scores.get(name, {}).get(result.page, {}))
            for kind, count in sorted(result.diagnostics.get("noise_blocks", {}).items()):
                out[f"noise_blocks_{kind}"] = count
                out[f"noise_leaked_{kind}"] = result.diagnostics["noise_leaked"].get(kind, 0)
            if "title_repeats" in result.diagnostics:
                out["title_repeats"] = result.diagnostics["title_repeats"]
            for key, value in labels.get(result.page, {}).items():
                out[key if key not in out else f"label_{key}"] = value
            rows.append(out)
    return rows


def pair_rows(analysis: Analysis) -> list[Row]:
    return [pair.to_json() for pair in analysis.pairs]


def group_rows(groups: Sequence[GroupRow], metric_names: Sequence[str] = ()) -> list[Row]:
    """One row per label value and extractor: the headline metric's statistics plainly
    (``f1``), the other metrics' (``metric_names`` in the run's order, the headline first)
    as ``<metric>.<statistic>``, each with its bounds."""
    rows = []
    for group in groups:
        out: Row = {
            "label": group.label,
            "value": group.value,
            "extractor": group.extractor,
            "n_pages": group.n_pages,
            "failures": group.failures,
            "empty": group.empty,
        }
        for key, iv in group.scores.items():
            out.update(_interval(key, iv))
        for position, name in enumerate(metric_names):
            if position == 0:
                continue
            for key, iv in group.metrics.get(name, {}).items():
                out.update(_interval(column(position, name, key), iv))
        out.update(_interval("leak", group.leak))
        rows.append(out)
    return rows


def rows_of(analysis: Analysis, table: str, by: str | None = None) -> list[Row]:
    """The rows of one table."""
    if table == "summary":
        return summary_rows(analysis)
    if table == "pages":
        return page_rows(analysis)
    if table == "pairs":
        return pair_rows(analysis)
    if table == "groups":
        names = [info.name for info in analysis.run.summary.metrics]
        labels = [by] if by is not None else analysis.labels_available()
        return [row for label in labels for row in group_rows(analysis.breakdown(label), names)]
    raise ReportError(f"unknown table {table!r} (tables: {', '.join(TABLES)})")


def columns(rows: Sequence[Row]) -> list[str]:
    """Every key, in first-seen order."""
    return list(dict.fromkeys(key for row in rows for key in row))


def to_csv(rows: Sequence[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else _clean(v) for k, v in row.items()})
    return buffer.getvalue()


def to_json(rows: Sequence[Row]) -> str:
    """A JSON array of records; every record has every column (``null`` when absent)."""
    keys = columns(rows)
    records = [{key: _clean(row.get(key)) for key in keys} for row in rows]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"

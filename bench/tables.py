"""Rows for a data frame of page results: one per (extractor, page), with every per-page
score and the page's labels. Plain dicts, so pandas is needed only by who asks for a frame.
(One row per extractor comes from :func:`bench.summary.summary_table_rows`.)"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bench.records import PageResult


def page_rows(
    results: Iterable[PageResult], labels: Mapping[str, Mapping[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One dict per page result: ``extractor``, ``page``, ``error``, ``empty``, ``seconds``,
    ``output_chars``, ``cached``, ``encoding``, every score as ``metric.field``, and the
    page's labels (``labels``: page id → label → value, as the summary stores them)."""
    labels = labels or {}
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

"""Score one extractor output against a page's gold with the chosen metrics.

An output is read by its kind (:data:`extractors.base.OUTPUT_KINDS`): text metrics get a text
output as it is and a markdown or HTML output as the text of its blocks
(:func:`bench.structure.rendered_text`); a metric that reads the raw string (``READS_RAW``,
``rouge-n5``) gets it unchanged; a metric that reads outputs by kind (``score_output``,
``structure``) gets the raw string and its kind. A metric that has nothing to say about a
page (``structure`` on gold without markup) returns ``{}`` and is left out of its scores.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import metrics
from bench.metrics.leak import page_diagnostics
from bench.records import PageResult
from bench.structure import rendered_text
from corpora.page import Gold, Page

# Libraries whose behaviour the metrics depend on (tokenisation, edit distances, parsing).
_SCORING_LIBRARIES = ("numpy", "rapidfuzz", "jieba", "markdown-it-pyrs", "lxml", "apted")
TEXT = "text"


def _score(metric: Any, page: Page, raw: str, kind: str, rendered: str) -> dict[str, float]:
    assert page.gold is not None
    by_kind = getattr(metric, "score_output", None)
    if callable(by_kind):
        return dict(by_kind(page.gold, raw, kind))
    if getattr(metric, "READS_RAW", False):
        return dict(metric.score_page(page.gold, raw))
    return dict(metric.score_page(page.gold, rendered))


def score_page(
    page: Page, text: str, metric_names: Sequence[str], kind: str = TEXT
) -> dict[str, dict[str, float]]:
    """Per-metric page scores of an output of ``kind``; pages without gold get none."""
    if page.gold is None:
        return {}
    rendered = text if kind == TEXT else rendered_text(text, kind)
    scores = {}
    for name in metric_names:
        values = _score(metrics.get(name), page, text, kind, rendered)
        if values:
            scores[name] = values
    return scores


def diagnose_page(page: Page, text: str, kind: str = TEXT) -> dict[str, Any]:
    """Noise leak counts and title repeats (of the output's text), for pages whose gold
    carries them."""
    if page.gold is None:
        return {}
    return page_diagnostics(page.gold, text if kind == TEXT else rendered_text(text, kind))


def with_scores(
    page: Page, metric_names: Sequence[str], result: PageResult, text: str
) -> PageResult:
    """``result`` with the scores and diagnostics of its output ``text`` (of the result's
    output kind)."""
    return dataclasses.replace(
        result,
        scores=score_page(page, text, metric_names, result.output_kind),
        diagnostics=diagnose_page(page, text, result.output_kind),
    )


@functools.cache
def scoring_version() -> str:
    """A hash of the scoring code (this module and :mod:`bench.metrics`) and the versions of
    the libraries it uses: remembered scores are reused only while it is unchanged."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve()
    code = [*sorted((here.parent / "metrics").glob("*.py"))]
    code += sorted((here.parent / "structure").glob("*.py"))
    for path in [here, *code]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _SCORING_LIBRARIES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=256)
def _gold_digest(gold: Gold) -> str:
    """A digest of the whole gold record (a page's extractors share it: kept for the last
    pages, so it is computed about once a page)."""
    return hashlib.sha256(repr(gold).encode()).hexdigest()


def score_key(
    page: Page, output_sha256: str, metric_names: Sequence[str], kind: str = TEXT
) -> str | None:
    """What decides a page's scores and diagnostics: the output text (its SHA-256) and kind,
    the whole gold record, the metrics, :func:`scoring_version` and the code of plugin
    metrics; ``None`` for a page without gold."""
    if page.gold is None:
        return None
    fields = (
        output_sha256 if kind == TEXT else f"{output_sha256}:{kind}",
        _gold_digest(page.gold),
        ",".join(metric_names),
        scoring_version(),
        metrics.fingerprint(tuple(metric_names)),
    )
    return hashlib.sha256("\0".join(fields).encode()).hexdigest()

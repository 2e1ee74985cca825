"""Score one extractor output against a page's gold with the chosen metrics."""

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
from corpora.page import Page

# Libraries whose behaviour the metrics depend on (tokenisation, edit distances).
_SCORING_LIBRARIES = ("numpy", "rapidfuzz", "jieba")


def score_page(page: Page, text: str, metric_names: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-metric page scores; pages without gold get none."""
    if page.gold is None:
        return {}
    return {name: metrics.get(name).score_page(page.gold, text) for name in metric_names}


def diagnose_page(page: Page, text: str) -> dict[str, Any]:
    """Noise leak counts and title repeats, for pages whose gold carries them."""
    return page_diagnostics(page.gold, text) if page.gold is not None else {}


def with_scores(
    page: Page, metric_names: Sequence[str], result: PageResult, text: str
) -> PageResult:
    """``result`` with the scores and diagnostics of its output ``text``."""
    return dataclasses.replace(
        result,
        scores=score_page(page, text, metric_names),
        diagnostics=diagnose_page(page, text),
    )


@functools.cache
def scoring_version() -> str:
    """A hash of the scoring code (this module and :mod:`bench.metrics`) and the versions of
    the libraries it uses: remembered scores are reused only while it is unchanged."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve()
    for path in [here, *sorted((here.parent / "metrics").glob("*.py"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in _SCORING_LIBRARIES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} missing".encode())
    return digest.hexdigest()


def score_key(page: Page, output_sha256: str, metric_names: Sequence[str]) -> str | None:
    """What decides a page's scores and diagnostics: the output text (its SHA-256), the whole
    gold record, the metrics, :func:`scoring_version` and the code of plugin metrics;
    ``None`` for a page without gold."""
    if page.gold is None:
        return None
    fields = (
        output_sha256,
        repr(page.gold),
        ",".join(metric_names),
        scoring_version(),
        metrics.fingerprint(tuple(metric_names)),
    )
    return hashlib.sha256("\0".join(fields).encode()).hexdigest()

"""Score one extractor output against a page's gold with the chosen metrics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench import metrics
from bench.metrics.leak import page_diagnostics
from corpora.page import Page


def score_page(page: Page, text: str, metric_names: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-metric page scores; pages without gold get none."""
    if page.gold is None:
        return {}
    return {name: metrics.get(name).score_page(page.gold, text) for name in metric_names}


def diagnose_page(page: Page, text: str) -> dict[str, Any]:
    """Noise leak counts and title repeats, for pages whose gold carries them."""
    return page_diagnostics(page.gold, text) if page.gold is not None else {}

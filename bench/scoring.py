"""Score one extractor output against a page's gold with the chosen metrics."""

from __future__ import annotations

from collections.abc import Sequence

from bench import metrics
from corpora.page import Page


def score_page(page: Page, text: str, metric_names: Sequence[str]) -> dict[str, dict[str, float]]:
    """Per-metric page scores; pages without gold get none."""
    if page.gold is None:
        return {}
    return {name: metrics.get(name).score_page(page.gold.text, text) for name in metric_names}

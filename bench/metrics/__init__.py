"""Metrics by name. Each module gives ``NAME``, ``DESCRIPTION``,
``score_page(gold: Gold, text) -> dict[str, float]`` (stored per page) and
``aggregate(page_scores, seed=0, n_bootstrap=1000) -> dict[str, float]`` (corpus scores with
``*_std``); a new metric is one module plus one line in ``_MODULES``."""

from __future__ import annotations

import difflib
import importlib
from types import ModuleType

_MODULES = {"aeb": "bench.metrics.aeb"}
DEFAULT = ("aeb",)


class MetricError(ValueError):
    """Unknown metric name."""


def names() -> list[str]:
    return list(_MODULES)


def get(name: str) -> ModuleType:
    """The metric module for ``name``; unknown names get "did you mean …"."""
    if name not in _MODULES:
        close = difflib.get_close_matches(name, list(_MODULES), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise MetricError(f"unknown metric {name!r}{hint} (known: {', '.join(_MODULES)})")
    return importlib.import_module(_MODULES[name])

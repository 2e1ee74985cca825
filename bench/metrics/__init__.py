"""Metrics by name. Each module gives ``NAME``, ``DESCRIPTION``,
``score_page(gold: Gold, text) -> dict[str, float]`` (stored per page) and
``aggregate(page_scores, seed=0, n_bootstrap=1000) -> dict[str, float]`` (corpus scores with
``*_std``); a new metric is one module plus one line in ``_MODULES``."""

from __future__ import annotations

import difflib
import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corpora.corpus import Corpus

_MODULES = {
    "aeb": "bench.metrics.aeb",
    "snippets": "bench.metrics.snippets",
    "tokens": "bench.metrics.tokens",
    "rouge-lsum": "bench.metrics.rouge",
    "levenshtein": "bench.metrics.levenshtein",
    "words": "bench.metrics.words",
    "rouge-n5": "bench.metrics.rouge_n",
}
DEFAULT = ("aeb",)
SNIPPET_DEFAULT = ("snippets",)
# Benchmarks scored the way their authors score them, by corpus format.
FORMAT_DEFAULTS = {"wcxb": ("words",), "webmainbench": ("rouge-n5",)}


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


def default_metrics(corpus: Corpus) -> tuple[str, ...]:
    """The metrics to use when none is chosen: the benchmark's own metric for a format in
    :data:`FORMAT_DEFAULTS` (``words`` for WCXB, ``rouge-n5`` for WebMainBench), else
    ``snippets`` for snippet gold without full text (trafilatura's evaluation), ``aeb`` for
    full-text gold, both for a corpus of both."""
    if corpus.format in FORMAT_DEFAULTS:
        return FORMAT_DEFAULTS[corpus.format]
    golds = [page.gold for page in corpus.pages if page.gold is not None]
    snippets = any(gold.has_snippets for gold in golds)
    full_text = any(gold.text.strip() for gold in golds)
    if snippets and not full_text:
        return SNIPPET_DEFAULT
    if snippets:
        return DEFAULT + SNIPPET_DEFAULT
    return DEFAULT

"""Metrics by name: the built-ins and plugins of the entry-point group ``boilerbench.metrics``.

A metric is any object (a module will do) with the :class:`~bench.metrics.base.Metric`
protocol: ``info`` (a :class:`~bench.metrics.base.MetricInfo`: headline field, direction of
each field, gold it needs), ``score_page(gold, text)`` and ``aggregate(pages, seed,
n_bootstrap)``, optionally a vectorised ``statistic(pages)``. A new built-in is one module
plus one line in ``_BUILTINS``; a plugin is one module plus one entry point. Listing names
imports nothing; a metric is imported when it is first asked for.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.metrics.base import FieldInfo, Metric, MetricInfo
from bench.metrics.registry import Registry, RegistryError

if TYPE_CHECKING:
    from corpora.corpus import Corpus

__all__ = [
    "DEFAULT",
    "ENTRY_POINT_GROUP",
    "FieldInfo",
    "Metric",
    "MetricError",
    "MetricInfo",
    "default_metrics",
    "fingerprint",
    "get",
    "info",
    "names",
    "source",
    "targets",
]

ENTRY_POINT_GROUP = "boilerbench.metrics"
_BUILTINS = {
    "aeb": "bench.metrics.aeb",
    "snippets": "bench.metrics.snippets",
    "tokens": "bench.metrics.tokens",
    "rouge-lsum": "bench.metrics.rouge",
    "levenshtein": "bench.metrics.levenshtein",
    "words": "bench.metrics.words",
    "rouge-n5": "bench.metrics.rouge_n",
    "structure": "bench.metrics.structure",
}
DEFAULT = ("aeb",)
SNIPPET_DEFAULT = ("snippets",)
# Benchmarks scored the way their authors score them, by corpus format.
FORMAT_DEFAULTS = {"wcxb": ("words",), "webmainbench": ("rouge-n5",)}


class MetricError(RegistryError):
    """Unknown metric name, or a metric that cannot be loaded."""


def _check(obj: Any, name: str) -> Metric:
    """A loaded target is a metric when it has the protocol's attributes."""
    meta = getattr(obj, "info", None)
    if not isinstance(meta, MetricInfo):
        raise TypeError(f"{obj!r} has no 'info' (a bench.metrics.MetricInfo)")
    if meta.name != name:
        raise ValueError(f"its info.name is {meta.name!r}, not the name it is registered as")
    for attribute in ("score_page", "aggregate"):
        if not callable(getattr(obj, attribute, None)):
            raise TypeError(f"{obj!r} has no {attribute}() function")
    return obj  # type: ignore[no-any-return]


_REGISTRY: Registry[Metric] = Registry("metric", ENTRY_POINT_GROUP, error=MetricError, check=_check)
for _name, _target in _BUILTINS.items():
    _REGISTRY.register(_name, _target)


def names() -> list[str]:
    """Every metric name, built-ins first; nothing is imported."""
    return _REGISTRY.names()


def targets() -> dict[str, str]:
    """Name → ``module`` or ``module:attr`` of every metric; nothing is imported."""
    return _REGISTRY.targets()


def source(name: str) -> str:
    """``builtin`` or ``plugin``."""
    return _REGISTRY.source(name)


def get(name: str) -> Metric:
    """The metric called ``name`` (imported on first use); unknown names get "did you mean
    …", a plugin that fails to import an error naming it."""
    return _REGISTRY.get(name)


def info(name: str) -> MetricInfo:
    return get(name).info


@functools.cache
def _plugin_digest(name: str) -> str:
    metric = get(name)
    module = metric if inspect.ismodule(metric) else inspect.getmodule(metric)
    try:
        path = inspect.getsourcefile(module) if module is not None else None
        code = Path(path).read_bytes() if path else b""
    except (OSError, TypeError):
        code = b""
    return hashlib.sha256(name.encode() + b"\0" + code).hexdigest()


def fingerprint(metric_names: tuple[str, ...] | list[str]) -> str:
    """What identifies the chosen metrics' code beyond boilerbench's own: the source of each
    plugin metric's module, so scores remembered for a plugin are not reused after its code
    changed (built-ins are covered by :func:`bench.scoring.scoring_version`)."""
    return ",".join(_plugin_digest(n) for n in metric_names if source(n) == "plugin")


def default_metrics(corpus: Corpus) -> tuple[str, ...]:
    """The metrics to use when none is chosen: the benchmark's own metric for a format in
    :data:`FORMAT_DEFAULTS` (``words`` for WCXB, ``rouge-n5`` for WebMainBench), else
    ``snippets`` for snippet gold without full text (trafilatura's evaluation), ``aeb`` for
    full-text gold, both for a corpus of both."""
    if corpus.format in FORMAT_DEFAULTS:
        return FORMAT_DEFAULTS[corpus.format]
    snippets = full_text = False
    for page in corpus.pages:  # one gold at a time: a large corpus's gold is read on demand
        gold = page.gold
        if gold is not None:
            snippets = snippets or gold.has_snippets
            full_text = full_text or bool(gold.text.strip())
            if snippets and full_text:
                break
    if snippets and not full_text:
        return SNIPPET_DEFAULT
    if snippets:
        return DEFAULT + SNIPPET_DEFAULT
    return DEFAULT

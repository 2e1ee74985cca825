"""boilerbench's Python API: benchmark web main-content extractors from a notebook or a
script. Everything the ``boilerbench`` command does is here; see docs/python-api.md.

>>> import boilerbench as bb
>>> run = bb.evaluate("aeb:../shared/corpora/aeb", ["trafilatura", "everything"])
>>> run.table().loc["trafilatura", "f1"]

Names load lazily: ``import boilerbench`` imports no extractor library, numpy or pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.api import Failing, RunResult, evaluate, extractor_specs, load_run, resume
    from bench.dedup.api import dedup
    from bench.records import Manifest, PageResult
    from corpora.corpus import Corpus
    from corpora.page import Gold, Page
    from corpora.registry import open_corpus
    from extractors.registry import list_extractors
    from extractors.spec import ExtractorSpec, parse_spec

_EXPORTS = {
    "evaluate": "bench.api",
    "dedup": "bench.dedup.api",
    "resume": "bench.api",
    "load_run": "bench.api",
    "extractor_specs": "bench.api",
    "RunResult": "bench.api",
    "Failing": "bench.api",
    "Manifest": "bench.records",
    "PageResult": "bench.records",
    "ExtractorSpec": "extractors.spec",
    "parse_spec": "extractors.spec",
    "Corpus": "corpora.corpus",
    "Page": "corpora.page",
    "Gold": "corpora.page",
    "open_corpus": "corpora.registry",
    "list_extractors": "extractors.registry",
}

__all__ = [
    "Corpus",
    "ExtractorSpec",
    "Failing",
    "Gold",
    "Manifest",
    "Page",
    "PageResult",
    "RunResult",
    "dedup",
    "evaluate",
    "extractor_specs",
    "list_extractors",
    "load_run",
    "open_corpus",
    "parse_spec",
    "resume",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'boilerbench' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__

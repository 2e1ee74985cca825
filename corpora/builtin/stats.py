"""Counts that describe a native corpus: pages per language, template and noise type, and its
duplicate groups."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from corpora import native
from corpora.corpus import Corpus

UNKNOWN = "-"


def _ordered(counter: Counter[str]) -> dict[str, int]:
    """Most frequent first, ties by name, so the output is stable."""
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def corpus_stats(corpus: Corpus) -> dict[str, Any]:
    """``{"pages", "languages", "templates", "noise_types", "dup_groups", "dup_group_sizes"}``;
    ``noise_types`` counts pages with at least one block of the type and ``dup_groups`` the
    groups of two or more pages."""
    languages: Counter[str] = Counter()
    templates: Counter[str] = Counter()
    noise_types: Counter[str] = Counter()
    groups: Counter[str] = Counter()
    for page in corpus.pages:
        languages[page.label("language") or UNKNOWN] += 1
        templates[page.label("template") or UNKNOWN] += 1
        if page.gold is not None:
            noise_types.update(sorted({span.type for span in page.gold.noise}))
        group = page.label("dup_group")
        if group is not None:
            groups[group] += 1
    sizes = Counter(size for size in groups.values() if size >= 2)
    return {
        "pages": len(corpus.pages),
        "languages": _ordered(languages),
        "templates": _ordered(templates),
        "noise_types": _ordered(noise_types),
        "dup_groups": sum(sizes.values()),
        "dup_group_sizes": {str(size): sizes[size] for size in sorted(sizes)},
    }


def folder_stats(root: Path) -> dict[str, Any]:
    """Stats of the native corpus in ``root``."""
    return corpus_stats(native.load(root))

"""The gold side of a metric, computed once per gold text: a page's extractors run one after
the other (:mod:`bench.order`), so scoring their outputs against the same gold tokenises and
shingles that gold once and then costs only each output's side.

A small bounded cache keyed by the gold text itself (its value, not where it came from), so
a remembered gold side is always the one that text gives; what it returns is shared and must
not be changed."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

# Gold texts remembered per function: a worker's or the parent's consecutive outputs share a
# page; a few more cover an I/O-bound extractor's pages scored between them.
GOLD_MEMO = 4

_T = TypeVar("_T")


def gold_side(function: Callable[[str], _T]) -> Callable[[str], _T]:
    """``function`` of a gold text, remembered for the last :data:`GOLD_MEMO` texts."""
    return functools.lru_cache(maxsize=GOLD_MEMO)(function)

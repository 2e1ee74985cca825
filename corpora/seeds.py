"""Where the seed corpus lives: one function that both the registry (``--corpus seeds``) and
the built-in generator (page 0) call, so neither imports the other."""

from __future__ import annotations

from pathlib import Path

from corpora.native import GOLD
from corpora.page import CorpusError

__all__ = ["seeds_dir"]


def seeds_dir() -> Path:
    """The seed corpus: ``corpora/_seeds`` in an installed wheel, ``seeds/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if (candidate / GOLD).is_file():
            return candidate
    raise CorpusError("the seed corpus is missing from this installation (seeds/gold.jsonl)")

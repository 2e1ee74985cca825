"""Benchmark corpora: page records, format loaders and the registry that opens them."""

from __future__ import annotations

from corpora.corpus import Corpus
from corpora.decoding import DecodedHtml, decode_html
from corpora.page import CorpusError, Gold, NoiseSpan, Page
from corpora.registry import list_corpora, open_corpus

__all__ = [
    "Corpus",
    "CorpusError",
    "DecodedHtml",
    "Gold",
    "NoiseSpan",
    "Page",
    "decode_html",
    "list_corpora",
    "open_corpus",
]

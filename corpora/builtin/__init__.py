"""The generated built-in corpus: gold articles rendered on fictional sites with labelled
noise, duplicate groups and the seed page first (docs/builtin-corpus.md)."""

from __future__ import annotations

from corpora.builtin.articles import Article, ArticleError, Block, load_articles, parse_article
from corpora.builtin.cache import cache_root, default_corpus_dir, inputs_digest
from corpora.builtin.generate import (
    DEFAULT_PAGES,
    DEFAULT_SEED,
    Generator,
    build,
    iter_pages,
    write_corpus,
)
from corpora.builtin.gold import gold_text
from corpora.builtin.noise import NOISE_TYPES
from corpora.builtin.sites import Site
from corpora.builtin.stats import corpus_stats, folder_stats
from corpora.builtin.tables import TableError, load_chrome, load_phrases, load_sites
from corpora.builtin.templates import TEMPLATES
from corpora.builtin.validate import Problem, validate

__all__ = [
    "DEFAULT_PAGES",
    "DEFAULT_SEED",
    "NOISE_TYPES",
    "TEMPLATES",
    "Article",
    "ArticleError",
    "Block",
    "Generator",
    "Problem",
    "Site",
    "TableError",
    "build",
    "cache_root",
    "corpus_stats",
    "default_corpus_dir",
    "folder_stats",
    "gold_text",
    "inputs_digest",
    "iter_pages",
    "load_articles",
    "load_chrome",
    "load_phrases",
    "load_sites",
    "parse_article",
    "validate",
    "write_corpus",
]

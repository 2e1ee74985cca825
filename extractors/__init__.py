"""Extractor adapters and the registry that finds built-ins, plugins and external programs."""

from __future__ import annotations

from extractors.base import Extractor, ExtractorError, ExtractorInfo, LoadedExtractor
from extractors.registry import BUILTINS, DEFAULT_SET, list_extractors, load, resolve

__all__ = [
    "BUILTINS",
    "DEFAULT_SET",
    "Extractor",
    "ExtractorError",
    "ExtractorInfo",
    "LoadedExtractor",
    "list_extractors",
    "load",
    "resolve",
]

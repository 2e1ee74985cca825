"""boilerpy3 (a Python port of Boilerpipe): one of its extractors' ``get_content``."""

from __future__ import annotations

import logging
from typing import Any

from extractors.base import ExtractorError


class Boilerpy3Extractor:
    """``extractor`` names a class of ``boilerpy3.extractors``: ``ArticleExtractor`` (as AEB
    ran it), ``DefaultExtractor``, ``LargestContentExtractor``, ``CanolaExtractor``, ..."""

    def __init__(self, extractor: str = "ArticleExtractor", **params: Any) -> None:
        from boilerpy3 import extractors

        # boilerpy3 logs a traceback for every page it cannot parse before raising; the
        # exception itself is recorded as that page's failure, so the log adds only noise.
        logging.getLogger("boilerpy3").setLevel(logging.CRITICAL)
        cls = getattr(extractors, extractor, None)
        if not isinstance(cls, type) or not callable(getattr(cls, "get_content", None)):
            raise ExtractorError(
                f"boilerpy3 has no extractor {extractor!r} (e.g. ArticleExtractor, "
                "DefaultExtractor, LargestContentExtractor)"
            )
        self._extractor = cls(**params)

    def extract(self, html: str) -> str:
        # boilerpy3 raises on a page with no markup at all; such a page has no content.
        if not html.strip():
            return ""
        return self._extractor.get_content(html) or ""

"""goose3: ``Goose().extract(raw_html=html).cleaned_text``; never fetches anything."""

from __future__ import annotations

import logging
from typing import Any

from extractors.base import strip_xml_declaration


class Goose3Extractor:
    """``params`` form the ``Goose`` configuration (e.g. ``target_language="de"``,
    ``use_meta_language=False``); image fetching stays off."""

    def __init__(self, **params: Any) -> None:
        from goose3 import Goose

        # goose3 warns for every publish date without a time zone; dates are not scored.
        logging.getLogger("goose3.crawler").setLevel(logging.ERROR)
        self._goose = Goose({"enable_image_fetching": False, **params})

    def extract(self, html: str) -> str:
        # goose3 raises on a blank page ("Document is empty"); such a page has no content.
        if not html.strip():
            return ""
        article = self._goose.extract(raw_html=strip_xml_declaration(html))
        return article.cleaned_text or ""

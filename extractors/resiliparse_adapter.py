"""Resiliparse: ``extract_plain_text(html, main_content=True)``, its main-content mode."""

from __future__ import annotations

from typing import Any


class ResiliparseExtractor:
    """``params`` go to ``extract_plain_text`` (e.g. ``main_content=False`` for all text)."""

    def __init__(self, main_content: bool = True, **params: Any) -> None:
        from resiliparse.extract.html2text import extract_plain_text

        self._extract = extract_plain_text
        self.params = {"main_content": main_content, **params}

    def extract(self, html: str) -> str:
        return self._extract(html, **self.params) or ""

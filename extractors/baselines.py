"""Baselines that frame every table: ``everything`` (all visible text) and ``nothing``."""

from __future__ import annotations

from extractors.base import strip_xml_declaration


class EverythingExtractor:
    """All visible text of the page, by html-text: the recall ceiling and precision floor."""

    def __init__(self) -> None:
        import html_text

        self._to_text = html_text.extract_text

    def extract(self, html: str) -> str:
        return self._to_text(strip_xml_declaration(html))


class NothingExtractor:
    """Returns nothing: every score should be 0, which checks the scorer itself."""

    def extract(self, html: str) -> str:
        return ""

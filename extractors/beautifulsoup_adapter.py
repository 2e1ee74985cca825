"""BeautifulSoup ``get_text``: all text of the page, no boilerplate removal (a baseline, as AEB
ran it: Python's ``html.parser``, words joined by a space, strings stripped)."""

from __future__ import annotations


class BeautifulSoupExtractor:
    """``parser`` is any BeautifulSoup tree builder (``html.parser``, ``lxml``, ``html5lib``)."""

    def __init__(
        self, parser: str = "html.parser", separator: str = " ", strip: bool = True
    ) -> None:
        from bs4 import BeautifulSoup

        self._soup = BeautifulSoup
        self.parser = parser
        self.separator = separator
        self.strip = strip

    def extract(self, html: str) -> str:
        soup = self._soup(html, self.parser)
        return soup.get_text(separator=self.separator, strip=self.strip)

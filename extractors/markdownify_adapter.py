"""The ``everything-markdown`` baseline: the whole page through markdownify, as many
markdown-for-LLM pipelines convert pages, with no boilerplate removal: the recall ceiling
and precision floor of structure scores. Links and images are left out (their text kept), as
in the ``html2text`` and ``trafilatura-markdown`` variants."""

from __future__ import annotations

from typing import Any

from extractors.base import strip_xml_declaration

# Not content: never converted (markdownify would keep a script's or style's text).
_DROPPED = ("script", "style", "template", "head", "svg", "iframe")


class EverythingMarkdownExtractor:
    """``params`` are markdownify options over ours (ATX headings, ``-`` bullets, links and
    images stripped to their text)."""

    OUTPUT_KIND = "markdown"
    # ``**params`` go to this callable: its keywords are checked before a run
    PARAMS_OF = "markdownify:MarkdownConverter"

    def __init__(self, **params: Any) -> None:
        from bs4 import BeautifulSoup
        from markdownify import MarkdownConverter

        self._soup = BeautifulSoup
        options = {"heading_style": "ATX", "bullets": "-", "strip": ["a", "img"], **params}
        self._converter = MarkdownConverter(**options)

    def extract(self, html: str) -> str:
        soup = self._soup(strip_xml_declaration(html), "lxml")
        for element in soup(_DROPPED):
            element.decompose()
        return str(self._converter.convert_soup(soup)).strip()

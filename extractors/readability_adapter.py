"""readability-lxml: ``Document(html).summary(html_partial=True)`` turned into text by html-text,
as the article-extraction-benchmark ran it; with ``output="html"``, the summary HTML as is."""

from __future__ import annotations

from typing import Any

from extractors.base import strip_xml_declaration


class ReadabilityExtractor:

    # ``**params`` go to this callable: its keywords are checked before a run
    PARAMS_OF = "readability:Document"
    PARAMS_SKIP = ('input',)
    def __init__(self, output: str = "text", **params: Any) -> None:
        import html_text
        from readability import Document

        if output not in ("text", "html"):
            raise ValueError(f"output must be 'text' or 'html', not {output!r}")
        self._document = Document
        self._to_text = html_text.extract_text
        self.params = params
        self.output = output
        self.OUTPUT_KIND = output

    def extract(self, html: str) -> str:
        if not html.strip():
            return ""  # readability raises "Document is empty"; an empty page has no text
        summary = self._document(strip_xml_declaration(html), **self.params).summary(
            html_partial=True
        )
        return summary if self.output == "html" else self._to_text(summary)

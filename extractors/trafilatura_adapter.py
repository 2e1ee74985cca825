"""trafilatura: ``extract()`` with library defaults unless parameters say otherwise."""

from __future__ import annotations

import logging
from typing import Any

from extractors.base import strip_xml_declaration

# trafilatura's output formats that are not plain text, as boilerbench's output kinds
_KINDS = {"markdown": "markdown", "html": "html"}


class TrafilaturaExtractor:
    """Runs ``trafilatura.extract`` and resets its process-global caches before every page,
    so a page's result does not depend on the pages processed before it."""

    # ``**params`` go to this callable: its keywords are checked before a run
    PARAMS_OF = "trafilatura:extract"
    PARAMS_SKIP = ('filecontent',)

    def __init__(self, **params: Any) -> None:
        import trafilatura
        from trafilatura.meta import reset_caches

        # htmldate logs an ERROR on every reset_caches() call (a function it tries to clear
        # has no cache); the reset itself works, so that one logger is quietened.
        logging.getLogger("htmldate.meta").setLevel(logging.CRITICAL)
        self._extract = trafilatura.extract
        self._reset = reset_caches
        self.params = params
        # markdown and HTML outputs are scored as such (text metrics read their text)
        self.OUTPUT_KIND = _KINDS.get(str(params.get("output_format", "txt")), "text")

    def extract(self, html: str) -> str:
        self._reset()
        return self._extract(strip_xml_declaration(html), **self.params) or ""

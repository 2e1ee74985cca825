"""inscriptis: the whole page rendered as text, layout kept (``get_text``); no boilerplate
removal, so it sits next to the ``everything`` baseline."""

from __future__ import annotations

from typing import Any

from extractors.base import strip_xml_declaration


class InscriptisExtractor:
    """``params`` build an ``inscriptis.model.config.ParserConfig`` (e.g.
    ``display_links=True``); none gives the library defaults, as AEB ran it."""

    # ``**params`` go to this callable: its keywords are checked before a run
    PARAMS_OF = "inscriptis.model.config:ParserConfig"

    def __init__(self, **params: Any) -> None:
        from inscriptis import get_text
        from inscriptis.model.config import ParserConfig

        self._get_text = get_text
        self._config = ParserConfig(**params) if params else None

    def extract(self, html: str) -> str:
        return self._get_text(strip_xml_declaration(html), self._config) or ""

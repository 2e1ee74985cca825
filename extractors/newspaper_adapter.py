"""newspaper4k, offline: the page is handed over as ``input_html`` and parsed; nothing is
downloaded (no images, no NLP models)."""

from __future__ import annotations

import logging
import warnings
from typing import Any

from extractors.base import strip_xml_declaration


class Newspaper4kExtractor:
    """``params`` are newspaper4k configuration options passed to ``Article`` (e.g.
    ``language="de"``); ``fetch_images`` stays off so parsing never goes online.

    Pages whose language needs a tokenizer newspaper4k cannot load offline (Korean needs
    nltk's ``punkt_tab``, Japanese ``tinysegmenter``) raise, and are recorded as failures.
    ``Article.nlp()``, the only step that would download nltk data, is never called.
    """

    def __init__(self, url: str = "", fetch_images: bool = False, **params: Any) -> None:
        with warnings.catch_warnings():
            # "nltk is not installed": only Article.nlp() needs it, and that is not used.
            warnings.simplefilter("ignore")
            from newspaper import Article

        logging.getLogger("newspaper").setLevel(logging.ERROR)
        self._article = Article
        self.url = url
        self.params = {"fetch_images": fetch_images, **params}

    def extract(self, html: str) -> str:
        article = self._article(self.url, **self.params)
        with warnings.catch_warnings():
            # dateutil warns about time-zone names in publish dates; dates are not scored.
            warnings.simplefilter("ignore")
            article.download(input_html=strip_xml_declaration(html))
            article.parse()
        return article.text or ""

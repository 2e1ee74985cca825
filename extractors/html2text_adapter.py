"""html2text: the whole page as Markdown-flavoured text, links and images left out (as AEB
ran it); no boilerplate removal."""

from __future__ import annotations

from typing import Any


class Html2TextExtractor:
    """``params`` set ``HTML2Text`` options (``ignore_links``, ``body_width``, ...)."""

    OUTPUT_KIND = "markdown"

    def __init__(
        self, ignore_links: bool = True, ignore_images: bool = True, **params: Any
    ) -> None:
        import html2text

        self._factory = html2text.HTML2Text
        self.options = {"ignore_links": ignore_links, "ignore_images": ignore_images, **params}
        probe = self._factory()
        unknown = sorted(k for k in self.options if not hasattr(probe, k))
        if unknown:
            raise TypeError(f"HTML2Text has no option {', '.join(unknown)}")

    def extract(self, html: str) -> str:
        # A fresh converter per page: HTML2Text keeps state (link lists, quote depth) between
        # calls to handle().
        converter = self._factory()
        for key, value in self.options.items():
            setattr(converter, key, value)
        return converter.handle(html)

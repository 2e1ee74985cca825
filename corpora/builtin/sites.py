"""The fictional sites that publish the built-in articles: one language and template each,
described in ``data/sites/<key>.toml`` and listed in build order in ``data/sites.toml``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Site:
    """A website: identity, language, the template its article pages use and its menu sections.

    ``front_page`` sites also contribute section index pages (template ``listing``);
    ``extra_titles`` are headlines of pages outside the corpus, used to fill related-item lists.
    """

    key: str
    name: str
    domain: str
    language: str
    template: str
    sections: tuple[str, ...]
    tagline: str = ""
    preview_domain: str | None = None
    front_page: bool = False
    extra_titles: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        """The host the page is served from: the preview domain when the site has one."""
        return self.preview_domain or self.domain

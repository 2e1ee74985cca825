"""Page templates: one module per layout, each with ``NAME``, ``KINDS`` (the article kinds it
publishes) and ``render(ctx) -> Html``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corpora.builtin.context import PageContext
from corpora.builtin.markup import Html
from corpora.builtin.templates import amp, blog, docs, forum, listing, news_cms, product, spa


@dataclass(frozen=True, slots=True)
class Template:
    """A page layout and the article kinds a site using it publishes."""

    name: str
    kinds: tuple[str, ...]
    render: Callable[[PageContext], Html]
    description: str


TEMPLATES: dict[str, Template] = {
    module.NAME: Template(
        module.NAME, module.KINDS, module.render, (module.__doc__ or "").split("\n\n")[0]
    )
    for module in (news_cms, blog, forum, docs, product, listing, amp, spa)
}

# Templates that publish any article kind when a language has no site specialised in it.
GENERAL = ("news-cms", "amp", "spa", "blog")

__all__ = ["GENERAL", "TEMPLATES", "Template"]

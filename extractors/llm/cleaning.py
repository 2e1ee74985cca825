"""HTML cleaning steps a preset names, applied in order before the HTML goes into the prompt.

They are the steps Jina's ReaderLM-v2 model card applies (regular expressions on the raw
HTML, not a parse): what a model never needs to read costs tokens and context. Each step
keeps the rest of the document byte for byte.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_FLAGS = re.IGNORECASE | re.DOTALL
_SCRIPT = re.compile(r"<\s*script\b.*?<\s*/\s*script\s*>", _FLAGS)
_STYLE = re.compile(r"<\s*style\b.*?<\s*/\s*style\s*>", _FLAGS)
_META = re.compile(r"<\s*meta\b[^>]*>", _FLAGS)
_LINK = re.compile(r"<\s*link\b[^>]*>", _FLAGS)
_COMMENT = re.compile(r"<\s*!--.*?--\s*>", _FLAGS)
_SVG = re.compile(r"(<svg\b[^>]*>)(.*?)(</svg\s*>)", _FLAGS)
_BASE64_IMG = re.compile(
    r"""<img\b[^>]+src\s*=\s*["']data:image/[^;]+;base64,[^"']*["'][^>]*>""", _FLAGS
)
SVG_PLACEHOLDER = "this is a placeholder"  # the model card's words for an SVG's drawing
IMG_PLACEHOLDER = '<img src="#"/>'


def _svg(html: str) -> str:
    return _SVG.sub(lambda m: f"{m.group(1)}{SVG_PLACEHOLDER}{m.group(3)}", html)


# step: (what it does, the word a document must hold for the step to change it, the step)
STEPS: dict[str, tuple[str, str, Callable[[str], str]]] = {
    "scripts": ("<script> elements removed", "script", lambda h: _SCRIPT.sub("", h)),
    "styles": ("<style> elements removed", "style", lambda h: _STYLE.sub("", h)),
    "meta": ("<meta> tags removed", "meta", lambda h: _META.sub("", h)),
    "comments": ("HTML comments removed", "<!--", lambda h: _COMMENT.sub("", h)),
    "links": ("<link> tags removed", "link", lambda h: _LINK.sub("", h)),
    "svg": ("<svg> drawings replaced by a placeholder", "svg", _svg),
    "base64-images": (
        "base64 data: images replaced by <img src='#'>",
        ";base64,",
        lambda h: _BASE64_IMG.sub(IMG_PLACEHOLDER, h),
    ),
}


class CleaningError(ValueError):
    """A preset names a cleaning step that does not exist."""


def check_steps(steps: Sequence[str]) -> None:
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise CleaningError(
            f"unknown cleaning step(s) {', '.join(map(repr, unknown))} (known: {', '.join(STEPS)})"
        )


def clean_html(html: str, steps: Sequence[str]) -> str:
    """``html`` with each named step applied in order. A step whose word the page does not
    hold is skipped: it could not match (steps only remove, and their placeholders hold no
    step's word)."""
    check_steps(steps)
    lowered = html.lower()
    for step in steps:
        _what, word, apply = STEPS[step]
        if word in lowered:
            html = apply(html)
    return html

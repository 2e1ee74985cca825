"""The chat messages for one page: the preset's cleaning, the HTML cut to the input budget,
the preset's layout.

No tokenizer is loaded (it would have to be downloaded, and every served model has its
own): tokens are estimated as UTF-8 bytes ÷ 4, about what BPE tokenizers give for English
HTML (markup and non-Latin scripts give more tokens per byte, so keep a margin under the
model's context). The endpoint's own count comes back in ``usage`` and is what is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from extractors.llm.cleaning import clean_html
from extractors.llm.presets import Preset

BYTES_PER_TOKEN = 4


def estimate_tokens(text: str) -> int:
    """Estimated tokens of ``text`` (UTF-8 bytes ÷ 4, rounded up)."""
    return -(-len(text.encode("utf-8", "surrogatepass")) // BYTES_PER_TOKEN)


def truncate_html(html: str, max_tokens: int) -> tuple[str, bool]:
    """``html`` cut to about ``max_tokens`` tokens, and whether it was cut. The cut falls on
    a character and drops a tag left open at the end."""
    budget = max(0, max_tokens) * BYTES_PER_TOKEN
    data = html.encode("utf-8", "surrogatepass")
    if len(data) <= budget:
        return html, False
    cut = data[:budget].decode("utf-8", "ignore")
    last_open, last_close = cut.rfind("<"), cut.rfind(">")
    if last_open > last_close:
        cut = cut[:last_open]
    return cut, True


@dataclass(frozen=True, slots=True)
class Prompt:
    """The messages to send and what was done to the page on the way."""

    messages: list[dict[str, str]]
    truncated: bool
    html_chars: int  # characters of cleaned HTML sent


def build(preset: Preset, html: str, max_input_tokens: int) -> Prompt:
    """Clean ``html``, cut it so the whole prompt stays within ``max_input_tokens``
    (estimated), and lay it out as the preset says."""
    cleaned = clean_html(html, preset.clean)
    frame = estimate_tokens(preset.system) + estimate_tokens(preset.user_message(""))
    cleaned, truncated = truncate_html(cleaned, max_input_tokens - frame)
    messages: list[dict[str, Any]] = []
    if preset.system:
        messages.append({"role": "system", "content": preset.system})
    messages.append({"role": "user", "content": preset.user_message(cleaned)})
    return Prompt(messages, truncated, len(cleaned))

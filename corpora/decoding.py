"""Turn page bytes into text: declared charset, then BOM, then ``<meta>``, then detection.

Extractors get ``str``: handing bytes to lxml makes it guess latin-1 for pages that
declare no charset, which garbles UTF-8 pages (AEB: 17 pages, html-text F1 0.665 → 0.622).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF_BYTES = 65536


@dataclass(frozen=True, slots=True)
class DecodedHtml:
    """Decoded HTML and how its encoding was chosen (``declared``, ``bom``, ``meta``,
    ``detected`` or ``fallback``)."""

    text: str
    encoding: str
    source: str


def _codec_name(label: str) -> str | None:
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset named by a ``<meta>`` tag in the first 4 KiB, if it is a known codec."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    return _codec_name(match.group(1).decode("ascii", "replace"))


def decode_html(data: bytes, declared: str | None = None) -> DecodedHtml:
    """Decode page bytes; each step is tried strictly and the first that decodes wins."""
    if declared and (codec := _codec_name(declared)):
        text = _strict(data, codec)
        if text is not None:
            return DecodedHtml(text, codec, "declared")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data, codec)
            if text is not None:
                return DecodedHtml(text, _codec_name(codec) or codec, "bom")
    # A UTF-16 label in an ASCII-readable meta tag is a known lie; it is skipped.
    codec = meta_charset(data)
    if codec and not codec.startswith("utf_16") and (text := _strict(data, codec)) is not None:
        return DecodedHtml(text, codec, "meta")
    if (text := _strict(data, "utf-8")) is not None:
        return DecodedHtml(text, "utf-8", "detected")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        return DecodedHtml(str(best), _codec_name(best.encoding) or best.encoding, "detected")
    return DecodedHtml(data.decode("utf-8", "replace"), "utf-8", "fallback")

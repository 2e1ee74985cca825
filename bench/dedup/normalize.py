"""Text normalisation, tokenisation and word n-gram shingles for near-duplicate detection.

Rules (version ``NORMALIZATION_VERSION``):

1. Unicode NFKC, then ``str.casefold``.
2. Every character of Unicode category ``P*`` (punctuation) or ``Cf`` (invisible format
   characters: soft hyphen, zero-width space/joiners, BOM) is *deleted*, so
   ``"don't"`` -> ``"dont"`` and ``"e.g."`` -> ``"eg"``.
3. Whitespace runs collapse to one space; leading/trailing whitespace is dropped.
4. Tokens are whitespace-separated words, except for scripts written without spaces
   (Han, Hiragana, Katakana, Bopomofo, Thai, Lao, Khmer, Myanmar): each of their characters,
   with any combining marks that follow it, is its own token. Hangul is not in that list
   (Korean separates words with spaces).

The rules use the Unicode database of the running Python (3.11: Unicode 14.0).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

__all__ = [
    "NORMALIZATION_VERSION",
    "char_shingles",
    "clean_ascii",
    "clean_text",
    "normalize",
    "normalized_words",
    "shingles",
    "shingles_from_tokens",
    "token_bytes",
    "tokenize",
]

NORMALIZATION_VERSION = "nfkc-casefold-nopunct-cjkchar/1"

# Blocks of scripts written without spaces between words (inclusive codepoint ranges).
_NO_SPACE_BLOCKS: tuple[tuple[int, int], ...] = (
    (0x0E00, 0x0E7F),  # Thai
    (0x0E80, 0x0EFF),  # Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x19E0, 0x19FF),  # Khmer symbols
    (0x2E80, 0x2FDF),  # CJK radicals supplement, Kangxi radicals
    (0x3005, 0x3007),  # 々 〆 〇
    (0x3021, 0x3029),  # Hangzhou numerals
    (0x3031, 0x3035),  # kana repeat marks
    (0x3038, 0x303C),
    (0x3040, 0x30FF),  # Hiragana, Katakana
    (0x3100, 0x312F),  # Bopomofo
    (0x3190, 0x31FF),  # Kanbun, Bopomofo ext., CJK strokes, Katakana phonetic ext.
    (0x3400, 0x4DBF),  # CJK ext. A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0x1B000, 0x1B16F),  # Kana supplement / ext. A, small kana
    (0x20000, 0x323AF),  # CJK ext. B-H, compatibility supplement
)


# Planes 0-3 and the tag/variation-selector block of plane 14; planes 4-13 are unassigned and
# 15-16 are private use, so scanning them would only slow the import.
_ASSIGNED_PLANES: tuple[tuple[int, int], ...] = ((0x0000, 0x3FFFF), (0xE0000, 0xE0FFF))


def _char_class(codepoints: list[int]) -> str:
    """Compact regex character class body for a sorted list of codepoints."""
    parts: list[str] = []
    start = prev = codepoints[0]
    for cp in [*codepoints[1:], -2]:
        if cp == prev + 1:
            prev = cp
            continue
        parts.append(re.escape(chr(start)) if start == prev else f"{chr(start)}-{chr(prev)}")
        start = prev = cp
    return "".join(parts)


def _build_tables() -> tuple[dict[int, str | None], re.Pattern[str], re.Pattern[str]]:
    """Deletion table for ``str.translate`` and the no-space-script regexes."""
    # U+001C-U+001F are whitespace for str.split() but not for bytes.split(): map them to a
    # space so that the ASCII fast path in token_bytes() splits exactly like tokenize().
    delete: dict[int, str | None] = dict.fromkeys(range(0x1C, 0x20), " ")
    for lo, hi in _ASSIGNED_PLANES:
        for cp in range(lo, hi + 1):
            cat = unicodedata.category(chr(cp))
            if cat[0] == "P" or cat == "Cf":
                delete[cp] = None
    base: list[int] = []
    marks: list[int] = []
    for lo, hi in _NO_SPACE_BLOCKS:
        for cp in range(lo, hi + 1):
            cat = unicodedata.category(chr(cp))
            if cat[0] in "LNS":
                base.append(cp)
            elif cat[0] == "M":
                marks.append(cp)
    marks.extend([*range(0x0300, 0x0370), 0x3099, 0x309A])  # generic diacritics, kana voicing
    base_cls = _char_class(sorted(set(base)))
    mark_cls = _char_class(sorted(set(marks) - set(base)))
    token_re = re.compile(f"[{base_cls}][{mark_cls}]*|[^\\s{base_cls}]+")
    return delete, re.compile(f"[{base_cls}]"), token_re


_DELETE, _NO_SPACE_RE, _TOKEN_RE = _build_tables()


def _clean(text: str) -> str:
    """NFKC + casefold + deletion of punctuation/format characters (whitespace untouched)."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_DELETE)


clean_text = _clean


def _ascii_tables() -> tuple[bytes, bytes]:
    """``bytes.translate`` arguments that clean ASCII text as :func:`clean_text` does (NFKC
    and case folding are lower-casing there, punctuation is deleted) and make every ASCII
    whitespace character a space."""
    table = bytearray(range(256))
    delete = bytearray()
    for cp in range(128):
        cleaned = _clean(chr(cp))
        if not cleaned:
            delete.append(cp)
        elif cleaned.isspace():
            table[cp] = 32
        else:
            assert len(cleaned) == 1 and cleaned.isascii(), (cp, cleaned)
            table[cp] = ord(cleaned)
    return bytes(table), bytes(delete)


_ASCII_TABLE, _ASCII_DELETE = _ascii_tables()


def clean_ascii(text: str) -> bytes:
    """:func:`clean_text` of an ASCII ``text``, UTF-8, with every whitespace character made a
    space: one ``bytes.translate``, several times faster than the ``str`` path."""
    return text.encode().translate(_ASCII_TABLE, _ASCII_DELETE)


def normalize(text: str) -> str:
    """NFKC + casefold, delete punctuation/format characters, collapse whitespace."""
    return " ".join(_clean(text).split())


def _tokens_of_normalized(norm: str) -> list[str]:
    if norm.isascii() or _NO_SPACE_RE.search(norm) is None:
        return norm.split()
    return _TOKEN_RE.findall(norm)


def tokenize(text: str) -> list[str]:
    """Normalised tokens: words, or single characters in scripts without spaces."""
    return _tokens_of_normalized(normalize(text))


def token_bytes(text: str) -> list[bytes]:
    """UTF-8 encoded tokens of ``text``, equal to ``[t.encode() for t in tokenize(text)]``."""
    if text.isascii():
        return clean_ascii(text).split()
    clean = _clean(text)
    if clean.isascii():  # bytes.split() splits on exactly the ASCII whitespace str.split() uses
        return clean.encode().split()
    words = clean.split()
    norm = " ".join(words)
    if _NO_SPACE_RE.search(norm) is not None:
        norm = " ".join(_TOKEN_RE.findall(norm))
    return norm.encode().split(b" ") if norm else []


def normalized_words(text: str) -> str:
    """The tokens of ``text`` joined by one space (``" ".join(tokenize(text))``)."""
    clean = _clean(text)
    words = clean.split()
    norm = " ".join(words)
    if not clean.isascii() and _NO_SPACE_RE.search(norm) is not None:
        norm = " ".join(_TOKEN_RE.findall(norm))
    return norm


def char_shingles(text: str, n: int = 24) -> list[str]:
    """Character n-grams of normalised ``text`` (fewer than ``n`` characters: one shingle)."""
    if n < 1:
        raise ValueError(f"shingle size must be >= 1, got {n}")
    norm = normalize(text)
    if not norm:
        return []
    if len(norm) <= n:
        return [norm]
    return [norm[i : i + n] for i in range(len(norm) - n + 1)]


def shingles_from_tokens(tokens: list[str], n: int = 5) -> list[str]:
    """Word n-grams joined by one space; fewer than ``n`` tokens give one shingle."""
    if n < 1:
        raise ValueError(f"shingle size must be >= 1, got {n}")
    if not tokens:
        return []
    if len(tokens) <= n:
        return [" ".join(tokens)]
    return list(map(" ".join, zip(*(tokens[i:] for i in range(n)), strict=False)))


def shingles(text: str, n: int = 5) -> list[str]:
    """Word n-gram shingles of normalised ``text`` (empty text gives none)."""
    return shingles_from_tokens(tokenize(text), n)


def iter_shingle_bytes(tokens: list[bytes], n: int) -> Iterator[bytes]:
    """UTF-8 shingles from encoded tokens; same rule as :func:`shingles_from_tokens`."""
    if not tokens:
        return iter(())
    if len(tokens) <= n:
        return iter((b" ".join(tokens),))
    return map(b" ".join, zip(*(tokens[i:] for i in range(n)), strict=False))

"""Charset choice: declared, BOM, <meta>, detection; the choice is recorded."""

from __future__ import annotations

import codecs

import pytest

from corpora.decoding import decode_html, is_override

TEXT = (
    "<html><body><p>Привет, мир — объявление о погоде на завтра и на всю неделю</p></body></html>"
)


def test_declared_charset_wins() -> None:
    decoded = decode_html(TEXT.encode("utf-8"), declared="UTF-8")
    assert (decoded.text, decoded.encoding, decoded.source) == (TEXT, "utf-8", "declared")


def test_meta_charset_cp1251() -> None:
    html = TEXT.replace("<html>", '<html><head><meta charset="windows-1251"></head>')
    decoded = decode_html(html.encode("cp1251"))
    assert decoded.text == html
    assert (decoded.encoding, decoded.source) == ("cp1251", "meta")


def test_http_equiv_shift_jis() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        "</head><body><p>東京の天気は晴れです</p></body></html>"
    )
    decoded = decode_html(html.encode("shift_jis"))
    assert decoded.text == html and decoded.source == "meta"


def test_utf16_bom() -> None:
    decoded = decode_html(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"))
    assert decoded.text == TEXT and decoded.source == "bom"


def test_undeclared_utf8_is_not_read_as_latin1() -> None:
    decoded = decode_html(TEXT.encode("utf-8"))
    assert decoded.text == TEXT
    assert (decoded.encoding, decoded.source) == ("utf-8", "detected")


def test_undeclared_cp1251_is_detected() -> None:
    decoded = decode_html((TEXT * 5).encode("cp1251"))
    assert decoded.source == "detected"
    assert "Привет" in decoded.text


def test_wrong_declared_charset_falls_through() -> None:
    decoded = decode_html(TEXT.encode("cp1251"), declared="utf-8")
    assert decoded.source != "declared"


FRENCH = "<html><head>{meta}</head><body><p>Un café crème à la gare, déjà prêt</p></body></html>"


@pytest.mark.parametrize(
    ("meta", "declared", "source"),
    [
        ('<meta charset="windows-1252">', None, "utf-8-override:meta:cp1252"),
        ("", "windows-1252", "utf-8-override:declared:cp1252"),
        ('<meta charset="iso-8859-1">', "windows-1252", "utf-8-override:declared:cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=latin-1">', None,
         "utf-8-override:meta:iso8859-1"),
    ],
)  # fmt: skip
def test_utf8_bytes_labelled_windows_1252_read_as_utf8(
    meta: str, declared: str | None, source: str
) -> None:
    """UTF-8 French labelled windows-1252 used to decode as ``cafÃ©``; the override is
    recorded in ``encoding_source``."""
    html = FRENCH.format(meta=meta)
    decoded = decode_html(html.encode("utf-8"), declared=declared)
    assert decoded.text == html and "café" in decoded.text
    assert (decoded.encoding, decoded.source) == ("utf-8", source)
    assert decoded.overridden and is_override(decoded.source)


@pytest.mark.parametrize("declared", [None, "windows-1252"])
def test_a_real_windows_1252_page_stays_cp1252(declared: str | None) -> None:
    html = FRENCH.format(meta='<meta charset="windows-1252">')
    decoded = decode_html(html.encode("cp1252"), declared=declared)
    assert decoded.text == html
    assert decoded.encoding == "cp1252"
    assert decoded.source == ("declared" if declared else "meta") and not decoded.overridden


@pytest.mark.parametrize("declared", [None, "windows-1252"])
def test_a_pure_ascii_page_is_not_overridden(declared: str | None) -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Plain text</p></body></html>'
    decoded = decode_html(html.encode("ascii"), declared=declared)
    assert decoded.text == html and decoded.encoding == "cp1252"
    assert decoded.source == ("declared" if declared else "meta") and not decoded.overridden


def test_utf8_labels_and_bom_are_not_overrides() -> None:
    html = FRENCH.format(meta='<meta charset="utf-8">').encode("utf-8")
    assert decode_html(html, declared="utf8").source == "declared"
    assert decode_html(html).source == "meta"
    assert decode_html(codecs.BOM_UTF8 + html, declared=None).source == "bom"


def test_a_utf16_meta_label_on_an_ascii_page_is_skipped() -> None:
    """A page readable as ASCII is not UTF-16 (it used to decode as CJK)."""
    html = '<html><head><meta charset="utf-16"></head><body><p>Hello world</p></body></html>'
    decoded = decode_html(html.encode("ascii"))
    assert decoded.text == html and (decoded.encoding, decoded.source) == ("utf-8", "detected")

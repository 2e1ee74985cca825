"""Charset choice: declared, BOM, <meta>, detection; the choice is recorded."""

from __future__ import annotations

import codecs

from corpora.decoding import decode_html

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

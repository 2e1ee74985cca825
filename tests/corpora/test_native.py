"""The native corpus format: reading, writing, and errors that name the line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora import native
from corpora.page import CorpusError
from corpora.registry import open_corpus


def _write_gold(root: Path, *records: dict) -> None:
    (root / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))


def test_write_then_load_round_trip(tmp_path: Path) -> None:
    pages = [
        native.PageToWrite(
            "p1",
            b"<html><body><p>Hello</p></body></html>",
            {
                "text": "Hello",
                "language": "en",
                "template": "blog",
                "dup_group": "g1",
                "noise": [{"type": "nav", "text": "Home"}],
            },
        ),
        native.PageToWrite(
            "p2", "<p>Grüße</p>".encode("cp1252"), {"text": "Grüße", "charset": "cp1252"}
        ),
    ]
    native.write(tmp_path, "tiny", pages)
    corpus = open_corpus(str(tmp_path))
    assert corpus.format == "native" and corpus.name == "tiny" and corpus.ids == ["p1", "p2"]
    first = corpus.page("p1")
    assert first.read_bytes() == pages[0].html
    assert first.gold is not None and first.gold.noise[0].type == "nav"
    assert first.label("template") == "blog"
    assert corpus.page("p2").charset == "cp1252"


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    page = native.PageToWrite("p", b"<p>x</p>", {"text": "x"})
    native.write(tmp_path / "a", "c", [page])
    native.write(tmp_path / "b", "c", [page])
    for rel in ("gold.jsonl", "corpus.json", "pages/p.html.gz"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert (
        open_corpus(str(tmp_path / "a")).checksum() == open_corpus(str(tmp_path / "b")).checksum()
    )


def test_bad_json_line_is_named(tmp_path: Path) -> None:
    (tmp_path / "gold.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": "b", \n')
    with pytest.raises(CorpusError, match=r"gold.jsonl:2: invalid JSON"):
        native.load(tmp_path)


def test_missing_field_and_duplicate_id(tmp_path: Path) -> None:
    _write_gold(tmp_path, {"id": "a"})
    with pytest.raises(CorpusError, match=r"gold.jsonl:1 \(page 'a'\): missing field 'text'"):
        native.load(tmp_path)
    _write_gold(tmp_path, {"id": "a", "text": "x"}, {"id": "a", "text": "y"})
    with pytest.raises(CorpusError, match="page id 'a' appears more than once"):
        native.load(tmp_path)


def test_missing_html_names_page_and_file(tmp_path: Path) -> None:
    _write_gold(tmp_path, {"id": "lost", "text": "x"})
    page = native.load(tmp_path).page("lost")
    with pytest.raises(CorpusError, match=r"page 'lost': HTML file .*lost.html does not exist"):
        page.read_bytes()


def test_unknown_corpus_and_format(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="did you mean builtin"):
        open_corpus("builtn")
    with pytest.raises(CorpusError, match="cannot tell the corpus format"):
        open_corpus(str(tmp_path))
    with pytest.raises(CorpusError, match="unknown corpus format 'natve'; did you mean native"):
        open_corpus(f"natve:{tmp_path}")


def test_structured_gold_is_markdown_or_gold_html(tmp_path: Path) -> None:
    pages = [
        native.PageToWrite("md", b"<p>x</p>", {"text": "Title", "markdown": "# Title\n"}),
        native.PageToWrite("html", b"<p>x</p>", {"text": "Title", "gold_html": "<h1>Title</h1>"}),
        native.PageToWrite("plain", b"<p>x</p>", {"text": "Title"}),
    ]
    corpus = native.load(native.write(tmp_path / "c", "c", pages))
    golds = {p.id: p.gold for p in corpus.pages}
    assert (golds["md"].structure, golds["md"].structure_format) == ("# Title\n", "markdown")
    assert (golds["html"].structure, golds["html"].structure_format) == ("<h1>Title</h1>", "html")
    assert golds["plain"].structure is None and golds["plain"].structure_format is None
    both = {"id": "x", "text": "T", "markdown": "# T", "gold_html": "<h1>T</h1>"}
    (tmp_path / "c" / "gold.jsonl").write_text(json.dumps(both) + "\n")
    with pytest.raises(CorpusError, match=r"gold\.jsonl:1 .*'markdown' or 'gold_html', not both"):
        native.load(tmp_path / "c")
    (tmp_path / "c" / "gold.jsonl").write_text(json.dumps({"id": "x", "text": "T", "markdown": 3}))
    with pytest.raises(CorpusError, match="field 'markdown' must be a string"):
        native.load(tmp_path / "c")

"""The fixture layouts of Mozilla's Readability and readability-lxml, on small cases we wrote
in both layouts (tests/data/readability-fixtures)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from corpora.page import CorpusError
from corpora.readability_fixtures import visible_text
from corpora.registry import detect_format, open_corpus

DATA = Path(__file__).resolve().parents[1] / "data" / "readability-fixtures"


def test_mozilla_layout() -> None:
    corpus = open_corpus(str(DATA / "mozilla"))
    assert corpus.format == "readability-fixtures"
    assert corpus.ids == ["allotment-notes", "ferry-timetable"]
    assert open_corpus(str(DATA / "mozilla" / "test-pages")).ids == corpus.ids
    page = corpus.page("ferry-timetable")
    assert page.path.name == "source.html"
    assert b"<nav>" in page.read_bytes()
    gold = page.gold
    assert gold.text == (
        "The harbour ferry will run every forty minutes from the first of November, the "
        "operator said on Tuesday.\n\n"
        "Early sailings at six and half past six are kept for commuters, while the last boat "
        "leaves the island at ten.\n\n"
        "Fares stay the same\n\n"
        "A single ticket still costs three euros; children under twelve travel free."
    )
    assert gold.structure_format == "html" and gold.structure.startswith('<div id="readability')
    assert gold.markup is None
    assert (gold.title, gold.author, gold.published, gold.language) == (
        "Winter ferry timetable announced",
        "By Mara Lindqvist",
        "2024-10-15T08:00:00Z",
        "en",
    )
    assert dict(page.labels) == {"layout": "mozilla", "language": "en", "readerable": "yes"}
    assert corpus.page("allotment-notes").label("readerable") == "no"
    assert corpus.page("allotment-notes").gold.text.startswith("Les fèves semées")


def test_readability_lxml_layout_with_groups() -> None:
    corpus = open_corpus(f"readability-fixtures:{DATA / 'lxml'}")
    assert corpus.ids == ["blogs--sourdough-diary", "news--bridge-repairs"]
    page = corpus.page("news--bridge-repairs")
    assert page.path.name == "page.html"
    assert page.url == "https://valley-courier.example/2024/bridge-repairs"
    assert dict(page.labels) == {"layout": "readability-lxml", "group": "news"}
    # the ideal's <title> is not visible text; list items are lines, paragraphs blocks
    assert page.gold.text == (
        "Bridge repairs start Monday\n\n"
        "Work on the old stone bridge begins on Monday and will close one lane for six weeks."
        "\n\nBuses keep their usual route.\nCyclists should use the river path.\n\n"
        "The council expects the bridge to reopen fully before the spring market."
    )
    assert page.gold.title == "Bridge repairs start Monday"
    assert corpus.page("blogs--sourdough-diary").gold.title is None  # no title in its metadata


def test_both_layouts_below_one_folder() -> None:
    corpus = open_corpus(f"readability-fixtures:{DATA}")
    assert corpus.ids == [
        "lxml--blogs--sourdough-diary",
        "lxml--news--bridge-repairs",
        "mozilla--test-pages--allotment-notes",
        "mozilla--test-pages--ferry-timetable",
    ]


def test_detection() -> None:
    assert detect_format(DATA / "mozilla").name == "readability-fixtures"
    assert detect_format(DATA / "lxml").name == "readability-fixtures"


def test_a_folder_without_cases(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    (tmp_path / "case" / "source.html").write_text("<p>no expected.html</p>")
    with pytest.raises(CorpusError, match="no fixture cases"):
        open_corpus(f"readability-fixtures:{tmp_path}")


def test_bad_metadata_names_the_file(tmp_path: Path) -> None:
    shutil.copytree(DATA / "lxml", tmp_path / "lxml")
    (tmp_path / "lxml" / "news" / "bridge-repairs" / "metadata.json").write_text("[1]")
    with pytest.raises(CorpusError, match=r"bridge-repairs/metadata\.json: expected a JSON object"):
        open_corpus(str(tmp_path / "lxml"))


def test_visible_text() -> None:
    assert visible_text("") == ""
    html = "<head><title>Hidden</title><style>p{}</style></head><p>One <b>two</b></p><p>Three</p>"
    assert visible_text(html) == "One two\n\nThree"

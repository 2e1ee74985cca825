"""WCXB (Foley, 2026): splits, the gold as WCXB's evaluate.py reads it, labels, and errors
that name what a checkout holds; on the published dev split when it is present."""

from __future__ import annotations

import gzip
import json
import logging
from collections import Counter
from pathlib import Path

import pytest
from conftest import SHARED, public_corpus

from corpora.decoding import decode_html
from corpora.page import CorpusError
from corpora.registry import detect_format, open_corpus

WCXB_DEV = SHARED / "corpora" / "wcxb-dev"


def _page(split_dir: Path, file_id: str, record: dict | None, html: str | None = None) -> None:
    (split_dir / "ground-truth").mkdir(parents=True, exist_ok=True)
    (split_dir / "html").mkdir(parents=True, exist_ok=True)
    if record is not None:
        text = json.dumps({"schema_version": "2.0", "file_id": file_id, **record})
        (split_dir / "ground-truth" / f"{file_id}.json").write_text(text, encoding="utf-8")
    body = html if html is not None else f"<html><body><p>Page {file_id} — café</p></body></html>"
    (split_dir / "html" / f"{file_id}.html.gz").write_bytes(gzip.compress(body.encode("utf-8")))


def _gt(page_type: str | None = "article", **ground_truth) -> dict:
    record: dict = {"url": "https://www.Shop.example/item/1", "ground_truth": ground_truth}
    if page_type is not None:
        record["_internal"] = {"page_type": {"primary": page_type, "confidence": "verified"}}
    return record


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """dev/ with five gold files (one skipped), test/ with one."""
    root = tmp_path / "wcxb"
    dev = root / "dev"
    _page(
        dev,
        "0001",
        _gt(
            "article",
            title="Ferry timetable",
            author="Mara Lindqvist",
            publish_date="2025-01-15",
            main_content="The ferry runs every forty minutes.\n\nFares stay the same.",
            main_content_markdown="# Ferry\n\nThe ferry runs every **forty** minutes.",
            **{"with": ["ferry runs every forty"], "without": ["Subscribe now"]},
        ),
    )
    _page(dev, "0002", _gt("category", main_content=None, **{"with": None, "without": []}))
    _page(dev, "0003", {"url": "https://forum.example/t/1", "ground_truth": {"title": "x"}})
    _page(dev, "0004", _gt("forum", main_content="Thread text"))
    _page(dev, "0005", {"url": "https://x.example", "ground_truth": None})
    _page(root / "test", "0100", _gt("product", main_content="Blue kettle, 1.7 litres."))
    return root


def test_checkout_opens_dev_by_default_with_the_gold_as_evaluate_py_reads_it(
    checkout: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="corpora.wcxb"):
        corpus = open_corpus(str(checkout))
    assert corpus.format == "wcxb" and corpus.name == "wcxb-dev"
    assert corpus.ids == ["0001", "0002", "0003", "0004"]
    # a ground_truth that is not an object is skipped, counted, and logged once
    assert corpus.skipped == ("0005",)
    warnings = [r for r in caplog.records if r.name == "corpora.wcxb"]
    assert len(warnings) == 1 and "1 gold file(s)" in warnings[0].getMessage()
    assert "0005" in warnings[0].getMessage()
    first = corpus.page("0001")
    gold = first.gold
    assert gold is not None
    assert gold.text == "The ferry runs every forty minutes.\n\nFares stay the same."
    assert (gold.title, gold.author, gold.published) == (
        "Ferry timetable",
        "Mara Lindqvist",
        "2025-01-15",
    )
    assert gold.snippets_with == ("ferry runs every forty",)
    assert gold.snippets_without == ("Subscribe now",)
    assert gold.structure_format == "markdown" and gold.structure.startswith("# Ferry")
    assert gold.markup is None  # markup stays CleanEval's block markers
    assert first.labels == (("domain", "shop.example"), ("page_type", "article"), ("split", "dev"))
    assert first.url == "https://www.Shop.example/item/1"
    assert decode_html(first.read_bytes(), first.charset).text.endswith("café</p></body></html>")
    assert first.charset == "utf-8"
    # null main_content and snippet lists: empty; WCXB folds "category" into "collection"
    second = corpus.page("0002")
    assert second.gold.text == "" and second.gold.snippets_with == ()
    assert second.label("page_type") == "collection"
    # no _internal: "article", as evaluate.py defaults; a missing main_content is empty
    third = corpus.page("0003")
    assert third.label("page_type") == "article" and third.gold.text == ""
    assert third.gold.structure is None
    assert corpus.page("0004").label("page_type") == "forum"


def test_splits_all_test_and_one_split_folder(checkout: Path) -> None:
    both = open_corpus(str(checkout), split="all")
    assert both.name == "wcxb-all"
    assert both.ids == ["0001", "0002", "0003", "0004", "0100"]
    assert Counter(p.label("split") for p in both.pages) == {"dev": 4, "test": 1}
    test = open_corpus(f"wcxb:{checkout}", split="test")
    assert test.ids == ["0100"] and test.page("0100").label("page_type") == "product"
    folder = open_corpus(str(checkout / "test"))
    assert folder.format == "wcxb" and folder.ids == ["0100"]
    assert folder.page("0100").label("split") == "test"


def test_a_checkout_with_one_split_opens_that_one_and_names_what_is_missing(
    checkout: Path,
) -> None:
    for path in (checkout / "dev").rglob("*"):
        if path.is_file():
            path.unlink()
    for folder in ("ground-truth", "html"):
        (checkout / "dev" / folder).rmdir()
    (checkout / "dev").rmdir()
    assert open_corpus(str(checkout)).ids == ["0100"]
    with pytest.raises(CorpusError, match=r"split 'dev' needs dev/ .* holds only test/"):
        open_corpus(str(checkout), split="dev")
    with pytest.raises(CorpusError, match=r"split 'all' needs dev/ .* holds only test/"):
        open_corpus(str(checkout), split="all")


def test_split_errors(checkout: Path) -> None:
    with pytest.raises(CorpusError, match=r"unknown split 'train' .*known: dev, test, all"):
        open_corpus(str(checkout), split="train")
    with pytest.raises(CorpusError, match=r"is one split folder \(dev\)"):
        open_corpus(str(checkout / "dev"), split="test")
    with pytest.raises(CorpusError, match=r"format 'aeb' has no splits .*wcxb"):
        open_corpus(f"aeb:{checkout}", split="dev")
    with pytest.raises(CorpusError, match="built-in corpus 'builtin' has no splits"):
        open_corpus("builtin", split="dev")


def test_gold_without_html_is_an_error_naming_the_file(checkout: Path) -> None:
    (checkout / "dev" / "html" / "0004.html.gz").unlink()
    with pytest.raises(CorpusError, match=r"0004\.json: page '0004' has no HTML file"):
        open_corpus(str(checkout))


def test_malformed_gold_names_file_and_field(checkout: Path) -> None:
    _page(checkout / "dev", "0006", _gt("article", main_content="x", **{"with": "not a list"}))
    with pytest.raises(CorpusError, match=r"0006\.json: 'with' is not a list of strings"):
        open_corpus(str(checkout))
    (checkout / "dev" / "ground-truth" / "0006.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"0006\.json: cannot read the gold"):
        open_corpus(str(checkout))


def test_a_split_folder_is_wcxb_not_wceb(checkout: Path) -> None:
    # Bevendorff et al.'s layout also has html/ + ground-truth/, but of *.jsonl files.
    assert detect_format(checkout / "dev").name == "wcxb"
    assert detect_format(checkout).name == "wcxb"


@pytest.mark.public_data
def test_published_dev_split() -> None:
    root = public_corpus(WCXB_DEV)
    corpus = open_corpus(str(root))
    assert corpus.format == "wcxb" and len(corpus.pages) == 1497 and corpus.skipped == ()
    # the page types of WCXB's README (development set)
    assert Counter(p.label("page_type") for p in corpus.pages) == {
        "article": 793,
        "service": 165,
        "product": 119,
        "collection": 117,
        "forum": 113,
        "listing": 99,
        "documentation": 91,
    }
    assert {p.label("split") for p in corpus.pages} == {"dev"}
    first = corpus.page("0001")
    assert first.label("domain") == "scratchculinary.com"
    assert first.gold.snippets_without == (
        "Home",
        "Login",
        "Order Now",
        "Chef's Choice Menu Previews",
    )
    # 17 empty main_content, 2 null and 2 missing: all empty gold, as in evaluate.py
    assert sum(not p.gold.text for p in corpus.pages) == 21
    with pytest.raises(CorpusError, match=r"split 'test' needs test/ .* holds only dev/"):
        open_corpus(str(root), split="test")

"""Users' own tables: JSONL, CSV and Parquet with inline HTML or HTML files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from corpora.page import CorpusError
from corpora.registry import open_corpus
from corpora.tabular import InlinePage

DATA = Path(__file__).resolve().parents[1] / "data"
KINDS = ("jsonl", "csv", "parquet")


@pytest.mark.parametrize("kind", KINDS)
def test_the_three_tables_load_the_same_pages(kind: str) -> None:
    corpus = open_corpus(str(DATA / kind))  # detected from the folder
    assert corpus.format == kind and corpus.ids == ["library", "orchard", "bridge"]
    reference = open_corpus(f"jsonl:{DATA / 'jsonl' / 'corpus.jsonl'}")
    for page, ref in zip(corpus.pages, reference.pages, strict=True):
        assert page.read_bytes() == ref.read_bytes()
        assert page.gold.text == ref.gold.text
        assert page.gold.dataset == ref.gold.dataset == page.label("dataset")


def test_inline_and_file_html_and_extra_columns() -> None:
    corpus = open_corpus(f"jsonl:{DATA / 'jsonl'}")
    library, orchard, bridge = corpus.pages
    assert isinstance(library, InlinePage) and library.charset == "utf-8"
    assert library.url == "https://gazette.example/library" and library.gold.language == "en"
    assert orchard.path == DATA / "jsonl" / "pages" / "orchard.html"
    assert bridge.read_bytes() == gzip.decompress(
        (DATA / "jsonl/pages/bridge.html.gz").read_bytes()
    )
    assert library.label("section") == "news"  # any other string column is a label


def test_rows_with_errors_are_named(tmp_path: Path) -> None:
    table = tmp_path / "mine.jsonl"
    table.write_text(json.dumps({"id": "a", "text": "x"}) + "\n")
    with pytest.raises(CorpusError, match=r"mine\.jsonl:1 \(page 'a'\): needs 'html'"):
        open_corpus(f"jsonl:{table}")
    table.write_text(json.dumps({"id": "a", "html_path": "gone.html", "text": "x"}) + "\n")
    with pytest.raises(CorpusError, match=r"page 'a': HTML file .*gone\.html does not exist"):
        open_corpus(f"jsonl:{table}")
    table.write_text(json.dumps({"id": "a", "html": "<p>x</p>"}) + "\n")
    with pytest.raises(CorpusError, match=r"missing field 'text'"):
        open_corpus(f"jsonl:{table}")
    table.write_text(
        "".join(json.dumps({"id": "a", "html": "<p>x</p>", "text": "x"}) + "\n" for _ in "12")
    )
    with pytest.raises(CorpusError, match=r"page id 'a' appears more than once"):
        open_corpus(f"jsonl:{table}")


def test_null_text_is_a_page_without_gold_and_snippets_are_read(tmp_path: Path) -> None:
    table = tmp_path / "mine.jsonl"
    rows = [
        {"id": "a", "html": "<p>x</p>", "text": None},
        {"id": "b", "html": "<p>y</p>", "with": ["y"], "without": ["menu"]},
    ]
    table.write_text("".join(json.dumps(r) + "\n" for r in rows))
    a, b = open_corpus(f"jsonl:{table}").pages
    assert a.gold is None
    assert b.gold.text == "" and b.gold.snippets_with == ("y",)


@pytest.mark.parametrize("kind", KINDS)
def test_run_and_score_through_the_cli(cli, tmp_path: Path, kind: str) -> None:
    folder = DATA / kind
    summary = json.loads(
        cli(
            "run",
            "--corpus",
            f"{kind}:{folder}",
            "-e",
            "everything,nothing",
            "--metric",
            "tokens,aeb",
            "--out",
            str(tmp_path / "run"),
            "--json",
            "--no-progress",
        ).stdout
    )
    rows = {r["extractor"]: r["all_metrics"]["tokens"] for r in summary["results"]}
    assert rows["everything"]["recall"] == 1.0 and rows["everything"]["precision"] < 0.7
    assert rows["nothing"]["f1"] == 0.0
    every = rows["everything"]
    # two datasets: the macro average is the mean of their means, not the mean over pages
    assert every["f1_macro"] == pytest.approx((every["f1@gazette"] + every["f1@transport"]) / 2)
    texts = {p.id: p.gold.text for p in open_corpus(str(folder)).pages}
    predictions = tmp_path / "gold.json"
    predictions.write_text(json.dumps(texts))
    scores = json.loads(
        cli(
            "score", "--corpus", str(folder), str(predictions), "--metric", "tokens", "--json"
        ).stdout
    )
    assert scores["f1"] == scores["f1_macro"] == 1.0 and scores["n_pages"] == 3

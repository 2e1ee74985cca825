"""CleanEval: loader (URL line, block markers, Latin-1 gold), and the CLI on our fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from corpora.cleaneval import parse_gold
from corpora.page import CorpusError
from corpora.registry import open_corpus

DATA = Path(__file__).resolve().parents[1] / "data" / "cleaneval"


def test_gold_file_parts() -> None:
    url, text, markup = parse_gold("URL: http://a.example/x\n\n<h>Title\n<p>One\n two.\n<l>Item\n")
    assert url == "http://a.example/x"
    assert text == "Title\nOne two.\nItem"
    assert markup == "<h>Title\n<p>One\n two.\n<l>Item"


def test_loads_pages_with_marked_gold() -> None:
    corpus = open_corpus(str(DATA))
    assert corpus.format == "cleaneval" and corpus.ids == ["1", "2", "3"]
    page = corpus.page("2")
    assert page.path == DATA / "orig" / "2.html"
    assert page.url == "https://gazette.example/orchard"
    assert page.gold is not None and page.gold.markup is not None
    assert page.gold.markup.startswith("<h>Orchard volunteers plant forty apple trees")
    assert page.gold.text.splitlines()[-2:] == ["Bring gloves", "Bring a spade"]
    assert page.read_bytes().startswith(b'<text id="https://gazette.example/orchard"')
    # 3.txt is Latin-1 (cp1252), as some of CleanEval's gold files are
    latin = corpus.page("3")
    assert latin.url == "https://gazette.example/café-reopens"
    assert latin.gold is not None and latin.gold.text.startswith("Café reopens after flood")


def test_gold_without_a_page_is_named(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "c")
    (tmp_path / "c" / "orig" / "2.html").unlink()
    with pytest.raises(CorpusError, match=r"2\.txt: no page 2\.html"):
        open_corpus(f"cleaneval:{tmp_path / 'c'}")


def test_score_through_the_cli(cli, tmp_path: Path) -> None:
    corpus = open_corpus(str(DATA))
    predictions = tmp_path / "out.json"
    # page 1 with its markers (perfect), page 2 as plain lines, page 3 empty
    texts = {
        "1": corpus.page("1").gold.markup,
        "2": corpus.page("2").gold.text,
        "3": "",
    }
    predictions.write_text(json.dumps(texts))
    done = cli(
        "score", "--corpus", str(DATA), str(predictions), "--metric", "levenshtein", "--json"
    )
    scores = json.loads(done.stdout)
    assert scores["metric"] == "levenshtein"
    # word level: page 1 and 2 perfect, page 3 empty output: precision 0, recall 0
    assert scores["word_recall"] == pytest.approx(2 / 3)
    assert scores["word_precision"] == pytest.approx(2 / 3)
    assert scores["f1"] == scores["word_f1"]
    # tags: page 1 perfect; page 2 gold h,p,p,p,l,l vs six <p> lines: 3 of 6 align; page 3: 0
    assert scores["tag_recall"] == pytest.approx((1 + 3 / 6 + 0) / 3)
    assert scores["tag_precision"] == pytest.approx((1 + 3 / 6 + 0) / 3)


def test_run_through_the_cli(cli, tmp_path: Path) -> None:
    summary = json.loads(
        cli(
            "run",
            "--corpus",
            str(DATA),
            "-e",
            "everything,nothing",
            "--metric",
            "levenshtein,aeb",
            "--out",
            str(tmp_path / "run"),
            "--json",
            "--no-progress",
        ).stdout
    )
    rows = {r["extractor"]: r["all_metrics"]["levenshtein"] for r in summary["results"]}
    assert summary["metric"] == "levenshtein"
    # the full page text holds every gold word in order, and more
    assert rows["everything"]["word_recall"] == 1.0
    assert rows["everything"]["word_precision"] < 0.8
    assert rows["nothing"]["ratio"] == 0.0 and rows["nothing"]["word_f1"] == 0.0

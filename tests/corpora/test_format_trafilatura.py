"""trafilatura's evaluation layout: loader, errors, and the CLI on our fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.metrics import default_metrics
from corpora.page import CorpusError
from corpora.registry import open_corpus

DATA = Path(__file__).resolve().parents[1] / "data" / "trafilatura"


def test_loads_snippet_gold_from_cache_and_eval() -> None:
    corpus = open_corpus(str(DATA))
    assert corpus.format == "trafilatura"
    assert corpus.ids == ["bridge-repairs", "library-thursdays", "orchard-volunteers"]
    page = corpus.page("library-thursdays")
    assert page.path == DATA / "cache" / "library-thursdays.html"
    assert page.url == "https://gazette.example/news/library-thursdays"
    assert page.gold is not None and page.gold.text == ""
    assert page.gold.snippets_with == (
        "open until nine in the evening every Thursday",
        "twelve new desks with power sockets",
    )
    assert page.gold.snippets_without == (
        "Council approves new cycle lanes",
        "All rights reserved.",
    )
    assert page.gold.title == "Library opens late on Thursdays"
    assert corpus.page("bridge-repairs").path == DATA / "eval" / "bridge-repairs.html"
    assert default_metrics(corpus) == ("snippets",)
    assert open_corpus(f"trafilatura:{DATA}").ids == corpus.ids


def test_missing_html_file_is_named(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "t")
    (tmp_path / "t" / "eval" / "bridge-repairs.html").unlink()
    with pytest.raises(CorpusError, match=r"bridge-repairs\.html.*neither"):
        open_corpus(str(tmp_path / "t"))


def test_bad_snippets_are_refused(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "t")
    path = tmp_path / "t" / "evaldata.json"
    data = json.loads(path.read_text())
    data["https://gazette.example/news/bridge-repairs"]["with"] = "not a list"
    path.write_text(json.dumps(data))
    with pytest.raises(
        CorpusError, match=r"evaldata\.json \(page 'https://.*bridge-repairs'\).*'with'"
    ):
        open_corpus(str(tmp_path / "t"))


def test_run_scores_snippets_through_the_cli(cli, tmp_path: Path) -> None:
    out = tmp_path / "run"
    summary = json.loads(
        cli(
            "run",
            "--corpus",
            f"trafilatura:{DATA}",
            "-e",
            "everything,nothing",
            "--metric",
            "snippets",
            "--out",
            str(out),
            "--json",
            "--no-progress",
        ).stdout
    )
    rows = {r["extractor"]: r["metrics"] for r in summary["results"]}
    # everything keeps all 6 "with" and all 5 "without" snippets
    assert (rows["everything"]["tp"], rows["everything"]["fp"]) == (6, 5)
    assert rows["everything"]["recall"] == 1.0
    assert rows["everything"]["precision"] == pytest.approx(6 / 11)
    # nothing misses every "with" snippet and keeps out every "without" one
    assert (rows["nothing"]["fn"], rows["nothing"]["tn"]) == (6, 5)
    assert rows["nothing"]["f1"] == 0.0 and rows["nothing"]["accuracy"] == pytest.approx(5 / 11)


def test_score_defaults_to_snippets(cli, tmp_path: Path) -> None:
    predictions = tmp_path / "out.json"
    texts = {
        "library-thursdays": "It is open until nine in the evening\n every Thursday.",
        "orchard-volunteers": "forty young apple trees, heavy clay soil. Accept all cookies.",
        "bridge-repairs": "",
    }
    predictions.write_text(json.dumps(texts))
    scores = json.loads(cli("score", "--corpus", str(DATA), str(predictions), "--json").stdout)
    assert scores["metric"] == "snippets"
    # tp 1+2+0 = 3, fn 1+1+1 = 3, fp 0+1+0 = 1, tn 2+0+2 = 4
    assert (scores["tp"], scores["fn"], scores["fp"], scores["tn"]) == (3, 3, 1, 4)
    assert scores["precision"] == pytest.approx(3 / 4)
    assert scores["recall"] == pytest.approx(3 / 6)
    assert scores["accuracy"] == pytest.approx(7 / 11)

"""Bevendorff et al.'s web-content-extraction-benchmark layout: loader, dataset labels,
macro averages through the CLI on our fixture."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from corpora.decoding import decode_html
from corpora.page import CorpusError
from corpora.registry import open_corpus

DATA = Path(__file__).resolve().parents[1] / "data" / "wceb"


def _ids(corpus, dataset: str) -> dict[str, str]:
    """case name → page id for the pages of one dataset."""
    return {p.label("case"): p.id for p in corpus.pages if p.label("dataset") == dataset}


def test_loads_every_dataset_with_labels() -> None:
    corpus = open_corpus(str(DATA))
    assert corpus.format == "wceb" and len(corpus.pages) == 6
    assert open_corpus(f"wceb:{DATA / 'combined'}").ids == corpus.ids
    for page in corpus.pages:
        # the id is the SHA-256 of the raw HTML, which is UTF-8
        assert page.id == hashlib.sha256(page.read_bytes()).hexdigest()
        assert decode_html(page.read_bytes(), page.charset).source == "declared"
    dragnet = _ids(corpus, "dragnet")
    assert set(dragnet) == {"dragnet_library", "dragnet_orchard", "dragnet_empty", None}
    library = corpus.page(dragnet["dragnet_library"])
    assert library.url == "https://gazette.example/library"
    assert library.gold is not None and library.gold.dataset == "dragnet"
    assert library.gold.text.startswith("Library opens late on Thursdays\nThe town library")
    assert corpus.page(dragnet["dragnet_empty"]).gold.text == ""
    assert corpus.page(dragnet[None]).gold is None  # HTML without a ground-truth row


def test_ground_truth_row_without_html_is_named(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "w")
    html = next((tmp_path / "w" / "combined" / "html" / "readability").glob("*.html"))
    html.unlink()
    with pytest.raises(CorpusError, match=r"readability\.jsonl: 1 page\(s\) without HTML"):
        open_corpus(str(tmp_path / "w"))


def _predictions(tmp_path: Path, ja_output: str) -> Path:
    corpus = open_corpus(str(DATA))
    texts = {p.id: p.gold.text for p in corpus.pages if p.gold is not None}
    texts[_ids(corpus, "readability")["ja_library"]] = ja_output
    path = tmp_path / "out.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()))
    return path


def test_rouge_micro_and_macro_through_the_cli(cli, tmp_path: Path) -> None:
    # every page perfect except the Japanese one, left empty: F1 1,1,1 (dragnet), 1,0
    predictions = _predictions(tmp_path, "")
    done = cli("score", "--corpus", str(DATA), str(predictions), "--metric", "rouge-lsum", "--json")
    scores = json.loads(done.stdout)
    assert scores["n_pages"] == 5
    assert scores["f1"] == pytest.approx(4 / 5)
    assert scores["f1_macro"] == pytest.approx((1 + 0.5) / 2)
    assert scores["f1@dragnet"] == 1.0 and scores["f1@readability"] == 0.5
    assert scores["f1_median"] == 1.0
    assert scores["cjk_pages"] == 1.0


def test_cjk_page_scores_by_characters(cli, tmp_path: Path) -> None:
    # the Japanese gold has two sentences of 28 and 19 characters; output the first only
    first = "町の図書館は来月から毎週木曜日に午後九時まで開館します。"
    predictions = _predictions(tmp_path, first)
    done = cli("score", "--corpus", str(DATA), str(predictions), "--metric", "rouge-lsum", "--json")
    scores = json.loads(done.stdout)
    assert len(first) == 28
    assert scores["recall@readability"] == pytest.approx((1 + 28 / (28 + 19)) / 2)
    assert scores["precision@readability"] == 1.0


def test_run_through_the_cli(cli, tmp_path: Path) -> None:
    summary = json.loads(
        cli(
            "run",
            "--corpus",
            f"wceb:{DATA}",
            "-e",
            "nothing",
            "--metric",
            "rouge-lsum,levenshtein",
            "--out",
            str(tmp_path / "run"),
            "--json",
            "--no-progress",
        ).stdout
    )
    rouge = summary["results"][0]["all_metrics"]["rouge-lsum"]
    # empty output: perfect only on the page whose gold is empty (dragnet: 1 of 3)
    assert rouge["f1"] == pytest.approx(1 / 5)
    assert rouge["f1_macro"] == pytest.approx((1 / 3 + 0) / 2)
    assert summary["results"][0]["all_metrics"]["levenshtein"]["ratio"] == pytest.approx(1 / 5)

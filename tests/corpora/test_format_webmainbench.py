"""WebMainBench (opendatalab): both JSONL schemas, ids, labels from ``meta``, rows read
lazily from the file; on the published sample rows when they are present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, public_corpus

from bench.metrics import default_metrics
from corpora.decoding import decode_html
from corpora.page import CorpusError
from corpora.registry import detect_format, open_corpus

SAMPLE = SHARED / "corpora" / "webmainbench-sample"

RELEASE = {
    "track_id": "t-1",
    "html": "<html><body><h1>Kettle</h1><p>Blue kettle — 1.7 l</p></body></html>",
    "url": "https://shop.example/kettle",
    "main_html": None,
    "convert_main_content": None,
    "groundtruth_content": "# Kettle\n\nBlue kettle — 1.7 l",
    "meta": {
        "language": "en",
        "style": "Shop",
        "table": [],
        "equation": [],
        "code": ["inline"],
        "level": "mid",
    },
}
OLDER = {
    "html": "<html><body><p>北京欢迎你</p></body></html>",
    "groundtruth_content": "北京欢迎你",
    "language": "zh",
}


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n\n" for r in rows), "utf-8")
    return path


def test_release_schema(tmp_path: Path) -> None:
    second = {**RELEASE, "track_id": "t-2", "meta": {**RELEASE["meta"], "table": ["simple"]}}
    corpus = open_corpus(str(_write(tmp_path / "bench.jsonl", [RELEASE, second])))
    assert corpus.format == "webmainbench" and corpus.name == "bench"
    assert corpus.ids == ["t-1", "t-2"]
    assert default_metrics(corpus) == ("rouge-n5",)
    page = corpus.page("t-1")
    assert dict(page.labels) == {
        "language": "en",
        "level": "mid",
        "style": "Shop",
        "has_table": "no",
        "has_code": "yes",
        "has_equation": "no",
    }
    assert corpus.page("t-2").label("has_table") == "yes"
    assert page.gold.text == "# Kettle\n\nBlue kettle — 1.7 l"  # the markdown, as scored
    assert (page.gold.structure, page.gold.structure_format) == (page.gold.text, "markdown")
    assert page.url == "https://shop.example/kettle" and page.charset == "utf-8"
    decoded = decode_html(page.read_bytes(), page.charset)
    assert decoded.text == RELEASE["html"] and decoded.source == "declared"
    # the HTML stays in the file: each page reads its own row
    assert corpus.page("t-2").read_bytes() == RELEASE["html"].encode("utf-8")
    assert page.stamp() != corpus.page("t-2").stamp()


def test_older_schema_ids_fall_back_to_id_then_row_number(tmp_path: Path) -> None:
    rows = [{**OLDER, "id": "abc"}, OLDER, {**OLDER, "track_id": "t-9", "id": "abc"}]
    corpus = open_corpus(f"webmainbench:{_write(tmp_path / 'old.jsonl', rows)}")
    assert corpus.ids == ["abc", "2", "t-9"]
    assert corpus.page("2").labels == (("language", "zh"),)
    assert corpus.page("2").label("language") == "zh"


def test_errors_name_file_line_and_field(tmp_path: Path) -> None:
    path = _write(tmp_path / "bad.jsonl", [RELEASE, {**RELEASE, "track_id": "t-2", "html": None}])
    with pytest.raises(CorpusError, match=r"bad\.jsonl:3: field 'html' missing or not a string"):
        open_corpus(f"webmainbench:{path}")
    path = _write(tmp_path / "dup.jsonl", [RELEASE, RELEASE])
    with pytest.raises(CorpusError, match="page id 't-1' appears more than once"):
        open_corpus(f"webmainbench:{path}")
    _write(tmp_path / "more.jsonl", [RELEASE])
    with pytest.raises(CorpusError, match=r"expected one \.jsonl file, found .*give the file"):
        open_corpus(f"webmainbench:{tmp_path}")


def test_detected_before_the_generic_jsonl_table(tmp_path: Path) -> None:
    folder = tmp_path / "wmb"
    folder.mkdir()
    _write(folder / "WebMainBench_7809.jsonl", [RELEASE])
    assert detect_format(folder).name == "webmainbench"
    plain = _write(tmp_path / "plain.jsonl", [{"id": "a", "html": "<p>x</p>", "text": "x"}])
    assert detect_format(plain).name == "jsonl"


@pytest.mark.public_data
def test_published_sample_rows() -> None:
    root = public_corpus(SAMPLE)
    release = open_corpus(str(root / "WebMainBench_dataset_sample2.jsonl"))
    assert release.ids == [
        "33e291cd-5b26-48b1-977f-3c63b45e6d13",
        "93898d00-0d6c-451d-9f99-4c386c6c2918",
    ]
    zh = release.page("93898d00-0d6c-451d-9f99-4c386c6c2918")
    assert dict(zh.labels) == {
        "language": "zh",
        "level": "hard",
        "has_table": "no",
        "has_code": "no",
        "has_equation": "no",
    }
    assert zh.gold.text.startswith("# 逆剑狂神")
    assert release.page("33e291cd-5b26-48b1-977f-3c63b45e6d13").label("has_code") == "yes"
    older = open_corpus(f"webmainbench:{root / 'sample_dataset.jsonl'}")
    assert len(older.pages) == 4
    assert [p.label("language") for p in older.pages] == [None, "en", "en", "en"]
    for page in (*release.pages, *older.pages):
        assert b"<html" in page.read_bytes()[:200].lower()


@pytest.mark.public_data
@pytest.mark.integration
def test_everything_on_the_sample_through_the_cli(cli, tmp_path: Path) -> None:
    # the corpus's default metric is rouge-n5: all the page text against markdown gold
    sample = public_corpus(SAMPLE) / "WebMainBench_dataset_sample2.jsonl"
    done = cli("run", "--corpus", str(sample), "-e", "everything", "--out", str(tmp_path / "r"))
    summary = json.loads((tmp_path / "r" / "summary.json").read_text(encoding="utf-8"))
    (row,) = summary["results"]
    scores = row["all_metrics"]["rouge-n5"]
    assert row["n_pages"] == 2 and row["failures"] == 0
    # the whole page holds the main content (recall high) and much else (precision low)
    assert 0.0 < scores["precision"] < scores["recall"] <= 1.0
    assert 0.2 < scores["f1"] < 0.8
    assert "rouge-n5" in done.stdout

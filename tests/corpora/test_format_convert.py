"""``corpus convert``: every format written as a native corpus, page bytes unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.cli.convert_cmd import convert_corpus
from corpora.page import CorpusError
from corpora.registry import detect_format, open_corpus

DATA = Path(__file__).resolve().parents[1] / "data"
FIXTURES = {
    "trafilatura": DATA / "trafilatura",
    "cleaneval": DATA / "cleaneval",
    "wceb": DATA / "wceb",
    "jsonl": DATA / "jsonl",
    "csv": DATA / "csv",
    "parquet": DATA / "parquet",
}


@pytest.mark.parametrize("fmt", list(FIXTURES))
def test_each_fixture_is_detected_as_its_format(fmt: str) -> None:
    assert detect_format(FIXTURES[fmt]).name == fmt


@pytest.mark.parametrize("fmt", list(FIXTURES))
def test_convert_keeps_bytes_gold_and_annotations(fmt: str, tmp_path: Path) -> None:
    source = open_corpus(f"{fmt}:{FIXTURES[fmt]}")
    out = convert_corpus(source, tmp_path / "native")
    converted = open_corpus(str(out))
    assert converted.format == "native" and converted.ids == source.ids
    assert converted.name == source.name
    records = {r["id"]: r for r in map(json.loads, (out / "gold.jsonl").read_text().splitlines())}
    for page in source.pages:
        copy = converted.page(page.id)
        assert copy.read_bytes() == page.read_bytes()
        assert (copy.url, copy.charset, copy.labels) == (
            page.url,
            page.charset,
            tuple(sorted(dict(page.labels, **_dataset(page)).items())),
        )
        record = records[page.id]
        if page.gold is None:
            assert copy.gold is None and record["text"] is None
            continue
        assert copy.gold.text == page.gold.text
        # fields the native reader learns with this issue are written for it
        assert record.get("snippets_with", []) == list(page.gold.snippets_with)
        assert record.get("snippets_without", []) == list(page.gold.snippets_without)
        assert record.get("markup") == page.gold.markup
    assert open_corpus(str(out)).checksum() == source.checksum()


def _dataset(page) -> dict[str, str]:
    return {"dataset": page.gold.dataset} if page.gold is not None and page.gold.dataset else {}


def test_convert_refuses_a_folder_in_use(tmp_path: Path) -> None:
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    with pytest.raises(CorpusError, match="is not an empty folder"):
        convert_corpus(open_corpus(str(FIXTURES["jsonl"])), tmp_path / "busy")


def test_convert_through_the_cli(cli, tmp_path: Path) -> None:
    out = tmp_path / "native"
    done = cli("corpus", "convert", f"wceb:{FIXTURES['wceb']}", "--to", str(out))
    assert "wrote 6 pages (wceb → native)" in done.stdout
    assert open_corpus(str(out)).ids == open_corpus(str(FIXTURES["wceb"])).ids
    again = cli("corpus", "convert", str(FIXTURES["wceb"]), "--to", str(out), check=False)
    assert again.returncode == 2 and "is not an empty folder" in again.stderr

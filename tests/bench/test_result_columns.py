"""The summary reads page results one at a time into columns: every value comes back as it
was recorded, a page recorded twice keeps its last result, and a summary made from a
stream of results equals one made from the stored list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import runner
from bench.records import PageResult
from bench.result_columns import ResultColumns, ScoreColumns
from bench.store import RunStore
from bench.summary import failure_kind, summarize
from corpora.corpus import Corpus
from corpora.registry import open_corpus


def test_score_columns_give_back_each_dict_as_recorded() -> None:
    recorded = [
        {"tp": 0.25, "fp": 0.5, "fn": 0.25, "exact": 0.0},
        {"tp": 0, "fp": 0, "fn": 0, "exact": True},  # ints and a bool stay what they were
        None,  # a page without this metric
        {"f1": float("nan"), "cjk_pages": 3, "note": "odd"},  # other keys, NaN, a string
    ]
    columns = ScoreColumns()
    for scores in recorded:
        columns.append(scores)
    for row, scores in enumerate(recorded):
        assert columns.has(row) == (scores is not None)
        if scores is not None:
            got = columns.get(row)
            assert list(got) == list(scores)
            for key, value in scores.items():
                assert type(got[key]) is type(value)
                assert got[key] == value or (value != value and got[key] != got[key])
    assert columns.dicts([1, 2, 0]) == [recorded[1], recorded[0]]  # rows without scores: none
    columns.set(1, {"tp": 0.5})
    assert columns.get(1) == {"tp": 0.5}


def _result(page: str, **fields: object) -> PageResult:
    base: dict[str, object] = dict(page=page, extractor="x", seconds=0.1, output_chars=5,
                                   output_sha256="ab" * 32)  # fmt: skip
    return PageResult(**{**base, **fields})  # type: ignore[arg-type]


def test_a_page_recorded_twice_keeps_its_last_result() -> None:
    columns = ResultColumns(["aeb"])
    diagnostics = {"noise_blocks": {"ads": 2, "nav": 0}, "noise_leaked": {"ads": 1}}
    columns.add(_result("p1", error="timeout: no result after 1 s"), failure_kind)
    columns.add(_result("p2", diagnostics=diagnostics, scores={"aeb": {"tp": 1.0}}), failure_kind)
    columns.add(_result("p1", scores={"aeb": {"tp": 0.5}}, seconds=0.3), failure_kind)
    rows = columns.sorted()
    assert rows.pages == ["p1", "p2"]
    assert columns.errors == [None, None] and list(columns.seconds) == [0.3, 0.1]
    assert rows.page_scores("aeb") == [{"tp": 0.5}, {"tp": 1.0}]
    assert rows.noise_kinds() == ["ads", "nav"]  # listed with 0 blocks: still a kind
    assert rows.leak_counts("ads") == ([0.0, 1.0], [0.0, 2.0])


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Corpus]:
    builtin = open_corpus(None)
    corpus = Corpus(builtin.name, builtin.format, builtin.location, builtin.pages[:40])
    out = tmp_path_factory.mktemp("columns") / "run"
    config = runner.RunConfig(
        corpus=corpus, extractors=("everything", "nothing"), out=out, jobs=1, argv=("test",)
    )
    runner.run(config)
    return out, corpus


def test_a_summary_from_a_stream_equals_one_from_the_list(run_dir: tuple[Path, Corpus]) -> None:
    out, corpus = run_dir
    store = RunStore(out)
    extractors = [e.to_json() for e in store.read_manifest().extractors]
    metrics = list(store.read_manifest().metrics)
    streamed = summarize(store.iter_results(), corpus, extractors, metrics, 0).to_json()
    listed = summarize(store.results(), corpus, extractors, metrics, 0).to_json()
    assert streamed == listed
    assert json.loads((out / "summary.json").read_text())["results"] == streamed["results"]
    assert streamed["results"][0]["breakdowns"]  # labels and noise types grouped the pages

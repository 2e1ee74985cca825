"""``summary.json`` as a typed record: the one aggregation writes it, the one reader checks its
``schema_version`` (an older summary is re-summarized when the corpus is at hand, refused
with what to do otherwise), failures carry the scores they were given, and reports read
everything but page text without the corpus."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from bench import metrics
from bench.records import SchemaError
from bench.reports.loading import load_run
from bench.store import RunStore
from bench.summary import summarize, summary_table_rows
from bench.summary_records import SUMMARY_SCHEMA, Summary
from corpora import native
from corpora.registry import open_corpus

EXTRACTORS = ("trafilatura", "faulty_extractors:dies", "nothing")


def corpus(out: Path, n_pages: int = 12) -> Path:
    rng = random.Random(8)
    words = ["the", "river", "ferry", "council", "harbour", "spring", "summer", "pier", "storm"]
    pages = []
    for i in range(n_pages):
        paragraphs = [" ".join(rng.choice(words) for _ in range(25)) for _ in range(3)]
        html = (
            "<html><head><meta charset='utf-8'><title>Ferry</title></head><body><nav>Home</nav>"
            f"<article>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article></body></html>"
        )
        record = {
            "text": "\n\n".join(paragraphs),
            "language": "en" if i % 3 else "de",
            "noise": [{"type": "navigation", "text": "Home"}],
            "labels": {"site": f"site-{i % 2}", "page_number": str(i)},
        }
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "ferry", pages)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    root = tmp_path_factory.mktemp("summary")
    out = root / "run"
    done = run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus")),
        *(arg for name in EXTRACTORS for arg in ("-e", name)),
        "--out",
        str(out),
        "--no-progress",
        check=False,
    )
    assert done.returncode == 3, done.stderr  # the dying extractor fails every page
    return out


def test_the_stored_summary_reads_back_as_it_was_written(run_dir: Path) -> None:
    data = json.loads((run_dir / "summary.json").read_text())
    assert data["schema_version"] == SUMMARY_SCHEMA
    summary = Summary.from_json(data)
    assert summary.to_json() == data
    assert summary.metric == "aeb" and summary.info is not None
    assert summary.info.headline == "f1"
    assert [row.extractor for row in summary] == list(EXTRACTORS)


def test_figures_are_what_the_metric_aggregates(run_dir: Path) -> None:
    """The one aggregation stores exactly what the metric's own aggregate gives."""
    summary = Summary.from_json(json.loads((run_dir / "summary.json").read_text()))
    aeb = metrics.get("aeb")
    results = RunStore(run_dir).results()
    pages = sorted((r for r in results if r.extractor == "trafilatura"), key=lambda r: r.page)
    expected = aeb.aggregate([r.scores["aeb"] for r in pages], seed=0)
    row = summary.row("trafilatura")
    assert row is not None and row.scores["aeb"].values == expected
    iv = row.scores["aeb"].interval("f1")
    assert iv is not None and iv.low is not None and iv.low <= iv.value <= iv.high


def test_failures_carry_scores_without_the_corpus(run_dir: Path, tmp_path: Path) -> None:
    data = json.loads((run_dir / "summary.json").read_text())
    dead = next(r for r in data["results"] if r["extractor"] == "faulty_extractors:dies")
    assert dead["failures"] == 12 and dead["metrics"]["f1"] == 0.0
    # failures are scored (as empty outputs) when they are recorded: results.jsonl has them
    assert "faulty_extractors:dies" not in data["scored_failures"]
    recorded = [json.loads(line) for line in (run_dir / "results.jsonl").read_text().splitlines()]
    dead_pages = [r for r in recorded if r["extractor"] == "faulty_extractors:dies"]
    assert len(dead_pages) == 12 and all(r["scores"]["aeb"]["tp"] == 0 for r in dead_pages)
    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["corpus"]["location"] = str(tmp_path / "gone")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    run = load_run(copy)
    assert run.corpus is None and not run.notes
    assert all("aeb" in r.scores for r in run.results["faulty_extractors:dies"])


def test_breakdowns_hold_every_headline_field_and_skip_unique_labels(run_dir: Path) -> None:
    summary = Summary.from_json(json.loads((run_dir / "summary.json").read_text()))
    row = summary.row("trafilatura")
    assert row is not None
    assert set(row.breakdowns) == {"language", "site", "noise"}  # page_number: one per page
    en = row.breakdowns["language"]["en"]
    assert en.n_pages == 8 and {"f1", "precision", "recall", "accuracy"} <= set(en.scores.values)
    assert en.scores.interval("f1") is not None
    assert summary.page_labels["p00"]["page_number"] == "0"
    assert summary.page_labels["p00"]["noise_types"] == "navigation"


def test_table_rows_for_a_notebook(run_dir: Path) -> None:
    summary = Summary.from_json(json.loads((run_dir / "summary.json").read_text()))
    rows = summary_table_rows(summary)
    assert [r["extractor"] for r in rows] == list(EXTRACTORS)
    assert set(rows[0]) == {
        "extractor",
        "f1",
        "precision",
        "recall",
        "accuracy",
        "failures",
        "empty",
        "pages_per_s",
    }


def test_other_metrics_get_qualified_columns(tmp_path: Path) -> None:
    store_root = tmp_path / "run"
    from conftest import run_cli

    run_cli(
        "run",
        "--corpus",
        "seeds",
        "-e",
        "trafilatura",
        "--metric",
        "aeb,tokens",
        "--out",
        str(store_root),
        "--no-progress",
    )
    summary = Summary.from_json(json.loads((store_root / "summary.json").read_text()))
    assert {"f1", "tokens.f1", "tokens.precision"} <= set(summary_table_rows(summary)[0])


def test_schema_versions_are_checked(run_dir: Path, tmp_path: Path) -> None:
    data = json.loads((run_dir / "summary.json").read_text())
    with pytest.raises(SchemaError, match="newer boilerbench"):
        Summary.from_json({**data, "schema_version": SUMMARY_SCHEMA + 1})
    with pytest.raises(SchemaError, match="no schema_version"):
        Summary.from_json({k: v for k, v in data.items() if k != "schema_version"})
    with pytest.raises(SchemaError, match="older boilerbench"):
        Summary.from_json({**data, "schema_version": 1})


def test_an_older_summary_is_resummarized_with_its_corpus(run_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    new = json.loads((copy / "summary.json").read_text())
    old = {
        "schema_version": 1,
        "corpus": new["corpus"],
        "metric": "aeb",
        "seed": 0,
        "results": [
            {k: r[k] for k in ("extractor", "n_pages", "failures", "empty", "metrics")}
            for r in new["results"]
        ],
    }
    (copy / "summary.json").write_text(json.dumps(old))
    run = load_run(copy)
    assert any("older boilerbench" in note for note in run.notes)
    assert run.summary.to_json()["results"] == new["results"]
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["corpus"]["location"] = str(tmp_path / "gone")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(SchemaError, match=r"needs its corpus.*--corpus"):
        load_run(copy)


def test_summarize_is_the_function_the_runner_calls(run_dir: Path) -> None:
    store = RunStore(run_dir)
    manifest = store.manifest()
    again = summarize(
        store.results(),
        open_corpus(manifest["corpus"]["location"]),
        manifest["extractors"],
        manifest["metrics"],
        manifest["seed"],
        checksum=manifest["corpus"]["checksum"],
    )
    assert again.to_json() == json.loads((run_dir / "summary.json").read_text())

"""``boilerbench run`` end to end through the real CLI: store layout, failures, resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import hold_folder, kill_when, lines_in, plugins_env, run_cli, start_cli

from bench.store import RunStore
from bench.summary_records import SUMMARY_SCHEMA

SUMMARY_KEYS = {
    "f1",
    "precision",
    "recall",
    "accuracy",
    "f1_std",
    "precision_std",
    "recall_std",
    "accuracy_std",
}


def test_default_extractors_on_the_seed_page(cli, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli("run", "--corpus", "seeds", "--out", str(out))
    assert "trafilatura" in done.stdout and "F1" in done.stdout
    manifest = json.loads((out / "manifest.json").read_text())
    for key in (
        "schema_version",
        "argv",
        "tool_version",
        "libraries",
        "machine",
        "git_sha",
        "corpus",
        "seed",
        "extractors",
    ):
        assert key in manifest
    assert len(manifest["corpus"]["checksum"]) == 64
    assert manifest["libraries"]["trafilatura"]
    assert [e["name"] for e in manifest["extractors"]] == [
        "trafilatura",
        "readability",
        "justext",
        "everything",
        "nothing",
    ]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["schema_version"] == SUMMARY_SCHEMA
    rows = {r["extractor"]: r for r in summary["results"]}
    for row in rows.values():
        assert set(row["metrics"]) >= SUMMARY_KEYS
        assert {"corpus", "version", "n_pages", "failures", "pages_per_s"} <= set(row)
    assert rows["nothing"]["metrics"]["f1"] == 0.0 and rows["nothing"]["empty"] == 1
    assert rows["trafilatura"]["metrics"]["f1"] > rows["everything"]["metrics"]["f1"]
    # the seed's defects: `everything` keeps every noise block and the title three times
    assert set(rows["everything"]["metrics"]["noise_leak"].values()) == {1.0}
    assert rows["everything"]["metrics"]["title_repeats"] == 3.0
    assert rows["trafilatura"]["metrics"]["noise_leak"]["cookie-consent"] == 0.0
    assert rows["trafilatura"]["breakdowns"]["language"]["en"]["n_pages"] == 1
    lines = (out / "results.jsonl").read_text().splitlines()
    assert len(lines) == 5
    first = json.loads(lines[0])
    for key in (
        "page",
        "extractor",
        "seconds",
        "output_chars",
        "output_sha256",
        "error",
        "scores",
        "encoding",
        "encoding_source",
    ):
        assert key in first
    texts = RunStore(out).outputs("trafilatura")
    assert "Africa Corps" in texts["000_ffe9e71a67f59030"]
    again = cli("report", str(out))
    assert "trafilatura" in again.stdout and "failures" in again.stdout


def test_failures_are_recorded_and_the_run_goes_on(cli, tmp_path: Path) -> None:
    out = tmp_path / "faults"
    extractors = [
        "faulty_extractors:raises",
        "faulty_extractors:hangs",
        "faulty_extractors:dies",
        "faulty_extractors:goes_online",
        "faulty_extractors:prints",
        "nothing",
    ]
    done = cli(
        "run",
        "--corpus",
        "seeds",
        "--out",
        str(out),
        "--timeout",
        "2",
        "--json",
        *[arg for name in extractors for arg in ("-e", name)],
        check=False,
    )
    assert done.returncode == 3, done.stderr  # extractors failed every page: said, exit 3
    assert "faulty_extractors:hangs failed 1 of 1 pages" in done.stderr
    summary = json.loads(done.stdout)  # an extractor printing must not corrupt the JSON
    rows = {r["extractor"]: r for r in summary["results"]}
    assert rows["faulty_extractors:raises"]["failure_kinds"] == {"exception": 1}
    assert rows["faulty_extractors:hangs"]["failure_kinds"] == {"timeout": 1}
    assert rows["faulty_extractors:dies"]["failure_kinds"] == {"crashed": 1}
    online = rows["faulty_extractors:goes_online"]
    assert online["network_attempts"] >= 1 and online["failures"] == 0
    assert rows["faulty_extractors:prints"]["failures"] == 0
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    errors = {r["extractor"]: r["error"] for r in results}
    assert errors["faulty_extractors:raises"] == (
        "exception: ValueError: this extractor always fails"
    )
    assert errors["faulty_extractors:hangs"].startswith("timeout")


def test_bad_extractor_and_existing_out_are_clear_errors(cli, tmp_path: Path) -> None:
    done = cli(
        "run", "--corpus", "seeds", "--out", str(tmp_path / "x"), "-e", "trafilatra", check=False
    )
    assert done.returncode == 2
    assert "did you mean 'trafilatura'" in done.stderr and "Traceback" not in done.stderr
    cli("run", "--corpus", "seeds", "--out", str(tmp_path / "y"), "-e", "nothing")
    again = cli(
        "run", "--corpus", "seeds", "--out", str(tmp_path / "y"), "-e", "nothing", check=False
    )
    assert again.returncode == 2 and "--resume" in again.stderr
    broken = cli("run", "--out", str(tmp_path / "z"), "-e", "broken_plugin:extract", check=False)
    assert broken.returncode == 2 and "boilerbench_missing_dependency" in broken.stderr


# readability-lxml and, held open by tests/plugins (html-text's visible text), the `everything`
# of this test: without the output cache, so the killed run extracts for real.
KILL_RUN_EXTRACTORS = "readability,held_extractor:visible_text"


def _kill_run_args(aeb_dir: Path, out: Path) -> list[str]:
    return ["run", "--corpus", str(aeb_dir), "-e", KILL_RUN_EXTRACTORS, "--out", str(out)]


@pytest.mark.integration
@pytest.mark.public_data
@pytest.mark.parametrize("kill_at_line", [1, 120, 300])
def test_kill_9_then_resume_equals_an_uninterrupted_run(
    cli, aeb_dir: Path, tmp_path: Path, kill_at_line: int, reference_run
) -> None:
    out = tmp_path / "killed"
    results = out / "results.jsonl"
    args = [*_kill_run_args(aeb_dir, out), "--no-cache", "--jobs", "2", "--timeout", "600"]
    # one page is held until the kill: the run cannot finish before line `kill_at_line`
    proc = start_cli(*args, env=plugins_env(hold_folder(tmp_path / "hold")))
    kill_when(proc, lambda: lines_in(results) >= kill_at_line, f"line {kill_at_line}")
    done_before = lines_in(results)
    assert kill_at_line <= done_before < 362, "kill the run while it is working"
    with results.open("a") as handle:  # a torn last line, as a crash leaves
        handle.write('{"schema_version": 1, "page": "torn')
    resumed = json.loads(cli(*args, "--resume", "--json").stdout)
    lines = results.read_text().splitlines()
    assert len(lines) == 362 and all(json.loads(line) for line in lines)
    for got, want in zip(resumed["results"], reference_run["results"], strict=True):
        assert got["metrics"] == want["metrics"]
        assert got["n_pages"] == want["n_pages"] == 181


@pytest.fixture(scope="module")
def reference_run(aeb_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("reference") / "run"
    return json.loads(run_cli(*_kill_run_args(aeb_dir, out), "--json").stdout)

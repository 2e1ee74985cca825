"""``--executor dask``: the same run on a Dask distributed cluster (a ``LocalCluster`` of two
worker processes started here) gives the summary of a local run, faults included, and a
run killed with ``kill -9`` finishes with ``--resume`` on the cluster."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PLUGINS, kill_when, lines_in, plugins_env, run_cli, start_cli

from corpora import native

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.integration

PAGES = 24
FAULT_PAGES = {3: "hang", 5: "segfault", 8: "exit", 11: "raise", 14: "leak", 17: "socket"}
EXTRACTORS = "faulty_extractors:moody,everything,nothing"
COMPARED = (
    "metrics",
    "n_pages",
    "failures",
    "failure_kinds",
    "empty",
    "network_attempts",
    "output_chars_median",
    "duplicate_outputs",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = []
    for i in range(PAGES):
        fault = f' data-fault="{FAULT_PAGES[i]}"' if i in FAULT_PAGES else ""
        text = f"Report {i}: the harbour crane was repaired and lifts again from Tuesday."
        html = f"<html><body{fault}><nav>Home · Port</nav><p>{text}</p></body></html>"
        pages.append(native.PageToWrite(f"page-{i:02d}", html.encode(), {"text": text}))
    return native.write(tmp_path_factory.mktemp("dask") / "corpus", "harbour", pages)


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two worker processes of one thread; the plugins folder on their PYTHONPATH."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (before, str(PLUGINS)) if p)
    try:
        with distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            memory_limit="2GiB",
        ) as cluster:
            yield cluster.scheduler_address
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def _args(corpus: Path, out: Path) -> list[str]:
    return [
        "run",
        "--corpus",
        str(corpus),
        "-e",
        EXTRACTORS,
        "--out",
        str(out),
        "--timeout",
        "2",
        "--max-memory",
        "300",
    ]


@pytest.fixture(scope="module")
def local_summary(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("local") / "run"
    return json.loads(run_cli(*_args(corpus, out), "--json").stdout)


def _assert_equal(got: dict, want: dict) -> None:
    assert [r["extractor"] for r in got["results"]] == [r["extractor"] for r in want["results"]]
    for got_row, want_row in zip(got["results"], want["results"], strict=True):
        for key in COMPARED:
            assert got_row[key] == want_row[key], (got_row["extractor"], key)


def test_dask_run_equals_the_local_run(corpus, scheduler, local_summary, tmp_path) -> None:
    out = tmp_path / "dask"
    dask_args = ["--executor", "dask", "--scheduler", scheduler, "--batch-size", "10"]
    done = run_cli(*_args(corpus, out), *dask_args, "--json")
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout)
    _assert_equal(summary, local_summary)
    moody = summary["results"][0]
    assert moody["failure_kinds"] == {
        "crashed": 1,
        "exception": 2,
        "memory": 1,
        "network": 1,
        "timeout": 1,
    }
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    assert len(records) == PAGES * 3 == len({(r["page"], r["extractor"]) for r in records})
    errors = {r["page"]: r["error"] for r in records if r["extractor"] == "faulty_extractors:moody"}
    assert errors["page-03"] == "timeout: no result after 2 s"
    assert errors["page-05"].startswith("crashed: worker killed by SIGSEGV")
    assert errors["page-14"].startswith("memory: MemoryError, over the worker's limit of 300 MB")
    settings = json.loads((out / "manifest.json").read_text())["settings"]
    assert settings["executor"] == "dask" and settings["scheduler"] == scheduler


def test_kill_9_of_a_dask_run_then_resume_on_the_cluster(
    corpus, scheduler, local_summary, tmp_path
) -> None:
    out = tmp_path / "killed"
    results = out / "results.jsonl"
    dask_args = ["--executor", "dask", "--scheduler", scheduler, "--batch-size", "3", "--no-cache"]
    # Without the cache every page is extracted, and page-03 hangs until its 2 s timeout: the
    # run needs 2 s more than its other pages, ample for a 5 ms poll to see line 12 (a page of
    # tests/plugins/held_extractor.py would be cut by the same 2 s --timeout).
    proc = start_cli(*_args(corpus, out), *dask_args, env=plugins_env())
    kill_when(proc, lambda: lines_in(results) >= 12, "line 12")
    assert 12 <= lines_in(results) < PAGES * 3
    with results.open("a") as handle:
        handle.write('{"schema_version": 1, "page": "page-1')
    resumed = run_cli(*_args(corpus, out), *dask_args, "--resume", "--json")
    _assert_equal(json.loads(resumed.stdout), local_summary)
    lines = results.read_text().splitlines()
    assert len(lines) == PAGES * 3 and all(json.loads(line) for line in lines)

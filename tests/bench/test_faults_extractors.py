"""Extractors that misbehave lose only their own page, with the reason recorded, and the run
finishes: hang, segfault, unbounded memory leak, sys.exit, os._exit, stdout noise, sockets.
The faults are small extractors of ours (tests/plugins/faulty_extractors.py), run through
the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from corpora import native

PAGES = 3

# extractor → (failure kind of every page, start of the recorded reason)
FAULTS = {
    "faulty_extractors:hangs": ("timeout", "timeout: no result after 1.5 s"),
    "faulty_extractors:segfaults": ("crashed", "crashed: worker killed by SIGSEGV"),
    "faulty_extractors:dies": ("crashed", "crashed: worker exited with code 3"),
    "faulty_extractors:leaks": (
        "memory",
        "memory: MemoryError, over the worker's limit of 200 MB (--max-memory)",
    ),
    "faulty_extractors:exits": (
        "exception",
        "exception: SystemExit: the extractor called sys.exit(3)",
    ),
    "faulty_extractors:raises": (
        "exception",
        "exception: ValueError: this extractor always fails",
    ),
    "faulty_extractors:opens_socket": (
        "network",
        "network: network access is blocked during extraction",
    ),
}
# well-behaved extractors run in the same single worker, after and between the faults
HEALTHY = ("faulty_extractors:prints_everywhere", "faulty_extractors:needs_32mb", "nothing")


def small_corpus(root: Path, pages: int) -> Path:
    """A native corpus of our own tiny pages whose gold is the first paragraph."""
    native.write(
        root,
        "faults",
        [
            native.PageToWrite(
                f"p{i:02d}",
                f"<html><body><p>Paragraph {i} of the page, the article text</p>"
                f"<div>menu links {i}</div></body></html>".encode(),
                {"text": f"Paragraph {i} of the page, the article text"},
            )
            for i in range(pages)
        ],
    )
    return root


def test_every_fault_loses_only_its_page(cli, tmp_path: Path) -> None:
    corpus = small_corpus(tmp_path / "corpus", PAGES)
    out = tmp_path / "run"
    specs = [*FAULTS, *HEALTHY]
    done = cli(
        "run",
        "--corpus",
        str(corpus),
        "--out",
        str(out),
        "--jobs",
        "1",  # one worker: it must be replaced after every fatal fault for the run to end
        "--timeout",
        "1.5",
        "--max-memory",
        "200",
        "--json",
        *[arg for spec in specs for arg in ("-e", spec)],
        timeout=300,
        check=False,
    )
    assert done.returncode == 3, done.stderr  # extractors failed every page: said, exit 3
    assert "Traceback" not in done.stderr
    summary = json.loads(done.stdout)  # printing extractors did not corrupt stdout
    rows = {row["extractor"]: row for row in summary["results"]}
    for spec, (kind, _) in FAULTS.items():
        assert rows[spec]["n_pages"] == PAGES
        assert rows[spec]["failure_kinds"] == {kind: PAGES}, spec
    assert rows["faulty_extractors:opens_socket"]["network_attempts"] == PAGES
    for spec in HEALTHY:
        assert rows[spec]["failures"] == 0, rows[spec]
    # a healthy extractor still scores perfectly next to the faults
    assert rows["faulty_extractors:needs_32mb"]["metrics"]["f1"] == 1.0
    assert rows["faulty_extractors:prints_everywhere"]["metrics"]["f1"] == 1.0

    lines = (out / "results.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == PAGES * len(specs)
    assert len({(r["page"], r["extractor"]) for r in records}) == len(records)
    for record in records:
        if record["extractor"] in FAULTS:
            assert record["error"].startswith(FAULTS[record["extractor"]][1]), record
        else:
            assert record["error"] is None, record
    settings = json.loads((out / "manifest.json").read_text())["settings"]
    assert settings["max_memory_mb"] == 200 and settings["executor"] == "local"


def test_memory_limit_is_what_a_worker_may_add_to_its_start_up_size(tmp_path: Path) -> None:
    """In a fresh process: 64 MB more fits under a 128 MB limit, 256 MB more does not."""
    script = (
        "from bench import sandbox\n"
        "assert sandbox.limit_memory(128)\n"
        "kept = bytearray(64 << 20)\n"
        "try:\n"
        "    bytearray(256 << 20)\n"
        "except MemoryError:\n"
        "    print('MemoryError')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "MemoryError"

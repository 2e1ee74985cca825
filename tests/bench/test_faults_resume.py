"""Nothing lost, nothing counted twice: ``kill -9`` of the whole run at any moment (torn last
lines in ``results.jsonl`` and in the outputs), or a write that fails because the disk is
full, then ``--resume``, gives the summary of an uninterrupted run."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import hold_folder, kill_when, lines_in, plugins_env, run_cli, start_cli

from bench.store import RunStore, output_file_name
from corpora import native

pytestmark = pytest.mark.integration

PAGES = 40
# a slow extractor (20 ms a page) and html-text's visible text, which a kill test holds open
EXTRACTORS = ("faulty_extractors:sleepy", "held_extractor:visible_text")
COMPARED = (
    "metrics",
    "n_pages",
    "failures",
    "failure_kinds",
    "empty",
    "output_chars_median",
    "duplicate_outputs",
)


def _corpus(root: Path) -> Path:
    native.write(
        root,
        "resume",
        [
            native.PageToWrite(
                f"page-{i:03d}",
                f"<html><body><nav>Home · News · Contact</nav><p>Article {i}: the river "
                f"ferry runs {i} times a day in winter.</p><footer>© 2024</footer></body>"
                "</html>".encode(),
                {"text": f"Article {i}: the river ferry runs {i} times a day in winter."},
            )
            for i in range(PAGES)
        ],
    )
    return root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("resume") / "corpus")


def _args(corpus: Path, out: Path) -> list[str]:
    extractors = ",".join(EXTRACTORS)
    return ["run", "--corpus", str(corpus), "-e", extractors, "--out", str(out), "--no-cache"]


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("reference") / "run"
    return json.loads(run_cli(*_args(corpus, out), "--json").stdout), out


def _assert_same_run(summary: dict, out: Path, reference: tuple[dict, Path]) -> None:
    want, want_out = reference
    for got_row, want_row in zip(summary["results"], want["results"], strict=True):
        for key in COMPARED:
            assert got_row[key] == want_row[key], key
    lines = (out / "results.jsonl").read_text().splitlines()
    records = [json.loads(line) for line in lines]  # every line is whole JSON
    assert len(records) == PAGES * len(EXTRACTORS)
    assert len({(r["page"], r["extractor"]) for r in records}) == len(records)
    for name in EXTRACTORS:
        assert RunStore(out).outputs(name) == RunStore(want_out).outputs(name)


@pytest.mark.parametrize("kill_after_lines", [0, 5, 60])
def test_kill_9_at_any_moment_then_resume(
    corpus: Path, reference: tuple[dict, Path], tmp_path: Path, kill_after_lines: int
) -> None:
    out = tmp_path / "killed"
    results = out / "results.jsonl"
    # one page is held until the kill: the run cannot finish before it is killed
    held = plugins_env(hold_folder(tmp_path / "hold"))
    proc = start_cli(*_args(corpus, out), "--jobs", "2", env=held)
    if kill_after_lines == 0:  # as early as the run folder appears: maybe before its manifest
        kill_when(proc, out.exists, "the run folder")
    else:
        kill_when(proc, lambda: lines_in(results) >= kill_after_lines, f"line {kill_after_lines}")
    done_before = lines_in(results)
    assert kill_after_lines <= done_before < PAGES * len(EXTRACTORS)
    if results.exists():  # torn last lines, as a kill during a write leaves them
        with results.open("a") as handle:
            handle.write('{"schema_version": 1, "page": "page-0')
        outputs = out / "outputs" / output_file_name(EXTRACTORS[0])
        with outputs.open("a") as handle:
            handle.write('{"page": "page-007", "text": "Artic')
    resumed = run_cli(*_args(corpus, out), "--resume", "--json")
    assert "Traceback" not in resumed.stderr
    _assert_same_run(json.loads(resumed.stdout), out, reference)


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_disk_full_mid_run_is_a_clear_error_and_resume_finishes(
    corpus: Path, reference: tuple[dict, Path], tmp_path: Path
) -> None:
    """The disk filling up is simulated with ``RLIMIT_FSIZE`` on the CLI process (no root
    needed): the next write fails with EFBIG exactly as it would with ENOSPC."""
    out = tmp_path / "full"
    exe = Path(sys.executable).with_name("boilerbench")
    done = subprocess.run(
        [str(exe), *_args(corpus, out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=plugins_env(),
        preexec_fn=lambda: _limit_file_size(12_000),
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"error: writing to {out} failed after" in done.stderr
    assert "File too large" in done.stderr and "--resume" in done.stderr
    assert 0 < len((out / "results.jsonl").read_bytes()) <= 12_000
    resumed = run_cli(*_args(corpus, out), "--resume", "--json")
    _assert_same_run(json.loads(resumed.stdout), out, reference)

"""Quiet runs: what an extractor writes to stderr on a page (a traceback readability-lxml
prints, warnings, log records, C-level writes) is kept in that page's ``log`` and shown by
``report --failures`` and the HTML page view; none of it reaches the terminal."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import PLUGINS

from bench import sandbox
from bench.executors.isolated import PageRun, PageServer, ServerConfig
from corpora import native
from corpora.page import Gold, Page
from extractors.spec import parse_spec

N_PAGES = 4
NOISY = ("writes_stderr", "floods", "warns_once", "fails_loudly")
# what the noisy extractors write; none of it may reach the run's own stderr
LEAKS = ("fd-2 line", "sys.stderr line", "warning about", "log record", "flood line",
         "deprecated", "Traceback", "error getting summary")  # fmt: skip


def _paragraph(i: int) -> str:
    return f"Paragraph {i} of the harbour story, the article text"


def _corpus(root: Path, extra: dict[str, bytes] | None = None) -> Path:
    pages = [
        native.PageToWrite(
            f"p{i}",
            f"<html><body><nav>Home</nav><p>{_paragraph(i)}</p></body></html>".encode(),
            {"text": _paragraph(i)},
        )
        for i in range(N_PAGES)
    ]
    for page_id, html in (extra or {}).items():
        pages.append(native.PageToWrite(page_id, html, {"text": "Some gold text."}))
    return native.write(root, "quiet", pages)


def _records(out: Path) -> dict[tuple[str, str], dict[str, Any]]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {(r["extractor"], r["page"]): r for r in map(json.loads, lines)}


def test_a_readability_traceback_goes_to_the_page_log(cli, tmp_path: Path) -> None:
    """readability-lxml logs a 15-line traceback (``logger.exception``) on a page without
    elements, here a lone comment; it used to be printed in the middle of the run."""
    pytest.importorskip("readability")
    corpus = _corpus(tmp_path / "corpus", {"comment-only": b"<!-- nothing but a comment -->"})
    out = tmp_path / "run"
    args = ("run", "--corpus", str(corpus), "-e", "readability", "--out", str(out))
    done = cli(*args, "--no-cache", "--no-progress")
    for leak in LEAKS:
        assert leak not in done.stderr, done.stderr
    records = _records(out)
    failed = records[("readability", "comment-only")]
    assert failed["error"] == "exception: Unparseable: Document is empty"
    assert "error getting summary" in failed["log"] and "Traceback" in failed["log"]
    assert "lxml.etree.ParserError: Document is empty" in failed["log"]
    assert all(r["log"] is None for key, r in records.items() if key[1] != "comment-only")
    listing = cli("report", str(out), "--failures").stdout
    assert "readability: 1 of 5 pages failed" in listing
    assert "  comment-only: exception: Unparseable: Document is empty" in listing
    assert "    | Traceback (most recent call last):" in listing


@pytest.mark.parametrize("jobs", ["1", "2"])  # the parent scores (1 job) or the workers do
def test_every_way_to_stderr_lands_in_its_pages_log(cli, tmp_path: Path, jobs: str) -> None:
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "run"
    specs = [f"noisy_extractors:{name}" for name in NOISY]
    done = cli(
        "run", "--corpus", str(corpus), "-e", ",".join(specs), "--out", str(out),
        "--jobs", jobs, "--no-progress", check=False,
    )  # fmt: skip
    assert done.returncode == 3  # fails_loudly fails every page: said, and exit 3
    for leak in LEAKS:
        assert leak not in done.stderr, done.stderr
    records = _records(out)
    assert len(records) == N_PAGES * len(NOISY)
    for i in range(N_PAGES):
        log = records[("noisy_extractors:writes_stderr", f"p{i}")]["log"]
        tag = _paragraph(i)
        for line in ("fd-2 line", "sys.stderr line"):
            assert f"{line}: {tag}" in log, log
        assert f"UserWarning: warning about {tag}" in log, log
        assert f"WARNING noisy_library: log record about {tag}" in log, log
        for other in range(N_PAGES):
            assert other == i or f"Paragraph {other} " not in log  # only this page's lines

        flood = records[("noisy_extractors:floods", f"p{i}")]["log"]
        first, rest = flood.split("\n", 1)
        cut = int(first.split()[1].replace(",", ""))  # "[boilerbench: 27,904 earlier bytes cut]"
        assert first.endswith(" earlier bytes cut]")
        # 2000 lines of 16 bytes (twice on a worker's first page: its warm-up call floods too)
        assert cut in (2000 * 16 - sandbox.LOG_LIMIT, 2 * 2000 * 16 + 76 - sandbox.LOG_LIMIT)
        assert len(rest.encode()) == sandbox.LOG_LIMIT and rest.endswith("flood line 1999\n")

        failed = records[("noisy_extractors:fails_loudly", f"p{i}")]
        assert failed["error"] == "exception: ValueError: cannot parse this page"
        assert "ERROR noisy_library: error getting summary" in failed["log"]
        assert "KeyError: 'missing key'" in failed["log"]

    # Python shows this warning once per process: on each worker's warm-up call, kept with
    # the first page the worker ran, and said to come from the warm-up
    warned = [r["log"] for (name, _), r in records.items() if name == "noisy_extractors:warns_once"]
    shown = [log for log in warned if log is not None]
    assert 1 <= len(shown) <= int(jobs)
    for log in shown:
        assert "UserWarning: this option is deprecated" in log
        assert log.endswith("[boilerbench: the lines above came from the warm-up call, before "
                            "this page]\n")  # fmt: skip

    listing = cli("report", str(out), "--failures").stdout
    assert f"noisy_extractors:fails_loudly: {N_PAGES} of {N_PAGES} pages failed" in listing
    assert "    | KeyError: 'missing key'" in listing
    assert "noisy_extractors:writes_stderr 4" in listing  # logged without failing: counted
    if jobs == "1":
        html = tmp_path / "report.html"
        cli("report", str(out), "-f", "html", "-o", str(html))
        assert "fd-2 line: Paragraph 0 of the harbour story" in html.read_text(encoding="utf-8")


def test_a_crashed_workers_last_words_are_the_pages_log(cli, tmp_path: Path) -> None:
    """A worker killed mid-page cannot return its log: the parent reads the worker's capture
    file instead (here Python's fault handler report of a segfault)."""
    corpus = _corpus(tmp_path / "corpus")
    out = tmp_path / "run"
    spec = "noisy_extractors:crashes_loudly"
    args = ("run", "--corpus", str(corpus), "-e", spec, "--out", str(out), "--no-progress")
    done = cli(*args, check=False)
    assert done.returncode == 3  # every page crashed
    assert "Fatal Python error" not in done.stderr and "address 0" not in done.stderr
    for record in _records(out).values():
        assert record["error"].startswith("crashed: worker killed by SIGSEGV"), record
        log = record["log"]
        assert log.startswith("about to read address 0\nFatal Python error: Segmentation fault")
        assert "in crashes_loudly" in log, log  # the fault handler's traceback


def test_the_page_server_records_the_log(tmp_path: Path, capfd: pytest.CaptureFixture) -> None:
    """The isolated executor (a child process running the pages for Dask) keeps the log and
    prints nothing of it either."""
    html = tmp_path / "p0.html"
    html.write_text(f"<html><body><p>{_paragraph(0)}</p></body></html>", encoding="utf-8")
    page = Page("p0", html, Gold(text=_paragraph(0)))
    spec = parse_spec(f"{PLUGINS / 'noisy_extractors.py'}:writes_stderr")
    server = PageServer(ServerConfig(("aeb",), (spec,), None))
    try:
        ((result, text),) = server.run_batch([PageRun(page, html.read_bytes(), spec)], 60)
    finally:
        server.close()
    assert text == _paragraph(0) and result.error is None
    assert f"fd-2 line: {_paragraph(0)}" in result.log
    assert f"log record about {_paragraph(0)}" in result.log
    assert "fd-2 line" not in capfd.readouterr().err


def test_capture_keeps_what_a_call_wrote_and_nothing_else(capfd: pytest.CaptureFixture) -> None:
    capture = sandbox.StderrCapture()
    try:
        print("before", file=sys.stderr)
        capture.start()
        os.write(2, b"from C\n")
        sys.stderr.write("from Python, unflushed")
        first = capture.stop()
        print("between", file=sys.stderr)
        capture.start()
        second = capture.stop()
        capture.start()
        os.write(2, "é".encode() * 3000)
        third = capture.stop()
    finally:
        capture.close()
    assert first == "from C\nfrom Python, unflushed"
    assert second is None
    assert third == f"[boilerbench: {6000 - sandbox.LOG_LIMIT:,} earlier bytes cut]\n" + "é" * 2048
    assert capfd.readouterr().err == "before\nbetween\n"

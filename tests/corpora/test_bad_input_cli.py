"""Bad input through the real CLI, as a table: every kind either stops with a clear one-line
error that names the file or page (exit 2, no traceback), or, for a page inside a run, is a
recorded result of that page while the run finishes.

The error cases run concurrently (each is a separate ``boilerbench`` process); the page
cases share one run over a corpus of bad pages.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import os
import random
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from bench.store import RunStore

RU = (
    "Городской совет утвердил новый план развития набережной. Работы начнутся весной и "
    "продлятся два года. Жители смогут высказать мнение на публичных слушаниях в марте."
)
JA = (
    "市議会は川沿いの新しい公園の計画を承認しました。工事は春に始まり、二年間続きます。"
    "住民は三月の公聴会で意見を述べることができます。"
)
EN = "The ferry timetable changes on Monday because the river is low after a dry summer."


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body><p>{body}</p></body></html>"


def _html(text: str) -> bytes:
    return _page(text).encode()


# ---------------------------------------------------------------------------------------
# Bad pages inside a run: (page id, what is wrong, bytes or None for "no file", gold record
# fields, what the page's results must show)


@dataclass(frozen=True)
class BadPage:
    id: str
    what: str
    data: bytes | None
    record: dict[str, Any]
    check: Callable[[dict[str, dict[str, Any]], Path], None]
    gzip_cut: bool = False


def _input_failure(needle: str) -> Callable[[dict[str, dict[str, Any]], Path], None]:
    def check(results: dict[str, dict[str, Any]], corpus: Path) -> None:
        for record in results.values():
            assert record["error"].startswith("input: page "), record
            assert needle.format(corpus=corpus) in record["error"], record

    return check


def _decoded(encoding: str, source: str) -> Callable[[dict[str, dict[str, Any]], Path], None]:
    def check(results: dict[str, dict[str, Any]], corpus: Path) -> None:
        for record in results.values():
            assert record["error"] is None, record
            assert (record["encoding"], record["encoding_source"]) == (encoding, source)
            assert record["scores"]["aeb"]["exact"] == 1.0, record  # decoded text is the gold

    return check


def _recorded(results: dict[str, dict[str, Any]], corpus: Path) -> None:
    """Processed: an output or a recorded reason, for every extractor."""
    for record in results.values():
        assert record["error"] is None or record["error"].split(":")[0] in {
            "exception",
            "timeout",
            "crashed",
            "memory",
        }, record


def _huge(results: dict[str, dict[str, Any]], corpus: Path) -> None:
    assert results["faulty_extractors:first_paragraph"]["scores"]["aeb"]["exact"] == 1.0
    everything = results["everything"]  # html-text needs ~14 s for 50 MB: over --timeout
    assert everything["error"] is None or everything["error"].startswith("timeout: "), everything


def _no_gold(results: dict[str, dict[str, Any]], corpus: Path) -> None:
    for record in results.values():
        assert record["error"] is None and record["scores"] == {}, record


def _deep(results: dict[str, dict[str, Any]], corpus: Path) -> None:
    _recorded(results, corpus)
    assert results["faulty_extractors:first_paragraph"]["scores"]["aeb"]["exact"] == 1.0


BIG = "<html><body><p>" + EN + "</p>\n" + "<div>Lorem ipsum dolor sit amet.</div>\n" * 1_600_000
DEEP = "<html><body>" + "<div>" * 100_000 + "<p>" + EN + "</p>" + "</div>" * 100_000

BAD_PAGES = [
    BadPage("empty", "empty file", b"", {"text": EN}, _input_failure("is empty (0 bytes)")),
    BadPage(
        "garbage",
        "binary garbage",
        random.Random(7).randbytes(30_000),
        {"text": EN},
        _recorded,
    ),
    BadPage("huge", "50 MB page", (BIG + "</body></html>").encode(), {"text": EN}, _huge),
    BadPage(
        "deep", "100,000-deep nesting", (DEEP + "</body></html>").encode(), {"text": EN}, _deep
    ),
    BadPage(
        "cp1251",
        "cp1251, no charset anywhere",
        _page(RU).encode("cp1251"),
        {"text": RU},
        _decoded("cp1251", "detected"),
    ),
    BadPage(
        "cp1251-wrong",
        "cp1251 declared as utf-8 by the corpus",
        _page(RU, '<meta charset="windows-1251">').encode("cp1251"),
        {"text": RU, "charset": "utf-8"},
        _decoded("cp1251", "meta"),
    ),
    BadPage(
        "sjis",
        "Shift-JIS, no charset anywhere",
        _page(JA).encode("shift_jis"),
        {"text": JA},
        _decoded("cp932", "detected"),
    ),
    BadPage(
        "sjis-meta",
        "Shift-JIS declared in http-equiv",
        _page(JA, '<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">').encode(
            "shift_jis"
        ),
        {"text": JA},
        _decoded("shift_jis", "meta"),
    ),
    BadPage(
        "utf16",
        "UTF-16 with BOM",
        codecs.BOM_UTF16_LE + _page(JA).encode("utf-16-le"),
        {"text": JA},
        _decoded("utf-16", "bom"),
    ),
    BadPage(
        "nul-bytes",
        "NUL bytes and invalid UTF-8 in a UTF-8 page",
        _html(EN)[:40] + b"\x00\x00\xff\xfe" + _html(EN)[40:],
        {"text": EN},
        _recorded,
    ),
    BadPage(
        "truncated",
        "truncated gzip",
        gzip.compress(_html(EN) * 50, mtime=0),
        {"text": EN},
        _input_failure("Compressed file ended before"),
        gzip_cut=True,
    ),
    BadPage(
        "gone",
        "gold without page (no HTML file)",
        None,
        {"text": EN},
        _input_failure("{corpus}/pages/gone.html does not exist"),
    ),
    BadPage("no-gold", "page without gold (text: null)", _html(EN), {"text": None}, _no_gold),
]


def _bad_corpus(root: Path) -> Path:
    (root / "pages").mkdir(parents=True)
    records = []
    for bad in BAD_PAGES:
        suffix = ".html.gz" if bad.gzip_cut else ".html"
        rel = f"pages/{bad.id}{suffix}"
        if bad.data is not None:
            data = bad.data[: len(bad.data) // 2] if bad.gzip_cut else bad.data
            (root / rel).write_bytes(data)
        records.append({"id": bad.id, "html": rel, **bad.record})
    (root / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    return root


# ---------------------------------------------------------------------------------------
# Bad input that stops a command: (name, what is wrong, set-up returning the CLI arguments
# and the texts the error must contain)

Setup = Callable[[Path], tuple[list[str], list[str]]]


def _native(root: Path, lines: list[str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "gold.jsonl").write_text("".join(line + "\n" for line in lines))
    return root


def _ok_native(root: Path) -> Path:
    _native(root, [json.dumps({"id": "a", "text": EN})])
    (root / "pages").mkdir()
    (root / "pages" / "a.html").write_bytes(_html(EN))
    return root


def _aeb(root: Path, truth: Any, pages: list[str]) -> Path:
    (root / "html").mkdir(parents=True)
    text = truth if isinstance(truth, str) else json.dumps(truth)
    (root / "ground-truth.json").write_text(text)
    for page in pages:
        (root / "html" / f"{page}.html.gz").write_bytes(gzip.compress(_html(EN)))
    return root


def gold_bad_syntax(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _native(tmp / "c", [json.dumps({"id": "a", "text": EN}), '{"id": "b", '])
    return ["run", "--corpus", str(corpus)], [f"{corpus}/gold.jsonl:2: invalid JSON"]


def gold_missing_field(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _native(tmp / "c", [json.dumps({"id": "a"})])
    return ["run", "--corpus", str(corpus)], [
        f"{corpus}/gold.jsonl:1 (page 'a'): missing field 'text'"
    ]


def gold_duplicate_ids(tmp: Path) -> tuple[list[str], list[str]]:
    line = json.dumps({"id": "a", "text": EN})
    corpus = _native(tmp / "c", [line, line])
    return ["run", "--corpus", str(corpus)], [
        f"{corpus}/gold.jsonl: page id 'a' appears more than once"
    ]


def gold_empty_file(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _native(tmp / "c", [])
    return ["run", "--corpus", str(corpus)], [f"({corpus}) has no pages to run"]


def aeb_page_without_gold(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _aeb(tmp / "c", {"a": {"articleBody": EN}}, ["a", "orphan"])
    return ["run", "--corpus", str(corpus)], [
        f"{corpus}/html: pages without gold in ground-truth.json: orphan.html.gz"
    ]


def aeb_gold_without_page(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _aeb(tmp / "c", {"a": {"articleBody": EN}, "lost": {"articleBody": EN}}, ["a"])
    return ["run", "--corpus", str(corpus)], ["page 'lost' has no HTML file", "lost.html.gz"]


def aeb_gold_bad_syntax(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _aeb(tmp / "c", '{"a": {"articleBody": ', ["a"])
    return ["run", "--corpus", str(corpus)], [f"{corpus}/ground-truth.json: invalid JSON"]


def corpus_missing(tmp: Path) -> tuple[list[str], list[str]]:
    return ["run", "--corpus", f"native:{tmp}/nowhere"], [f"{tmp}/nowhere does not exist"]


def _predictions(tmp: Path, data: bytes) -> tuple[Path, Path]:
    corpus = _ok_native(tmp / "c")
    path = tmp / "predictions.json"
    path.write_bytes(data)
    return corpus, path


def predictions_wrong_ids(tmp: Path) -> tuple[list[str], list[str]]:
    corpus, path = _predictions(tmp, json.dumps({"zzz": EN}).encode())
    return ["score", "--corpus", str(corpus), str(path)], [
        f"{path} does not match the corpus",
        "missing 1 corpus page(s): a",
        "1 id(s) not in the corpus: zzz",
    ]


def predictions_binary_garbage(tmp: Path) -> tuple[list[str], list[str]]:
    corpus, path = _predictions(tmp, random.Random(3).randbytes(5000))
    return ["score", "--corpus", str(corpus), str(path)], [f"{path}: not UTF-8 text"]


def extractor_unknown(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    return ["run", "--corpus", str(corpus), "--out", str(tmp / "r"), "-e", "trafilatra"], [
        "unknown extractor 'trafilatra'; did you mean 'trafilatura'"
    ]


def plugin_fails_to_import(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    args = ["run", "--corpus", str(corpus), "--out", str(tmp / "r")]
    return [*args, "-e", "broken_plugin:extract"], [
        "importing 'broken_plugin' failed: it needs module 'boilerbench_missing_dependency'"
    ]


def plugin_file_missing(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    args = ["run", "--corpus", str(corpus), "--out", str(tmp / "r")]
    return [*args, "-e", f"{tmp}/nothere.py:extract"], [
        f"plugin file '{tmp}/nothere.py' does not exist"
    ]


def out_is_a_file(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    (tmp / "file").write_text("mine")
    return ["run", "--corpus", str(corpus), "--out", str(tmp / "file"), "-e", "nothing"], [
        f"--out {tmp}/file is a file"
    ]


def out_inside_a_file(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    (tmp / "file").write_text("mine")
    out = tmp / "file" / "run"
    return ["run", "--corpus", str(corpus), "--out", str(out), "-e", "nothing"], [
        f"cannot create run directory {out}",
        "Not a directory",
    ]


def report_not_a_run(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "empty").mkdir()
    return ["report", str(tmp / "empty")], [f"{tmp}/empty is not a run directory"]


def report_corrupt_manifest(tmp: Path) -> tuple[list[str], list[str]]:
    (tmp / "run").mkdir()
    (tmp / "run" / "manifest.json").write_bytes(b'{"schema_version": 1, "corp')
    return ["report", str(tmp / "run")], [f"{tmp}/run/manifest.json: invalid JSON"]


def warc_garbage(tmp: Path) -> tuple[list[str], list[str]]:
    path = tmp / "crawl.warc.gz"
    path.write_bytes(gzip.compress(random.Random(5).randbytes(4000)))
    return ["run", "--corpus", f"warc:{path}"], [f"{path}: not a readable WARC file"]


def executor_without_scheduler(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    return ["run", "--corpus", str(corpus), "--executor", "dask"], [
        "--executor dask needs --scheduler ADDRESS"
    ]


def scheduler_unreachable(tmp: Path) -> tuple[list[str], list[str]]:
    corpus = _ok_native(tmp / "c")
    args = ["run", "--corpus", str(corpus), "--out", str(tmp / "r"), "-e", "nothing"]
    return [*args, "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"], [
        "cannot reach the Dask scheduler at tcp://127.0.0.1:9"
    ]


ERRORS: dict[str, tuple[str, Setup]] = {
    "gold_bad_syntax": ("gold.jsonl with a line that is not JSON", gold_bad_syntax),
    "gold_missing_field": ("gold record without 'text'", gold_missing_field),
    "gold_duplicate_ids": ("two gold records with one id", gold_duplicate_ids),
    "gold_empty_file": ("empty gold.jsonl", gold_empty_file),
    "aeb_page_without_gold": ("AEB page without gold", aeb_page_without_gold),
    "aeb_gold_without_page": ("AEB gold without page", aeb_gold_without_page),
    "aeb_gold_bad_syntax": ("ground-truth.json not JSON", aeb_gold_bad_syntax),
    "corpus_missing": ("corpus folder that does not exist", corpus_missing),
    "predictions_wrong_ids": ("prediction file with wrong ids", predictions_wrong_ids),
    "predictions_binary_garbage": ("prediction file of binary garbage", predictions_binary_garbage),
    "extractor_unknown": ("misspelt extractor", extractor_unknown),
    "plugin_fails_to_import": ("plugin that fails to import", plugin_fails_to_import),
    "plugin_file_missing": ("plugin file that does not exist", plugin_file_missing),
    "out_is_a_file": ("--out is a file", out_is_a_file),
    "out_inside_a_file": ("--out below a file", out_inside_a_file),
    "report_not_a_run": ("report of a folder that is no run", report_not_a_run),
    "report_corrupt_manifest": ("report of a run with a torn manifest", report_corrupt_manifest),
    "warc_garbage": ("WARC file of garbage", warc_garbage),
    "executor_without_scheduler": (
        "--executor dask without --scheduler",
        executor_without_scheduler,
    ),
    "scheduler_unreachable": ("Dask scheduler that does not answer", scheduler_unreachable),
}


@contextlib.contextmanager
def _tmpfs(where: Path, options: str) -> Iterator[Path | None]:
    """A tiny tmpfs mounted at ``where`` (root only), or ``None`` where mounting is refused."""
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or shutil.which("mount") is None:
        yield None
        return
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, check=False)


@pytest.fixture(scope="module")
def bad_page_run() -> Iterator[tuple[dict[str, dict[str, dict[str, Any]]], Path, Path]]:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus = _bad_corpus(tmp / "corpus")
        out = tmp / "run"
        extractors = "faulty_extractors:first_paragraph,everything"
        done = run_cli(
            "run",
            "--corpus",
            str(corpus),
            "-e",
            extractors,
            "--out",
            str(out),
            "--timeout",
            "4",
            "--json",
        )
        assert "Traceback" not in done.stderr
        json.loads(done.stdout)  # the summary of a run with bad pages is whole
        by_page: dict[str, dict[str, dict[str, Any]]] = {}
        for result in RunStore(out).results():
            by_page.setdefault(result.page, {})[result.extractor] = {
                "error": result.error,
                "encoding": result.encoding,
                "encoding_source": result.encoding_source,
                "scores": result.scores,
            }
        yield by_page, corpus, out


@pytest.mark.parametrize("bad", BAD_PAGES, ids=[bad.id for bad in BAD_PAGES])
def test_bad_page_is_a_recorded_result(bad: BadPage, bad_page_run) -> None:
    by_page, corpus, _ = bad_page_run
    assert set(by_page[bad.id]) == {"faulty_extractors:first_paragraph", "everything"}
    bad.check(by_page[bad.id], corpus)


@pytest.fixture(scope="module")
def error_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    def one(name: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
        args, needles = ERRORS[name][1](tmp_path_factory.mktemp(name))
        return run_cli(*args, check=False, timeout=120), needles

    # a scheduler that does not answer is given up after 2 s instead of dask's 30 s
    os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"] = "2s"
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            return dict(zip(ERRORS, pool.map(one, ERRORS), strict=True))
    finally:
        del os.environ["DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"]


@pytest.mark.parametrize("name", list(ERRORS))
def test_bad_input_is_a_clear_error(name: str, error_runs) -> None:
    done, needles = error_runs[name]
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr + done.stdout
    assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1, done.stderr
    for needle in needles:
        assert needle in done.stderr


def test_resume_refuses_a_corrupt_line_in_the_middle(bad_page_run, tmp_path: Path) -> None:
    _, corpus, out = bad_page_run
    copy = tmp_path / "run"
    shutil.copytree(out, copy)
    lines = (copy / "results.jsonl").read_text().splitlines(keepends=True)
    lines[1] = lines[1][: len(lines[1]) // 2] + "\n"
    (copy / "results.jsonl").write_text("".join(lines))
    args = ["run", "--corpus", str(corpus), "--out", str(copy), "--resume"]
    done = run_cli(*args, "-e", "faulty_extractors:first_paragraph,everything", check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"error: {copy}/results.jsonl:2: corrupt line" in done.stderr


def test_read_only_output_folder(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "ro", "ro,size=64k") as mounted:
        if mounted is None:
            pytest.skip("mounting a read-only tmpfs needs root")
        corpus = _ok_native(tmp_path / "c")
        out = mounted / "run"
        done = run_cli(
            "run", "--corpus", str(corpus), "--out", str(out), "-e", "nothing", check=False
        )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert f"error: cannot create run directory {out}" in done.stderr
    assert "Read-only file system" in done.stderr


def test_disk_full_while_writing(tmp_path: Path) -> None:
    """A real ENOSPC from a 32 KiB tmpfs (root only; without root the same failure is
    simulated with RLIMIT_FSIZE in tests/bench/test_faults_resume.py)."""
    corpus = tmp_path / "c"
    (corpus / "pages").mkdir(parents=True)
    records = []
    for i in range(200):
        (corpus / "pages" / f"p{i:03d}.html").write_bytes(_html(f"{EN} Page {i}."))
        records.append({"id": f"p{i:03d}", "text": f"{EN} Page {i}."})
    (corpus / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    with _tmpfs(tmp_path / "small", "size=32k") as mounted:
        if mounted is None:
            pytest.skip("mounting a tmpfs needs root")
        out = mounted / "run"
        done = run_cli(
            "run", "--corpus", str(corpus), "--out", str(out), "-e", "nothing", check=False
        )
        kept = len((out / "results.jsonl").read_bytes()) if (out / "results.jsonl").exists() else 0
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr and "--resume" in done.stderr
    assert f"{out}" in done.stderr
    assert kept > 0  # what was written before the disk filled up is kept

"""``cmd+stream:`` extractors: one long-lived program per worker answering one JSON line per
page. The program is ours (tests/plugins/stream_extractor.py), run as a real process: right
outputs, a crash, a hang or a junk line costs only its page, and no program outlives its
worker."""

from __future__ import annotations

import json
import os
import select
import shlex
import shutil
import sys
from pathlib import Path

import pytest

from bench.records import text_sha256
from corpora import native
from extractors import registry
from extractors.base import ExtractorError
from extractors.stream import StreamingCommand, StreamTimeout

PLUGINS = Path(__file__).resolve().parents[1] / "plugins"
PROGRAM = PLUGINS / "stream_extractor.py"

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="needs /proc and pidfd_open (Linux)"
)


def text_of(html: str) -> str:
    """What the program answers for a well-behaved page (its own rule, restated)."""
    import re

    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def command(pids: Path, marker: str = "none") -> str:
    pids.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, str(PROGRAM), "--pids", str(pids), "--marker", marker]
    return shlex.join(argv)


def started(pids: Path, prefix: str = "") -> list[int]:
    """The pids of every program started with ``--pids pids`` (``child-``: their children)."""
    names = [p.name.removeprefix(prefix) for p in pids.iterdir() if p.name.startswith(prefix)]
    return sorted(int(name) for name in names if name.isdigit())


def gone(pid: int, within: float = 30.0) -> bool:
    """Whether process ``pid`` has exited (or exits within ``within`` s): a wait on its pidfd,
    which wakes when it ends, not a sleep."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], within)[0])
    finally:
        os.close(fd)


def running_with(marker: str) -> list[int]:
    """Live processes whose command line holds ``marker`` (a zombie's is empty)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                argv = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if marker.encode() in argv:
                found.append(int(entry.name))
    return found


PAGE = "<html><body><p>The river ferry runs every {n} minutes in winter.</p></body></html>"


def test_one_program_answers_every_page(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids))
    try:
        pages = [PAGE.format(n=n) for n in range(5)] + ["", "<p>é ☃ 𝄞 \u2028 \r\n</p>"]
        assert [program.extract(html) for html in pages] == [text_of(html) for html in pages]
        assert len(started(pids)) == 1
    finally:
        program.close()
    assert all(gone(pid) for pid in started(pids))


@linux_only
def test_a_crash_loses_only_its_page(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids))
    try:
        assert program.extract(PAGE.format(n=1)) == text_of(PAGE.format(n=1))
        (first,) = started(pids)
        with pytest.raises(ExtractorError, match="exited with 3 before answering") as crash:
            program.extract("<p>STREAM-CRASH</p>")
        assert "crashing on purpose" in str(crash.value)  # the end of its stderr
        assert gone(first, within=0)  # killed and reaped, not left behind
        assert program.extract(PAGE.format(n=2)) == text_of(PAGE.format(n=2))
        assert len(started(pids)) == 2  # a fresh program took the next page
    finally:
        program.close()


@linux_only
def test_a_hang_is_a_timeout_of_its_page_and_the_next_page_works(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids), timeout=1)
    try:
        program.extract(PAGE.format(n=1))
        (first,) = started(pids)
        with pytest.raises(StreamTimeout, match=r"no answer within 1 s; killed it"):
            program.extract("<p>STREAM-HANG</p>")
        assert gone(first, within=0)
        assert program.extract(PAGE.format(n=2)) == text_of(PAGE.format(n=2))
    finally:
        program.close()


@linux_only
def test_a_program_that_dies_takes_its_process_group_along(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids))
    try:
        with pytest.raises(ExtractorError, match="exited with 4 before answering"):
            program.extract("<p>STREAM-ORPHAN</p>")
        (child,) = started(pids, "child-")
        assert gone(child)  # killed with the group its parent led
        with pytest.raises(ExtractorError, match="closed its stdout without answering"):
            program.extract("<p>STREAM-MUTE</p>")
        assert all(gone(pid, within=0) for pid in started(pids))
        assert program.extract(PAGE.format(n=4)) == text_of(PAGE.format(n=4))
    finally:
        program.close()


def test_a_junk_line_is_its_pages_error_and_the_program_goes_on(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids))
    try:
        with pytest.raises(ExtractorError, match=r"not a JSON line.*'this line is not JSON'"):
            program.extract("<p>STREAM-JUNK</p>")
        # the junk page's own answer comes late, with its id: skipped, not taken for this one
        assert program.extract(PAGE.format(n=3)) == text_of(PAGE.format(n=3))
        with pytest.raises(ExtractorError, match="cannot read this page"):
            program.extract("<p>STREAM-ERROR</p>")
        assert program.extract("<p>STREAM-LOG ok</p>") == "STREAM-LOG ok"  # stderr is for logs
        assert len(started(pids)) == 1
    finally:
        program.close()


def test_a_program_that_cannot_start_fails_each_page_with_its_stderr() -> None:
    broken = f"{sys.executable} -c \"import sys; sys.exit('no model file')\""
    program = StreamingCommand(broken)
    for _ in range(2):
        with pytest.raises(ExtractorError, match="exited with 1 before answering: no model file"):
            program.extract(PAGE.format(n=1))


@linux_only
def test_a_forked_child_starts_its_own_program(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    program = StreamingCommand(command(pids))
    try:
        program.extract(PAGE.format(n=1))
        (parents,) = started(pids)
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # the child: answer through the pipe, never return into pytest
            try:
                os.write(write, program.extract(PAGE.format(n=7)).encode())
            finally:
                os._exit(0)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            assert pipe.read().decode() == text_of(PAGE.format(n=7))
        os.waitpid(child, 0)
        (childs,) = set(started(pids)) - {parents}
        assert gone(childs)  # its worker went: stdin EOF and the parent-death signal
        assert not gone(parents, within=0)  # the parent's program was left alone
        assert program.extract(PAGE.format(n=8)) == text_of(PAGE.format(n=8))
        assert len(started(pids)) == 2
    finally:
        program.close()


def test_cmd_stream_specs_load_with_a_timeout_parameter(tmp_path: Path) -> None:
    spec = f"cmd+stream:{command(tmp_path / 'pids')}"
    loaded = registry.load(spec, {"timeout": 5})
    assert isinstance(loaded.extractor, StreamingCommand) and loaded.extractor.timeout == 5
    assert loaded.version == "external" and loaded.params == {"timeout": 5}
    with pytest.raises(ExtractorError, match="no parameter 'timout'"):
        registry.load(spec, {"timout": 5})
    with pytest.raises(ExtractorError, match="not on PATH"):
        registry.load("cmd+stream:no-such-program-anywhere --stream")
    assert not list((tmp_path / "pids").iterdir())  # loading starts nothing


# -- through the CLI ------------------------------------------------------------------------

# page id → what its HTML holds (a marker makes the program misbehave on that page)
PAGES = {
    "p0": "first",
    "p1": "STREAM-CRASH",
    "p2": "after the crash",
    "p3": "STREAM-HANG",
    "p4": "after the hang",
    "p5": "STREAM-JUNK",
    "p6": "after the junk",
    "p7": "STREAM-LOG and text",
}


def _corpus(root: Path) -> dict[str, str]:
    html = {
        page: f"<html><body><p>Page {page}: {content}, the article text.</p></body></html>"
        for page, content in PAGES.items()
    }
    native.write(
        root,
        "stream",
        [native.PageToWrite(p, h.encode(), {"text": text_of(h)}) for p, h in html.items()],
    )
    return html


def _results(out: Path) -> dict[str, dict]:
    lines = (out / "results.jsonl").read_text().splitlines()
    return {r["page"]: r for r in map(json.loads, lines)}


@linux_only
def test_the_cli_run_loses_only_the_misbehaving_pages(cli, tmp_path: Path) -> None:
    html = _corpus(tmp_path / "corpus")
    marker = f"stream-marker-{os.getpid()}-{tmp_path.name}"
    pids = tmp_path / "pids"
    spec = f"mine=cmd+stream:{command(pids, marker)}"
    out = tmp_path / "run"
    cli(
        "run", "--corpus", str(tmp_path / "corpus"), "-e", spec, "--param", "mine.timeout=1",
        "--timeout", "60", "--jobs", "1", "--out", str(out), "--no-cache", "--json",
    )  # fmt: skip
    results = _results(out)
    assert results["p1"]["error"].startswith("exception: ExtractorError: cmd+stream: ")
    assert "exited with 3 before answering: stream_extractor: crashing" in results["p1"]["error"]
    assert results["p3"]["error"].startswith("timeout: cmd+stream: ")
    assert "no answer within 1 s; killed it" in results["p3"]["error"]
    assert "'this line is not JSON'" in results["p5"]["error"]
    for page in ("p0", "p2", "p4", "p6", "p7"):
        assert results[page]["error"] is None, results[page]
        assert results[page]["output_sha256"] == text_sha256(text_of(html[page]))
    # one worker: started for the warm-up, again after the crash and after the hang (a junk
    # line costs no restart)
    assert len(started(pids)) == 3
    assert all(gone(pid) for pid in started(pids))
    assert running_with(marker) == []


@linux_only
def test_no_program_outlives_a_worker_the_pool_kills(cli, tmp_path: Path) -> None:
    html = _corpus(tmp_path / "corpus")
    marker = f"stream-marker-{os.getpid()}-{tmp_path.name}"
    pids = tmp_path / "pids"
    spec = f"mine=cmd+stream:{command(pids, marker)}"
    out = tmp_path / "run"
    # the program's own deadline (60 s) is beyond the run's: the pool kills the hung worker
    cli(
        "run", "--corpus", str(tmp_path / "corpus"), "-e", spec, "--timeout", "2",
        "--jobs", "1", "--out", str(out), "--no-cache", "--json",
    )  # fmt: skip
    results = _results(out)
    assert results["p3"]["error"] == "timeout: no result after 2 s"
    for page in ("p0", "p2", "p4", "p6", "p7"):
        assert results[page]["output_sha256"] == text_sha256(text_of(html[page]))
    assert len(started(pids)) >= 3  # the killed worker's program, and its successor's
    assert all(gone(pid) for pid in started(pids))
    assert running_with(marker) == []


# -- the examples of docs/plugins.md --------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "plugins.md"


def _example(language: str) -> str:
    """The ``language`` code block of the section on long-lived programs."""
    section = DOCS.read_text().split("## 4. Long-lived programs", 1)[1].split("\n## ", 1)[0]
    blocks = section.split(f"```{language}\n")[1:]
    assert len(blocks) == 1, f"one {language} example expected"
    return blocks[0].split("```", 1)[0]


@pytest.mark.parametrize(("language", "runtime"), [("python", sys.executable), ("js", "node")])
def test_the_documented_examples_speak_the_protocol(
    language: str, runtime: str, tmp_path: Path
) -> None:
    if shutil.which(runtime) is None:
        pytest.skip(f"{runtime} is not installed")
    source = tmp_path / f"example.{language}"
    source.write_text(_example(language))
    program = StreamingCommand(shlex.join([runtime, str(source)]))
    try:
        pages = ["<p>one</p>", "", "<p>é ☃ 𝄞 \u2028 line\r\nbreak</p>"]
        assert [program.extract(html) for html in pages] == pages  # the example echoes
    finally:
        program.close()

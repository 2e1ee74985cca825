"""``boilerbench check-extractor``: each mistake plugin authors make is reported (exit 1),
a well-behaved plugin passes (exit 0), and the network block stays in the child process."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest
from conftest import PLUGINS

from bench import sandbox
from bench.cli.check_cmd import check_extractor, sample_pages

# Plugins with one mistake each, written the way a hurried author would.
MISTAKES = """
import random
import socket
import time


def _paragraph(html):
    start = html.find("<p>")
    return html[start + 3 : html.find("</p>", start)] if start != -1 else ""


def fine(html):
    return _paragraph(html)


def as_bytes(html):
    return _paragraph(html).encode("utf-8")


def as_none(html):
    return _paragraph(html) or None


def shuffled(html):
    words = html.split()
    random.shuffle(words)
    return " ".join(words[:50])


def slow(html):
    time.sleep(0.3)
    return _paragraph(html)


def strict(html):
    if not html:
        raise ValueError("no HTML given")
    return _paragraph(html)


def online(html):
    try:
        socket.create_connection(("example.org", 80), timeout=1)
    except OSError:
        pass
    return _paragraph(html)


def crashes(html):
    if html:
        raise RuntimeError("cannot handle this page")
    return ""
"""


def _check(cli, plugin: Path, name: str, *extra: str) -> tuple[int, dict[str, Any]]:
    done = cli(
        "check-extractor",
        f"{plugin}:{name}",
        "--corpus",
        "seeds",
        "--slow",
        "0.2",
        "--json",
        *extra,
        check=False,
    )
    return done.returncode, json.loads(done.stdout)


def _status(report: dict[str, Any]) -> dict[str, str]:
    return {c["name"]: c["status"] for c in report["checks"] if c["status"] != "warning"}


@pytest.fixture(scope="module")
def seed_pages() -> list[tuple[str, str]]:
    return sample_pages("seeds", 1)


@pytest.fixture
def plugin(tmp_path: Path) -> Path:
    path = tmp_path / "mistakes.py"
    path.write_text(MISTAKES)
    return path


@pytest.mark.parametrize(
    ("name", "failing_check", "words"),
    [
        ("as_bytes", "returns str", "returns bytes"),
        ("as_none", "returns str", "returns None on 1 page(s): (empty input)"),
        ("shuffled", "deterministic", "two calls differ"),
        ("slow", "speed", "s per page (median), over 0.2 s"),
        ("strict", "empty input", "ValueError: no HTML given"),
        ("online", "offline", "tried the network"),
        ("crashes", "no exceptions", "RuntimeError: cannot handle this page"),
    ],
)
def test_each_mistake_is_reported(
    plugin: Path, seed_pages: list[tuple[str, str]], name: str, failing_check: str, words: str
) -> None:
    report = check_extractor(f"{plugin}:{name}", {}, seed_pages, timeout=30, slow=0.2)
    assert [c.name for c in report.problems] == [failing_check], report.checks
    (problem,) = report.problems
    assert words in problem.detail


def test_a_mistake_exits_1_with_a_json_report(cli, plugin: Path) -> None:
    code, report = _check(cli, plugin, "as_bytes")
    assert code == 1 and report["problems"] == 1
    assert _status(report)["returns str"] == "problem"


def test_a_well_behaved_plugin_passes(cli, plugin: Path) -> None:
    code, report = _check(cli, plugin, "fine")
    assert code == 0 and report["problems"] == 0
    assert set(_status(report).values()) == {"ok"}
    warnings = {c["name"] for c in report["checks"] if c["status"] == "warning"}
    assert warnings == {"version"}  # a bare file has no version to record


def test_a_plugin_that_does_not_load_is_a_problem(cli, tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("import boilerbench_no_such_dependency\n")
    code, report = _check(cli, broken, "extract")
    assert code == 1
    (check,) = report["checks"]
    assert check["name"] == "loads" and "boilerbench_no_such_dependency" in check["detail"]


def test_table_output_and_params(cli, plugin: Path) -> None:
    done = cli("check-extractor", f"{plugin}:slow", "--corpus", "seeds", "--slow", "5", check=False)
    assert done.returncode == 0 and "no problems found" in done.stdout
    precise = ("--param", "favor_precision=true")
    builtin = cli("check-extractor", "trafilatura", *precise, "--pages", "2")
    assert "no problems found" in builtin.stdout
    unknown = cli("check-extractor", "trafilatur", check=False)
    assert unknown.returncode == 2 and "did you mean 'trafilatura'" in unknown.stderr


def test_the_network_guard_stays_in_the_child(plugin: Path) -> None:
    connect, create_connection = socket.socket.connect, socket.create_connection
    attempts = sandbox.network_attempts()
    report = check_extractor(f"{plugin}:online", {}, sample_pages("seeds", 1), timeout=30)
    assert [c.name for c in report.problems] == ["offline"]
    assert socket.socket.connect is connect and socket.create_connection is create_connection
    assert sandbox.network_attempts() == attempts


FLAKY = PLUGINS / "flaky_extractors.py"


@pytest.mark.parametrize(
    ("name", "failing", "words"),
    [
        # a seed-page call, then the empty input twice, then the seed page again: the call
        # counter makes the seed page's second call return None
        ("sometimes_none", ["returns str", "deterministic"], "returned str ("),
        ("drifting", ["deterministic"], "then a different str ("),
        ("sometimes_bytes", ["returns str", "deterministic"], "then bytes ("),
    ],
)
def test_output_that_changes_between_calls_is_reported(
    seed_pages: list[tuple[str, str]], name: str, failing: list[str], words: str
) -> None:
    report = check_extractor(f"{FLAKY}:{name}", {}, seed_pages, timeout=30)
    assert [c.name for c in report.problems] == failing, report.checks
    detail = next(c.detail for c in report.problems if c.name == "deterministic")
    assert detail.startswith("not deterministic: two calls differ on ")
    assert words in detail


def test_a_flaky_none_names_the_probe_and_the_call(cli) -> None:
    """The issue's case: a function that returns None now and then used to pass as
    'deterministic: ok'; now the report names the page, both types and the call."""
    code, report = _check(cli, FLAKY, "sometimes_none")
    assert code == 1
    (check,) = [c for c in report["checks"] if c["name"] == "deterministic"]
    page = report["pages"][0]
    chars = len(sample_pages("seeds", 1)[0][1].split("<p>", 1)[1].split("</p>", 1)[0])
    assert check["status"] == "problem"
    assert (
        f"probe '{page}' returned str ({chars:,} chars) then NoneType on call 2"
        in (check["detail"])
    )

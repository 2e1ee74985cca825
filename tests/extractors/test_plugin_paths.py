"""The three ways a stranger plugs in an extractor, each end to end through the real CLI:
a function in a file (``module:attr``), an installed package's entry point, a ``cmd:``
program; with parameters from ``--param`` and from a suite."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from bench.store import RunStore
from extractors.readability_js_adapter import probe

# Our own small extractor, as a user would write it next to their data.
MYMOD = '''
"""Paragraph text of a page; a function and a class with a parameter."""

import re

__version__ = "1.4.2"
_PARAGRAPH = re.compile(r"<p[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def extract(html):
    return "\\n".join(_TAG.sub("", p).strip() for p in _PARAGRAPH.findall(html))


class Longest:
    def __init__(self, keep=1, marker=""):
        self.keep = keep
        self.marker = marker

    def extract(self, html):
        paragraphs = sorted(extract(html).splitlines(), key=len, reverse=True)
        return self.marker + "\\n".join(paragraphs[: self.keep])
'''

# A program that reads HTML on stdin and writes the paragraphs' text on stdout.
PROGRAM = """
import re
import sys

html = sys.stdin.buffer.read().decode("utf-8")
parts = re.findall(r"<p[^>]*>(.*?)</p>", html, re.IGNORECASE | re.DOTALL)
sys.stdout.buffer.write("\\n".join(re.sub(r"<[^>]+>", "", p) for p in parts).encode("utf-8"))
"""


def _rows(stdout: str) -> dict[str, dict[str, Any]]:
    return {row["extractor"]: row for row in json.loads(stdout)["results"]}


def test_module_attr_function_class_and_file_path(cli, tmp_path: Path) -> None:
    (tmp_path / "mymod.py").write_text(MYMOD)
    out = tmp_path / "run"
    done = cli(
        "run",
        "--corpus",
        "seeds",
        "-e",
        "mymod:extract,mymod:Longest",
        "-e",
        f"{tmp_path / 'mymod.py'}:extract",
        "--param",
        "mymod:Longest.keep=2",
        "--param",
        'mymod:Longest.marker=">> "',
        "--out",
        str(out),
        "--json",
        cwd=tmp_path,  # `mymod` is found in the working directory, as users expect
    )
    rows = _rows(done.stdout)
    function = rows["mymod:extract"]
    assert function["failures"] == 0 and function["version"] == "1.4.2"
    assert function["metrics"]["recall"] == 1.0  # every gold paragraph is a <p> on the page
    assert rows[f"{tmp_path / 'mymod.py'}:extract"]["metrics"] == function["metrics"]
    longest = rows["mymod:Longest"]
    assert longest["params"] == {"keep": 2, "marker": ">> "}
    (text,) = RunStore(out).outputs("mymod:Longest").values()
    assert text.startswith(">> ") and len(text.splitlines()) == 2
    manifest = json.loads((out / "manifest.json").read_text())
    described = {e["name"]: e for e in manifest["extractors"]}
    assert described["mymod:Longest"]["params"] == {"keep": 2, "marker": ">> "}


def test_entry_point_package_from_a_suite_with_a_new_name(cli, tmp_path: Path) -> None:
    listing = cli("list", "extractors").stdout
    assert "example-paragraphs" in listing and "entry-point" in listing
    suite = tmp_path / "plugins.toml"
    suite.write_text(
        textwrap.dedent(
            """
            corpora = ["seeds"]
            metrics = ["aeb"]
            extractors = [
                "example-paragraphs",
                "nothing",
                { name = "paragraphs-again", extractor = "example-paragraphs" },
            ]
            """
        )
    )
    out = tmp_path / "run"
    rows = _rows(cli("run", "--suite", str(suite), "--out", str(out), "--json").stdout)
    assert set(rows) == {"example-paragraphs", "paragraphs-again", "nothing"}
    for name in ("example-paragraphs", "paragraphs-again"):
        assert rows[name]["version"] == "0.2.0"  # the plugin distribution's own version
        assert rows[name]["failures"] == 0 and rows[name]["metrics"]["recall"] == 1.0
    assert rows["paragraphs-again"]["spec"] == "example-paragraphs"
    check = cli("check-extractor", "example-paragraphs", "--corpus", "seeds", "--json")
    assert json.loads(check.stdout)["problems"] == 0


def test_cmd_program_reads_stdin_and_writes_stdout(cli, tmp_path: Path) -> None:
    program = tmp_path / "paragraphs.py"
    program.write_text(PROGRAM)
    spec = f"cmd:{sys.executable} {program}"
    failing = f"cmd:{sys.executable} -c \"import sys; sys.exit('cannot parse')\""
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", "seeds", "-e", spec, "-e", failing, "--out", str(out), "--json",
        check=False,
    )  # fmt: skip
    assert done.returncode == 3  # an extractor failed more than half of its pages
    rows = _rows(done.stdout)
    assert rows[spec]["failures"] == 0 and rows[spec]["metrics"]["recall"] == 1.0
    assert rows[spec]["version"] == "external"
    assert rows[failing]["failures"] == 1
    results = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    error = next(r["error"] for r in results if r["extractor"] == failing)
    assert "exited with 1: cannot parse" in error


def test_readability_js_is_a_cmd_program_we_ship(cli, tmp_path: Path) -> None:
    version, problem = probe()
    if problem:
        pytest.skip(f"readability-js: {problem}")
    out = tmp_path / "run"
    rows = _rows(
        cli("run", "--corpus", "seeds", "-e", "readability-js", "--out", str(out), "--json").stdout
    )
    row = rows["readability-js"]
    assert row["version"] == version and row["failures"] == 0
    assert row["metrics"]["recall"] > 0.9

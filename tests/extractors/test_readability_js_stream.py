"""readability-js streams by default (one Node process per worker, ``--stream``): its text is
the one-process-per-page text, byte for byte, and its script is part of the run identity."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bench.identity import identity_of
from extractors import readability_js_adapter as rjs
from extractors import registry
from extractors.stream import StreamingCommand

PAGES = [
    "",
    "<html><body><article><h1>Winter timetable</h1><p>The river ferry runs every forty "
    "minutes from November — é ☃ 𝄞 \u2028 and a line\r\nbreak, the operator said on "
    "Tuesday, citing lower passenger numbers after the summer season.</p><p>The last "
    "crossing moves from eleven to ten o'clock; season tickets stay valid.</p></article>"
    "<footer>© 2024 Riverside News</footer></body></html>",
]


def _needs_node() -> None:
    _version, problem = rjs.probe()
    if problem:
        pytest.skip(f"readability-js: {problem}")


def _seed_html() -> str:
    from corpora.registry import open_corpus

    return open_corpus("seeds").pages[0].read_bytes().decode("utf-8")


def test_streaming_and_per_page_modes_give_the_same_text() -> None:
    _needs_node()
    streaming = registry.load("readability-js")
    per_page = registry.load("readability-js", {"stream": False})
    assert isinstance(streaming.extractor._program, StreamingCommand)
    for html in [*PAGES, _seed_html()]:
        assert streaming.extract(html) == per_page.extract(html)
    assert "Africa Corps" in streaming.extract(_seed_html())


def test_the_script_is_part_of_the_identity(tmp_path: Path) -> None:
    _needs_node()
    copy = tmp_path / "js"
    copy.mkdir()
    (copy / "node_modules").symlink_to(rjs.JS_DIR / "node_modules")
    shutil.copy(rjs.JS_DIR / rjs.SCRIPT, copy / rjs.SCRIPT)
    ours = identity_of(registry.load("readability-js"))
    same = identity_of(registry.load("readability-js", {"js_dir": str(copy)}))
    assert ours.code == same.code and f"{rjs.SCRIPT}=" in ours.code
    with (copy / rjs.SCRIPT).open("a") as script:
        script.write("// an edit\n")
    edited = identity_of(registry.load("readability-js", {"js_dir": str(copy)}))
    assert edited.code != ours.code and edited.version == ours.version  # npm versions


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.public_data
def test_aeb_outputs_are_byte_identical_in_both_modes(cli, aeb_dir: Path, tmp_path: Path) -> None:
    _needs_node()
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", str(aeb_dir), "-e", "readability-js", "-e", "perpage=readability-js",
        "--param", "perpage.stream=false", "--jobs", "2", "--no-cache", "--out", str(out),
        "--json", timeout=1800,
    )  # fmt: skip
    rows = {r["extractor"]: r for r in json.loads(done.stdout)["results"]}
    for name in ("readability-js", "perpage"):
        assert rows[name]["n_pages"] == 181 and rows[name]["failures"] == 0
        assert round(rows[name]["metrics"]["f1"], 3) == 0.947  # README's AEB figure
    outputs: dict[str, dict[str, str]] = {"readability-js": {}, "perpage": {}}
    for line in (out / "results.jsonl").read_text().splitlines():
        result = json.loads(line)
        outputs[result["extractor"]][result["page"]] = result["output_sha256"]
    assert len(outputs["readability-js"]) == 181
    assert outputs["readability-js"] == outputs["perpage"]

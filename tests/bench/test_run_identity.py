"""A run's identity: ``run --resume --out DIR`` alone finishes a killed run with its own
corpus, extractors and parameters; a resume that would mix versions or parameters is refused;
bad parameters and missing programs fail before any page runs; an extractor that fails most
pages makes the run exit 3; stored records are versioned and output files never collide."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PLUGINS, run_cli

from bench.records import PageResult, SchemaError
from bench.store import RunStore, StoreError, output_file_name

pytestmark = pytest.mark.integration

COMPARED = ("metrics", "n_pages", "failures", "empty", "output_chars_median")


def _env() -> dict[str, str]:
    paths = [p for p in (os.environ.get("PYTHONPATH"), str(PLUGINS)) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "COLUMNS": "160"}


@pytest.mark.slow
@pytest.mark.public_data
def test_kill_9_then_resume_with_no_other_flag(aeb_dir: Path, tmp_path: Path) -> None:
    args = ["--corpus", str(aeb_dir), "-e", "trafilatura,goose3", "--no-cache"]
    reference = json.loads(run_cli("run", *args, "--out", str(tmp_path / "ref"), "--json").stdout)
    out = tmp_path / "killed"
    exe = Path(sys.executable).with_name("boilerbench")
    proc = subprocess.Popen(
        [str(exe), "run", *args, "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=_env(),
        cwd=tmp_path,
    )
    results = out / "results.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if results.exists() and results.read_bytes().count(b"\n") >= 100:
            break
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the run must be killed while it works"
    done_before = results.read_bytes().count(b"\n")
    assert 100 <= done_before < 2 * 181
    # from another folder, with no flag but --resume and --out: corpus, extractors and
    # parameters come from the manifest
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    resumed = run_cli("run", "--resume", "--out", str(out), "--json", cwd=elsewhere)
    summary = json.loads(resumed.stdout)
    for got, want in zip(summary["results"], reference["results"], strict=True):
        assert got["extractor"] == want["extractor"]
        for key in COMPARED:
            assert got[key] == want[key], (got["extractor"], key)
    assert len(RunStore(out).results()) == 2 * 181
    # a resume that would run trafilatura with another parameter is refused
    refused = run_cli(
        "run", "--resume", "--out", str(out), "-e", "trafilatura,goose3",
        "--param", "trafilatura.favor_precision=true", check=False,
    )  # fmt: skip
    assert refused.returncode == 2
    assert "favor_precision" in refused.stderr and "start a new run" in refused.stderr
    refused = run_cli(
        "run", "--resume", "--out", str(out), "--param", "trafilatura.favor_precision=true",
        check=False,
    )  # fmt: skip
    assert refused.returncode == 2 and "--param cannot change" in refused.stderr


def _seeds_run(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "run"
    run_cli("run", "--corpus", "seeds", "-e", "trafilatura,nothing", "--out", str(out), *extra)
    return out


def test_resume_refuses_another_library_version(tmp_path: Path) -> None:
    out = _seeds_run(tmp_path, "--no-cache")
    manifest = json.loads((out / "manifest.json").read_text())
    record = manifest["extractors"][0]
    assert record["identity"]["libraries"]["lxml"]
    record["identity"]["libraries"]["lxml"] = "4.0.0"
    (out / "manifest.json").write_text(json.dumps(manifest))
    refused = run_cli("run", "--resume", "--out", str(out), check=False)
    assert refused.returncode == 2
    assert "lxml 4.0.0 →" in refused.stderr and "'trafilatura'" in refused.stderr


def test_resume_with_other_extractors_names_the_difference(tmp_path: Path) -> None:
    out = _seeds_run(tmp_path)
    refused = run_cli("run", "--resume", "--out", str(out), "-e", "trafilatura", check=False)
    assert refused.returncode == 2 and "ran extractors ['trafilatura', 'nothing']" in refused.stderr


def test_bad_parameters_and_programs_fail_before_any_page(tmp_path: Path) -> None:
    out = tmp_path / "run"
    cases = [
        (["--param", "trafilatura.favour_precision=true"], "did you mean 'favor_precision'"),
        (["--param", "trafilatura.favor_precision=often"], "must be true or false"),
        (["--param", "justext.length_low=1.5"], "must be an integer"),
    ]
    for extra, message in cases:
        done = run_cli(
            "run", "--corpus", "seeds", "-e", "trafilatura,justext", "--out", str(out), *extra,
            check=False,
        )  # fmt: skip
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert not out.exists()
    for program, message in (
        ("cmd:/no/such/program", "does not exist"),
        ("cmd:no-such-program-anywhere --x", "not on PATH"),
        (f"cmd:{PLUGINS / 'faulty_extractors.py'}", "not executable"),
    ):
        done = run_cli(
            "run", "--corpus", "seeds", "-e", program, "--out", str(out), check=False
        )  # fmt: skip
        assert done.returncode == 2 and message in done.stderr, done.stderr
        assert not out.exists()


def test_an_extractor_failing_most_pages_exits_3(tmp_path: Path) -> None:
    failing = f"cmd:{sys.executable} -c \"import sys; sys.exit('bad page')\""
    done = run_cli(
        "run", "--corpus", "seeds", "-e", f"broken={failing}", "-e", "everything",
        "--out", str(tmp_path / "run"), check=False,
    )  # fmt: skip
    assert done.returncode == 3
    assert "broken failed 1 of 1 pages" in done.stderr and "bad page" in done.stderr


def test_short_names_name_file_plugins(tmp_path: Path) -> None:
    plugin = f"{PLUGINS / 'faulty_extractors.py'}:Upper"
    out = tmp_path / "run"
    done = run_cli(
        "run", "--corpus", "seeds", "-e", f"upper={plugin}", "--param", "upper.suffix=!",
        "--out", str(out), "--json",
    )  # fmt: skip
    (row,) = json.loads(done.stdout)["results"]
    assert row["extractor"] == "upper" and row["params"] == {"suffix": "!"}
    assert (out / "outputs" / "upper.jsonl").is_file()


def test_output_file_names_never_collide() -> None:
    names = ["a:b", "a_b", "a b", "cmd:node x.js", "cmd:node_x.js", "trafilatura"]
    files = [output_file_name(n) for n in names]
    assert len(set(files)) == len(files)
    assert output_file_name("trafilatura") == "trafilatura.jsonl"
    assert all("/" not in f and len(f) < 120 for f in files)


def test_stored_records_check_their_schema_version(tmp_path: Path) -> None:
    out = _seeds_run(tmp_path)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["schema_version"] == 2
    manifest["schema_version"] = 99
    (out / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(StoreError, match="newer boilerbench"):
        RunStore(out).read_manifest()
    line = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    line["schema_version"] = 0
    with pytest.raises(SchemaError, match="older boilerbench"):
        PageResult.from_json(line, "results.jsonl:1")
    del line["schema_version"]
    with pytest.raises(SchemaError, match="no schema_version"):
        PageResult.from_json(line, "results.jsonl:1")

"""``--param NAME.key=value`` and suite files: typed values, clear errors that name the file
and entry, the suites that ship, and ``run --suite`` end to end."""

from __future__ import annotations

import json
import os
import pickle
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from bench import suites
from bench.api import extractor_specs
from bench.params import ParamError, group_params, parse_assignment, parse_param, parse_value
from bench.suites import SuiteError, load_suite, parse_suite
from extractors import registry
from extractors.base import ExtractorInfo
from extractors.spec import ExtractorSpec

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("true", True),
        ("False", False),
        ("12", 12),
        ("-3", -3),
        ("0.5", 0.5),
        ("1e-3", 0.001),
        ('["p", "li"]', ["p", "li"]),
        ('{"a": 1}', {"a": 1}),
        ('"true"', "true"),
        ("null", None),
        ("English", "English"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_values_are_typed_as_written(raw: str, value: Any) -> None:
    assert parse_value(raw) == value
    assert type(parse_value(raw)) is type(value)


def test_bad_json_value_is_refused() -> None:
    with pytest.raises(ParamError, match="looks like JSON"):
        parse_value("[1, 2")


def test_param_name_may_hold_dots_and_colons() -> None:
    param = parse_param("path/to/x.py:Extract.min_len=3")
    assert (param.extractor, param.key, param.value) == ("path/to/x.py:Extract", "min_len", 3)
    assert parse_param("trafilatura.favor_precision=true").value is True
    assert parse_assignment("suffix=!") == ("suffix", "!")
    for bad in ("trafilatura", "favor_precision=true", "trafilatura.=1", "trafilatura.a-b=1"):
        with pytest.raises(ParamError):
            parse_param(bad)


def test_params_group_by_extractor_and_unknown_names_get_did_you_mean() -> None:
    grouped = group_params(
        ["trafilatura.favor_precision=true", "justext.length_low=70", "trafilatura.fast=1"],
        ["trafilatura", "justext"],
    )
    assert grouped == {
        "trafilatura": {"favor_precision": True, "fast": 1},
        "justext": {"length_low": 70},
    }
    with pytest.raises(ParamError, match="did you mean 'trafilatura'"):
        group_params(["trafilatur.fast=true"], ["trafilatura", "justext"])


def _suite(text: str, tmp_path: Path) -> suites.Suite:
    path = tmp_path / "s.toml"
    path.write_text(textwrap.dedent(text))
    return load_suite(str(path))


def test_suite_file_with_names_tables_and_relative_corpora(tmp_path: Path) -> None:
    suite = _suite(
        """
        description = "two trafilatura settings"
        corpora = ["seeds", "data/aeb", "aeb:other", "/abs/corpus"]
        metrics = ["aeb"]

        [[extractors]]
        name = "trafilatura"

        [[extractors]]
        name = "traf-precise"
        extractor = "trafilatura"
        params = { favor_precision = true, include_comments = false }
        """,
        tmp_path,
    )
    assert suite.name == "s" and suite.metrics == ("aeb",)
    assert suite.corpora == (
        "seeds",
        str(tmp_path / "data/aeb"),
        f"aeb:{tmp_path}/other",
        "/abs/corpus",
    )
    precise = suite.extractors[1]
    assert precise.spec == "trafilatura"
    assert precise.param_dict == {"favor_precision": True, "include_comments": False}
    (spec,) = extractor_specs(
        ["traf-precise=trafilatura"], {"traf-precise": {"include_comments": True}}
    )
    from_suite = extractor_specs(None, {"traf-precise": {"include_comments": True}}, suite)[1]
    assert from_suite.name == "traf-precise" and from_suite.target == "trafilatura"
    loaded = registry.load(from_suite)
    assert loaded.name == "traf-precise"
    assert loaded.params == {"favor_precision": True, "include_comments": True}
    assert registry.load(spec).params == {"include_comments": True}


_TRAF = 'extractor = "trafilatura"'
INVALID_SUITES = [
    ("extractors = [", "not valid TOML"),
    ('extractor = ["nothing"]', "unknown key 'extractor' in the suite; did you mean 'extractors'"),
    ('extractors = ["trafilatur"]', r"extractors\[1\]: unknown extractor 'trafilatur'; did you"),
    ("extractors = []", "'extractors' must be a non-empty list"),
    ('extractors = ["nothing", "nothing"]', "'nothing' is used twice"),
    (
        f'extractors = [{{ name = "x", {_TRAF}, param = {{}} }}]',
        r"unknown key 'param' in extractors\[1\]; did you mean 'params'",
    ),
    (f'extractors = [{{ name = "readability", {_TRAF} }}]', "'readability' is already an"),
    (
        f'extractors = [{{ name = "t", {_TRAF}, params = {{ when = 2024-01-01 }} }}]',
        "parameter 'when' has a date value",
    ),
    ('metrics = ["aebb"]\nextractors = ["nothing"]', "unknown metric 'aebb'; did you mean aeb"),
    ('corpora = "seeds"\nextractors = ["nothing"]', "'corpora' must be a list"),
]


@pytest.mark.parametrize(("text", "message"), INVALID_SUITES)
def test_invalid_suites_name_the_file_and_entry(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SuiteError, match=message) as caught:
        _suite(text, tmp_path)
    assert str(tmp_path / "s.toml") in str(caught.value)


def test_unknown_suite_name_gets_did_you_mean(tmp_path: Path) -> None:
    with pytest.raises(SuiteError, match="did you mean 'full'"):
        load_suite("fulll")
    with pytest.raises(SuiteError, match="does not exist"):
        load_suite(str(tmp_path / "missing.toml"))


def test_shipped_suites() -> None:
    assert {"default", "aeb", "full"} <= set(suites.builtin_names())
    assert load_suite("default").extractor_names == registry.DEFAULT_SET
    assert set(load_suite("full").extractor_names) == set(registry.BUILTINS)
    aeb = load_suite("aeb")
    assert aeb.corpora == ("../shared/corpora/aeb",) and aeb.metrics == ("aeb",)
    assert {"resiliparse", "newspaper4k", "goose3", "readability-js"} <= set(aeb.extractor_names)


def _toml_blocks(text: str) -> list[str]:
    return re.findall(r"```toml\n(.*?)```", text, re.DOTALL)


def test_suite_examples_in_the_docs_are_valid() -> None:
    docs = (REPO / "docs" / "plugins.md").read_text()
    examples = [b for b in _toml_blocks(docs) if "corpora" in b]
    examples += _toml_blocks(suites.__doc__ or "")
    assert len(examples) >= 2
    for example in examples:
        parsed = parse_suite(example, "example")
        assert parsed.extractors


def test_skipped_suite_extractor_says_how_to_install(monkeypatch) -> None:
    ghost = ExtractorInfo(
        name="ghost",
        target="extractors.baselines:NothingExtractor",
        distribution="boilerbench-ghost-library",
        install_hint="pip install 'boilerbench[ghost]'",
    )
    monkeypatch.setitem(registry.BUILTINS, "ghost", ghost)
    said: list[str] = []
    kept = extractor_specs(["ghost", "nothing"], skip_missing=True, warn=said.append)
    assert [spec.name for spec in kept] == ["nothing"]
    assert said == ["skipping ghost: not installed: pip install 'boilerbench[ghost]'"]


def test_run_suite_with_variants_and_param_override(cli, tmp_path: Path) -> None:
    suite = tmp_path / "study.toml"
    suite.write_text(
        textwrap.dedent(
            """
            name = "study"
            corpora = ["seeds"]

            [[extractors]]
            name = "justext"

            [[extractors]]
            name = "justext-long"
            extractor = "justext"
            params = { length_low = 500, length_high = 900 }
            """
        )
    )
    out = tmp_path / "run"
    override = "justext-long.length_high=1000"
    done = cli("run", "--suite", str(suite), "--param", override, "--out", str(out), "--json")
    rows = {r["extractor"]: r for r in json.loads(done.stdout)["results"]}
    assert set(rows) == {"justext", "justext-long"}
    assert rows["justext-long"]["spec"] == "justext"
    assert rows["justext-long"]["params"]["length_low"] == 500
    assert rows["justext-long"]["params"]["length_high"] == 1000
    assert rows["justext"]["params"]["length_low"] == 50  # the built-in's own settings
    manifest = json.loads((out / "manifest.json").read_text())
    assert [e["name"] for e in manifest["extractors"]] == ["justext", "justext-long"]


def test_run_suite_over_several_corpora_writes_a_folder_each(cli, tmp_path: Path) -> None:
    suite = tmp_path / "two.toml"
    suite.write_text('corpora = ["seeds", "seeds-copy"]\nextractors = ["everything", "nothing"]\n')
    copy = tmp_path / "seeds-copy"
    copy.mkdir()
    seeds = REPO / "seeds"
    for path in seeds.iterdir():
        if path.is_file() and path.name != "corpus.json":  # named after its folder
            (copy / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "runs"
    payload = json.loads(cli("run", "--suite", str(suite), "--out", str(out), "--json").stdout)
    assert [run["corpus"] for run in payload["runs"]] == ["seeds", "seeds-copy"]
    assert (out / "seeds" / "summary.json").is_file()
    assert (out / "seeds-copy" / "summary.json").is_file()
    one = json.loads(
        cli(
            "run",
            "--suite",
            str(suite),
            "--corpus",
            "seeds",
            "--out",
            str(tmp_path / "one"),
            "--json",
        ).stdout
    )
    assert one["corpus"] == "seeds"


def test_run_refuses_bad_params_and_suites_with_a_clear_line(cli, tmp_path: Path) -> None:
    bad_param = cli(
        "run", "--corpus", "seeds", "-e", "nothing", "--param", "nothin.x=1", check=False
    )
    assert bad_param.returncode == 2 and "did you mean 'nothing'" in bad_param.stderr
    bad_suite = cli("run", "--suite", "defualt", check=False)
    assert bad_suite.returncode == 2 and "did you mean 'default'" in bad_suite.stderr
    assert "Traceback" not in bad_param.stderr + bad_suite.stderr


def test_specs_reach_processes_started_afresh() -> None:
    """Page servers (the Dask executor's) are new processes, not forks: the spec a task
    carries is all they need to load the same extractor with the same parameters."""
    spec = ExtractorSpec("justext-long", "justext", (("length_low", 500),))
    probe = (
        "import pickle, sys; from extractors import registry; "
        "spec = pickle.loads(sys.stdin.buffer.read()); "
        "print(registry.load(spec).params['length_low'])"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input=pickle.dumps(spec),
        capture_output=True,
        check=True,
        cwd=REPO,
    )
    assert done.stdout.decode().split("\n")[0] == "500"
    assert not any("VARIANT" in key for key in os.environ)


def test_two_runs_in_one_process_do_not_share_params() -> None:
    """Parameters travel with the spec: nothing is left behind in the process."""
    (precise,) = extractor_specs(["trafilatura"], {"trafilatura": {"favor_precision": True}})
    (plain,) = extractor_specs(["trafilatura"])
    assert registry.load(precise).params == {"favor_precision": True}
    assert registry.load(plain).params == {}
    assert registry.load("trafilatura").params == {}

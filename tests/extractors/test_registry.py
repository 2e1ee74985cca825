"""Finding extractors: built-ins, module:attr, file paths, cmd:, and clear errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from extractors import registry
from extractors.base import ExtractorError

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
HTML = "<html><body><p>hello world</p><div>menu</div></body></html>"


@pytest.fixture(autouse=True)
def plugins_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PLUGINS))


def test_builtins_listed_without_importing_libraries() -> None:
    sys.modules.pop("extractors.trafilatura_adapter", None)
    names = {row.info.name: row for row in registry.list_extractors()}
    assert set(registry.DEFAULT_SET) <= set(names)
    assert names["trafilatura"].installed and names["trafilatura"].version
    assert "extractors.trafilatura_adapter" not in sys.modules


def test_unknown_name_suggests_close_ones() -> None:
    with pytest.raises(ExtractorError, match=r"did you mean 'readability'"):
        registry.resolve("readabilty")


def test_function_class_and_file_plugins() -> None:
    assert registry.load("faulty_extractors:first_paragraph").extract(HTML) == "hello world"
    upper = registry.load("faulty_extractors:Upper", {"suffix": "!"})
    assert upper.extract(HTML) == "HELLO WORLD!" and upper.params == {"suffix": "!"}
    by_path = registry.load(f"{PLUGINS / 'faulty_extractors.py'}:first_paragraph")
    assert by_path.extract(HTML) == "hello world"


def test_missing_module_and_failing_import_are_told_apart() -> None:
    with pytest.raises(ExtractorError, match="module 'no_such_plugin' not found"):
        registry.load("no_such_plugin:extract")
    with pytest.raises(ExtractorError, match="needs module 'boilerbench_missing_dependency'"):
        registry.load("broken_plugin:extract")
    with pytest.raises(ExtractorError, match="has no attribute 'nope'"):
        registry.load("faulty_extractors:nope")


def test_cmd_extractor_runs_a_program() -> None:
    program = f'cmd:{sys.executable} -c "import sys; print(sys.stdin.read().upper())"'
    loaded = registry.load(program)
    assert "HELLO WORLD" in loaded.extract(HTML)
    failing = registry.load(f"cmd:{sys.executable} -c \"import sys; sys.exit('bad page')\"")
    with pytest.raises(ExtractorError, match="exited with 1: bad page"):
        failing.extract(HTML)


def test_every_result_knows_its_version_and_params() -> None:
    loaded = registry.load("trafilatura-precision")
    assert loaded.params == {"favor_precision": True}
    assert loaded.version == registry.distribution_version("trafilatura")


@pytest.mark.parametrize("name", registry.DEFAULT_SET)
def test_builtin_extractors_run_on_the_seed_page(name: str) -> None:
    from corpora.registry import open_corpus

    page = open_corpus().pages[0]
    text = registry.load(name).extract(page.read_bytes().decode("utf-8"))
    assert isinstance(text, str)
    if name != "nothing":
        assert "Africa Corps" in text


def test_entry_point_plugin_is_listed_and_runs(cli, tmp_path: Path) -> None:
    listing = cli("list", "extractors").stdout
    assert "example-paragraphs" in listing and "entry-point" in listing
    out = tmp_path / "run"
    summary = json.loads(
        cli(
            "run", "--corpus", "seeds", "-e", "example-paragraphs", "--out", str(out), "--json"
        ).stdout
    )
    row = summary["results"][0]
    assert row["version"] == "0.2.0" and row["failures"] == 0
    assert row["metrics"]["recall"] == 1.0  # every gold paragraph is a <p> in the seed page


def test_list_shows_install_hints(cli) -> None:
    listing = cli("list", "extractors").stdout
    assert "pip install 'boilerbench[resiliparse]'" in listing
    assert "pip install trafilatura" in listing

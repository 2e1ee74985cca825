"""The Python API (``import boilerbench``): what the CLI does, callable from a notebook, with
the AEB figures the CLI gives; plain functions are extractors; runs load back from disk."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import boilerbench as bb
from bench.params import ParamError

pytestmark = pytest.mark.integration


def visible_text(html: str) -> str:
    """All visible text: the same as the ``everything`` baseline, written by a user."""
    import html_text

    return html_text.extract_text(html)


@pytest.mark.public_data
def test_evaluate_on_aeb_gives_the_published_figures(aeb_dir: Path, tmp_path: Path) -> None:
    run = bb.evaluate(
        corpus=f"aeb:{aeb_dir}",
        extractors=["trafilatura", "everything", visible_text],
        jobs=2,
        out=tmp_path / "run",
    )
    table = run.table()
    assert list(table.index) == ["trafilatura", "everything", "visible_text"]
    assert table.loc["trafilatura", "f1"] == pytest.approx(0.953, abs=0.01)
    assert table.loc["everything", "f1"] == pytest.approx(0.665, abs=0.01)
    # a plain function is an extractor like any other, with the same figure
    assert table.loc["visible_text", "f1"] == pytest.approx(table.loc["everything", "f1"])
    for column in ("precision", "recall", "accuracy", "failures", "empty", "pages_per_s"):
        assert column in table.columns
    assert table["failures"].sum() == 0
    pages = run.pages()
    assert len(pages) == 3 * 181
    assert {"extractor", "page", "aeb.tp", "error", "seconds"} <= set(pages.columns)
    again = bb.load_run(run.path)
    assert again.table().loc["trafilatura", "f1"] == table.loc["trafilatura", "f1"]
    assert "trafilatura" in again.report("md")
    recorded = {e.name: e.target for e in again.manifest.extractors}
    assert recorded["visible_text"] == "test_api:visible_text"  # importable: loadable anywhere


def test_out_defaults_to_a_kept_temporary_folder() -> None:
    run = bb.evaluate("seeds", ["nothing", "everything"], jobs=1, cache=False)
    assert run.path.is_dir() and (run.path / "summary.json").is_file()
    assert run.table().loc["nothing", "empty"] == 1
    assert bb.load_run(run.path).extractors == ("nothing", "everything")


def test_params_and_short_names(tmp_path: Path) -> None:
    run = bb.evaluate(
        "seeds",
        ["precise=trafilatura", "trafilatura"],
        params={"precise": {"favor_precision": True}},
        jobs=1,
        out=tmp_path / "run",
        cache=False,
    )
    records = {e.name: e for e in run.manifest.extractors}
    assert records["precise"].target == "trafilatura"
    assert records["precise"].params == {"favor_precision": True}
    assert records["trafilatura"].params == {}
    assert records["precise"].identity["libraries"]["lxml"]
    with pytest.raises(ParamError, match="did you mean 'precise'"):
        bb.evaluate("seeds", ["precise=trafilatura"], params={"precize": {"fast": True}})


def test_unknown_parameter_fails_before_any_page(tmp_path: Path) -> None:
    from extractors.base import ExtractorError

    with pytest.raises(ExtractorError, match="did you mean 'favor_precision'"):
        bb.evaluate(
            "seeds",
            ["trafilatura"],
            params={"trafilatura": {"favour_precision": True}},
            out=tmp_path / "run",
        )
    assert not (tmp_path / "run").exists()


def test_import_is_lazy() -> None:
    """``import boilerbench`` loads no extractor library, numpy or pandas."""
    probe = (
        "import sys, boilerbench; "
        "print(sorted(m for m in ('numpy', 'pandas', 'trafilatura', 'lxml', 'bench.runner') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"

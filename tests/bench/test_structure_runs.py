"""The structure metric end to end through the CLI: the built-in corpus with a text, a
markdown and a whole-page markdown extractor (the issue's check), the reports' structure
table, plot and page view, and structure fixtures in Mozilla Readability's layout."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from extractors import readability_js_adapter as rjs

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "structure-fixtures"


def _metrics(run: Path) -> dict[str, dict[str, dict[str, float]]]:
    summary = json.loads((run / "summary.json").read_text())
    return {r["extractor"]: r["all_metrics"] for r in summary["results"]}


@pytest.fixture(scope="module")
def builtin_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    out = tmp_path_factory.mktemp("structure") / "run"
    extractors = "trafilatura,trafilatura-markdown,everything-markdown"
    run_cli("run", "-e", extractors, "--metric", "aeb,structure", "--jobs", "2", "--out", str(out))
    return out


@pytest.mark.integration
def test_markdown_keeps_structure_that_text_loses_on_the_builtin_corpus(builtin_run) -> None:
    scores = _metrics(builtin_run)
    text, markdown = scores["trafilatura"]["structure"], scores["trafilatura-markdown"]["structure"]
    everything = scores["everything-markdown"]["structure"]
    assert markdown["heading_f1"] > text["heading_f1"] + 0.5
    assert markdown["table_f1"] > text["table_f1"] + 0.5
    assert markdown["structure_f1"] > text["structure_f1"]
    # the whole page: nearly every gold block is there, among many that are not gold
    assert everything["structure_recall"] >= 0.8
    assert everything["structure_precision"] <= 0.4
    # the text figure of a text extractor is what it was (on this build of the corpus)
    assert round(scores["trafilatura"]["aeb"]["f1"], 3) == 0.894
    # a markdown output's text metrics read its text: the same words as trafilatura's text
    assert (
        abs(scores["trafilatura-markdown"]["aeb"]["f1"] - scores["trafilatura"]["aeb"]["f1"]) < 0.01
    )


@pytest.mark.integration
def test_results_record_the_output_kind(builtin_run) -> None:
    kinds = {}
    for line in (builtin_run / "results.jsonl").read_text().splitlines():
        record = json.loads(line)
        kinds.setdefault(record["extractor"], set()).add(record["output_kind"])
    assert kinds == {
        "trafilatura": {"text"},
        "trafilatura-markdown": {"markdown"},
        "everything-markdown": {"markdown"},
    }
    listing = json.loads((builtin_run / "results.jsonl").read_text().splitlines()[0])
    assert "structure" in listing["scores"] or listing["page"].split("-")[1] == "index"


@pytest.mark.integration
def test_reports_show_the_structure_table_plot_and_blocks(builtin_run, cli) -> None:
    md = cli("report", str(builtin_run), "--format", "md").stdout
    table = md[md.index("**Structure**") :]
    assert (
        "| extractor | structure F1 | heading | paragraph | list | table | code | quote |" in table
    )
    assert "| trafilatura-markdown |" in table
    term = cli("report", str(builtin_run)).stdout
    assert "structure: F1 of aligned blocks per type" in term
    cli("report", str(builtin_run), "--format", "html")
    html = (builtin_run / "report.html").read_text()
    assert 'id="structure"' in html and 'data-plot="structure-f1"' in html
    data = json.loads(
        re.search(r'id="pages-data">(.*?)</script>', html, re.S).group(1)  # type: ignore[union-attr]
    )
    views = [ex["structure"] for page in data["pages"] for ex in page["extractors"]]
    assert views and all(v is None or {"gold", "output", "missed"} <= set(v) for v in views)
    # trafilatura's text has no headings: the page view marks them missed
    text_views = [
        ex["structure"]
        for page in data["pages"]
        for ex in page["extractors"]
        if ex["name"] == "trafilatura" and ex["structure"]
    ]
    assert any("heading" in v["missed"] for v in text_views)
    assert any(b[2] == "missed" and b[0].startswith("h") for v in text_views for b in v["gold"])


@pytest.mark.integration
def test_readability_js_html_reproduces_the_fixtures_structure(cli, tmp_path: Path) -> None:
    """Our five hand-written pages in Mozilla's test-page layout (not Mozilla's own pages)."""
    _version, problem = rjs.probe()
    if problem or shutil.which("node") is None:
        pytest.skip(f"readability-js: {problem}")
    out = tmp_path / "run"
    extractors = "readability-js-html,readability-html,everything-markdown,trafilatura"
    cli(
        "run",
        "--corpus",
        str(FIXTURES),
        "-e",
        extractors,
        "--metric",
        "structure",
        "--out",
        str(out),
    )
    scores = {name: m["structure"] for name, m in _metrics(out).items()}
    assert scores["readability-js-html"]["structure_f1"] >= 0.9
    assert scores["readability-html"]["structure_f1"] >= 0.85
    assert (
        scores["everything-markdown"]["structure_f1"]
        <= scores["readability-js-html"]["structure_f1"] - 0.25
    )
    # plain text gets credit for paragraphs only
    assert scores["trafilatura"]["heading_f1"] == 0.0
    assert scores["trafilatura"]["paragraph_recall"] > 0.0

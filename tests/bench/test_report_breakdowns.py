"""Breakdowns by page label as a first-class result, through the real CLI: ``summary.json``
holds every metric's statistics with intervals per label value; every report shows a matrix
per label without ``--by`` (after the main table in the terminal, fitted at 100 and 80
columns, split when too wide; Markdown; the CSV/JSON groups table; an HTML plot per label)."""

from __future__ import annotations

import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PLUGINS

from bench import metrics
from bench.store import RunStore
from corpora import native

EXTRACTORS = ("trafilatura", "justext", "readability", "everything", "nothing")
SECTIONS = ("culture", "economy", "politics", "science", "sport")  # 10 pages each
PAGES = 50
CUT_NUMBER = re.compile(r"\d…|…\d")
WORDS = re.findall(
    r"\w+",
    "the council said on monday that the new bridge over the river would open next spring "
    "after years of delays and rising costs while residents of the harbour district welcomed "
    "the news but warned that traffic in the old town could get worse",
)
MENU = "Home News Sport Weather Culture Contact Archive Subscribe Login Search Help"


def corpus(out: Path) -> Path:
    """50 pages in five sections (10 each) and two templates; the ``listing`` template hides
    half its text in a sidebar, so extractors differ between the values of a label."""
    rng = random.Random(11)
    pages = []
    for i in range(PAGES):
        section = SECTIONS[i % len(SECTIONS)]
        template = "listing" if i % 2 else "story"
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(20 + 5 * (i % 4))).capitalize() + "."
            for _ in range(5)
        ]
        body = "".join(f"<p>{p}</p>" for p in paragraphs[:3])
        rest = "".join(f"<p>{p}</p>" for p in paragraphs[3:])
        main = (
            f"<article>{body}</article><aside>{rest}</aside>"
            if template == "listing"
            else f"<article>{body}{rest}</article>"
        )
        html = (
            "<html lang='en'><head><meta charset='utf-8'><title>Bridge</title></head><body>"
            f"<nav>{MENU}</nav>{main}<footer>{MENU}</footer></body></html>"
        )
        record = {
            "text": "\n\n".join(paragraphs),
            "language": "en",
            "template": template,
            "labels": {"section": section, "page_number": str(i)},
        }
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "sections", pages)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    root = tmp_path_factory.mktemp("breakdowns")
    out = root / "run"
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus")),
        "-e",
        ",".join(EXTRACTORS),
        "--metric",
        "aeb,tokens",
        "--out",
        str(out),
        "--no-progress",
    )
    return out


def _summary(run_dir: Path) -> dict:
    return json.loads((run_dir / "summary.json").read_text(encoding="utf-8"))


def _report(run: Path, columns: int, *args: str) -> str:
    """``boilerbench report RUN`` with ``COLUMNS`` set, as a user's terminal would."""
    exe = Path(sys.executable).with_name("boilerbench")
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "COLUMNS": str(columns)}
    done = subprocess.run(
        [str(exe), "report", str(run), *args], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_summary_holds_every_metric_per_label_value(run_dir: Path) -> None:
    summary = _summary(run_dir)
    results = RunStore(run_dir).results()
    labels = {page: own for page, own in summary["page_labels"].items()}
    for row in summary["results"]:
        # page_number (one page per value) is not broken down; language (one value) is
        assert set(row["breakdowns"]) == {"language", "section", "template"}
        for value in SECTIONS:
            group = row["breakdowns"]["section"][value]
            assert group["n_pages"] == 10
            assert set(group["all_metrics"]) == {"aeb", "tokens"}
            for name in ("aeb", "tokens"):
                metric = metrics.get(name)
                pages = sorted(
                    (
                        r
                        for r in results
                        if r.extractor == row["extractor"] and labels[r.page]["section"] == value
                    ),
                    key=lambda r: r.page,
                )
                expected = metric.aggregate([r.scores[name] for r in pages], n_bootstrap=0)
                stored = group["all_metrics"][name]
                for field in metric.info.field_names:
                    assert stored[field] == pytest.approx(expected[field])
                    low, high = group["all_bounds"][name][field]
                    assert low <= stored[field] + 1e-12 and stored[field] <= high + 1e-12
            # the headline metric's statistics stay where they were, with their bounds
            assert group["f1"] == group["all_metrics"]["aeb"]["f1"]
            assert group["bounds"]["f1"] == group["all_bounds"]["aeb"]["f1"]


@pytest.mark.parametrize("columns", [100, 80])
def test_the_terminal_report_shows_a_matrix_per_label_after_the_main_table(
    run_dir: Path, columns: int
) -> None:
    out = _report(run_dir, columns)
    assert max(len(line) for line in out.splitlines()) <= columns
    assert not CUT_NUMBER.search(out), CUT_NUMBER.search(out)
    main = out.index("metric aeb")
    section = out.index("F1 by section")
    template = out.index("F1 by template")
    assert main < section < template < out.index("paired F1 differences")
    assert "F1 by page_number" not in out and "F1 by language" not in out  # one page / value
    # five sections and five extractors: extractors are the rows, sections the columns,
    # split into two tables at 80 columns
    n_parts = out.count("F1 by section")
    assert n_parts == (1 if columns == 100 else 2)
    assert ("(1/2)" in out and "(2/2)" in out) == (n_parts == 2)
    matrix = out[section:template]
    for value in SECTIONS:
        assert value in matrix
    assert matrix.count("10 pages") == len(SECTIONS)
    summary = _summary(run_dir)
    for row in summary["results"]:
        lines = [line for line in matrix.splitlines() if f"│ {row['extractor']} " in line]
        assert len(lines) == n_parts  # a row in every part
        cells = " ".join(lines)
        for value in SECTIONS:
            group = row["breakdowns"]["section"][value]
            assert f"{group['f1']:.3f}" in cells
        low, high = row["breakdowns"]["template"]["story"]["bounds"]["f1"]
        assert f"{low:.3f}–{high:.3f}" in out[template:]


def test_markdown_csv_json_and_html_carry_the_breakdowns(run_dir: Path, tmp_path: Path) -> None:
    from conftest import run_cli

    summary = _summary(run_dir)
    md = run_cli("report", str(run_dir), "-f", "md").stdout
    assert md.index("**F1 by section**") < md.index("**F1 by template**")
    header = next(line for line in md.splitlines() if line.startswith("| extractor | culture"))
    assert header.count("(10 pages)") == len(SECTIONS)
    trafilatura = summary["results"][0]
    story = trafilatura["breakdowns"]["template"]["story"]
    low, high = story["bounds"]["f1"]
    assert f"{story['f1']:.3f}" in md and f"[{low:.3f}–{high:.3f}]" in md

    for fmt in ("csv", "json"):
        out = run_cli("report", str(run_dir), "-f", fmt, "--table", "groups").stdout
        table = pd.read_csv(io.StringIO(out)) if fmt == "csv" else pd.read_json(io.StringIO(out))
        assert set(table["label"]) == {"language", "section", "template"}
        assert len(table) == len(EXTRACTORS) * (1 + len(SECTIONS) + 2)
        assert {"f1", "f1_low", "f1_high", "tokens.f1", "tokens.f1_low"} <= set(table.columns)
        row = table[(table["label"] == "template") & (table["value"] == "story")]
        row = row.set_index("extractor").loc["trafilatura"]
        assert row["f1"] == pytest.approx(story["f1"])
        tokens = story["all_metrics"]["tokens"]["f1"]
        assert row["tokens.f1"] == pytest.approx(tokens)

    html_file = tmp_path / "report.html"
    run_cli("report", str(run_dir), "-f", "html", "-o", str(html_file), "--pages", "0")
    html = html_file.read_text(encoding="utf-8")
    for label in ("section", "template"):
        svg = re.search(rf'<svg [^>]*data-plot="breakdown-{label}".*?</svg>', html, re.S)
        assert svg is not None
        for value in SECTIONS if label == "section" else ("listing", "story"):
            assert f"{value} (" in svg[0]  # one row per value, with its pages
        for name in EXTRACTORS:  # one interval per extractor, named in the legend
            assert name in svg[0]

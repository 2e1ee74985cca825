"""A metric where lower is better, added as one module with one entry point (``edits`` in the
example plugin package, ``tests/plugins/example_plugin``): it is ranked lowest first, its
pairs and comparisons are oriented by that direction, and every report format says so."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

import pandas as pd
import pytest

from corpora import native

EXTRACTORS = ("trafilatura", "everything", "nothing")
SENTENCES = [
    "The ferry across the estuary runs every hour in summer.",
    "In winter it sails twice a day when the weather allows.",
    "The council has promised a new pier before next spring.",
    "Fishermen say the old harbour wall needs repairs first.",
    "Tickets cost less for residents who show a harbour card.",
]
MENU = "Home News Sport Weather Culture Contact Archive Subscribe Login Search Help"


def corpus(out: Path, n_pages: int = 12) -> Path:
    rng = random.Random(2)
    pages = []
    for i in range(n_pages):
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(4)]
        html = (
            "<html lang='en'><head><meta charset='utf-8'><title>Ferry</title></head><body>"
            f"<nav>{MENU}</nav><article>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
            f"<footer>{MENU}</footer></body></html>"
        )
        record = {"text": "\n\n".join(paragraphs), "language": "en", "template": "news"}
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "ferry", pages)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    root = tmp_path_factory.mktemp("edits")
    out = root / "run"
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus")),
        "-e",
        ",".join(EXTRACTORS),
        "--metric",
        "edits,aeb",
        "--out",
        str(out),
        "--no-progress",
    )
    return out


def distances(run_dir: Path) -> dict[str, float]:
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["metric"] == "edits"
    return {r["extractor"]: r["all_metrics"]["edits"]["distance"] for r in summary["results"]}


def test_the_plugin_is_ranked_lowest_first(run_dir: Path) -> None:
    summary = json.loads((run_dir / "summary.json").read_text())
    info = summary["metric_info"][0]
    assert info["headline"] == "distance" and not info["fields"][0]["higher_is_better"]
    d = distances(run_dir)
    assert d["trafilatura"] < d["everything"] and d["nothing"] == 1.0  # deleting all gold
    ranks = {r["extractor"]: r["rank"] for r in summary["results"]}
    best = min(d, key=d.__getitem__)
    assert ranks[best][0] == 1
    for pair in summary["pairs"]:  # the better (lower) first
        assert pair["diff"] <= 0 and pair["a_value"] <= pair["b_value"]
    assert summary["results"][0]["breakdowns"]["template"]["news"]["n_pages"] == 12


def test_terminal_markdown_csv_json_and_html_render_it_the_right_way_round(
    cli, run_dir: Path, tmp_path: Path
) -> None:
    d = distances(run_dir)
    order = sorted(d, key=d.__getitem__)  # lowest first
    term = cli("report", str(run_dir)).stdout
    assert "metric edits (edits per word, lower is better)" in term
    rows = [line for line in term.splitlines() if line.startswith("│") and "│" in line[1:]]
    ranked = [name for line in rows for name in EXTRACTORS if f"│ {name} " in line]
    assert ranked[:3] == order
    assert "Significantly different (edits per word, lower is better)" in term
    assert f"{order[0]} < " in term  # the lower is the better
    assert "per-page edits per word distribution" in term

    md = cli("report", str(run_dir), "-f", "md").stdout
    table = [line for line in md.splitlines() if re.match(r"\| [\d–]+ \| \*\*", line)]
    assert [line.split("**")[1] for line in table] == order
    assert "edits per word [95% CI]" in md

    csv = pd.read_csv(io.StringIO(cli("report", str(run_dir), "-f", "csv").stdout))
    assert list(csv["extractor"]) == order
    assert {"distance", "distance_low", "missed", "aeb.f1", "aeb.f1_low"} <= set(csv.columns)
    assert csv.set_index("extractor").loc[order[0], "rank_best"] == 1

    pairs = json.loads(cli("report", str(run_dir), "-f", "json", "--table", "pairs").stdout)
    assert pairs and all(p["diff"] <= 0 for p in pairs)

    out = tmp_path / "report.html"
    cli("report", str(run_dir), "-f", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "edits per word (edits, lower is better)" in html  # the plot axes
    data = json.loads(re.search(r'id="pages-data">(.*?)</script>', html, re.S)[1])
    assert data["metric"]["headline"] == "distance"
    assert data["metric"]["higher_is_better"] is False
    main = html[html.index('<table class="main">') :]
    found = [name for name in re.findall(r'data-extractor="([^"]+)"', main)][:3]
    assert found == order


def test_compare_counts_a_decrease_as_an_improvement(cli, run_dir: Path) -> None:
    run = str(run_dir)
    better = cli("compare", run, run, "--pair", "everything=trafilatura", "--json").stdout
    change = next(c for c in json.loads(better)["changes"] if c["metric"] == "distance")
    assert change["diff"] < 0 and change["significant"]
    table = cli("compare", run, run, "--pair", "everything=trafilatura").stdout
    row = next(line for line in table.splitlines() if "│ distance" in line)
    assert "better" in row
    assert (
        cli(
            "compare", run, run, "--pair", "everything=trafilatura", "--fail", "distance:+0.01"
        ).returncode
        == 0
    )
    worse = cli(
        "compare",
        run,
        run,
        "--pair",
        "trafilatura=everything",
        "--fail",
        "distance:+0.01",
        check=False,
    )
    assert worse.returncode == 1 and "breaks distance:+0.01" in worse.stderr
    row = next(line for line in worse.stdout.splitlines() if "│ distance" in line)
    assert "worse" in row
    # the headline metric's F1 is still gated the usual way, under its own name
    gated = cli(
        "compare",
        run,
        run,
        "--pair",
        "trafilatura=everything",
        "--fail",
        "aeb.f1:-0.01",
        check=False,
    )
    assert gated.returncode == 1 and "breaks aeb.f1:-0.01" in gated.stderr


def test_a_threshold_that_allows_an_improvement_is_refused(cli, run_dir: Path) -> None:
    done = cli("compare", str(run_dir), str(run_dir), "--fail", "distance:-0.01", check=False)
    assert done.returncode == 2
    assert "gets worse when it rises" in done.stderr and "distance:+0.01" in done.stderr

"""``boilerbench compare`` per page label: the headline's paired change on the pages of every
label value, oriented by the metric's direction (the example plugin's ``edits``, where lower
is better) and Holm-adjusted within each label."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench import stats
from corpora import native

SENTENCES = [
    "The ferry across the estuary runs every hour in summer.",
    "In winter it sails twice a day when the weather allows.",
    "The council has promised a new pier before next spring.",
    "Fishermen say the old harbour wall needs repairs first.",
    "Tickets cost less for residents who show a harbour card.",
]
MENU = "Home News Sport Weather Culture Contact Archive Subscribe Login Search Help"
TEMPLATES = ("news", "blog")
SITES = ("a", "b", "c")


def corpus(out: Path, n_pages: int = 30) -> Path:
    """Two templates (15 pages each), three sites; blog pages carry a longer menu."""
    rng = random.Random(4)
    pages = []
    for i in range(n_pages):
        template = TEMPLATES[i % 2]
        menu = MENU * (3 if template == "blog" else 1)
        paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(4)]
        html = (
            "<html lang='en'><head><meta charset='utf-8'><title>Ferry</title></head><body>"
            f"<nav>{menu}</nav><article>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>"
            f"<footer>{menu}</footer></body></html>"
        )
        record = {
            "text": "\n\n".join(paragraphs),
            "language": "en",
            "template": template,
            "labels": {"site": SITES[i % 3]},
        }
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "ferry-sites", pages)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    root = tmp_path_factory.mktemp("compare-labels")
    out = root / "run"
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus")),
        "-e",
        "trafilatura,everything",
        "--metric",
        "edits,aeb",
        "--out",
        str(out),
        "--no-progress",
    )
    return out


def test_a_lower_distance_is_better_on_every_label_value(cli, run_dir: Path) -> None:
    run = str(run_dir)
    data = json.loads(cli("compare", run, run, "--pair", "everything=trafilatura", "--json").stdout)
    groups = data["breakdowns"]
    assert set(groups) == {"site", "template"}  # language: one value, the whole run
    assert [g["value"] for g in groups["template"]] == sorted(TEMPLATES)
    assert [g["n_pages"] for g in groups["site"]] == [10, 10, 10]
    for changes in groups.values():
        for change in changes:
            assert change["metric"] == "distance"  # the headline of the headline metric
            assert change["a"] == "everything" and change["b"] == "trafilatura"
            assert change["diff"] < 0 and change["high"] < 0  # fewer edits: better
            assert change["significant"]
    table = cli("compare", run, run, "--pair", "everything=trafilatura").stdout
    section = table[table.index("distance by template") :]
    rows = [line for line in section.splitlines() if "│ news " in line or "│ blog " in line]
    assert len(rows) == 2 and all("better" in row for row in rows)

    worse = cli("compare", run, run, "--pair", "trafilatura=everything").stdout
    section = worse[worse.index("distance by site") :]
    rows = [line for line in section.splitlines() if any(f"│ {s} " in line for s in SITES)]
    assert len(rows) == 3 and all("worse" in row for row in rows)


def test_p_values_are_holm_adjusted_within_each_label(cli, run_dir: Path) -> None:
    run = str(run_dir)
    data = json.loads(
        cli(
            "compare",
            run,
            run,
            "--pair",
            "everything=trafilatura",
            "--pair",
            "trafilatura=trafilatura",
            "--json",
        ).stdout
    )
    for label, changes in data["breakdowns"].items():
        control = [c for c in changes if c["a"] == c["b"]]
        tested = [c for c in changes if c["a"] != c["b"]]
        # the control is the same on every resample: p = 1, left out of the family
        assert len(control) == len(tested) == (2 if label == "template" else 3)
        assert all(c["diff"] == 0 and c["p_holm"] == 1.0 for c in control)
        expected = stats.holm([c["p_value"] for c in tested])
        assert [c["p_holm"] for c in tested] == pytest.approx(expected)
        assert all(c["p_holm"] >= c["p_value"] for c in tested)

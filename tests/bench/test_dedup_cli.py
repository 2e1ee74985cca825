"""``boilerbench dedup`` and ``boilerbench corpus dupes`` through the real CLI."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from corpora import native

WORDS = [
    "river",
    "council",
    "budget",
    "harbour",
    "tunnel",
    "school",
    "library",
    "festival",
    "museum",
    "station",
    "bridge",
    "market",
    "winter",
    "summer",
    "report",
    "engineer",
    "teacher",
    "farmer",
    "doctor",
    "artist",
    "election",
    "vote",
    "road",
    "garden",
    "morning",
    "evening",
    "village",
    "city",
    "coast",
    "mountain",
    "forest",
    "island",
    "factory",
    "harvest",
    "ferry",
    "orchestra",
    "painter",
    "novel",
    "chapter",
    "league",
    "match",
    "season",
    "storm",
    "flood",
    "drought",
    "energy",
    "solar",
    "wind",
    "water",
]


def _article(rng: random.Random, paragraphs: int = 3) -> list[str]:
    return [
        " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(paragraphs)
    ]


def _page(template: int, paragraphs: list[str], boilerplate: list[str]) -> bytes:
    nav = "".join(f"<li><a href='/s{i}'>{w}</a></li>" for i, w in enumerate(boilerplate[:40]))
    footer = " ".join(boilerplate[40:])
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>Site {template}</title></head><body>"
        f"<nav><ul>{nav}</ul></nav><div class='sidebar'><p>{footer}</p></div>"
        f"<article><h1>Story</h1>{body}</article><footer><p>{footer}</p></footer>"
        "</body></html>"
    ).encode()


@pytest.fixture(scope="module")
def dup_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """3 articles syndicated on 3 templates whose heavy boilerplate is shared per template."""
    rng = random.Random(5)
    articles = [_article(rng) for _ in range(3)]
    boiler = [[rng.choice(WORDS) + str(rng.randrange(99)) for _ in range(600)] for _ in range(3)]
    pages = [
        native.PageToWrite(
            f"a{a}-t{t}",
            _page(t, articles[a], boiler[t]),
            {"text": "\n\n".join(articles[a]), "dup_group": f"article-{a}", "template": f"t{t}"},
        )
        for a in range(3)
        for t in range(3)
    ]
    out = tmp_path_factory.mktemp("dups") / "corpus"
    native.write(out, "dups", pages)
    return out


def test_extraction_fixes_false_merges_and_finds_syndicated_copies(
    cli, dup_corpus: Path, tmp_path: Path
) -> None:
    done = cli(
        "dedup",
        "--corpus",
        str(dup_corpus),
        "-e",
        "trafilatura",
        "--threshold",
        "0.7",
        "--out",
        str(tmp_path / "run"),
        "--json",
    )
    report = json.loads(done.stdout)
    assert report["settings"]["bands"] * report["settings"]["rows"] <= 128
    rows = {r["extractor"]: r for r in report["results"]}
    raw, traf = rows["raw (everything)"], rows["trafilatura"]
    assert raw["false_merges"] > 0  # shared boilerplate merges different articles
    assert traf["false_merges"] == 0
    assert traf["pairwise"]["f1"] == 1.0 > raw["pairwise"]["f1"]
    assert traf["separation_auc"] == 1.0 > raw["separation_auc"]
    assert (tmp_path / "run" / "dedup.json").is_file()
    again = json.loads(
        cli(
            "dedup",
            "--run",
            str(tmp_path / "run"),
            "-e",
            "trafilatura",
            "--threshold",
            "0.7",
            "--json",
        ).stdout
    )
    scores = ("extractor", "pairwise", "ari", "false_merges", "separation_auc", "clusters")

    def keep(rows: list[dict]) -> list[dict]:
        return [{k: r.get(k) for k in scores} for r in rows]

    assert keep(again["results"]) == keep(report["results"])  # reproducible from the run


def test_dedup_refuses_a_run_without_the_extractor(cli, dup_corpus: Path, tmp_path: Path) -> None:
    cli("run", "--corpus", str(dup_corpus), "-e", "nothing", "--out", str(tmp_path / "r"))
    done = cli("dedup", "--run", str(tmp_path / "r"), "-e", "trafilatura", check=False)
    assert done.returncode == 2 and "has no outputs of everything, trafilatura" in done.stderr


def test_corpus_dupes_lists_pairs(cli, dup_corpus: Path) -> None:
    gold = json.loads(cli("corpus", "dupes", str(dup_corpus), "--json").stdout)
    groups = {tuple(sorted((p["a"][:2], p["b"][:2]))) for p in gold["pairs"]}
    assert len(gold["pairs"]) == 9 and groups == {("a0", "a0"), ("a1", "a1"), ("a2", "a2")}
    assert all(p["jaccard"] == 1.0 for p in gold["pairs"])


@pytest.mark.integration
@pytest.mark.public_data
def test_aeb_has_no_duplicate_gold_texts(cli, aeb_dir: Path) -> None:
    found = json.loads(cli("corpus", "dupes", str(aeb_dir), "--threshold", "0.5", "--json").stdout)
    assert found["pages"] == 181 and found["pairs"] == []

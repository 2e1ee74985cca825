"""On WCXB's dev split (Foley, 2026, CC-BY-4.0), our loader plus the ``words`` metric give the
figures measured independently by calling each library and scoring with WCXB's own
evaluate.py (±0.005), overall and for trafilatura by page type, which the summary's
breakdown stores too: one CLI run of four extractors (a few minutes on two cores)."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SHARED, public_corpus

from corpora.registry import open_corpus

pytestmark = [pytest.mark.public_data, pytest.mark.slow, pytest.mark.integration]

WCXB_DEV = SHARED / "corpora" / "wcxb-dev"
EXPECTED_F1 = {
    "trafilatura": 0.818,
    "readability": 0.703,
    "justext-aeb": 0.725,
    "everything": 0.692,
}
TRAFILATURA_SNIPPETS = {"with_rate": 0.739, "without_rate": 0.072}
TRAFILATURA_BY_PAGE_TYPE = {
    "article": 0.929,
    "documentation": 0.917,
    "service": 0.765,
    "forum": 0.703,
    "product": 0.630,
    "listing": 0.578,
    "collection": 0.574,
}
TOLERANCE = 0.005


def test_wcxb_dev_figures(cli, tmp_path: Path) -> None:
    root = public_corpus(WCXB_DEV)
    out = tmp_path / "run"
    done = cli(
        "run",
        "--corpus",
        f"wcxb:{root}",
        "-e",
        ",".join(EXPECTED_F1),
        "--metric",
        "words",
        "--out",
        str(out),
        "--json",
        timeout=3600,
    )
    rows = {r["extractor"]: r for r in json.loads(done.stdout)["results"]}
    measured = {name: round(rows[name]["metrics"]["f1"], 4) for name in EXPECTED_F1}
    for name, want in EXPECTED_F1.items():
        assert rows[name]["n_pages"] == 1497 and rows[name]["failures"] == 0
        assert measured[name] == pytest.approx(want, abs=TOLERANCE), measured
    for key, want in TRAFILATURA_SNIPPETS.items():
        assert rows["trafilatura"]["metrics"][key] == pytest.approx(want, abs=TOLERANCE)

    # by page type, from the per-page results and the pages' labels
    page_type = {p.id: p.label("page_type") for p in open_corpus(f"wcxb:{root}").pages}
    f1s: dict[str, list[float]] = defaultdict(list)
    with (out / "results.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("extractor") == "trafilatura" and "scores" in record:
                f1s[page_type[record["page"]]].append(record["scores"]["words"]["f1"])
    by_type = {kind: round(sum(v) / len(v), 4) for kind, v in f1s.items()}
    assert set(by_type) == set(TRAFILATURA_BY_PAGE_TYPE)
    for kind, want in TRAFILATURA_BY_PAGE_TYPE.items():
        assert by_type[kind] == pytest.approx(want, abs=TOLERANCE), by_type

    # the summary's breakdown by page type is the same figure, with its interval
    stored = rows["trafilatura"]["breakdowns"]["page_type"]
    for kind, values in f1s.items():
        group = stored[kind]
        assert group["n_pages"] == len(values)
        assert group["f1"] == pytest.approx(sum(values) / len(values), abs=1e-9)
        low, high = group["bounds"]["f1"]
        assert low < group["f1"] < high
        assert set(group["all_metrics"]["words"]) >= {"f1", "with_rate", "without_rate"}

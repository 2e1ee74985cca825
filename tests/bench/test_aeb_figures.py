"""On AEB, the built-in extractors reproduce the figures measured independently (±0.01)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = [pytest.mark.public_data, pytest.mark.slow, pytest.mark.integration]

EXPECTED_F1 = {
    "trafilatura": 0.953,
    "trafilatura-no-comments": 0.960,
    "trafilatura-precision": 0.959,
    "trafilatura-recall": 0.952,
    "readability": 0.955,
    "justext-aeb": 0.804,
    "everything": 0.665,
    "nothing": 0.0,
}


def test_aeb_f1_figures(cli, aeb_dir: Path, tmp_path: Path) -> None:
    done = cli(
        "run",
        "--corpus",
        str(aeb_dir),
        "-e",
        ",".join(EXPECTED_F1),
        "--out",
        str(tmp_path / "run"),
        "--json",
    )
    rows = {r["extractor"]: r for r in json.loads(done.stdout)["results"]}
    measured = {name: round(rows[name]["metrics"]["f1"], 3) for name in EXPECTED_F1}
    for name, want in EXPECTED_F1.items():
        assert measured[name] == pytest.approx(want, abs=0.01), measured
        assert rows[name]["failures"] == 0
        assert rows[name]["n_pages"] == 181

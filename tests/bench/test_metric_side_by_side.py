"""Several metrics in one run on AEB: every one is stored for every extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.mark.integration
@pytest.mark.public_data
@pytest.mark.slow
def test_aeb_tokens_and_rouge_side_by_side(cli, aeb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    summary = json.loads(
        cli(
            "run",
            "--corpus",
            str(aeb_dir),
            "-e",
            "everything",
            "--metric",
            "aeb,tokens,rouge-lsum",
            "--out",
            str(out),
            "--json",
            "--no-progress",
        ).stdout
    )
    assert summary["metric"] == "aeb"
    scores = summary["results"][0]["all_metrics"]
    assert list(scores) == ["aeb", "tokens", "rouge-lsum"]
    # html-text keeps all the text: AEB's published 0.665, and recall near 1 everywhere
    assert round(scores["aeb"]["f1"], 3) == 0.665
    assert round(scores["tokens"]["f1"], 3) == 0.640 and scores["tokens"]["recall"] > 0.999
    assert round(scores["rouge-lsum"]["f1"], 3) == 0.638
    assert scores["rouge-lsum"]["recall"] > 0.999 and scores["rouge-lsum"]["cjk_pages"] == 13
    page = json.loads((out / "results.jsonl").read_text().splitlines()[0])
    assert set(page["scores"]) == {"aeb", "tokens", "rouge-lsum"}
    assert page["scores"]["rouge-lsum"]["tokenizer_cjk"] in (0.0, 1.0)
    table = cli("report", str(out)).stdout
    assert "all metrics side by side" in table
    side_by_side = table[table.index("all metrics side by side") :]
    row = next(line for line in side_by_side.splitlines() if line.startswith("│ everything"))
    assert "0.665" in row and "0.640" in row and "0.638" in row

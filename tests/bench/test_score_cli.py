"""``boilerbench score`` on predictions made elsewhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.store import RunStore

SEED = "000_ffe9e71a67f59030"


def test_score_formats_agree(cli, tmp_path: Path) -> None:
    from corpora.registry import open_corpus

    gold = open_corpus("seeds").page(SEED).gold.text
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps({SEED: gold}))
    wrapped = tmp_path / "aeb.json"
    wrapped.write_text(json.dumps({"version": "1.0", "output": {SEED: {"articleBody": gold}}}))
    lines = tmp_path / "preds.jsonl"
    lines.write_text(json.dumps({"id": SEED, "text": gold}) + "\n")
    for path in (plain, wrapped, lines):
        scores = json.loads(cli("score", "--corpus", "seeds", str(path), "--json").stdout)
        assert scores["f1"] == scores["precision"] == scores["recall"] == 1.0
        assert scores["accuracy"] == 1.0 and scores["n_pages"] == 1
        assert {"f1_std", "precision_std", "recall_std", "accuracy_std"} <= set(scores)


def test_mismatched_ids_are_named(cli, tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    path.write_text(json.dumps({"not-a-page": "text"}))
    done = cli("score", "--corpus", "seeds", str(path), "--json", check=False)
    assert done.returncode == 2
    assert f"missing 1 corpus page(s): {SEED}" in done.stderr
    assert "1 id(s) not in the corpus: not-a-page" in done.stderr


@pytest.mark.integration
@pytest.mark.public_data
def test_scoring_saved_outputs_equals_the_run(cli, aeb_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    run = json.loads(
        cli("run", "--corpus", str(aeb_dir), "-e", "everything", "--out", str(out), "--json").stdout
    )
    saved = tmp_path / "html-text.json"
    texts = RunStore(out).outputs("everything")
    saved.write_text(
        json.dumps(
            {"version": "0.7.1", "output": {k: {"articleBody": v} for k, v in texts.items()}}
        )
    )
    scored = json.loads(cli("score", "--corpus", str(aeb_dir), str(saved), "--json").stdout)
    for key in ("f1", "precision", "recall", "accuracy", "f1_std"):
        assert scored[key] == pytest.approx(run["results"][0]["metrics"][key], abs=1e-12)
    assert round(scored["f1"], 3) == 0.665  # AEB's published html-text figure

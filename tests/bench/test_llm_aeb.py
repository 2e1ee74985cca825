"""The issue's check on AEB: an OpenAI-compatible server on 127.0.0.1 that answers with the
page's visible text scores within 0.03 of the ``everything`` baseline (0.665, the same
visible text computed locally), records tokens and cost, and loses no page when it answers
429 to a quarter of the prompts (twice each, with ``Retry-After``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli
from llm_stub import Rule, StubServer

pytestmark = [pytest.mark.public_data, pytest.mark.integration]

EVERYTHING_F1 = 0.665  # pinned by tests/bench/test_aeb_figures.py


def test_a_visible_text_endpoint_scores_like_everything_and_loses_no_page(
    aeb_dir: Path, tmp_path: Path
) -> None:
    with StubServer(rules=[Rule("429", 0.25, times=2, retry_after="1")]) as stub:
        done = run_cli(
            "run",
            "--corpus",
            str(aeb_dir),
            "-e",
            f"stub=llm:stub@{stub.url}",
            "--param",
            "stub.preset=generic-text",
            "--param",
            "stub.max_input_tokens=1000000",
            "--param",
            "stub.price_in_per_mtok=0.15",
            "--param",
            "stub.price_out_per_mtok=0.6",
            "--jobs",
            "2",
            "--no-cache",
            "--out",
            str(tmp_path / "run"),
            "--json",
        )
        rate_limited = stub.keys_hit("429")
        requests = stub.requests
    row = json.loads(done.stdout)["results"][0]
    assert row["n_pages"] == 181 and row["failures"] == 0
    assert len(rate_limited) >= 20 and requests == 181 + 2 * len(rate_limited)
    assert abs(row["metrics"]["f1"] - EVERYTHING_F1) <= 0.03
    assert row["tokens_in"] > 181 * 1000 and row["tokens_out"] > 0
    expected = (row["tokens_in"] * 0.15 + row["tokens_out"] * 0.6) / 1e6
    assert row["cost_usd"] == pytest.approx(expected)
    assert row["truncated_inputs"] == 0

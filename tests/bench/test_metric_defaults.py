"""Metric names, one-line descriptions, and the default metric for each kind of gold."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import metrics
from corpora.corpus import Corpus
from corpora.page import Gold, Page

NEW = ("snippets", "tokens", "rouge-lsum", "levenshtein")


def test_every_metric_has_the_interface() -> None:
    assert set(NEW) <= set(metrics.names())
    for name in metrics.names():
        metric = metrics.get(name)
        assert name == metric.info.name
        assert metric.info.description and "\n" not in metric.info.description
        assert metric.info.headline in metric.info.field_names
        assert callable(metric.score_page) and callable(metric.aggregate)
        assert metric.aggregate([]) == {}


def test_unknown_metric_suggests_a_name() -> None:
    with pytest.raises(metrics.MetricError, match="did you mean rouge-lsum"):
        metrics.get("rouge-lsun")


def _corpus(*golds: Gold | None) -> Corpus:
    pages = tuple(Page(id=str(i), path=Path("x.html"), gold=g) for i, g in enumerate(golds))
    return Corpus(name="c", format="native", location=".", pages=pages)


def test_default_metrics_follow_the_gold() -> None:
    snippet = Gold(text="", snippets_with=("a",))
    full = Gold(text="a full text")
    assert metrics.default_metrics(_corpus(snippet, snippet, None)) == ("snippets",)
    assert metrics.default_metrics(_corpus(full, Gold(text=""))) == ("aeb",)
    assert metrics.default_metrics(_corpus(full, snippet)) == ("aeb", "snippets")
    assert metrics.default_metrics(_corpus(None)) == ("aeb",)


def test_list_metrics_shows_each_with_its_headline_and_direction(cli) -> None:
    listing = cli("list", "metrics").stdout
    rows = {line.split("│")[1].strip(): line for line in listing.splitlines() if "│" in line}
    for name in ("aeb", *NEW):
        info = metrics.info(name)
        arrow = "↑" if info.headline_field.higher_is_better else "↓"
        assert f"{info.headline} {arrow}" in rows[name]
        assert info.description[:20] in rows[name]
    assert "ratio ↑" in rows["levenshtein"]  # a similarity: 1 − normalised edit distance

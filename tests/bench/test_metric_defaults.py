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
        module = metrics.get(name)
        assert name == module.NAME
        assert module.DESCRIPTION and "\n" not in module.DESCRIPTION
        assert callable(module.score_page) and callable(module.aggregate)
        assert module.aggregate([]) == {}


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


def test_list_metrics_shows_each_with_a_one_line_description(cli) -> None:
    lines = cli("list", "metrics").stdout.splitlines()
    listed = dict(line.split("\t", 1) for line in lines if "\t" in line)
    for name in ("aeb", *NEW):
        assert listed[name] == metrics.get(name).DESCRIPTION

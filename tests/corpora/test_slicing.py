"""Slices by page label (``where``) and the counts of every label, through the functions and
``boilerbench corpus stats``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpora.corpus import Corpus
from corpora.page import Gold, Page
from corpora.slicing import SliceError, describe, label_counts, parse, where


def _page(i: int, language: str | None, **labels: str) -> Page:
    gold = Gold(text=f"page {i}", language=language, dup_group="g" if i < 2 else None)
    return Page(
        id=f"p{i}", path=Path(f"p{i}.html"), gold=gold, labels=tuple(sorted(labels.items()))
    )


@pytest.fixture
def corpus() -> Corpus:
    pages = (
        _page(0, "en", page_type="forum", level="hard"),
        _page(1, "zh", page_type="forum", level="simple"),
        _page(2, "zh", page_type="product", level="hard"),
        _page(3, "en", page_type="article"),
        _page(4, None, page_type="forum", level="hard"),
    )
    return Corpus(name="mixed", format="webmainbench", location=".", pages=pages, skipped=("x",))


def test_one_condition(corpus: Corpus) -> None:
    forum = where(corpus, ["page_type=forum"])
    assert forum.ids == ["p0", "p1", "p4"]
    assert (forum.name, forum.format, forum.location) == ("mixed", "webmainbench", ".")
    assert forum.skipped == ("x",)
    # gold labels count too: language comes from the gold here
    assert where(corpus, ["language=zh"]).ids == ["p1", "p2"]


def test_different_labels_must_all_hold_one_labels_values_are_alternatives(
    corpus: Corpus,
) -> None:
    assert where(corpus, ["page_type=forum", "level=hard"]).ids == ["p0", "p4"]
    assert where(corpus, ["page_type=forum", "page_type=product"]).ids == ["p0", "p1", "p2", "p4"]
    both = ["page_type=forum", "page_type=product", ("language", "zh")]
    assert where(corpus, both).ids == ["p1", "p2"]
    assert where(corpus, []) is corpus


def test_unknown_label_lists_the_labels(corpus: Corpus) -> None:
    with pytest.raises(SliceError, match=r"has the label 'pagetype'; did you mean page_type\?"):
        where(corpus, ["pagetype=forum"])
    with pytest.raises(SliceError, match=r"labels: dup_group, language, level, page_type\)"):
        where(corpus, ["split=dev"])


def test_value_no_page_has_lists_the_values_with_counts(corpus: Corpus) -> None:
    with pytest.raises(
        SliceError,
        match=r"has page_type=forums; did you mean forum\? "
        r"\(page_type values: article \(1\), forum \(3\), product \(1\)\)",
    ):
        where(corpus, ["page_type=forums"])


def test_conditions_that_exclude_each_other(corpus: Corpus) -> None:
    with pytest.raises(
        SliceError, match="no page of corpus 'mixed' meets page_type=article, level=hard"
    ):
        where(corpus, ["page_type=article", "level=hard"])


def test_malformed_condition() -> None:
    for bad in ("page_type", "=forum", "page_type="):
        with pytest.raises(SliceError, match="expected LABEL=VALUE"):
            parse(bad)
    assert parse(" level = hard ") == ("level", "hard")


def test_describe_names_the_slice() -> None:
    assert describe(["page_type=forum", "language=zh", "page_type=product"]) == (
        "page_type=forum|product, language=zh"
    )
    assert describe([]) == ""


def test_label_counts(corpus: Corpus) -> None:
    assert label_counts(corpus) == {
        "language": {"en": 2, "zh": 2, "-": 1},
        "level": {"hard": 3, "simple": 1, "-": 1},
        "page_type": {"forum": 3, "article": 1, "product": 1},
    }
    assert label_counts(corpus, missing=None)["level"] == {"hard": 3, "simple": 1}


def test_corpus_stats_of_any_format_with_a_slice(cli) -> None:
    fixtures = Path(__file__).resolve().parents[1] / "data" / "readability-fixtures" / "lxml"
    stats = json.loads(cli("corpus", "stats", str(fixtures), "--json").stdout)
    assert stats["format"] == "readability-fixtures" and stats["pages"] == 2
    assert stats["labels"]["group"] == {"blogs": 1, "news": 1}
    assert stats["labels"]["layout"] == {"readability-lxml": 2}
    sliced = json.loads(
        cli(
            "corpus", "stats", f"readability-fixtures:{fixtures}", "--where", "group=news", "--json"
        ).stdout
    )
    assert sliced["pages"] == 1 and sliced["where"] == "group=news"
    table = cli("corpus", "stats", str(fixtures)).stdout
    assert "lxml (readability-fixtures): 2 pages" in table and "readability-lxml" in table
    done = cli("corpus", "stats", str(fixtures), "--where", "group=sport", check=False)
    assert done.returncode == 2
    assert "group=sport" in done.stderr and "group values: blogs (1), news (1)" in done.stderr
    done = cli("corpus", "stats", str(fixtures), "--split", "dev", check=False)
    assert done.returncode == 2 and "has no splits" in done.stderr

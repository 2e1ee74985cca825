"""The gold article format: every shipped article parses, errors name file and line, and the
gold text follows the documented rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.builtin.articles import ArticleError, load_articles, parse_article
from corpora.builtin.gold import gold_markdown, gold_text

HEAD = "---\nid: en-test-piece\nlanguage: en\ntitle: A test title\nsection: Local\nkind: news\n"
HEAD += "author: Ann Writer\ndate: 2026-01-02\n---\n"


def test_every_shipped_article_parses() -> None:
    articles = load_articles()
    assert len(articles) >= 8
    assert {a.language for a in articles} >= {"en", "de", "fr", "es", "ru", "zh", "ja", "ar"}
    by_id = {a.id: a for a in articles}
    for article in articles:
        if article.revision_of is not None:
            assert by_id[article.revision_of].language == article.language


def test_gold_rules() -> None:
    body = (
        "First paragraph\ncontinues here.\n\n## A heading\n\n- one\n- two\n\n1. first\n2. second"
        "\n\n> quoted line\n> second line\n\n| Name | Value |\n| --- | --- |\n| Weight | 78g |\n\n"
        "![A caption](photo.jpg)\n\n!! A pull quote repeating the body.\n\n### Small heading"
    )
    article = parse_article(HEAD + body)
    assert gold_text(article) == (
        "First paragraph continues here.\n\nA heading\n\none\ntwo\n\nfirst\nsecond\n\n"
        "quoted line\nsecond line\n\nName | Value\nWeight | 78g\n\nA caption\n\nSmall heading"
    )
    assert "A test title" not in gold_text(article)
    assert "pull quote" not in gold_text(article)


def test_code_blocks_and_nested_lists() -> None:
    body = (
        "Run this:\n\n```sh\nqsync list\n\n  qsync run   nightly\n```\n\n"
        "1. Open the app.\n  - on a phone\n    - Android\n  - on a laptop\n2. Sign in."
    )
    article = parse_article(HEAD + body)
    code, steps = article.blocks[1], article.blocks[2]
    assert (code.kind, code.language) == ("code", "sh")
    assert code.text == "qsync list\n\n  qsync run   nightly"  # blank lines and spaces kept
    assert steps.kind == "ol" and steps.depths == (0, 1, 2, 1, 0)
    assert steps.items == ("Open the app.", "on a phone", "Android", "on a laptop", "Sign in.")
    assert gold_text(article) == (
        "Run this:\n\nqsync list\n\n  qsync run   nightly\n\n"
        "Open the app.\non a phone\nAndroid\non a laptop\nSign in."
    )
    assert gold_markdown(article) == (
        "Run this:\n\n```sh\nqsync list\n\n  qsync run   nightly\n```\n\n"
        "1. Open the app.\n    - on a phone\n        - Android\n    - on a laptop\n"
        "1. Sign in.\n"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("no front matter", 1, "expected '---'"),
        (HEAD.replace("kind: news", "kind: essay"), 6, "kind 'essay'"),
        (HEAD.replace("language: en", "language: pt"), 3, "language 'pt'"),
        (HEAD.replace("date: 2026-01-02", "date: 2 Jan"), 8, "not YYYY-MM-DD"),
        (HEAD.replace("author:", "writer:"), 7, "unknown front-matter key 'writer'"),
        (HEAD + "Para.\n\n\nPara.", 12, "two blank lines"),
        (HEAD + "| a | b |\n| a | b |\n| c | d |", 11, "separator"),
        (HEAD + "| a | b |\n| --- | --- |\n| c |", 12, "row has 1 cells"),
        (HEAD + "- one\ntwo", 11, "must start with '- '"),
        (HEAD + "1. one\n3. three", 11, "expected numbered item '2. text'"),
        (HEAD + "#### deep", 10, "headings are"),
        (HEAD + "![caption](photo.tiff)", 10, "a figure is"),
        (HEAD + "!! only a pull quote", 9, "no body"),
        (HEAD + "```sh\nls\n", 10, "not closed"),
        (HEAD + "```\n\n```", 10, "has no code"),
        (HEAD + "```Bash!\nls\n```", 10, "code language"),
        (HEAD + "Para.\n```\nls\n```", 11, "starts after a blank line"),
        (HEAD + "```\nls\n```\nPara.", 13, "followed by a blank line"),
        (HEAD + "- one\n    - too deep", 11, "one level below"),
        (HEAD + "1. one\n  - sub\n3. three", 12, "expected numbered item '2. text'"),
    ],
)
def test_errors_name_file_and_line(text: str, line: int, message: str) -> None:
    with pytest.raises(ArticleError, match=rf"^bad\.md:{line}: .*{message}"):
        parse_article(text, "bad.md")


def test_file_name_must_match_id_and_revisions_must_resolve(tmp_path: Path) -> None:
    (tmp_path / "en-other.md").write_text(HEAD + "Body.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"en-other\.md:2: id 'en-test-piece' does not match"):
        load_articles(tmp_path)
    (tmp_path / "en-other.md").unlink()
    revision = HEAD.replace("en-test-piece", "en-test-piece--rev")
    revision = revision.replace("date: 2026-01-02\n", "date: 2026-01-02\nrevision_of: en-gone\n")
    (tmp_path / "en-test-piece--rev.md").write_text(revision + "Body.\n", encoding="utf-8")
    with pytest.raises(ArticleError, match=r"--rev\.md:9: revision_of names unknown .*en-gone"):
        load_articles(tmp_path)

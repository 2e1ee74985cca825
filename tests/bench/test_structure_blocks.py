"""The block model: markdown, HTML, plain text and CleanEval markup parsed into the same
typed blocks; blocks rendered back to text, markdown and HTML."""

from __future__ import annotations

from bench.structure import parse, rendered_text, to_html, to_markdown, to_text
from bench.structure.blocks import Block
from bench.structure.parse_text import parse_cleaneval

MARKDOWN = """# Winter timetable

The ferry runs *every forty minutes* from `November`.
A second line of the same paragraph.

## Fares

- Single ticket
    - Children under twelve travel free
        1. Show a pass
- Return ticket

> Mission accomplished.
>
> Back home.

| Route | Minutes |
| --- | --- |
| Island | 40 |
| Harbour \\| pier | 25 |

```python
for stop in stops:
    print(stop)
```
"""

HTML = """<html><head><title>Not a block</title><script>var x = 1;</script></head><body>
<h1>Winter timetable</h1>
<p>The ferry runs <em>every forty minutes</em> from <code>November</code>.
A second line of the same paragraph.</p>
<h2>Fares<a class="hash-link" href="#fares">\u200b</a></h2>
<ul><li>Single ticket<ul><li>Children under twelve travel free<ol><li>Show a pass</li></ol>
</li></ul></li><li>Return ticket</li></ul>
<blockquote><p>Mission accomplished.</p><p>Back home.</p></blockquote>
<table><thead><tr><th>Route</th><th>Minutes</th></tr></thead>
<tbody><tr><td>Island</td><td>40</td></tr><tr><td>Harbour | pier</td><td>25</td></tr></tbody>
</table>
<pre><code>for stop in stops:
    print(stop)
</code></pre>
</body></html>"""

EXPECTED = (
    Block("heading", "Winter timetable", level=1),
    Block(
        "paragraph",
        "The ferry runs every forty minutes from November. A second line of the same paragraph.",
    ),
    Block("heading", "Fares", level=2),
    Block("list", "Single ticket", depth=1),
    Block("list", "Children under twelve travel free", depth=2),
    Block("list", "Show a pass", depth=3, ordered=True),
    Block("list", "Return ticket", depth=1),
    Block("quote", "Mission accomplished. Back home."),
    Block(
        "table",
        "Route Minutes Island 40 Harbour | pier 25",
        rows=(("Route", "Minutes"), ("Island", "40"), ("Harbour | pier", "25")),
    ),
    Block("code", "for stop in stops:\n    print(stop)"),
)


def test_markdown_blocks() -> None:
    assert parse(MARKDOWN, "markdown") == EXPECTED


def test_html_gives_the_same_blocks() -> None:
    assert parse(HTML, "html") == EXPECTED


def test_markdown_and_html_render_back_to_the_same_blocks() -> None:
    assert parse(to_markdown(EXPECTED), "markdown") == EXPECTED
    assert parse(to_html(EXPECTED), "html") == EXPECTED


def test_text_of_the_blocks_has_the_builtin_gold_layout() -> None:
    text = to_text(EXPECTED)
    assert text.startswith("Winter timetable\n\nThe ferry runs every forty minutes")
    assert "Single ticket\nChildren under twelve travel free\nShow a pass\nReturn ticket" in text
    assert "Route | Minutes\nIsland | 40\nHarbour | pier | 25" in text
    assert "#" not in text and "```" not in text and "*" not in text


def test_rendered_text_leaves_text_outputs_alone() -> None:
    raw = "  a line\n\n# not a heading  \n"
    assert rendered_text(raw, "text") is raw
    assert rendered_text("# Title\n\nBody *text*.", "markdown") == "Title\n\nBody text."
    assert rendered_text("<h2>Title</h2><p>Body <b>text</b>.</p>", "html") == "Title\n\nBody text."


def test_plain_text_is_paragraphs_by_blank_lines_or_else_by_lines() -> None:
    by_blank = parse("First paragraph\nstill the first.\n\n\nSecond.", "text")
    assert [b.text for b in by_blank] == ["First paragraph still the first.", "Second."]
    assert all(b.type == "paragraph" for b in by_blank)
    by_line = parse("One.\nTwo.\n- Three.", "text")
    assert [b.text for b in by_line] == ["One.", "Two.", "- Three."]
    assert {b.type for b in by_line} == {"paragraph"}


def test_cleaneval_markers_map_to_blocks() -> None:
    blocks = parse_cleaneval("<h>Opening hours\n<p>The library opens\n at nine.\n<l>Monday\n<l>")
    assert blocks == (
        Block("heading", "Opening hours", level=0),
        Block("paragraph", "The library opens at nine."),
        Block("list", "Monday", depth=1),
    )


def test_two_line_breaks_end_an_html_paragraph() -> None:
    blocks = parse("<div>One line<br>same paragraph<br><br>Next paragraph</div>", "html")
    assert [b.text for b in blocks] == ["One line same paragraph", "Next paragraph"]


def test_nested_tables_keep_their_own_rows() -> None:
    html = (
        "<table><tr><td>outer</td><td><table><tr><td>inner</td></tr></table></td></tr>"
        "<tr><td>last</td><td>row</td></tr></table>"
    )
    (table,) = parse(html, "html")
    assert table.rows == (("outer", "inner"), ("last", "row"))


def test_empty_and_wordless_blocks_are_not_blocks() -> None:
    assert parse("<p> </p><p>—</p><hr><ul><li></li></ul>", "html") == ()
    assert parse("***\n\n-\n\n|  |\n| --- |\n|  |\n", "markdown") == ()
    assert parse("", "markdown") == parse("", "html") == parse("", "text") == ()


def test_markdown_wrappers_of_language_models_are_unwrapped() -> None:
    """The rule of extractors.llm.output.unwrap (tested case by case beside the LLM adapter)
    holds for every markdown output that is parsed."""
    title_body = (Block("heading", "Title", level=1), Block("paragraph", "Body."))
    assert parse("```markdown\n# Title\n\nBody.\n```\n", "markdown") == title_body
    assert parse("Here is the content:\n```md\n# Title\n\nBody.", "markdown") == title_body
    # a code block that starts the content stays a code block, and a named language one too
    assert parse("```\nx = 1\n```\nBody.", "markdown")[0] == Block("code", "x = 1")
    assert parse("```\nx = 1\n```", "markdown") == (Block("code", "x = 1"),)
    assert parse("```python\nx = 1\n```", "markdown") == (Block("code", "x = 1"),)


def test_markdown_escapes_survive_the_round_trip() -> None:
    blocks = (
        Block("paragraph", "1. not a list, *not emphasis*, <b>not html</b> & a | pipe # hash"),
        Block("heading", "Costs #2", level=3),
        Block("list", "- dash [link](x)", depth=1),
        Block("table", "a|b c", rows=(("a|b", "c"),)),
    )
    assert parse(to_markdown(blocks), "markdown") == blocks
    assert parse(to_html(blocks), "html") == blocks

"""Output kinds: what each built-in declares matches what its adapter says at run time, a
plain function declares its kind with ``OUTPUT_KIND``, and an unknown kind is refused before
any page runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.scoring import score_page
from corpora.page import Gold, Page
from extractors import registry
from extractors.base import ExtractorError

PLUGIN = Path(__file__).resolve().parents[1] / "plugins" / "markdown_extractors.py"
STRUCTURED = {
    "trafilatura-markdown": "markdown",
    "trafilatura-html": "html",
    "readability-html": "html",
    "html2text": "markdown",
    "everything-markdown": "markdown",
}
PAGE = (
    "<html><body><nav><a href='/'>Home</a></nav><article><h1>Ferry fares</h1>"
    "<p>The single fare stays at three euros for the whole of next year.</p>"
    "<p>A monthly pass now covers weekend crossings as well.</p></article></body></html>"
)


@pytest.mark.parametrize("name", sorted(STRUCTURED))
def test_structured_builtins_declare_and_return_their_kind(name: str) -> None:
    info = registry.BUILTINS[name]
    assert info.output_kind == STRUCTURED[name]
    try:
        loaded = registry.load(name)
    except ExtractorError as exc:
        pytest.skip(str(exc))
    assert loaded.output_kind == STRUCTURED[name]
    output = loaded.extract(PAGE)
    if STRUCTURED[name] == "html":
        assert "<p>" in output
    else:
        assert "monthly pass" in output


def test_text_extractors_are_text_and_a_param_can_change_the_kind() -> None:
    for name in ("trafilatura", "readability", "justext", "everything", "nothing"):
        assert registry.BUILTINS[name].output_kind == "text"
        assert registry.load(name).output_kind == "text"
    assert registry.load("trafilatura", {"output_format": "markdown"}).output_kind == "markdown"
    assert registry.load("readability", {"output": "html"}).output_kind == "html"
    assert registry.BUILTINS["readability-js-html"].output_kind == "html"


def test_a_function_declares_its_kind_and_its_wrapper_is_unwrapped() -> None:
    loaded = registry.load(f"{PLUGIN}:title_markdown")
    assert loaded.output_kind == "markdown"
    output = loaded.extract(PAGE)
    assert output.startswith("```markdown\n# Ferry fares")
    gold = Gold(
        text="The single fare stays at three euros for the whole of next year.\n\n"
        "A monthly pass now covers weekend crossings as well.",
        structure="# Ferry fares\n\nThe single fare stays at three euros for the whole of next "
        "year.\n\nA monthly pass now covers weekend crossings as well.\n",
        structure_format="markdown",
    )
    page = Page("p", Path("p.html"), gold)
    scores = score_page(page, output, ("aeb", "structure"), loaded.output_kind)
    assert scores["structure"]["structure_f1"] == 1.0
    # the text metrics read the text of the blocks: no fence, no '#'
    as_text = score_page(page, output, ("aeb",), "text")["aeb"]
    assert scores["aeb"]["fp"] < as_text["fp"]


def test_an_unknown_output_kind_is_refused_when_loading() -> None:
    with pytest.raises(ExtractorError, match="output kind 'pdf'"):
        registry.load(f"{PLUGIN}:wrong_kind")

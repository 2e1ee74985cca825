"""readability-js streams by default (one Node process per worker, ``--stream``): its text is
the one-process-per-page text, byte for byte, and its script is part of the run identity."""

from __future__ import annotations

import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bench.identity import identity_of
from bench.records import text_sha256
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.page import Page
from corpora.registry import open_corpus
from extractors import readability_js_adapter as rjs
from extractors import registry
from extractors.stream import StreamingCommand

PAGES = [
    "",
    "<html><body><article><h1>Winter timetable</h1><p>The river ferry runs every forty "
    "minutes from November — é ☃ 𝄞 \u2028 and a line\r\nbreak, the operator said on "
    "Tuesday, citing lower passenger numbers after the summer season.</p><p>The last "
    "crossing moves from eleven to ten o'clock; season tickets stay valid.</p></article>"
    "<footer>© 2024 Riverside News</footer></body></html>",
]


def _needs_node() -> None:
    _version, problem = rjs.probe()
    if problem:
        pytest.skip(f"readability-js: {problem}")


def _seed_html() -> str:
    return open_corpus("seeds").pages[0].read_bytes().decode("utf-8")


def test_streaming_and_per_page_modes_give_the_same_text() -> None:
    _needs_node()
    streaming = registry.load("readability-js")
    per_page = registry.load("readability-js", {"stream": False})
    assert isinstance(streaming.extractor._program, StreamingCommand)
    for html in [*PAGES, _seed_html()]:
        assert streaming.extract(html) == per_page.extract(html)
    assert "Africa Corps" in streaming.extract(_seed_html())


def _paragraph(i: int) -> str:
    return (
        f"<p>Paragraph {i}: the river ferry runs every forty minutes from November, the "
        "operator said on Tuesday, citing lower passenger numbers after the summer season.</p>"
    )


# Where linkedom's DOM and jsdom's differ unless dom.js makes them agree.
TRICKY = {
    "attribute order": '<div class="r" id="w"><div class=" a b a " id="m" name="n">{}</div></div>',
    "svg class": '<svg class="share-icon x x"><title>Share</title></svg>{}<svg class="c"></svg>',
    "mathml": '<math style="display:none"><mi>x</mi></math>{}<math><mi>y</mi></math>',
    "table text": "<table>loose <b>text</b><tr><td>{}</td></tr>tail</table>after",
    "styles": '<div style="display:none !important">a</div><div style="DISPLAY: NONE">b</div>{}',
    "base and title": '<base href="sub/"><title> A  title </title>{}<a href="x.html">x</a>',
    "rcdata": "<textarea>a &lt;b&gt; &amp; c</textarea>{}<noscript><img src=r.jpg></noscript>",
}


@pytest.mark.parametrize("output", ["text", "html"])
def test_linkedom_documents_give_jsdoms_outputs(output: str) -> None:
    _needs_node()
    ours = registry.load("readability-js", {"output": output})
    reference = registry.load("readability-js", {"output": output, "dom": "jsdom"})
    for name, markup in TRICKY.items():
        body = "".join(_paragraph(i) for i in range(4))
        html = f'<body><div class="content" id="c">{markup.format(body)}</div></body>'
        assert ours.extract(html) == reference.extract(html), name


def test_the_script_is_part_of_the_identity(tmp_path: Path) -> None:
    _needs_node()
    copy = tmp_path / "js"
    copy.mkdir()
    (copy / "node_modules").symlink_to(rjs.JS_DIR / "node_modules")
    for name in (rjs.SCRIPT, rjs.DOM_MODULE, rjs.LOCKFILE):
        shutil.copy(rjs.JS_DIR / name, copy / name)
    ours = identity_of(registry.load("readability-js"))
    same = identity_of(registry.load("readability-js", {"js_dir": str(copy)}))
    assert ours.code == same.code and f"{rjs.SCRIPT}=" in ours.code
    with (copy / rjs.SCRIPT).open("a") as script:
        script.write("// an edit\n")
    edited = identity_of(registry.load("readability-js", {"js_dir": str(copy)}))
    assert edited.code != ours.code and edited.version == ours.version  # npm versions


SUBSET = 20  # AEB pages run in both modes: one Node process per page costs ~1 s each


def _varied_pages(corpus: Corpus, chars: dict[str, int]) -> list[Page]:
    """A fixed, varied subset of ``corpus``: its largest pages, those richest in non-ASCII
    text, those whose article Readability finds shortest (``chars``: output characters per
    page; AEB has no page without an article), then pages spread evenly over the ids."""
    by_id = sorted(corpus.pages, key=lambda p: p.id)
    texts = {p.id: decode_html(p.read_bytes(), p.charset).text for p in by_id}

    def non_ascii_first(page: Page) -> float:
        text = texts[page.id]
        return -sum(ord(c) > 127 for c in text) / max(len(text), 1)

    def shortest_output(page: Page) -> int:
        return chars[page.id]

    chosen: dict[str, Page] = {}
    extremes = ((lambda p: -len(texts[p.id]), 3), (non_ascii_first, 4), (shortest_output, 4))
    for key, count in extremes:
        for page in sorted(by_id, key=key)[:count]:  # stable: ties keep id order
            chosen.setdefault(page.id, page)
    for page in by_id[:: len(by_id) // SUBSET] + by_id:
        if len(chosen) == SUBSET:
            break
        chosen.setdefault(page.id, page)
    return list(chosen.values())


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.public_data
def test_aeb_outputs_are_byte_identical_in_both_modes(cli, aeb_dir: Path, tmp_path: Path) -> None:
    """All of AEB in the streaming mode (its F1 is README's), and a varied subset of it one
    process per page, and with jsdom's DOM (text and HTML): the same outputs, byte for byte."""
    _needs_node()
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", str(aeb_dir), "-e", "readability-js", "--jobs", "2", "--no-cache",
        "--out", str(out), "--json", timeout=1800,
    )  # fmt: skip
    (row,) = json.loads(done.stdout)["results"]
    assert row["n_pages"] == 181 and row["failures"] == 0
    assert round(row["metrics"]["f1"], 3) == 0.947  # README's AEB figure
    streamed = {}
    chars = {}
    for line in (out / "results.jsonl").read_text().splitlines():
        result = json.loads(line)
        streamed[result["page"]] = result["output_sha256"]
        chars[result["page"]] = result["output_chars"]
    assert len(streamed) == 181
    pages = _varied_pages(open_corpus(str(aeb_dir)), chars)
    assert len({p.id for p in pages}) == SUBSET
    html = {p.id: decode_html(p.read_bytes(), p.charset).text for p in pages}  # as a worker does

    def outputs(params: dict[str, object], threads: int = 1) -> dict[str, str]:
        extractor = registry.load("readability-js", params)
        with ThreadPoolExecutor(max_workers=threads) as pool:  # per page: one Node each
            texts = pool.map(lambda p: text_sha256(extractor.extract(html[p.id])), pages)
            return dict(zip([p.id for p in pages], texts, strict=True))

    expected = {p.id: streamed[p.id] for p in pages}
    assert outputs({"stream": False}, threads=2) == expected
    assert outputs({"dom": "jsdom"}) == expected
    assert outputs({"output": "html"}) == outputs({"output": "html", "dom": "jsdom"})

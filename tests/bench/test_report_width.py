"""Terminal reports fit the console: at ``COLUMNS=100`` and ``80`` no line is wider, no number
is cut (an ellipsis never stands beside a digit), long extractor specs are shortened in the
middle, untested pairs of a small corpus are one line, and counts have the right plural."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import PLUGINS

from bench.reports.fit import Column, fit, shorten, table_width
from corpora import native

CUT_NUMBER = re.compile(r"\d…|…\d")
WORDS = re.findall(
    r"\w+",
    "the ferry across the estuary runs every hour in summer and twice a day in winter when "
    "storms close the harbour and the council has promised a new pier by next spring",
)
NOISE = {
    "navigation": "Home News Sport Weather Culture Contact",
    "cookie-consent": "We use cookies to improve your experience. Accept all or manage settings.",
    "related-posts": "Related posts: Mayor opens library. Storm closes coastal road.",
    "newsletter": "Subscribe to our newsletter for the latest harbour news every morning.",
}
PLUGIN = '''
"""Sixteen crude extractors: each keeps some of the page's paragraphs."""
import re

_P = re.compile(r"<p[^>]*>(.*?)</p>", re.S)


def _keep(html, pick):
    paragraphs = _P.findall(html)
    return "\\n".join(p for i, p in enumerate(paragraphs) if pick(i, len(paragraphs)))

'''


def _plugin_source() -> str:
    lines = [PLUGIN]
    for k in range(1, 17):
        lines.append(
            f"def keep_every_{k:02d}(html):\n"
            f"    return _keep(html, lambda i, n: i % {k} == 0 or i < {k % 4})\n"
        )
    return "\n".join(lines)


def corpus(out: Path, n_pages: int) -> Path:
    rng = random.Random(5)
    pages = []
    for i in range(n_pages):
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "." for _ in range(6)
        ]
        noise = "".join(f"<div class='{k}'><p>{t}</p></div>" for k, t in NOISE.items())
        html = (
            "<html lang='en'><head><meta charset='utf-8'><title>Ferry</title></head><body>"
            f"<article>{''.join(f'<p>{p}</p>' for p in paragraphs)}</article>{noise}"
            "</body></html>"
        )
        record = {
            "text": "\n\n".join(paragraphs),
            "language": "en",
            "template": "news" if i % 2 else "blog",
            "noise": [{"type": k, "text": t} for k, t in NOISE.items()],
        }
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "width-test", pages)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """19 extractors (16 from a file plugin with a long path) on 12 pages, and 3 on 1 page."""
    from conftest import run_cli

    root = tmp_path_factory.mktemp("width")
    folder = root / "a-folder-with-a-rather-long-name-for-extractor-plugins"
    folder.mkdir()
    plugin = folder / "crude_paragraph_extractors_module.py"
    plugin.write_text(_plugin_source(), encoding="utf-8")
    extractors = ["trafilatura", "everything", "nothing"]
    extractors += [f"{plugin}:keep_every_{k:02d}" for k in range(1, 17)]
    out = {"many": root / "many", "one": root / "one"}
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "corpus", 12)),
        *(arg for name in extractors for arg in ("-e", name)),
        "--out",
        str(out["many"]),
        "--no-progress",
    )
    run_cli(
        "run",
        "--corpus",
        str(corpus(root / "small", 1)),
        "-e",
        "trafilatura,everything,nothing",
        "--out",
        str(out["one"]),
        "--no-progress",
    )
    return out


def _cli(columns: int, *args: str) -> str:
    """``boilerbench ARGS`` with ``COLUMNS`` set, as a user's terminal would."""
    exe = Path(sys.executable).with_name("boilerbench")
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "COLUMNS": str(columns)}
    done = subprocess.run([str(exe), *args], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _report(run: Path, columns: int, *args: str) -> str:
    return _cli(columns, "report", str(run), *args)


def _fits(out: str, columns: int) -> None:
    assert max(len(line) for line in out.splitlines()) <= columns
    assert not CUT_NUMBER.search(out), CUT_NUMBER.search(out)


@pytest.mark.parametrize("columns", [100, 80])
@pytest.mark.parametrize("by", [None, "template", "noise"])
def test_every_line_fits_and_no_number_is_cut(
    runs: dict[str, Path], columns: int, by: str | None
) -> None:
    out = _report(runs["many"], columns, *(["--by", by] if by else []))
    _fits(out, columns)
    assert "keep_every_07" in out  # a long spec is shortened in its middle, its end kept
    assert "noise leak" in out and "per-page F1 distribution" in out
    for kind in NOISE:  # names are shortened, never folded over lines
        assert kind in out
    for number in ("0.000", "100%"):  # nothing's F1, everything's leak: in full
        assert number in out
    if by:
        assert f"by {by}" in out


@pytest.mark.parametrize("columns", [100, 80])
def test_compare_and_metric_listing_fit(runs: dict[str, Path], columns: int) -> None:
    many = str(runs["many"])
    names = [
        r["extractor"] for r in json.loads((runs["many"] / "summary.json").read_text())["results"]
    ]
    plugin = next(n for n in names if n.endswith("keep_every_03"))
    out = _cli(columns, "compare", many, many, "--pair", f"everything={plugin}")
    _fits(out, columns)
    assert "worse" in out
    _fits(_cli(columns, "list", "metrics"), columns)


def test_the_shortened_names_keep_both_ends(runs: dict[str, Path]) -> None:
    out = _report(runs["many"], 100)
    rows = [line for line in out.splitlines() if "every_1" in line and "│" in line]
    assert rows and all("…" in row for row in rows)  # the plugin path is cut in its middle
    assert any(row.split("│")[2].strip().startswith("/") for row in rows)


def test_a_one_page_corpus_reports_untested_pairs_in_one_line(runs: dict[str, Path]) -> None:
    out = _report(runs["one"], 100)
    assert "3 pairs not tested: fewer than 10 shared pages." in out
    assert "not tested (fewer" not in out  # no table of untested pairs
    assert "— 1 page —" in out and "on the 1 page every extractor scored" in out
    assert max(len(line) for line in out.splitlines()) <= 100


def test_shorten_never_puts_the_ellipsis_beside_a_digit() -> None:
    for name in ("trafilatura-2023-10-precision", "a1b2c3d4e5f6g7h8i9", "x" * 40 + "123"):
        for width in range(4, len(name)):
            short = shorten(name, width)
            assert len(short) <= width and not CUT_NUMBER.search(short), (name, width, short)
    assert shorten("short", 10) == "short"


def test_fit_drops_the_lowest_priority_columns_first() -> None:
    columns = [
        Column("name", ["an-extractor-with-a-long-name"], "left", kind="name"),
        Column("score", ["0.953"]),
        Column("detail one", ["0.123456789"], priority=1),
        Column("detail two", ["0.987654321"], priority=2),
    ]
    chosen = fit(columns, 40)
    assert [c.header for c, _ in chosen] == ["name", "score"]
    assert table_width([w for _, w in chosen]) <= 40
    assert [c.header for c, _ in fit(columns, 200)] == [c.header for c in columns]

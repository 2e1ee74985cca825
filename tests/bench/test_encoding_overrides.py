"""UTF-8 pages labelled windows-1252 (in ``<meta>`` or by the corpus) are read as UTF-8 in a
run: the override is recorded per page, counted in ``summary.json`` and announced once."""

from __future__ import annotations

import json
from pathlib import Path

from corpora import native

TEXT = "Un café crème à la gare, déjà prêt pour le départ du train de nuit"
META = '<meta charset="windows-1252">'


def _html(meta: str = META) -> str:
    return f"<html><head>{meta}</head><body><p>{TEXT}</p></body></html>"


def test_a_run_reads_mislabelled_utf8_and_says_so(cli, tmp_path: Path) -> None:
    pages = [
        native.PageToWrite("meta-label", _html().encode("utf-8"), {"text": TEXT}),
        native.PageToWrite(
            "declared-label",
            _html("").encode("utf-8"),
            {"text": TEXT, "charset": "windows-1252"},
        ),
        native.PageToWrite("real-cp1252", _html().encode("cp1252"), {"text": TEXT}),
        native.PageToWrite(
            "ascii", _html().replace(TEXT, "Plain ASCII text").encode(), {"text": "Plain"}
        ),
    ]
    corpus = native.write(tmp_path / "corpus", "labels", pages)
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", str(corpus), "-e", "faulty_extractors:first_paragraph",
        "--out", str(out), "--json", "--no-cache",
    )  # fmt: skip
    summary = json.loads(done.stdout)
    assert summary["encoding_overrides"] == {
        "count": 2,
        "pages": ["declared-label", "meta-label"],
    }
    warning = (
        "warning: 2 pages declared a charset but were valid UTF-8; decoded as UTF-8 "
        "(see encoding_source in results.jsonl)"
    )
    assert warning in done.stderr.splitlines()
    records = {
        r["page"]: r
        for r in map(json.loads, (out / "results.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert {page: (r["encoding"], r["encoding_source"]) for page, r in records.items()} == {
        "meta-label": ("utf-8", "utf-8-override:meta:cp1252"),
        "declared-label": ("utf-8", "utf-8-override:declared:cp1252"),
        "real-cp1252": ("cp1252", "meta"),
        "ascii": ("cp1252", "meta"),
    }
    for page in ("meta-label", "declared-label", "real-cp1252"):
        assert records[page]["scores"]["aeb"]["exact"] == 1.0, page  # café, not cafÃ©


def test_no_override_no_warning(cli, tmp_path: Path) -> None:
    page = native.PageToWrite("cp1252", _html().encode("cp1252"), {"text": TEXT})
    corpus = native.write(tmp_path / "corpus", "clean", [page])
    out = tmp_path / "run"
    done = cli("run", "--corpus", str(corpus), "-e", "nothing", "--out", str(out), "--json")
    assert json.loads(done.stdout)["encoding_overrides"] == {"count": 0, "pages": []}
    assert "warning" not in done.stderr

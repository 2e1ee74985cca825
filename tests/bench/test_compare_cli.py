"""``boilerbench compare RUN_A RUN_B`` through the real CLI: paired changes, regression gates,
and refusing runs made on different corpora."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from corpora import native

VOCABULARY = {
    "en": "the council said on monday that the new bridge over the river would open next "
    "spring after years of delays while residents of the harbour district welcomed the news",
    "de": "der stadtrat hat am montag beschlossen dass die neue brücke über den fluss im "
    "nächsten frühjahr eröffnet wird und die bewohner des hafenviertels haben das begrüßt",
}


def corpus(out: Path, n_pages: int = 12, changed: int | None = None) -> Path:
    """English and German news pages with a menu; ``changed`` edits that page's gold."""
    rng = random.Random(3)
    pages = []
    for i in range(n_pages):
        lang = "de" if i % 3 == 0 else "en"
        words = VOCABULARY[lang].split()
        paragraphs = [
            " ".join(
                " ".join(rng.choice(words) for _ in range(15)).capitalize() + "." for _ in range(4)
            )
            for _ in range(4)
        ]
        gold = "\n\n".join(paragraphs) + (" Edited." if i == changed else "")
        html = (
            f"<html lang='{lang}'><head><meta charset='utf-8'><title>Page {i}</title></head>"
            "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article>"
            + "".join(f"<p>{p}</p>" for p in paragraphs)
            + "</article><footer>Copyright example.org</footer></body></html>"
        )
        pages.append(
            native.PageToWrite(f"p{i:02d}", html.encode(), {"text": gold, "language": lang})
        )
    return native.write(out, "compare-test", pages)


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """a: trafilatura + justext; rerun: the same again; b: justext's English-only variant
    (``justext-aeb``: AEB's settings with the English stoplist on every page) in its place;
    other: run a's extractors on a copy of the corpus with one gold text edited."""
    from conftest import run_cli

    root = tmp_path_factory.mktemp("compare")
    main = corpus(root / "corpus")
    edited = corpus(root / "edited", changed=4)
    plan = {
        "a": (main, "trafilatura,justext"),
        "rerun": (main, "trafilatura,justext"),
        "b": (main, "trafilatura,justext-aeb"),
        "other": (edited, "trafilatura"),
    }
    out = {}
    for name, (where, extractors) in plan.items():
        out[name] = root / name
        run_cli(
            "run",
            "--corpus",
            str(where),
            "-e",
            extractors,
            "--out",
            str(out[name]),
            "--no-progress",
        )
    return out


def test_a_rerun_passes_the_gate_with_no_change(cli, runs: dict[str, Path]) -> None:
    done = cli("compare", str(runs["a"]), str(runs["rerun"]), "--fail", "f1:-0.01", "--json")
    data = json.loads(done.stdout)
    scores = [c for c in data["changes"] if c["metric"] in ("f1", "precision", "recall")]
    assert {c["a"] for c in scores} == {"trafilatura", "justext"}
    for change in scores:
        assert change["diff"] == 0 and change["low"] == 0 and change["high"] == 0
        assert not change["significant"] and change["n_pages"] == 12
    assert data["violations"] == [] and "ok: no extractor broke f1:-0.01" in done.stderr


def test_a_worse_extractor_fails_the_gate(cli, runs: dict[str, Path]) -> None:
    args = (
        "compare",
        str(runs["a"]),
        str(runs["b"]),
        "--pair",
        "trafilatura=trafilatura",
        "--pair",
        "justext=justext-aeb",
    )
    done = cli(*args, "--fail", "f1:-0.01", check=False)
    assert done.returncode == 1
    assert "FAIL justext → justext-aeb: f1" in done.stderr and "breaks f1:-0.01" in done.stderr
    assert "trafilatura" not in done.stderr  # unchanged, so not blamed
    assert "justext → justext-aeb" in done.stdout and "-0.200" in done.stdout
    data = json.loads(cli(*args, "--json").stdout)  # no --fail: exit 0
    f1 = next(c for c in data["changes"] if c["b"] == "justext-aeb" and c["metric"] == "f1")
    assert f1["diff"] < -0.1 and f1["low"] <= f1["diff"] <= f1["high"]
    empty = next(c for c in data["changes"] if c["b"] == "justext-aeb" and c["metric"] == "empty")
    assert empty["a_value"] == 0 and empty["b_value"] == 4  # the four German pages


def test_relative_and_count_thresholds(cli, runs: dict[str, Path]) -> None:
    args = ("compare", str(runs["a"]), str(runs["b"]), "--pair", "justext=justext-aeb")
    assert cli(*args, "--fail", "f1:-90%", check=False).returncode == 0
    strict = cli(*args, "--fail", "f1:-5%", "--fail", "empty:+0", check=False)
    assert strict.returncode == 1
    assert "breaks f1:-5%" in strict.stderr and "empty 0 → 4" in strict.stderr


def test_an_extractor_missing_from_run_b_fails_the_gate(cli, runs: dict[str, Path]) -> None:
    done = cli("compare", str(runs["a"]), str(runs["b"]), "--fail", "f1:-0.01", check=False)
    assert done.returncode == 1
    assert "justext: in run A but not in run B" in done.stderr
    assert "only in B: justext-aeb" in done.stdout


def test_runs_on_different_corpora_are_refused_unless_forced(cli, runs: dict[str, Path]) -> None:
    refused = cli("compare", str(runs["a"]), str(runs["other"]), check=False)
    assert refused.returncode == 2
    assert "different corpora" in refused.stderr and "--force" in refused.stderr
    forced = cli("compare", str(runs["a"]), str(runs["other"]), "--force", "--json")
    data = json.loads(forced.stdout)
    assert not data["same_corpus"] and data["only_a"] == ["justext"]
    f1 = next(c for c in data["changes"] if c["metric"] == "f1")
    assert f1["n_pages"] == 12 and f1["diff"] != 0  # one gold text differs


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("f1:+0.01", "allows an improvement"),
        ("failures:-1", "write failures:+1"),
        ("speed:-1", "unknown metric 'speed'"),
        ("f1=-0.01", "bad threshold"),
    ],
)
def test_bad_thresholds_are_explained(cli, runs: dict[str, Path], spec: str, message: str) -> None:
    done = cli("compare", str(runs["a"]), str(runs["rerun"]), "--fail", spec, check=False)
    assert done.returncode == 2 and message in done.stderr


def test_unknown_pairs_name_what_the_runs_have(cli, runs: dict[str, Path]) -> None:
    done = cli(
        "compare", str(runs["a"]), str(runs["b"]), "--pair", "justext=boilerpipe", check=False
    )
    assert done.returncode == 2
    assert "no extractor 'boilerpipe'" in done.stderr and "justext-aeb" in done.stderr


@pytest.mark.integration
@pytest.mark.public_data
@pytest.mark.slow
def test_compare_gates_a_worse_justext_on_aeb(cli, aeb_dir: Path, tmp_path: Path) -> None:
    """The same library with a worse configuration, as an upgrade that lost per-page
    language detection would be: jusText with the English stoplist on every AEB page."""
    out = tmp_path / "aeb"
    cli(
        "run",
        "--corpus",
        str(aeb_dir),
        "-e",
        "justext,justext-aeb",
        "--out",
        str(out),
        "--no-progress",
    )
    shutil.copytree(out, tmp_path / "same")
    done = cli(
        "compare",
        str(out),
        str(tmp_path / "same"),
        "--pair",
        "justext=justext-aeb",
        "--fail",
        "f1:-0.01",
        "--significant-only",
        check=False,
    )
    assert done.returncode == 1 and "FAIL justext → justext-aeb: f1" in done.stderr
    data = json.loads(
        cli("compare", str(out), str(out), "--pair", "justext=justext-aeb", "--json").stdout
    )
    f1 = next(c for c in data["changes"] if c["metric"] == "f1")
    assert f1["n_pages"] == 181 and f1["significant"] and f1["high"] < 0

"""``llm:`` extractors end to end through the CLI, against a real OpenAI-compatible server on
127.0.0.1 (tests/llm_stub.py) that misbehaves on purpose: no page is lost, every failure is
recorded with its reason, tokens and cost are summed, the run survives ``kill -9`` and Ctrl-C
and resumes, and the output cache serves a re-run without a single request."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import kill_when, lines_in, plugins_env, run_cli, start_cli
from llm_stub import Rule, StubServer, visible_text

import boilerbench as bb
from bench.metrics import levenshtein
from bench.store import RunStore
from bench.structure import rendered_text
from corpora import native
from corpora.page import Gold
from extractors.llm import presets
from extractors.llm.cleaning import clean_html
from extractors.llm.output import unwrap

pytestmark = pytest.mark.integration

PAGES = 40
PRESET = "generic-text"
# a fifth of the prompts meet a 429 first (then succeed); the pages named fail for good
RULES = (
    Rule("500", times=None, contains="Ferry notice 3<"),
    Rule("malformed", times=None, contains="Ferry notice 11<"),
    Rule("empty", times=None, contains="Ferry notice 19<"),
    Rule("close", times=None, contains="Ferry notice 27<"),
    Rule("slow", times=None, contains="Ferry notice 35<", seconds=4),
    Rule("429", 0.2, times=1, retry_after="0"),
)
REASONS = {
    "500": "api: 500 Internal Server Error: the stub failed (after 3 attempts)",
    "malformed": "api: 200 OK but the body is not JSON",
    "empty": "api: 200 OK but the answer has no choices",
    "close": "api: connection: RemoteProtocolError: Server disconnected",
    "slow": "api: timeout: no answer within 1 s (ReadTimeout) (after 3 attempts)",
}


def _html(i: int) -> str:
    return (
        f"<html><head><title>Notice {i}</title><script>var n = {i};</script></head><body>"
        "<nav>Home · Timetables · Contact</nav>"
        f"<article><h1>Ferry notice {i}</h1><p>From Monday the river ferry runs {i + 2} times "
        f"an hour between the piers; the first crossing leaves at {5 + i % 3} o'clock.</p>"
        "</article><footer>© 2024 Riverside</footer></body></html>"
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("llm") / "corpus"
    native.write(
        root,
        "llm-notices",
        [
            native.PageToWrite(
                f"page-{i:03d}",
                _html(i).encode(),
                {"text": f"Ferry notice {i}\nFrom Monday the river ferry runs {i + 2} times."},
            )
            for i in range(PAGES)
        ],
    )
    return root


def _mode(stub: StubServer, i: int) -> str:
    """The rule the stub applies to page ``i``'s prompt, computed as the adapter builds it."""
    preset = presets.load(PRESET)
    return stub.mode_of(preset.user_message(clean_html(_html(i), preset.clean)))


def _run_args(corpus: Path, out: Path, url: str, *more: str) -> list[str]:
    return [
        "run",
        "--corpus",
        str(corpus),
        "-e",
        f"stub=llm:stub@{url}",
        "--param",
        f"stub.preset={PRESET}",
        "--out",
        str(out),
        *more,
    ]


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]


def _row(summary: dict, name: str) -> dict:
    return next(r for r in summary["results"] if r["extractor"] == name)


def test_every_page_is_recorded_with_its_reason_tokens_and_cost(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "run"
    with StubServer(rules=RULES) as stub:
        modes = {f"page-{i:03d}": _mode(stub, i) for i in range(PAGES)}
        assert set(modes.values()) == {"ok", *(r.mode for r in RULES)}, "a rule hit no page"
        args = _run_args(corpus, out, stub.url, "--no-cache", "--json")
        args[4] += ",everything"  # a CPU extractor in the worker pool at the same time
        params = ("retries=2", "timeout=1", "price_in_per_mtok=0.5", "price_out_per_mtok=2")
        for param in params:
            args += ["--param", f"stub.{param}"]
        summary = json.loads(run_cli(*args).stdout)
    records = _records(out)
    assert len(records) == 2 * PAGES
    assert len({(r["page"], r["extractor"]) for r in records}) == len(records)
    stub_rows = {r["page"]: r for r in records if r["extractor"] == "stub"}
    outputs = (out / "outputs" / "stub.jsonl").read_text().splitlines()
    texts = {json.loads(line)["page"]: json.loads(line)["text"] for line in outputs}
    for i in range(PAGES):
        page = f"page-{i:03d}"
        row, mode = stub_rows[page], modes[page]
        if mode in ("ok", "429"):
            assert row["error"] is None, (page, mode, row["error"])
            assert texts[page] == visible_text(clean_html(_html(i), presets.load(PRESET).clean))
            assert row["usage"]["attempts"] == (2 if mode == "429" else 1)
            assert row["scores"]["aeb"]["tp"] > 0
        else:
            assert row["error"].startswith(REASONS[mode]), (page, mode, row["error"])
            assert row["scores"]["aeb"]["tp"] == 0  # scored as an empty output
    failed = sum(1 for m in modes.values() if m not in ("ok", "429"))
    stub_summary, everything = _row(summary, "stub"), _row(summary, "everything")
    assert stub_summary["failures"] == failed and stub_summary["failure_kinds"] == {"api": failed}
    usages = [r["usage"] for r in stub_rows.values() if r["usage"]]
    tokens_in = sum(u.get("input_tokens") or 0 for u in usages)
    tokens_out = sum(u.get("output_tokens") or 0 for u in usages)
    assert stub_summary["tokens_in"] == tokens_in > 0
    assert stub_summary["tokens_out"] == tokens_out > 0
    assert stub_summary["cost_usd"] == pytest.approx((tokens_in * 0.5 + tokens_out * 2) / 1e6)
    assert stub_summary["cost_per_1000_pages"] == pytest.approx(
        stub_summary["cost_usd"] / PAGES * 1000
    )
    assert stub_summary["pages_per_s_in_flight"] > 0
    assert "tokens_in" not in everything and everything["failures"] == 0
    # the key never reaches the run, the endpoint does
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["extractors"][0]["target"].startswith("llm:stub@http://127.0.0.1:")
    report = run_cli("report", str(out)).stdout
    assert "$/1k pages" in report
    failures = run_cli("report", str(out), "--failures").stdout
    assert "the stub failed" in failures
    html = tmp_path / "report.html"
    run_cli("report", str(out), "--format", "html", "--output", str(html))
    assert 'data-plot="cost-vs-score"' in html.read_text()


def _reference(corpus: Path, out: Path, url: str) -> dict:
    return json.loads(run_cli(*_run_args(corpus, out, url, "--no-cache", "--json")).stdout)


def _same_run(out: Path, want: Path) -> None:
    """Every page once, and the same outputs and scores as the uninterrupted run."""
    got, reference = _records(out), _records(want)
    assert len(got) == PAGES and len({r["page"] for r in got}) == PAGES
    scores = {r["page"]: r["scores"] for r in reference}
    assert {r["page"]: r["scores"] for r in got} == scores
    got_text = sorted((out / "outputs" / "stub.jsonl").read_text().splitlines())
    assert got_text == sorted((want / "outputs" / "stub.jsonl").read_text().splitlines())


def test_kill_9_mid_run_then_resume_finishes_without_repeating_a_page(
    corpus: Path, tmp_path: Path
) -> None:
    out, want = tmp_path / "run", tmp_path / "reference"
    with StubServer(hold_after=12) as stub:
        proc = start_cli(*_run_args(corpus, out, stub.url, "--no-cache"), env=plugins_env())
        kill_when(proc, lambda: lines_in(out / "results.jsonl") >= 8, "8 recorded pages")
        stub.release()
        before = stub.requests
        recorded = {r["page"] for r in _valid_lines(out / "results.jsonl")}
        summary = json.loads(run_cli("run", "--resume", "--out", str(out), "--json").stdout)
        assert stub.requests - before == PAGES - len(recorded)  # nothing asked twice
        _reference(corpus, want, stub.url)
    assert _row(summary, "stub")["failures"] == 0
    _same_run(out, want)


def _valid_lines(path: Path) -> list[dict]:
    """The whole JSON lines of a file a kill may have torn."""
    rows = []
    for line in path.read_text().splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            rows.append(json.loads(line))
    return rows


def test_ctrl_c_saves_what_is_done_and_resume_finishes(corpus: Path, tmp_path: Path) -> None:
    out, want = tmp_path / "run", tmp_path / "reference"
    with StubServer(hold_after=10) as stub:
        proc = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("boilerbench")),
                *_run_args(corpus, out, stub.url, "--no-cache"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=plugins_env(),
        )
        try:
            assert _wait_for_lines(proc, out / "results.jsonl", 10), "10 pages never recorded"
            proc.send_signal(signal.SIGINT)
            _, stderr = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode == 130, stderr
        assert f"Finish with: boilerbench run --resume --out {out}" in stderr
        assert len(_records(out)) == 10  # the held requests were dropped, not recorded
        stub.release()
        run_cli("run", "--resume", "--out", str(out))
        _reference(corpus, want, stub.url)
    _same_run(out, want)


def _wait_for_lines(proc: subprocess.Popen[str], path: Path, n: int) -> bool:
    """Poll (5 ms) until ``path`` has ``n`` lines; ``False`` if the run ended first."""
    deadline = time.monotonic() + 120
    while lines_in(path) < n:
        if proc.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


def test_the_output_cache_serves_a_rerun_whatever_the_host(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with StubServer() as stub:
        first = json.loads(
            run_cli(
                *_run_args(corpus, tmp_path / "a", stub.url, "--cache-dir", str(cache), "--json")
            ).stdout
        )
        assert stub.requests == PAGES
        again = stub.url.replace("127.0.0.1", "localhost")
        second = json.loads(
            run_cli(
                *_run_args(corpus, tmp_path / "b", again, "--cache-dir", str(cache), "--json")
            ).stdout
        )
        assert stub.requests == PAGES  # all from the cache: the host is not in the key
        args = _run_args(corpus, tmp_path / "c", stub.url, "--cache-dir", str(cache), "--json")
        args[args.index(f"stub.preset={PRESET}")] = "stub.preset=generic-markdown"
        run_cli(*args)
        assert stub.requests == 2 * PAGES  # another preset: another output
    a, b = _row(first, "stub"), _row(second, "stub")
    assert b["cached"] == PAGES and a["cached"] == 0
    assert b["metrics"] == a["metrics"]
    assert (b["tokens_in"], b["tokens_out"]) == (a["tokens_in"], a["tokens_out"]) != (0, 0)


def test_the_python_api_table_has_tokens_and_cost(corpus: Path, tmp_path: Path) -> None:
    with StubServer() as stub:
        run = bb.evaluate(
            str(corpus),
            [f"stub=llm:stub@{stub.url}", "everything"],
            params={"stub": {"preset": PRESET, "price_in_per_mtok": 1.0}},
            out=tmp_path / "run",
            cache=False,
            jobs=1,
        )
    table = run.table()
    assert table.loc["stub", "tokens_in"] > 0
    assert table.loc["stub", "cost_usd"] == pytest.approx(table.loc["stub", "tokens_in"] / 1e6)
    assert table.loc["stub", "f1"] == pytest.approx(table.loc["everything", "f1"], abs=0.05)


def _markdown_answer(html: str) -> str:
    """A model's markdown answer, wrapped the way models wrap it, with a table and emphasis."""
    lines = [line for line in visible_text(html).splitlines() if line.strip()]
    title = next(line for line in lines if line.startswith("Ferry notice"))
    body = next(line for line in lines if line.startswith("From Monday"))
    crossings = body.split(" runs ")[1].split()[0]
    return (
        "Here is the main content:\n```markdown\n"
        f"# {title}\n\n{body.replace('river ferry', '**river ferry**')}\n\n"
        f"| Pier | Crossings |\n| --- | --- |\n| North | {crossings} |\n```"
    )


def _gold(i: int) -> str:
    return (
        f"Ferry notice {i}\nFrom Monday the river ferry runs {i + 2} times an hour between the "
        "piers."
    )


def test_markdown_answers_are_scored_on_their_rendered_text(tmp_path: Path) -> None:
    """A ``markdown`` preset's answers are recorded as markdown, unwrapped, and the text
    metrics read their rendered text: the same scores as a model answering that text plainly,
    while the raw markdown (``#``, ``|``, ``**``) would score lower."""
    root = tmp_path / "corpus"
    native.write(
        root,
        "llm-markdown",
        [
            native.PageToWrite(
                f"page-{i:03d}", _html(i).encode(), {"text": _gold(i)}
            )
            for i in range(6)
        ],
    )

    def plain_answer(html: str) -> str:
        return rendered_text(unwrap(_markdown_answer(html)), "markdown")

    with StubServer(answer=_markdown_answer) as md, StubServer(answer=plain_answer) as plain:
        run = bb.evaluate(
            str(root),
            [f"md=llm:stub@{md.url}", f"plain=llm:stub@{plain.url}"],
            params={"md": {"preset": "generic-markdown"}, "plain": {"preset": "generic-text"}},
            metrics=["aeb", "levenshtein"],
            out=tmp_path / "run",
            cache=False,
            jobs=1,
        )
    records = {(r["extractor"], r["page"]): r for r in _records(tmp_path / "run")}
    assert {r["output_kind"] for (name, _), r in records.items() if name == "md"} == {"markdown"}
    assert {r["output_kind"] for (name, _), r in records.items() if name == "plain"} == {"text"}
    output = RunStore(tmp_path / "run").outputs("md")["page-002"]
    assert output.startswith("# Ferry notice 2\n") and "| North | 4 |" in output  # unwrapped
    table = run.table()
    assert table.loc["md", "f1"] == table.loc["plain", "f1"] > 0.5
    assert records[("md", "page-002")]["scores"] == records[("plain", "page-002")]["scores"]
    gold = _gold(2)
    # read raw, '#', '|', '---' and '**' would cost edits ('aeb' drops punctuation: no change)
    scored = records[("md", "page-002")]["scores"]["levenshtein"]["ratio"]
    assert levenshtein.score_page(Gold(text=gold), output)["ratio"] < scored

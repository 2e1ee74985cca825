"""Pages in chunks keep every guarantee a page had alone: its own timeout (in the worker,
and the parent's kill for code that blocks the signal), a crash or a memory blow-up losing
only that page while the rest of its chunk runs on a fresh worker, and results handed on as
each page finishes. Real worker processes, real (misbehaving) extractors of
tests/plugins/faulty_extractors.py, chunks of several pages."""

from __future__ import annotations

import faulthandler
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import PLUGINS, hold_folder, kill_when, lines_in, plugins_env, run_cli

from bench import worker
from bench.executors.base import Settings
from bench.executors.local import LocalExecutor
from bench.executors.pool import Job, PagePool
from bench.records import PageResult, Task
from corpora import native
from corpora.corpus import Corpus
from corpora.registry import open_corpus
from extractors import registry
from extractors.spec import parse_spec

MOODY = parse_spec(f"moody={PLUGINS / 'faulty_extractors.py'}:moody")
N_PAGES = 8
CHUNK = 4


@pytest.fixture(autouse=True)
def _quiet_crashes() -> Iterator[None]:
    """pytest's fault handler, inherited by the forked workers, would print every crash."""
    enabled = faulthandler.is_enabled()
    faulthandler.disable()
    yield
    if enabled:
        faulthandler.enable()


def _text(i: int) -> str:
    return f"Paragraph {i} of the ferry story, the article text"


def _corpus(root: Path, special: dict[int, str]) -> Corpus:
    """Pages p0..p7 whose first paragraph is the gold; ``special`` adds attributes to the
    body of some pages (``data-fault="hang"``, ``data-wait="..."``)."""
    html = "<html><body {}><p>{}</p><div>menu</div></body></html>"
    pages = [
        native.PageToWrite(f"p{i}", html.format(special.get(i, ""), _text(i)).encode(),
                           {"text": _text(i)})
        for i in range(N_PAGES)
    ]  # fmt: skip
    return open_corpus(str(native.write(root, "chunks", pages)))


def _run(
    corpus: Corpus,
    timeout: float,
    max_memory_mb: int | None = None,
    sink: object = None,
) -> tuple[dict[str, tuple[PageResult, str]], PagePool]:
    loaded = {MOODY.name: registry.load(MOODY)}
    pool = PagePool(
        1,
        timeout,
        (corpus, ("aeb",), loaded, True, max_memory_mb),
        warm=(MOODY.name,),
        chunk_size=CHUNK,
    )
    got: list[tuple[PageResult, str]] = []

    def record(result: PageResult, text: str) -> None:
        got.append((result, text))
        if sink is not None:
            sink(result, text)  # type: ignore[operator]

    jobs = [
        Job(page.id, MOODY.name, worker.run_task, (Task(i, MOODY),))
        for i, page in enumerate(corpus.pages)
    ]
    pool.run(jobs, record, total=len(jobs))
    assert len(got) == N_PAGES and len({r.page for r, _ in got}) == N_PAGES  # each page once
    return {r.page: (r, text) for r, text in got}, pool


def _others_are_right(results: dict[str, tuple[PageResult, str]], failed: str) -> None:
    for i in range(N_PAGES):
        result, text = results[f"p{i}"]
        if result.page != failed:
            assert result.error is None and text == _text(i), result


def test_a_timeout_is_enforced_in_the_worker_and_the_rest_of_the_chunk_runs(
    tmp_path: Path,
) -> None:
    corpus = _corpus(tmp_path / "corpus", {1: 'data-fault="hang"'})
    results, pool = _run(corpus, timeout=1.0)
    hung, _ = results["p1"]
    assert hung.error == "timeout: no result after 1 s" and hung.seconds == 1.0
    # the worker interrupted the page itself: its log says where the page hung
    assert "the page was interrupted here" in hung.log and "in hangs" in hung.log, hung.log
    _others_are_right(results, "p1")
    assert max(pool.chunk_sizes) == CHUNK


def test_code_that_blocks_the_timeout_signal_is_killed_by_the_parent(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {2: 'data-fault="deaf"'})
    results, pool = _run(corpus, timeout=0.5)
    deaf, _ = results["p2"]
    assert deaf.error == "timeout: no result after 0.5 s"
    assert "interrupted here" not in (deaf.log or "")  # the worker never saw its timeout
    _others_are_right(results, "p2")
    assert max(pool.chunk_sizes) == CHUNK


def test_a_warm_up_that_hangs_deafly_does_not_hold_the_run(tmp_path: Path) -> None:
    """The first workers warm every extractor up before their first page; one whose warm-up
    never returns is killed like a hung page, and its pages still get their results."""
    corpus = _corpus(tmp_path / "corpus", {})
    spec = parse_spec(f"deaf={PLUGINS / 'faulty_extractors.py'}:deaf_warm_up")
    loaded = {spec.name: registry.load(spec)}
    pool = PagePool(1, 0.5, (corpus, ("aeb",), loaded, True, None), warm=(spec.name,))
    got: list[PageResult] = []
    jobs = [Job(p.id, spec.name, worker.run_task, (Task(i, spec),)) for i, p in
            enumerate(corpus.pages[:2])]  # fmt: skip
    pool.run(jobs, lambda r, _t: got.append(r))
    # a fresh worker warms up on its first page: that page hangs the same way
    assert sorted(r.page for r in got) == ["p0", "p1"]
    assert all(r.error == "timeout: no result after 0.5 s" for r in got)


def test_a_crash_loses_only_its_page(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {1: 'data-fault="segfault"', 6: 'data-fault="exit"'})
    results, _ = _run(corpus, timeout=30)
    assert results["p1"][0].error.startswith("crashed: worker killed by SIGSEGV")
    assert results["p6"][0].error.startswith("exception: SystemExit")
    for i in (0, 2, 3, 4, 5, 7):
        result, text = results[f"p{i}"]
        assert result.error is None and text == _text(i), result


def test_running_out_of_memory_loses_only_its_page(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", {0: 'data-fault="leak"'})
    results, _ = _run(corpus, timeout=30, max_memory_mb=200)
    leaked, _ = results["p0"]
    assert leaked.error == "memory: MemoryError, over the worker's limit of 200 MB (--max-memory)"
    _others_are_right(results, "p0")


def test_results_are_handed_on_as_each_page_finishes(tmp_path: Path) -> None:
    """p1 (in p0's chunk) cannot finish before the sink has p0's result: the sink is what
    releases it. Were results handed on per chunk, p1 would wait for its timeout."""
    fifo = tmp_path / "release"
    os.mkfifo(fifo)
    corpus = _corpus(tmp_path / "corpus", {1: f'data-wait="{fifo}"'})

    def release(result: PageResult, _text: str) -> None:
        if result.page == "p0":
            with fifo.open("wb"):  # blocks until p1 opens its end, then lets it go
                pass

    results, _ = _run(corpus, timeout=20, sink=release)
    assert results["p1"][0].error is None, results["p1"][0]
    _others_are_right(results, "")


def test_chunks_grow_from_the_measured_time_per_page(tmp_path: Path) -> None:
    """Without a fixed size, fast pages travel many to a chunk."""
    builtin = open_corpus(None)
    corpus = Corpus("fast", "native", None, builtin.pages[:60])
    loaded = {"nothing": registry.load("nothing")}
    spec = parse_spec("nothing")
    executor = LocalExecutor(Settings(corpus=corpus, metrics=("aeb",), extractors=loaded, jobs=1))
    got: list[PageResult] = []
    executor.start()
    try:
        executor.run([Task(i, spec) for i in range(60)], lambda r, _t: got.append(r))
    finally:
        executor.close()
    assert sorted(r.page for r in got) == sorted(p.id for p in corpus.pages)
    assert all(r.error is None for r in got)
    assert max(executor.pool.chunk_sizes) > 4
    assert sum(executor.pool.chunk_sizes.values()) < 30  # far fewer round trips than pages


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_page_once_when_workers_are_replaced_mid_chunk(tmp_path: Path, jobs: int) -> None:
    """Several faults in one run, two workers: pages handed back after a crash or a retired
    worker are run exactly once."""
    special = {0: 'data-fault="segfault"', 3: 'data-fault="hang"', 5: 'data-fault="leak"'}
    corpus = _corpus(tmp_path / "corpus", special)
    loaded = {MOODY.name: registry.load(MOODY)}
    pool = PagePool(jobs, 1.0, (corpus, ("aeb",), loaded, True, 200), chunk_size=3)
    got: list[PageResult] = []
    jobs_ = [Job(p.id, MOODY.name, worker.run_task, (Task(i, MOODY),)) for i, p in
             enumerate(corpus.pages)]  # fmt: skip
    pool.run(jobs_, lambda r, _t: got.append(r))
    assert sorted(r.page for r in got) == [f"p{i}" for i in range(N_PAGES)]
    kinds = {r.page: (r.error or "ok").split(":")[0] for r in got}
    assert kinds == {"p0": "crashed", "p3": "timeout", "p5": "memory"} | {
        f"p{i}": "ok" for i in (1, 2, 4, 6, 7)
    }


# runs the extractors of test_faults_resume in chunks of 8 pages, two workers, no cache
_CHUNKED_RUN = """
import sys
from pathlib import Path
from bench import runner
from corpora.registry import open_corpus
config = runner.RunConfig(
    corpus=open_corpus(sys.argv[1]),
    extractors=("faulty_extractors:sleepy", "held_extractor:visible_text"),
    out=Path(sys.argv[2]),
    jobs=2,
    chunk_size=8,
    corpus_spec=sys.argv[1],
)
runner.run(config)
"""


def test_kill_9_mid_chunk_then_resume_loses_nothing(tmp_path: Path) -> None:
    pages = 40
    root = native.write(
        tmp_path / "corpus",
        "resume-chunks",
        [
            native.PageToWrite(
                f"page-{i:03d}",
                f"<html><body><nav>Home</nav><p>{_text(i)}</p></body></html>".encode(),
                {"text": _text(i)},
            )
            for i in range(pages)
        ],
    )
    out = tmp_path / "killed"
    results = out / "results.jsonl"
    env = plugins_env(hold_folder(tmp_path / "hold"))  # one page is held until the kill
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHUNKED_RUN, str(root), str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=env,
    )
    kill_when(proc, lambda: lines_in(results) >= 12, "line 12")
    assert 12 <= lines_in(results) < 2 * pages
    extractors = "faulty_extractors:sleepy,held_extractor:visible_text"
    resumed = run_cli("run", "--resume", "--out", str(out), "-e", extractors, "--no-cache",
                      "--json")  # fmt: skip
    rows = {row["extractor"]: row for row in json.loads(resumed.stdout)["results"]}
    assert all(row["n_pages"] == pages and row["failures"] == 0 for row in rows.values())
    records = [json.loads(line) for line in results.read_text().splitlines()]
    assert len(records) == 2 * pages
    assert len({(r["page"], r["extractor"]) for r in records}) == 2 * pages

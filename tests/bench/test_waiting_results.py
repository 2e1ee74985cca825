"""Results that arrive before the corpus checksum is known (a fresh run writes its manifest
with it) wait: the first ones in memory, the rest in a temporary file, so a large corpus
that takes minutes to hash neither stalls the workers nor fills the memory. All of them are
stored once the checksum is known."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import runner
from bench.store import RunStore
from corpora import native
from corpora.corpus import Corpus
from corpora.page import Page
from corpora.registry import open_corpus

PAGES = 12
HELD_UNTIL = 6  # results recorded before any page may be stamped (hashed)
RECORDED = threading.Event()


@dataclass(frozen=True, slots=True)
class LateStampPage(Page):
    """A page whose file stamp (read by the digest thread first) waits for the run's results:
    the checksum is known only after ``HELD_UNTIL`` of them."""

    def stamp(self) -> str | None:
        RECORDED.wait(timeout=60)
        return Page.stamp(self)


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    root = native.write(
        tmp_path / "corpus",
        "waiting",
        [
            native.PageToWrite(
                f"page-{i:02d}",
                f"<html><body><p>Ferry {i} leaves at {i + 6}.</p></body></html>".encode(),
                {"text": f"Ferry {i} leaves at {i + 6}."},
            )
            for i in range(PAGES)
        ],
    )
    plain = open_corpus(str(root))
    pages = tuple(LateStampPage(p.id, p.path, p.gold, p.url, p.charset) for p in plain.pages)
    return Corpus(plain.name, plain.format, plain.location, pages)


def test_results_beyond_the_memory_share_wait_in_a_file(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "MAX_WAITING", 2)
    out = tmp_path / "run"
    spooled: list[int] = []

    def on_progress(progress: runner.Progress) -> None:
        if progress.done >= HELD_UNTIL:
            RECORDED.set()

    original = runner._Recorder.__call__

    def recording(self: runner._Recorder, result, text) -> None:  # type: ignore[no-untyped-def]
        original(self, result, text)
        if self.spool is not None:
            spooled.append(self.progress.done)

    monkeypatch.setattr(runner._Recorder, "__call__", recording)
    config = runner.RunConfig(
        corpus=corpus,
        extractors=("nothing", "everything"),
        out=out,
        jobs=1,
        argv=("test",),
        cache_dir=tmp_path / "cache",  # the digest memo stamps the pages first
    )
    RECORDED.clear()
    summary = runner.run(config, on_progress=on_progress)
    assert spooled, "no result waited in the file"
    results = RunStore(out).results()
    assert sorted((r.page, r.extractor) for r in results) == sorted(
        (p.id, e) for p in corpus.pages for e in ("nothing", "everything")
    )
    assert all(r.error is None for r in results)
    assert [row["n_pages"] for row in summary["results"]] == [PAGES, PAGES]

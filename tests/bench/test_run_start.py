"""A fresh run starts its pages while a helper thread hashes the corpus: results that arrive
before the checksum is known wait, then go to the store like any other."""

from __future__ import annotations

import json
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

PAGES = 4
# Set when the run reports its first result; hashing waits for it (60 s at most).
FIRST_RESULT = threading.Event()


@dataclass(frozen=True, slots=True)
class SlowToStampPage(Page):
    """A page whose file stamp (read by the helper thread, for the cache's digest memo) is not
    given before the run has a result: the corpus checksum is known only after that."""

    def stamp(self) -> str | None:
        FIRST_RESULT.wait(timeout=60)
        return Page.stamp(self)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("start") / "corpus"
    native.write(
        root,
        "start-test",
        [
            native.PageToWrite(
                f"page-{i}",
                f"<html><body><p>Ferry {i} runs at {i + 6}.</p></body></html>".encode(),
                {"text": f"Ferry {i} runs at {i + 6}."},
            )
            for i in range(PAGES)
        ],
    )
    plain = open_corpus(str(root))
    pages = tuple(SlowToStampPage(p.id, p.path, p.gold, p.url, p.charset) for p in plain.pages)
    return Corpus(plain.name, plain.format, plain.location, pages)


def test_results_wait_for_the_checksum_then_are_stored(corpus: Corpus, tmp_path: Path) -> None:
    out = tmp_path / "run"
    seen: list[tuple[int, bool]] = []

    def on_progress(progress: runner.Progress) -> None:
        seen.append((progress.done, RunStore(out).exists()))
        if progress.done > 0:
            FIRST_RESULT.set()

    config = runner.RunConfig(
        corpus=corpus,
        extractors=("everything",),
        out=out,
        jobs=1,
        argv=("test",),
        cache_dir=tmp_path / "cache",
    )
    summary = runner.run(config, on_progress=on_progress)
    assert any(done > 0 and not stored for done, stored in seen), seen  # results waited
    assert seen[-1][0] == PAGES
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["corpus"]["checksum"] == corpus.checksum() == summary["corpus_checksum"]
    results = RunStore(out).results()
    assert sorted(r.page for r in results) == [p.id for p in corpus.pages]
    assert all(r.error is None and r.scores["aeb"]["tp"] > 0 for r in results)
    assert set(RunStore(out).outputs("everything")) == {p.id for p in corpus.pages}
    # the cache got the outputs once the digests were known: a re-run takes them all
    again = runner.run(
        runner.RunConfig(
            corpus=corpus,
            extractors=("everything",),
            out=tmp_path / "again",
            jobs=1,
            argv=("test",),
            cache_dir=tmp_path / "cache",
        )
    )
    assert again["results"][0]["cached"] == PAGES

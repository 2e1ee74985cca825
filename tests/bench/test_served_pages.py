"""With fewer workers than CPUs the parent reads the pages and scores the outputs; with a
worker per CPU the workers do. Both must record the same results, failures included."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import runner
from bench.executors import local
from bench.records import PageResult
from bench.store import RunStore
from corpora.corpus import Corpus
from corpora.page import Gold, Page
from corpora.registry import open_corpus

EXTRACTORS = ("trafilatura", "everything")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """Built-in pages (noise blocks, titles, several languages), an empty page and a page
    whose file is gone."""
    builtin = open_corpus(None)
    folder = tmp_path_factory.mktemp("served")
    empty = folder / "empty.html"
    empty.write_bytes(b"")
    broken = (
        Page("empty-page", empty, Gold(text="Some gold.")),
        Page("missing-page", folder / "missing.html", Gold(text="Some gold.")),
    )
    pages = builtin.pages[:14] + broken
    return Corpus("served-test", "native", str(folder), pages)


def _results(corpus: Corpus, out: Path, cpus: int, monkeypatch: pytest.MonkeyPatch) -> dict:
    monkeypatch.setattr(local, "usable_cpus", lambda: cpus)
    config = runner.RunConfig(corpus=corpus, extractors=EXTRACTORS, out=out, jobs=1, argv=("test",))
    runner.run(config)
    return {(r.page, r.extractor): r for r in RunStore(out).results()}


def _comparable(result: PageResult) -> tuple:
    return (
        result.output_sha256,
        result.error,
        result.scores,
        result.diagnostics,
        result.encoding,
        result.encoding_source,
    )


def test_parent_and_worker_scoring_record_the_same(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    served = _results(corpus, tmp_path / "served", cpus=2, monkeypatch=monkeypatch)
    in_worker = _results(corpus, tmp_path / "in-worker", cpus=1, monkeypatch=monkeypatch)
    assert served.keys() == in_worker.keys()
    assert len(served) == len(corpus.pages) * len(EXTRACTORS)
    for key, result in served.items():
        assert _comparable(result) == _comparable(in_worker[key]), key
    assert served[("empty-page", "trafilatura")].error.startswith("input: ")
    assert "is empty" in served[("empty-page", "trafilatura")].error
    assert "does not exist" in served[("missing-page", "everything")].error
    scored = [r for r in served.values() if r.error is None]
    assert scored and all(r.scores["aeb"] for r in scored)
    assert any(r.diagnostics.get("noise_blocks") for r in scored)

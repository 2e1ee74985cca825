"""A page's extractors run one after the other (:mod:`bench.order`), so a worker (or the
parent, in served mode) reads and decodes each page once for all of them, and scoring
prepares each gold once; the results are the same as computing every pair on its own."""

from __future__ import annotations

import os
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from bench import runner
from bench.executors import local
from bench.metrics import aeb, rouge_n, tokens, words
from bench.order import page_grouped
from bench.page_memo import LastPage
from bench.records import PageResult, text_sha256
from bench.scoring import diagnose_page, score_page
from bench.store import RunStore
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.page import CorpusError, Gold, Page
from corpora.registry import open_corpus
from extractors import registry
from extractors.spec import parse_spec

EXTRACTORS = ("trafilatura", "everything", "trafilatura-markdown")


@dataclass(frozen=True, slots=True)
class LoggedPage(Page):
    """A page that notes each read of its file (process, thread) in ``log``, so reads done
    in worker processes can be counted."""

    log: Path | None = None

    def read_bytes(self) -> bytes:
        assert self.log is not None
        with self.log.open("a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()}\t{threading.current_thread().name}\t{self.id}\n")
        return Page.read_bytes(self)


@pytest.fixture(scope="module")
def builtin() -> Corpus:
    corpus = open_corpus(None)
    return Corpus(corpus.name, corpus.format, corpus.location, corpus.pages[:12])


def _logged(corpus: Corpus, log: Path) -> Corpus:
    pages = tuple(
        LoggedPage(p.id, p.path, p.gold, p.url, p.charset, p.labels, log=log) for p in corpus.pages
    )
    return Corpus("logged", corpus.format, corpus.location, pages)


def _run(corpus: Corpus, out: Path, **settings: object) -> dict[tuple[str, str], PageResult]:
    config = runner.RunConfig(
        corpus=corpus, extractors=EXTRACTORS, out=out, argv=("test",), **settings
    )
    runner.run(config)
    return {(r.page, r.extractor): r for r in RunStore(out).results()}


def _page_reads(log: Path, in_workers: bool) -> Counter[str]:
    """Reads per page by the worker processes, or by this process's main thread (not by the
    threads that hash the corpus)."""
    reads: Counter[str] = Counter()
    for line in log.read_text(encoding="utf-8").splitlines():
        pid, thread, page = line.split("\t")
        mine = pid == str(os.getpid())
        if (not mine) if in_workers else (mine and thread == "MainThread"):
            reads[page] += 1
    return reads


def test_workers_read_each_page_once_for_all_its_extractors(
    builtin: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "reads.log"
    monkeypatch.setattr(local, "usable_cpus", lambda: 2)  # a worker per CPU: workers read
    # chunks of one page's tasks each, so no page is split between the two workers
    results = _run(_logged(builtin, log), tmp_path / "run", jobs=2, chunk_size=len(EXTRACTORS))
    assert len(results) == len(builtin.pages) * len(EXTRACTORS)
    assert _page_reads(log, in_workers=True) == Counter({page.id: 1 for page in builtin.pages})


def test_the_parent_reads_each_page_once_in_served_mode(
    builtin: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "reads.log"
    monkeypatch.setattr(local, "usable_cpus", lambda: 2)  # one worker: the parent reads
    _run(_logged(builtin, log), tmp_path / "run", jobs=1)
    assert _page_reads(log, in_workers=False) == Counter({p.id: 1 for p in builtin.pages})


def test_scores_and_outputs_are_those_of_each_pair_computed_alone(
    builtin: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    metric_names = ("aeb", "tokens", "words", "rouge-n5")
    monkeypatch.setattr(local, "usable_cpus", lambda: 2)
    in_workers = _run(builtin, tmp_path / "workers", jobs=2, metrics=metric_names)
    served = _run(builtin, tmp_path / "served", jobs=1, metrics=metric_names, seed=7)
    assert in_workers.keys() == served.keys()
    for name in EXTRACTORS:
        extractor = registry.load(parse_spec(name))
        for page in builtin.pages:
            for memo in (aeb.gold_text_shingles, words._reference_bag, tokens._gold_bag):
                memo.cache_clear()  # type: ignore[attr-defined]
            rouge_n._gold_ngrams.cache_clear()  # type: ignore[attr-defined]
            text = extractor.extract(decode_html(page.read_bytes(), page.charset).text) or ""
            kind = extractor.output_kind
            for results in (in_workers, served):
                result = results[(page.id, name)]
                assert result.error is None
                assert result.output_sha256 == text_sha256(text), (page.id, name)
                assert result.scores == score_page(page, text, metric_names, kind)
                assert result.diagnostics == diagnose_page(page, text, kind)


def test_the_order_is_the_seed_s_with_every_pair_once_and_pages_together() -> None:
    specs = tuple(parse_spec(name) for name in ("trafilatura", "everything", "nothing"))
    tasks = page_grouped(9, specs, seed=3)
    pairs = [(t.page_index, t.extractor) for t in tasks]
    assert sorted(pairs) == sorted((p, s.name) for p in range(9) for s in specs)
    assert pairs == [(t.page_index, t.extractor) for t in page_grouped(9, specs, seed=3)]
    assert pairs != [(t.page_index, t.extractor) for t in page_grouped(9, specs, seed=4)]
    pages = [t.page_index for t in tasks]
    assert [pages[i] for i in range(0, len(pages), 3)] != list(range(9))  # pages shuffled
    assert all(len(set(pages[i : i + 3])) == 1 for i in range(0, len(pages), 3))
    assert len({tuple(t.extractor for t in tasks[i : i + 3]) for i in range(0, 27, 3)}) > 1
    # a resume keeps what is left in the same relative order
    left = page_grouped(9, specs, seed=3, keep=lambda page, spec: (page + len(spec.name)) % 2)
    assert [(t.page_index, t.extractor) for t in left] == [
        pair for pair in pairs if (pair[0] + len(pair[1])) % 2
    ]


def test_last_page_reads_and_decodes_once_and_never_keeps_a_failure(tmp_path: Path) -> None:
    html = "<html><head><meta charset='windows-1252'></head><body><p>caf\xe9</p></body></html>"
    (tmp_path / "a.html").write_bytes(html.encode("cp1252"))
    (tmp_path / "b.html").write_bytes(b"<p>b</p>")
    a, b = Page("a", tmp_path / "a.html"), Page("b", tmp_path / "b.html")
    missing = Page("gone", tmp_path / "gone.html", Gold(text="gold"))
    memo = LastPage()
    for _ in range(3):
        data = memo.read(a)
        assert memo.decode(a, data).text == decode_html(data).text
    assert (memo.reads, memo.decodes) == (1, 1)
    copy = Page("a", tmp_path / "a.html")  # the same page, travelled with its task
    assert memo.decode(copy, bytes(data)) is memo.decode(a, data)
    assert memo.decodes == 1
    memo.read(b)
    memo.read(a)
    assert memo.reads == 3
    for _ in range(2):
        with pytest.raises(CorpusError, match="does not exist"):
            memo.read(missing)
    assert memo.reads == 5
    assert memo.read(a) == data and memo.reads == 5  # what was kept before stays whole

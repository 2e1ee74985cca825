"""The output cache: an unchanged re-run takes every output from the cache and scores it the
same; another parameter, another library version or ``--no-cache`` runs the extractor."""

from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import PLUGINS

from bench.cache import FILE_NAME, OutputCache
from bench.identity import identity_of
from bench.records import PageResult
from bench.store import RunStore
from corpora import native
from extractors import registry

PAGES = 6
EXTRACTORS = "trafilatura,everything"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cache") / "corpus"
    native.write(
        root,
        "cache-test",
        [
            native.PageToWrite(
                f"page-{i}",
                f"<html><body><nav>Home · News</nav><article><h1>Ferry {i}</h1><p>The river "
                f"ferry runs {i} times a day in winter, the operator said on Tuesday, and "
                f"the last crossing leaves at {i + 6} in the evening.</p></article>"
                "<footer>© 2024</footer></body></html>".encode(),
                {"text": f"The river ferry runs {i} times a day in winter."},
            )
            for i in range(PAGES)
        ],
    )
    return root


def _run(cli, corpus: Path, out: Path, cache: Path, *extra: str) -> tuple[dict, list[dict]]:
    done = cli(
        "run", "--corpus", str(corpus), "-e", EXTRACTORS, "--out", str(out),
        "--cache-dir", str(cache), "--json", *extra,
    )  # fmt: skip
    lines = (out / "results.jsonl").read_text().splitlines()
    return json.loads(done.stdout), [json.loads(line) for line in lines]


def _scores(records: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["page"], r["extractor"]): r["scores"] for r in records}


def test_unchanged_rerun_is_served_from_the_cache(cli, corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, first_records = _run(cli, corpus, tmp_path / "first", cache)
    assert not any(r["cached"] for r in first_records)
    assert (cache / FILE_NAME).is_file()
    again, records = _run(cli, corpus, tmp_path / "again", cache)
    assert len(records) == PAGES * 2 and all(r["cached"] for r in records)
    assert _scores(records) == _scores(first_records)
    for got, want in zip(again["results"], first["results"], strict=True):
        assert got["metrics"] == want["metrics"]
        assert got["cached"] == PAGES and got["speed_from_cache"] is True
        assert got["seconds_median"] == want["seconds_median"]  # the computing run's timing
    for name in ("trafilatura", "everything"):  # the texts are the extractor's own
        assert RunStore(tmp_path / "again").outputs(name) == RunStore(tmp_path / "first").outputs(
            name
        )


def test_another_param_and_no_cache_run_the_extractor(cli, corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(cli, corpus, tmp_path / "first", cache)
    _, records = _run(
        cli, corpus, tmp_path / "param", cache, "--param", "trafilatura.favor_precision=true"
    )
    by_extractor = {r["extractor"]: [] for r in records}
    for r in records:
        by_extractor[r["extractor"]].append(r["cached"])
    assert not any(by_extractor["trafilatura"])  # another parameter: a miss
    assert all(by_extractor["everything"])  # the other extractor is unchanged: a hit
    _, records = _run(cli, corpus, tmp_path / "off", cache, "--no-cache")
    assert not any(r["cached"] for r in records)


def _cut(out: Path, keep: int) -> None:
    """Leave the first ``keep`` records of a finished run, as a run killed there would."""
    results = out / "results.jsonl"
    results.write_text("".join(results.read_text().splitlines(keepends=True)[:keep]))


def test_a_resume_keeps_the_runs_own_cache_choice(cli, corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(cli, corpus, tmp_path / "first", cache)  # the cache holds every output
    fresh, cached = tmp_path / "fresh", tmp_path / "cached"
    _run(cli, corpus, fresh, cache, "--no-cache")
    _run(cli, corpus, cached, cache)
    for out in (fresh, cached):
        _cut(out, 4)
    cli("run", "--resume", "--out", str(fresh), "--cache-dir", str(cache))
    cli("run", "--resume", "--out", str(cached))  # its cache folder is the recorded one
    fresh_records = [json.loads(line) for line in (fresh / "results.jsonl").open()]
    assert len(fresh_records) == PAGES * 2
    assert not any(r["cached"] for r in fresh_records)  # a --no-cache run stays fresh
    cached_records = [json.loads(line) for line in (cached / "results.jsonl").open()]
    assert len(cached_records) == PAGES * 2 and all(r["cached"] for r in cached_records[4:])
    _cut(fresh, 4)
    cli("run", "--resume", "--out", str(fresh), "--cache", "--cache-dir", str(cache))
    records = [json.loads(line) for line in (fresh / "results.jsonl").open()]
    assert len(records) == PAGES * 2 and all(r["cached"] for r in records[4:])  # told to


def test_a_new_library_version_misses(tmp_path: Path) -> None:
    loaded = registry.load("trafilatura")
    ident = identity_of(loaded)
    assert ident.cacheable
    page = "ab" * 32
    newer = identity_of(replace(loaded, version=loaded.version + ".post1"))
    assert newer.cache_key(page, None) != ident.cache_key(page, None)
    other = identity_of(replace(loaded, params={"favor_recall": True}))
    assert other.cache_key(page, None) != ident.cache_key(page, None)
    # the page's declared charset decides the text the extractor receives
    assert ident.cache_key(page, "windows-1252") != ident.cache_key(page, None)
    # so do the libraries under the adapter (lxml for trafilatura) and the decoder
    libraries = dict(ident.libraries)
    assert libraries["trafilatura"] == loaded.version and libraries["lxml"]
    bumped = replace(ident, libraries=tuple(sorted({**libraries, "lxml": "0.0.1"}.items())))
    assert bumped.cache_key(page, None) != ident.cache_key(page, None)
    assert "lxml" in " ".join(ident.changes(bumped))
    assert "charset-normalizer" in ident.decoder
    redecoded = replace(ident, decoder=ident.decoder + "x")
    assert redecoded.cache_key(page, None) != ident.cache_key(page, None)
    # the name is not part of the key: renaming an extractor re-uses its outputs
    renamed = identity_of(replace(loaded, name="traf"))
    assert renamed.cache_key(page, None) == ident.cache_key(page, None)
    cache = OutputCache(tmp_path)
    result = PageResult("p", "trafilatura", 0.25, 4, None, peak_rss_mb=80.0)
    cache.put(ident.cache_key(page, None), ident, result, "text")
    cache.commit()
    entry = cache.get(ident.cache_key(page, None))
    assert entry is not None and entry.text == "text" and entry.seconds == 0.25
    assert cache.holds(ident) and not cache.holds(newer)
    assert cache.get(newer.cache_key(page, None)) is None
    cache.put(ident.cache_key("cd" * 32, None), ident, replace(result, error="timeout: x"), "")
    cache.close()
    rows = sqlite3.connect(tmp_path / FILE_NAME).execute("SELECT COUNT(*) FROM outputs")
    assert rows.fetchone()[0] == 1  # a failure is never cached


def test_unversioned_plugins_are_not_cached() -> None:
    spec = f"{PLUGINS / 'faulty_extractors.py'}:first_paragraph"
    assert not identity_of(registry.load(spec)).cacheable


def test_rerun_reuses_scores_and_scores_new_metrics(cli, corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _run(cli, corpus, tmp_path / "first", cache)
    remembered = sqlite3.connect(cache / FILE_NAME).execute("SELECT COUNT(*) FROM scores")
    assert remembered.fetchone()[0] >= PAGES  # the workers' scores, kept with the outputs
    # other metrics on a re-run: outputs from the cache, the new metric computed, and equal
    # to what a run without the cache gives
    metric = ("--metric", "aeb,tokens")
    _, again = _run(cli, corpus, tmp_path / "again", cache, *metric)
    assert all(r["cached"] for r in again)
    _, fresh = _run(cli, corpus, tmp_path / "fresh", tmp_path / "unused", "--no-cache", *metric)
    assert _scores(again) == _scores(fresh)
    assert all(set(s) == {"aeb", "tokens"} for s in _scores(again).values())


def test_a_changed_page_is_hashed_and_extracted_again(cli, corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    cache = tmp_path / "cache"
    _run(cli, copy, tmp_path / "first", cache)
    page = copy / "pages" / "page-2.html.gz"
    html = gzip.decompress(page.read_bytes())
    page.write_bytes(gzip.compress(html.replace(b"river ferry", b"harbour ferry"), mtime=0))
    _, records = _run(cli, copy, tmp_path / "again", cache)
    cached = {(r["page"], r["extractor"]): r["cached"] for r in records}
    assert not cached[("page-2", "trafilatura")] and not cached[("page-2", "everything")]
    assert sum(cached.values()) == (PAGES - 1) * 2
    texts = RunStore(tmp_path / "again").outputs("everything")
    assert "harbour ferry" in texts["page-2"]


def test_runs_sharing_the_cache_write_between_each_others_writes(tmp_path: Path) -> None:
    """Between its writes a run holds no lock on the cache file: another run that will not
    wait takes the write lock at once (a transaction kept open between writes held it for
    the whole run, and the other runs' writes waited 30 s and failed as locked)."""
    cache = OutputCache(tmp_path)
    other = sqlite3.connect(tmp_path / FILE_NAME, timeout=0, isolation_level=None)
    for i in range(3):
        cache.put_scores(f"mine-{i}", {"aeb": {"f1": 1.0}}, {})
        other.execute("BEGIN IMMEDIATE")  # "database is locked" while the run holds it
        other.execute("INSERT INTO scores VALUES (?, ?)", (f"other-{i}", "[{}, {}]"))
        other.execute("COMMIT")
    cache.close()
    again = OutputCache(tmp_path)
    assert again.scores("mine-2") == ({"aeb": {"f1": 1.0}}, {})
    assert again.scores("other-2") == ({}, {})

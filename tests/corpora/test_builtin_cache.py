"""``--corpus builtin`` is the default generated build, made once into the cache, atomically."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import as_file
from pathlib import Path

import pytest

from corpora.builtin import inputs_digest
from corpora.builtin.cache import _inputs
from corpora.builtin.tables import DATA
from corpora.page import CorpusError
from corpora.registry import open_corpus

SEED_ID = "000_ffe9e71a67f59030"
OPEN_AND_PRINT = (
    "from corpora.registry import open_corpus; c = open_corpus('builtin'); "
    "print(len(c.pages), c.location, c.checksum())"
)


def test_builtin_is_built_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOILERBENCH_CACHE", str(tmp_path))
    corpus = open_corpus("builtin")
    assert corpus.name == "builtin" and len(corpus.pages) == 300
    assert corpus.pages[0].id == SEED_ID
    folder = tmp_path / f"builtin-{inputs_digest()}"
    assert Path(corpus.location) == folder
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name]  # no scratch left
    stamp = (folder / "gold.jsonl").stat().st_mtime_ns
    assert open_corpus("builtin").location == corpus.location
    assert (folder / "gold.jsonl").stat().st_mtime_ns == stamp
    assert [p.id for p in open_corpus("seeds").pages] == [SEED_ID]


def test_concurrent_first_use_does_not_clash(tmp_path: Path) -> None:
    env = {**os.environ, "BOILERBENCH_CACHE": str(tmp_path)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_PRINT], env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert outputs[0] == outputs[1] and outputs[0].startswith("300 ")
    assert len(list(tmp_path.iterdir())) == 1


def test_unwritable_cache_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("BOILERBENCH_CACHE", str(blocker / "cache"))
    with pytest.raises(CorpusError, match=r"cannot create the corpus cache .* BOILERBENCH_CACHE"):
        open_corpus("builtin")


def test_the_cache_key_covers_the_data_files() -> None:
    """Editing a data file (a phrase, a site) must give a new cache folder, as editing code does."""
    inputs = set(_inputs())
    with as_file(DATA) as data:
        tables = {path.resolve() for path in data.rglob("*.toml")}
    assert len(tables) > 20 and tables <= inputs

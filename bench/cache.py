"""A content-addressed cache of extraction outputs, so re-running a suite costs only new work.

An entry is keyed by the page's bytes (SHA-256), the extractor's name, spec, library version,
parameters and a hash of its adapter's source file; a new library version or changed adapter
code therefore misses. What is stored is what the worker measured (text, seconds, encoding,
network attempts). Only pages that succeeded are stored.

Scores are not part of an entry: they are remembered apart under
:func:`bench.scoring.score_key` (output text, the page's gold, the metrics and the scoring
code), so changing metrics needs no re-extraction and an unchanged re-run computes nothing.
The file also remembers page digests by file stamp (:mod:`bench.digests`). One SQLite file in
WAL mode: several runs may share it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.records import PageResult
from extractors import registry
from extractors.base import ExtractorError, LoadedExtractor

logger = logging.getLogger(__name__)

CACHE_ENV = "BOILERBENCH_CACHE"
FILE_NAME = "outputs.sqlite3"
SCHEMA_VERSION = 1
# Versions that say nothing about the code that ran: such extractors are never cached.
_UNVERSIONED = frozenset({"unknown", "external", ""})
_COMMIT_EVERY_S = 1.0
_SQL_BATCH = 500  # host parameters per query, well under SQLite's limit


def default_dir() -> Path:
    """``$BOILERBENCH_CACHE/outputs``, else ``~/.cache/boilerbench/outputs``."""
    root = os.environ.get(CACHE_ENV) or "~/.cache/boilerbench"
    return Path(root).expanduser() / "outputs"


def _code_version(spec: str) -> str | None:
    """SHA-256 (12 hex digits) of the source file that defines the extractor, or ``None``
    when it cannot be found (a ``cmd:`` program, a module without a file)."""
    try:
        info = registry.resolve(spec)
    except ExtractorError:
        return None
    if info.source == "cmd" or ":" not in info.target:
        return None
    module = info.target.rsplit(":", 1)[0]
    path: str | None
    if module.endswith(".py"):
        path = module
    else:
        loaded = sys.modules.get(module)
        path = getattr(loaded, "__file__", None)
        if path is None:
            try:
                found = importlib.util.find_spec(module)
            except (ImportError, ValueError):
                found = None
            path = found.origin if found is not None else None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12] if path else None
    except OSError:
        return None


@dataclass(frozen=True, slots=True)
class Identity:
    """What, besides the page, decides an extractor's output; ``None`` from :func:`identity`
    means the extractor is not cacheable."""

    name: str
    spec: str
    version: str
    params: str
    code: str

    def key(self, page_sha256: str) -> str:
        fields = (page_sha256, self.name, self.spec, self.version, self.params, self.code)
        return hashlib.sha256("\0".join(fields).encode()).hexdigest()


def identity(name: str, loaded: LoadedExtractor) -> Identity | None:
    """The cache identity of a loaded extractor, or ``None`` when its code can change
    without its version changing (unversioned plugins, ``cmd:`` programs)."""
    if loaded.version in _UNVERSIONED:
        return None
    code = _code_version(name)
    if code is None:
        return None
    params = json.dumps(loaded.params, sort_keys=True, default=repr)
    return Identity(name, loaded.spec, loaded.version, params, code)


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored output: the text and what the worker measured when it computed it."""

    text: str
    seconds: float
    network_attempts: int
    encoding: str | None
    encoding_source: str | None
    peak_rss_mb: float | None


class CacheError(Exception):
    """The cache file cannot be opened; the message names it."""


class OutputCache:
    """Get and put outputs in one SQLite file under ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # a run hashes pages on a helper thread, then uses the cache on its main thread:
            # one thread at a time, never both
            self._db = sqlite3.connect(
                self.path, timeout=30.0, isolation_level=None, check_same_thread=False
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS outputs (key TEXT PRIMARY KEY, extractor TEXT, "
                "version TEXT, created REAL, entry TEXT)"
            )
            # page digests by file stamp (bench.digests), scores by output and gold
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS page_digests (stamp TEXT PRIMARY KEY, sha256 TEXT)"
            )
            self._db.execute("CREATE TABLE IF NOT EXISTS scores (key TEXT PRIMARY KEY, value TEXT)")
            self._db.execute(
                "CREATE INDEX IF NOT EXISTS outputs_by_version ON outputs (extractor, version)"
            )
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(
                f"cannot open the output cache {self.path}: {exc} "
                f"(set {CACHE_ENV}, pass --cache-dir, or run with --no-cache)"
            ) from exc
        self._pending = 0
        self._last_commit = time.monotonic()

    def get(self, key: str) -> Entry | None:
        try:
            row = self._db.execute("SELECT entry FROM outputs WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            logger.warning("output cache %s: lookup failed: %s", self.path, exc)
            return None
        if row is None:
            return None
        try:
            data = json.loads(row[0])
            if data.pop("schema_version", None) != SCHEMA_VERSION:
                return None
            return Entry(**data)
        except (json.JSONDecodeError, TypeError) as exc:
            logger.warning("output cache %s: unreadable entry %s: %s", self.path, key, exc)
            return None

    def holds(self, extractor: str, version: str) -> bool:
        """Whether any output of this extractor and library version is stored (when none is,
        a run need not look its pages up)."""
        query = "SELECT 1 FROM outputs WHERE extractor = ? AND version = ? LIMIT 1"
        try:
            return self._db.execute(query, (extractor, version)).fetchone() is not None
        except sqlite3.Error as exc:
            logger.warning("output cache %s: lookup failed: %s", self.path, exc)
            return True

    def digests(self, stamps: Sequence[str]) -> dict[str, str]:
        """The remembered SHA-256 of the pages with these stamps (:mod:`bench.digests`)."""
        found: dict[str, str] = {}
        try:
            for start in range(0, len(stamps), _SQL_BATCH):
                batch = list(stamps[start : start + _SQL_BATCH])
                marks = ",".join("?" * len(batch))
                query = f"SELECT stamp, sha256 FROM page_digests WHERE stamp IN ({marks})"
                found.update(self._db.execute(query, batch).fetchall())
        except sqlite3.Error as exc:
            logger.warning("output cache %s: digest lookup failed: %s", self.path, exc)
        return found

    def remember(self, digests: dict[str, str]) -> None:
        self._write("INSERT OR REPLACE INTO page_digests VALUES (?, ?)", list(digests.items()))
        self.commit()

    def scores(self, key: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """Stored scores and diagnostics under a :func:`bench.scoring.score_key`."""
        try:
            row = self._db.execute("SELECT value FROM scores WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            scores, diagnostics = json.loads(row[0])
            return scores, diagnostics
        except (sqlite3.Error, json.JSONDecodeError, TypeError, ValueError) as exc:
            logger.warning("output cache %s: score lookup failed: %s", self.path, exc)
            return None

    def put_scores(self, key: str, scores: dict[str, Any], diagnostics: dict[str, Any]) -> None:
        value = json.dumps([scores, diagnostics])
        self._write("INSERT OR REPLACE INTO scores VALUES (?, ?)", [(key, value)])

    def _write(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        """Run an insert in the open transaction, committed about once a second."""
        try:
            if self._pending == 0:
                self._db.execute("BEGIN")
            self._db.executemany(statement, rows)
            self._pending += len(rows)
            if time.monotonic() - self._last_commit > _COMMIT_EVERY_S:
                self.commit()
        except sqlite3.Error as exc:  # a full disk must not stop the run: the cache is a bonus
            logger.warning("output cache %s: storing failed: %s", self.path, exc)
            self._rollback()

    def put(self, key: str, ident: Identity, result: PageResult, text: str) -> None:
        """Store a successful page run (a failure is never cached: it may be transient)."""
        if result.error is not None or result.cached:
            return
        entry = {
            "schema_version": SCHEMA_VERSION,
            "text": text,
            "seconds": result.seconds,
            "network_attempts": result.network_attempts,
            "encoding": result.encoding,
            "encoding_source": result.encoding_source,
            "peak_rss_mb": result.peak_rss_mb,
        }
        self._write(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
            [(key, ident.name, ident.version, time.time(), json.dumps(entry))],
        )

    def commit(self) -> None:
        if self._pending:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                logger.warning("output cache %s: commit failed: %s", self.path, exc)
                self._rollback()
        self._pending = 0
        self._last_commit = time.monotonic()

    def _rollback(self) -> None:
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        self._pending = 0

    def close(self) -> None:
        self.commit()
        try:
            self._db.close()
        except sqlite3.Error as exc:
            logger.warning("output cache %s: closing failed: %s", self.path, exc)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0])


def hit_result(
    page_id: str, name: str, entry: Entry, output_sha256: str, scores: Any, diagnostics: Any
) -> PageResult:
    """The page result a cache hit stands for: the stored measurements, the run's scores."""
    return PageResult(
        page=page_id,
        extractor=name,
        seconds=entry.seconds,
        output_chars=len(entry.text),
        output_sha256=output_sha256,
        error=None,
        network_attempts=entry.network_attempts,
        encoding=entry.encoding,
        encoding_source=entry.encoding_source,
        scores=scores,
        diagnostics=diagnostics,
        peak_rss_mb=entry.peak_rss_mb,
        cached=True,
    )

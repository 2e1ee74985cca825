"""A content-addressed cache of extraction outputs, so re-running a suite costs only new work.

An entry is keyed by the page's bytes (SHA-256), its declared charset and the extractor's
identity (:mod:`bench.identity`: what runs, its version, parameters, adapter code, the versions
of the libraries under it and of the decoder); any change there misses. What is stored is
what the worker measured (text, seconds, encoding, network attempts). Only pages that
succeeded are stored.

Scores are not part of an entry: they are remembered apart under
:func:`bench.scoring.score_key` (output text, the page's gold, the metrics and the scoring
code), so changing metrics needs no re-extraction and an unchanged re-run computes nothing.
The file also remembers page digests by file stamp (:mod:`bench.digests`). One SQLite file in
WAL mode: several runs may share it.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.identity import ExtractorIdentity
from bench.records import PageResult

logger = logging.getLogger(__name__)

CACHE_ENV = "BOILERBENCH_CACHE"
FILE_NAME = "outputs.sqlite3"
SCHEMA_VERSION = 2
_COMMIT_EVERY_S = 1.0
_SQL_BATCH = 500  # host parameters per query, well under SQLite's limit


def default_dir() -> Path:
    """``$BOILERBENCH_CACHE/outputs``, else ``~/.cache/boilerbench/outputs``."""
    root = os.environ.get(CACHE_ENV) or "~/.cache/boilerbench"
    return Path(root).expanduser() / "outputs"


@dataclass(frozen=True, slots=True)
class Entry:
    """A stored output: the text and what the worker measured when it computed it."""

    text: str
    seconds: float
    network_attempts: int
    encoding: str | None
    encoding_source: str | None
    peak_rss_mb: float | None
    usage: dict[str, Any] | None = None  # an LLM extractor's tokens (bench.records.PageResult)


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
        # rows to store, written about once a second in one short transaction (commit())
        self._pending: list[tuple[str, list[tuple[Any, ...]]]] = []
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

    def holds(self, ident: ExtractorIdentity) -> bool:
        """Whether any output of this extractor identity is stored (when none is, a run need
        not look its pages up). The ``extractor`` column holds the identity's digest."""
        query = "SELECT 1 FROM outputs WHERE extractor = ? AND version = ? LIMIT 1"
        try:
            return self._db.execute(query, (ident.digest, ident.version)).fetchone() is not None
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
        """Keep an insert for the next :meth:`commit`, made about once a second. The file's
        write lock is held only inside commit(): a transaction left open between writes
        would hold it for the whole run, and other runs sharing the file would wait 30 s
        and fail ("database is locked")."""
        self._pending.append((statement, rows))
        if time.monotonic() - self._last_commit > _COMMIT_EVERY_S:
            self.commit()

    def put(self, key: str, ident: ExtractorIdentity, result: PageResult, text: str) -> None:
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
            "usage": result.usage,
        }
        self._write(
            "INSERT OR REPLACE INTO outputs VALUES (?, ?, ?, ?, ?)",
            [(key, ident.digest, ident.version, time.time(), json.dumps(entry))],
        )

    def commit(self) -> None:
        """Write the kept inserts in one transaction."""
        if self._pending:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                for statement, rows in self._pending:
                    self._db.executemany(statement, rows)
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:  # a full disk must not stop the run: a bonus
                logger.warning("output cache %s: storing failed: %s", self.path, exc)
                self._rollback()
        self._pending = []
        self._last_commit = time.monotonic()

    def _rollback(self) -> None:
        try:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def close(self) -> None:
        self.commit()
        try:
            self._db.close()
        except sqlite3.Error as exc:
            logger.warning("output cache %s: closing failed: %s", self.path, exc)

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM outputs").fetchone()[0])


def hit_result(
    page_id: str,
    name: str,
    entry: Entry,
    output_sha256: str,
    scores: Any,
    diagnostics: Any,
    output_kind: str = "text",
) -> PageResult:
    """The page result a cache hit stands for: the stored measurements, the run's scores
    (of an output of ``output_kind``)."""
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
        usage=entry.usage,
        output_kind=output_kind,
    )

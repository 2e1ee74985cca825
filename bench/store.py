"""A run directory: ``manifest.json``, ``results.jsonl`` (one line per page and extractor),
``outputs/<extractor>.jsonl`` (the texts) and ``summary.json``.

Lines are appended and flushed as the run goes, so kill -9 loses at most the line being
written; a torn last line is cut off when the run is reopened and that page is redone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from bench.records import Manifest, PageResult, SchemaError

logger = logging.getLogger(__name__)

MANIFEST = "manifest.json"
RESULTS = "results.jsonl"
SUMMARY = "summary.json"
OUTPUTS = "outputs"
_FSYNC_EVERY_S = 2.0


class StoreError(Exception):
    """The run directory cannot be used; the message names the file."""


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON through a temporary file and a rename: readers never see half a file."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False, sort_keys=False)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,119}\Z")


def output_file_name(extractor: str) -> str:
    """The outputs file of an extractor, one per name and never shared: a plain name is its
    own file name (``trafilatura.jsonl``); any other (``cmd:node x.js``, ``a:b``) is cleaned
    and given a hash of the whole name (``cmd_node_x.js~1a2b3c4d.jsonl``), so ``a:b`` and
    ``a_b`` cannot collide ('~' never occurs in a plain name)."""
    if _PLAIN_NAME.match(extractor):
        return extractor + ".jsonl"
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", extractor).strip("_.")[:80]
    digest = hashlib.sha256(extractor.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{cleaned}~{digest}.jsonl"


def _legacy_output_file_name(extractor: str) -> str:
    """The file name runs before schema 2 used (it could collide)."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", extractor).strip("_")[:120] + ".jsonl"


def _repair_tail(path: Path) -> None:
    """Cut a last line that was torn by a crash (no final newline or not valid JSON)."""
    if not path.exists() or path.stat().st_size == 0:
        return
    data = path.read_bytes()
    keep = len(data)
    if not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
    else:
        last_start = data.rfind(b"\n", 0, len(data) - 1) + 1
        try:
            json.loads(data[last_start:])
        except json.JSONDecodeError:
            keep = last_start
    if keep != len(data):
        logger.warning(
            "%s: dropping a torn last line (%d bytes); that page will be redone",
            path,
            len(data) - keep,
        )
        with path.open("r+b") as handle:
            handle.truncate(keep)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Parse a JSONL file; a bad line in the middle is an error that names the line."""
    return [row for _number, row in iter_jsonl(path)]


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The records of a JSONL file with their line numbers, one at a time (a file of
    200,000 results is never held whole); errors as :func:`read_jsonl`."""
    if not path.exists():
        return
    try:
        with path.open(encoding="utf-8", errors="strict") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        row = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise StoreError(f"{path}:{number}: corrupt line: {exc}") from exc
                    yield number, row
    except UnicodeDecodeError as exc:
        raise StoreError(f"{path}: not UTF-8 text (corrupt file): {exc}") from exc
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc


class RunStore:
    """Reads and appends to one run directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._handles: dict[Path, IO[str]] = {}
        self._paths: dict[str, Path] = {}
        self._last_sync = time.monotonic()

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST

    def exists(self) -> bool:
        return self.manifest_path.is_file()

    def is_unstarted(self) -> bool:
        """True when the folder is absent, empty, or holds only what a run killed before
        writing its manifest leaves (an empty ``outputs/``, a temporary manifest)."""
        if not self.root.exists():
            return True
        if not self.root.is_dir():
            return False
        for entry in self.root.iterdir():
            if entry.name == OUTPUTS and entry.is_dir() and not any(entry.iterdir()):
                continue
            if entry.name == f".{MANIFEST}.tmp":
                continue
            return False
        return True

    def create(self, manifest: dict[str, Any]) -> None:
        try:
            (self.root / OUTPUTS).mkdir(parents=True, exist_ok=True)
            write_json_atomic(self.manifest_path, manifest)
        except OSError as exc:
            raise StoreError(f"cannot create run directory {self.root}: {exc}") from exc

    def manifest(self) -> dict[str, Any]:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(f"{self.root} is not a run directory (no {MANIFEST})") from exc
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StoreError(f"{self.manifest_path}: invalid JSON: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read {self.manifest_path}: {exc}") from exc

    def read_manifest(self) -> Manifest:
        """The typed manifest; an unknown ``schema_version`` is refused with what to do."""
        try:
            return Manifest.from_json(self.manifest(), str(self.manifest_path))
        except SchemaError as exc:
            raise StoreError(str(exc)) from exc

    def write_manifest(self, manifest: Manifest) -> None:
        write_json_atomic(self.manifest_path, manifest.to_json())

    def update_manifest(self, **fields: Any) -> None:
        write_json_atomic(self.manifest_path, {**self.manifest(), **fields})

    def results(self, repair: bool = False) -> list[PageResult]:
        """Every recorded page result; with ``repair`` a torn last line is cut first.
        A page recorded twice keeps its last record."""
        path = self.root / RESULTS
        if repair:
            _repair_tail(path)
        latest: dict[tuple[str, str], PageResult] = {}
        for result in self.iter_results():
            latest[(result.page, result.extractor)] = result
        return list(latest.values())

    def iter_results(self, repair: bool = False) -> Iterator[PageResult]:
        """Every recorded page result in the order written, one at a time (a page recorded
        twice comes twice: the last one counts), for readers that must not hold them all;
        with ``repair`` a torn last line is cut first."""
        path = self.root / RESULTS
        if repair:
            _repair_tail(path)
        for number, (_line, row) in enumerate(iter_jsonl(path), 1):
            try:
                yield PageResult.from_json(row, f"{path}:{number}")
            except (SchemaError, TypeError, AttributeError) as exc:
                raise StoreError(f"{path}: record {number} is not a page result: {exc}") from exc

    def output_path(self, extractor: str) -> Path:
        """The extractor's outputs file (the name older runs used, if that is what exists)."""
        if extractor not in self._paths:
            path = self.root / OUTPUTS / output_file_name(extractor)
            legacy = self.root / OUTPUTS / _legacy_output_file_name(extractor)
            self._paths[extractor] = legacy if not path.exists() and legacy.exists() else path
        return self._paths[extractor]

    def outputs(self, extractor: str) -> dict[str, str]:
        """Texts by page id for one extractor (the last one written wins)."""
        texts: dict[str, str] = {}
        for row in read_jsonl(self.output_path(extractor)):
            texts[row["page"]] = row["text"]
        return texts

    def repair_outputs(self, extractors: list[str]) -> None:
        for name in extractors:
            _repair_tail(self.output_path(name))

    def _handle(self, path: Path) -> IO[str]:
        if path not in self._handles:
            self._handles[path] = path.open("a", encoding="utf-8")
        return self._handles[path]

    def append(self, result: PageResult, text: str) -> None:
        """Record a page: its text first, then its result line (the commit point)."""
        out = self._handle(self.output_path(result.extractor))
        out.write(json.dumps({"page": result.page, "text": text}, ensure_ascii=False) + "\n")
        out.flush()
        res = self._handle(self.root / RESULTS)
        res.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
        res.flush()
        if time.monotonic() - self._last_sync > _FSYNC_EVERY_S:
            self.sync()

    def sync(self) -> None:
        for handle in self._handles.values():
            handle.flush()
            os.fsync(handle.fileno())
        self._last_sync = time.monotonic()

    def close(self) -> None:
        self.sync()
        for handle in self._handles.values():
            handle.close()
        self._handles.clear()

    def abort(self) -> None:
        """Close after a failure (disk full, say) without raising again: what could not be
        written is dropped, and a torn last line is cut when the run is resumed."""
        for handle in self._handles.values():
            with contextlib.suppress(OSError, ValueError):
                handle.close()
        self._handles.clear()

    def write_summary(self, summary: dict[str, Any]) -> None:
        write_json_atomic(self.root / SUMMARY, summary)

    def summary(self) -> dict[str, Any]:
        path = self.root / SUMMARY
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise StoreError(
                f"{self.root} has no {SUMMARY}: the run did not finish "
                "(finish it with 'boilerbench run --resume --out DIR')"
            ) from exc

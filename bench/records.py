"""Records that flow from the workers to the run store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


class SchemaError(ValueError):
    """A stored file was written by another version of boilerbench than this one can read."""


def check_schema(
    data: Any, what: str, current: int = SCHEMA_VERSION, readable: tuple[int, ...] = ()
) -> int:
    """The ``schema_version`` of a stored record (``what`` names the file or line for the
    message): ``current`` and the older versions in ``readable`` pass; a newer one, a missing
    one or an unreadable older one raise :class:`SchemaError` with what to do."""
    version = data.get("schema_version") if isinstance(data, dict) else None
    if version == current or version in readable:
        return int(version)
    if not isinstance(version, int) or isinstance(version, bool):
        raise SchemaError(f"{what}: no schema_version (not a boilerbench record, or corrupt)")
    if version > current:
        raise SchemaError(
            f"{what}: schema_version {version} was written by a newer boilerbench "
            f"(this one reads {current}); upgrade boilerbench to read it"
        )
    raise SchemaError(
        f"{what}: schema_version {version} is from an older boilerbench that this one "
        f"(schema {current}) cannot read; re-run it, or read it with the version that wrote it"
    )


@dataclass(frozen=True, slots=True)
class Task:
    """One extractor on one page: everything a worker needs, small enough to pickle."""

    page_index: int
    extractor: str
    params: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class PageResult:
    """What one extractor did on one page: a line of ``results.jsonl``."""

    page: str
    extractor: str
    seconds: float
    output_chars: int
    output_sha256: str | None
    error: str | None = None
    network_attempts: int = 0
    encoding: str | None = None
    encoding_source: str | None = None
    scores: dict[str, dict[str, float]] = field(default_factory=dict)
    diagnostics: dict[str, Any] = field(default_factory=dict)
    # speed: the worker's peak resident memory after this page, the untimed first call of
    # this extractor in this worker (set on the worker's first page only), and whether the
    # output came from the output cache (then ``seconds`` is the run that computed it)
    peak_rss_mb: float | None = None
    warmup_seconds: float | None = None
    cached: bool = False
    # what the extractor wrote to stderr during this page (tracebacks, warnings, log
    # records): the last 4 KiB, ``None`` when it wrote nothing
    log: str | None = None

    @property
    def empty(self) -> bool:
        return self.error is None and self.output_chars == 0

    def to_json(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies the score dicts, a third of storing a result
        return {"schema_version": SCHEMA_VERSION, **{f: getattr(self, f) for f in _FIELDS}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PageResult:
        fields = {k: v for k, v in data.items() if k != "schema_version"}
        return cls(**fields)


_FIELDS = tuple(f.name for f in fields(PageResult))


def text_sha256(text: str) -> str:
    """The SHA-256 of an output text (lone surrogates kept), as recorded per page."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

"""Records that flow from the workers to the run store."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from typing import Any

from extractors.spec import ExtractorSpec

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
    """One extractor on one page: everything a worker needs, small enough to pickle. The
    spec travels with the task, so a worker anywhere loads what the run means by its name."""

    page_index: int
    spec: ExtractorSpec

    @property
    def extractor(self) -> str:
        return self.spec.name


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
    # an LLM extractor's request: input and output tokens as the endpoint counted them,
    # whether the HTML was cut to max_input_tokens (``truncated``), the model that answered,
    # attempts, when it finished (epoch seconds); ``None`` for other extractors
    usage: dict[str, Any] | None = None
    # what the output is: "text", "markdown" or "html" (how it was scored)
    output_kind: str = "text"

    @property
    def empty(self) -> bool:
        return self.error is None and self.output_chars == 0

    def to_json(self) -> dict[str, Any]:
        # not dataclasses.asdict: it deep-copies the score dicts, a third of storing a result
        return {"schema_version": SCHEMA_VERSION, **{f: getattr(self, f) for f in _FIELDS}}

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "results.jsonl") -> PageResult:
        check_schema(data, where)
        fields = {k: v for k, v in data.items() if k != "schema_version"}
        try:
            return cls(**fields)
        except TypeError as exc:
            raise SchemaError(f"{where}: not a page result: {exc}") from exc


_FIELDS = tuple(f.name for f in fields(PageResult))


def text_sha256(text: str) -> str:
    """The SHA-256 of an output text (lone surrogates kept), as recorded per page."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


MANIFEST_SCHEMA = 2  # 2: extractors carry their spec and identity; 1 is read for reports


@dataclass(frozen=True, slots=True)
class ExtractorRecord:
    """An extractor as a run recorded it: the spec it was given (name, target, the params the
    user set), the version and full parameters it ran with, and its identity
    (:class:`bench.identity.ExtractorIdentity` as JSON; empty in runs before schema 2)."""

    name: str
    target: str
    version: str
    params: dict[str, Any]
    given: dict[str, Any]
    identity: dict[str, Any]

    @property
    def spec(self) -> ExtractorSpec:
        return ExtractorSpec.from_json(
            {"name": self.name, "target": self.target, "params": self.given}
        )

    def to_json(self) -> dict[str, Any]:
        # "spec" keeps its old meaning (what runs) for readers of schema 1
        return {
            "name": self.name,
            "spec": self.target,
            "target": self.target,
            "version": self.version,
            "params": self.params,
            "given": self.given,
            "identity": self.identity,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractorRecord:
        target = data.get("target") or data["spec"]
        return cls(
            name=data["name"],
            target=target,
            version=str(data.get("version", "")),
            params=dict(data.get("params") or {}),
            given=dict(data.get("given", data.get("params")) or {}),
            identity=dict(data.get("identity") or {}),
        )


@dataclass(frozen=True, slots=True)
class CorpusRecord:
    """Which corpus a run used: its name, format, location, the spec it was opened with
    (paths made absolute: what ``--resume`` opens again) and the checksum of its pages and
    gold."""

    name: str
    format: str
    location: str | None
    checksum: str
    n_pages: int
    spec: str | None = None
    split: str | None = None
    where: tuple[str, ...] = ()

    def reopen_specs(self) -> list[str]:
        """Corpus specs that may open it again, most faithful first."""
        specs = [self.spec] if self.spec else []
        if self.location:
            specs.append(f"{self.format}:{self.location}" if self.format else self.location)
        specs.append(self.name)
        return list(dict.fromkeys(specs))


@dataclass(frozen=True, slots=True)
class Manifest:
    """``manifest.json``: what a run is (corpus, extractors, metrics, seed, settings) and where
    it ran (tool and library versions, machine, git commit, argv)."""

    corpus: CorpusRecord
    extractors: tuple[ExtractorRecord, ...]
    metrics: tuple[str, ...]
    seed: int
    settings: dict[str, Any]
    tool_version: str
    git_sha: str | None
    argv: tuple[str, ...]
    created: str
    libraries: dict[str, Any]
    machine: dict[str, Any]
    schema_version: int = MANIFEST_SCHEMA

    def extractor(self, name: str) -> ExtractorRecord | None:
        return next((e for e in self.extractors if e.name == name), None)

    def to_json(self) -> dict[str, Any]:
        corpus = {
            "name": self.corpus.name,
            "format": self.corpus.format,
            "location": self.corpus.location,
            "checksum": self.corpus.checksum,
            "n_pages": self.corpus.n_pages,
            "spec": self.corpus.spec,
            "split": self.corpus.split,
            "where": list(self.corpus.where),
        }
        return {
            "schema_version": self.schema_version,
            "tool": "boilerbench",
            "tool_version": self.tool_version,
            "git_sha": self.git_sha,
            "argv": list(self.argv),
            "created": self.created,
            "corpus": corpus,
            "extractors": [e.to_json() for e in self.extractors],
            "metrics": list(self.metrics),
            "seed": self.seed,
            "settings": self.settings,
            "libraries": self.libraries,
            "machine": self.machine,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], where: str = "manifest.json") -> Manifest:
        version = check_schema(data, where, MANIFEST_SCHEMA, readable=(1,))
        try:
            corpus = data["corpus"]
            return cls(
                corpus=CorpusRecord(
                    name=corpus["name"],
                    format=corpus.get("format", ""),
                    location=corpus.get("location"),
                    checksum=corpus["checksum"],
                    n_pages=int(corpus.get("n_pages", 0)),
                    spec=corpus.get("spec"),
                    split=corpus.get("split"),
                    where=tuple(corpus.get("where", ())),
                ),
                extractors=tuple(ExtractorRecord.from_json(e) for e in data["extractors"]),
                metrics=tuple(data.get("metrics", ())),
                seed=int(data.get("seed", 0)),
                settings=dict(data.get("settings") or {}),
                tool_version=str(data.get("tool_version", "unknown")),
                git_sha=data.get("git_sha"),
                argv=tuple(data.get("argv", ())),
                created=str(data.get("created", "")),
                libraries=dict(data.get("libraries") or {}),
                machine=dict(data.get("machine") or {}),
                schema_version=version,
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise SchemaError(f"{where}: not a valid run manifest: {exc!r}") from exc

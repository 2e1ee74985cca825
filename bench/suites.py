"""Suites: a TOML file naming the corpora, the extractors (with parameters) and the metrics
of a benchmark, so a comparison is one reproducible file instead of a long command line.

```toml
name = "my-suite"                      # optional; default: the file's stem
description = "what this compares"     # optional
corpora = ["builtin", "aeb:data/aeb"]  # built-in names, folders or FORMAT:PATH
metrics = ["aeb"]                      # optional; default: the corpus's default metrics

[[extractors]]
name = "trafilatura"                   # a name or spec, as given to -e

[[extractors]]
name = "trafilatura-fast"              # a new name: what results call it ...
extractor = "trafilatura"              # ... for what runs
params = { fast = true }
```

``extractors`` may also be one array of names and inline tables:
``extractors = ["readability", { name = "t-fast", extractor = "trafilatura" }]``.

Relative corpus paths in a suite file are relative to the file's folder; in the suites that
ship with boilerbench (``boilerbench run --suite NAME``) they are relative to the working
directory.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from bench import metrics
from extractors import registry
from extractors.base import ExtractorError
from extractors.spec import ExtractorSpec

SUITE_PACKAGE = "bench"
SUITE_FOLDER = "suites"
_TOP_KEYS = ("name", "description", "corpora", "extractors", "metrics")
_EXTRACTOR_KEYS = ("name", "extractor", "params")
_BUILTIN_CORPORA = ("builtin", "seeds")


class SuiteError(ValueError):
    """A suite cannot be found or is invalid; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class SuiteExtractor:
    """One extractor of a suite: the name results carry, what runs, and with what."""

    name: str
    spec: str
    params: tuple[tuple[str, Any], ...] = ()

    @property
    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    def extractor_spec(self) -> ExtractorSpec:
        """The explicit spec a run carries for this entry."""
        return ExtractorSpec(self.name, self.spec, self.params)


@dataclass(frozen=True, slots=True)
class Suite:
    """A parsed, validated suite; ``source`` is its file (or ``builtin:NAME``)."""

    name: str
    description: str
    corpora: tuple[str, ...]
    extractors: tuple[SuiteExtractor, ...]
    metrics: tuple[str, ...]
    source: str

    @property
    def extractor_names(self) -> tuple[str, ...]:
        return tuple(e.name for e in self.extractors)


def builtin_names() -> list[str]:
    """The suites that ship with boilerbench (``bench/suites/*.toml``)."""
    folder = resources.files(SUITE_PACKAGE) / SUITE_FOLDER
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    )


def load_suite(spec: str) -> Suite:
    """A suite from a ``.toml`` file path or the name of a suite that ships."""
    path = Path(spec).expanduser()
    if path.is_file():
        return parse_suite(_read(path), str(path), base=path.resolve().parent)
    if spec in builtin_names():
        resource = resources.files(SUITE_PACKAGE) / SUITE_FOLDER / f"{spec}.toml"
        return parse_suite(resource.read_text(encoding="utf-8"), f"builtin:{spec}", base=None)
    if path.suffix == ".toml" or "/" in spec:
        raise SuiteError(f"suite file {spec} does not exist")
    close = difflib.get_close_matches(spec, builtin_names(), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise SuiteError(
        f"unknown suite {spec!r}{hint} (a .toml file, or one of: {', '.join(builtin_names())})"
    )


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError(f"cannot read suite file {path}: {exc}") from exc


def parse_suite(text: str, source: str, base: Path | None = None) -> Suite:
    """Parse and validate suite TOML; ``base`` anchors relative corpus paths."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SuiteError(f"{source}: not valid TOML: {exc}") from exc
    _check_keys(data, _TOP_KEYS, source, "the suite")
    name = _string(data.get("name", Path(source).stem), source, "name")
    description = _string(data.get("description", ""), source, "description")
    corpora = tuple(
        _corpus_spec(spec, base) for spec in _strings(data.get("corpora", []), source, "corpora")
    )
    metric_names = _strings(data.get("metrics", []), source, "metrics")
    for metric in metric_names:
        try:
            metrics.get(metric)
        except metrics.MetricError as exc:
            raise SuiteError(f"{source}: metrics: {exc}") from exc
    raw = data.get("extractors")
    if not isinstance(raw, list) or not raw:
        raise SuiteError(f"{source}: 'extractors' must be a non-empty list of names or tables")
    extractors = tuple(_extractor(item, source, i) for i, item in enumerate(raw, start=1))
    seen: set[str] = set()
    for entry in extractors:
        if entry.name in seen:
            raise SuiteError(f"{source}: extractor name {entry.name!r} is used twice")
        seen.add(entry.name)
    return Suite(name, description, corpora, extractors, tuple(metric_names), source)


def _check_keys(data: dict[str, Any], allowed: tuple[str, ...], source: str, where: str) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise SuiteError(
                f"{source}: unknown key {key!r} in {where}{hint} (allowed: {', '.join(allowed)})"
            )


def _string(value: Any, source: str, field: str) -> str:
    if not isinstance(value, str):
        raise SuiteError(f"{source}: {field!r} must be a string, not {type(value).__name__}")
    return value


def _strings(value: Any, source: str, field: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SuiteError(f"{source}: {field!r} must be a list of non-empty strings")
    return list(value)


def _corpus_spec(spec: str, base: Path | None) -> str:
    """Anchor a relative folder at ``base``; built-in names and absolute paths stay."""
    if base is None or spec in _BUILTIN_CORPORA:
        return spec
    fmt, sep, rest = spec.partition(":")
    if sep and fmt and "/" not in fmt and not (base / spec).exists():
        path = Path(rest).expanduser()
        return spec if path.is_absolute() else f"{fmt}:{base / path}"
    path = Path(spec).expanduser()
    return spec if path.is_absolute() else str(base / path)


def _json_value(value: Any) -> bool:
    """Parameters are stored in JSON results: TOML dates and times are refused."""
    if isinstance(value, (str, int, float, bool)):
        return True
    if isinstance(value, list):
        return all(_json_value(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_value(v) for k, v in value.items())
    return False


def _extractor(item: Any, source: str, index: int) -> SuiteExtractor:
    where = f"{source}: extractors[{index}]"
    if isinstance(item, str):
        item = {"name": item}
    if not isinstance(item, dict):
        raise SuiteError(f"{where}: expected a name or a table, not {type(item).__name__}")
    _check_keys(item, _EXTRACTOR_KEYS, source, f"extractors[{index}]")
    if "name" not in item and "extractor" not in item:
        raise SuiteError(f"{where}: needs 'name' (and optionally 'extractor' and 'params')")
    name = _string(item.get("name", item.get("extractor")), where, "name")
    spec = _string(item.get("extractor", name), where, "extractor")
    params = item.get("params", {})
    if not isinstance(params, dict):
        raise SuiteError(f"{where} ({name!r}): 'params' must be a table")
    for key, value in params.items():
        if not _json_value(value):
            raise SuiteError(
                f"{where} ({name!r}): parameter {key!r} has a {type(value).__name__} value; "
                "use strings, numbers, booleans, arrays or tables"
            )
    try:
        registry.resolve(spec)
    except ExtractorError as exc:
        raise SuiteError(f"{where}: {exc}") from exc
    if name != spec:
        if ":" in name:
            raise SuiteError(f"{where}: name {name!r} must not contain ':' (it is a spec)")
        if name in registry.known():
            raise SuiteError(
                f"{where}: name {name!r} is already an extractor; choose a new name for "
                f"{spec!r} with these parameters"
            )
    return SuiteExtractor(name, spec, tuple(sorted(params.items())))

"""Find extractors by name: built-ins, entry points (``boilerbench.extractors``),
``module:attr`` targets and ``cmd:`` programs. Listing never imports a plugin."""

from __future__ import annotations

import difflib
import importlib.metadata
import importlib.util
import inspect
from dataclasses import dataclass
from typing import Any

from extractors.base import (
    Extractor,
    ExtractorError,
    ExtractorInfo,
    FunctionExtractor,
    LoadedExtractor,
)
from extractors.imports import import_from_string
from extractors.justext_adapter import AEB_PARAMS

ENTRY_POINT_GROUP = "boilerbench.extractors"
CMD_PREFIX = "cmd:"


def _builtin(
    name: str, target: str, distribution: str | None, description: str, **params: Any
) -> ExtractorInfo:
    hint = f"pip install {distribution}" if distribution not in (None, "boilerbench") else None
    return ExtractorInfo(
        name=name,
        target=target,
        description=description,
        distribution=distribution,
        params=tuple(sorted(params.items())),
        install_hint=hint,
    )


_TRAF = "extractors.trafilatura_adapter:TrafilaturaExtractor"
_JUSTEXT = "extractors.justext_adapter:JustextExtractor"
BUILTINS: dict[str, ExtractorInfo] = {
    info.name: info
    for info in (
        _builtin("trafilatura", _TRAF, "trafilatura", "trafilatura.extract, library defaults"),
        _builtin(
            "trafilatura-no-comments",
            _TRAF,
            "trafilatura",
            "trafilatura without comments (as AEB ran it)",
            include_comments=False,
        ),
        _builtin(
            "trafilatura-precision",
            _TRAF,
            "trafilatura",
            "trafilatura with favor_precision=True",
            favor_precision=True,
        ),
        _builtin(
            "trafilatura-recall",
            _TRAF,
            "trafilatura",
            "trafilatura with favor_recall=True",
            favor_recall=True,
        ),
        _builtin(
            "readability",
            "extractors.readability_adapter:ReadabilityExtractor",
            "readability-lxml",
            "readability-lxml Document.summary() as text (html-text)",
        ),
        _builtin(
            "justext",
            _JUSTEXT,
            "justext",
            "jusText with AEB's settings, stoplist from the page's <html lang> "
            "(English when absent)",
            **AEB_PARAMS,
        ),
        _builtin(
            "justext-aeb",
            _JUSTEXT,
            "justext",
            "jusText exactly as AEB ran it: English stoplist, length_low=50, "
            "stopwords_low=0.1, stopwords_high=0.2, no_headings=True",
            language="English",
            separator=" ",
            **AEB_PARAMS,
        ),
        _builtin(
            "justext-defaults",
            _JUSTEXT,
            "justext",
            "jusText with library defaults; stoplist from <html lang>",
        ),
        _builtin(
            "everything",
            "extractors.baselines:EverythingExtractor",
            "html-text",
            "baseline: all visible text (html-text)",
        ),
        _builtin(
            "nothing",
            "extractors.baselines:NothingExtractor",
            "boilerbench",
            "baseline: empty output",
        ),
    )
}
DEFAULT_SET = ("trafilatura", "readability", "justext", "everything", "nothing")


@dataclass(frozen=True, slots=True)
class Listing:
    """A row of ``boilerbench list extractors``; ``problem`` says why it cannot run."""

    info: ExtractorInfo
    installed: bool
    version: str | None
    problem: str | None = None


def distribution_version(distribution: str | None) -> str | None:
    if distribution is None:
        return None
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _entry_points() -> dict[str, ExtractorInfo]:
    found: dict[str, ExtractorInfo] = {}
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = ep.dist.name if ep.dist is not None else None
        found[ep.name] = ExtractorInfo(
            name=ep.name,
            target=ep.value,
            distribution=dist,
            description=f"plugin from {dist or 'unknown'}",
            source="entry-point",
        )
    return found


def known() -> dict[str, ExtractorInfo]:
    """Every extractor name that resolves without a spec: built-ins, then plugins."""
    names = dict(BUILTINS)
    for name, info in _entry_points().items():
        names.setdefault(name, info)
    return names


def list_extractors() -> list[Listing]:
    """Built-ins and plugins with install status; nothing is imported."""
    rows = []
    for info in known().values():
        module = info.target.partition(":")[0]
        try:
            importable = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError) as exc:
            rows.append(Listing(info, False, None, f"{type(exc).__name__}: {exc}"))
            continue
        version = distribution_version(info.distribution)
        installed = importable and (info.distribution is None or version is not None)
        problem = (
            None
            if installed
            else (f"not installed: {info.install_hint}" if info.install_hint else "not importable")
        )
        rows.append(Listing(info, installed, version, problem))
    return rows


def resolve(spec: str) -> ExtractorInfo:
    """The metadata for a name, ``module:attr`` or ``cmd:...`` spec; unknown names get
    "did you mean …"."""
    if spec.startswith(CMD_PREFIX):
        return ExtractorInfo(name=spec, target=spec, description="external program", source="cmd")
    names = known()
    if spec in names:
        return names[spec]
    if ":" in spec:
        return ExtractorInfo(name=spec, target=spec, source="module")
    close = difflib.get_close_matches(spec, list(names), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ExtractorError(
        f"unknown extractor {spec!r}{hint} (see 'boilerbench list extractors'; plugins are "
        "'module:function', 'path/to/file.py:function' or 'cmd:program args')"
    )


def _version_of(obj: Any, info: ExtractorInfo) -> str:
    version = distribution_version(info.distribution)
    if version:
        return version
    module = inspect.getmodule(obj)
    for candidate in (getattr(obj, "__version__", None), getattr(module, "__version__", None)):
        if isinstance(candidate, str):
            return candidate
    if module is not None:
        top = module.__name__.partition(".")[0]
        for dist in importlib.metadata.packages_distributions().get(top, []):
            if found := distribution_version(dist):
                return found
    return "unknown"


def _instantiate(obj: Any, params: dict[str, Any], spec: str) -> Extractor:
    if inspect.isclass(obj):
        instance = obj(**params)
        if not callable(getattr(instance, "extract", None)):
            raise ExtractorError(f"{spec}: class {obj.__name__} has no extract(html) method")
        return instance
    if params:
        if callable(getattr(obj, "extract", None)):
            raise ExtractorError(f"{spec}: parameters need a class or function, not an object")
        function = obj
        return FunctionExtractor(lambda html: function(html, **params))
    if callable(getattr(obj, "extract", None)):
        return obj
    if callable(obj):
        return FunctionExtractor(obj)
    raise ExtractorError(f"{spec}: {obj!r} is neither callable nor has an extract(html) method")


def load(spec: str, params: dict[str, Any] | None = None) -> LoadedExtractor:
    """Import and build the extractor named by ``spec`` with ``params`` over its defaults."""
    info = resolve(spec)
    merged = {**info.param_dict, **(params or {})}
    if info.source == "cmd":
        from extractors.command import CommandExtractor

        command = CommandExtractor(spec[len(CMD_PREFIX) :], **merged)
        return LoadedExtractor(info.name, spec, "external", merged, command)
    try:
        obj = import_from_string(info.target)
    except ExtractorError as exc:
        hint = f" ({info.install_hint})" if info.install_hint else ""
        raise ExtractorError(f"extractor {info.name!r}: {exc}{hint}") from exc
    try:
        extractor = _instantiate(obj, merged, spec)
    except ExtractorError:
        raise
    except Exception as exc:
        raise ExtractorError(
            f"extractor {info.name!r}: building it failed: {type(exc).__name__}: {exc}"
        ) from exc
    return LoadedExtractor(info.name, spec, _version_of(obj, info), merged, extractor)

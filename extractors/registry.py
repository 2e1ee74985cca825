"""Find extractors by name: built-ins, entry points (``boilerbench.extractors``),
``module:attr`` targets, ``cmd:``/``cmd+stream:`` programs and ``llm:`` endpoints. Listing
never imports a plugin."""

from __future__ import annotations

import difflib
import functools
import importlib.metadata
import importlib.util
import inspect
import os
import shlex
import shutil
from dataclasses import dataclass, replace
from typing import Any

from extractors.base import (
    Extractor,
    ExtractorError,
    ExtractorInfo,
    FunctionExtractor,
    LoadedExtractor,
    output_kind_of,
)
from extractors.imports import import_from_string
from extractors.justext_adapter import AEB_PARAMS
from extractors.llm import LLM_PREFIX
from extractors.parameters import check_params
from extractors.spec import (
    CMD_PREFIX,
    COMMAND_PREFIXES,
    STREAM_PREFIX,
    ExtractorSpec,
    parse_spec,
)

ENTRY_POINT_GROUP = "boilerbench.extractors"
PYTHON_PREFIX = "python:"


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
        libraries=LIBRARIES_UNDER.get(target, ()),
    )


def _optional(
    name: str, target: str, distribution: str, extra: str, description: str, **params: Any
) -> ExtractorInfo:
    """A built-in whose library is an optional extra of boilerbench."""
    info = _builtin(name, target, distribution, description, **params)
    return replace(info, install_hint=f"pip install 'boilerbench[{extra}]'")


def _kind(info: ExtractorInfo, output_kind: str) -> ExtractorInfo:
    """A built-in that returns markdown or HTML (its adapter says the same at run time)."""
    return replace(info, output_kind=output_kind)


_TRAF = "extractors.trafilatura_adapter:TrafilaturaExtractor"
# The distributions under each adapter whose versions shape its output (beside its own): they
# are part of the run identity, so upgrading one re-runs the pages instead of reusing outputs.
LIBRARIES_UNDER: dict[str, tuple[str, ...]] = {
    _TRAF: ("lxml", "htmldate", "justext", "courlan", "charset-normalizer", "lxml-html-clean"),
    "extractors.readability_adapter:ReadabilityExtractor": (
        "lxml",
        "lxml-html-clean",
        "html-text",
        "chardet",
        "cssselect",
    ),
    "extractors.justext_adapter:JustextExtractor": ("lxml", "lxml-html-clean"),
    "extractors.baselines:EverythingExtractor": ("lxml", "lxml-html-clean"),
    "extractors.resiliparse_adapter:ResiliparseExtractor": ("fastwarc",),
    "extractors.boilerpy3_adapter:Boilerpy3Extractor": (),
    "extractors.newspaper_adapter:Newspaper4kExtractor": ("lxml", "beautifulsoup4", "nltk"),
    "extractors.goose3_adapter:Goose3Extractor": ("lxml", "beautifulsoup4", "langdetect"),
    "extractors.inscriptis_adapter:InscriptisExtractor": ("lxml",),
    "extractors.html2text_adapter:Html2TextExtractor": (),
    "extractors.beautifulsoup_adapter:BeautifulSoupExtractor": ("soupsieve",),
    "extractors.markdownify_adapter:EverythingMarkdownExtractor": ("beautifulsoup4",),
}
_BOILERPY3 = "extractors.boilerpy3_adapter:Boilerpy3Extractor"
_READABILITY_JS = "extractors.readability_js_adapter:ReadabilityJsExtractor"
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
        _kind(
            _builtin(
                "trafilatura-markdown",
                _TRAF,
                "trafilatura",
                "trafilatura as markdown: tables and formatting kept, links left out",
                output_format="markdown",
                include_tables=True,
                include_formatting=True,
                include_links=False,
            ),
            "markdown",
        ),
        _kind(
            _builtin(
                "trafilatura-html",
                _TRAF,
                "trafilatura",
                "trafilatura as HTML (output_format='html')",
                output_format="html",
            ),
            "html",
        ),
        _builtin(
            "readability",
            "extractors.readability_adapter:ReadabilityExtractor",
            "readability-lxml",
            "readability-lxml Document.summary() as text (html-text)",
        ),
        _kind(
            _builtin(
                "readability-html",
                "extractors.readability_adapter:ReadabilityExtractor",
                "readability-lxml",
                "readability-lxml Document.summary() HTML as it is",
                output="html",
            ),
            "html",
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
        _optional(
            "resiliparse",
            "extractors.resiliparse_adapter:ResiliparseExtractor",
            "resiliparse",
            "resiliparse",
            "Resiliparse extract_plain_text in main-content mode",
        ),
        _optional(
            "boilerpy3",
            _BOILERPY3,
            "boilerpy3",
            "boilerpy3",
            "boilerpy3 ArticleExtractor (Boilerpipe's article mode, as AEB ran it)",
        ),
        _optional(
            "boilerpy3-default",
            _BOILERPY3,
            "boilerpy3",
            "boilerpy3",
            "boilerpy3 DefaultExtractor (Boilerpipe's general-purpose mode)",
            extractor="DefaultExtractor",
        ),
        _optional(
            "newspaper4k",
            "extractors.newspaper_adapter:Newspaper4kExtractor",
            "newspaper4k",
            "newspaper4k",
            "newspaper4k Article.parse() on the given HTML, offline (no image or NLP downloads)",
        ),
        _optional(
            "goose3",
            "extractors.goose3_adapter:Goose3Extractor",
            "goose3",
            "goose3",
            "goose3 Goose().extract(raw_html=...).cleaned_text",
        ),
        _optional(
            "inscriptis",
            "extractors.inscriptis_adapter:InscriptisExtractor",
            "inscriptis",
            "inscriptis",
            "baseline-like: inscriptis get_text, the whole page as laid-out text",
        ),
        _kind(
            _optional(
                "html2text",
                "extractors.html2text_adapter:Html2TextExtractor",
                "html2text",
                "html2text",
                "baseline-like: html2text of the whole page as markdown, links and images "
                "left out",
            ),
            "markdown",
        ),
        _kind(
            _optional(
                "everything-markdown",
                "extractors.markdownify_adapter:EverythingMarkdownExtractor",
                "markdownify",
                "markdownify",
                "baseline: the whole page as markdown (markdownify; scripts, styles and the "
                "head left out)",
            ),
            "markdown",
        ),
        _optional(
            "beautifulsoup",
            "extractors.beautifulsoup_adapter:BeautifulSoupExtractor",
            "beautifulsoup4",
            "beautifulsoup",
            "baseline-like: BeautifulSoup(html, 'html.parser').get_text(' ', strip=True)",
        ),
        ExtractorInfo(
            name="readability-js",
            target=_READABILITY_JS,
            description="Readability.js (Mozilla) in Node.js (jsdom's parser, linkedom's DOM): "
            "extractors/js/readability_cli.js, one long-lived Node process per worker",
            install_hint="make js",
        ),
        ExtractorInfo(
            name="readability-js-html",
            target=_READABILITY_JS,
            description="Readability.js (Mozilla) in Node.js (jsdom's parser, linkedom's DOM): the "
            "article's content HTML as it is",
            params=(("output", "html"),),
            install_hint="make js",
            output_kind="html",
        ),
    )
}
DEFAULT_SET = ("trafilatura", "readability", "justext", "everything", "nothing")

# Built-ins that need more than a Python distribution: a probe gives (version, problem)
# without starting anything, for listing and for the version results record.
_PROBES = {_READABILITY_JS: "extractors.readability_js_adapter:probe"}

@dataclass(frozen=True, slots=True)
class Listing:
    """A row of ``boilerbench list extractors``; ``problem`` says why it cannot run."""

    info: ExtractorInfo
    installed: bool
    version: str | None
    problem: str | None = None


# Versions found in this process: the code it imported does not change with a later
# `pip install -U`, and reading a distribution's metadata costs about a millisecond.
_VERSIONS: dict[str, str] = {}


def distribution_version(distribution: str | None) -> str | None:
    """The installed version of a distribution, ``None`` when it is not installed (not
    remembered: it may be installed later in this process)."""
    if distribution is None:
        return None
    if (known := _VERSIONS.get(distribution)) is not None:
        return known
    try:
        version = importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
    _VERSIONS[distribution] = version
    return version


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


def _probe(info: ExtractorInfo) -> tuple[str | None, str | None] | None:
    target = _PROBES.get(info.target)
    if target is None or info.source != "builtin":
        return None
    version, problem = import_from_string(target)()
    return version, problem


def status(info: ExtractorInfo) -> Listing:
    """Whether ``info`` can run here, and its version; only probes are imported."""
    module = info.target.partition(":")[0]
    try:
        importable = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError) as exc:
        return Listing(info, False, None, f"{type(exc).__name__}: {exc}")
    probed = _probe(info) if importable else None
    if probed is not None:
        version, problem = probed
        return Listing(info, problem is None, version, problem)
    version = distribution_version(info.distribution)
    installed = importable and (info.distribution is None or version is not None)
    problem = (
        None
        if installed
        else (f"not installed: {info.install_hint}" if info.install_hint else "not importable")
    )
    return Listing(info, installed, version, problem)


def list_extractors() -> list[Listing]:
    """Built-ins and plugins with install status; nothing is imported."""
    return [status(info) for info in known().values()]


def resolve(spec: str) -> ExtractorInfo:
    """The metadata for a name, ``module:attr`` or ``cmd:...`` spec; unknown names get
    "did you mean …"."""
    if spec.startswith(COMMAND_PREFIXES):
        return ExtractorInfo(name=spec, target=spec, description="external program", source="cmd")
    if spec.startswith(LLM_PREFIX):
        return ExtractorInfo(
            name=spec, target=spec, description="OpenAI-compatible endpoint", source="llm"
        )
    names = known()
    if spec in names:
        return names[spec]
    if ":" in spec:
        return ExtractorInfo(name=spec, target=spec, source="module")
    close = difflib.get_close_matches(spec, list(names), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    raise ExtractorError(
        f"unknown extractor {spec!r}{hint} (see 'boilerbench list extractors'; plugins are "
        "'module:function', 'path/to/file.py:function', 'cmd:program args' or "
        "'cmd+stream:program args' or 'llm:MODEL@BASE_URL')"
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


def _instantiate(obj: Any, params: dict[str, Any], name: str) -> Extractor:
    if inspect.isclass(obj):
        instance = obj(**params)
        if not callable(getattr(instance, "extract", None)):
            raise ExtractorError(f"{name}: class {obj.__name__} has no extract(html) method")
        return instance
    if params:
        if callable(getattr(obj, "extract", None)):
            raise ExtractorError(f"{name}: parameters need a class or function, not an object")
        function = obj
        return FunctionExtractor(functools.partial(function, **params))
    if callable(getattr(obj, "extract", None)):
        return obj
    if callable(obj):
        return FunctionExtractor(obj)
    raise ExtractorError(f"{name}: {obj!r} is neither callable nor has an extract(html) method")


def info_of(spec: ExtractorSpec) -> ExtractorInfo:
    """The metadata of what ``spec`` runs, named as the spec names it."""
    if spec.obj is not None:
        return ExtractorInfo(name=spec.name, target=spec.target, source="python")
    if spec.target.startswith(PYTHON_PREFIX):
        raise ExtractorError(
            f"extractor {spec.name!r} ({spec.target}) is a Python object defined in __main__ or "
            "a closure: it runs only in this process's workers; define it in an importable "
            "module to run it elsewhere"
        )
    return replace(resolve(spec.target), name=spec.name)


def _command(target: str) -> tuple[str, str]:
    """``(prefix, command)`` of a ``cmd:`` or ``cmd+stream:`` target."""
    prefix = STREAM_PREFIX if target.startswith(STREAM_PREFIX) else CMD_PREFIX
    return prefix, target[len(prefix) :]


def _check_command(info: ExtractorInfo) -> None:
    """A ``cmd:`` or ``cmd+stream:`` program must exist and be executable before any page
    runs."""
    prefix, command = _command(info.target)
    argv = shlex.split(command)
    if not argv:
        raise ExtractorError(f"{prefix} needs a program, e.g. '{prefix}node extract.js'")
    program = argv[0]
    if "/" in program:
        if not os.path.isfile(program):
            raise ExtractorError(f"extractor {info.name!r}: program {program!r} does not exist")
        if not os.access(program, os.X_OK):
            raise ExtractorError(f"extractor {info.name!r}: program {program!r} is not executable")
    elif shutil.which(program) is None:
        raise ExtractorError(f"extractor {info.name!r}: program {program!r} is not on PATH")


def _load_llm(
    info: ExtractorInfo, given: dict[str, Any], merged: dict[str, Any]
) -> LoadedExtractor:
    """An ``llm:MODEL@BASE_URL`` extractor; its version is the model id."""
    from extractors.llm import ADAPTER, parse_target

    model, base_url = parse_target(info.target)
    adapter = import_from_string(ADAPTER)
    check_params(info.name, adapter, given, skip=("model", "base_url"))
    try:
        extractor = adapter(model, base_url, **merged)
    except ExtractorError as exc:
        raise ExtractorError(f"extractor {info.name!r}: {exc}") from exc
    kind = output_kind_of(extractor, info.output_kind)  # the preset's
    return LoadedExtractor(info.name, info.target, model, merged, extractor, info, kind)


def load(spec: ExtractorSpec | str, params: dict[str, Any] | None = None) -> LoadedExtractor:
    """Import and build what ``spec`` names, with its params (and ``params``) over the
    target's defaults. Parameter names and value types are checked before anything runs."""
    if isinstance(spec, str):
        spec = parse_spec(spec)
    if params:
        spec = spec.with_params(params)
    info = info_of(spec)
    merged = {**info.param_dict, **spec.param_dict}
    if info.source == "cmd":
        from extractors.command import CommandExtractor
        from extractors.stream import StreamingCommand

        _check_command(info)
        prefix, command = _command(info.target)
        kind = StreamingCommand if prefix == STREAM_PREFIX else CommandExtractor
        check_params(info.name, kind, spec.param_dict, skip=("command",))
        program = kind(command, **merged)
        return LoadedExtractor(info.name, info.target, "external", merged, program, info)
    if info.source == "llm":
        return _load_llm(info, spec.param_dict, merged)
    if spec.obj is not None:
        obj = spec.obj
    else:
        try:
            obj = import_from_string(info.target)
        except ExtractorError as exc:
            hint = f" ({info.install_hint})" if info.install_hint else ""
            raise ExtractorError(f"extractor {info.name!r}: {exc}{hint}") from exc
    check_params(info.name, obj, spec.param_dict)
    try:
        extractor = _instantiate(obj, merged, info.name)
    except ExtractorError:
        raise
    except Exception as exc:
        raise ExtractorError(
            f"extractor {info.name!r}: building it failed: {type(exc).__name__}: {exc}"
        ) from exc
    own = getattr(extractor, "version", None)  # e.g. an npm package's, for readability-js
    version = own if info.distribution is None and isinstance(own, str) else None
    version = version or _version_of(obj, info)
    kind = output_kind_of(extractor, info.output_kind)
    return LoadedExtractor(info.name, info.target, version, merged, extractor, info, kind)

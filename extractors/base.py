"""The extractor interface and the metadata that describes an extractor without loading it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


class ExtractorError(Exception):
    """An extractor cannot be found, imported or built; the message names it."""


# What an extractor's output is: plain text (the default), markdown or HTML. Text metrics read
# a markdown or HTML output as the text of its blocks; the structure metric reads its blocks.
OUTPUT_KINDS = ("text", "markdown", "html")
# The attribute an adapter (or a plain function) sets to declare its output kind.
OUTPUT_KIND = "OUTPUT_KIND"


def output_kind_of(extractor: Any, declared: str = "text") -> str:
    """The kind an extractor returns: its own ``OUTPUT_KIND`` (a class attribute, or an
    instance attribute set from its parameters; a plain function's attribute), else what its
    registry entry declares."""
    own = getattr(extractor, OUTPUT_KIND, None)
    if own is None and isinstance(extractor, FunctionExtractor):
        own = getattr(extractor.function, OUTPUT_KIND, None)
        if own is None:
            own = getattr(getattr(extractor.function, "func", None), OUTPUT_KIND, None)
    kind = own if own is not None else declared
    if kind not in OUTPUT_KINDS:
        raise ExtractorError(
            f"output kind {kind!r} of {extractor!r} is not one of {', '.join(OUTPUT_KINDS)}"
        )
    return str(kind)


@runtime_checkable
class Extractor(Protocol):
    """Anything with ``extract(html) -> text``; a plain ``str -> str`` function is wrapped."""

    def extract(self, html: str) -> str: ...


@dataclass(frozen=True, slots=True)
class ExtractorInfo:
    """What the registry knows before importing anything: name, where the code is, which
    distribution gives its version, and the parameters this variant runs with."""

    name: str
    target: str
    description: str = ""
    distribution: str | None = None
    params: tuple[tuple[str, Any], ...] = ()
    install_hint: str | None = None
    source: str = "builtin"
    # distributions under the adapter whose versions shape its output (run identity)
    libraries: tuple[str, ...] = ()
    # what it returns: "text", "markdown" or "html" (OUTPUT_KINDS)
    output_kind: str = "text"

    @property
    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)


@dataclass(frozen=True, slots=True)
class LoadedExtractor:
    """An extractor ready to run, with what results must record about it: its name, what
    runs (``target``), the version of its code and the parameters it runs with."""

    name: str
    target: str
    version: str
    params: dict[str, Any] = field(default_factory=dict)
    extractor: Extractor | None = None
    info: ExtractorInfo | None = None
    output_kind: str = "text"

    def extract(self, html: str) -> str:
        assert self.extractor is not None
        return self.extractor.extract(html)


@dataclass(frozen=True, slots=True)
class FunctionExtractor:
    """Adapts a plain ``html -> text`` callable to the :class:`Extractor` protocol."""

    function: Any

    def extract(self, html: str) -> str:
        return self.function(html)


def strip_xml_declaration(html: str) -> str:
    """lxml refuses ``str`` input that starts with ``<?xml ... encoding=...?>``; drop it."""
    stripped = html.lstrip()
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        if end != -1:
            return stripped[end + 2 :]
    return html

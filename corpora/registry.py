"""Open a corpus from ``--corpus``: a built-in name, ``FORMAT:PATH``, or a folder whose format
is detected. Plugins add formats through the ``boilerbench.corpora`` entry-point group."""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpora import aeb, native
from corpora.corpus import Corpus
from corpora.page import CorpusError

ENTRY_POINT_GROUP = "boilerbench.corpora"
DEFAULT = "builtin"

Loader = Callable[[Path], Corpus]


@dataclass(frozen=True, slots=True)
class CorpusFormat:
    """A corpus layout: how to recognise a folder of it and how to load one."""

    name: str
    description: str
    looks_like: Callable[[Path], bool]
    load: Callable[..., Corpus]


FORMATS: dict[str, CorpusFormat] = {
    fmt.name: fmt
    for fmt in (
        CorpusFormat(
            "native",
            "boilerbench's format: gold.jsonl + pages/ (docs/corpus-format.md)",
            native.looks_like,
            native.load,
        ),
        CorpusFormat(
            "aeb",
            "ScrapingHub article-extraction-benchmark: ground-truth.json + html/",
            aeb.looks_like,
            aeb.load,
        ),
    )
}


def seeds_dir() -> Path:
    """The seed corpus: ``corpora/_seeds`` in an installed wheel, ``seeds/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_seeds", here.parent / "seeds"):
        if (candidate / native.GOLD).is_file():
            return candidate
    raise CorpusError("the seed corpus is missing from this installation (seeds/gold.jsonl)")


def _builtin() -> dict[str, Callable[[], Corpus]]:
    return {
        "builtin": lambda: native.load(seeds_dir(), name="builtin"),
        "seeds": lambda: native.load(seeds_dir(), name="seeds"),
    }


BUILTIN_DESCRIPTIONS = {
    "builtin": "the default corpus (for now the seed page; noisy generated pages follow)",
    "seeds": "the user's seed page and our HTML reproduction of it",
}


def _plugin_formats() -> dict[str, importlib.metadata.EntryPoint]:
    return {ep.name: ep for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def _format(name: str) -> CorpusFormat:
    if name in FORMATS:
        return FORMATS[name]
    plugins = _plugin_formats()
    if name in plugins:
        try:
            fmt = plugins[name].load()
        except Exception as exc:
            raise CorpusError(f"corpus format plugin {name!r} failed to load: {exc}") from exc
        if not isinstance(fmt, CorpusFormat):
            raise CorpusError(f"corpus format plugin {name!r} is not a CorpusFormat")
        return fmt
    known = [*FORMATS, *plugins]
    close = difflib.get_close_matches(name, known, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise CorpusError(f"unknown corpus format {name!r}{hint} (known: {', '.join(known)})")


def detect_format(path: Path) -> CorpusFormat:
    """The first format whose layout matches the folder."""
    for fmt in FORMATS.values():
        if fmt.looks_like(path):
            return fmt
    raise CorpusError(
        f"{path}: cannot tell the corpus format (expected {native.GOLD} for native, "
        f"{aeb.GROUND_TRUTH} + html/ for aeb); force one with FORMAT:PATH"
    )


def open_corpus(spec: str | None = None) -> Corpus:
    """Load the corpus named by ``spec`` (default: the built-in corpus)."""
    spec = spec or DEFAULT
    builtins = _builtin()
    if spec in builtins:
        return builtins[spec]()
    fmt_name, sep, rest = spec.partition(":")
    if sep and not Path(spec).exists() and fmt_name and "/" not in fmt_name:
        path = Path(rest).expanduser()
        if not path.exists():
            raise CorpusError(f"corpus folder {path} does not exist")
        return _format(fmt_name).load(path)
    path = Path(spec).expanduser()
    if not path.exists():
        close = difflib.get_close_matches(spec, list(builtins), n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CorpusError(f"corpus {spec!r} is neither a built-in corpus nor a folder{hint}")
    if not path.is_dir():
        raise CorpusError(f"corpus {path} is a file; a corpus is a folder")
    return detect_format(path).load(path)


def list_corpora() -> list[tuple[str, str]]:
    """(name, description) of built-in corpora and known formats, without loading them."""
    rows = [(name, desc) for name, desc in BUILTIN_DESCRIPTIONS.items()]
    rows += [(f"{name}:PATH", fmt.description) for name, fmt in FORMATS.items()]
    rows += [(f"{name}:PATH", f"plugin from {ep.value}") for name, ep in _plugin_formats().items()]
    return rows

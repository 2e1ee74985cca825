"""Open a corpus from ``--corpus``: a built-in name, ``FORMAT:PATH``, or a folder whose format
is detected. Plugins add formats through the ``boilerbench.corpora`` entry-point group."""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from corpora import (
    aeb,
    cleaneval,
    native,
    readability_fixtures,
    tabular,
    trafilatura_eval,
    warc,
    wceb,
    wcxb,
    webmainbench,
)
from corpora.corpus import Corpus
from corpora.page import CorpusError
from corpora.seeds import seeds_dir

ENTRY_POINT_GROUP = "boilerbench.corpora"
DEFAULT = "builtin"

Loader = Callable[[Path], Corpus]


@dataclass(frozen=True, slots=True)
class CorpusFormat:
    """A corpus layout: how to recognise a folder of it and how to load one. ``splits``:
    the values its loader takes as ``split=`` (empty: the format has no splits)."""

    name: str
    description: str
    looks_like: Callable[[Path], bool]
    load: Callable[..., Corpus]
    splits: tuple[str, ...] = ()


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
        CorpusFormat(
            "trafilatura",
            "trafilatura's evaluation: evaldata.json (snippet gold) + cache/, eval/",
            trafilatura_eval.looks_like,
            trafilatura_eval.load,
        ),
        CorpusFormat(
            "cleaneval",
            "CleanEval: orig/ pages + clean/ gold texts with <p>/<h>/<l> markers",
            cleaneval.looks_like,
            cleaneval.load,
        ),
        CorpusFormat(
            "wcxb",
            "WCXB (Foley, 2026): a checkout's dev/ and test/, or one split, of html/*.html.gz + "
            "ground-truth/*.json",
            wcxb.looks_like,
            wcxb.load,
            splits=(*wcxb.SPLITS, wcxb.ALL),
        ),
        CorpusFormat(
            "readability-fixtures",
            "Mozilla Readability's test-pages/<case>/source.html + expected.html, or "
            "readability-lxml's <case>/page.html + ideal.html",
            readability_fixtures.looks_like,
            readability_fixtures.load,
        ),
        CorpusFormat(
            "wceb",
            "Bevendorff et al.'s web-content-extraction-benchmark: combined/html + ground-truth",
            wceb.looks_like,
            wceb.load,
        ),
        CorpusFormat(
            "warc",
            "HTML responses of a crawl, no gold: FILE.warc[.gz] or a folder of them",
            warc.looks_like,
            warc.load,
        ),
        CorpusFormat(
            "webmainbench",
            "WebMainBench (opendatalab): JSONL rows with html + groundtruth_content (markdown)",
            webmainbench.looks_like,
            webmainbench.load,
        ),
        CorpusFormat(
            "jsonl",
            'a JSONL file of {"id", "html" | "html_path", "text", ...} rows',
            tabular.looks_like_kind("jsonl"),
            tabular.load_jsonl,
        ),
        CorpusFormat(
            "csv",
            "a CSV file with the jsonl format's columns",
            tabular.looks_like_kind("csv"),
            tabular.load_csv,
        ),
        CorpusFormat(
            "parquet",
            "a Parquet file with the jsonl format's columns",
            tabular.looks_like_kind("parquet"),
            tabular.load_parquet,
        ),
    )
}


def _builtin() -> dict[str, Callable[[], Corpus]]:
    def generated() -> Corpus:
        # Imported here, never at module level: the generator and its templates load only when
        # the corpus is used, and corpora.builtin never imports this module (no import cycle).
        from corpora.builtin import default_corpus_dir

        return native.load(default_corpus_dir(), name="builtin")

    return {
        "builtin": generated,
        "seeds": lambda: native.load(seeds_dir(), name="seeds"),
    }


BUILTIN_DESCRIPTIONS = {
    "builtin": "the default corpus: the seed page + 299 generated noisy pages in 8 languages "
    "(docs/builtin-corpus.md), built on first use into the cache",
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
    """The first format whose layout matches the folder (in the order of ``FORMATS``:
    the specific layouts first, a folder with one table file last)."""
    for fmt in FORMATS.values():
        if fmt.looks_like(path):
            return fmt
    raise CorpusError(
        f"{path}: cannot tell the corpus format (expected {native.GOLD} for native, "
        f"{aeb.GROUND_TRUTH} + html/ for aeb, {trafilatura_eval.EVALDATA} for trafilatura, "
        f"clean/ + orig/ for cleaneval, dev/ or test/ with html/ + ground-truth/*.json for "
        f"wcxb, test-pages/<case>/source.html + expected.html for readability-fixtures, "
        f"{wceb.COMBINED}/ground-truth/ for wceb, or one *.jsonl/*.csv/*.parquet table, or "
        "*.warc[.gz] crawl files); force one with FORMAT:PATH"
    )


def _load(fmt: CorpusFormat, path: Path, split: str | None) -> Corpus:
    if split is None:
        return fmt.load(path)
    if split not in fmt.splits:
        if not fmt.splits:
            with_splits = ", ".join(f.name for f in FORMATS.values() if f.splits)
            raise CorpusError(
                f"corpus format {fmt.name!r} has no splits (formats with splits: {with_splits})"
            )
        raise CorpusError(
            f"unknown split {split!r} for corpus format {fmt.name!r} "
            f"(known: {', '.join(fmt.splits)})"
        )
    return fmt.load(path, split=split)


def open_corpus(spec: str | None = None, split: str | None = None) -> Corpus:
    """Load the corpus named by ``spec`` (default: the built-in corpus); ``split`` chooses
    a split of a format that has them (WCXB's ``dev``, ``test`` or ``all``)."""
    spec = spec or DEFAULT
    builtins = _builtin()
    if spec in builtins:
        if split is not None:
            raise CorpusError(f"the built-in corpus {spec!r} has no splits")
        return builtins[spec]()
    fmt_name, sep, rest = spec.partition(":")
    if sep and not Path(spec).exists() and fmt_name and "/" not in fmt_name:
        path = Path(rest).expanduser()
        if not path.exists():
            raise CorpusError(f"corpus folder {path} does not exist")
        return _load(_format(fmt_name), path, split)
    path = Path(spec).expanduser()
    if not path.exists():
        close = difflib.get_close_matches(spec, list(builtins), n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CorpusError(f"corpus {spec!r} is neither a built-in corpus nor a folder{hint}")
    return _load(detect_format(path), path, split)


def list_corpora() -> list[tuple[str, str]]:
    """(name, description) of built-in corpora and known formats, without loading them."""
    rows = [(name, desc) for name, desc in BUILTIN_DESCRIPTIONS.items()]
    rows += [(f"{name}:PATH", fmt.description) for name, fmt in FORMATS.items()]
    rows += [(f"{name}:PATH", f"plugin from {ep.value}") for name, ep in _plugin_formats().items()]
    return rows

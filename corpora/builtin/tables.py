"""The built-in corpus' tables — sites, boilerplate phrases, site chrome — read from the TOML
files under ``data/`` into their frozen dataclasses (docs/builtin-corpus.md, "Data files").

Each table is read once, on first use, and checked as it loads: a file that is not TOML, a
missing or unknown key, a value of the wrong type or a name that points nowhere (a site's
language without phrases, a chrome file without its site) is a :class:`TableError` that
names the file and the key.
"""

from __future__ import annotations

import difflib
import functools
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import MISSING, fields
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

from corpora.builtin.chrome import Box, Chrome, Consent, Links
from corpora.builtin.phrases import Phrases
from corpora.builtin.sites import Site
from corpora.page import CorpusError

__all__ = ["DATA", "TableError", "load_chrome", "load_phrases", "load_sites"]

DATA: Traversable = files("corpora.builtin") / "data"
"""The folder of data files in the installed package."""

Root = Traversable | Path
R = TypeVar("R")


class TableError(CorpusError):
    """A data file breaks its format; the message starts with ``file: key:``."""


class _Table:
    """One TOML table of a data file, read key by key so that every error names the file and
    the key (``menu[2].subsections[0]``); :meth:`expect` rejects keys nobody reads."""

    def __init__(self, file: str, data: dict[str, Any], where: str = "") -> None:
        self.file = file
        self.data = data
        self.where = where
        self.read: set[str] = set()

    @classmethod
    def open(cls, root: Root, name: str) -> _Table:
        path = root / name
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise TableError(f"{path}: missing data file") from exc
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise TableError(f"{path}: not a valid UTF-8 TOML file: {exc}") from exc
        return cls(str(path), data)

    def key(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def error(self, key: str, message: str) -> TableError:
        return TableError(f"{self.file}: {self.key(key)}: {message}")

    def value(self, key: str, kind: type, default: Any = MISSING) -> Any:
        """The value of ``key``, which must be a ``kind`` (``str``, ``bool`` or ``list``)."""
        self.read.add(key)
        if key not in self.data:
            if default is MISSING:
                raise self.error(key, "missing")
            return default
        value = self.data[key]
        if not isinstance(value, kind):
            raise self.error(key, f"expected {_NAMES[kind]}, got {_name_of(value)}")
        return value

    def strings(self, key: str, default: Any = MISSING) -> tuple[str, ...]:
        values = self.value(key, list, default)
        if values is default:
            return values
        for i, value in enumerate(values):
            if not isinstance(value, str):
                raise self.error(f"{key}[{i}]", f"expected a string, got {_name_of(value)}")
        return tuple(values)

    def tables(self, key: str) -> list[_Table]:
        """An array of tables (``[[key]]`` headers or ``{ ... }`` inline tables)."""
        tables = []
        for i, value in enumerate(self.value(key, list)):
            if not isinstance(value, dict):
                raise self.error(f"{key}[{i}]", f"expected a table, got {_name_of(value)}")
            tables.append(_Table(self.file, value, self.key(f"{key}[{i}]")))
        return tables

    def expect(self, *keys: str) -> None:
        """Reject any key but ``keys`` and those read so far; called before reading them, so a
        misspelt key is reported as unknown rather than as the one it stands for missing."""
        known = self.read | set(keys)
        for key in self.data:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                raise self.error(key, f"unknown key{hint}")

    def record(self, cls: type[R], **given: Any) -> R:
        """A dataclass from this table: each field not ``given`` is read from the key of its
        name (a string, a flag or a list of strings), optional when the field has a default."""
        hints = typing.get_type_hints(cls)
        values = dict(given)
        wanted = [field for field in fields(cls) if field.name not in given]
        self.expect(*(field.name for field in wanted))
        for field in wanted:
            hint = hints[field.name]
            if hint == tuple[str, ...]:
                values[field.name] = self.strings(field.name, field.default)
            elif hint in (str, str | None):
                values[field.name] = self.value(field.name, str, field.default)
            elif hint is bool:
                values[field.name] = self.value(field.name, bool, field.default)
            else:
                raise TypeError(f"{cls.__name__}.{field.name}: no TOML reading for {hint}")
        return cls(**values)


_NAMES = {str: "a string", bool: "a boolean", int: "an integer", float: "a float"}
_NAMES |= {list: "an array", dict: "a table"}


def _name_of(value: object) -> str:
    """What a TOML value is, in words (dates and times by their Python type)."""
    return _NAMES.get(type(value), type(value).__name__)


def _stems(root: Root, folder: str) -> list[str]:
    """The names of the ``*.toml`` files in ``folder``, sorted."""
    return sorted(
        entry.name.removesuffix(".toml")
        for entry in (root / folder).iterdir()
        if entry.is_file() and entry.name.endswith(".toml")
    )


@functools.cache
def load_phrases(root: Root = DATA) -> Mapping[str, Phrases]:
    """The boilerplate wording of each language, from ``phrases/<language>.toml``."""
    table = {}
    for lang in _stems(root, "phrases"):
        phrases = _Table.open(root, f"phrases/{lang}.toml")
        table[lang] = phrases.record(Phrases)
        if len(table[lang].months) != 12:
            raise phrases.error("months", f"expected 12 month names, got {len(table[lang].months)}")
    return types.MappingProxyType(table)


@functools.cache
def load_sites(root: Root = DATA) -> tuple[Site, ...]:
    """The sites in build order (``sites.toml``), each from ``sites/<key>.toml``."""
    from corpora.builtin.templates import TEMPLATES

    index = _Table.open(root, "sites.toml")
    index.expect("order")
    order = index.strings("order")
    stems = _stems(root, "sites")
    for i, key in enumerate(order):
        if key not in stems:
            raise index.error(f"order[{i}]", f"no file sites/{key}.toml")
        if key in order[:i]:
            raise index.error(f"order[{i}]", f"{key!r} is listed twice")
    for stem in stems:
        if stem not in order:
            raise index.error("order", f"sites/{stem}.toml is not listed")
    languages = load_phrases(root)
    templates = [name for name in TEMPLATES if name != "listing"]
    sites = []
    for key in order:
        table = _Table.open(root, f"sites/{key}.toml")
        site = table.record(Site, key=key)
        if site.language not in languages:
            raise table.error("language", f"no phrases/{site.language}.toml for {site.language!r}")
        if site.template not in templates:
            known = ", ".join(templates)
            raise table.error("template", f"unknown template {site.template!r} (known: {known})")
        sites.append(site)
    return tuple(sites)


@functools.cache
def load_chrome(root: Root = DATA) -> Mapping[str, Chrome]:
    """The chrome of the sites that have one (``chrome/<key>.toml``), with the consent dialog
    of the site's language (``consent/<language>.toml``) and the partners (``partners.toml``)."""
    from corpora.builtin.noise import NOISE_TYPES

    sites = {site.key: site for site in load_sites(root)}
    stems = _stems(root, "chrome")
    for stem in stems:
        if stem not in sites:
            raise TableError(f"{root / 'chrome' / f'{stem}.toml'}: no site {stem!r} in sites.toml")
    partners_table = _Table.open(root, "partners.toml")
    partners_table.expect("partners")
    partners = partners_table.strings("partners")
    consents = {lang: _consent(root, lang) for lang in _stems(root, "consent")}
    chrome = {}
    for key in (key for key in sites if key in stems):
        table = _Table.open(root, f"chrome/{key}.toml")
        language = sites[key].language
        if language not in consents:
            raise TableError(f"{table.file}: no consent/{language}.toml for the site's language")
        boxes = tuple(_box(box, NOISE_TYPES) for box in table.tables("boxes"))
        chrome[key] = table.record(
            Chrome,
            menu=_links(table, "menu", "section", "subsections"),
            boxes=boxes,
            columns=_links(table, "columns", "heading", "links"),
            consent=consents[language],
            partners=partners,
        )
    return types.MappingProxyType(chrome)


def _consent(root: Root, lang: str) -> Consent:
    table = _Table.open(root, f"consent/{lang}.toml")
    purposes = tuple(_pair(purpose, "name", "text") for purpose in table.tables("purposes"))
    return table.record(Consent, purposes=purposes)


def _box(table: _Table, noise_types: Mapping[str, str]) -> Box:
    kind = table.value("type", str)
    if kind not in noise_types:
        raise table.error("type", f"{kind!r} is not a noise type (docs/builtin-corpus.md)")
    entries = []
    for entry in table.tables("entries"):
        entry.expect("link", "text")
        entries.append((entry.value("link", str), entry.value("text", str, "")))
    return table.record(Box, type=kind, entries=tuple(entries))


def _pair(table: _Table, name: str, text: str) -> tuple[str, str]:
    table.expect(name, text)
    return table.value(name, str), table.value(text, str)


def _links(table: _Table, key: str, name: str, links: str) -> Links:
    """``[[key]]`` tables of a name and its links: a menu's sections, a footer's columns."""
    pairs = []
    for item in table.tables(key):
        item.expect(name, links)
        pairs.append((item.value(name, str), item.strings(links)))
    return tuple(pairs)

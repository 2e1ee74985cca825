"""A registry of names → lazy ``"module"`` or ``"module:attr"`` targets (lm-eval's
``Registry``): built-ins registered in code, plugins found through an entry-point group.
Listing names imports nothing; a target is imported on the first :meth:`Registry.get`, so a
broken plugin fails only when it is chosen, with a message that names it."""

from __future__ import annotations

import difflib
import importlib.metadata
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from extractors.base import ExtractorError
from extractors.imports import import_from_string, import_module

T = TypeVar("T")


class RegistryError(ValueError):
    """An unknown name, or a target that cannot be loaded; the message says which."""


def load_target(target: str) -> Any:
    """The module ``pkg.mod`` or the attribute ``pkg.mod:attr`` (``attr`` may be dotted),
    telling a missing module from one that fails while importing."""
    module_name, _, attr = target.partition(":")
    try:
        return import_from_string(target) if attr else import_module(module_name)
    except ExtractorError as exc:  # the plugin loader shared with extractors
        raise RegistryError(str(exc)) from exc


class Registry(Generic[T]):
    """``kind`` names what is registered in messages (``metric``); ``group`` is the entry-point
    group plugins use; ``check`` validates a loaded object (raising ``ValueError``)."""

    def __init__(
        self,
        kind: str,
        group: str,
        *,
        error: type[RegistryError] = RegistryError,
        check: Callable[[Any, str], T] | None = None,
    ) -> None:
        self.kind, self.group, self.error, self.check = kind, group, error, check
        self._targets: dict[str, str] = {}
        self._loaded: dict[str, T] = {}
        self._plugins: dict[str, str] | None = None

    def register(self, name: str, target: str) -> None:
        """A built-in: ``name`` → ``"module"`` or ``"module:attr"``, imported when asked for."""
        self._targets[name] = target

    def plugins(self) -> dict[str, str]:
        """Entry points of the group, name → target, read once and never loaded here. A
        plugin never shadows a built-in of the same name."""
        if self._plugins is None:
            found = importlib.metadata.entry_points(group=self.group)
            self._plugins = {
                ep.name: ep.value
                for ep in sorted(found, key=lambda e: e.name)
                if ep.name not in self._targets
            }
        return self._plugins

    def targets(self) -> dict[str, str]:
        """Every name → its target: built-ins first, then plugins."""
        return {**self._targets, **self.plugins()}

    def names(self) -> list[str]:
        return list(self.targets())

    def source(self, name: str) -> str:
        return "builtin" if name in self._targets else "plugin"

    def get(self, name: str) -> T:
        """The object registered as ``name``, imported on first use; an unknown name gets
        "did you mean …"."""
        if name in self._loaded:
            return self._loaded[name]
        targets = self.targets()
        if name not in targets:
            close = difflib.get_close_matches(name, list(targets), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise self.error(f"unknown {self.kind} {name!r}{hint} (known: {', '.join(targets)})")
        target = targets[name]
        where = f"{self.kind} {name!r}" + (
            f" (plugin {target}, entry point group {self.group})"
            if self.source(name) == "plugin"
            else ""
        )
        try:
            obj = load_target(target)
            loaded = self.check(obj, name) if self.check is not None else obj
        except (RegistryError, ValueError, TypeError) as exc:
            raise self.error(f"{where}: {exc}") from exc
        self._loaded[name] = loaded
        return loaded

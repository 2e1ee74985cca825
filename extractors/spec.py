"""What a run compares: an extractor spec names a result row and says what runs, with which
parameters. It travels, as a value, with the run config, every task and every executor; no
process-global registry or environment variable defines variants."""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

CMD_PREFIX = "cmd:"  # a program run once per page: HTML on stdin, text on stdout
STREAM_PREFIX = "cmd+stream:"  # a long-lived program, one JSON line per page each way
COMMAND_PREFIXES = (CMD_PREFIX, STREAM_PREFIX)
# A short name given with ``name=target``: no colon, slash, space or '=' (those make a target).
_SHORT_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*\Z")


class SpecError(ValueError):
    """An extractor spec that cannot be parsed; the message names it."""


@dataclass(frozen=True, slots=True)
class ExtractorSpec:
    """``name``: what results call it (unique in a run). ``target``: what runs — a built-in
    or plugin name, ``module:attr``, ``path/to/file.py:attr``, ``cmd:program args`` or
    ``cmd+stream:program args``.
    ``params``: keyword arguments over the target's own defaults, sorted by key.

    ``obj`` holds a Python object given directly (a function ``html -> str`` or an object with
    ``extract(html)``); it is not part of the spec's identity and is not sent across machines.
    """

    name: str
    target: str
    params: tuple[tuple[str, Any], ...] = ()
    obj: Any = field(default=None, compare=False, hash=False, repr=False)

    @property
    def param_dict(self) -> dict[str, Any]:
        return dict(self.params)

    def with_params(self, params: Mapping[str, Any]) -> ExtractorSpec:
        """This spec with ``params`` over its own (later values win)."""
        merged = {**self.param_dict, **params}
        return ExtractorSpec(self.name, self.target, _sorted(merged), self.obj)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "target": self.target, "params": self.param_dict}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ExtractorSpec:
        return cls(str(data["name"]), str(data["target"]), _sorted(data.get("params") or {}))

    @property
    def label(self) -> str:
        """``name=target`` when they differ, else the name: how to write it on a command line."""
        return self.name if self.name == self.target else f"{self.name}={self.target}"


def _sorted(params: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    for key, value in params.items():
        try:
            json.dumps(value)
        except (TypeError, ValueError) as exc:
            raise SpecError(
                f"parameter {key!r}: {type(value).__name__} values cannot be recorded in a run "
                "(use strings, numbers, booleans, lists or dicts)"
            ) from exc
    return tuple(sorted(params.items()))


def parse_spec(text: str, params: Mapping[str, Any] | None = None) -> ExtractorSpec:
    """``trafilatura``, ``module:attr``, ``cmd:prog`` or ``short=TARGET`` (the short name is
    what results and ``--param short.key=value`` call it)."""
    text = text.strip()
    if not text:
        raise SpecError("an empty extractor spec")
    name, sep, target = text.partition("=")
    if sep and _SHORT_NAME.match(name.strip()) and target.strip():
        name, target = name.strip(), target.strip()
    else:
        name, target = text, text
    return ExtractorSpec(name, target, _sorted(params or {}))


def spec_of_object(obj: Any, name: str | None = None) -> ExtractorSpec:
    """A spec for a function or extractor object given from Python. Its target is
    ``module:qualname`` when that imports back to the same object (so other processes and
    machines can load it), else ``python:qualname`` (runs only in forked local workers)."""
    if not (callable(obj) or callable(getattr(obj, "extract", None))):
        raise SpecError(f"{obj!r} is neither a function html -> str nor has extract(html)")
    function = obj if inspect.isfunction(obj) or inspect.isclass(obj) else type(obj)
    module = getattr(function, "__module__", None) or "__main__"
    qualname = getattr(function, "__qualname__", None) or type(obj).__name__
    target = f"python:{qualname}"
    if module != "__main__" and "<" not in qualname and obj is function:
        target = f"{module}:{qualname}"
    label = name or getattr(obj, "__name__", None) or type(obj).__name__
    if label == "<lambda>":
        label = "lambda"
    return ExtractorSpec(label, target, (), obj)


def as_spec(item: str | ExtractorSpec | Callable[[str], str] | Any) -> ExtractorSpec:
    """A spec from what a user may pass: a spec string, a spec, a function or an object."""
    if isinstance(item, ExtractorSpec):
        return item
    if isinstance(item, str):
        return parse_spec(item)
    return spec_of_object(item)

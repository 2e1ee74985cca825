"""Extractor parameters from the command line: ``--param NAME.key=value``.

Values are typed the way a user writes them: ``true``/``false`` are booleans, ``12`` an int,
``0.5`` or ``1e-3`` a float, anything starting with ``[``, ``{`` or ``"`` (and ``null``) is
JSON, everything else a string. ``'"true"'`` is the string ``true``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_INT = re.compile(r"[+-]?\d+\Z")
_FLOAT = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+(\.\d*)?[eE][+-]?\d+)\Z")


class ParamError(ValueError):
    """A ``--param`` that cannot be parsed or names no extractor of the run."""


@dataclass(frozen=True, slots=True)
class Param:
    """One parsed ``--param``: which extractor, which keyword argument, which value."""

    extractor: str
    key: str
    value: Any


def parse_value(raw: str) -> Any:
    """The typed value of ``raw`` (see the module docstring)."""
    text = raw.strip()
    lowered = text.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    if text == "null" or text[:1] in ("[", "{", '"'):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise ParamError(f"value {raw!r} looks like JSON but is not: {exc.msg}") from exc
    return raw


def parse_assignment(text: str) -> tuple[str, Any]:
    """``key=value`` → ``(key, typed value)``."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not _KEY.match(key):
        raise ParamError(f"{text!r} is not KEY=VALUE with KEY a Python identifier")
    return key, parse_value(raw)


def parse_param(text: str) -> Param:
    """``NAME.key=value`` → :class:`Param`. ``NAME`` may itself hold dots and colons
    (``mymod:Extractor``, ``path/to/x.py:extract``); the key is what follows the last dot."""
    left, sep, raw = text.partition("=")
    name, dot, key = left.rpartition(".")
    if not sep or not dot or not name:
        raise ParamError(
            f"--param {text!r}: expected NAME.KEY=VALUE, e.g. trafilatura.favor_precision=true"
        )
    if not _KEY.match(key.strip()):
        raise ParamError(f"--param {text!r}: {key!r} is not a parameter name (an identifier)")
    return Param(name.strip(), key.strip(), parse_value(raw))


def group_params(texts: Iterable[str], extractors: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Parse every ``--param`` and group them by extractor; each must name one of
    ``extractors`` (the run's), with "did you mean" otherwise. Later values win."""
    grouped: dict[str, dict[str, Any]] = {}
    for text in texts:
        param = parse_param(text)
        if param.extractor not in extractors:
            close = difflib.get_close_matches(param.extractor, list(extractors), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise ParamError(
                f"--param {text!r}: {param.extractor!r} is not an extractor of this run{hint} "
                f"(the run has: {', '.join(extractors)})"
            )
        grouped.setdefault(param.extractor, {})[param.key] = param.value
    return grouped

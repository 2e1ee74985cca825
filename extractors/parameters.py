"""Which parameters an extractor accepts, and a check of given ones before any page runs: an
unknown name (with "did you mean") or a value of the wrong type fails the run at once instead
of failing every page."""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Mapping
from typing import Any

from extractors.base import ExtractorError

# Adapters that pass ``**params`` on to a library callable name it in ``PARAMS_OF``
# (``"module:attr"``); its signature, less ``PARAMS_SKIP``, lists what else they accept.
PARAMS_OF = "PARAMS_OF"
PARAMS_SKIP = "PARAMS_SKIP"


class ParamTypeError(ExtractorError):
    """A parameter value of the wrong type, or a name the extractor does not accept."""


def _signature(obj: Any) -> inspect.Signature | None:
    try:
        return inspect.signature(obj.__init__ if inspect.isclass(obj) else obj)
    except (TypeError, ValueError):
        return None  # a builtin or Cython callable: nothing to check against


def accepted_parameters(
    obj: Any, skip: tuple[str, ...] = ()
) -> dict[str, inspect.Parameter] | None:
    """Keyword parameters ``obj`` (a class or a function ``html -> text`` taking keywords)
    accepts, or ``None`` when it takes any (``**kwargs`` that go nowhere we can see)."""
    signature = _signature(obj)
    if signature is None:
        return None
    params = list(signature.parameters.values())
    if inspect.isclass(obj):
        params = params[1:]  # self
    elif params and params[0].kind in (params[0].POSITIONAL_ONLY, params[0].POSITIONAL_OR_KEYWORD):
        params = params[1:]  # the html argument
    named = {
        p.name: p
        for p in params
        if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name not in skip
    }
    if not any(p.kind is p.VAR_KEYWORD for p in params):
        return named
    forwarded = getattr(obj, PARAMS_OF, None)
    if not isinstance(forwarded, str):
        return None
    from extractors.imports import import_from_string

    try:
        target = import_from_string(forwarded)
    except ExtractorError:
        return None
    more = accepted_parameters(target, tuple(getattr(obj, PARAMS_SKIP, ())))
    return None if more is None else {**more, **named}


def _type_problem(value: Any, parameter: inspect.Parameter) -> str | None:
    """Why ``value`` does not fit ``parameter`` (judged by its default's type), or ``None``."""
    default = parameter.default
    if default is inspect.Parameter.empty or default is None:
        return None
    if isinstance(default, bool):
        return None if isinstance(value, bool) else "true or false"
    if isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "an integer"
    if isinstance(default, float):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return None if ok else "a number"
    if isinstance(default, str):
        return None if isinstance(value, str) else "a string"
    if isinstance(default, (list, tuple)):
        return None if isinstance(value, (list, tuple)) else "a list"
    if isinstance(default, dict):
        return None if isinstance(value, dict) else "a table/dict"
    return None


def check_params(
    name: str, obj: Any, params: Mapping[str, Any], skip: tuple[str, ...] = ()
) -> None:
    """Raise :class:`ParamTypeError` for a parameter ``obj`` does not accept or a value of
    the wrong type; ``name`` is the extractor's name in messages."""
    if not params:
        return
    accepted = accepted_parameters(obj, skip)
    if accepted is None:
        return
    for key, value in params.items():
        if key not in accepted:
            close = difflib.get_close_matches(key, list(accepted), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            known = ", ".join(sorted(accepted)) or "none"
            raise ParamTypeError(
                f"extractor {name!r} has no parameter {key!r}{hint} (it accepts: {known})"
            )
        problem = _type_problem(value, accepted[key])
        if problem is not None:
            raise ParamTypeError(
                f"extractor {name!r}: parameter {key!r} must be {problem}, not "
                f"{type(value).__name__} {value!r}"
            )

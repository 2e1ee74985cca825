"""Load ``module:attr`` (or ``path/to/file.py:attr``) targets, telling a missing module
from one that fails while importing."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from extractors.base import ExtractorError


def _import_file(path: Path) -> ModuleType:
    name = f"_boilerbench_plugin_{abs(hash(str(path.resolve())))}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ExtractorError(f"cannot load {path} as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[name]
        raise ExtractorError(f"importing {path} failed: {type(exc).__name__}: {exc}") from exc
    return module


def import_module(module_name: str) -> ModuleType:
    """Import by dotted name or ``.py`` path; the working directory is searched too, as a
    user running ``--extractor mymod:extract`` expects."""
    if module_name.endswith(".py"):
        path = Path(module_name)
        if not path.is_file():
            raise ExtractorError(f"plugin file {module_name!r} does not exist")
        return _import_file(path)
    cwd = os.getcwd()
    if cwd not in sys.path:
        sys.path.append(cwd)
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise ExtractorError(f"module {module_name!r} not found") from exc
        raise ExtractorError(
            f"importing {module_name!r} failed: it needs module {exc.name!r}, not installed"
        ) from exc
    except Exception as exc:
        raise ExtractorError(
            f"importing {module_name!r} failed: {type(exc).__name__}: {exc}"
        ) from exc


def import_from_string(target: str) -> Any:
    """The object named by ``module:attr`` (attr may be dotted)."""
    module_name, sep, attr = target.rpartition(":")
    if not sep or not module_name or not attr:
        raise ExtractorError(f"{target!r} is not of the form 'module:attr'")
    obj: Any = import_module(module_name)
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError as exc:
            raise ExtractorError(f"{module_name!r} has no attribute {attr!r}") from exc
    return obj

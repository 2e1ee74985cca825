"""No import cycle between the corpus registry and the built-in corpus: the registry imports
``corpora.builtin`` only inside the function that opens it, and ``corpora.builtin`` never
imports the registry (both find the seed page through ``corpora.seeds``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import corpora.builtin
import corpora.registry

BUILTIN = Path(corpora.builtin.__file__).parent
REGISTRY = Path(corpora.registry.__file__)


def _imports(tree: ast.AST) -> set[str]:
    """The modules an AST imports (``from a import b`` counts as ``a`` and ``a.b``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("module", ["corpora.registry", "corpora.builtin"])
def test_each_side_imports_first_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}; print({module}.__name__)"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == module


def test_no_builtin_module_imports_the_registry() -> None:
    modules = sorted(BUILTIN.rglob("*.py"))
    assert len(modules) > 10
    for path in modules:
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
        assert "corpora.registry" not in imported, path.relative_to(BUILTIN)


def test_the_registry_imports_the_builtin_corpus_only_when_opening_it() -> None:
    tree = ast.parse(REGISTRY.read_text(encoding="utf-8"))
    top = ast.Module(body=[n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)])
    assert not any(name.startswith("corpora.builtin") for name in _imports(top))
    assert "corpora.builtin" in _imports(tree)  # the lazy import inside _builtin()
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, corpora.registry; print('corpora.builtin' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert loaded.stdout.strip() == "False", loaded.stderr

"""Shared fixtures: public corpora under ../shared/corpora and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
AEB_DIR = SHARED / "corpora" / "aeb"
PLUGINS = Path(__file__).resolve().parent / "plugins"

# Tests never read or write the user's caches (built-in corpus, extraction outputs): each test
# session gets its own, shared by the CLI processes it starts.
os.environ.setdefault("BOILERBENCH_CACHE", tempfile.mkdtemp(prefix="boilerbench-test-cache-"))


def public_corpus(path: Path) -> Path:
    """The folder, or a skip with the reason; under CI=true a missing folder fails."""
    if path.is_dir():
        return path
    reason = f"public corpus {path} is absent (put the dataset there to run this test)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def aeb_dir() -> Path:
    return public_corpus(AEB_DIR)


def run_cli(
    *args: str, cwd: Path | None = None, check: bool = True, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``boilerbench`` console script, as a user would."""
    exe = Path(sys.executable).with_name("boilerbench")
    env = {**os.environ, "PYTHONPATH": str(PLUGINS), "COLUMNS": "160"}
    done = subprocess.run(
        [str(exe), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=env,
        check=False,
    )
    if check and done.returncode != 0:
        raise AssertionError(
            f"boilerbench {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        )
    return done


@pytest.fixture
def cli():
    return run_cli

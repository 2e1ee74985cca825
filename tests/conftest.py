"""Shared fixtures: public corpora under ../shared/corpora, the real CLI, and runs killed
when they reach a given point."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
AEB_DIR = SHARED / "corpora" / "aeb"
PLUGINS = Path(__file__).resolve().parent / "plugins"
# tests/plugins/held_extractor.py reads it: the folder whose FIFO holds a run open
HOLD_ENV = "BOILERBENCH_TEST_HOLD"

# Tests never read or write the user's caches (built-in corpus, extraction outputs): each test
# session gets its own, shared by the CLI processes it starts (and by pytest-xdist's workers,
# which inherit it from the main process).
if "BOILERBENCH_CACHE" not in os.environ:
    os.environ["BOILERBENCH_CACHE"] = tempfile.mkdtemp(prefix="boilerbench-test-cache-")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules whose every test is marked slow go first, otherwise in order: with the two
    pytest-xdist workers of ``make test``, the longest runs (WCXB's and AEB's figures) start
    at once and the other worker runs the rest meanwhile, instead of one starting last."""
    all_slow: dict[Path, bool] = {}
    for item in items:
        slow = item.get_closest_marker("slow") is not None
        all_slow[item.path] = all_slow.get(item.path, True) and slow
    items.sort(key=lambda item: not all_slow[item.path])


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


def plugins_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """This process's environment with tests/plugins on ``PYTHONPATH``, plus ``extra``."""
    paths = [p for p in (os.environ.get("PYTHONPATH"), str(PLUGINS)) if p]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **(extra or {})}


def hold_folder(folder: Path) -> dict[str, str]:
    """Arm ``held_extractor:visible_text`` for the runs started with the returned variables:
    its first call blocks on the FIFO ``folder/release`` until the run is killed, so the run
    cannot finish early (it can still write every other line)."""
    folder.mkdir(parents=True)
    os.mkfifo(folder / "release")
    return {HOLD_ENV: str(folder)}


def start_cli(*args: str, env: Mapping[str, str]) -> subprocess.Popen[bytes]:
    """Start the ``boilerbench`` console script in a process group of its own (so that
    :func:`kill_when` kills its workers too), output discarded."""
    exe = Path(sys.executable).with_name("boilerbench")
    return subprocess.Popen(
        [str(exe), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env=dict(env),
    )


def lines_in(path: Path) -> int:
    """Newlines in ``path`` (0 while it does not exist): the records a run has written."""
    try:
        return path.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def kill_when(
    proc: subprocess.Popen[bytes], ready: Callable[[], bool], what: str, within: float = 120
) -> None:
    """``kill -9`` the run's process group as soon as ``ready()`` (checked every 5 ms, for at
    most ``within`` seconds). Fails, saying which, when the run ended before it got there or
    it never came: the run must be interrupted while it works, at the point asked for."""
    deadline = time.monotonic() + within
    try:
        while not ready():
            if proc.poll() is not None:
                pytest.fail(f"the run ended (exit {proc.returncode}) before {what}")
            if time.monotonic() > deadline:
                pytest.fail(f"no {what} after {within:g} s")
            time.sleep(0.005)
    finally:
        with contextlib.suppress(ProcessLookupError):  # workers left by a run that ended
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the run ended by itself (exit {proc.returncode})"

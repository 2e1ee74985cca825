"""Collects the named speed figures of ``make bench-speed`` into ``speed.json`` (repo root)
and prints them at the end of the session.

A benchmark reports a figure by putting it in ``benchmark.extra_info`` under one of the
names in :data:`FIGURES` (or into the ``figures`` fixture directly)."""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SPEED_JSON = REPO / "speed.json"

# name: (goal as text, check on the value)
FIGURES: dict[str, tuple[str, Any]] = {
    "runner_overhead": ("<= 1.05", lambda v: v <= 1.05),
    "parallel_speedup_2": (">= 1.8", lambda v: v >= 1.8),
    "parallel_vs_ceiling": (">= 0.95", lambda v: v >= 0.95),
    "field_vs_bound": ("<= 1.10", lambda v: v <= 1.10),
    "main_rss_100k_mb": ("< 1024", lambda v: v < 1024),
    "report_100k_seconds": ("< 60", lambda v: v < 60),
    "minhash_vs_plain_loop": (">= 20", lambda v: v >= 20),
    "score_seconds_per_mb": ("scoring < 5% of extraction", None),
    "score_share_of_extraction": ("< 0.05", lambda v: v < 0.05),
    "cached_rerun_fraction": ("<= 0.05", lambda v: v <= 0.05),
    "wcxb_dev_open_seconds": ("< 5", lambda v: v < 5),
    "words_share_of_extraction": ("< 0.05", lambda v: v < 0.05),
    "rouge_n5_share_of_extraction": ("< 0.10", lambda v: v < 0.10),
    "structure_share_of_extraction": ("< 0.10", lambda v: v < 0.10),
    "dedup_1m_seconds": ("< 300 (2 cores)", lambda v: v < 300),
    "dedup_1m_peak_gb": ("< 8", lambda v: v < 8),
    "minhash_docs_per_s": ("400-word documents, one core", None),
    "minhash_vs_rensa": (">= 1.5", lambda v: v >= 1.5),
    "llm_181_pages_seconds": ("< 5 (200 ms a request)", lambda v: v < 5),
}

_figures: dict[str, Any] = {}
_LOAD_AT_START = [round(x, 2) for x in os.getloadavg()]


@pytest.fixture(scope="session")
def figures() -> dict[str, Any]:
    return _figures


@pytest.fixture(autouse=True)
def _collect_extra_info(request: pytest.FixtureRequest) -> Any:
    """After a benchmark, copy the named figures out of its ``extra_info``."""
    if "benchmark" not in request.fixturenames:
        yield
        return
    info = request.getfixturevalue("benchmark").extra_info  # torn down after this fixture
    yield
    for name in FIGURES:
        if name in info:
            _figures.setdefault(name, info[name])


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _figures:
        return
    goals = {}
    for name, (goal, check) in FIGURES.items():
        value = _figures.get(name)
        met = None if value is None or check is None else bool(check(value))
        goals[name] = {"goal": goal, "met": met}
    payload = {
        "schema_version": 1,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {
            "python": platform.python_version(),
            "cpus": _cpus(),
            # other processes competing for the cores spoil the parallel figure
            "load_average_at_start": _LOAD_AT_START,
            "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "figures": {name: _figures.get(name) for name in FIGURES},
        "details": {k: v for k, v in _figures.items() if k not in FIGURES},
        "goals": goals,
    }
    SPEED_JSON.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not _figures:
        return
    terminalreporter.section("speed figures (speed.json)")
    for name, (goal, check) in FIGURES.items():
        value = _figures.get(name)
        verdict = "" if value is None or check is None else ("ok" if check(value) else "MISSED")
        shown = "not measured" if value is None else f"{value:.4g}"
        terminalreporter.write_line(f"{name:28s} {shown:>14s}   goal {goal:28s} {verdict}")


def _cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1

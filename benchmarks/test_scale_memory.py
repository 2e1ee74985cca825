"""A 100,000-page run keeps its main process small, and its report is quick.

``boilerbench run`` with ``everything`` and ``nothing`` on the built-in corpus generated at
10,000 and at 100,000 pages (built once into ``$BOILERBENCH_CACHE/bench-corpora/``; the
100,000-page build takes about 5 minutes), as a user runs it (``--no-cache``: 200,000
outputs would fill the output cache with a gigabyte). ``main_rss_100k_mb`` is the peak
resident memory of the run's main process (``ru_maxrss`` at its exit: the workers are not
counted), ``main_rss_10k_mb`` the same at 10,000 pages: the two are close when memory does
not grow with the page count. ``report_100k_seconds`` is the wall time of ``boilerbench
report`` on the 100,000-page run, interpreter start included.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from corpora.builtin.cache import cache_root

EXTRACTORS = "everything,nothing"
# the CLI's own main(), with the main process's peak resident memory written at its exit
# (workers exit through os._exit and never run it)
_MEASURED = """
import atexit, resource, sys
out = sys.argv.pop(1)
def peak():
    with open(out, "w") as handle:
        handle.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
atexit.register(peak)
sys.argv[0] = "boilerbench"
from bench.cli import main
main()
"""


def built_corpus(pages: int) -> Path:
    """The built-in corpus of ``pages`` pages (seed 0), built once and kept."""
    folder = cache_root() / "bench-corpora" / f"builtin-{pages}"
    if (folder / ".complete").is_file():
        return folder
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    exe = str(Path(sys.executable).with_name("boilerbench"))
    subprocess.run(
        [exe, "corpus", "build", "--pages", str(pages), "--out", str(partial), "--no-progress"],
        check=True,
        capture_output=True,
    )
    shutil.rmtree(folder, ignore_errors=True)
    partial.rename(folder)
    (folder / ".complete").write_text("built\n")
    return folder


def _measured(*args: str, where: Path) -> tuple[float, float]:
    """Run ``boilerbench ARGS``; its wall seconds and its main process's peak RSS in MB."""
    peak_file = where / "peak-rss"
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(peak_file), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "160"},
        check=False,
    )
    wall = time.perf_counter() - t0
    assert done.returncode == 0, done.stderr[-2000:]
    return wall, int(peak_file.read_text()) / 1024


def test_main_process_memory_and_report_at_scale(
    benchmark: BenchmarkFixture, figures: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    root = tmp_path_factory.mktemp("scale")
    measured: dict[int, tuple[float, float]] = {}

    def runs() -> None:
        for pages in (10_000, 100_000):
            corpus = built_corpus(pages)
            out = root / f"run-{pages}"
            where = root / f"m-{pages}"
            where.mkdir()
            measured[pages] = _measured(
                "run", "--corpus", str(corpus), "-e", EXTRACTORS, "--out", str(out),
                "--no-cache", "--no-progress", where=where,
            )  # fmt: skip

    benchmark.pedantic(runs, rounds=1, iterations=1)
    report_where = root / "m-report"
    report_where.mkdir()
    report_s, report_mb = _measured("report", str(root / "run-100000"), where=report_where)
    figures["run_10k_seconds"] = round(measured[10_000][0], 1)
    figures["run_100k_seconds"] = round(measured[100_000][0], 1)
    figures["main_rss_10k_mb"] = round(measured[10_000][1])
    figures["report_100k_main_rss_mb"] = round(report_mb)
    benchmark.extra_info["main_rss_100k_mb"] = round(measured[100_000][1])
    benchmark.extra_info["report_100k_seconds"] = round(report_s, 1)

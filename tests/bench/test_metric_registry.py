"""The metric registry and protocol: names are listed without importing a metric, plugins come
from the ``boilerbench.metrics`` entry point group, a broken plugin fails only when chosen
(with a message naming it), and each metric's metadata says which way is better. Every
built-in's vectorised ``statistic`` reproduces its ``aggregate``, so intervals and tests
are computed on the very figures the summary stores."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import PLUGINS

from bench import metrics, stats
from bench.metrics.base import FieldInfo, MetricInfo
from bench.metrics.bootstrap import bootstrap_std, resample_indices
from corpora.page import Gold

BUILTINS = ("aeb", "snippets", "tokens", "rouge-lsum", "levenshtein")


def _python(code: str, extra_path: Path | None = None) -> str:
    paths = [str(PLUGINS), *([str(extra_path)] if extra_path else [])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


def test_listing_names_imports_no_metric() -> None:
    code = (
        "import sys\nfrom bench import metrics\nbefore = set(sys.modules)\n"
        "names = metrics.names()\nprint(names, sorted(set(sys.modules) - before))\n"
        "metrics.get('edits')\nprint('boilerbench_example.edits' in sys.modules)"
    )
    out = _python(code).splitlines()
    assert "'edits'" in out[0] and "'rouge-lsum'" in out[0]  # the plugin's entry point too
    assert out[0].endswith("[]")  # listing imported nothing
    assert out[1] == "True"  # asking for it does


def _fake_distribution(root: Path) -> Path:
    """A distribution on the path whose entry points name a missing module and a module
    that fails to import (``tests/plugins/broken_plugin.py``)."""
    info = root / "broken_metrics-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-metrics\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(
        "[boilerbench.metrics]\n"
        "missing-metric = boilerbench_no_such_module\n"
        "failing-metric = broken_plugin\n"
    )
    return root


def test_a_broken_plugin_fails_only_when_chosen(tmp_path: Path) -> None:
    site = _fake_distribution(tmp_path / "site")
    code = (
        "from bench import metrics\n"
        "print(metrics.names())\n"
        "print(metrics.get('aeb').info.name)\n"
        "for name in ('missing-metric', 'failing-metric'):\n"
        "    try:\n"
        "        metrics.get(name)\n"
        "    except metrics.MetricError as exc:\n"
        "        print('ERROR', exc)\n"
    )
    out = _python(code, site)
    assert "'missing-metric'" in out and "'failing-metric'" in out
    assert "\naeb\n" in out  # the others still load
    errors = [line for line in out.splitlines() if line.startswith("ERROR")]
    assert "metric 'missing-metric' (plugin boilerbench_no_such_module" in errors[0]
    assert "not found" in errors[0]
    assert "metric 'failing-metric'" in errors[1] and "boilerbench_missing_dependency" in errors[1]


def test_list_and_run_with_a_broken_plugin_installed(tmp_path: Path) -> None:
    site = _fake_distribution(tmp_path / "site")
    exe = Path(sys.executable).with_name("boilerbench")
    env = {**os.environ, "PYTHONPATH": f"{PLUGINS}{os.pathsep}{site}", "COLUMNS": "160"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(exe), *args], capture_output=True, text=True, env=env)

    listing = cli("list", "metrics")
    assert listing.returncode == 0
    row = next(line for line in listing.stdout.splitlines() if "missing-metric" in line)
    assert "cannot be loaded" in row and "plugin" in row
    ok = cli("run", "--corpus", "seeds", "-e", "nothing", "--out", str(tmp_path / "ok"), "--json")
    assert ok.returncode == 0, ok.stderr
    chosen = cli(
        "run",
        "--corpus",
        "seeds",
        "-e",
        "nothing",
        "--metric",
        "failing-metric",
        "--out",
        str(tmp_path / "no"),
    )
    assert chosen.returncode == 2
    assert "failing-metric" in chosen.stderr and "boilerbench_missing_dependency" in chosen.stderr


def test_field_directions_and_derived_keys() -> None:
    info = metrics.info("tokens")
    assert info.direction("f1") == 1 and info.direction("f1_median_macro") == 1
    assert info.field("f1@cleaneval").title == "F1 @cleaneval"
    assert info.direction("n_datasets") == 0
    snippets = metrics.info("snippets")
    assert snippets.direction("fp") == -1 and snippets.direction("tp") == 1
    assert snippets.needs == ("snippets",)
    edits = metrics.info("edits")
    assert edits.headline_field.direction == -1 and not edits.headline_field.unit_interval
    assert MetricInfo.from_json(json.loads(json.dumps(edits.to_json()))) == edits


def test_metric_info_is_checked() -> None:
    with pytest.raises(ValueError, match="headline 'f2' not in fields"):
        MetricInfo("m", "one line", "f2", (FieldInfo("f1"),))
    with pytest.raises(ValueError, match="unknown gold"):
        MetricInfo("m", "one line", "f1", (FieldInfo("f1"),), needs=("html",))


def _pages(name: str, n: int = 30) -> list[dict[str, float]]:
    """Real page scores of the metric for made-up gold and outputs, over two datasets."""
    rng = random.Random(name)
    words = [a + b for a in ("ri", "co", "bu", "ha") for b in ("ver", "nal", "dge", "mo")]
    metric = metrics.get(name)
    pages = []
    for i in range(n):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(20, 60)))
        kept = text.split()[: rng.randrange(0, 60)]
        noise = " ".join(f"menu{rng.randrange(9)}" for _ in range(rng.randrange(0, 10)))
        gold = Gold(
            text=text,
            markup="<p>" + text if i % 3 == 0 else None,
            dataset="a" if i % 2 else "b",
            snippets_with=tuple(text.split()[:3]),
            snippets_without=("menu1", "menu2"),
        )
        pages.append(metric.score_page(gold, " ".join(kept) + " " + noise))
    return pages


@pytest.mark.parametrize("name", BUILTINS)
def test_vectorised_statistic_reproduces_aggregate(name: str) -> None:
    metric = metrics.get(name)
    pages = _pages(name)
    fast = metric.statistic(pages)
    slow = stats.aggregate_statistic(metric, pages)
    idx = resample_indices(len(pages), 4, 60)
    fast_values, slow_values = fast(idx), slow(idx)
    assert fast_values and set(fast_values) <= set(slow_values)
    for key, values in fast_values.items():
        np.testing.assert_allclose(values, slow_values[key], rtol=0, atol=1e-12, err_msg=key)
    stored = metric.aggregate(pages, seed=3, n_bootstrap=200)
    spread = bootstrap_std(fast, len(pages), seed=3, n_resamples=200)
    for key, std in spread.items():
        assert stored[f"{key}_std"] == std  # the very same bootstrap

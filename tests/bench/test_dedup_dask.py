"""``boilerbench dedup --executor dask``: signatures per partition, bands shuffled by key and
candidate pairs on a Dask cluster (a ``LocalCluster`` on 127.0.0.1 started here) give exactly
the clusters of the local run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_dedup_tool import planted, write_jsonl

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",
        memory_limit="2GiB",
    ) as cluster:
        yield cluster.scheduler_address


def test_dask_run_equals_the_local_run(cli, scheduler: str, tmp_path: Path) -> None:
    rows, _ = planted(n_docs=3000, groups=150, copies=2, seed=11)
    # chains and big buckets too: 300 copies of one text (one oversize bucket per band)
    rows += [{"id": f"same{i}", "text": rows[0]["text"]} for i in range(300)]
    dump = write_jsonl(tmp_path / "docs.jsonl", rows)
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    cli("dedup", "--corpus", str(dump), "--threshold", "0.6", "--write-clusters", str(local))
    done = cli(
        "dedup", "--corpus", str(dump), "--threshold", "0.6", "--write-clusters", str(remote),
        "--executor", "dask", "--scheduler", scheduler,
    )  # fmt: skip
    assert "time:" in done.stdout
    assert remote.read_text() == local.read_text()
    assert local.read_text().count('"keep": false') >= 2 * 150 + 300


def test_dask_runs_only_minhash_methods(cli, scheduler: str, tmp_path: Path) -> None:
    dump = write_jsonl(tmp_path / "docs.jsonl", planted(n_docs=10, groups=1)[0])
    done = cli(
        "dedup", "--corpus", str(dump), "--method", "simhash", "--executor", "dask",
        "--scheduler", scheduler, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "runs the MinHash methods" in done.stderr

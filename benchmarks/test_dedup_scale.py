"""De-duplication at scale and MinHash speed against rensa (pytest-benchmark; ``make
bench-speed``).

* ``dedup_1m_seconds`` / ``dedup_1m_peak_gb``: a JSONL dump of 1,000,000 generated documents
  (400 words, 5% planted near-duplicates) de-duplicated end to end by
  :func:`bench.dedup.api.dedup` with two worker processes (read, signatures streamed to disk,
  LSH, clusters). Peak memory is the main process's peak resident memory during the run plus
  twice the largest worker's. ``BOILERBENCH_DEDUP_DOCS`` makes the dump smaller (development).
* ``minhash_docs_per_s`` / ``minhash_vs_rensa``: our signatures against rensa's ``RMinHash``
  on one core from the same raw texts in the same run, Python shingling counted for both
  (rensa gets the shingles of our normaliser as bytes), the best of 5 interleaved rounds each,
  in CPU time.
  ``rensa_prehashed_vs_minhash`` in the details: rensa fed our vectorised shingle hashes
  instead (the same shingling for both).
"""

from __future__ import annotations

import json
import os
import resource
import time
from pathlib import Path

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # rensa's batch API: one core, like ours

import numpy as np
import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from test_dedup_speed import make_docs

from bench.dedup.hashing import hash_corpus
from bench.dedup.measure import rss_bytes
from bench.dedup.minhash import MinHasher, MinHashParams
from bench.dedup.normalize import iter_shingle_bytes, token_bytes

N_DOCS = int(os.environ.get("BOILERBENCH_DEDUP_DOCS", "1000000"))
WORDS = 400
DUP_SHARE = 0.05
CHUNK = 10_000
N_SPEED_DOCS = 4000
ROUNDS = 5  # minhash_vs_rensa: the best of 5 rounds of each side (CPU time), interleaved


def write_dump(path: Path, n_docs: int, seed: int = 0) -> int:
    """``n_docs`` JSONL rows ``{id, text}``: seeded Zipf-ish 400-word documents; 5% are copies
    of an earlier document of their chunk with 3 words replaced. Returns the planted count."""
    rng = np.random.default_rng(seed)
    vocab_size = 20_000
    lengths = rng.integers(2, 10, size=vocab_size)
    letters = rng.integers(0, 26, size=int(lengths.sum())) + ord("a")
    chars = "".join(map(chr, letters.tolist()))
    ends = np.cumsum(lengths)
    vocab = [chars[e - k : e] for e, k in zip(ends.tolist(), lengths.tolist(), strict=True)]
    weights = 1.0 / np.arange(1, vocab_size + 1)
    weights /= weights.sum()
    planted = 0
    with path.open("w", encoding="utf-8") as out:
        for start in range(0, n_docs, CHUNK):
            m = min(CHUNK, n_docs - start)
            words = rng.choice(vocab_size, size=(m, WORDS), p=weights)
            dup = np.flatnonzero(rng.random(m) < DUP_SHARE)
            dup = dup[dup > 0]
            src = (rng.random(dup.size) * dup).astype(np.int64)  # an earlier row of the chunk
            words[dup] = words[src]
            cols = rng.integers(0, WORDS, size=(dup.size, 3))
            words[dup[:, None], cols] = rng.integers(0, vocab_size, size=(dup.size, 3))
            planted += dup.size
            lines = [
                json.dumps({"id": f"d{start + k}", "text": " ".join(map(vocab.__getitem__, row))})
                for k, row in enumerate(words.tolist())
            ]
            out.write("\n".join(lines) + "\n")
    return planted


@pytest.fixture(scope="module")
def dump(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    path = tmp_path_factory.mktemp("dedup-scale") / "docs.jsonl"
    return path, write_dump(path, N_DOCS)


def test_dedup_one_million_documents(
    benchmark: BenchmarkFixture, dump: tuple[Path, int], figures: dict
) -> None:
    from bench.dedup.api import dedup

    path, planted = dump
    peak = [0]

    def run() -> object:
        import threading

        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(0.01):
                peak[0] = max(peak[0], rss_bytes() or 0)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            return dedup(str(path), jobs=2, s_curve=False)
        finally:
            stop.set()
            sampler.join()

    report = benchmark.pedantic(run, rounds=1, iterations=1)
    row = report.rows[0]
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    peak_gb = (peak[0] + 2 * child_kib * 1024) / 2**30
    seconds = benchmark.stats.stats.min
    assert row.documents == N_DOCS
    assert row.duplicates_removed >= 0.9 * planted  # the planted copies are found
    label = "dedup_1m" if N_DOCS == 1_000_000 else f"dedup_{N_DOCS}"
    benchmark.extra_info[f"{label}_seconds"] = round(seconds, 1)
    benchmark.extra_info[f"{label}_peak_gb"] = round(peak_gb, 2)
    benchmark.extra_info["dedup_docs"] = N_DOCS
    benchmark.extra_info["dedup_planted"] = planted
    benchmark.extra_info["dedup_removed"] = row.duplicates_removed
    benchmark.extra_info["dedup_candidate_pairs"] = row.candidate_pairs
    benchmark.extra_info["dedup_main_peak_gb"] = round(peak[0] / 2**30, 2)
    benchmark.extra_info["dedup_worker_peak_gb"] = round(child_kib / 2**20, 2)
    benchmark.extra_info["dedup_docs_per_s"] = round(N_DOCS / seconds)
    benchmark.extra_info["cpus"] = len(os.sched_getaffinity(0))
    figures.update({k: v for k, v in benchmark.extra_info.items() if k.startswith("dedup_")})


def test_minhash_against_rensa(benchmark: BenchmarkFixture, figures: dict) -> None:
    rensa = pytest.importorskip("rensa")
    docs = make_docs(N_SPEED_DOCS)
    hasher = MinHasher(MinHashParams(num_perm=128, seed=1, ngram=5))

    def ours() -> np.ndarray:
        return hasher.signatures(docs, batch_docs=512)

    def theirs() -> object:
        shingles = [list(iter_shingle_bytes(token_bytes(t), 5)) for t in docs]
        return rensa.RMinHash.digest_matrix_from_token_sets(shingles, 128, 1)

    def theirs_prehashed() -> object:
        parts = [hash_corpus(docs[s : s + 512]) for s in range(0, len(docs), 512)]
        return [
            rensa.RMinHash.digest_matrix_from_flat_token_hashes(p.hashes, p.offsets, 128, 1)
            for p in parts
        ]

    sides = {"ours": ours, "rensa": theirs, "prehashed": theirs_prehashed}
    seconds: dict[str, list[float]] = {name: [] for name in sides}

    def one_round() -> None:
        # one run of each side in turn, so that the load of a shared machine hits both alike;
        # CPU time of the process (all its threads: rensa's one rayon thread too), which time
        # spent waiting for a core on a shared machine does not inflate
        for name, fn in sides.items():
            t0 = time.process_time()
            fn()
            seconds[name].append(time.process_time() - t0)

    ours()
    theirs()  # warm both
    benchmark.pedantic(one_round, rounds=ROUNDS, iterations=1)
    ours_s, rensa_s, prehashed_s = (min(seconds[name]) for name in sides)
    benchmark.extra_info["minhash_docs_per_s"] = round(N_SPEED_DOCS / ours_s)
    benchmark.extra_info["rensa_docs_per_s"] = round(N_SPEED_DOCS / rensa_s)
    benchmark.extra_info["minhash_vs_rensa"] = round(rensa_s / ours_s, 2)
    benchmark.extra_info["rensa_prehashed_docs_per_s"] = round(N_SPEED_DOCS / prehashed_s)
    benchmark.extra_info["rensa_prehashed_vs_minhash"] = round(ours_s / prehashed_s, 2)
    benchmark.extra_info["words_per_doc"] = 400
    figures.update({k: v for k, v in benchmark.extra_info.items() if "rensa" in k})

"""Speed of the dedup engine (pytest-benchmark; not part of the normal test suite).

Run: ``.venv/bin/python -m pytest benchmarks/test_dedup_speed.py --benchmark-only -q``.
``extra_info`` records docs/s and the ratio of our vectorised signatures to datasketch's
plain per-document ``MinHash.update`` loop, measured in the same run on the same documents.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import pytest
from datasketch import MinHash
from pytest_benchmark.fixture import BenchmarkFixture

from bench.dedup.lsh import LSHIndex
from bench.dedup.minhash import MinHasher, MinHashParams
from bench.dedup.normalize import shingles

WORDS_PER_DOC = 400
N_DOCS_OURS = 4000
N_DOCS_PLAIN = 100
N_SIGS_LSH = 100_000
N_QUERIES = 10_000


def make_docs(n: int, seed: int = 0) -> list[str]:
    """Seeded random 400-word documents (Zipf-ish vocabulary, some punctuation)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(2, 10, size=20_000)
    letters = rng.integers(0, 26, size=int(lengths.sum())) + ord("a")
    chars = "".join(map(chr, letters.tolist()))
    ends = np.cumsum(lengths)
    vocab = [chars[e - k : e] for e, k in zip(ends.tolist(), lengths.tolist(), strict=True)]
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    docs = []
    for _ in range(n):
        words = rng.choice(vocab, size=WORDS_PER_DOC, p=weights).tolist()
        for k in range(11, WORDS_PER_DOC, 13):
            words[k] += ","
        docs.append(" ".join(words).capitalize() + ".")
    return docs


def plain_loop(docs: list[str]) -> list[np.ndarray]:
    """The baseline: one datasketch MinHash per document, ``update`` per shingle."""
    out = []
    for text in docs:
        m = MinHash(num_perm=128)
        for s in shingles(text):
            m.update(s.encode())
        out.append(m.hashvalues)
    return out


def batch_loop(docs: list[str]) -> list[np.ndarray]:
    """datasketch's own batch API, one ``update_batch`` call per document."""
    out = []
    for text in docs:
        m = MinHash(num_perm=128)
        m.update_batch([s.encode() for s in shingles(text)])
        out.append(m.hashvalues)
    return out


def best_rate(fn: Callable[[list[str]], object], docs: list[str], repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(docs)
        best = min(best, time.perf_counter() - t0)
    return len(docs) / best


@pytest.fixture(scope="module")
def docs() -> list[str]:
    return make_docs(N_DOCS_OURS)


@pytest.fixture(scope="module")
def plain_docs_per_s(docs: list[str]) -> float:
    return best_rate(plain_loop, docs[:N_DOCS_PLAIN])


@pytest.fixture(scope="module")
def batch_docs_per_s(docs: list[str]) -> float:
    return best_rate(batch_loop, docs[:N_DOCS_PLAIN])


def test_signatures_plain_datasketch_loop(benchmark: BenchmarkFixture, docs: list[str]) -> None:
    subset = docs[:N_DOCS_PLAIN]
    benchmark.pedantic(plain_loop, args=(subset,), rounds=3, iterations=1)
    benchmark.extra_info["docs"] = len(subset)
    benchmark.extra_info["docs_per_s"] = round(len(subset) / benchmark.stats.stats.min, 1)


def test_signatures_ours(
    benchmark: BenchmarkFixture, docs: list[str], plain_docs_per_s: float, batch_docs_per_s: float
) -> None:
    hasher = MinHasher(MinHashParams(num_perm=128, seed=1, ngram=5))
    sigs = benchmark.pedantic(hasher.signatures, args=(docs,), rounds=5, iterations=1)
    assert sigs.shape == (len(docs), 128)
    ours = len(docs) / benchmark.stats.stats.min
    benchmark.extra_info["docs"] = len(docs)
    benchmark.extra_info["words_per_doc"] = WORDS_PER_DOC
    benchmark.extra_info["docs_per_s"] = round(ours, 1)
    benchmark.extra_info["plain_loop_docs_per_s"] = round(plain_docs_per_s, 1)
    benchmark.extra_info["minhash_vs_plain_loop"] = round(ours / plain_docs_per_s, 1)
    benchmark.extra_info["update_batch_docs_per_s"] = round(batch_docs_per_s, 1)
    benchmark.extra_info["minhash_vs_update_batch"] = round(ours / batch_docs_per_s, 1)


def test_signatures_ours_legacy_scheme(
    benchmark: BenchmarkFixture, docs: list[str], plain_docs_per_s: float
) -> None:
    hasher = MinHasher(MinHashParams(scheme="legacy"))
    benchmark.pedantic(hasher.signatures, args=(docs,), rounds=3, iterations=1)
    ours = len(docs) / benchmark.stats.stats.min
    benchmark.extra_info["docs_per_s"] = round(ours, 1)
    benchmark.extra_info["minhash_vs_plain_loop"] = round(ours / plain_docs_per_s, 1)


@pytest.fixture(scope="module")
def lsh_sigs() -> np.ndarray:
    """Random signatures with 5% near-duplicates (about 90% of slots copied)."""
    rng = np.random.default_rng(1)
    sigs = rng.integers(0, 2**32, size=(N_SIGS_LSH, 128), dtype=np.uint64)
    dup = rng.choice(N_SIGS_LSH, N_SIGS_LSH // 20, replace=False)
    src = rng.integers(0, N_SIGS_LSH, dup.size)
    mask = rng.random((dup.size, 128)) < 0.9
    sigs[dup] = np.where(mask, sigs[src], sigs[dup])
    return sigs


def _build_and_pair(sigs: np.ndarray) -> int:
    index = LSHIndex(128, threshold=0.8)
    for start in range(0, len(sigs), 10_000):
        index.insert(sigs[start : start + 10_000])
    return len(index.candidate_pairs())


def test_lsh_insert_and_candidate_pairs(benchmark: BenchmarkFixture, lsh_sigs: np.ndarray) -> None:
    n_pairs = benchmark.pedantic(_build_and_pair, args=(lsh_sigs,), rounds=5, iterations=1)
    benchmark.extra_info["docs"] = len(lsh_sigs)
    benchmark.extra_info["candidate_pairs"] = n_pairs
    benchmark.extra_info["docs_per_s"] = round(len(lsh_sigs) / benchmark.stats.stats.min)


def test_lsh_query(benchmark: BenchmarkFixture, lsh_sigs: np.ndarray) -> None:
    index = LSHIndex(128, threshold=0.8)
    index.insert(lsh_sigs)
    queries = lsh_sigs[:N_QUERIES]
    index.query(queries[:10])  # build the sorted bucket arrays outside the timing
    hits = benchmark.pedantic(index.query, args=(queries,), rounds=5, iterations=1)
    assert all(i in h for i, h in enumerate(hits[:100]))
    benchmark.extra_info["indexed"] = len(lsh_sigs)
    benchmark.extra_info["queries_per_s"] = round(N_QUERIES / benchmark.stats.stats.min)

"""Near-duplicate detection: normalisation, MinHash, banding LSH, clustering and scores."""

from __future__ import annotations

from bench.dedup.clusters import UnionFind, cluster_labels, clusters
from bench.dedup.evaluate import (
    PairScores,
    adjusted_rand_index,
    false_merges,
    pairwise_scores,
    separation_auc,
)
from bench.dedup.hashing import hash32, hash64, hash_corpus, shingle_sets
from bench.dedup.lsh import (
    BucketStats,
    LSHIndex,
    candidate_probability,
    choose_bands,
    s_curve_midpoint,
)
from bench.dedup.minhash import (
    MinHasher,
    MinHashParams,
    empty_mask,
    estimate_jaccard,
    signatures,
)
from bench.dedup.normalize import normalize, shingles, tokenize
from bench.dedup.pipeline import DedupResult, find_duplicates
from bench.dedup.store import (
    SignatureFile,
    append_signatures,
    load_signatures,
    save_signatures,
)
from bench.dedup.verify import VerifiedPairs, jaccard, verify_pairs

__all__ = [
    "BucketStats",
    "DedupResult",
    "LSHIndex",
    "MinHashParams",
    "MinHasher",
    "PairScores",
    "SignatureFile",
    "UnionFind",
    "VerifiedPairs",
    "adjusted_rand_index",
    "append_signatures",
    "candidate_probability",
    "choose_bands",
    "cluster_labels",
    "clusters",
    "empty_mask",
    "estimate_jaccard",
    "false_merges",
    "find_duplicates",
    "hash32",
    "hash64",
    "hash_corpus",
    "jaccard",
    "load_signatures",
    "normalize",
    "pairwise_scores",
    "s_curve_midpoint",
    "save_signatures",
    "separation_auc",
    "shingle_sets",
    "shingles",
    "signatures",
    "tokenize",
    "verify_pairs",
]

"""De-duplication methods side by side: each sketches documents batch by batch into rows of a
numpy array, then turns all the rows into candidate pairs.

* ``exact``: XXH3-128 of the normalised text; identical normalised texts are pairs.
* ``minhash``: ours (:mod:`bench.dedup.minhash`, :mod:`bench.dedup.lsh`), also under the
  pipeline presets of :mod:`bench.dedup.presets`.
* ``datasketch``: datasketch's own ``MinHash`` (``update_batch``) and ``MinHashLSH`` with the
  same hash function, scheme, seed and threshold, so its clusters equal ``minhash``'s.
* ``rensa``: rensa's ``RMinHash`` digests (an extra: ``pip install rensa``), banded like
  rensa's ``RMinHashLSH`` (whose bands must divide ``num_perm``).
* ``simhash``: 64-bit Charikar SimHash of the shingle hashes, pairs within Hamming ``k``.

Sketch functions are picklable (frozen dataclasses), so batches can be sketched in worker
processes or on a Dask cluster. Empty documents (no shingles) are never a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

import numpy as np
import xxhash

from bench.dedup.hashing import hash32, hash64, hash_corpus, shingle_sets
from bench.dedup.lsh import LSHIndex, _band_pairs, _run_bounds, choose_bands, s_curve_midpoint
from bench.dedup.minhash import MinHasher, MinHashParams, empty_mask
from bench.dedup.normalize import char_shingles, iter_shingle_bytes, normalized_words, token_bytes

__all__ = [
    "METHODS",
    "DatasketchMethod",
    "ExactMethod",
    "Method",
    "MethodUnavailable",
    "MinHashMethod",
    "RensaMethod",
    "SimHashMethod",
    "make_method",
]

METHODS = ("exact", "minhash", "datasketch", "rensa", "simhash")


class MethodUnavailable(RuntimeError):
    """The method's library is not installed here."""


class Method(Protocol):
    """What a de-duplication method does; rows of :meth:`sketch` are independent per
    document, :meth:`candidates` sees them all."""

    name: str
    ngram: int
    unit: str

    def describe(self) -> dict[str, Any]: ...

    def sketch(self, texts: Sequence[str]) -> np.ndarray: ...

    def candidates(self, sketches: np.ndarray) -> np.ndarray: ...


def unique_pairs(parts: Sequence[np.ndarray], n: int) -> np.ndarray:
    """Sorted unique pairs ``(k, 2)`` with ``i < j`` from pair arrays in any order."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.sort(np.concatenate(parts).astype(np.int64), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    m = np.int64(max(n, 1))
    code = np.unique(pairs[:, 0] * m + pairs[:, 1])
    return np.stack((code // m, code % m), axis=1)


def _star_pairs(keys: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Every id paired with the smallest id of its key (same connected components)."""
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    starts, sizes = _run_bounds(keys)
    rep = np.repeat(ids[starts], sizes)
    keep = rep != ids
    return np.stack((rep[keep], ids[keep]), axis=1)


@dataclass(frozen=True, slots=True)
class ExactMethod:
    """Exact duplicates: equal normalised text (XXH3-128); the shingles only serve Jaccard."""

    ngram: int = 5
    unit: str = "word"
    name: str = "exact"

    def describe(self) -> dict[str, Any]:
        return {"method": self.name, "hash": "xxh3_128 of the normalised text"}

    def sketch(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 3), dtype=np.uint64)
        for k, text in enumerate(texts):
            norm = normalized_words(text)
            if norm:
                digest = xxhash.xxh3_128_intdigest(norm.encode())
                out[k] = (digest >> 64, digest & 0xFFFFFFFFFFFFFFFF, 1)
        return out

    def candidates(self, sketches: np.ndarray) -> np.ndarray:
        nonempty = np.flatnonzero(sketches[:, 2] == 1)
        if nonempty.size == 0:
            return np.zeros((0, 2), dtype=np.int64)
        _, key = np.unique(sketches[nonempty, :2], axis=0, return_inverse=True)
        return unique_pairs([_star_pairs(key.reshape(-1), nonempty)], len(sketches))


@dataclass(frozen=True, slots=True)
class MinHashMethod:
    """Our MinHash + banding LSH (bands × rows from the threshold unless given)."""

    params: MinHashParams = field(default_factory=MinHashParams)
    threshold: float = 0.8
    bands: int = 0
    rows: int = 0
    max_bucket_size: int = 256
    name: str = "minhash"
    preset: str = "ours"

    def __post_init__(self) -> None:
        if not self.bands or not self.rows:
            bands, rows = choose_bands(self.threshold, self.params.num_perm)
            object.__setattr__(self, "bands", bands)
            object.__setattr__(self, "rows", rows)

    @property
    def ngram(self) -> int:
        return self.params.ngram

    @property
    def unit(self) -> str:
        return self.params.unit

    def describe(self) -> dict[str, Any]:
        return {
            "method": self.name,
            "preset": self.preset,
            **asdict(self.params),
            "hash": self.params.hash_name,
            "threshold": self.threshold,
            "bands": self.bands,
            "rows": self.rows,
            "theoretical_threshold": round(s_curve_midpoint(self.bands, self.rows), 4),
        }

    def sketch(self, texts: Sequence[str]) -> np.ndarray:
        return MinHasher(self.params).signatures(texts)

    def index(self) -> LSHIndex:
        return LSHIndex(
            self.params.num_perm, self.bands, self.rows, max_bucket_size=self.max_bucket_size
        )

    def candidates(self, sketches: np.ndarray) -> np.ndarray:
        index = self.index()
        for start in range(0, len(sketches), 65536):  # a memory map is read a chunk at a time
            index.insert(np.asarray(sketches[start : start + 65536]))
        return index.candidate_pairs()


def _shingle_bytes(text: str, ngram: int, unit: str) -> list[bytes]:
    if unit == "char":
        return [s.encode() for s in char_shingles(text, ngram)]
    return list(iter_shingle_bytes(token_bytes(text), ngram))


@dataclass(frozen=True, slots=True)
class DatasketchMethod:
    """datasketch's ``MinHash`` + ``MinHashLSH``, with our shingles and hash function."""

    params: MinHashParams = field(default_factory=MinHashParams)
    threshold: float = 0.8
    name: str = "datasketch"

    @property
    def ngram(self) -> int:
        return self.params.ngram

    @property
    def unit(self) -> str:
        return self.params.unit

    def describe(self) -> dict[str, Any]:
        import datasketch

        bands, rows = choose_bands(self.threshold, self.params.num_perm)
        return {
            "method": self.name,
            "library": f"datasketch {datasketch.__version__}",
            **asdict(self.params),
            "threshold": self.threshold,
            "bands": bands,
            "rows": rows,
            "theoretical_threshold": round(s_curve_midpoint(bands, rows), 4),
        }

    def sketch(self, texts: Sequence[str]) -> np.ndarray:
        from datasketch import MinHash

        p = self.params
        hashfunc = hash64 if p.scheme == "affine64" else hash32
        out = np.empty((len(texts), p.num_perm), dtype=np.uint64)
        for k, text in enumerate(texts):
            m = MinHash(num_perm=p.num_perm, seed=p.seed, hashfunc=hashfunc, scheme=p.scheme)
            m.update_batch(_shingle_bytes(text, p.ngram, p.unit))
            out[k] = m.hashvalues
        return out

    def candidates(self, sketches: np.ndarray) -> np.ndarray:
        from datasketch import LeanMinHash, MinHashLSH

        p = self.params
        lsh = MinHashLSH(threshold=self.threshold, num_perm=p.num_perm)
        empty = empty_mask(np.asarray(sketches))
        keep = np.flatnonzero(~empty).tolist()
        minhashes = {}
        for i in keep:
            minhashes[i] = LeanMinHash(
                seed=p.seed, hashvalues=np.asarray(sketches[i]), scheme=p.scheme
            )
            lsh.insert(i, minhashes[i])
        found = [
            np.array([(i, j) for j in lsh.query(minhashes[i]) if j != i], dtype=np.int64)
            for i in keep
        ]
        return unique_pairs([f.reshape(-1, 2) for f in found], len(sketches))


def _banding_error(threshold: float, bands: int, rows: int) -> float:
    """False-positive + false-negative area of ``(bands, rows)`` (equal weights)."""
    s = np.linspace(0.0, 1.0, 2001)
    p = 1.0 - (1.0 - s**rows) ** bands
    below = s <= threshold
    return float(np.trapezoid(np.where(below, p, 1.0 - p), s))


@dataclass(frozen=True, slots=True)
class RensaMethod:
    """rensa's ``RMinHash`` digests, banded as rensa's ``RMinHashLSH`` bands them (documents
    whose digests agree on a whole band are candidates). ``RMinHashLSH`` needs ``bands`` to
    divide ``num_perm``, so the bands are the divisor that fits the threshold best."""

    num_perm: int = 128
    seed: int = 1
    ngram: int = 5
    unit: str = "word"
    threshold: float = 0.8
    name: str = "rensa"

    def __post_init__(self) -> None:
        try:
            import rensa  # noqa: F401
        except ImportError as exc:
            raise MethodUnavailable(
                "method 'rensa' needs the rensa package: pip install 'boilerbench[rensa]'"
            ) from exc

    @property
    def bands(self) -> int:
        divisors = [b for b in range(1, self.num_perm + 1) if self.num_perm % b == 0]
        return min(divisors, key=lambda b: _banding_error(self.threshold, b, self.num_perm // b))

    @property
    def rows(self) -> int:
        return self.num_perm // self.bands

    def describe(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "method": self.name,
            "library": f"rensa {version('rensa')}",
            "num_perm": self.num_perm,
            "seed": self.seed,
            "ngram": self.ngram,
            "unit": self.unit,
            "threshold": self.threshold,
            "bands": self.bands,
            "rows": self.rows,
            "theoretical_threshold": round(s_curve_midpoint(self.bands, self.rows), 4),
        }

    def sketch(self, texts: Sequence[str]) -> np.ndarray:
        from rensa import RMinHash

        shingles = [_shingle_bytes(t, self.ngram, self.unit) for t in texts]
        matrix = RMinHash.digest_matrix_from_token_sets(shingles, self.num_perm, self.seed)
        return np.asarray(matrix.to_rows(), dtype=np.uint64).reshape(len(texts), self.num_perm)

    def candidates(self, sketches: np.ndarray) -> np.ndarray:
        from rensa import RMinHashLSH

        sketches = np.asarray(sketches)
        keep = np.flatnonzero(~empty_mask(sketches))
        if keep.size == 0:
            return np.zeros((0, 2), dtype=np.int64)
        RMinHashLSH(self.threshold, self.num_perm, self.bands)  # rensa accepts the banding
        # its index takes its own digest objects, not rows: band the rows the same way
        index = LSHIndex(self.num_perm, self.bands, self.rows, max_bucket_size=1 << 30)
        sub = sketches[keep]
        index.insert(sub)
        local = index.candidate_pairs()
        return unique_pairs([keep[local]], len(sketches))


@dataclass(frozen=True, slots=True)
class SimHashMethod:
    """64-bit SimHash (Charikar) of a document's shingle hashes; pairs within Hamming ``k``,
    found with ``k + 1`` blocks of the fingerprint (two fingerprints within ``k`` agree on at
    least one block, Manku et al. 2007) and checked exactly."""

    ngram: int = 5
    unit: str = "word"
    k: int = 3
    max_bucket_size: int = 4096
    name: str = "simhash"

    def describe(self) -> dict[str, Any]:
        return {
            "method": self.name,
            "bits": 64,
            "max_hamming": self.k,
            "blocks": self.k + 1,
            "ngram": self.ngram,
            "unit": self.unit,
            "hash": "xxh3_64 of each shingle, one vote per occurrence",
        }

    def sketch(self, texts: Sequence[str]) -> np.ndarray:
        corpus = hash_corpus(texts, self.ngram, self.unit)
        out = np.zeros((len(texts), 2), dtype=np.uint64)
        counts = corpus.counts
        nonempty = np.flatnonzero(counts > 0)
        if nonempty.size == 0:
            return out
        ones = np.zeros((len(texts), 64), dtype=np.int64)
        starts = corpus.offsets[:-1]
        block = 65536
        weights = np.uint64(1) << np.arange(64, dtype=np.uint64)
        for w0 in range(0, corpus.hashes.size, block):
            w1 = min(w0 + block, corpus.hashes.size)
            bits = np.unpackbits(
                corpus.hashes[w0:w1].astype("<u8").view(np.uint8).reshape(-1, 8),
                axis=1,
                bitorder="little",
            )
            docs = np.searchsorted(starts, np.arange(w0, w1), side="right") - 1
            _add_rows(ones, docs, bits)
        fingerprint = ((2 * ones > counts[:, None]) * weights).sum(axis=1, dtype=np.uint64)
        out[:, 0] = fingerprint
        out[nonempty, 1] = 1
        return out

    def candidates(self, sketches: np.ndarray) -> np.ndarray:
        sketches = np.asarray(sketches)
        ids = np.flatnonzero(sketches[:, 1] == 1)
        fp = sketches[ids, 0]
        parts = []
        width = 64 // (self.k + 1)
        for b in range(self.k + 1):
            lo = b * width
            span = 64 - lo if b == self.k else width
            keys = (fp >> np.uint64(lo)) & np.uint64((1 << span) - 1)
            order = np.argsort(keys, kind="stable")
            starts, sizes = _run_bounds(keys[order])
            parts += _band_pairs(ids[order], starts, sizes, self.max_bucket_size, "star")
        pairs = unique_pairs(parts, len(sketches))
        if pairs.size == 0:
            return pairs
        dist = np.bitwise_count(sketches[pairs[:, 0], 0] ^ sketches[pairs[:, 1], 0])
        return pairs[dist <= self.k]


def _add_rows(acc: np.ndarray, docs: np.ndarray, bits: np.ndarray) -> None:
    """``acc[docs[i]] += bits[i]`` for sorted ``docs`` (a reduceat per run of equal docs)."""
    starts, _ = _run_bounds(docs)
    acc[docs[starts]] += np.add.reduceat(bits.astype(np.int64), starts, axis=0)


def make_method(
    name: str,
    *,
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    seed: int = 1,
    simhash_k: int = 3,
) -> Method:
    """A method by name, with the run's settings (presets: :func:`presets.preset_method`)."""
    params = MinHashParams(num_perm=num_perm, seed=seed, ngram=ngram)
    if name == "exact":
        return ExactMethod(ngram=ngram)
    if name == "minhash":
        return MinHashMethod(params, threshold)
    if name == "datasketch":
        return DatasketchMethod(params, threshold)
    if name == "rensa":
        return RensaMethod(num_perm, seed, ngram, "word", threshold)
    if name == "simhash":
        return SimHashMethod(ngram=ngram, k=simhash_k)
    import difflib

    close = difflib.get_close_matches(name, METHODS, n=2)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise ValueError(f"unknown method {name!r} (methods: {', '.join(METHODS)}){hint}")


def shingle_sets_of(method: Method, texts: Sequence[str]) -> list[np.ndarray]:
    """Exact shingle sets in the method's own shingling (for Jaccard)."""
    return shingle_sets(texts, method.ngram, method.unit)

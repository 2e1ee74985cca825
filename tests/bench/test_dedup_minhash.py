"""MinHash signatures: identity with datasketch, empties, reproducibility, signature files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.dedup.hashing import hash32, hash64, hash_corpus, hash_corpus_reference, shingle_sets
from bench.dedup.minhash import (
    EMPTY32,
    EMPTY64,
    MinHasher,
    MinHashParams,
    empty_mask,
    estimate_jaccard,
    mersenne_mod_low32,
    signatures,
)
from bench.dedup.normalize import shingles
from bench.dedup.store import append_signatures, load_signatures, save_signatures

SCHEMES = ("affine32", "legacy", "affine64")


def random_docs(n: int, seed: int, max_words: int = 60) -> list[str]:
    rng = np.random.default_rng(seed)
    vocab = ["".join(rng.choice(list("abcdefghij"), size=5)) for _ in range(300)]
    return [" ".join(rng.choice(vocab, size=int(k))) for k in rng.integers(0, max_words, n)]


DOCS = [
    *random_docs(40, seed=7),
    "",
    "!!!",
    "two words",
    "日本語のテキストです。東京タワーは高い。" * 3,
    "Ünïcödé, punctuation; and CASE.",
]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("window", [5, None])
def test_signatures_equal_datasketch(scheme: str, window: int | None) -> None:
    params = MinHashParams(num_perm=64, seed=42, ngram=3, scheme=scheme)  # type: ignore[arg-type]
    hasher = MinHasher(params, window=window)
    sigs = hasher.signatures(DOCS, batch_docs=7)
    assert sigs.dtype == np.uint64 and sigs.shape == (len(DOCS), 64)
    hashfunc = hash64 if scheme == "affine64" else hash32
    for row, text in zip(sigs, DOCS, strict=True):
        m = MinHash(num_perm=64, seed=42, hashfunc=hashfunc, scheme=scheme)
        m.update_batch([s.encode() for s in shingles(text, 3)])
        np.testing.assert_array_equal(row, m.hashvalues.astype(np.uint64))


def test_signatures_equal_plain_datasketch_update_loop() -> None:
    hasher = MinHasher()  # defaults: num_perm=128, seed=1, ngram=5, affine32
    sigs = hasher.signatures(DOCS[:8])
    for row, text in zip(sigs, DOCS[:8], strict=True):
        m = MinHash(num_perm=128, seed=1, hashfunc=hash32)
        for s in shingles(text):
            m.update(s.encode())
        np.testing.assert_array_equal(row, m.hashvalues.astype(np.uint64))
        assert hasher.datasketch_minhash().jaccard(m) <= 1.0  # same scheme/seed: comparable


def test_pinned_hash_is_xxh3_64() -> None:
    # xxh3_64(b"") is 0x2D06800538D394C2 (xxHash reference); hash32 keeps its low 32 bits.
    assert hash64(b"") == 0x2D06800538D394C2
    assert hash32(b"") == 0x38D394C2
    assert MinHashParams().hash_name == "xxh3_64_low32"
    assert MinHashParams(scheme="affine64").hash_name == "xxh3_64"


def test_empty_documents_get_max_signature_and_are_flagged() -> None:
    texts = ["", "  ", "...", "real words here", ""]
    for scheme, value in (("affine32", EMPTY32), ("legacy", EMPTY32), ("affine64", EMPTY64)):
        sigs = signatures(texts, num_perm=32, scheme=scheme)  # type: ignore[arg-type]
        assert (sigs[[0, 1, 2, 4]] == np.uint64(value)).all()
        np.testing.assert_array_equal(empty_mask(sigs), [True, True, True, False, True])
        ds = MinHash(num_perm=32, scheme=scheme)
        np.testing.assert_array_equal(sigs[0], ds.hashvalues.astype(np.uint64))


def test_signatures_from_shingles_and_corpus_agree() -> None:
    hasher = MinHasher(MinHashParams(num_perm=32, ngram=2))
    expected = hasher.signatures(DOCS)
    from_shingles = hasher.signatures_from_shingles(shingles(t, 2) for t in DOCS)
    np.testing.assert_array_equal(expected, from_shingles)
    corpus = hash_corpus(DOCS, ngram=2)
    assert len(corpus) == len(DOCS)
    assert corpus.counts.tolist() == [len(shingles(t, 2)) for t in DOCS]
    np.testing.assert_array_equal(expected, hasher.signatures_from_corpus(corpus))
    assert hasher.signatures([]).shape == (0, 32)


def test_reproducible_and_seed_dependent() -> None:
    docs = random_docs(50, seed=3)
    a = signatures(docs, seed=5)
    b = signatures(list(docs), seed=5)
    np.testing.assert_array_equal(a, b)
    c = signatures(docs, seed=6)
    nonempty = ~empty_mask(a)
    assert (a[nonempty] != c[nonempty]).any(axis=1).all()


def test_estimate_jaccard_tracks_exact_jaccard() -> None:
    rng = np.random.default_rng(11)
    base = [f"w{i}" for i in rng.permutation(10_000)[:600]]
    other = base[:450] + [f"x{i}" for i in range(150)]
    texts = [" ".join(base), " ".join(other)]
    sets = shingle_sets(texts, ngram=1)
    exact = np.intersect1d(sets[0], sets[1]).size / np.union1d(sets[0], sets[1]).size
    sigs = signatures(texts, num_perm=512, ngram=1)
    est = float(estimate_jaccard(sigs, [(0, 1)])[0])
    assert abs(est - exact) < 4 * np.sqrt(exact * (1 - exact) / 512)


def test_invalid_params() -> None:
    with pytest.raises(ValueError):
        MinHashParams(num_perm=0)
    with pytest.raises(ValueError):
        MinHashParams(ngram=0)
    with pytest.raises(ValueError):
        MinHashParams(scheme="sha1")  # type: ignore[arg-type]


def test_save_load_round_trip_and_append(tmp_path: Path) -> None:
    params = MinHashParams(num_perm=16, seed=9, ngram=3)
    hasher = MinHasher(params)
    first = hasher.signatures(DOCS[:10])
    npy, sidecar = save_signatures(tmp_path / "sigs", first, params, [f"d{i}" for i in range(10)])
    assert npy.name == "sigs.npy" and sidecar.name == "sigs.json"
    meta = json.loads(sidecar.read_text())
    assert meta["hash"] == "xxh3_64_low32" and meta["num_perm"] == 16 and meta["ngram"] == 3
    loaded = load_signatures(tmp_path / "sigs.npy")
    np.testing.assert_array_equal(loaded.signatures, first)
    assert loaded.params == params
    assert loaded.doc_ids == tuple(f"d{i}" for i in range(10))

    second = hasher.signatures(DOCS[10:15])
    append_signatures(tmp_path / "sigs", second, params, [f"d{i}" for i in range(10, 15)])
    both = load_signatures(tmp_path / "sigs")
    np.testing.assert_array_equal(both.signatures, hasher.signatures(DOCS[:15]))
    assert both.doc_ids[-1] == "d14"

    with pytest.raises(ValueError, match="differ"):
        append_signatures(tmp_path / "sigs", second, MinHashParams(num_perm=16), ["x"] * 5)
    with pytest.raises(ValueError, match="unique"):
        save_signatures(tmp_path / "dup", first[:2], params, ["a", "a"])
    meta["hash"] = "sha1_hash32"
    sidecar.write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="hash"):
        load_signatures(tmp_path / "sigs")


def test_mersenne_reduction_matches_modulo_on_edge_values() -> None:
    p = (1 << 61) - 1
    edge = [0, 1, p - 1, p, p + 1, 2 * p, 2 * p + 5, (1 << 61), (1 << 64) - 1, (1 << 64) - 2]
    rng = np.random.default_rng(0)
    values = edge + [int(v) for v in rng.integers(0, 2**63, 1000, dtype=np.uint64) * 2 + 1]
    values += [p * k + d for k in range(1, 8) for d in range(-3, 4) if 0 <= p * k + d < 1 << 64]
    x = np.array(values, dtype=np.uint64)
    mersenne_mod_low32(x, np.empty_like(x))
    assert x.tolist() == [(v % p) & 0xFFFFFFFF for v in values]


@pytest.mark.parametrize(("unit", "ngram"), [("word", 1), ("word", 3), ("word", 5), ("char", 4)])
def test_vectorised_shingle_hashes_equal_the_plain_path(unit: str, ngram: int) -> None:
    texts = [
        *DOCS,
        "a  b\tc\n d",
        " lead and trail ",
        "\u3000全角 space\u2028sep",
        "x\x1cy",
        "ﬁne Straße",
        "กินข้าว",
        "東京タワー abc",
        "",
        "word " * 80,  # shingles longer than 240 bytes at ngram=5 do not occur; long words do
        "x" * 300 + " tail",
    ]
    fast, plain = hash_corpus(texts, ngram, unit), hash_corpus_reference(texts, ngram, unit)
    np.testing.assert_array_equal(fast.offsets, plain.offsets)
    np.testing.assert_array_equal(fast.hashes, plain.hashes)


def test_vectorised_xxh3_equals_the_library_for_every_length() -> None:
    import xxhash

    from bench.dedup.xxh3 import xxh3_64_ranges

    rng = np.random.default_rng(3)
    data = [bytes(rng.integers(0, 256, n, dtype=np.uint8)) for n in list(range(300)) * 3]
    lengths = np.array([len(d) for d in data])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    buf = np.frombuffer(b"".join(data), dtype=np.uint8)
    got = xxh3_64_ranges(buf, starts, starts + lengths)
    np.testing.assert_array_equal(got, [xxhash.xxh3_64_intdigest(d) for d in data])


# Characters the fast paths treat specially: ASCII punctuation (deleted), every ASCII
# whitespace and the U+001C-U+001F separators (spaces), upper case, a soft hyphen and a
# zero-width space (deleted), NBSP and U+3000 (whitespace outside ASCII), a ligature (NFKC),
# combining marks, CJK and Thai (one token per character).
_TRICKY = "aZ09 .,;-'!?_(\t\n\r\x0b\x0c\x1c\x1f\xad\u200b\xa0\u3000ﬁßÉe\u0301東京กิ"
_TEXTS = st.lists(st.text(alphabet=_TRICKY, max_size=60), max_size=8)


@settings(max_examples=150, deadline=None)
@given(_TEXTS, st.integers(1, 6), st.sampled_from(["word", "char"]))
def test_vectorised_shingle_hashes_equal_the_plain_path_on_any_text(
    texts: list[str], ngram: int, unit: str
) -> None:
    fast, plain = hash_corpus(texts, ngram, unit), hash_corpus_reference(texts, ngram, unit)
    np.testing.assert_array_equal(fast.offsets, plain.offsets)
    np.testing.assert_array_equal(fast.hashes, plain.hashes)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("window", [1, 4, 32, None])
def test_signatures_of_batches_equal_the_plain_path(scheme: str, window: int | None) -> None:
    # documents of 0 to 600 words, so that groups of documents, documents longer than the
    # work array and empty documents between them all occur, in batches of several sizes
    rng = np.random.default_rng(5)
    texts = [" ".join(f"w{k}" for k in rng.integers(0, 50, n)) for n in [0, 2, 600, 0, 7, 90]]
    texts += random_docs(30, seed=8, max_words=120)
    params = MinHashParams(num_perm=16, seed=4, ngram=3, scheme=scheme)  # type: ignore[arg-type]
    hasher = MinHasher(params, window=window)
    expected = hasher.signatures_from_corpus(hash_corpus_reference(texts, 3))
    for batch_docs in (1, 5, 1000):
        np.testing.assert_array_equal(hasher.signatures(texts, batch_docs), expected)


def test_vectorised_xxh3_equals_the_library_for_spans_anywhere() -> None:
    # more spans than one block, in any order, overlapping, at the buffer's first and last byte
    import xxhash

    from bench.dedup.xxh3 import xxh3_64_ranges

    rng = np.random.default_rng(4)
    buf = rng.integers(0, 256, 5000, dtype=np.uint8)
    lengths = np.concatenate((rng.integers(0, 260, 9000), [0, 5, 40, 5000, 0, 3, 17, 300]))
    starts = rng.integers(0, 5001 - lengths)
    starts[-8:] = [0, 0, 0, 0, 5000, 4997, 4983, 4700]
    got = xxh3_64_ranges(buf, starts, starts + lengths)
    expected = [
        xxhash.xxh3_64_intdigest(buf[a : a + k].tobytes())
        for a, k in zip(starts, lengths, strict=True)
    ]
    np.testing.assert_array_equal(got, expected)

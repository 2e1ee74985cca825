"""MinHash settings named after the pipelines people run, read from their current code.

Each preset fixes shingles, permutations (bands × rows), hash width and seed; normalisation
and the shingle hash stay ours (NFKC, casefold, no punctuation; XXH3), so a preset reproduces a
pipeline's *parameters*, not its tokeniser. Sources (file, version) are cited in docs/dedup.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.dedup.lsh import s_curve_midpoint
from bench.dedup.methods import MinHashMethod
from bench.dedup.minhash import MinHashParams, Scheme, Unit

__all__ = ["PRESETS", "Preset", "preset_method"]


@dataclass(frozen=True, slots=True)
class Preset:
    """One pipeline's MinHash parameters and where they come from."""

    name: str
    ngram: int
    unit: Unit
    bands: int  # 0: chosen from the threshold (datasketch's optimisation)
    rows: int
    num_perm: int
    scheme: Scheme
    seed: int
    threshold: float
    source: str

    def method(self, threshold: float | None = None) -> MinHashMethod:
        params = MinHashParams(self.num_perm, self.seed, self.ngram, self.scheme, self.unit)
        return MinHashMethod(
            params,
            self.threshold if threshold is None else threshold,
            self.bands,
            self.rows,
            name=f"minhash[{self.name}]",
            preset=self.name,
        )

    @property
    def theoretical_threshold(self) -> float:
        method = self.method()
        return s_curve_midpoint(method.bands, method.rows)


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "ours", 5, "word", 0, 0, 128, "affine32", 1, 0.8,
            "boilerbench defaults (datasketch's scheme and band optimisation)",
        ),
        Preset(
            "datatrove", 5, "word", 14, 8, 112, "affine64", 1, 0.72,
            "datatrove src/datatrove/pipeline/dedup/minhash.py MinhashConfig "
            "(n_grams=5, num_buckets=14, hashes_per_bucket=8, seed=1; "
            "utils/hashing.py HashConfig precision=64)",
        ),
        Preset(
            "nemo", 24, "char", 20, 13, 260, "affine32", 42, 0.8,
            "NeMo Curator nemo_curator/stages/deduplication/fuzzy/workflow.py "
            "FuzzyDeduplicationWorkflow (char_ngrams=24, num_bands=20, minhashes_per_band=13, "
            "use_64_bit_hash=False, seed=42)",
        ),
        Preset(
            "text-dedup", 5, "word", 0, 0, 240, "legacy", 42, 0.7,
            "text-dedup configs/minhash.toml + src/text_dedup/config/algorithms/minhash.py "
            "(num_perm=240, threshold=0.7, ngram_size=5, hash_bits=64: (a·h+b) mod 2^61-1 "
            "& 2^32-1, bands/rows from datasketch's optimisation, seed=42)",
        ),
    )
}  # fmt: skip


def preset_method(name: str, threshold: float | None = None) -> MinHashMethod:
    """The MinHash method of a preset (``threshold`` overrides the preset's own)."""
    if name not in PRESETS:
        import difflib

        close = difflib.get_close_matches(name, PRESETS, n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ValueError(f"unknown preset {name!r} (presets: {', '.join(PRESETS)}){hint}")
    return PRESETS[name].method(threshold)

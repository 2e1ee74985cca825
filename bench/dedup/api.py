"""``boilerbench.dedup(...)``: de-duplicate a text dump, or benchmark methods, presets and
clustering choices on a corpus with gold duplicate groups. ``boilerbench dedup`` is a thin
layer over :func:`dedup`; see docs/dedup.md.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bench.dedup.clustering import CLUSTERINGS, JaccardOracle, cluster
from bench.dedup.documents import Documents, DocumentSource, looks_like_text_table, parse_source
from bench.dedup.evaluate import adjusted_rand_index, pairwise_scores, separation_auc
from bench.dedup.measure import Measured
from bench.dedup.methods import (
    DatasketchMethod,
    Method,
    MethodUnavailable,
    MinHashMethod,
    make_method,
    shingle_sets_of,
)
from bench.dedup.minhash import estimate_jaccard
from bench.dedup.run import Sketched, Source, default_workdir, sketch_all, texts_at
from bench.dedup.scurve import gold_pairs, measured_s_curve

if TYPE_CHECKING:
    import pandas as pd

    from corpora.corpus import Corpus

__all__ = ["NO_GOLD", "DedupReport", "DedupRow", "dedup"]

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
NO_GOLD = "no gold duplicate groups in this corpus"
RAW = "everything"  # html-text: all visible text of the page, the "no extraction" baseline
RAW_LABEL = f"raw ({RAW})"
TOP_CLUSTERS = 5


@dataclass(frozen=True, slots=True)
class GoldScores:
    """Scores of one clustering against gold duplicate groups."""

    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    gold_pairs: int
    ari: float
    false_merges: int  # document pairs clustered together across gold groups


@dataclass(frozen=True, slots=True)
class DedupRow:
    """One text source × method × clustering: what it found, how fast, and (with gold) how
    well."""

    text: str
    method: str
    clustering: str
    settings: dict[str, Any]
    documents: int
    empty: int
    candidate_pairs: int
    clusters: int
    duplicate_clusters: int
    duplicates_removed: int
    largest_cluster: int
    seconds: float
    docs_per_s: float
    peak_memory_mb: float | None
    gold: GoldScores | None = None
    separation_auc: float | None = None
    s_curve: dict[str, Any] | None = None
    top_clusters: tuple[tuple[int, tuple[str, ...]], ...] = ()

    @property
    def label(self) -> str:
        return " · ".join(x for x in (self.text, self.method, self.clustering) if x)

    def to_dict(self, label: str | None = None) -> dict[str, Any]:
        """JSON row; ``extractor`` (its ``label``), ``pairwise``, ``ari``, ``false_merges``,
        ``clusters`` and ``empty_texts`` are the keys run reports read (no gold: no scores)."""
        row: dict[str, Any] = {
            "extractor": label or self.label,
            "text": self.text,
            "method": self.method,
            "clustering": self.clustering,
            "settings": self.settings,
            "n_pages": self.documents,
            "documents": self.documents,
            "empty_texts": self.empty,
            "candidate_pairs": self.candidate_pairs,
            "clusters": self.clusters,
            "duplicate_clusters": self.duplicate_clusters,
            "duplicates_removed": self.duplicates_removed,
            "largest_cluster": self.largest_cluster,
            "seconds": round(self.seconds, 4),
            "docs_per_s": round(self.docs_per_s, 1),
            "peak_memory_mb": _round(self.peak_memory_mb, 1),
            "top_clusters": [{"size": s, "ids": list(ids)} for s, ids in self.top_clusters],
        }
        if self.gold is not None:
            g = self.gold
            row["pairwise"] = {
                "precision": g.precision,
                "recall": g.recall,
                "f1": g.f1,
                "true_pairs": g.true_pairs,
                "predicted_pairs": g.predicted_pairs,
                "gold_pairs": g.gold_pairs,
            }
            row["ari"] = g.ari
            row["false_merges"] = g.false_merges
            row["separation_auc"] = self.separation_auc
        if self.s_curve is not None:
            row["s_curve"] = self.s_curve
        return row


@dataclass(frozen=True)
class DedupReport:
    """Every row of a de-duplication, with what the input was and whether it had gold."""

    corpus: str
    documents: int
    has_gold: bool
    rows: tuple[DedupRow, ...]
    settings: dict[str, Any]
    skipped: tuple[str, ...] = ()
    written: dict[str, str] = field(default_factory=dict)

    @property
    def no_gold_reason(self) -> str | None:
        return None if self.has_gold else NO_GOLD

    def table(self) -> pd.DataFrame:
        """One row per (text, method, clustering); score columns only with gold."""
        import pandas as pd

        records = []
        for row in self.rows:
            record: dict[str, Any] = {
                "text": row.text,
                "method": row.method,
                "clustering": row.clustering,
                "documents": row.documents,
                "clusters": row.clusters,
                "duplicates_removed": row.duplicates_removed,
                "largest_cluster": row.largest_cluster,
                "docs_per_s": row.docs_per_s,
                "peak_memory_mb": row.peak_memory_mb,
            }
            if row.gold is not None:
                record.update(
                    precision=row.gold.precision,
                    recall=row.gold.recall,
                    f1=row.gold.f1,
                    ari=row.gold.ari,
                    false_merges=row.gold.false_merges,
                )
            records.append(record)
        return pd.DataFrame(records)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "corpus": self.corpus,
            "documents": self.documents,
            "gold": self.has_gold,
            "no_gold_reason": self.no_gold_reason,
            "settings": self.settings,
            "skipped": list(self.skipped),
            "written": self.written,
            "results": [row.to_dict(self._label(row)) for row in self.rows],
        }

    def _label(self, row: DedupRow) -> str:
        """The row's text, method and clustering, each only if it differs between rows."""
        parts = [
            value
            for key, value in (
                ("text", row.text),
                ("method", row.method),
                ("clustering", row.clustering),
            )
            if len({getattr(r, key) for r in self.rows}) > 1
        ]
        return " · ".join(parts) or row.text


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return list(value)


def _methods(
    names: Sequence[str],
    presets: Sequence[str],
    settings: dict[str, Any],
    warn: Callable[[str], None],
) -> tuple[list[Method], list[str]]:
    from bench.dedup.presets import preset_method

    methods: list[Method] = []
    skipped: list[str] = []
    for name in names:
        try:
            methods.append(make_method(name, **settings))
        except MethodUnavailable as exc:
            warn(f"skipping {name}: {exc}")
            skipped.append(f"{name}: {exc}")
    for name in presets:
        methods.append(preset_method(name))
    return methods, skipped


def _html_texts(
    corpus: str | Corpus | None,
    extractors: Sequence[str],
    raw: bool,
    run: str | Path | None,
    out: str | Path | None,
    jobs: int,
) -> tuple[str, list[tuple[str, Documents]]]:
    """Extract the corpus (or reuse ``run``) and return one :class:`Documents` per text."""
    from bench import runner
    from bench.dedup.corpus_scores import site_of
    from bench.store import RunStore
    from corpora.corpus import Corpus as CorpusType
    from corpora.registry import open_corpus

    opened = corpus if isinstance(corpus, CorpusType) else None
    names = tuple(dict.fromkeys(((RAW,) if raw else ()) + tuple(extractors)))
    if run is not None:
        store = RunStore(Path(run))
        manifest = store.read_manifest()
        if opened is None:
            from bench.api import open_corpus_spec, reopen_corpus

            opened = (
                open_corpus_spec(str(corpus))[0]
                if corpus is not None
                else reopen_corpus(manifest)[0]
            )
        if opened.checksum() != manifest.corpus.checksum:
            raise runner.RunError(f"run {run} was made on another corpus than {opened.name}")
        ran = [e.name for e in manifest.extractors]
        missing = [n for n in names if n not in ran]
        if missing:
            raise runner.RunError(
                f"run {store.root} has no outputs of {', '.join(missing)} (it ran {', '.join(ran)})"
            )
    else:
        from bench.api import evaluate

        opened = opened or open_corpus(str(corpus))
        result = evaluate(opened, list(names), out=out, jobs=jobs, cache=True)
        store = RunStore(result.path if not isinstance(result, list) else result[0].path)
    pages = opened.pages
    groups = tuple(p.gold.dup_group if p.gold is not None else None for p in pages)
    templates = tuple(site_of(p) for p in pages)
    docs = []
    for name in names:
        outputs = store.outputs(name)
        texts = tuple(outputs.get(p.id, "") for p in pages)
        label = RAW_LABEL if name == RAW else name
        docs.append((label, Documents(label, tuple(p.id for p in pages), texts, groups, templates)))
    return opened.name, docs


def _has_gold(groups: Sequence[str | None] | None) -> bool:
    return groups is not None and Documents("", (), (), tuple(groups)).has_gold


def _top(labels: np.ndarray, ids: Sequence[str]) -> tuple[tuple[int, tuple[str, ...]], ...]:
    sizes = np.bincount(labels, minlength=len(labels))
    order = np.argsort(-sizes, kind="stable")[:TOP_CLUSTERS]
    out = []
    for root in order.tolist():
        if sizes[root] < 2:
            break
        members = np.flatnonzero(labels == root)[:3]
        out.append((int(sizes[root]), tuple(ids[m] for m in members.tolist())))
    return tuple(out)


def _score_rows(
    text_label: str,
    method: Method,
    sketched: Sketched,
    pairs: np.ndarray,
    base_seconds: float,
    base_peak: float | None,
    strategies: Sequence[str],
    threshold: float,
    oracle: JaccardOracle,
    with_s_curve: bool,
) -> list[DedupRow]:
    n = len(sketched)
    groups = sketched.groups
    gold = _has_gold(groups)
    rows = []
    empty = sketched.empty if sketched.empty is not None else _empty_count(method, sketched)
    s_curve = None
    if gold and with_s_curve:
        assert groups is not None
        bands = getattr(method, "bands", None)
        rows_ = getattr(method, "rows", None)
        s_curve = measured_s_curve(gold_pairs(groups), pairs, oracle, n, bands, rows_)
    auc = None
    signatures = isinstance(method, MinHashMethod | DatasketchMethod)
    if gold and signatures and sketched.templates and sketched.sketches.shape[1]:
        from bench.dedup.corpus_scores import separation_pairs_of

        same, diff = separation_pairs_of(groups, sketched.templates, 1)
        if same and diff:
            sigs = np.asarray(sketched.sketches)
            auc = separation_auc(
                estimate_jaccard(sigs, np.asarray(same)), estimate_jaccard(sigs, np.asarray(diff))
            )
    for strategy in strategies:
        with Measured() as m:
            clustered = cluster(n, pairs, strategy, threshold, oracle)
        labels = clustered.labels
        seconds = base_seconds + m.seconds
        sizes = np.bincount(labels, minlength=n)
        n_clusters = int(np.count_nonzero(sizes))
        scores = None
        if gold:
            p = pairwise_scores(labels, groups)
            scores = GoldScores(
                p.precision,
                p.recall,
                p.f1,
                p.true_pairs,
                p.predicted_pairs,
                p.gold_pairs,
                adjusted_rand_index(labels, groups),
                p.predicted_pairs - p.true_pairs,
            )
        peaks = [x for x in (base_peak, m.peak_mb) if x is not None]
        rows.append(
            DedupRow(
                text=text_label,
                method=method.name,
                clustering=strategy,
                settings=method.describe(),
                documents=n,
                empty=empty,
                candidate_pairs=len(pairs),
                clusters=n_clusters,
                duplicate_clusters=int(np.count_nonzero(sizes >= 2)),
                duplicates_removed=n - n_clusters,
                largest_cluster=int(sizes.max()) if n else 0,
                seconds=seconds,
                docs_per_s=n / seconds if seconds > 0 else float("inf"),
                peak_memory_mb=max(peaks) if peaks else None,
                gold=scores,
                separation_auc=auc,
                s_curve=s_curve,
                top_clusters=_top(labels, sketched.ids),
            )
        )
    return rows


def _empty_count(method: Method, sketched: Sketched) -> int:
    from bench.dedup.methods import ExactMethod, SimHashMethod
    from bench.dedup.minhash import empty_mask

    sketches = sketched.sketches
    if isinstance(method, ExactMethod):
        return int(np.count_nonzero(np.asarray(sketches)[:, 2] == 0))
    if isinstance(method, SimHashMethod):
        return int(np.count_nonzero(np.asarray(sketches)[:, 1] == 0))
    total = 0
    for start in range(0, len(sketches), 65536):
        total += int(np.count_nonzero(empty_mask(np.asarray(sketches[start : start + 65536]))))
    return total


def _run_method(
    method: Method,
    source: Source,
    jobs: int,
    workdir: Path,
    executor: str,
    scheduler: str | None,
) -> tuple[Sketched, np.ndarray, float, float | None]:
    """Sketches, candidate pairs, seconds and peak memory of one method on one input."""
    with Measured() as m:
        if executor == "dask":
            from bench.dedup.dask_run import dask_candidates

            if not isinstance(method, MinHashMethod):
                raise ValueError(
                    f"--executor dask runs the MinHash methods (minhash and presets), "
                    f"not {method.name}"
                )
            if not scheduler:
                raise ValueError("--executor dask needs --scheduler ADDRESS")
            ids, pairs, empty = dask_candidates(method, source, scheduler)
            # gold columns come from a light local pass (no signatures kept here)
            sketched = _columns_only(source, ids, empty)
        else:
            sketched = sketch_all(method, source, jobs, workdir)
            pairs = method.candidates(sketched.sketches)
    return sketched, pairs, m.seconds, m.peak_mb


def _columns_only(source: Source, ids: list[str], empty: int) -> Sketched:
    groups: list[str | None] = []
    templates: list[str | None] = []
    any_group = any_template = False
    for batch in source.batches():
        groups += batch.groups or [None] * len(batch)
        templates += batch.templates or [None] * len(batch)
        any_group |= batch.groups is not None
        any_template |= batch.templates is not None
    return Sketched(
        np.zeros((len(ids), 0), dtype=np.uint64),
        ids,
        groups if any_group else None,
        templates if any_template else None,
        empty,
    )


def dedup(
    corpus: str | Corpus | Documents | Sequence[str] | None = None,
    *,
    methods: str | Sequence[str] | None = None,
    presets: str | Sequence[str] | None = None,
    clustering: str | Sequence[str] = "candidates",
    extractors: str | Sequence[str] | None = None,
    raw: bool = True,
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    seed: int = 1,
    simhash_k: int = 3,
    text_field: str = "text",
    id_field: str = "id",
    jobs: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    run: str | Path | None = None,
    out: str | Path | None = None,
    write_clusters: str | Path | None = None,
    write_kept: str | Path | None = None,
    s_curve: bool = True,
    on_warning: Callable[[str], None] | None = None,
) -> DedupReport:
    """De-duplicate ``corpus`` with each method (default ``minhash``) and preset, clustered
    each way in ``clustering`` (``candidates``, ``verified``, ``guarded`` or ``all``).

    ``corpus``: a JSONL/CSV/Parquet file of text rows (``id``, ``text``; streamed), a list
    of texts, :class:`Documents`, or an HTML corpus spec (``builtin``, ``aeb:PATH``...) whose
    pages are extracted first by ``extractors`` (plus the raw visible text unless
    ``raw=False``; ``run`` reuses an earlier run's outputs). Scores against gold duplicate
    groups appear only when the input has them. ``write_clusters`` / ``write_kept`` write the
    first method's decision (JSONL, or Parquet by extension).
    """
    warn = on_warning or (lambda message: logger.warning("%s", message))
    strategies = list(CLUSTERINGS) if clustering == "all" else _as_list(clustering)
    for strategy in strategies:
        if strategy not in CLUSTERINGS:
            raise ValueError(f"unknown clustering {strategy!r} (choose from {CLUSTERINGS})")
    names = _as_list(methods)
    preset_names = _as_list(presets)
    if not names and not preset_names:
        names = ["minhash"]
    settings = {
        "threshold": threshold,
        "num_perm": num_perm,
        "ngram": ngram,
        "seed": seed,
        "simhash_k": simhash_k,
    }
    chosen, skipped = _methods(names, preset_names, settings, warn)
    if not chosen:
        raise ValueError("no method to run: " + "; ".join(skipped))
    extractor_names = _as_list(extractors)
    source_doc: DocumentSource | None = None
    if isinstance(corpus, Documents):
        name, inputs = corpus.name, [("text", corpus)]
    elif isinstance(corpus, Sequence) and not isinstance(corpus, str):
        texts = tuple(corpus)
        docs = Documents("texts", tuple(str(i) for i in range(len(texts))), texts)
        name, inputs = "texts", [("text", docs)]
    elif (
        isinstance(corpus, str)
        and run is None
        and not extractor_names
        and looks_like_text_table(corpus, text_field)
    ):
        source_doc = parse_source(corpus, text_field, id_field)
        name, inputs = source_doc.name, [("text", source_doc)]
    else:
        if not extractor_names and not raw:
            raise ValueError("an HTML corpus needs extractors (or raw=True) to give texts")
        spec = corpus if run is not None else (corpus or "builtin")
        name, inputs = _html_texts(spec, extractor_names, raw, run, out, jobs)
    workdir = default_workdir()
    rows: list[DedupRow] = []
    written: dict[str, str] = {}
    any_gold = False
    n_docs = 0
    try:
        for text_label, source in inputs:
            for method in chosen:
                sketched, pairs, seconds, peak = _run_method(
                    method, source, jobs, workdir, executor, scheduler
                )
                n_docs = len(sketched)
                any_gold |= _has_gold(sketched.groups)
                oracle = JaccardOracle(_sets_of(method, source))
                new_rows = _score_rows(
                    text_label,
                    method,
                    sketched,
                    pairs,
                    seconds,
                    peak,
                    strategies,
                    threshold,
                    oracle,
                    s_curve,
                )
                if not rows and (write_clusters or write_kept):
                    labels = cluster(len(sketched), pairs, strategies[0], threshold, oracle).labels
                    written |= _write(write_clusters, write_kept, sketched, labels, source)
                rows += new_rows
                del sketched
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return DedupReport(
        corpus=name,
        documents=n_docs,
        has_gold=any_gold,
        rows=tuple(rows),
        settings={**settings, "clustering": strategies, "executor": executor},
        skipped=tuple(skipped),
        written=written,
    )


def _sets_of(method: Method, source: Source) -> Callable[[Sequence[int]], list[np.ndarray]]:
    def sets_of(indices: Sequence[int]) -> list[np.ndarray]:
        if isinstance(source, Documents):
            texts = [source.texts[i] for i in indices]
        else:
            texts = texts_at(source, indices)
        return shingle_sets_of(method, texts)

    return sets_of


def _write(
    clusters_path: str | Path | None,
    kept_path: str | Path | None,
    sketched: Sketched,
    labels: np.ndarray,
    source: Source,
) -> dict[str, str]:
    from bench.dedup.output import kept_mask, write_clusters, write_kept

    written = {}
    if clusters_path:
        written["clusters"] = str(write_clusters(Path(clusters_path), sketched.ids, labels))
    if kept_path:
        texts = source.texts if isinstance(source, Documents) else None
        disk = source if isinstance(source, DocumentSource) else None
        path = write_kept(Path(kept_path), disk, sketched.ids, texts, kept_mask(labels))
        written["kept"] = str(path)
    return written

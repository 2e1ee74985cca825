"""``structure``: what an extractor keeps of headings, paragraphs, lists, tables, code and
quotes, scored deterministically per block type (docs/metrics.md, "Structure").

The output (text, markdown or HTML by its extractor's output kind) and the page's structured
gold (``Gold.structure`` in HTML or markdown, or CleanEval's markers) are parsed into typed
blocks (:mod:`bench.structure`) and aligned in order, one to one: two blocks pair when their
types agree and the token F1 of their texts is at least 0.8 (:mod:`bench.structure.align`).
Per block type the gold has: precision (paired ÷ output blocks of that type), recall (paired ÷
gold blocks) and F1; ``structure_f1`` is the mean F1 over the types the gold has.
``heading_level_accuracy``: the share of paired headings whose levels agree. Tables: cell F1
over ``(row, column, text)`` triples and TEDS (:mod:`bench.structure.tables`). Code: the
share of paired code blocks equal after trimming line ends, and their normalised Levenshtein
similarity. A page whose gold has no markup has no score (not a zero). Every corpus figure is
the mean over the pages where the page value exists, with seeded bootstrap deviations.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from rapidfuzz.distance import Levenshtein

from bench.metrics.base import FieldInfo, MetricInfo, Statistic
from bench.metrics.bootstrap import replicates
from bench.structure import align, gold_blocks, parse
from bench.structure.blocks import CODE, HEADING, TABLE, TYPES, Block, normalize_code
from bench.structure.tables import cell_counts, pair_tables, teds
from corpora.page import Gold

NAME = "structure"
HEADLINE = "structure_f1"
_TYPE_WORDS = {
    "heading": "headings",
    "paragraph": "paragraphs",
    "list": "list items",
    "table": "tables",
    "code": "code blocks",
    "quote": "block quotes",
}


def _f1_field(kind: str) -> FieldInfo:
    return FieldInfo(
        f"{kind}_f1",
        f"{kind} F1",
        description=f"F1 of paired {_TYPE_WORDS[kind]} (pages whose gold has {_TYPE_WORDS[kind]})",
    )


info = MetricInfo(
    name=NAME,
    description="block structure kept: per-type P/R/F1 of aligned blocks (headings, paragraphs, "
    "lists, tables, code, quotes), heading levels, table cells and TEDS, code match",
    headline=HEADLINE,
    fields=(
        FieldInfo(
            HEADLINE, "structure F1", description="mean F1 over the block types the gold has"
        ),
        FieldInfo(
            "structure_precision", "precision", description="mean precision over the gold's types"
        ),
        FieldInfo("structure_recall", "recall", description="mean recall over the gold's types"),
        *(_f1_field(kind) for kind in TYPES),
        FieldInfo(
            "heading_level_accuracy",
            "heading levels",
            description="share of paired headings at the gold's level",
        ),
        FieldInfo("table_cell_f1", "cell F1", description="F1 of (row, column, text) table cells"),
        FieldInfo("table_teds", "TEDS", description="tree edit distance similarity of tables"),
        FieldInfo("code_exact", "code exact", description="share of paired code blocks equal"),
        FieldInfo(
            "code_similarity",
            "code similarity",
            description="normalised Levenshtein similarity of paired code blocks",
        ),
    ),
    needs=("markup",),
    others=(
        *(
            FieldInfo(
                f"{kind}_{part}", f"{kind} {part}", description=f"{part} of {_TYPE_WORDS[kind]}"
            )
            for kind in TYPES
            for part in ("precision", "recall")
        ),
        FieldInfo("table_cell_precision", "cell precision", description="table cells kept right"),
        FieldInfo("table_cell_recall", "cell recall", description="gold table cells found"),
    ),
)
# The page values the corpus figures average (a page without one is left out of that mean).
MEANS = tuple(f.name for f in (*info.fields, *info.others))


def _prf(matched: int, gold: int, output: int) -> tuple[float, float, float]:
    precision = matched / output if output else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score_blocks(gold: Sequence[Block], output: Sequence[Block]) -> dict[str, float]:
    """The page scores of an output's blocks against the gold's (empty when the gold has
    none)."""
    if not gold:
        return {}
    pairs = align(gold, output)
    n_gold = Counter(b.type for b in gold)
    n_out = Counter(b.type for b in output)
    n_pair = Counter(gold[p.gold].type for p in pairs)
    scores: dict[str, float] = {}
    per_type = []
    for kind in TYPES:
        if n_gold[kind] or n_out[kind]:
            scores[f"{kind}_gold"] = float(n_gold[kind])
            scores[f"{kind}_output"] = float(n_out[kind])
            scores[f"{kind}_matched"] = float(n_pair[kind])
        if n_gold[kind]:
            p, r, f = _prf(n_pair[kind], n_gold[kind], n_out[kind])
            scores.update({f"{kind}_precision": p, f"{kind}_recall": r, f"{kind}_f1": f})
            per_type.append((p, r, f))
    scores["structure_precision"] = float(np.mean([t[0] for t in per_type]))
    scores["structure_recall"] = float(np.mean([t[1] for t in per_type]))
    scores[HEADLINE] = float(np.mean([t[2] for t in per_type]))
    scores.update(_headings(gold, output, pairs))
    scores.update(_tables(gold, output))
    scores.update(_code(gold, output, pairs))
    return scores


def _headings(gold: Sequence[Block], output: Sequence[Block], pairs: list) -> dict[str, float]:
    known = [
        (gold[p.gold].level, output[p.output].level)
        for p in pairs
        if gold[p.gold].type == HEADING and gold[p.gold].level and output[p.output].level
    ]
    if not known:
        return {}
    correct = sum(1 for a, b in known if a == b)
    return {
        "heading_levels": float(len(known)),
        "heading_levels_correct": float(correct),
        "heading_level_accuracy": correct / len(known),
    }


def _tables(gold: Sequence[Block], output: Sequence[Block]) -> dict[str, float]:
    gold_tables = [b for b in gold if b.type == TABLE]
    if not gold_tables:
        return {}
    out_tables = [b for b in output if b.type == TABLE]
    pairs = pair_tables(gold_tables, out_tables)
    counts = cell_counts(gold_tables, out_tables, pairs)
    p, r, f = _prf(counts.matched, counts.gold, counts.output)
    similarity = sum(teds(gold_tables[i], out_tables[j]) for i, j in pairs)
    return {
        "table_cells_gold": float(counts.gold),
        "table_cells_output": float(counts.output),
        "table_cells_matched": float(counts.matched),
        "table_cell_precision": p,
        "table_cell_recall": r,
        "table_cell_f1": f,
        "table_teds": similarity / len(gold_tables),
    }


def _code(gold: Sequence[Block], output: Sequence[Block], pairs: list) -> dict[str, float]:
    code = [(gold[p.gold].text, output[p.output].text) for p in pairs if gold[p.gold].type == CODE]
    if not code:
        return {}
    exact = sum(1 for a, b in code if normalize_code(a) == normalize_code(b))
    similarity = sum(Levenshtein.normalized_similarity(a, b) for a, b in code)
    return {
        "code_pairs": float(len(code)),
        "code_exact": exact / len(code),
        "code_similarity": similarity / len(code),
    }


def score_output(gold: Gold, output: str, kind: str) -> dict[str, float]:
    """Page scores of an output of the given kind (``text``, ``markdown``, ``html``)."""
    blocks = gold_blocks(gold)
    if not blocks:
        return {}
    return score_blocks(blocks, parse(output or "", kind))


def score_page(gold: Gold, prediction: str) -> dict[str, float]:
    """Page scores of a plain-text output (paragraphs only)."""
    return score_output(gold, prediction, "text")


def statistic(pages: Sequence[Mapping[str, float]]) -> Statistic:
    """Each field's mean over the resampled pages that have it (NaN when none has)."""
    values = {key: np.array([p.get(key, np.nan) for p in pages], dtype=float) for key in MEANS}
    present = {key: ~np.isnan(v) for key, v in values.items()}
    filled = {key: np.nan_to_num(v) for key, v in values.items()}
    keys = [key for key in MEANS if present[key].any()]

    def corpus(idx: np.ndarray) -> dict[str, np.ndarray]:
        out = {}
        for key in keys:
            count = present[key][idx].sum(-1)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[key] = np.where(count > 0, filled[key][idx].sum(-1) / count, np.nan)
        return out

    return corpus


def aggregate(
    pages: Sequence[Mapping[str, float]], seed: int = 0, n_bootstrap: int = 1000
) -> dict[str, float]:
    """Page means of every field (over the pages that have it), with bootstrap standard
    deviations (resamples without a page that has the field are left out of its deviation)."""
    pages = [p for p in pages if p]
    if not pages:
        return {}
    corpus = statistic(pages)
    point = {k: float(v[0]) for k, v in corpus(np.arange(len(pages))[None, :]).items()}
    out = {k: v for k, v in point.items() if not np.isnan(v)}
    if n_bootstrap < 2:
        return out
    reps = replicates(corpus, len(pages), seed=seed, n_resamples=n_bootstrap)
    for key, values in reps.items():
        kept = values[~np.isnan(values)]
        if key in out and len(kept) >= 2:
            out[f"{key}_std"] = float(np.std(kept, ddof=1))
    return out

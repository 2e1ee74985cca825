"""Data for the HTML per-page view: the gold text beside each extractor's output, with the
gold text it missed and the text it added (boilerplate kept) marked.

Marks follow the AEB metric: tokens are ``\\w+`` matches and texts are compared as token
4-grams (a text of 1–3 tokens is one shingle). A token is *matched* when some shingle that
contains it occurs in the other text; runs of unmatched tokens become marked character
ranges. So what is marked is what the metric counts as false negatives (in the gold) and
false positives (in the output).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from bench.metrics.aeb import NGRAM
from bench.reports import structure
from bench.reports.analysis import Analysis
from bench.summary import noise_types, page_labels

TOKEN = re.compile(r"\w+")  # the AEB metric's token (bench.metrics.aeb.tokens)
MAX_PAGES = 500


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text's tokens, their character spans and its shingle set, computed once."""

    spans: list[tuple[int, int]]
    words: list[str]
    shingles: set[tuple[str, ...]]

    @classmethod
    def of(cls, text: str) -> Tokens:
        spans = [m.span() for m in TOKEN.finditer(text)]
        words = [text[a:b] for a, b in spans]
        if len(words) < NGRAM:
            shingles = {tuple(words)} if words else set()
        else:
            shingles = set(zip(*(words[i:] for i in range(NGRAM)), strict=False))
        return cls(spans, words, shingles)


def unmatched_ranges(mine: Tokens, theirs: Tokens) -> list[list[int]]:
    """Character ranges ``[start, end)`` of ``mine`` whose tokens share no shingle with
    ``theirs``; neighbouring unmatched tokens form one range."""
    words = mine.words
    if not words:
        return []
    if len(words) < NGRAM:
        hits = np.array([tuple(words) in theirs.shingles], dtype=float)
        matched = np.full(len(words), hits[0] > 0)
    else:
        grams = zip(*(words[i:] for i in range(NGRAM)), strict=False)
        hits = np.array([gram in theirs.shingles for gram in grams], dtype=float)
        # token j is matched when a shingle starting at j-3 … j matched
        matched = np.convolve(hits, np.ones(NGRAM))[: len(words)] > 0
    missing = np.concatenate(([False], ~matched, [False])).astype(np.int8)
    edges = np.diff(missing)
    starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1
    return [[mine.spans[a][0], mine.spans[b][1]] for a, b in zip(starts, ends, strict=True)]


def unmatched(text: str, other: str) -> list[list[int]]:
    """:func:`unmatched_ranges` of two plain texts."""
    return unmatched_ranges(Tokens.of(text), Tokens.of(other))


def order(analysis: Analysis) -> list[str]:
    """Page ids, those where the extractors disagree most (spread of the headline) first,
    then the worst scored. Extractors that score every page the same (the ``nothing``
    baseline) are left out of the spread."""
    key, direction = analysis.headline.name, analysis.headline.direction
    ids = sorted({p for row in analysis.rows for p in row.page_scores})
    varying = [row.page_scores for row in analysis.rows if len(set(row.page_values().tolist())) > 1]
    spread: dict[str, tuple[float, float]] = {}
    for page in ids:
        values = [direction * s[page][key] for s in varying if key in s.get(page, {})]
        spread[page] = (max(values) - min(values), min(values)) if values else (0.0, 0.0)
    return sorted(ids, key=lambda p: (-spread[p][0], spread[p][1], p))


def pages_data(analysis: Analysis, max_pages: int = MAX_PAGES) -> dict[str, Any]:
    """Everything the page view shows, for the ``max_pages`` most disagreed-on pages."""
    run = analysis.run
    if run.corpus is None:
        return {"pages": [], "total": 0, "note": "; ".join(run.notes), "metric": _metric(analysis)}
    corpus_pages = {page.id: page for page in run.corpus.pages}
    ids = [p for p in order(analysis) if p in corpus_pages and corpus_pages[p].gold is not None]
    shown = ids[:max_pages]
    outputs = {name: run.outputs(name) for name in run.extractors}
    results = {name: {r.page: r for r in run.results.get(name, ())} for name in run.extractors}
    scores = {row.extractor: row.page_scores for row in analysis.rows}
    structured = structure.METRIC in {m.name for m in run.summary.metrics}
    pages = []
    for page_id in shown:
        page = corpus_pages[page_id]
        gold = page.gold.text if page.gold is not None else ""
        gold_tokens = Tokens.of(gold)
        extractors = []
        for row in analysis.rows:
            result = results[row.extractor].get(page_id)
            if result is None:
                continue
            text = outputs[row.extractor].get(page_id, "")
            text_tokens = Tokens.of(text)
            leaked = result.diagnostics.get("noise_leaked", {})
            extractors.append(
                {
                    "name": row.extractor,
                    "text": text,
                    "missed": unmatched_ranges(gold_tokens, text_tokens),
                    "extra": unmatched_ranges(text_tokens, gold_tokens),
                    "scores": scores.get(row.extractor, {}).get(page_id, {}),
                    "error": result.error,
                    "empty": result.empty,
                    "leaked": sorted(kind for kind, n in leaked.items() if n),
                    "log": result.log,
                    "structure": structure.page_blocks(page, text, result.output_kind)
                    if structured
                    else None,
                }
            )
        pages.append(
            {
                "id": page_id,
                "url": page.url,
                "title": page.gold.title if page.gold is not None else None,
                "labels": page_labels(page),
                "noise": noise_types(page),
                "gold": gold,
                "extractors": extractors,
            }
        )
    note = ""
    if len(ids) > len(shown):
        note = (
            f"showing the {len(shown)} pages where the extractors disagree most "
            f"of {len(ids)} (--pages N shows more)"
        )
    return {"pages": pages, "total": len(ids), "note": note, "metric": _metric(analysis)}


def _metric(analysis: Analysis) -> dict[str, Any]:
    """What the page view says about each page's scores: the headline first."""
    keys = analysis.shown_keys
    return {
        "headline": analysis.headline.name,
        "label": analysis.headline.title,
        "higher_is_better": analysis.headline.higher_is_better,
        "fields": [[key, analysis.label(key)] for key in keys],
    }

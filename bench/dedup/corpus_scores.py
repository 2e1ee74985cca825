"""Deduplication quality of one text per page (raw or extracted) against gold duplicate groups.

Shared boilerplate makes different articles look alike (false merges between pages of one
template); differing boilerplate hides syndicated copies (lower recall). Scores: pairwise
precision/recall/F1, adjusted Rand index, false merges, and the separation AUC of MinHash
Jaccard for same-article/different-site pairs against different-article/same-site pairs.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from typing import Any

import numpy as np

from bench.dedup.evaluate import adjusted_rand_index, false_merges, pairwise_scores, separation_auc
from bench.dedup.lsh import choose_bands, s_curve_half_point, s_curve_midpoint
from bench.dedup.minhash import MinHasher, estimate_jaccard
from bench.dedup.pipeline import find_duplicates
from corpora.page import Page

MAX_SEPARATION_PAIRS = 200_000


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """How near-duplicates are found; recorded with every dedup result."""

    threshold: float = 0.8
    num_perm: int = 128
    ngram: int = 5
    seed: int = 1
    verify: bool = False


def gold_groups(pages: Sequence[Page]) -> list[str | None]:
    """Each page's gold duplicate group; ``None`` (a group of its own) when unlabelled."""
    return [p.gold.dup_group if p.gold is not None else None for p in pages]


def site_of(page: Page) -> str | None:
    """The site a page comes from: its ``site`` label, else its template."""
    return page.label("site") or page.label("template")


def separation_pairs(
    pages: Sequence[Page], seed: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(same article on different sites, different articles on the same site) index pairs,
    each sampled down to ``MAX_SEPARATION_PAIRS`` with ``seed``."""
    return separation_pairs_of(gold_groups(pages), [site_of(p) for p in pages], seed)


def separation_pairs_of(
    groups: Sequence[str | None], sites: Sequence[str | None], seed: int
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """:func:`separation_pairs` from each document's gold group and site."""
    by_group: dict[str, list[int]] = {}
    by_site: dict[str, list[int]] = {}
    for i, (group, site) in enumerate(zip(groups, sites, strict=True)):
        if group is not None:
            by_group.setdefault(group, []).append(i)
        if site is not None:
            by_site.setdefault(site, []).append(i)
    same = [
        (i, j)
        for members in by_group.values()
        for i, j in combinations(members, 2)
        if sites[i] is None or sites[i] != sites[j]
    ]
    diff = [
        (i, j)
        for members in by_site.values()
        for i, j in combinations(members, 2)
        if groups[i] is None or groups[i] != groups[j]
    ]
    rng = random.Random(seed)
    for pairs in (same, diff):
        if len(pairs) > MAX_SEPARATION_PAIRS:
            pairs[:] = sorted(rng.sample(pairs, MAX_SEPARATION_PAIRS))
    return same, diff


def score_texts(
    name: str, texts: Sequence[str], pages: Sequence[Page], settings: DedupSettings
) -> dict[str, Any]:
    """Cluster the texts and score the clusters against the pages' gold groups."""
    result = find_duplicates(
        list(texts),
        threshold=settings.threshold,
        num_perm=settings.num_perm,
        ngram=settings.ngram,
        seed=settings.seed,
        verify=settings.verify,
    )
    groups = gold_groups(pages)
    templates = [p.label("template") for p in pages]
    pairwise = pairwise_scores(result.labels, groups)
    same, diff = separation_pairs(pages, settings.seed)
    auc = None
    if same and diff:
        hasher = MinHasher(result.params)
        sigs = hasher.signatures(list(texts))
        auc = separation_auc(
            estimate_jaccard(sigs, np.asarray(same)), estimate_jaccard(sigs, np.asarray(diff))
        )
    n_clusters = len({int(x) for x in result.labels})
    return {
        "extractor": name,
        "n_pages": len(pages),
        "pairwise": {k: v for k, v in asdict(pairwise).items()},
        "ari": adjusted_rand_index(result.labels, groups),
        "false_merges": false_merges(result.pairs, groups, templates),
        "separation_auc": auc,
        "separation_pairs": {
            "same_article_diff_site": len(same),
            "diff_article_same_site": len(diff),
        },
        "clusters": n_clusters,
        "duplicate_pairs": len(result.pairs),
        "empty_texts": int(np.count_nonzero(result.empty)),
    }


def describe_settings(settings: DedupSettings) -> dict[str, Any]:
    """Settings plus the banding they imply (bands × rows and the S-curve's 50% point)."""
    bands, rows = choose_bands(settings.threshold, settings.num_perm)
    return {
        **asdict(settings),
        "bands": bands,
        "rows": rows,
        "s_curve_50": s_curve_half_point(bands, rows),
        "s_curve_steepest": s_curve_midpoint(bands, rows),
    }

"""The order a run's (page, extractor) tasks run in: pages in a seeded shuffled order, and each
page's extractors one after the other (in a seeded shuffled order of their own), so that a
worker's consecutive tasks share a page it reads, decodes and prepares the gold of once
(:mod:`bench.page_memo`, :mod:`bench.metrics.memo`)."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

from bench.records import Task
from extractors.spec import ExtractorSpec


def page_grouped(
    n_pages: int,
    extractors: Sequence[ExtractorSpec],
    seed: int,
    keep: Callable[[int, ExtractorSpec], bool] | None = None,
) -> list[Task]:
    """Every (page index, extractor) pair once, grouped by page, in the order ``seed`` picks.

    ``keep`` filters pairs (a resume leaves out the ones done) after the whole order is
    drawn, so what is left runs in the same relative order as in a fresh run of that seed."""
    rng = random.Random(seed)
    pages = list(range(n_pages))
    rng.shuffle(pages)
    tasks: list[Task] = []
    for index in pages:
        specs = list(extractors)
        rng.shuffle(specs)
        tasks.extend(Task(index, spec) for spec in specs if keep is None or keep(index, spec))
    return tasks

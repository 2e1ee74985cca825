"""Read a run directory for reporting: manifest, the stored summary (the run's one
aggregation), page results and — only when a report shows page text — the corpus.

A failure recorded without scores gets the scores the summary gave it at run end
(``scored_failures``), so nothing is re-scored here. A summary from an older boilerbench
(schema 1) is re-summarized from the page results when the corpus is found.

``results.jsonl`` is read once, streamed, keeping only each page's headline scores (what
every report shows per page); the full page results are read only for the reports that
list them (the per-page table, the HTML page view), so reporting a 100,000-page run holds
megabytes, not its gigabyte of records.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench import metrics
from bench.records import PageResult, SchemaError
from bench.result_columns import ScoreColumns
from bench.store import SUMMARY, RunStore
from bench.summary import noise_types, page_labels, summarize
from bench.summary_records import ExtractorSummary, Summary
from corpora.corpus import Corpus
from corpora.page import CorpusError
from corpora.registry import open_corpus

logger = logging.getLogger(__name__)

__all__ = ["Run", "load_run", "noise_types", "open_run_corpus", "page_labels"]

DEDUP_FILE = "dedup.json"  # written into the run directory by ``boilerbench dedup --run``
OLD_SUMMARY = 1  # before intervals, ranks, pairs and page labels were stored


@dataclass(frozen=True, slots=True)
class Scored:
    """A page's recorded scores (what :meth:`Run.scored` gives)."""

    page: str
    scores: dict[str, dict[str, float]]


class _Headline:
    """Each extractor's page ids and headline scores, in page order, read in one pass."""

    def __init__(self) -> None:
        self.pages: dict[str, list[str]] = {}
        self.scores: dict[str, ScoreColumns] = {}
        self.unscored = 0

    @classmethod
    def read(cls, store: RunStore, summary: Summary, metric: str) -> _Headline:
        latest: dict[str, dict[str, int]] = {}  # extractor → page → row
        out = cls()
        unscored: set[tuple[str, str]] = set()
        for result in store.iter_results():
            result = _with_scores(result, summary)
            name = result.extractor
            rows = latest.setdefault(name, {})
            pages = out.pages.setdefault(name, [])
            columns = out.scores.setdefault(name, ScoreColumns())
            scores = result.scores.get(metric)
            row = rows.get(result.page)
            if row is None:
                row = rows[result.page] = len(pages)
                pages.append(result.page)
                columns.append(scores)
            else:
                columns.set(row, scores)
            if result.error and scores is None:
                unscored.add((name, result.page))
            else:
                unscored.discard((name, result.page))
        shown = {row.extractor for row in summary.results}
        out.unscored = sum(1 for name, _page in unscored if name in shown) if summary.metric else 0
        for name, pages in out.pages.items():
            order = sorted(range(len(pages)), key=pages.__getitem__)
            out.pages[name] = [pages[i] for i in order]
            out.scores[name] = out.scores[name].take(order)
        return out

    def scored(self, extractor: str, metric: str) -> list[Scored]:
        pages, columns = self.pages.get(extractor, []), self.scores.get(extractor)
        if columns is None:
            return []
        return [
            Scored(page, {metric: columns.get(row)})
            for row, page in enumerate(pages)
            if columns.has(row)
        ]


@dataclass(slots=True)
class _Lazy:
    """The full page results, read when first asked for."""

    store: RunStore
    summary: Summary
    results: dict[str, tuple[PageResult, ...]] | None = None

    def get(self) -> dict[str, tuple[PageResult, ...]]:
        if self.results is None:
            raw: dict[str, list[PageResult]] = {}
            for result in self.store.iter_results():
                raw.setdefault(result.extractor, []).append(result)
            self.results = {
                row.extractor: tuple(
                    sorted(
                        {
                            r.page: _with_scores(r, self.summary)
                            for r in raw.get(row.extractor, [])
                        }.values(),
                        key=lambda r: r.page,
                    )
                )
                for row in self.summary.results
            }
        return self.results


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run as the reports see it; ``corpus`` is ``None`` unless a report needs
    page text (then ``notes`` says why it is missing). ``results`` (every page result) is
    read from the run directory on first use."""

    root: Path
    manifest: dict[str, Any]
    summary: Summary
    corpus: Corpus | None
    notes: tuple[str, ...]
    dedup: dict[str, Any] | None = None
    _headline: _Headline = field(default_factory=_Headline, repr=False)
    _lazy: _Lazy | None = field(default=None, repr=False)

    @property
    def results(self) -> Mapping[str, tuple[PageResult, ...]]:
        """Each extractor's page results, by page id (failures with the scores the summary
        gave them)."""
        if self._lazy is None:
            return {}
        return self._lazy.get()

    @property
    def metric(self) -> str:
        """The headline metric's name."""
        return self.summary.metric or str(self.manifest.get("metrics", ["aeb"])[0])

    @property
    def seed(self) -> int:
        return self.summary.seed

    @property
    def extractors(self) -> tuple[str, ...]:
        return tuple(row.extractor for row in self.summary.results)

    @property
    def corpus_name(self) -> str:
        return str(self.manifest["corpus"]["name"])

    @property
    def checksum(self) -> str:
        return str(self.manifest["corpus"]["checksum"])

    def row(self, extractor: str) -> ExtractorSummary | None:
        """The extractor's row of the summary."""
        return self.summary.row(extractor)

    def scored(self, extractor: str, metric: str | None = None) -> list[Scored]:
        """The extractor's pages that carry scores of ``metric`` (the headline), by page id,
        with those scores."""
        name = metric or self.metric
        if name == self.metric:
            return self._headline.scored(extractor, name)
        return [
            Scored(r.page, r.scores) for r in self.results.get(extractor, ()) if name in r.scores
        ]

    def outputs(self, extractor: str) -> dict[str, str]:
        return RunStore(self.root).outputs(extractor)


def open_run_corpus(manifest: dict[str, Any], spec: str | None) -> tuple[Corpus | None, str]:
    """The run's corpus (from ``spec``, else the recorded location, else its name) if its
    checksum matches the run's; otherwise ``None`` and the reason."""
    recorded = manifest["corpus"]
    candidates = [spec] if spec else [recorded.get("location"), recorded.get("name")]
    problems = []
    for candidate in dict.fromkeys(c for c in candidates if c):
        try:
            corpus = open_corpus(candidate)
        except CorpusError as exc:
            problems.append(str(exc))
            continue
        if corpus.checksum() == recorded["checksum"]:
            return corpus, ""
        problems.append(f"corpus {candidate!r} is not the one this run used (checksum differs)")
    tried = "; ".join(problems) or "no corpus location recorded"
    return None, f"corpus not available ({tried}); pass --corpus to point at it"


def load_dedup(root: Path, summary: Summary) -> dict[str, Any] | None:
    """Near-duplicate scores of the run: the summary's ``dedup`` section, else the run's
    ``dedup.json``; ``None`` when neither exists or the file cannot be read."""
    if summary.dedup is not None:
        return summary.dedup
    path = root / DEDUP_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("%s: cannot read near-duplicate scores: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def _resummarize(
    store: RunStore, manifest: dict[str, Any], data: dict[str, Any], corpus_spec: str | None
) -> tuple[Summary, Corpus]:
    """A summary of schema 1 read the only way it can be: recomputed from the page results
    against the corpus (it lacks intervals, ranks and page labels)."""
    what = str(store.root / SUMMARY)
    corpus, why = open_run_corpus(manifest, corpus_spec)
    if corpus is None:
        raise SchemaError(
            f"{what}: schema_version {OLD_SUMMARY} is from an older boilerbench; reading it "
            f"means summarizing the run's page results again, which needs its corpus: {why}"
        )
    summary = summarize(
        store.iter_results(),
        corpus,
        manifest["extractors"],
        manifest.get("metrics", list(metrics.DEFAULT)),
        int(manifest.get("seed", 0)),
        checksum=manifest["corpus"]["checksum"],
    )
    dedup = data.get("dedup")
    return replace(summary, dedup=dedup if isinstance(dedup, dict) else None), corpus


def _with_scores(result: PageResult, summary: Summary) -> PageResult:
    """A failure recorded without scores, with those the summary gave it."""
    done = summary.scored_failures.get(result.extractor, {}).get(result.page)
    if done is None:
        return result
    return replace(
        result,
        scores={**done.scores, **result.scores},
        diagnostics={**done.diagnostics, **result.diagnostics},
    )


def load_run(root: Path, *, corpus_spec: str | None = None, want_corpus: bool = False) -> Run:
    """Load a run; the corpus is opened (and its checksum verified) only with
    ``want_corpus``: for reports that show page text."""
    store = RunStore(root)
    manifest = store.manifest()
    data = store.summary()
    corpus, notes = None, []
    if isinstance(data, dict) and data.get("schema_version") == OLD_SUMMARY:
        summary, corpus = _resummarize(store, manifest, data, corpus_spec)
        notes.append(
            f"{SUMMARY} is from an older boilerbench (schema {OLD_SUMMARY}): shown re-summarized "
            "from results.jsonl"
        )
    else:
        summary = Summary.from_json(data, str(root / SUMMARY))
    metric = summary.metric or str(manifest.get("metrics", ["aeb"])[0])
    headline = _Headline.read(store, summary, metric)
    unscored = headline.unscored
    if unscored:
        notes.append(
            f"{unscored} failed page {'result has' if unscored == 1 else 'results have'} no "
            "scores and are left out of the per-page tables"
        )
    if want_corpus and corpus is None:
        corpus, why = open_run_corpus(manifest, corpus_spec)
        if corpus is None:
            notes.append(why)
    return Run(
        root=root,
        manifest=manifest,
        summary=summary,
        corpus=corpus,
        notes=tuple(notes),
        dedup=load_dedup(root, summary),
        _headline=headline,
        _lazy=_Lazy(store, summary),
    )

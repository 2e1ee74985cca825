"""Read a run directory for reporting: manifest, summary, page results (failures scored as
empty outputs, as the summary does) and, when it can be found, the corpus it ran on."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.records import PageResult
from bench.store import RunStore
from bench.summary import complete
from corpora.corpus import Corpus
from corpora.page import CorpusError, Page
from corpora.registry import open_corpus

logger = logging.getLogger(__name__)

DEDUP_FILE = "dedup.json"  # written into the run directory by ``boilerbench dedup --run``


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run as the reports see it; ``corpus`` is ``None`` when it was not found
    (then ``notes`` says why: breakdowns and the page view need it)."""

    root: Path
    manifest: dict[str, Any]
    summary: dict[str, Any]
    metric: str
    seed: int
    extractors: tuple[str, ...]
    results: dict[str, tuple[PageResult, ...]]
    corpus: Corpus | None
    notes: tuple[str, ...]
    dedup: dict[str, Any] | None = None

    @property
    def corpus_name(self) -> str:
        return str(self.manifest["corpus"]["name"])

    @property
    def checksum(self) -> str:
        return str(self.manifest["corpus"]["checksum"])

    def row(self, extractor: str) -> dict[str, Any]:
        """The extractor's row of ``summary.json`` (empty if the summary lacks it)."""
        for row in self.summary["results"]:
            if row["extractor"] == extractor:
                return dict(row)
        return {}

    def scored(self, extractor: str) -> list[PageResult]:
        """The extractor's results that carry scores of the run's metric, by page id."""
        return [r for r in self.results.get(extractor, ()) if self.metric in r.scores]

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


def page_labels(page: Page) -> dict[str, str]:
    """A page's labels: language, template and every other label of the corpus record."""
    labels = dict(page.labels)
    for key in ("language", "template"):
        value = page.label(key)
        if value is not None:
            labels[key] = value
    return dict(sorted(labels.items()))


def noise_types(page: Page) -> list[str]:
    """The distinct noise types inserted into a page, sorted."""
    return sorted({span.type for span in page.gold.noise}) if page.gold is not None else []


def load_dedup(root: Path, summary: dict[str, Any]) -> dict[str, Any] | None:
    """Near-duplicate scores of the run: the summary's ``dedup`` section, else the run's
    ``dedup.json``; ``None`` when neither exists or the file cannot be read."""
    if isinstance(summary.get("dedup"), dict):
        return summary["dedup"]
    path = root / DEDUP_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        logger.warning("%s: cannot read near-duplicate scores: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def load_run(root: Path, *, corpus_spec: str | None = None, want_corpus: bool = True) -> Run:
    """Load a run; without ``want_corpus`` the corpus is opened only when failures need
    scoring (a failure recorded by the parent process has no scores)."""
    store = RunStore(root)
    manifest = store.manifest()
    summary = store.summary()
    metric = summary.get("metric") or manifest["metrics"][0]
    raw: dict[str, list[PageResult]] = {}
    for result in store.results():
        raw.setdefault(result.extractor, []).append(result)
    extractors = tuple(e["name"] for e in manifest["extractors"])
    unscored = sum(1 for rows in raw.values() for r in rows if r.error and metric not in r.scores)
    corpus, notes = None, []
    if want_corpus or unscored or corpus_spec:
        corpus, why = open_run_corpus(manifest, corpus_spec)
        if corpus is None:
            notes.append(why)
    results: dict[str, tuple[PageResult, ...]] = {}
    for name in extractors:
        rows = sorted(raw.get(name, []), key=lambda r: r.page)
        if corpus is not None:
            rows = [complete(r, corpus, [metric]) for r in rows]
        results[name] = tuple(rows)
    if unscored and corpus is None:
        notes.append(
            f"{unscored} failed page result(s) have no scores and are left out of the "
            "intervals (scoring them needs the corpus)"
        )
    return Run(
        root=root,
        manifest=manifest,
        summary=summary,
        metric=metric,
        seed=int(summary.get("seed", manifest.get("seed", 0))),
        extractors=extractors,
        results=results,
        corpus=corpus,
        notes=tuple(notes),
        dedup=load_dedup(root, summary),
    )

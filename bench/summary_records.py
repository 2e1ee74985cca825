"""``summary.json`` as typed records: a run's aggregates per extractor with their bootstrap
intervals, the paired tests and rank ranges, noise leak, breakdowns by page label, speed,
and the metadata of its metrics. :meth:`Summary.from_json` is the one reader; it checks
``schema_version``.

Written by :func:`bench.summary.summarize` (the one aggregation); every report and
``compare`` renders from it. Version 1 (before intervals, ranks, pairs and page labels were
stored) is refused here; :func:`bench.reports.loading.load_run` re-summarizes such a run
from its page results when the corpus is at hand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from bench.metrics.base import MetricInfo
from bench.records import check_schema
from bench.stats import Interval, PairedDifference

SUMMARY_SCHEMA = 2
Bounds = dict[str, tuple[float, float]]


def _bounds_json(bounds: Bounds) -> dict[str, list[float]]:
    return {key: [low, high] for key, (low, high) in bounds.items()}


def _bounds_from(data: Mapping[str, Any] | None) -> Bounds:
    return {key: (float(lh[0]), float(lh[1])) for key, lh in (data or {}).items()}


def _interval_from(data: Mapping[str, Any] | None) -> Interval | None:
    return None if data is None else Interval.from_json(data)


def _interval_json(iv: Interval | None) -> dict[str, float | None] | None:
    return None if iv is None else iv.to_json()


@dataclass(frozen=True, slots=True)
class Scores:
    """One metric's corpus statistics: ``values`` as the metric's ``aggregate`` returns
    them (``*_std`` included), ``bounds`` the 95% interval of each resampled statistic."""

    values: dict[str, float]
    bounds: Bounds = field(default_factory=dict)

    def interval(self, key: str) -> Interval | None:
        if key not in self.values:
            return None
        low, high = self.bounds.get(key, (None, None))
        return Interval(self.values[key], low, high)

    def intervals(self) -> dict[str, Interval]:
        """Every statistic but the ``*_std``, with its interval where it has one."""
        return {k: iv for k in self.values if not k.endswith("_std") if (iv := self.interval(k))}


def _flat_json(record: Any) -> dict[str, Any]:
    """A record whose fields are stored side by side in a row of ``results``."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _flat_fields(cls: type, row: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of ``cls`` found in a row (absent ones keep their defaults)."""
    return {f.name: row[f.name] for f in fields(cls) if f.name in row}


@dataclass(frozen=True, slots=True)
class Speed:
    """Speed of one extractor (see :func:`bench.summary.speed`)."""

    pages_per_s: float | None = None
    seconds_median: float | None = None
    seconds_p95: float | None = None
    seconds_total: float = 0.0
    warmup_seconds: float | None = None
    warmup_seconds_max: float | None = None
    peak_rss_mb: float | None = None
    cached: int = 0
    speed_from_cache: bool = False

    def to_json(self) -> dict[str, Any]:
        return _flat_json(self)

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Speed:
        return cls(**_flat_fields(cls, row))


@dataclass(frozen=True, slots=True)
class Outputs:
    """Output length and exact-duplicate outputs: what a run without gold can still tell."""

    output_chars_median: float | None = None
    output_chars_mean: float | None = None
    duplicate_outputs: int = 0

    def to_json(self) -> dict[str, Any]:
        return _flat_json(self)

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Outputs:
        return cls(**_flat_fields(cls, row))


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens, cost and throughput of an extractor whose pages carry ``usage`` (an ``llm:``
    endpoint; see :func:`bench.summary.usage`). ``cost_usd`` only when a price was given."""

    tokens_in: int = 0
    tokens_out: int = 0
    tokens_pages: int = 0  # pages whose answer counted its tokens
    price_in_per_mtok: float | None = None
    price_out_per_mtok: float | None = None
    cost_usd: float | None = None
    cost_per_1000_pages: float | None = None
    truncated_inputs: int = 0  # pages whose HTML was cut to max_input_tokens
    truncated_outputs: int = 0  # answers cut by max_tokens
    pages_per_s_in_flight: float | None = None  # pages ÷ time with a request in flight

    def to_json(self) -> dict[str, Any]:
        return _flat_json(self)

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> Usage | None:
        return cls(**_flat_fields(cls, row)) if "tokens_in" in row else None


@dataclass(frozen=True, slots=True)
class Group:
    """One extractor on the pages of one label value: the headline metric's statistics with
    their intervals (``scores``; none below 10 pages), every metric's (``metrics``, by name,
    the headline's included), failures and empty outputs; for the ``noise`` label, the leak
    share of that noise type."""

    n_pages: int
    failures: int
    empty: int
    scores: Scores
    leak: Interval | None = None
    metrics: dict[str, Scores] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            **self.scores.values,
            "n_pages": self.n_pages,
            "failures": self.failures,
            "empty": self.empty,
            "bounds": _bounds_json(self.scores.bounds),
        }
        if self.leak is not None:
            out["leak"] = self.leak.to_json()
        if self.metrics:
            out["all_metrics"] = {name: sc.values for name, sc in self.metrics.items()}
            out["all_bounds"] = {name: _bounds_json(sc.bounds) for name, sc in self.metrics.items()}
        return out

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Group:
        values = {k: float(v) for k, v in data.items() if k not in _GROUP_KEYS}
        bounds = data.get("all_bounds", {})
        return cls(
            n_pages=int(data["n_pages"]),
            failures=int(data.get("failures", 0)),
            empty=int(data.get("empty", 0)),
            scores=Scores(values, _bounds_from(data.get("bounds"))),
            leak=_interval_from(data.get("leak")),
            metrics={
                name: Scores(dict(stat), _bounds_from(bounds.get(name)))
                for name, stat in data.get("all_metrics", {}).items()
            },
        )


_GROUP_KEYS = {"n_pages", "failures", "empty", "bounds", "leak", "all_metrics", "all_bounds"}


@dataclass(frozen=True, slots=True)
class ExtractorSummary:
    """One extractor's row: counts, speed, every metric's statistics, rank range, noise leak
    and breakdowns (``label → value → group``)."""

    extractor: str
    spec: str
    version: str
    params: dict[str, Any]
    n_pages: int
    failures: int
    failure_kinds: dict[str, int]
    empty: int
    network_attempts: int
    speed: Speed
    outputs: Outputs
    scores: dict[str, Scores]  # by metric name, in the run's order
    rank: tuple[int, int] | None = None
    noise_leak: dict[str, Interval] = field(default_factory=dict)
    title_repeats: Interval | None = None
    breakdowns: dict[str, dict[str, Group]] = field(default_factory=dict)
    usage: Usage | None = None

    def to_json(self, corpus: str, headline: str | None) -> dict[str, Any]:
        legacy: dict[str, Any] = (
            dict(self.scores[headline].values) if headline in self.scores else {}
        )
        if self.noise_leak:
            legacy["noise_leak"] = {kind: iv.value for kind, iv in self.noise_leak.items()}
        if self.title_repeats is not None:
            legacy["title_repeats"] = self.title_repeats.value
        return {
            "corpus": corpus,
            "extractor": self.extractor,
            "spec": self.spec,
            "version": self.version,
            "params": self.params,
            "n_pages": self.n_pages,
            "failures": self.failures,
            "failure_kinds": self.failure_kinds,
            "empty": self.empty,
            "network_attempts": self.network_attempts,
            **self.speed.to_json(),
            **self.outputs.to_json(),
            **(self.usage.to_json() if self.usage is not None else {}),
            # the headline metric's statistics, noise leak and title repeats as plain numbers
            "metrics": legacy,
            "all_metrics": {name: scores.values for name, scores in self.scores.items()},
            "bounds": {name: _bounds_json(scores.bounds) for name, scores in self.scores.items()},
            "rank": list(self.rank) if self.rank is not None else None,
            "noise_leak": {kind: iv.to_json() for kind, iv in self.noise_leak.items()},
            "title_repeats": _interval_json(self.title_repeats),
            "breakdowns": {
                label: {value: group.to_json() for value, group in groups.items()}
                for label, groups in self.breakdowns.items()
            },
        }

    @classmethod
    def from_json(cls, row: Mapping[str, Any]) -> ExtractorSummary:
        bounds = row.get("bounds", {})
        rank = row.get("rank")
        return cls(
            extractor=str(row["extractor"]),
            spec=str(row.get("spec", row["extractor"])),
            version=str(row.get("version", "")),
            params=dict(row.get("params") or {}),
            n_pages=int(row["n_pages"]),
            failures=int(row["failures"]),
            failure_kinds=dict(row.get("failure_kinds", {})),
            empty=int(row["empty"]),
            network_attempts=int(row.get("network_attempts", 0)),
            speed=Speed.from_json(row),
            outputs=Outputs.from_json(row),
            scores={
                name: Scores(dict(values), _bounds_from(bounds.get(name)))
                for name, values in row.get("all_metrics", {}).items()
            },
            rank=(int(rank[0]), int(rank[1])) if rank else None,
            noise_leak={k: Interval.from_json(v) for k, v in row.get("noise_leak", {}).items()},
            title_repeats=_interval_from(row.get("title_repeats")),
            breakdowns={
                label: {value: Group.from_json(g) for value, g in groups.items()}
                for label, groups in row.get("breakdowns", {}).items()
            },
            usage=Usage.from_json(row),
        )


@dataclass(frozen=True, slots=True)
class ScoredPage:
    """Scores and diagnostics of one page result, as :class:`bench.records.PageResult`
    carries them."""

    scores: dict[str, dict[str, float]]
    diagnostics: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Summary:
    """A run's ``summary.json``. ``metrics``: the metadata of its metrics, the headline
    metric first. ``pairs``: paired tests of the headline field on the ``shared_pages``
    every extractor scored, better extractor first, Holm-adjusted. ``page_labels``: each
    page's labels (and ``noise_types``), so breakdowns and page tables need no corpus.
    ``scored_failures``: extractor → page → the scores given at run end to failures that
    were recorded without them (as an empty output)."""

    corpus: str
    corpus_checksum: str | None
    metrics: tuple[MetricInfo, ...]
    seed: int
    results: tuple[ExtractorSummary, ...]
    pairs: tuple[PairedDifference, ...] = ()
    shared_pages: int = 0
    n_resamples: int = 1000
    n_test_resamples: int = 10_000
    level: float = 0.95
    page_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    scored_failures: dict[str, dict[str, ScoredPage]] = field(default_factory=dict)
    dedup: dict[str, Any] | None = None
    # pages whose declared charset lost to valid UTF-8: {"count", "pages" (first ids)}
    encoding_overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def metric(self) -> str | None:
        """The headline metric's name."""
        return self.metrics[0].name if self.metrics else None

    @property
    def info(self) -> MetricInfo | None:
        """The headline metric's metadata."""
        return self.metrics[0] if self.metrics else None

    def metric_info(self, name: str) -> MetricInfo:
        return next(m for m in self.metrics if m.name == name)

    def row(self, extractor: str) -> ExtractorSummary | None:
        return next((r for r in self.results if r.extractor == extractor), None)

    def __iter__(self) -> Iterator[ExtractorSummary]:
        return iter(self.results)

    def labels(self) -> list[str]:
        """The labels the rows are broken down by, in order."""
        return list(dict.fromkeys(label for row in self.results for label in row.breakdowns))

    def to_json(self) -> dict[str, Any]:
        headline = self.metric
        return {
            "schema_version": SUMMARY_SCHEMA,
            "corpus": self.corpus,
            "corpus_checksum": self.corpus_checksum,
            "metric": headline,
            "metrics": [m.name for m in self.metrics],
            "metric_info": [m.to_json() for m in self.metrics],
            "seed": self.seed,
            "n_resamples": self.n_resamples,
            "n_test_resamples": self.n_test_resamples,
            "level": self.level,
            "shared_pages": self.shared_pages,
            "results": [row.to_json(self.corpus, headline) for row in self.results],
            "pairs": [pair.to_json() for pair in self.pairs],
            "page_labels": self.page_labels,
            "scored_failures": {
                name: {
                    page: {"scores": done.scores, "diagnostics": done.diagnostics}
                    for page, done in pages.items()
                }
                for name, pages in self.scored_failures.items()
            },
            "encoding_overrides": self.encoding_overrides,
            **({"dedup": self.dedup} if self.dedup is not None else {}),
        }

    @classmethod
    def from_json(cls, data: Any, what: str = "summary.json") -> Summary:
        """The one reader of ``summary.json``: checks ``schema_version`` first
        (:class:`bench.records.SchemaError` names the file and what to do)."""
        check_schema(data, what, current=SUMMARY_SCHEMA)
        return cls(
            corpus=str(data["corpus"]),
            corpus_checksum=data.get("corpus_checksum"),
            metrics=tuple(MetricInfo.from_json(m) for m in data.get("metric_info", ())),
            seed=int(data.get("seed", 0)),
            results=tuple(ExtractorSummary.from_json(r) for r in data["results"]),
            pairs=tuple(PairedDifference.from_json(p) for p in data.get("pairs", ())),
            shared_pages=int(data.get("shared_pages", 0)),
            n_resamples=int(data.get("n_resamples", 1000)),
            n_test_resamples=int(data.get("n_test_resamples", 10_000)),
            level=float(data.get("level", 0.95)),
            page_labels={p: dict(v) for p, v in data.get("page_labels", {}).items()},
            scored_failures={
                name: {
                    page: ScoredPage(dict(done["scores"]), dict(done.get("diagnostics", {})))
                    for page, done in pages.items()
                }
                for name, pages in data.get("scored_failures", {}).items()
            },
            dedup=data.get("dedup") if isinstance(data.get("dedup"), dict) else None,
            encoding_overrides=dict(data.get("encoding_overrides") or {}),
        )

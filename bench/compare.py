"""Compare two runs on the pages both scored: per extractor and statistic, both values and the
change B − A with its paired bootstrap interval; and regression thresholds (``f1:-0.01``,
``recall:-2%``, ``failures:+0``) so CI can gate an extractor upgrade.

Which way is better comes from each metric's metadata (:class:`bench.metrics.FieldInfo`): a
score where lower is better (an edit distance, a leak rate) regresses when it rises, so its
threshold is written with a ``+`` (``distance:+0.01``). Statistics of the run's first metric
are named plainly (``f1``); those of its other metrics ``<metric>.<statistic>``
(``tokens.f1``).

Per page label (``page_type``, ``language``, ``noise`` …, as run A's summary groups pages),
the headline's change on the pages of each value is tested the same way, Holm-adjusted over
the tests of that label.

Runs on different corpora (checksums) are refused unless forced: their scores would not be
comparable. Extractors are matched by name, or paired explicitly (``trafilatura=trafilatura2``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from bench import metrics, stats
from bench.records import PageResult
from bench.reports.loading import Run, load_run
from bench.summary import column, label_groups

# +1: higher is better; -1: lower is better; 0: no direction (a count of pages, say).
# Score statistics take theirs from the metric.
COUNTS = {"failures": -1, "empty": -1}
SPEED = {"pages_per_s": +1}
_THRESHOLD = re.compile(
    r"^(?P<metric>[A-Za-z_][\w.@-]*):(?P<value>[+-]?(?:\d+(?:\.\d*)?|\.\d+))(?P<pct>%?)$"
)


class CompareError(ValueError):
    """The runs cannot be compared as asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Change:
    """One statistic of one extractor pair: A, B and B − A over the shared pages."""

    a_name: str
    b_name: str
    metric: str
    n_pages: int
    a: float | None
    b: float | None
    low: float | None = None  # paired interval of B − A
    high: float | None = None
    p_value: float | None = None
    p_adjusted: float | None = None
    identical: bool = False  # equal on every resample: left out of the Holm family

    @property
    def label(self) -> str:
        return self.a_name if self.a_name == self.b_name else f"{self.a_name} → {self.b_name}"

    @property
    def diff(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a

    @property
    def relative(self) -> float | None:
        """B − A as a share of A (``inf`` from zero)."""
        diff = self.diff
        if diff is None or self.a is None:
            return None
        if self.a == 0:
            return 0.0 if diff == 0 else math.copysign(math.inf, diff)
        return diff / abs(self.a)

    @property
    def significant(self) -> bool:
        p = self.p_adjusted if self.p_adjusted is not None else self.p_value
        return p is not None and p < stats.ALPHA

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a_name,
            "b": self.b_name,
            "metric": self.metric,
            "n_pages": self.n_pages,
            "a_value": self.a,
            "b_value": self.b,
            "diff": self.diff,
            "relative": self.relative
            if self.relative is None or math.isfinite(self.relative)
            else None,
            "low": self.low,
            "high": self.high,
            "p_value": self.p_value,
            "p_holm": self.p_adjusted,
            "significant": self.significant,
        }


@dataclass(frozen=True, slots=True)
class GroupChange:
    """The headline's change from A to B on the pages of one label value (``page_type`` =
    ``forum``), Holm-adjusted over every test of that label."""

    label: str
    value: str
    change: Change

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, **self.change.to_json()}


@dataclass(frozen=True, slots=True)
class Threshold:
    """``METRIC:DELTA`` or ``METRIC:DELTA%``: how much worse a statistic may get. The sign
    says which way is worse: ``f1:-0.01`` (F1 may fall by 0.01), ``failures:+2``,
    ``distance:+0.5`` (a lower-is-better distance may rise by 0.5)."""

    metric: str
    value: float
    relative: bool

    @classmethod
    def parse(cls, spec: str, directions: dict[str, int]) -> Threshold:
        match = _THRESHOLD.match(spec.strip())
        if match is None:
            raise CompareError(
                f"bad threshold {spec!r}: write METRIC:DELTA or METRIC:DELTA% "
                "(e.g. f1:-0.01, recall:-2%, failures:+0)"
            )
        metric, value = match["metric"], float(match["value"])
        if metric not in directions:
            raise CompareError(
                f"unknown metric {metric!r} in threshold {spec!r} (known: {', '.join(directions)})"
            )
        if directions[metric] == 0:
            raise CompareError(
                f"{metric!r} in threshold {spec!r} has no better or worse direction (it counts, "
                "it does not score); gate a score instead"
            )
        worse = "falls" if directions[metric] > 0 else "rises"
        if value * directions[metric] > 0:
            example = f"{metric}:{-value:+g}{match['pct']}"
            raise CompareError(
                f"threshold {spec!r} allows an improvement, not a regression: {metric} gets "
                f"worse when it {worse}; write {example}"
            )
        return cls(metric, value, bool(match["pct"]))

    def __str__(self) -> str:
        return f"{self.metric}:{self.value:+g}{'%' if self.relative else ''}"

    def violated_by(self, change: Change, direction: int) -> bool:
        """Whether the change is worse than the threshold allows."""
        amount = change.relative if self.relative else change.diff
        if amount is None:
            return False
        if self.relative:
            amount *= 100
        return amount < self.value if direction > 0 else amount > self.value


@dataclass(frozen=True, slots=True)
class Violation:
    """A threshold broken by a change, or an extractor of run A missing from run B."""

    threshold: Threshold
    change: Change | None = None
    missing: str | None = None

    def describe(self) -> str:
        if self.change is None:
            return f"{self.missing}: in run A but not in run B, so {self.threshold} is unchecked"
        c = self.change
        rel = (
            f" ({c.relative:+.1%})" if c.relative is not None and math.isfinite(c.relative) else ""
        )
        return (
            f"{c.label}: {c.metric} {c.a:.4g} → {c.b:.4g}, change {c.diff:+.4g}{rel} "
            f"breaks {self.threshold}"
        )


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two runs side by side."""

    run_a: Run
    run_b: Run
    same_corpus: bool
    pairs: tuple[tuple[str, str], ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    changes: tuple[Change, ...]
    directions: dict[str, int]
    n_resamples: int
    breakdowns: tuple[GroupChange, ...] = ()  # the headline per label value

    def labels(self) -> list[str]:
        """The labels of the per-label tests, in order."""
        return list(dict.fromkeys(g.label for g in self.breakdowns))

    def violations(
        self, thresholds: Sequence[Threshold], *, significant_only: bool = False
    ) -> list[Violation]:
        """Every change worse than a threshold allows (with ``significant_only``, a score
        change only when it is significant), and every extractor of A that B lacks."""
        out = []
        for threshold in thresholds:
            direction = self.directions[threshold.metric]
            for change in self.changes:
                if change.metric != threshold.metric:
                    continue
                if significant_only and change.p_value is not None and not change.significant:
                    continue
                if threshold.violated_by(change, direction):
                    out.append(Violation(threshold, change))
            out += [Violation(threshold, missing=name) for name in self.only_a]
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "run_a": str(self.run_a.root),
            "run_b": str(self.run_b.root),
            "corpus_a": self.run_a.corpus_name,
            "corpus_b": self.run_b.corpus_name,
            "same_corpus": self.same_corpus,
            "pairs": [list(p) for p in self.pairs],
            "only_a": list(self.only_a),
            "only_b": list(self.only_b),
            "n_resamples": self.n_resamples,
            "changes": [c.to_json() for c in self.changes],
            "breakdowns": {
                label: [g.to_json() for g in self.breakdowns if g.label == label]
                for label in self.labels()
            },
        }


def parse_pairs(specs: Sequence[str]) -> list[tuple[str, str]]:
    """``A=B`` pairs: extractor A of run A against extractor B of run B."""
    pairs = []
    for spec in specs:
        a, sep, b = spec.partition("=")
        if not sep or not a.strip() or not b.strip():
            raise CompareError(f"bad pair {spec!r}: write NAME_IN_A=NAME_IN_B")
        pairs.append((a.strip(), b.strip()))
    return pairs


def _by_page(results: Sequence[PageResult]) -> dict[str, PageResult]:
    return {r.page: r for r in results}


def shared_metrics(run_a: Run, run_b: Run) -> list[str]:
    """The metrics both runs computed, in run A's order (the headline first)."""
    names_b = {info.name for info in run_b.summary.metrics}
    return [info.name for info in run_a.summary.metrics if info.name in names_b]


def _load_metric(name: str) -> metrics.Metric:
    try:
        return metrics.get(name)
    except metrics.MetricError as exc:
        raise CompareError(f"comparing needs the run's metric here: {exc}") from exc


def _metric_changes(
    run_a: Run,
    res_a: dict[str, PageResult],
    res_b: dict[str, PageResult],
    names: tuple[str, str],
    position: int,
    name: str,
    ran: list[str],
    n_resamples: int,
) -> list[Change]:
    """Every statistic of one metric, the headline first, on the pages both scored."""
    a, b = names
    metric = _load_metric(name)
    scored = [p for p in ran if name in res_a[p].scores and name in res_b[p].scores]
    pages_a = [res_a[p].scores[name] for p in scored]
    pages_b = [res_b[p].scores[name] for p in scored]
    point_a, point_b = stats.point(metric, pages_a), stats.point(metric, pages_b)
    reps_a: dict[str, Any] = {}
    reps_b: dict[str, Any] = {}
    if len(scored) >= stats.MIN_PAGES:
        reps_a = stats.replicates(metric, pages_a, seed=run_a.seed, n_resamples=n_resamples)
        reps_b = stats.replicates(metric, pages_b, seed=run_a.seed, n_resamples=n_resamples)
    headline = metric.info.headline
    changes = []
    for key in sorted(point_a, key=lambda k: k != headline):  # headline, then the metric's order
        if key not in point_b:
            continue
        changes.append(
            _change(
                (a, b),
                column(position, name, key),
                len(scored),
                (point_a[key], point_b[key]),
                (reps_a.get(key), reps_b.get(key)),
            )
        )
    return changes


def _change(
    names: tuple[str, str],
    metric: str,
    n_pages: int,
    values: tuple[float, float],
    reps: tuple[np.ndarray | None, np.ndarray | None],
) -> Change:
    """B − A of one statistic with its paired interval and p, from replicates drawn with the
    same indices; ``identical`` when the two agree on every resample (nothing to test)."""
    (a, b), (value_a, value_b), (reps_a, reps_b) = names, values, reps
    pair = stats.paired_from_replicates(b, a, metric, n_pages, value_b, value_a, reps_b, reps_a)
    same = reps_a is not None and reps_b is not None and bool(np.array_equal(reps_a, reps_b))
    return Change(
        a,
        b,
        metric,
        n_pages,
        value_a,
        value_b,
        pair.low,
        pair.high,
        pair.p_value,
        identical=pair.tested and same,
    )


def _pair_changes(run_a: Run, run_b: Run, a: str, b: str, n_resamples: int) -> list[Change]:
    res_a, res_b = _by_page(run_a.results.get(a, ())), _by_page(run_b.results.get(b, ()))
    ran = sorted(set(res_a) & set(res_b))
    if not ran:
        raise CompareError(f"{a} (run A) and {b} (run B) share no page: nothing to compare")
    changes = []
    for position, name in enumerate(shared_metrics(run_a, run_b)):
        changes += _metric_changes(run_a, res_a, res_b, (a, b), position, name, ran, n_resamples)
    for key in COUNTS:
        count_a = sum(1 for p in ran if _count(res_a[p], key))
        count_b = sum(1 for p in ran if _count(res_b[p], key))
        changes.append(Change(a, b, key, len(ran), float(count_a), float(count_b)))
    row_a, row_b = run_a.row(a), run_b.row(b)
    speed_a = row_a.speed.pages_per_s if row_a is not None else None
    speed_b = row_b.speed.pages_per_s if row_b is not None else None
    changes.append(Change(a, b, "pages_per_s", len(ran), speed_a, speed_b))
    return changes


def _count(result: PageResult, key: str) -> bool:
    return bool(result.error) if key == "failures" else result.empty


def compare_runs(
    root_a: Path,
    root_b: Path,
    *,
    pairs: Sequence[tuple[str, str]] = (),
    extractors: Sequence[str] = (),
    force: bool = False,
    corpus_spec: str | None = None,
    n_resamples: int = stats.N_TEST_RESAMPLES,
) -> Comparison:
    """Load two runs and compare the chosen extractor pairs (default: same names)."""
    run_a = load_run(root_a, corpus_spec=corpus_spec, want_corpus=False)
    run_b = load_run(root_b, corpus_spec=corpus_spec, want_corpus=False)
    same = run_a.checksum == run_b.checksum
    if not same and not force:
        raise CompareError(
            f"{root_a} ran on corpus {run_a.corpus_name!r} ({run_a.checksum[:12]}) and "
            f"{root_b} on {run_b.corpus_name!r} ({run_b.checksum[:12]}): different corpora "
            "give scores that cannot be compared; --force compares the pages they share by id"
        )
    if run_a.metric != run_b.metric:
        raise CompareError(
            f"{root_a} was scored with {run_a.metric!r} and {root_b} with {run_b.metric!r}"
        )
    chosen = list(pairs)
    if not chosen:
        names = [n for n in run_a.extractors if n in run_b.extractors]
        if extractors:
            unknown = [n for n in extractors if n not in names]
            if unknown:
                raise CompareError(
                    f"not in both runs: {', '.join(unknown)} (shared: {', '.join(names)})"
                )
            names = [n for n in names if n in extractors]
        chosen = [(n, n) for n in names]
    for a, b in chosen:
        for name, run, root in ((a, run_a, root_a), (b, run_b, root_b)):
            if name not in run.extractors:
                raise CompareError(
                    f"run {root} has no extractor {name!r} (it has {', '.join(run.extractors)})"
                )
    if not chosen:
        raise CompareError(
            f"the runs share no extractor ({', '.join(run_a.extractors)} vs "
            f"{', '.join(run_b.extractors)}); pair them with --pair A=B"
        )
    changes = _holm([c for a, b in chosen for c in _pair_changes(run_a, run_b, a, b, n_resamples)])
    by_label = [g for a, b in chosen for g in _label_changes(run_a, run_b, a, b, n_resamples)]
    breakdowns = []
    for label in dict.fromkeys(g.label for g in by_label):
        family = [g for g in by_label if g.label == label]
        adjusted = _holm([g.change for g in family])
        breakdowns += [replace(g, change=c) for g, c in zip(family, adjusted, strict=True)]
    everything = not pairs and not extractors  # name matching over whole runs
    return Comparison(
        run_a=run_a,
        run_b=run_b,
        same_corpus=same,
        pairs=tuple(chosen),
        only_a=tuple(n for n in run_a.extractors if everything and n not in run_b.extractors),
        only_b=tuple(n for n in run_b.extractors if everything and n not in run_a.extractors),
        changes=tuple(changes),
        directions={**score_directions(run_a, run_b), **COUNTS, **SPEED},
        n_resamples=n_resamples,
        breakdowns=tuple(breakdowns),
    )


def _holm(changes: Sequence[Change]) -> list[Change]:
    """The changes with Holm-adjusted p-values over those tested and not identical (an
    identical change keeps its p = 1)."""
    family = [i for i, c in enumerate(changes) if c.p_value is not None and not c.identical]
    adjusted = stats.holm([changes[i].p_value for i in family])  # type: ignore[misc]
    out = [replace(c, p_adjusted=c.p_value) for c in changes]
    for i, p in zip(family, adjusted, strict=True):
        out[i] = replace(out[i], p_adjusted=p)
    return out


def _label_changes(run_a: Run, run_b: Run, a: str, b: str, n_resamples: int) -> list[GroupChange]:
    """The headline's change on the pages of every label value (run A's labels, the way its
    summary groups them) that both runs scored; not Holm-adjusted yet."""
    name = run_a.metric
    metric = _load_metric(name)
    key = metric.info.headline
    res_a, res_b = _by_page(run_a.results.get(a, ())), _by_page(run_b.results.get(b, ()))
    scored = sorted(
        p for p in set(res_a) & set(res_b) if name in res_a[p].scores and name in res_b[p].scores
    )
    out = []
    for label, values in label_groups(run_a.summary.page_labels).items():
        if len(values) < 2:  # one value: the same pages as the whole run
            continue
        for value, ids in values.items():
            pages = [p for p in scored if p in ids]
            if not pages:
                continue
            pages_a = [res_a[p].scores[name] for p in pages]
            pages_b = [res_b[p].scores[name] for p in pages]
            reps_a = reps_b = None
            if len(pages) >= stats.MIN_PAGES:
                seed = run_a.seed
                reps_a = stats.replicates(metric, pages_a, seed=seed, n_resamples=n_resamples)[key]
                reps_b = stats.replicates(metric, pages_b, seed=seed, n_resamples=n_resamples)[key]
            values_ab = (stats.point(metric, pages_a)[key], stats.point(metric, pages_b)[key])
            change = _change((a, b), key, len(pages), values_ab, (reps_a, reps_b))
            out.append(GroupChange(label, value, change))
    return out


def score_directions(run_a: Run, run_b: Run) -> dict[str, int]:
    """The direction of every statistic the two runs' shared metrics can report, by the
    name ``compare`` gives it (from each metric's metadata, stored in the summaries)."""
    out: dict[str, int] = {}
    for position, name in enumerate(shared_metrics(run_a, run_b)):
        info = run_a.summary.metric_info(name)
        keys = {
            k
            for row in run_a.summary.results
            if name in row.scores
            for k in row.scores[name].values
            if not k.endswith("_std")
        }
        keys |= set(info.field_names) | {f.name for f in info.others}
        for key in sorted(keys, key=lambda k: (k != info.headline, k)):
            out[column(position, name, key)] = info.direction(key)
    return out

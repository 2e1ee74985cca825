"""What a metric is: its metadata (:class:`MetricInfo`, one :class:`FieldInfo` per corpus
statistic it reports) beside its behaviour (the :class:`Metric` protocol). Reports, plots and
``compare`` read the metadata: which field is the headline, which way is better, how to
label it. Nothing downstream assumes ``f1`` or that higher is better."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import numpy as np

from corpora.page import Gold

# The gold a metric can need: the full main text, trafilatura-style snippets, or CleanEval's
# block markup.
NEEDS = ("text", "snippets", "markup")
# Keys derived from a field by the mean/median aggregation (``f1_median``, ``f1_macro``,
# ``f1@cleaneval``): they take the field's direction.
_DERIVED = (("_median_macro", "median macro"), ("_median", "median"), ("_macro", "macro"))

PageScores = Sequence[Mapping[str, float]]
# A corpus statistic of every resample in an index array ``(resamples, pages)``.
Statistic = Callable[[np.ndarray], dict[str, np.ndarray]]


@dataclass(frozen=True, slots=True)
class FieldInfo:
    """One corpus statistic of a metric. ``unit_interval``: its values lie in [0, 1] (so a
    histogram spans 0→1 and a share can be plotted on a fixed axis)."""

    name: str
    label: str = ""
    higher_is_better: bool = True
    unit_interval: bool = True
    description: str = ""

    @property
    def title(self) -> str:
        """What a table header calls it."""
        return self.label or self.name

    @property
    def direction(self) -> int:
        """+1 when higher is better, -1 when lower is better."""
        return 1 if self.higher_is_better else -1

    @property
    def better(self) -> str:
        return "higher is better" if self.higher_is_better else "lower is better"

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "higher_is_better": self.higher_is_better,
            "unit_interval": self.unit_interval,
            "description": self.description,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FieldInfo:
        return cls(
            name=str(data["name"]),
            label=str(data.get("label", "")),
            higher_is_better=bool(data.get("higher_is_better", True)),
            unit_interval=bool(data.get("unit_interval", True)),
            description=str(data.get("description", "")),
        )


@dataclass(frozen=True, slots=True)
class MetricInfo:
    """A metric's metadata. ``fields``: the statistics reports show, in order, the
    ``headline`` among them (ranking, paired tests, plots use it); ``others``: further
    statistics of its aggregate whose direction is known (counts, say), compared but not
    shown in the main tables; ``needs``: the gold it scores against (see :data:`NEEDS`)."""

    name: str
    description: str
    headline: str
    fields: tuple[FieldInfo, ...]
    needs: tuple[str, ...] = ("text",)
    others: tuple[FieldInfo, ...] = ()

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if self.headline not in names:
            raise ValueError(f"metric {self.name!r}: headline {self.headline!r} not in fields")
        unknown = [n for n in self.needs if n not in NEEDS]
        if unknown:
            raise ValueError(f"metric {self.name!r}: unknown gold {unknown} (known: {NEEDS})")
        if "\n" in self.description:
            raise ValueError(f"metric {self.name!r}: the description must be one line")

    @property
    def headline_field(self) -> FieldInfo:
        return next(f for f in self.fields if f.name == self.headline)

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, key: str) -> FieldInfo | None:
        """The field a statistic key belongs to: a declared one, or one derived from a
        declared field (``f1_median``, ``f1_macro``, ``f1@dataset`` take ``f1``'s direction);
        ``None`` for a key without a known direction (``cjk_pages``)."""
        for declared in (*self.fields, *self.others):
            if declared.name == key:
                return declared
        base, _, dataset = key.partition("@")
        suffix = ""
        for ending, words in _DERIVED:
            if base.endswith(ending):
                base, suffix = base[: -len(ending)], words
                break
        if base == key:
            return None
        for declared in (*self.fields, *self.others):
            if declared.name == base:
                at = f"@{dataset}" if dataset else ""
                label = " ".join(part for part in (declared.title, suffix, at) if part)
                return replace(declared, name=key, label=label)
        return None

    def direction(self, key: str) -> int:
        """+1 (higher is better), -1 (lower is better) or 0 (no direction) for a key."""
        found = self.field(key)
        return 0 if found is None else found.direction

    def to_json(self) -> dict[str, Any]:
        """What ``summary.json`` keeps, so reports need not import the metric."""
        return {
            "name": self.name,
            "description": self.description,
            "headline": self.headline,
            "fields": [f.to_json() for f in self.fields],
            "needs": list(self.needs),
            "others": [f.to_json() for f in self.others],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> MetricInfo:
        return cls(
            name=str(data["name"]),
            description=str(data.get("description", "")),
            headline=str(data["headline"]),
            fields=tuple(FieldInfo.from_json(f) for f in data["fields"]),
            needs=tuple(data.get("needs", ("text",))),
            others=tuple(FieldInfo.from_json(f) for f in data.get("others", ())),
        )


class Metric(Protocol):
    """A metric: its metadata, a per-page score stored in ``results.jsonl`` and the corpus
    aggregation of those page scores. A module with these attributes is a metric.

    ``aggregate`` returns corpus statistics (at least every field of ``info`` the pages allow)
    and, for ``n_bootstrap > 1``, their bootstrap standard deviations as ``<key>_std``. A
    metric may also offer ``statistic(pages) -> Statistic``: the same statistics on every
    resample of an index array, vectorised; without it each resample calls ``aggregate``
    (right, but about 1 ms per resample).
    """

    info: MetricInfo

    def score_page(self, gold: Gold, text: str) -> dict[str, float]: ...

    def aggregate(
        self, pages: PageScores, seed: int = 0, n_bootstrap: int = 1000
    ) -> dict[str, float]: ...

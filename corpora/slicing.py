"""Slices of a corpus by page label (``page_type=forum``, ``language=zh``, ``level=hard``),
and the counts of every label.

A page's labels are its own (``Page.labels``) and those its gold carries (``language``,
``template``, ``dup_group``). Conditions on one label are alternatives (``page_type=forum``
and ``page_type=product``: either); conditions on different labels must all hold.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import Counter
from collections.abc import Iterable, Sequence

from corpora.corpus import Corpus
from corpora.page import CorpusError, Page

# Labels the gold carries (Page.label reads them from there).
GOLD_LABELS = ("language", "template", "dup_group")
# Not counted by :func:`label_counts`: one value per group of near-duplicates says nothing.
UNCOUNTED = ("dup_group",)
MISSING = "-"


class SliceError(CorpusError):
    """A ``LABEL=VALUE`` condition that is malformed or that no page meets."""


Condition = tuple[str, str]


def parse(condition: str) -> Condition:
    """``"page_type=forum"`` → ``("page_type", "forum")``."""
    label, sep, value = condition.partition("=")
    label, value = label.strip(), value.strip()
    if not sep or not label or not value:
        raise SliceError(f"expected LABEL=VALUE (e.g. page_type=forum), got {condition!r}")
    return label, value


def _conditions(conditions: Iterable[str | Condition]) -> list[Condition]:
    return [parse(c) if isinstance(c, str) else (c[0], c[1]) for c in conditions]


def page_labels(page: Page) -> dict[str, str]:
    """Every label of a page, its own and its gold's."""
    labels = dict(page.labels)
    if page.gold is not None:
        for key in GOLD_LABELS:
            value = getattr(page.gold, key)
            if value is not None and key not in labels:
                labels[key] = value
    return labels


def label_counts(corpus: Corpus, missing: str | None = MISSING) -> dict[str, dict[str, int]]:
    """label → value → pages, labels sorted by name, values most frequent first (ties by
    value); pages without a label count under ``missing`` (``None``: not counted)."""
    counts: dict[str, Counter[str]] = {}
    all_labels = [page_labels(page) for page in corpus.pages]
    for labels in all_labels:
        for key, value in labels.items():
            if key not in UNCOUNTED:
                counts.setdefault(key, Counter())[value] += 1
    if missing is not None:
        for key, counter in counts.items():
            absent = sum(key not in labels for labels in all_labels)
            if absent:
                counter[missing] += absent
    return {
        key: dict(sorted(counts[key].items(), key=lambda kv: (-kv[1], kv[0])))
        for key in sorted(counts)
    }


def _hint(word: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(known), n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""


def where(corpus: Corpus, conditions: Iterable[str | Condition]) -> Corpus:
    """The pages that meet every condition (``"LABEL=VALUE"`` or ``(label, value)``), in the
    corpus's order; errors name the labels, or the label's values, that exist."""
    chosen = _conditions(conditions)
    if not chosen:
        return corpus
    all_labels = [page_labels(page) for page in corpus.pages]
    wanted: dict[str, set[str]] = {}
    for label, value in chosen:
        values = Counter(labels[label] for labels in all_labels if label in labels)
        if not values:
            known = sorted({key for labels in all_labels for key in labels})
            listed = ", ".join(known) if known else "none"
            raise SliceError(
                f"no page of corpus {corpus.name!r} has the label {label!r}"
                f"{_hint(label, known)} (labels: {listed})"
            )
        if value not in values:
            listed = ", ".join(f"{v} ({n})" for v, n in sorted(values.items()))
            raise SliceError(
                f"no page of corpus {corpus.name!r} has {label}={value}"
                f"{_hint(value, list(values))} ({label} values: {listed})"
            )
        wanted.setdefault(label, set()).add(value)
    pages = tuple(
        page
        for page, labels in zip(corpus.pages, all_labels, strict=True)
        if all(labels.get(label) in values for label, values in wanted.items())
    )
    if not pages:
        raise SliceError(f"no page of corpus {corpus.name!r} meets {describe(chosen)}")
    return dataclasses.replace(corpus, pages=pages)


def describe(conditions: Iterable[str | Condition]) -> str:
    """A slice's name: ``page_type=forum|product, language=zh`` (labels in the order first
    given, alternatives joined by ``|``); ``""`` for no condition."""
    grouped: dict[str, list[str]] = {}
    for label, value in _conditions(conditions):
        if value not in grouped.setdefault(label, []):
            grouped[label].append(value)
    return ", ".join(f"{label}={'|'.join(values)}" for label, values in grouped.items())

"""Wording and number formats shared by every report format, so the terminal, Markdown and
HTML reports say the same thing the same way."""

from __future__ import annotations

import numpy as np

from bench import stats
from bench.metrics.base import FieldInfo
from bench.reports.analysis import Analysis, ExtractorRow
from bench.stats import Interval, PairedDifference

DASH = "–"
BARS = "▁▂▃▄▅▆▇█"
HIST_BINS = 10
HISTOGRAM = "histogram 0→1"


def num(value: float | None, digits: int = 3) -> str:
    return DASH if value is None or np.isnan(value) else f"{value:.{digits}f}"


def signed(value: float | None, digits: int = 3) -> str:
    return DASH if value is None else f"{value:+.{digits}f}"


def rate(value: float | None) -> str:
    if value is None:
        return DASH
    return f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


COST = "$/1k pages"  # the header of the cost column


def cost(value: float | None) -> str:
    """USD: ``$1,234``, ``$12.30``, ``$0.0421``; a dash when unknown."""
    if value is None:
        return DASH
    if value >= 100:
        return f"${value:,.0f}"
    return f"${value:.2f}" if value >= 1 else f"${value:.3g}"


def share(value: float | None) -> str:
    return DASH if value is None else f"{value:.0%}"


def bounds(iv: Interval | None, digits: int = 3, fmt: str = "num", compact: bool = False) -> str:
    """``[low, high]`` of an interval (``low–high`` when ``compact``), or a dash when there
    were too few pages."""
    if iv is None or iv.low is None or iv.high is None:
        return DASH
    if fmt == "share":
        low, high = f"{iv.low:.0%}", f"{iv.high:.0%}"
    else:
        low, high = f"{iv.low:.{digits}f}", f"{iv.high:.{digits}f}"
    return f"{low}–{high}" if compact else f"[{low}, {high}]"


def with_bounds(
    iv: Interval | None, digits: int = 3, fmt: str = "num", compact: bool = False
) -> str:
    """``0.953 [0.939, 0.964]`` (``0.953 [0.939–0.964]`` when ``compact``); the value alone
    when there is no interval."""
    if iv is None:
        return DASH
    value = share(iv.value) if fmt == "share" else num(iv.value, digits)
    if iv.low is None:
        return value
    inner = bounds(iv, digits, fmt, compact)
    return f"{value} [{inner}]" if compact else f"{value} {inner}"


def leak_cell(iv: Interval | None) -> str:
    """``12% [5–20%]``: a leak share with its interval."""
    if iv is None:
        return DASH
    if iv.low is None or iv.high is None:
        return share(iv.value)
    return f"{share(iv.value)} [{iv.low * 100:.0f}–{iv.high:.0%}]"


def rank(row: ExtractorRow) -> str:
    if row.rank is None:
        return DASH
    best, worst = row.rank
    return str(best) if best == worst else f"{best}–{worst}"


def p_value(p: float | None, n_resamples: int = stats.N_TEST_RESAMPLES) -> str:
    """``0.032``; at the resolution floor 2/(B+1) of the bootstrap, ``≤0.0002``."""
    if p is None:
        return DASH
    floor = 2 / (n_resamples + 1)
    if p <= floor * 1.0001:
        return f"≤{floor:.1g}"
    return f"{p:.3f}" if p >= 0.001 else f"{p:.1g}"


def failures(row: ExtractorRow) -> str:
    """``3/181 (timeout 2, crashed 1)``: failed pages of all, and their kinds."""
    kinds = ", ".join(f"{k} {v}" for k, v in row.failure_kinds.items())
    return f"{row.failures}/{row.n_pages}" + (f" ({kinds})" if kinds else "")


def verdict(pair: PairedDifference, better: str | None = None) -> str:
    """``trafilatura better`` (``better`` names the better one otherwise, e.g. ``A``)."""
    if not pair.tested:
        return f"not tested (fewer than {stats.MIN_PAGES} pages)"
    if pair.significant:
        return f"{better or pair.a} better"
    return "no significant difference"


def histogram(values: np.ndarray, bins: int = HIST_BINS) -> str:
    """A one-line histogram of page scores over [0, 1] (the tallest bin is █)."""
    if len(values) == 0:
        return ""
    counts, _ = np.histogram(np.clip(values, 0, 1), bins=bins, range=(0.0, 1.0))
    top = counts.max()
    # "·" for an empty bin, so "none" and "a few" (▁) look different
    return "".join("·" if c == 0 else BARS[round(c / top * (len(BARS) - 1))] for c in counts)


def distribution_columns(field: FieldInfo) -> tuple[str, ...]:
    """The per-page distribution's columns for a field: pages at the worst value and on the
    worse half, the quantiles (those of its bad tail), and a histogram for a share."""
    label = field.title
    quantiles = (
        ("p10", "p25", "median", "p75")
        if field.higher_is_better
        else ("p25", "median", "p75", "p90")
    )
    if not field.unit_interval:
        return ("pages", "min", *quantiles, "max")
    worst = (
        (f"{label} = 0", f"{label} < 0.5")
        if field.higher_is_better
        else (f"{label} = 1", f"{label} > 0.5")
    )
    return ("pages", *worst, *quantiles, HISTOGRAM)


def distribution(row: ExtractorRow, field: FieldInfo) -> dict[str, str]:
    """Per-page summary of the headline field: see :func:`distribution_columns`."""
    values = row.page_values()
    if len(values) == 0:
        return {}
    out = {"pages": str(len(values))}
    for q in (10, 25, 50, 75, 90):
        out["median" if q == 50 else f"p{q}"] = num(float(np.percentile(values, q)))
    out["min"], out["max"] = num(float(values.min())), num(float(values.max()))
    label = field.title
    if field.higher_is_better:
        out[f"{label} = 0"] = str(int(np.count_nonzero(values == 0)))
        out[f"{label} < 0.5"] = str(int(np.count_nonzero(values < 0.5)))
    else:
        out[f"{label} = 1"] = str(int(np.count_nonzero(values == 1)))
        out[f"{label} > 0.5"] = str(int(np.count_nonzero(values > 0.5)))
    out[HISTOGRAM] = histogram(values)
    return {column: out[column] for column in distribution_columns(field)}


def relation(pair: PairedDifference, field: FieldInfo) -> str:
    """``a > b`` when higher is better, ``a < b`` when lower is (``a`` is the better)."""
    return f"{pair.a} {'>' if field.higher_is_better else '<'} {pair.b}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 page``, ``2 pages``."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def headline(analysis: Analysis, corpus: bool = True) -> str:
    """``aeb — 181 pages — metric aeb (F1, higher is better) — 95% bootstrap intervals``."""
    run = analysis.run
    pages = analysis.shared_pages or max((r.n_pages for r in analysis.rows), default=0)
    field = analysis.headline
    return (
        (f"{run.corpus_name} — " if corpus else "")
        + f"{plural(pages, 'page')} — metric {run.metric} ({field.title}, {field.better}) — "
        f"{analysis.level:.0%} bootstrap intervals "
        f"({analysis.n_resamples:,} resamples of pages, seed {run.seed})"
    )


def method_note(analysis: Analysis) -> str:
    return (
        f"Intervals: percentile bootstrap, {analysis.n_resamples:,} seeded resamples of pages. "
        f"Pairs: paired bootstrap of the {analysis.headline.title} difference on the "
        f"{plural(analysis.shared_pages, 'page')} every extractor scored "
        f"({analysis.n_test_resamples:,} resamples); p-values Holm-adjusted over all pairs, "
        f"significant when < {stats.ALPHA}. Rank 1–2 means the data cannot order it against "
        f"the others in that range. Read every score beside failures and empty outputs (AEB's "
        f"precision ignores empty outputs). Fewer than {stats.MIN_PAGES} pages: no interval or "
        "test."
    )


def verdict_sentences(analysis: Analysis) -> list[str]:
    """Plain-language summary of the pairwise tests."""
    significant, tied = analysis.verdicts()
    field = analysis.headline
    lines = []
    if significant:
        lines.append(
            f"Significantly different ({field.title}, {field.better}): "
            + "; ".join(f"{relation(p, field)} ({signed(p.diff)})" for p in significant)
            + "."
        )
    if tied:
        lines.append(
            "Not significantly different — do not rank these on this corpus: "
            + "; ".join(f"{p.a} vs {p.b} ({signed(p.diff)}, {bounds_pair(p)})" for p in tied)
            + "."
        )
    untested = [p for p in analysis.pairs if not p.tested]
    if untested:
        lines.append(
            f"{plural(len(untested), 'pair')} not tested: "
            f"fewer than {stats.MIN_PAGES} shared pages."
        )
    return lines


def bounds_pair(pair: PairedDifference) -> str:
    if pair.low is None or pair.high is None:
        return DASH
    return f"[{pair.low:+.3f}, {pair.high:+.3f}]"

"""The HTML report's plots, drawn with matplotlib's object API (no pyplot, so no GUI backend
and no global state) and embedded as inline SVG: sharp at any zoom, text stays text, and
the file needs nothing from the network.

Each function returns SVG markup, or ``None`` when the run has nothing to plot.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, NullFormatter

from bench.dedup.plots import s_curve_svg
from bench.reports import text
from bench.reports.analysis import Analysis, ExtractorRow

_RC = {
    "svg.fonttype": "none",  # text as <text>, styled by the page's fonts
    "svg.hashsalt": "boilerbench",  # stable ids: identical runs give identical files
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "axes.axisbelow": True,
}
_ACCENT = "#1f6feb"
LOG_SPAN = 20  # speeds further apart than this go on a log axis
_SIGNIFICANT = "#1a7f37"


def colors(names: Sequence[str]) -> dict[str, Any]:
    """One color per extractor, the same in every plot."""
    palette = matplotlib.colormaps["tab10"].colors
    return {name: palette[i % len(palette)] for i, name in enumerate(names)}


def to_svg(fig: Figure, name: str) -> str:
    """The figure as inline SVG whose ids are prefixed with ``name`` (several SVGs share a
    document, and matplotlib reuses ids such as ``patch_1``)."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r'id="([^"]+)"', rf'id="{name}-\1"', svg)
    svg = re.sub(r"url\(#([^)]+)\)", rf"url(#{name}-\1)", svg)
    svg = re.sub(r'href="#([^"]+)"', rf'href="#{name}-\1"', svg)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{name}" data-plot="{name}" ', 1)


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(width, height), layout="constrained")
        fig.add_subplot()
    return fig


def _scored(analysis: Analysis) -> list[ExtractorRow]:
    return [row for row in analysis.rows if row.scores.get(analysis.headline.name) is not None]


def _axis_label(analysis: Analysis) -> str:
    """``F1 (aeb, higher is better)``."""
    field = analysis.headline
    return f"{field.title} ({analysis.run.metric}, {field.better})"


def score_intervals(analysis: Analysis) -> str | None:
    """The headline per extractor with its 95% interval, best at the top."""
    rows = _scored(analysis)
    if not rows:
        return None
    key, field = analysis.headline.name, analysis.headline
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 0.45 * len(rows) + 1.1)
        ax = fig.axes[0]
        y = np.arange(len(rows))[::-1]
        for yi, row in zip(y, rows, strict=True):
            iv = row.scores[key]
            if iv.low is not None and iv.high is not None:
                ax.plot([iv.low, iv.high], [yi, yi], color=_ACCENT, lw=2.5, solid_capstyle="butt")
            ax.plot([iv.value], [yi], "o", color="white", mec=_ACCENT, mew=2, ms=7)
            label = f"{iv.value:.3f}"
            if row.rank is not None:
                label += f"   rank {row.rank[0]}" + (
                    f"–{row.rank[1]}" if row.rank[1] != row.rank[0] else ""
                )
            ax.annotate(
                label,
                (1.0, yi),
                xycoords=("axes fraction", "data"),
                xytext=(6, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(y, [row.extractor for row in rows])
        ax.set_xlabel(f"{_axis_label(analysis)} with 95% bootstrap interval")
        lows = [
            r.scores[key].low if r.scores[key].low is not None else r.scores[key].value
            for r in rows
        ]
        highs = [
            r.scores[key].high if r.scores[key].high is not None else r.scores[key].value
            for r in rows
        ]
        if field.unit_interval and field.higher_is_better:
            low = min(lows)
            ax.set_xlim(max(0.0, low - 0.05 * max(0.05, 1 - low)), 1.0)
        elif field.unit_interval:
            high = max(highs)
            ax.set_xlim(0.0, min(1.0, high + 0.05 * max(0.05, high)))
        else:
            ax.margins(x=0.1)
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.grid(axis="y", visible=False)
    return to_svg(fig, "score-intervals")


def speed_vs_score(analysis: Analysis) -> str | None:
    """Pages per second (log scale) against the headline with its interval."""
    rows = [r for r in _scored(analysis) if r.pages_per_s]
    if not rows:
        return None
    key = analysis.headline.name
    palette = colors(analysis.run.extractors)
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 4.2)
        ax = fig.axes[0]
        for row in rows:
            iv = row.scores[key]
            yerr = None
            if iv.low is not None and iv.high is not None:
                yerr = [[iv.value - iv.low], [iv.high - iv.value]]
            ax.errorbar(
                [row.pages_per_s],
                [iv.value],
                yerr=yerr,
                fmt="o",
                ms=7,
                capsize=3,
                color=palette[row.extractor],
            )
            ax.annotate(
                row.extractor,
                (row.pages_per_s, iv.value),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=8,
            )
        speeds = [row.pages_per_s for row in rows]
        scale = "linear"
        if max(speeds) / min(speeds) > LOG_SPAN:  # baselines are 10,000× faster than tools
            scale = "log"
            ax.set_xscale("log")
            ax.xaxis.set_minor_formatter(NullFormatter())
            ax.margins(x=0.25)
        else:
            ax.set_xlim(0, max(speeds) * 1.25)
        plain = FuncFormatter(lambda value, _: f"{value:,.0f}" if value >= 10 else f"{value:g}")
        ax.xaxis.set_major_formatter(plain)
        ax.set_xlabel(f"pages per second, one worker ({scale} scale; higher is faster)")
        ax.set_ylabel(f"{_axis_label(analysis)} with 95% interval")
        ax.margins(y=0.12)
    return to_svg(fig, "speed-vs-score")


def cost_vs_score(analysis: Analysis) -> str | None:
    """USD per 1,000 pages of each priced extractor (an ``llm:`` endpoint) against its
    headline with its interval; the extractors without a price (local ones) are dashed
    horizontal lines at their headline, what a model must beat to be worth its cost."""
    rows = _scored(analysis)
    priced = [r for r in rows if r.cost_per_1000_pages is not None]
    if not priced:
        return None
    key = analysis.headline.name
    palette = colors(analysis.run.extractors)
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 4.2)
        ax = fig.axes[0]
        for row in priced:
            iv = row.scores[key]
            yerr = None
            if iv.low is not None and iv.high is not None:
                yerr = [[iv.value - iv.low], [iv.high - iv.value]]
            x = row.cost_per_1000_pages
            color = palette[row.extractor]
            ax.errorbar([x], [iv.value], yerr=yerr, fmt="o", ms=7, capsize=3, color=color)
            label = f"{row.extractor} ({text.cost(x)})"
            ax.annotate(label, (x, iv.value), xytext=(6, 4), textcoords="offset points", fontsize=8)
        for row in rows:
            if row.cost_per_1000_pages is None:
                value = row.scores[key].value
                ax.axhline(value, color=palette[row.extractor], ls="--", lw=0.9, alpha=0.8)
                ax.annotate(
                    f"{row.extractor} (no price)",
                    (1.0, value),
                    xycoords=("axes fraction", "data"),
                    xytext=(-4, 3),
                    textcoords="offset points",
                    ha="right",
                    fontsize=7.5,
                    color="#555555",
                )
        costs = [r.cost_per_1000_pages or 0.0 for r in priced]
        ax.set_xlim(0, max(max(costs) * 1.3, 1e-6))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda value, _: text.cost(value)))
        ax.set_xlabel("USD per 1,000 pages (endpoint tokens × the prices given; lower is cheaper)")
        ax.set_ylabel(f"{_axis_label(analysis)} with 95% interval")
        ax.margins(y=0.12)
    return to_svg(fig, "cost-vs-score")


def page_distribution(analysis: Analysis) -> str | None:
    """Per-page headline of each extractor: a box plot over the pages, every page a dot."""
    rows = [r for r in analysis.rows if len(r.page_values())]
    if not rows:
        return None
    field = analysis.headline
    rng = np.random.default_rng(0)  # jitter only; fixed so the file is reproducible
    palette = colors(analysis.run.extractors)
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, 0.55 * len(rows) + 1.2)
        ax = fig.axes[0]
        y = np.arange(len(rows))[::-1]
        values = [row.page_values() for row in rows]
        ax.boxplot(
            values,
            positions=y,
            orientation="horizontal",
            widths=0.55,
            showfliers=False,
            medianprops={"color": "black"},
            boxprops={"color": "#555555"},
            whiskerprops={"color": "#555555"},
            capprops={"color": "#555555"},
        )
        for yi, row, vals in zip(y, rows, values, strict=True):
            ax.scatter(
                vals,
                yi + rng.uniform(-0.22, 0.22, len(vals)),
                s=6,
                alpha=0.35,
                color=palette[row.extractor],
                linewidths=0,
            )
        ax.set_yticks(y, [row.extractor for row in rows])
        ax.set_xlabel(
            f"{_axis_label(analysis)} of each page (box: quartiles and median; dots: pages)"
        )
        if field.unit_interval:
            ax.set_xlim(-0.03, 1.03)
        ax.grid(axis="y", visible=False)
    return to_svg(fig, "page-distribution")


def noise_heatmap(analysis: Analysis) -> str | None:
    """Share of inserted boilerplate blocks that leaked: noise types (rows) × extractors."""
    kinds = analysis.noise_kinds
    rows = [r for r in analysis.rows if r.noise_leak]
    if not kinds or not rows:
        return None
    matrix = np.array(
        [[r.noise_leak[k].value if k in r.noise_leak else np.nan for r in rows] for k in kinds]
    )
    with matplotlib.rc_context(_RC):
        fig = _figure(0.95 * len(rows) + 3.2, 0.3 * len(kinds) + 1.4)
        ax = fig.axes[0]
        image = ax.imshow(np.ma.masked_invalid(matrix), cmap="Reds", vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(np.arange(len(rows)), [r.extractor for r in rows], rotation=30, ha="right")
        ax.set_yticks(np.arange(len(kinds)), kinds)
        ax.grid(False)
        for i in range(len(kinds)):
            for j in range(len(rows)):
                if not np.isnan(matrix[i, j]):
                    ax.text(
                        j,
                        i,
                        f"{matrix[i, j]:.0%}",
                        ha="center",
                        va="center",
                        fontsize=7.5,
                        color="white" if matrix[i, j] > 0.6 else "black",
                    )
        fig.colorbar(image, ax=ax, label="share leaked", shrink=0.6)
    return to_svg(fig, "noise-heatmap")


def dedup_precision_recall(dedup: dict[str, Any]) -> str | None:
    """Near-duplicate detection: pairwise precision against recall for each text source."""
    rows = [r for r in dedup.get("results", []) if "pairwise" in r]
    if not rows:
        return None
    settings = dedup.get("settings", {})
    with matplotlib.rc_context(_RC):
        fig = _figure(6.0, 4.6)
        ax = fig.axes[0]
        grid = np.linspace(0.01, 1, 200)
        for f1 in (0.2, 0.4, 0.6, 0.8):  # iso-F1 curves to read the trade-off
            with np.errstate(divide="ignore", invalid="ignore"):
                precision = f1 * grid / (2 * grid - f1)
            ok = (precision > 0) & (precision <= 1.05)
            ax.plot(grid[ok], precision[ok], color="#dddddd", lw=0.8, zorder=0)
            ax.annotate(f"F1={f1}", (1.0, f1 / (2 - f1)), fontsize=7, color="#999999")
        palette = colors([r["extractor"] for r in rows])
        for row in rows:
            p = row["pairwise"]
            ax.plot([p["recall"]], [p["precision"]], "o", ms=8, color=palette[row["extractor"]])
            ax.annotate(
                row["extractor"],
                (p["recall"], p["precision"]),
                xytext=(6, 4),
                textcoords="offset points",
                fontsize=8,
            )
        ax.set_xlim(-0.03, 1.1)
        ax.set_ylim(-0.03, 1.08)
        ax.set_xlabel("pairwise recall (duplicate pairs found)")
        ax.set_ylabel("pairwise precision")
        if settings:
            ax.set_title(f"near-duplicates at Jaccard ≥ {settings.get('threshold')}", fontsize=9)
    return to_svg(fig, "dedup-pr")


def all_plots(analysis: Analysis, dedup: dict[str, Any] | None) -> dict[str, str]:
    """Every plot this run supports, by name, in display order."""
    label = analysis.headline.title
    plots = {
        f"{label} with 95% intervals": score_intervals(analysis),
        f"Speed against {label}": speed_vs_score(analysis),
        f"Cost against {label}": cost_vs_score(analysis),
        f"Per-page {label}": page_distribution(analysis),
        "Noise leak": noise_heatmap(analysis),
        "Near-duplicate detection": dedup_precision_recall(dedup) if dedup else None,
        "Near-duplicate S-curve": s_curve_svg(dedup) if dedup else None,
    }
    return {title: svg for title, svg in plots.items() if svg is not None}

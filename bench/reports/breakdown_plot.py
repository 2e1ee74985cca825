"""The HTML report's plot of a breakdown: one row per label value, one interval per extractor
(the headline with its 95% interval, the extractor's color the same as in every other
plot), so a user sees at a glance where extractors part ways (forums, products) and where
they tie (articles)."""

from __future__ import annotations

import matplotlib
import numpy as np
from matplotlib.lines import Line2D

from bench.reports.analysis import Analysis
from bench.reports.breakdowns import Matrix
from bench.reports.plots import _RC, _axis_label, _figure, colors, to_svg

ROW_HEIGHT = 0.17  # inches per extractor within a value's row


def breakdown_intervals(analysis: Analysis, m: Matrix) -> str | None:
    """The matrix of one label as a dot-and-interval plot; ``None`` when nothing is scored."""
    if not m.cells:
        return None
    field = analysis.headline
    palette = colors(analysis.run.extractors)
    n = len(m.extractors)
    # values top to bottom; the extractors of a value spread around its row, best first
    offsets = (np.arange(n)[::-1] - (n - 1) / 2) * (0.8 / max(n, 1))
    with matplotlib.rc_context(_RC):
        fig = _figure(7.5, max(ROW_HEIGHT * n * len(m.values) + 1.4, 2.2))
        ax = fig.axes[0]
        y = np.arange(len(m.values))[::-1]
        lows, highs = [], []
        for yi, value in zip(y, m.values, strict=True):
            for offset, extractor in zip(offsets, m.extractors, strict=True):
                iv = m.cell(value, extractor)
                if iv is None:
                    continue
                color = palette.get(extractor, "#555555")
                at = yi + offset
                if iv.low is not None and iv.high is not None:
                    ax.plot([iv.low, iv.high], [at, at], color=color, lw=2, solid_capstyle="butt")
                    lows.append(iv.low)
                    highs.append(iv.high)
                lows.append(iv.value)
                highs.append(iv.value)
                ax.plot([iv.value], [at], "o", color="white", mec=color, mew=1.8, ms=5)
        ax.set_yticks(y, [f"{v} ({m.n_pages.get(v, 0)})" for v in m.values])
        for yi in y[:-1]:
            ax.axhline(yi - 0.5, color="#e3e3e3", lw=0.8)
        ax.set_ylim(-0.6, len(m.values) - 0.4)
        ax.grid(axis="y", visible=False)
        if field.unit_interval:
            span = max(highs) - min(lows)
            ax.set_xlim(max(0.0, min(lows) - 0.05 * span - 0.01), min(1.0, max(highs) + 0.01))
        else:
            ax.margins(x=0.08)
        ax.set_xlabel(f"{_axis_label(analysis)} with 95% interval, by {m.label} (pages)")
        handles = [
            Line2D([], [], color=palette.get(e, "#555555"), marker="o", mfc="white", lw=2, label=e)
            for e in m.extractors
        ]
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=8,
        )
    return to_svg(fig, f"breakdown-{_slug(m.label)}")


def _slug(label: str) -> str:
    """A label as part of an SVG id."""
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in label)

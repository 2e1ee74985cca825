"""The S-curve plot (measured share of gold pairs that became candidates against the
theoretical ``1 - (1 - s^r)^b``) and a self-contained HTML page for a dedup report."""

from __future__ import annotations

from html import escape
from typing import Any

__all__ = ["dedup_html", "s_curve_svg"]

_COLORS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


def s_curve_svg(report: dict[str, Any]) -> str | None:
    """Measured candidate share per Jaccard bin for each row with an S-curve (one row per
    text and method; clustering does not change candidates), with the theoretical curves."""
    rows = []
    seen = set()
    for row in report.get("results", []):
        curve = row.get("s_curve")
        key = (row.get("text"), row.get("method"))
        if curve and curve.get("gold_pairs") and key not in seen:
            seen.add(key)
            rows.append(row)
    if not rows:
        return None
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6.4, 4.4), layout="constrained")
    ax = fig.add_subplot()
    drawn_theory: set[tuple[int, int]] = set()
    for k, row in enumerate(rows):
        color = _COLORS[k % len(_COLORS)]
        curve = row["s_curve"]
        label = " · ".join(x for x in (row.get("text"), row.get("method")) if x)
        theory = curve.get("theory_curve")
        if theory and (curve["bands"], curve["rows"]) not in drawn_theory:
            drawn_theory.add((curve["bands"], curve["rows"]))
            ax.plot(
                theory["jaccard"],
                theory["probability"],
                color=color,
                lw=1,
                ls="--",
                label=f"theory b={curve['bands']} r={curve['rows']}",
            )
        bins = [b for b in curve["bins"] if b["pairs"]]
        mids = [(b["jaccard_from"] + b["jaccard_to"]) / 2 for b in bins]
        ax.plot(mids, [b["share"] for b in bins], "o-", color=color, ms=5, lw=1.2, label=label)
    threshold = report.get("settings", {}).get("threshold")
    if threshold is not None:
        ax.axvline(threshold, color="#999999", lw=0.8, ls=":")
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlabel("exact Jaccard of a gold duplicate pair")
    ax.set_ylabel("share that became an LSH candidate")
    ax.legend(fontsize=7, loc="upper left")
    from bench.reports.plots import to_svg

    return to_svg(fig, "dedup-s-curve")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def dedup_html(report: dict[str, Any]) -> str:
    """One HTML page: the rows, the largest clusters of the first row, the S-curve."""
    gold = report.get("gold")
    head = ["text", "method", "clustering", "documents", "clusters", "removed", "largest"]
    if gold:
        head += ["precision", "recall", "F1", "ARI", "false merges"]
    head += ["docs/s", "peak MB"]
    body = []
    for row in report.get("results", []):
        cells = [
            row.get("text"),
            row.get("method"),
            row.get("clustering"),
            row.get("documents"),
            row.get("clusters"),
            row.get("duplicates_removed"),
            row.get("largest_cluster"),
        ]
        if gold:
            p = row.get("pairwise", {})
            cells += [p.get("precision"), p.get("recall"), p.get("f1"), row.get("ari")]
            cells += [row.get("false_merges")]
        cells += [round(row.get("docs_per_s") or 0), row.get("peak_memory_mb")]
        body.append("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in cells) + "</tr>")
    note = "" if gold else f"<p class='note'>{escape(report.get('no_gold_reason') or '')}</p>"
    svg = s_curve_svg(report) if gold else None
    plot = f"<h2>S-curve of the gold pairs</h2><figure>{svg}</figure>" if svg else ""
    title = f"boilerbench dedup — {escape(str(report.get('corpus')))}"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}}
table{{border-collapse:collapse}}td,th{{padding:.2rem .6rem;border-bottom:1px solid #ddd;
text-align:right}}td:nth-child(-n+3),th:nth-child(-n+3){{text-align:left}}
.note{{color:#805000}}</style></head><body>
<h1>{title}</h1><p>{report.get("documents")} documents</p>{note}
<table><thead><tr>{"".join(f"<th>{escape(h)}</th>" for h in head)}</tr></thead>
<tbody>{"".join(body)}</tbody></table>{plot}</body></html>
"""

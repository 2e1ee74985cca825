"""The self-contained HTML report: one file with inline CSS, JS and SVG plots that works
offline — tables with intervals, significance verdicts, plots, breakdowns, near-duplicate
scores when the run has them, and a per-page view of gold against every output."""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from importlib import resources
from typing import Any

from bench.reports import structure, text
from bench.reports.analysis import Analysis, GroupRow
from bench.reports.breakdown_plot import breakdown_intervals
from bench.reports.breakdowns import matrix
from bench.reports.pageview import MAX_PAGES, pages_data
from bench.reports.plots import all_plots
from bench.stats import Interval


def _asset(name: str) -> str:
    return resources.files("bench.reports").joinpath("assets", name).read_text(encoding="utf-8")


def _table(header: Sequence[tuple[str, bool]], rows: Sequence[str], cls: str = "") -> str:
    """``header``: (label, numeric) pairs; ``rows``: ready ``<tr>`` markup."""
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if numeric else f"<th>{escape(h)}</th>"
        for h, numeric in header
    )
    return (
        f'<div class="table-wrap"><table class="{cls}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _td(value: str, cls: str = "num") -> str:
    return f'<td class="{cls}">{escape(value)}</td>'


def _td_interval(iv: Interval | None, fmt: str = "num") -> str:
    if iv is None:
        return _td(text.DASH)
    value = text.share(iv.value) if fmt == "share" else text.num(iv.value)
    ci = text.bounds(iv, fmt=fmt, compact=True) if iv.low is not None else ""
    return f'<td class="num">{escape(value)}<span class="ci">{escape(ci)}</span></td>'


def main_table(analysis: Analysis) -> str:
    keys = analysis.shown_keys
    header = [("rank", True), ("extractor", False), ("version", False)]
    header += [(f"{analysis.label(k)} (95% CI)", True) for k in keys]
    priced = any(row.cost_per_1000_pages is not None for row in analysis.rows)
    header += [("pages/s", True), *([(text.COST, True)] if priced else [])]
    header += [("failures", True), ("empty", True)]
    rows = []
    for row in analysis.rows:
        cells = [
            _td(text.rank(row)),
            f"<td><b>{escape(row.extractor)}</b></td>",
            _td(row.version, ""),
            *(_td_interval(row.scores.get(k)) for k in keys),
            _td(text.rate(row.pages_per_s)),
            *([_td(text.cost(row.cost_per_1000_pages))] if priced else []),
            _td(text.failures(row)),
            _td(str(row.empty)),
        ]
        rows.append(f'<tr data-extractor="{escape(row.extractor)}">{"".join(cells)}</tr>')
    return _table(header, rows, "main")


def pairs_table(analysis: Analysis) -> str:
    """The tested pairs (untested ones are a line of the verdicts)."""
    b = analysis.n_test_resamples
    header = [
        ("A", False),
        ("B", False),
        (f"{analysis.headline.title} A − B", True),
        ("95% CI", True),
        ("p", True),
        ("p (Holm)", True),
        ("verdict", False),
    ]
    rows = []
    for pair in (p for p in analysis.pairs if p.tested):
        cls = "sig" if pair.significant else "tie"
        rows.append(
            "<tr>"
            + _td(pair.a, "")
            + _td(pair.b, "")
            + _td(text.signed(pair.diff))
            + _td(text.bounds_pair(pair))
            + _td(text.p_value(pair.p_value, b))
            + _td(text.p_value(pair.p_adjusted, b))
            + _td(text.verdict(pair), cls)
            + "</tr>"
        )
    return _table(header, rows, "pairs")


def distribution_table(analysis: Analysis) -> str:
    field = analysis.headline
    columns = text.distribution_columns(field)
    header = [
        ("extractor", False),
        *((c, c != text.HISTOGRAM) for c in columns),
        ("failures", True),
        ("empty", True),
    ]
    rows = []
    for row in analysis.rows:
        dist = text.distribution(row, field)
        rows.append(
            "<tr>"
            + _td(row.extractor, "")
            + "".join(
                _td(dist.get(c, ""), "hist") if c == text.HISTOGRAM else _td(dist.get(c, text.DASH))
                for c in columns
            )
            + _td(str(row.failures))
            + _td(str(row.empty))
            + "</tr>"
        )
    return _table(header, rows, "distribution")


def noise_table(analysis: Analysis) -> str:
    header = [("noise type", False), *((row.extractor, True) for row in analysis.rows)]
    rows = [
        "<tr>"
        + _td(kind, "")
        + "".join(_td_interval(row.noise_leak.get(kind), "share") for row in analysis.rows)
        + "</tr>"
        for kind in analysis.noise_kinds
    ]
    if any(row.title_repeats is not None for row in analysis.rows):
        rows.append(
            "<tr>"
            + _td("title repeats (extra copies per page)", "")
            + "".join(_td_interval(row.title_repeats) for row in analysis.rows)
            + "</tr>"
        )
    return _table(header, rows, "noise")


def _group_cell(analysis: Analysis, group: GroupRow) -> str:
    headline = group.scores.get(analysis.headline.name)
    others = [k for k in analysis.shown_keys if k != analysis.headline.name]
    tip = " · ".join(
        f"{analysis.label(k)} {text.num(group.scores[k].value if k in group.scores else None)}"
        for k in others
    )
    lines = [escape(text.num(headline.value if headline else None))]
    if headline is not None and headline.low is not None:
        lines.append(f'<span class="ci">{escape(text.bounds(headline, compact=True))}</span>')
    if group.leak is not None:
        lines.append(f'<span class="ci">leaked {escape(text.leak_cell(group.leak))}</span>')
    trouble = [f"{group.empty} empty"] * bool(group.empty) + [f"{group.failures} failed"] * bool(
        group.failures
    )
    if trouble:
        lines.append(f'<span class="ci warn">{escape(" · ".join(trouble))}</span>')
    return f'<td class="num" title="{escape(tip)}">{"".join(lines)}</td>'


def breakdown_table(analysis: Analysis, groups: Sequence[GroupRow], by: str) -> str:
    """Label values (rows) × extractors: the headline with its interval, the leak share of
    that noise type for ``noise``, and the empty outputs and failures among those pages."""
    extractors = list(dict.fromkeys(g.extractor for g in groups))
    values = list(dict.fromkeys(g.value for g in groups))
    cells = {(g.value, g.extractor): g for g in groups}
    label = analysis.headline.title
    header = [(by, False), ("pages", True), *((f"{e} {label}", True) for e in extractors)]
    rows = []
    for value in values:
        first = cells[(value, extractors[0])]
        rows.append(
            "<tr>"
            + _td(value, "")
            + _td(str(first.n_pages))
            + "".join(
                _group_cell(analysis, cells[(value, e)]) if (value, e) in cells else _td(text.DASH)
                for e in extractors
            )
            + "</tr>"
        )
    return _table(header, rows, "breakdown")


def breakdowns_section(analysis: Analysis, by: str | None = None) -> str:
    """Every label of the run (``by`` first when given): its plot (one row per value, one
    interval per extractor) above its table; the first is open."""
    labels = analysis.labels_available()
    ordered = [*([by] if by in labels else []), *(b for b in labels if b != by)]
    parts = []
    for i, label in enumerate(ordered):
        svg = breakdown_intervals(analysis, matrix(analysis, label))
        plot = (
            f'<figure data-title="by {escape(label)}"><figcaption>'
            f"{escape(analysis.headline.title)} by {escape(label)} with 95% intervals"
            f"</figcaption>{svg}</figure>"
            if svg
            else ""
        )
        parts.append(
            f"<details {'open' if i == 0 else ''}><summary>by {escape(label)}</summary>"
            f"{plot}{breakdown_table(analysis, analysis.breakdown(label), label)}</details>"
        )
    return "".join(parts)


def dedup_table(dedup: dict[str, Any]) -> str:
    header = [
        ("text", False),
        ("pair precision", True),
        ("pair recall", True),
        ("pair F1", True),
        ("ARI", True),
        ("false merges", True),
        ("clusters", True),
        ("empty texts", True),
    ]
    rows = []
    for row in dedup.get("results", []):
        p = row.get("pairwise", {})
        rows.append(
            "<tr>"
            + _td(str(row.get("extractor", "")), "")
            + _td(text.num(p.get("precision")))
            + _td(text.num(p.get("recall")))
            + _td(text.num(p.get("f1")))
            + _td(text.num(row.get("ari")))
            + _td(str(row.get("false_merges", text.DASH)))
            + _td(str(row.get("clusters", text.DASH)))
            + _td(str(row.get("empty_texts", text.DASH)))
            + "</tr>"
        )
    return _table(header, rows, "dedup")


def _meta(analysis: Analysis) -> str:
    m = analysis.run.manifest
    versions = ", ".join(
        f"{e['name']} {e['version']}" for e in m.get("extractors", []) if e.get("version")
    )
    machine = m.get("machine", {})
    parts = [
        f"run <code>{escape(str(analysis.run.root))}</code>",
        f"created {escape(str(m.get('created', '?')))}",
        f"boilerbench {escape(str(m.get('tool_version', '?')))}"
        + (f" ({escape(str(m['git_sha'])[:10])})" if m.get("git_sha") else ""),
        f"corpus {escape(analysis.run.corpus_name)} "
        f"<code>{escape(analysis.run.checksum[:12])}</code>",
        f"Python {escape(str(machine.get('python', '?')))} on {machine.get('cpu_count', '?')} CPUs",
        f"seed {analysis.run.seed}",
    ]
    return (
        f'<p class="meta">{" · ".join(parts)}</p><p class="meta">versions: {escape(versions)}</p>'
    )


def _pages_section(analysis: Analysis, max_pages: int) -> str:
    data = pages_data(analysis, max_pages)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c")  # nothing in the data can close the script
    if not data["pages"]:
        note = data.get("note") or "no pages with gold text"
        return f'<p class="note">Per-page view unavailable: {escape(note)}</p>'
    note = f'<p class="meta">{escape(data["note"])}</p>' if data["note"] else ""
    return f"""
<p class="legend meta">Pages where the extractors disagree most come first. In the gold,
<mark class="miss">marked text</mark> is what the extractor missed; in its output,
<mark class="extra">marked text</mark> is not in the gold (kept boilerplate). Marked are the
words that share no 4-word shingle with the other text (AEB's unit, whatever the metric).
Keys ← → switch pages.</p>
{note}
<div class="pv-controls">
  <button id="pv-prev" type="button">← previous</button>
  <select id="pv-select" aria-label="page"></select>
  <button id="pv-next" type="button">next →</button>
  <span id="pv-counter" class="meta"></span>
</div>
<div id="pv-view"></div>
<script type="application/json" id="pages-data">{payload}</script>"""


def render(
    analysis: Analysis,
    *,
    dedup: dict[str, Any] | None = None,
    by: str | None = None,
    max_pages: int = MAX_PAGES,
) -> str:
    """The whole report as one HTML document."""
    run = analysis.run
    sections: list[tuple[str, str, str]] = []  # (id, title, body)
    notes = "".join(f'<p class="note">{escape(n)}</p>' for n in run.notes)
    verdicts = "".join(f"<li>{escape(line)}</li>" for line in text.verdict_sentences(analysis))
    summary = main_table(analysis) + notes
    if analysis.pairs:
        summary += f"<h3>Which differences are significant</h3><ul class='verdicts'>{verdicts}</ul>"
        if any(pair.tested for pair in analysis.pairs):
            summary += pairs_table(analysis)
    sections.append(("summary", "Scores", summary))
    figures = "".join(
        f'<figure data-title="{escape(title)}"><figcaption>{escape(title)}</figcaption>'
        f"{svg}</figure>"
        for title, svg in all_plots(analysis, dedup).items()
    )
    sections.append(("plots", "Plots", f'<div class="plots">{figures}</div>'))
    if (structure_part := structure.html_section(analysis)) is not None:
        sections.append(("structure", "Structure", structure_part))
    title = f"Per-page {analysis.headline.title} distribution"
    sections.append(("distribution", title, distribution_table(analysis)))
    if analysis.noise_kinds:
        sections.append(("noise", "Noise leak", noise_table(analysis)))
    if analysis.labels_available():
        sections.append(("breakdowns", "Breakdowns", breakdowns_section(analysis, by)))
    if dedup and dedup.get("results"):
        sections.append(("dedup", "Near-duplicate detection", dedup_table(dedup)))
    sections.append(("pages", "Page by page", _pages_section(analysis, max_pages)))
    toc = "".join(f'<a href="#{sid}">{escape(title)}</a>' for sid, title, _ in sections)
    body = "".join(
        f'<section id="{sid}"><h2>{escape(title)}</h2>{content}</section>'
        for sid, title, content in sections
    )
    title = f"boilerbench — {run.corpus_name}"
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<style>{_asset("report.css")}</style>
</head>
<body>
<header>
<h1>boilerbench report — {escape(run.corpus_name)}</h1>
<p class="lead">{escape(text.headline(analysis, corpus=False))}</p>
{_meta(analysis)}
<nav class="toc">{toc}</nav>
</header>
<main>{body}</main>
<footer><p>{escape(text.method_note(analysis))}</p></footer>
<script>{_asset("report.js")}</script>
</body>
</html>
"""

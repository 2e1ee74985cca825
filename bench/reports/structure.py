"""The structure section of reports: a table of every extractor's F1 per block type (with
95% intervals), a plot of it, and, for the page view, the gold's and an output's blocks side
by side with what the alignment paired, missed and added. Shown when the run computed the
``structure`` metric; the other renderers call these functions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bench.reports import text
from bench.reports.analysis import Analysis
from bench.stats import Interval
from bench.structure import align, gold_blocks, parse
from bench.structure.blocks import CODE, HEADING, TABLE, TYPES, Block
from corpora.page import Page

METRIC = "structure"
# The table's columns: the headline, F1 per block type, then the finer figures.
COLUMNS = (
    ("structure_f1", "structure F1"),
    *((f"{kind}_f1", kind) for kind in TYPES),
    ("heading_level_accuracy", "heading levels"),
    ("table_teds", "table TEDS"),
    ("code_exact", "code exact"),
)
# A missed gold block of these types is marked more strongly in the page view.
STRONG = (HEADING, TABLE, CODE)
MAX_BLOCKS = 400  # blocks of one side shown per page in the page view
MAX_TEXT = 120  # characters of a block's text shown (a paired output block: half)


def rows(analysis: Analysis) -> list[tuple[str, dict[str, Interval]]]:
    """``(extractor, field → interval)`` for every extractor with structure scores, in the
    report's order; empty when the run did not compute ``structure``."""
    summary = analysis.run.summary
    if METRIC not in {m.name for m in summary.metrics}:
        return []
    out = []
    for row in analysis.rows:
        stored = summary.row(row.extractor)
        scores = stored.scores.get(METRIC) if stored is not None else None
        if scores is not None and scores.values:
            out.append((row.extractor, scores.intervals()))
    return out


def columns(table: Sequence[tuple[str, dict[str, Interval]]]) -> list[tuple[str, str]]:
    """The columns some extractor has a value for (a corpus without code has no code F1)."""
    return [(key, label) for key, label in COLUMNS if any(key in ivs for _, ivs in table)]


def cell(iv: Interval | None) -> tuple[str, str]:
    """A value and its compact interval, as text."""
    if iv is None:
        return text.DASH, ""
    bounds = text.bounds(iv, compact=True) if iv.low is not None else ""
    return text.num(iv.value), bounds


def markdown_table(analysis: Analysis) -> str | None:
    """The structure table in Markdown, ``None`` without structure scores."""
    table = rows(analysis)
    if not table:
        return None
    cols = columns(table)
    lines = [
        "| extractor | " + " | ".join(label for _, label in cols) + " |",
        "| --- |" + " ---: |" * len(cols),
    ]
    for name, ivs in table:
        cells = []
        for key, _ in cols:
            value, bounds = cell(ivs.get(key))
            cells.append(f"{value} <sub>{bounds}</sub>" if bounds else value)
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def terminal_table(analysis: Analysis, width: int) -> Any:
    """The structure table for the terminal (rich), ``None`` without structure scores."""
    from rich.text import Text

    from bench.reports.fit import Column, table

    data = rows(analysis)
    if not data:
        return None
    cols = [Column("extractor", [name for name, _ in data], "left", kind="name")]
    for priority, (key, label) in enumerate(columns(data)):
        cells = []
        for _, ivs in data:
            value, bounds = cell(ivs.get(key))
            entry = Text(value, style="bold" if key == "structure_f1" else "")
            if bounds:
                entry.append("\n" + bounds, style="dim")
            cells.append(entry)
        cols.append(Column(f"{label}\n95% CI", cells, priority=0 if priority == 0 else priority))
    title = "structure: F1 of aligned blocks per type (pages whose gold has the type)"
    return table(title, cols, width)


def html_table(analysis: Analysis) -> str | None:
    """The structure table as HTML, ``None`` without structure scores."""
    from html import escape

    data = rows(analysis)
    if not data:
        return None
    cols = columns(data)
    head = "<th>extractor</th>" + "".join(f'<th class="num">{escape(lbl)}</th>' for _, lbl in cols)
    body = []
    for name, ivs in data:
        cells = "".join(
            f'<td class="num">{escape(v)}<span class="ci">{escape(b)}</span></td>'
            for v, b in (cell(ivs.get(key)) for key, _ in cols)
        )
        body.append(
            f'<tr data-extractor="{escape(name)}"><td><b>{escape(name)}</b></td>{cells}</tr>'
        )
    note = (
        '<p class="meta">F1 of gold and output blocks aligned in order (same type, token F1 '
        "≥ 0.8), per block type, over the pages whose gold has that type; structure F1 is "
        "the mean over the gold's types (docs/metrics.md, Structure).</p>"
    )
    return (
        f'<div class="table-wrap"><table class="structure"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>{note}"
    )


def html_section(analysis: Analysis) -> str | None:
    """The HTML report's structure section: the table and its plot."""
    table = html_table(analysis)
    if table is None:
        return None
    svg = plot(analysis)
    figure = (
        '<figure data-title="Structure F1 per block type"><figcaption>Structure F1 per block '
        f"type (95% intervals)</figcaption>{svg}</figure>"
        if svg
        else ""
    )
    return table + figure


def plot(analysis: Analysis) -> str | None:
    """F1 per block type, one bar per extractor, with 95% intervals (SVG)."""
    import matplotlib

    from bench.reports.plots import _RC, _figure, colors, to_svg

    data = rows(analysis)
    kinds = [k for k in TYPES if any(f"{k}_f1" in ivs for _, ivs in data)]
    if not data or not kinds:
        return None
    palette = colors([name for name, _ in data])
    with matplotlib.rc_context(_RC):
        fig = _figure(max(6.0, 1.1 * len(kinds) + 2.5), 3.2)
        ax = fig.axes[0]
        width = 0.8 / len(data)
        x = np.arange(len(kinds))
        for i, (name, ivs) in enumerate(data):
            values = [ivs[f"{k}_f1"].value if f"{k}_f1" in ivs else np.nan for k in kinds]
            low = [
                v - ivs[f"{k}_f1"].low if f"{k}_f1" in ivs and ivs[f"{k}_f1"].low is not None else 0
                for k, v in zip(kinds, values, strict=True)
            ]
            high = [
                ivs[f"{k}_f1"].high - v
                if f"{k}_f1" in ivs and ivs[f"{k}_f1"].high is not None
                else 0
                for k, v in zip(kinds, values, strict=True)
            ]
            ax.bar(
                x + (i - (len(data) - 1) / 2) * width,
                values,
                width,
                yerr=[low, high],
                capsize=2,
                color=palette[name],
                label=name,
                error_kw={"elinewidth": 0.8},
            )
        ax.set_xticks(x, kinds)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("F1 (higher is better)")
        ax.legend(
            fontsize=7, ncols=min(len(data), 3), loc="upper center", bbox_to_anchor=(0.5, -0.12)
        )
        return to_svg(fig, "structure-f1")


def _entries(blocks: Sequence[Block], status: list[str]) -> list[list[str]]:
    out = []
    for block, mark in zip(blocks[:MAX_BLOCKS], status[:MAX_BLOCKS], strict=True):
        limit = MAX_TEXT // 2 if mark == "ok" else MAX_TEXT
        shown = block.text[:limit] + ("…" if len(block.text) > limit else "")
        out.append([block.label, shown, mark])
    return out


def page_blocks(page: Page, output: str, kind: str) -> dict[str, Any] | None:
    """The page view's structure of one output: the gold's blocks (``ok`` paired, ``missed``)
    and the output's (``ok``, ``extra``), each as ``[label, text, status]``; ``None`` when
    the page's gold has no structure."""
    if page.gold is None:
        return None
    gold = gold_blocks(page.gold)
    if not gold:
        return None
    out = parse(output or "", kind)
    pairs = align(gold, out)
    gold_status = ["missed"] * len(gold)
    out_status = ["extra"] * len(out)
    for pair in pairs:
        gold_status[pair.gold] = "ok"
        out_status[pair.output] = "ok"
    missed = sorted(
        {gold[i].type for i, s in enumerate(gold_status) if s == "missed"} & set(STRONG)
    )
    return {
        "gold": _entries(gold, gold_status),
        "output": _entries(out, out_status),
        "missed": missed,
        "cut": max(len(gold), len(out)) > MAX_BLOCKS,
    }

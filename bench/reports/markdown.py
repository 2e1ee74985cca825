"""The report as GitHub Markdown, for READMEs and pull requests: the same tables and verdicts
as the terminal report."""

from __future__ import annotations

from collections.abc import Sequence

from bench.reports import structure, text
from bench.reports.analysis import NOISE, Analysis, GroupRow


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], right: int = 1, left_last: bool = False
) -> str:
    """A Markdown table; columns from ``right`` on are right-aligned (the last one too,
    unless ``left_last``)."""

    def cell(value: str) -> str:
        return value.replace("|", "\\|").replace("\n", " ")

    align = ["---" if i < right else "---:" for i in range(len(header))]
    if left_last:
        align[-1] = "---"
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "| " + " | ".join(align) + " |",
    ]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def main_table(analysis: Analysis) -> str:
    keys = analysis.shown_keys
    priced = any(row.cost_per_1000_pages is not None for row in analysis.rows)
    header = [
        "rank",
        "extractor",
        "version",
        *(f"{analysis.label(k)} [95% CI]" for k in keys),
        "pages/s",
        *([text.COST] if priced else []),
        "failures",
        "empty",
    ]
    rows = [
        [
            text.rank(row),
            f"**{row.extractor}**",
            row.version,
            *(text.with_bounds(row.scores.get(k)) for k in keys),
            text.rate(row.pages_per_s),
            *([text.cost(row.cost_per_1000_pages)] if priced else []),
            text.failures(row),
            str(row.empty),
        ]
        for row in analysis.rows
    ]
    return table(header, rows, right=3)


def pairs_table(analysis: Analysis) -> str:
    """The tested pairs (untested ones are a line of the verdict sentences)."""
    b = analysis.n_test_resamples
    rows = [
        [
            pair.a,
            pair.b,
            text.signed(pair.diff),
            text.bounds_pair(pair),
            text.p_value(pair.p_value, b),
            text.p_value(pair.p_adjusted, b),
            f"**{text.verdict(pair)}**" if pair.significant else text.verdict(pair),
        ]
        for pair in analysis.pairs
        if pair.tested
    ]
    header = ["A", "B", f"{analysis.headline.title} A − B", "95% CI", "p", "p (Holm)", "verdict"]
    return table(header, rows, right=2, left_last=True)


def distribution_table(analysis: Analysis) -> str:
    field = analysis.headline
    columns = text.distribution_columns(field)
    rows = []
    for row in analysis.rows:
        dist = text.distribution(row, field)
        cells = [
            (f"`{dist[c]}`" if dist.get(c) else text.DASH)
            if c == text.HISTOGRAM
            else dist.get(c, text.DASH)
            for c in columns
        ]
        rows.append([row.extractor, *cells, str(row.failures), str(row.empty)])
    return table(["extractor", *columns, "failures", "empty"], rows)


def noise_table(analysis: Analysis) -> str:
    rows = [
        [kind, *(text.leak_cell(row.noise_leak.get(kind)) for row in analysis.rows)]
        for kind in analysis.noise_kinds
    ]
    if any(row.title_repeats is not None for row in analysis.rows):
        rows.append(
            [
                "*title repeats*",
                *(text.with_bounds(r.title_repeats, 2, compact=True) for r in analysis.rows),
            ]
        )
    return table(["noise type", *(row.extractor for row in analysis.rows)], rows)


def breakdown_table(analysis: Analysis, groups: Sequence[GroupRow], by: str) -> str:
    headline = analysis.headline
    others = [k for k in analysis.shown_keys if k != headline.name]
    leak = ["leaked [95% CI]"] if by == NOISE else []
    header = [
        by,
        "extractor",
        "pages",
        f"{headline.title} [95% CI]",
        *(analysis.label(k) for k in others),
        *leak,
        "failures",
        "empty",
    ]
    rows = []
    for group in groups:
        rows.append(
            [
                group.value,
                group.extractor,
                str(group.n_pages),
                text.with_bounds(group.scores.get(headline.name)),
                *(text.num(group.scores[k].value if k in group.scores else None) for k in others),
                *([text.leak_cell(group.leak)] if by == NOISE else []),
                str(group.failures),
                str(group.empty),
            ]
        )
    return table(header, rows, right=2)


def render(analysis: Analysis, by: str | None = None) -> str:
    """The whole report as one Markdown document."""
    from bench.reports import breakdowns  # it renders with this module's table

    parts = [f"**{text.headline(analysis)}**", main_table(analysis)]
    parts += [f"> note: {note}" for note in analysis.run.notes]
    parts += breakdowns.markdown_sections(analysis)
    if analysis.pairs:
        parts += ["**Which differences are significant**", *text.verdict_sentences(analysis)]
        if any(pair.tested for pair in analysis.pairs):
            parts.append(pairs_table(analysis))
    parts += [
        f"**Per-page {analysis.headline.title} distribution**",
        distribution_table(analysis),
    ]
    if analysis.noise_kinds:
        parts += [
            "**Noise leak** (share of inserted blocks kept, lower is better; "
            "title repeats: extra copies of the title per page)",
            noise_table(analysis),
        ]
    if (structure_part := structure.markdown_table(analysis)) is not None:
        parts += ["**Structure** (F1 per block type, 95% CI)", structure_part]
    if by is not None:
        parts += [f"**By {by}**", breakdown_table(analysis, analysis.breakdown(by), by)]
    parts.append(f"<sub>{text.method_note(analysis)}</sub>")
    return "\n\n".join(parts) + "\n"

"""A finished run's report as one string, in any format: what ``boilerbench report`` writes
and what :meth:`bench.api.RunResult.report` returns."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bench.reports import markdown, tabular
from bench.reports.analysis import Analysis, analyze
from bench.reports.fit import FILE_WIDTH
from bench.reports.loading import Run, load_run
from bench.reports.pageview import MAX_PAGES
from bench.reports.terminal import print_analysis

FORMATS = ("term", "md", "csv", "json", "html")


def render_analysis(
    run: Run,
    analysis: Analysis,
    fmt: str,
    *,
    by: str | None = None,
    table: str | None = None,
    max_pages: int = MAX_PAGES,
    width: int = FILE_WIDTH,
) -> str:
    """The report of an analysed run in format ``fmt``; ``by`` breaks scores down by a page
    label, ``table`` picks the csv/json table (default: ``groups`` with ``by``, else
    ``summary``). :class:`bench.reports.analysis.ReportError` for a label the run lacks."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
    if by is not None:
        analysis.breakdown(by)  # fail before rendering anything
    if fmt == "term":
        buffer = io.StringIO()
        print_analysis(analysis, Console(file=buffer, width=width), by)
        return buffer.getvalue()
    if fmt == "md":
        return markdown.render(analysis, by)
    if fmt in ("csv", "json"):
        rows = tabular.rows_of(analysis, table or ("groups" if by else "summary"), by)
        return tabular.to_csv(rows) if fmt == "csv" else tabular.to_json(rows)
    from bench.reports import html  # matplotlib loads only for HTML

    return html.render(analysis, dedup=run.dedup, by=by, max_pages=max_pages)


def render_report(
    run_dir: Path,
    fmt: str = "term",
    *,
    by: str | None = None,
    table: str | None = None,
    corpus_spec: str | None = None,
    max_pages: int = MAX_PAGES,
    width: int = FILE_WIDTH,
) -> str:
    """The report of the run in ``run_dir``: only the HTML page view reads the corpus."""
    needs_corpus = fmt == "html" and max_pages > 0
    run = load_run(Path(run_dir), corpus_spec=corpus_spec, want_corpus=needs_corpus)
    analysis = analyze(run)
    return render_analysis(
        run, analysis, fmt, by=by, table=table, max_pages=max_pages, width=width
    )

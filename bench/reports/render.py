"""A finished run's report as one string, in any format: what ``boilerbench report`` prints
and what :meth:`bench.api.RunResult.report` returns."""

from __future__ import annotations

import io
from pathlib import Path

from rich.console import Console

from bench.reports import markdown, tabular
from bench.reports.analysis import analyze
from bench.reports.loading import load_run
from bench.reports.pageview import MAX_PAGES
from bench.reports.terminal import print_analysis

FORMATS = ("term", "md", "csv", "json", "html")


def render_report(
    run_dir: Path,
    fmt: str = "term",
    *,
    by: str | None = None,
    table: str | None = None,
    corpus_spec: str | None = None,
    max_pages: int = MAX_PAGES,
    width: int = 100,
) -> str:
    """The report of the run in ``run_dir`` in format ``fmt``; ``by`` breaks scores down by
    a page label, ``table`` picks the csv/json table."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r} (one of {', '.join(FORMATS)})")
    table = table or ("groups" if by else "summary")
    needs_corpus = by is not None or fmt == "html" or table in ("pages", "groups")
    run = load_run(Path(run_dir), corpus_spec=corpus_spec, want_corpus=needs_corpus)
    analysis = analyze(run)
    if by is not None:
        analysis.breakdown(by)
    if fmt == "term":
        buffer = io.StringIO()
        print_analysis(analysis, Console(file=buffer, width=width), by)
        return buffer.getvalue()
    if fmt == "md":
        return markdown.render(analysis, by)
    if fmt in ("csv", "json"):
        rows = tabular.rows_of(analysis, table, by)
        return tabular.to_csv(rows) if fmt == "csv" else tabular.to_json(rows)
    from bench.reports import html  # matplotlib loads only for HTML

    return html.render(analysis, dedup=run.dedup, by=by, max_pages=max_pages)

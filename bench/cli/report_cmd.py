"""``boilerbench report RUN``: a finished run as a terminal, Markdown, CSV, JSON or HTML
report, with 95% bootstrap intervals and paired significance tests."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bench.records import SchemaError
from bench.reports import tabular
from bench.reports.analysis import ReportError, analyze
from bench.reports.failures import failure_listing
from bench.reports.loading import load_run
from bench.reports.pageview import MAX_PAGES
from bench.reports.render import FORMATS, render_analysis
from bench.reports.terminal import print_analysis, wide_console
from bench.store import RunStore

HTML_NAME = "report.html"


class ReportRefused(click.ClickException):
    """The run cannot be read as asked (exit 2, like other user errors)."""

    exit_code = 2

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def,override]
        click.echo(f"error: {self.format_message()}", err=True)


def _write(content: str, out: Path | None) -> None:
    if out is None:
        click.echo(content, nl=False)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {out}: {exc}") from exc
    click.echo(f"wrote {out}", err=True)


@click.command()
@click.argument("run_dir", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(FORMATS),
    default="term",
    show_default=True,
    help="term: tables here; md: Markdown; csv/json: one table (see --table); "
    f"html: one self-contained file (default RUN/{HTML_NAME}).",
)
@click.option(
    "-o",
    "--output",
    "out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file instead of standard output.",
)
@click.option(
    "--by",
    metavar="LABEL",
    help="Add every field of one page label's breakdown (each label's headline is shown "
    "anyway): page_type, language, template, noise (noise type), or any label of the corpus.",
)
@click.option(
    "--table",
    type=click.Choice(tabular.TABLES),
    default=None,
    help="For csv/json: summary (one row per extractor, default), pages (one per page and "
    "extractor), pairs (paired tests of the headline) or groups (every label's breakdown; "
    "the --by label's alone, the default with --by).",
)
@click.option(
    "--corpus",
    "corpus_spec",
    metavar="CORPUS",
    help="Where the run's corpus is, if not where the run recorded it (the HTML page view; "
    "a summary from an older boilerbench).",
)
@click.option(
    "--pages",
    "max_pages",
    type=click.IntRange(min=0),
    default=MAX_PAGES,
    show_default=True,
    help="html: pages in the per-page view (those where extractors disagree most).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run's summary.json as stored.")
@click.option(
    "--failures",
    "list_failures",
    is_flag=True,
    help="List every failed page with its reason and what the extractor wrote to stderr there.",
)
def report(
    run_dir: Path,
    fmt: str,
    out: Path | None,
    by: str | None,
    table: str | None,
    corpus_spec: str | None,
    max_pages: int,
    as_json: bool,
    list_failures: bool,
) -> None:
    """Report a run: scores with 95% intervals, significant differences, distributions."""
    if list_failures:
        store = RunStore(run_dir)
        names = [ex["name"] for ex in store.manifest().get("extractors", [])]
        _write(failure_listing(store.results(), names), out)
        return
    if as_json:
        click.echo(json.dumps(RunStore(run_dir).summary(), indent=2, ensure_ascii=False))
        return
    if table is not None and fmt not in ("csv", "json"):
        raise click.UsageError("--table applies to --format csv or json")
    table = table or ("groups" if by else "summary")
    # only the HTML page view shows page text; everything else is in the run directory
    needs_corpus = fmt == "html" and max_pages > 0
    try:
        run = load_run(run_dir, corpus_spec=corpus_spec, want_corpus=needs_corpus)
    except SchemaError as exc:
        raise ReportRefused(str(exc)) from exc
    analysis = analyze(run)
    try:
        if fmt == "term" and out is None:
            if by is not None:
                analysis.breakdown(by)  # fail before printing anything
            print_analysis(analysis, wide_console(), by)
            return
        content = render_analysis(run, analysis, fmt, by=by, table=table, max_pages=max_pages)
    except ReportError as exc:
        raise click.UsageError(str(exc)) from exc
    _write(content, out or (run_dir / HTML_NAME if fmt == "html" else None))

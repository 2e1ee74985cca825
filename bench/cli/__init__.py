"""The ``boilerbench`` command: one module per verb, errors shown as one clear line."""

from __future__ import annotations

import logging
import sys

import click

from bench.cli.check_cmd import check_extractor_cmd
from bench.cli.compare_cmd import compare
from bench.cli.convert_cmd import convert
from bench.cli.corpus_cmd import corpus
from bench.cli.dedup_cmd import dedup, dupes
from bench.cli.listing import list_group
from bench.cli.report_cmd import report
from bench.cli.run_cmd import run
from bench.cli.score_cmd import score
from bench.metrics import MetricError
from bench.params import ParamError
from bench.predictions import PredictionError
from bench.records import SchemaError
from bench.runner import RunError, RunInterrupted
from bench.store import StoreError
from corpora.page import CorpusError
from extractors.base import ExtractorError
from extractors.spec import SpecError

_USER_ERRORS = (
    CorpusError,
    ExtractorError,
    MetricError,
    ParamError,
    PredictionError,
    RunError,
    SchemaError,
    SpecError,
    StoreError,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="boilerbench")
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages to stderr.")
def cli(verbose: bool) -> None:
    """Benchmark web main-content extractors and near-duplicate detection."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


cli.add_command(run)
cli.add_command(score)
cli.add_command(report)
cli.add_command(compare)
cli.add_command(list_group)
cli.add_command(check_extractor_cmd)
cli.add_command(dedup)
cli.add_command(corpus)
corpus.add_command(dupes)
corpus.add_command(convert)


def main() -> None:
    """Console entry point: user errors print ``error: ...`` and exit 2, no traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except _USER_ERRORS as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(130 if isinstance(exc, RunInterrupted) else 2)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)

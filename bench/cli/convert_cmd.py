"""``boilerbench corpus convert SRC --to DIR``: any corpus format → the native format."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from corpora import native
from corpora.corpus import Corpus
from corpora.page import CorpusError, Page
from corpora.registry import open_corpus

_SAFE_ID = re.compile(r"[^/\\\x00]+")


def native_record(page: Page) -> dict[str, Any]:
    """The ``gold.jsonl`` record of a page (``html`` is added by :func:`native.write`)."""
    gold = page.gold
    record: dict[str, Any] = {"text": gold.text if gold is not None else None}
    if page.url:
        record["url"] = page.url
    if page.charset:
        record["charset"] = page.charset
    labels = dict(page.labels)
    if gold is not None:
        for key in ("title", "language", "template", "dup_group", "markup"):
            value = getattr(gold, key)
            if value is not None:
                record[key] = value
        if gold.noise:
            record["noise"] = [
                {
                    k: v
                    for k, v in (
                        ("type", n.type),
                        ("text", n.text),
                        ("start", n.start),
                        ("end", n.end),
                    )
                    if v is not None
                }
                for n in gold.noise
            ]
        if gold.snippets_with:
            record["snippets_with"] = list(gold.snippets_with)
        if gold.snippets_without:
            record["snippets_without"] = list(gold.snippets_without)
        if gold.dataset:
            labels.setdefault("dataset", gold.dataset)
        if gold.structure is not None and gold.structure_format is not None:
            record[native.STRUCTURE_FIELD[gold.structure_format]] = gold.structure
    if labels:
        record["labels"] = labels
    return record


def _pages(corpus: Corpus) -> Iterator[native.PageToWrite]:
    for page in corpus.pages:
        yield native.PageToWrite(page.id, page.read_bytes(), native_record(page))


def convert_corpus(
    corpus: Corpus, out: Path, *, name: str | None = None, compress: bool = True
) -> Path:
    """Write ``corpus`` as a native corpus folder; page bytes are kept exactly."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CorpusError(f"{out} exists and is not an empty folder; choose a new --to")
    for page in corpus.pages:
        if not _SAFE_ID.fullmatch(page.id) or page.id in (".", ".."):
            raise CorpusError(f"page {page.id!r}: id cannot be a file name in {native.PAGES_DIR}/")
    return native.write(
        out,
        name or corpus.name,
        _pages(corpus),
        compress=compress,
        description=f"converted from the {corpus.format} corpus at {corpus.location}",
    )


@click.command("convert")
@click.argument("source", metavar="SRC")
@click.option(
    "--to",
    "out",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="New folder for the native corpus.",
)
@click.option("--name", default=None, help="Corpus name in corpus.json. Default: the source's.")
@click.option(
    "--compress/--no-compress",
    default=True,
    show_default=True,
    help="Store pages as pages/<id>.html.gz (bytes unchanged inside).",
)
def convert(source: str, out: Path, name: str | None, compress: bool) -> None:
    """Write corpus SRC (built-in name, folder, or FORMAT:PATH) in the native format."""
    corpus = open_corpus(source)
    convert_corpus(corpus, out, name=name, compress=compress)
    click.echo(f"wrote {len(corpus.pages)} pages ({corpus.format} → native) to {out}")

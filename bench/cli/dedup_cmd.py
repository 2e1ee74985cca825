"""``boilerbench dedup``: near-duplicate clusters on raw and extracted text, scored against
the corpus's gold duplicate groups."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from bench import runner
from bench.cli.options import split_names
from bench.cli.progress import run_with_progress
from bench.records import SCHEMA_VERSION
from bench.report import wide_console
from bench.store import RunStore, write_json_atomic
from corpora.corpus import Corpus
from corpora.registry import open_corpus
from extractors.spec import parse_spec

if TYPE_CHECKING:
    from bench.dedup.corpus_scores import DedupSettings

RAW = "everything"  # html-text: all visible text of the page, the "no extraction" baseline
DEFAULT_EXTRACTORS = ("trafilatura", "readability")
DEDUP_FILE = "dedup.json"


def texts_of(store: RunStore, extractor: str, corpus: Corpus) -> list[str]:
    """One text per corpus page (a failed or missing page is empty, never a duplicate)."""
    outputs = store.outputs(extractor)
    return [outputs.get(page.id, "") for page in corpus.pages]


def dedup_run(
    store: RunStore,
    corpus: Corpus,
    extractors: tuple[str, ...],
    settings: DedupSettings,
    *,
    with_raw: bool = True,
) -> dict[str, Any]:
    """Dedup scores for the raw text (``everything``'s output) and each extractor's saved
    outputs of a run."""
    from bench.dedup.corpus_scores import describe_settings, score_texts

    ran = [e["name"] for e in store.manifest()["extractors"]]
    wanted = (RAW, *extractors) if with_raw else extractors
    missing = [name for name in wanted if name not in ran]
    if missing:
        raise runner.RunError(
            f"run {store.root} has no outputs of {', '.join(missing)} (it ran {', '.join(ran)})"
        )
    rows = []
    if with_raw:
        raw = texts_of(store, RAW, corpus)
        rows.append(score_texts("raw (" + RAW + ")", raw, corpus.pages, settings))
    rows += [
        score_texts(name, texts_of(store, name, corpus), corpus.pages, settings)
        for name in extractors
    ]
    return {
        "schema_version": SCHEMA_VERSION,
        "corpus": corpus.name,
        "settings": describe_settings(settings),
        "results": rows,
    }


def print_dedup(report: dict[str, Any]) -> None:
    s = report["settings"]
    table = Table(
        title=(
            f"{report['corpus']} — near-duplicates at Jaccard ≥ {s['threshold']} "
            f"({s['bands']} bands × {s['rows']} rows, S-curve 50% at {s['s_curve_50']:.3f}; "
            f"{s['ngram']}-word shingles, {s['num_perm']} permutations)"
        )
    )
    for column in (
        "text",
        "pair precision",
        "pair recall",
        "pair F1",
        "ARI",
        "false merges",
        "separation AUC",
        "clusters",
        "empty",
    ):
        table.add_column(column, justify="left" if column == "text" else "right", no_wrap=True)
    for row in report["results"]:
        p = row["pairwise"]
        auc = "–" if row["separation_auc"] is None else f"{row['separation_auc']:.3f}"
        table.add_row(
            row["extractor"],
            f"{p['precision']:.3f}",
            f"{p['recall']:.3f}",
            f"{p['f1']:.3f}",
            f"{row['ari']:.3f}",
            str(row["false_merges"]),
            auc,
            str(row["clusters"]),
            str(row["empty_texts"]),
        )
    wide_console().print(table)


@click.command()
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="Corpus (default: the built-in corpus, or the corpus of --run).",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help=f"Extractors to compare with raw text. Default: {','.join(DEFAULT_EXTRACTORS)}.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.05, 1.0),
    default=0.8,
    show_default=True,
    help="Jaccard similarity at which two pages are near-duplicates.",
)
@click.option("--num-perm", type=click.IntRange(16, 1024), default=128, show_default=True)
@click.option(
    "--ngram", type=click.IntRange(1, 20), default=5, show_default=True, help="Words per shingle."
)
@click.option("--seed", type=int, default=1, show_default=True, help="MinHash seed.")
@click.option("--verify", is_flag=True, help="Keep only pairs whose exact Jaccard passes.")
@click.option(
    "--run",
    "run_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Reuse the outputs of this run instead of extracting again.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="Run directory for the extraction (default: runs/<timestamp>-dedup).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def dedup(
    corpus_spec: str | None,
    extractor_specs: tuple[str, ...],
    threshold: float,
    num_perm: int,
    ngram: int,
    seed: int,
    verify: bool,
    run_dir: Path | None,
    out: Path | None,
    jobs: int,
    as_json: bool,
) -> None:
    """Cluster near-duplicate pages on raw visible text and on each extractor's output."""
    from bench.dedup.corpus_scores import DedupSettings

    extractors = split_names(extractor_specs) or DEFAULT_EXTRACTORS
    settings = DedupSettings(threshold, num_perm, ngram, seed, verify)
    if run_dir is not None:
        store = RunStore(run_dir)
        manifest = store.manifest()
        corpus = open_corpus(corpus_spec or manifest["corpus"]["location"])
        if corpus.checksum() != manifest["corpus"]["checksum"]:
            raise runner.RunError(f"run {run_dir} was made on another corpus than {corpus.name}")
    else:
        corpus = open_corpus(corpus_spec)
        store = RunStore(out or Path("runs") / (time.strftime("%Y%m%d-%H%M%S") + "-dedup"))
        names = tuple(dict.fromkeys((RAW, *extractors)))
        run_with_progress(
            runner.RunConfig(
                corpus=corpus,
                extractors=tuple(parse_spec(name) for name in names),
                out=store.root,
                jobs=jobs,
                argv=tuple(sys.argv),
            )
        )
    report = dedup_run(store, corpus, extractors, settings)
    write_json_atomic(store.root / DEDUP_FILE, report)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        print_dedup(report)
        click.echo(f"saved in {store.root / DEDUP_FILE}", err=True)


def page_texts(corpus: Corpus, source: str) -> list[str]:
    """Gold texts, or the visible text of each page (html-text) for ``raw``."""
    if source == "gold":
        return [page.gold.text if page.gold is not None else "" for page in corpus.pages]
    from corpora.decoding import decode_html
    from extractors.baselines import EverythingExtractor

    visible = EverythingExtractor()
    return [visible.extract(decode_html(p.read_bytes(), p.charset).text) for p in corpus.pages]


@click.command("dupes")
@click.argument("corpus_spec", metavar="CORPUS")
@click.option(
    "--text",
    "source",
    type=click.Choice(["gold", "raw"]),
    default="gold",
    show_default=True,
    help="Compare gold texts, or the pages' visible text.",
)
@click.option("--threshold", type=click.FloatRange(0.05, 1.0), default=0.8, show_default=True)
@click.option("--ngram", type=click.IntRange(1, 20), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the pairs as JSON.")
def dupes(corpus_spec: str, source: str, threshold: float, ngram: int, as_json: bool) -> None:
    """List near-duplicate pages inside a corpus (a leakage check for benchmark data)."""
    from bench.dedup.pipeline import find_duplicates

    corpus = open_corpus(corpus_spec)
    texts = page_texts(corpus, source)
    found = find_duplicates(texts, threshold=threshold, ngram=ngram, verify=True)
    assert found.verified_pairs is not None and found.verified_jaccard is not None
    pairs = sorted(
        (
            (float(j), int(a), int(b))
            for (a, b), j in zip(found.verified_pairs, found.verified_jaccard, strict=True)
        ),
        reverse=True,
    )
    rows = [
        {
            "jaccard": round(j, 4),
            "a": corpus.pages[a].id,
            "b": corpus.pages[b].id,
            "url_a": corpus.pages[a].url,
            "url_b": corpus.pages[b].url,
        }
        for j, a, b in pairs
    ]
    result = {
        "corpus": corpus.name,
        "text": source,
        "threshold": threshold,
        "ngram": ngram,
        "pages": len(corpus.pages),
        "pairs": rows,
    }
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(
        f"{corpus.name}: {len(rows)} near-duplicate pair(s) among {len(corpus.pages)} "
        f"pages ({source} text, Jaccard ≥ {threshold}, {ngram}-word shingles)"
    )
    for row in rows:
        click.echo(f"  {row['jaccard']:.3f}  {row['a']}  {row['b']}")

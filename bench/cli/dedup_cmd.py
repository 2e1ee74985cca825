"""``boilerbench dedup``: de-duplicate a text dump (clusters and kept documents written out),
or compare methods, presets and clusterings against a corpus's gold duplicate groups. The work
is :func:`bench.dedup.api.dedup`; this verb parses options and prints."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.table import Table

from bench import runner
from bench.cli.options import split_names
from bench.records import SCHEMA_VERSION
from bench.report import wide_console
from bench.store import RunStore, write_json_atomic
from corpora.corpus import Corpus
from corpora.registry import open_corpus

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
    """The table of :func:`dedup_run` (``run --dedup``)."""
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


def _cell(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_report(report: dict[str, Any], seconds: float) -> None:
    """Terminal summary: what was clustered, the rows, the largest clusters, the time."""
    console = wide_console()
    results = report["results"]
    s = report["settings"]
    banding = (
        f"; MinHash {s['bands']} bands × {s['rows']} rows, S-curve 50% at {s['s_curve_50']:.3f}"
        if s.get("bands")
        else ""
    )
    console.print(
        f"{report['corpus']}: {report['documents']} documents, Jaccard ≥ {s['threshold']}, "
        f"{s['ngram']}-word shingles{banding}"
    )
    if not report["gold"]:
        console.print(
            f"{report['no_gold_reason']}: pairwise P/R/F1, ARI and false merges not shown"
        )
    vary = {key: len({r[key] for r in results}) > 1 for key in ("text", "method", "clustering")}
    table = Table(box=None, pad_edge=False)
    columns = [key for key, varies in vary.items() if varies] or ["text"]
    for key in columns:
        table.add_column(key, no_wrap=True)
    numbers = ["clusters", "removed", "largest"]
    if report["gold"]:
        numbers += ["P", "R", "F1", "ARI", "false merges"]
    numbers += ["docs/s", "peak MB"]
    for column in numbers:
        table.add_column(column, justify="right", no_wrap=True)
    for row in results:
        cells = [str(row[key]) for key in columns]
        cells += [str(row["clusters"]), str(row["duplicates_removed"]), str(row["largest_cluster"])]
        if report["gold"]:
            p = row.get("pairwise") or {}
            cells += [_cell(p.get("precision")), _cell(p.get("recall")), _cell(p.get("f1"))]
            cells += [_cell(row.get("ari")), _cell(row.get("false_merges"))]
        cells += [f"{row['docs_per_s']:,.0f}", _cell(row.get("peak_memory_mb"), 0)]
        table.add_row(*cells)
    console.print(table)
    first = next((r for r in results if r["top_clusters"]), None)
    if first is not None:
        console.print(f"largest clusters ({first['extractor']}):")
        for top in first["top_clusters"]:
            more = " …" if top["size"] > len(top["ids"]) else ""
            console.print(f"  {top['size']:>6}  {', '.join(top['ids'])}{more}")
    elif results:
        console.print("no duplicates found")
    console.print(f"time: {seconds:.1f} s")


@click.command()
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="A JSONL/CSV/Parquet file of text rows (jsonl:FILE, csv:FILE, parquet:FILE or a "
    "file with that suffix), or an HTML corpus whose pages are extracted first (default: "
    "the built-in corpus, or the corpus of --run).",
)
@click.option(
    "--extractor",
    "-e",
    "extractor_specs",
    multiple=True,
    metavar="X[,Y]",
    help="HTML corpora: extract with these first and compare with the raw visible text. "
    f"Default: {','.join(DEFAULT_EXTRACTORS)}.",
)
@click.option(
    "--method",
    "methods",
    multiple=True,
    metavar="M[,N]",
    help="exact, minhash, datasketch, rensa, simhash (default: minhash). One result row each.",
)
@click.option(
    "--preset",
    "presets",
    multiple=True,
    metavar="P[,Q]",
    help="MinHash settings of a pipeline: ours, datatrove, nemo, text-dedup.",
)
@click.option(
    "--clustering",
    default="candidates",
    show_default=True,
    metavar="C[,D]|all",
    help="candidates (union-find over LSH candidates), verified (exact Jaccard ≥ threshold), "
    "guarded (split chains at the cluster's first document), or all.",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.05, 1.0),
    default=0.8,
    show_default=True,
    help="Jaccard similarity at which two documents are near-duplicates.",
)
@click.option("--num-perm", type=click.IntRange(16, 1024), default=128, show_default=True)
@click.option(
    "--ngram", type=click.IntRange(1, 20), default=5, show_default=True, help="Words per shingle."
)
@click.option("--seed", type=int, default=1, show_default=True, help="MinHash seed.")
@click.option(
    "--simhash-k",
    type=click.IntRange(0, 15),
    default=3,
    show_default=True,
    help="simhash: largest Hamming distance of near-duplicates (of 64 bits).",
)
@click.option("--verify", is_flag=True, help="Same as --clustering verified.")
@click.option("--text-field", default="text", show_default=True, help="Text column of a table.")
@click.option("--id-field", default="id", show_default=True, help="Id column (else row number).")
@click.option(
    "--write-clusters",
    type=click.Path(path_type=Path, dir_okay=False),
    help="One row per document: id, cluster (the kept document's id), cluster_size, keep. "
    "JSONL, or Parquet for a .parquet name. The first method and clustering decide.",
)
@click.option(
    "--write-kept",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The kept documents (the first of each cluster): the input's own lines for JSONL "
    "to JSONL, else id and text rows.",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="dask: signatures, band shuffle and candidates on a Dask cluster (MinHash methods).",
)
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address (tcp://host:port).")
@click.option(
    "--run",
    "run_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="HTML corpora: reuse the outputs of this run instead of extracting again.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="HTML corpora: run directory for the extraction (default: runs/<timestamp>-dedup).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option(
    "--html",
    "html_out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write an HTML page of the results (with the S-curve plot when there is gold).",
)
def dedup(
    corpus_spec: str | None,
    extractor_specs: tuple[str, ...],
    methods: tuple[str, ...],
    presets: tuple[str, ...],
    clustering: str,
    threshold: float,
    num_perm: int,
    ngram: int,
    seed: int,
    simhash_k: int,
    verify: bool,
    text_field: str,
    id_field: str,
    write_clusters: Path | None,
    write_kept: Path | None,
    executor: str,
    scheduler: str | None,
    run_dir: Path | None,
    out: Path | None,
    jobs: int,
    as_json: bool,
    html_out: Path | None,
) -> None:
    """De-duplicate a text dump, or compare methods, presets and clusterings on a corpus with
    gold duplicate groups (raw visible text against each extractor's output)."""
    from bench.dedup.api import dedup as run_dedup
    from bench.dedup.documents import looks_like_text_table
    from bench.dedup.lsh import s_curve_half_point

    if verify:
        clustering = "verified"
    text_dump = (
        corpus_spec is not None
        and run_dir is None
        and not extractor_specs
        and looks_like_text_table(corpus_spec, text_field)
    )
    extractors = () if text_dump else (split_names(extractor_specs) or DEFAULT_EXTRACTORS)
    if not text_dump and run_dir is None:
        out = out or Path("runs") / (time.strftime("%Y%m%d-%H%M%S") + "-dedup")
        click.echo(f"extracting with {', '.join((RAW, *extractors))} into {out}", err=True)
    t0 = time.perf_counter()
    try:
        report = run_dedup(
            corpus_spec,
            methods=split_names(methods) or None,
            presets=split_names(presets) or None,
            clustering=clustering,
            extractors=extractors,
            threshold=threshold,
            num_perm=num_perm,
            ngram=ngram,
            seed=seed,
            simhash_k=simhash_k,
            text_field=text_field,
            id_field=id_field,
            jobs=jobs,
            executor=executor,
            scheduler=scheduler,
            run=run_dir,
            out=out,
            write_clusters=write_clusters,
            write_kept=write_kept,
            on_warning=lambda message: click.echo(f"warning: {message}", err=True),
        )
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    seconds = time.perf_counter() - t0
    payload = report.to_dict()
    banded = next((r["settings"] for r in payload["results"] if r["settings"].get("bands")), None)
    if banded:
        payload["settings"] |= {
            "bands": banded["bands"],
            "rows": banded["rows"],
            "s_curve_50": s_curve_half_point(banded["bands"], banded["rows"]),
        }
    folder = run_dir or (None if text_dump else out)
    if folder is not None:
        write_json_atomic(Path(folder) / DEDUP_FILE, payload)
    if html_out is not None:
        from bench.dedup.plots import dedup_html

        html_out.write_text(dedup_html(payload), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(payload, indent=2))
    else:
        print_report(payload, seconds)
        for what, path in payload["written"].items():
            click.echo(f"{what}: {path}", err=True)
        if folder is not None:
            click.echo(f"saved in {Path(folder) / DEDUP_FILE}", err=True)


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

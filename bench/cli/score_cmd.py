"""``boilerbench score``: score texts produced elsewhere against a corpus's gold."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bench import metrics
from bench.cli.options import split_names
from bench.predictions import check_ids, load_predictions
from corpora.registry import open_corpus


@click.command()
@click.argument("predictions", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="Built-in name, folder, or FORMAT:PATH. Default: the built-in corpus.",
)
@click.option(
    "--metric",
    "metric_specs",
    multiple=True,
    metavar="M[,N]",
    help=f"Metrics, first is the headline. Default: {metrics.DEFAULT[0]}, or "
    f"{metrics.SNIPPET_DEFAULT[0]} for snippet gold.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Bootstrap seed.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def score(
    predictions: Path,
    corpus_spec: str | None,
    metric_specs: tuple[str, ...],
    seed: int,
    as_json: bool,
) -> None:
    """Score PREDICTIONS (id → text JSON, AEB output JSON, or {id, text} JSONL)."""
    corpus = open_corpus(corpus_spec)
    texts = load_predictions(predictions)
    check_ids(set(texts), {p.id for p in corpus.pages if p.gold is not None}, str(predictions))
    metric_names = split_names(metric_specs) or metrics.default_metrics(corpus)
    results = {}
    for name in metric_names:
        metric = metrics.get(name)
        pages = [
            metric.score_page(p.gold, texts[p.id])
            for p in sorted(corpus.pages, key=lambda p: p.id)
            if p.gold is not None
        ]
        results[name] = {
            **metric.aggregate(pages, seed=seed),
            "n_pages": len(pages),
            "empty": sum(1 for p in corpus.pages if p.gold and not texts[p.id]),
        }
    headline = results[metric_names[0]]
    if as_json:
        payload = {**headline, "metric": metric_names[0], "corpus": corpus.name}
        if len(metric_names) > 1:
            payload["all_metrics"] = results
        click.echo(json.dumps(payload, indent=2))
        return
    for name, values in results.items():
        shown = "  ".join(
            f"{k}={v:.3f}"
            for k, v in values.items()
            if isinstance(v, float) and not k.endswith("_std")
        )
        click.echo(f"{name}: {shown}  n_pages={values['n_pages']} empty={values['empty']}")

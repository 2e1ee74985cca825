"""ScrapingHub's article-extraction-benchmark layout: ``html/<id>.html.gz`` and
``ground-truth.json`` mapping each id to ``{"articleBody", "url"}``."""

from __future__ import annotations

import json
from pathlib import Path

from corpora.corpus import Corpus
from corpora.page import CorpusError, Gold, Page

FORMAT = "aeb"
GROUND_TRUTH = "ground-truth.json"
# The benchmark's README: pages "are gzip-compressed and utf-8 encoded"; 15 declare no
# charset, so the corpus's own statement is the declared encoding.
CHARSET = "utf-8"


def looks_like(path: Path) -> bool:
    return (path / GROUND_TRUTH).is_file() and (path / "html").is_dir()


def load(path: Path, name: str | None = None) -> Corpus:
    gt_path = path / GROUND_TRUTH
    try:
        ground_truth = json.loads(gt_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorpusError(f"{path}: not an AEB corpus (no {GROUND_TRUTH})") from exc
    except json.JSONDecodeError as exc:
        raise CorpusError(f"{gt_path}: invalid JSON: {exc}") from exc
    if not isinstance(ground_truth, dict):
        raise CorpusError(f"{gt_path}: expected an object mapping page id to a record")
    pages = []
    for page_id in sorted(ground_truth):
        record = ground_truth[page_id]
        if not isinstance(record, dict) or not isinstance(record.get("articleBody"), str):
            raise CorpusError(f"{gt_path}: page {page_id!r} has no string 'articleBody'")
        html = path / "html" / f"{page_id}.html.gz"
        if not html.exists():
            raise CorpusError(f"{gt_path}: page {page_id!r} has no HTML file {html}")
        pages.append(
            Page(
                id=page_id,
                path=html,
                gold=Gold(text=record["articleBody"]),
                url=record.get("url"),
                charset=CHARSET,
            )
        )
    known = set(ground_truth)
    orphans = sorted(
        p.name
        for p in (path / "html").glob("*.html.gz")
        if p.name.removesuffix(".html.gz") not in known
    )
    if orphans:
        raise CorpusError(
            f"{path / 'html'}: pages without gold in {GROUND_TRUTH}: "
            + ", ".join(orphans[:5])
            + (" …" if len(orphans) > 5 else "")
        )
    return Corpus(
        name=name or path.name, format=FORMAT, location=str(path.resolve()), pages=tuple(pages)
    )

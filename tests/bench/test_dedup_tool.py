"""De-duplication as a tool and a benchmark: text dumps in, clusters and kept documents out;
methods, presets and clusterings side by side; no scores without gold; Dask equals local."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

import boilerbench
from bench.dedup.api import NO_GOLD, dedup
from bench.dedup.clustering import JaccardOracle, cluster
from bench.dedup.documents import Documents, parse_source
from bench.dedup.hashing import shingle_sets
from bench.dedup.methods import DatasketchMethod, MinHashMethod, SimHashMethod
from bench.dedup.presets import PRESETS
from corpora.page import CorpusError

VOCAB = [f"w{i}" for i in range(5000)]


def planted(n_docs: int = 120, groups: int = 15, copies: int = 2, seed: int = 3):
    """Random 200-word documents; ``groups`` of them get ``copies`` near-duplicates each
    (one word changed: Jaccard of 5-word shingles about 0.95, a candidate at 9 × 13 bands
    with probability 0.998)."""
    rng = random.Random(seed)
    rows = [
        {"id": f"doc{i}", "text": " ".join(rng.choice(VOCAB) for _ in range(200))}
        for i in range(n_docs)
    ]
    truth = {}
    for g in range(groups):
        src = rows[g * 5]
        truth[src["id"]] = g
        for c in range(copies):
            words = src["text"].split()
            words[rng.randrange(len(words))] = rng.choice(VOCAB)
            copy_id = f"copy{g}-{c}"
            rows.append({"id": copy_id, "text": " ".join(words)})
            truth[copy_id] = g
    rng.shuffle(rows)
    return rows, truth


def header_of(stdout: str) -> str:
    """The result table's header line."""
    return next(line for line in stdout.splitlines() if "clusters" in line and "removed" in line)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_text_dump_is_deduplicated_and_its_clusters_written(cli, tmp_path: Path) -> None:
    rows, truth = planted()
    dump = write_jsonl(tmp_path / "docs.jsonl", rows)
    out, kept = tmp_path / "clusters.jsonl", tmp_path / "kept.jsonl"
    done = cli(
        "dedup", "--corpus", f"jsonl:{dump}", "--write-clusters", str(out),
        "--write-kept", str(kept),
    )  # fmt: skip
    assert NO_GOLD in done.stdout and "F1" not in header_of(done.stdout)
    assert "largest clusters" in done.stdout and "time:" in done.stdout
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in written] == [r["id"] for r in rows]  # one row per input, in order
    found: dict[str, set[str]] = {}
    for r in written:
        found.setdefault(r["cluster"], set()).add(r["id"])
    planted_groups = {}
    for doc_id, g in truth.items():
        planted_groups.setdefault(g, set()).add(doc_id)
    multi = [members for members in found.values() if len(members) > 1]
    assert sorted(map(sorted, multi)) == sorted(map(sorted, planted_groups.values()))
    kept_rows = [json.loads(line) for line in kept.read_text().splitlines()]
    assert len(kept_rows) == len(rows) - 2 * 15
    assert {r["id"] for r in kept_rows} == {r["id"] for r in written if r["keep"]}


def test_the_python_api_reads_texts_csv_and_parquet(tmp_path: Path) -> None:
    rows, _ = planted(n_docs=40, groups=4)
    report = boilerbench.dedup([r["text"] for r in rows], methods="minhash,exact")
    assert not report.has_gold and report.no_gold_reason == NO_GOLD
    assert [r.method for r in report.rows] == ["minhash", "exact"]
    assert report.rows[0].duplicates_removed == 8 and report.rows[1].duplicates_removed == 0
    assert "f1" not in report.table().columns
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(rows)
    frame.to_csv(tmp_path / "docs.csv", index=False)
    frame.to_parquet(tmp_path / "docs.parquet")
    for name in ("docs.csv", "docs.parquet"):
        out = tmp_path / f"{name}.clusters.parquet"
        got = dedup(str(tmp_path / name), write_clusters=out)
        assert got.rows[0].duplicates_removed == 8
        assert pd.read_parquet(out)["id"].tolist() == frame["id"].tolist()


def test_html_rows_without_text_say_to_extract_first(tmp_path: Path) -> None:
    table = write_jsonl(tmp_path / "pages.jsonl", [{"id": "a", "html": "<p>x</p>"}])
    with pytest.raises(CorpusError, match="pass -e NAME to extract first"):
        parse_source(str(table)).load()


def test_gold_groups_give_scores_and_an_s_curve() -> None:
    rows, truth = planted(n_docs=60, groups=6)
    docs = Documents(
        "planted",
        tuple(r["id"] for r in rows),
        tuple(r["text"] for r in rows),
        tuple(str(truth[r["id"]]) if r["id"] in truth else None for r in rows),
    )
    report = dedup(docs, methods="minhash,datasketch,simhash", clustering="all")
    assert report.has_gold and len(report.rows) == 9
    by = {(r.method, r.clustering): r for r in report.rows}
    assert by[("minhash", "candidates")].gold.f1 == 1.0
    for strategy in ("candidates", "verified", "guarded"):
        ours, theirs = by[("minhash", strategy)], by[("datasketch", strategy)]
        assert ours.gold == theirs.gold and ours.clusters == theirs.clusters
    curve = by[("minhash", "candidates")].s_curve
    assert curve["gold_pairs"] == 6 * 3 == sum(b["pairs"] for b in curve["bins"])
    assert curve["bands"] == 9 and curve["rows"] == 13 and curve["bins"][-1]["theory"] > 0.9
    assert by[("simhash", "candidates")].s_curve["theory_curve"] is None


def test_minhash_and_datasketch_find_the_same_pairs() -> None:
    rows, _ = planted(n_docs=80, groups=10, seed=9)
    texts = [r["text"] for r in rows]
    ours, theirs = MinHashMethod(threshold=0.7), DatasketchMethod(threshold=0.7)
    sigs = ours.sketch(texts)
    np.testing.assert_array_equal(sigs, theirs.sketch(texts))
    np.testing.assert_array_equal(ours.candidates(sigs), theirs.candidates(sigs))


def test_simhash_pairs_are_within_hamming_k() -> None:
    rows, _ = planted(n_docs=50, groups=5, copies=1)
    method = SimHashMethod(k=6)
    sketches = method.sketch([r["text"] for r in rows])
    pairs = method.candidates(sketches)
    fp = sketches[:, 0]
    all_close = [
        (i, j)
        for i in range(len(rows))
        for j in range(i + 1, len(rows))
        if int(fp[i] ^ fp[j]).bit_count() <= 6
    ]
    assert [tuple(p) for p in pairs.tolist()] == all_close and len(all_close) >= 5


def test_the_guard_splits_a_transitive_chain() -> None:
    words = [f"t{i}" for i in range(200)]
    texts = [" ".join(words[0:100]), " ".join(words[30:130]), " ".join(words[60:160])]
    oracle = JaccardOracle(lambda idx: shingle_sets([texts[i] for i in idx]))
    chain = np.array([[0, 1], [1, 2]])
    assert oracle(chain).min() > 0.5 and oracle(np.array([[0, 2]]))[0] < 0.3
    candidates = cluster(3, chain, "candidates", 0.5, oracle).labels.tolist()
    verified = cluster(3, chain, "verified", 0.5, oracle).labels.tolist()
    guarded = cluster(3, chain, "guarded", 0.5, oracle).labels.tolist()
    assert candidates == verified == [0, 0, 0]  # each link passes: the chain stays
    assert guarded == [0, 0, 2]  # 2 is too far from the cluster's first document


def test_presets_state_their_parameters_and_theoretical_thresholds() -> None:
    expected = {
        "ours": (9, 13, 128, 0.844),
        "datatrove": (14, 8, 112, 0.719),
        "nemo": (20, 13, 260, 0.794),
        "text-dedup": (24, 10, 240, 0.728),
    }
    for name, (bands, rows, num_perm, theory) in expected.items():
        method = PRESETS[name].method()
        assert (method.bands, method.rows, method.params.num_perm) == (bands, rows, num_perm)
        assert round(PRESETS[name].theoretical_threshold, 3) == theory
    assert PRESETS["nemo"].unit == "char" and PRESETS["nemo"].ngram == 24
    docs, _ = planted(n_docs=30, groups=3)
    report = dedup([d["text"] for d in docs], presets=list(PRESETS))
    assert [r.method for r in report.rows] == [f"minhash[{p}]" for p in PRESETS]
    assert all(r.duplicates_removed == 6 for r in report.rows)


def test_unknown_method_suggests_one(cli) -> None:
    done = cli("dedup", "--corpus", "builtin", "--method", "minhsh", check=False)
    assert done.returncode == 2 and "did you mean minhash" in done.stderr


@pytest.mark.integration
def test_methods_side_by_side_on_the_builtin_corpus(cli, tmp_path: Path) -> None:
    done = cli(
        "dedup", "--method", "exact,minhash,datasketch,rensa,simhash", "--json",
        "--out", str(tmp_path / "run"), "--html", str(tmp_path / "dedup.html"),
    )  # fmt: skip
    report = json.loads(done.stdout)
    rows = report["results"]
    assert len(rows) == 3 * 5  # raw, trafilatura, readability × five methods
    by = {(r["text"], r["method"]): r for r in rows}
    figures = {"raw (everything)": 0.416, "trafilatura": 0.772, "readability": 0.608}
    for text, f1 in figures.items():
        ours, theirs = by[(text, "minhash")], by[(text, "datasketch")]
        assert round(ours["pairwise"]["f1"], 3) == f1
        assert ours["pairwise"] == theirs["pairwise"] and ours["clusters"] == theirs["clusters"]
        for method in ("exact", "minhash", "datasketch", "rensa", "simhash"):
            row = by[(text, method)]
            assert {"pairwise", "ari", "false_merges", "docs_per_s"} <= set(row)
    assert by[("raw (everything)", "minhash")]["false_merges"] > 0
    assert 'data-plot="dedup-s-curve"' in (tmp_path / "dedup.html").read_text()


@pytest.mark.public_data
def test_no_scores_without_gold_groups_on_aeb(cli, aeb_dir: Path, tmp_path: Path) -> None:
    done = cli("dedup", "--corpus", str(aeb_dir), "-e", "everything", "--out", str(tmp_path / "r"))
    assert "no gold duplicate groups in this corpus" in done.stdout
    assert "F1" not in header_of(done.stdout) and "ARI" not in header_of(done.stdout)
    report = json.loads((tmp_path / "r" / "dedup.json").read_text())
    assert report["gold"] is False and report["documents"] == 181
    assert all("pairwise" not in r and "ari" not in r for r in report["results"])

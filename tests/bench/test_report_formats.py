"""``boilerbench report`` in every format through the real CLI, on a small labelled corpus:
CSV and JSON tables pandas reads in one call, Markdown tables, the terminal report with
breakdowns, and an HTML file that carries its plots."""

from __future__ import annotations

import io
import json
import random
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from corpora import native

EXTRACTORS = "trafilatura,justext,everything,nothing"
WORDS = {
    "en": "the council said on monday that the new bridge over the river would open next spring "
    "after years of delays and rising costs while residents of the harbour district welcomed "
    "the news but warned that traffic in the old town could get worse",
    "de": "der stadtrat hat am montag beschlossen dass die neue brücke über den fluss im nächsten "
    "frühjahr eröffnet wird nachdem die kosten über jahre gestiegen sind und die bewohner des "
    "hafenviertels die nachricht begrüßt aber vor mehr verkehr gewarnt haben",
}
NOISE = {
    "navigation": "Home News Sport Weather Culture Contact",
    "cookie-consent": "We use cookies to improve your experience on our website. "
    "Accept all cookies or manage your settings.",
    "related-posts": "Related posts: Mayor opens new library downtown. Storm closes coastal "
    "road for two days. Local team wins the cup final.",
}


def labelled_corpus(out: Path, n_pages: int = 12) -> Path:
    """Pages in English and German on two templates, each article on two pages, with a
    navigation menu, a cookie banner and related posts annotated as noise."""
    rng = random.Random(7)
    stories: dict[str, list[str]] = {}
    pages = []
    for i in range(n_pages):
        lang = "de" if i % 3 == 0 else "en"
        template = "blog" if i % 2 else "news"
        group = f"story-{i % (n_pages // 2)}"
        vocabulary = WORDS[lang].split()
        if group not in stories:
            stories[group] = [
                " ".join(
                    " ".join(rng.choice(vocabulary) for _ in range(16)).capitalize() + "."
                    for _ in range(4)
                )
                for _ in range(5)
            ]
        title = f"Story {group} ({lang})"
        menu = "".join(f"<li><a href='/{w}'>{w}</a></li>" for w in NOISE["navigation"].split())
        body = "".join(f"<p>{p}</p>" for p in stories[group])
        tag = "article" if template == "news" else "div class='post'"
        html = (
            f"<html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><nav><ul>{menu}</ul></nav><main><{tag}><h1>{title}</h1>{body}"
            f"</{tag.split()[0]}><aside><p>{NOISE['related-posts']}</p></aside></main>"
            f"<div id='consent'><p>{NOISE['cookie-consent']}</p></div></body></html>"
        )
        record = {
            "text": "\n\n".join(stories[group]),
            "title": title,
            "language": lang,
            "template": template,
            "dup_group": group,
            "url": f"https://{template}.example/{i}",
            "noise": [{"type": kind, "text": text} for kind, text in NOISE.items()],
        }
        pages.append(native.PageToWrite(f"p{i:02d}", html.encode(), record))
    return native.write(out, "labelled", pages)


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_cli

    root = tmp_path_factory.mktemp("report")
    corpus = labelled_corpus(root / "corpus")
    out = root / "run"
    run_cli("run", "--corpus", str(corpus), "-e", EXTRACTORS, "--out", str(out), "--no-progress")
    return out


@pytest.fixture(scope="module")
def tables(run_dir: Path) -> dict[str, Path]:
    """Every table as CSV and as JSON, written with ``-o``."""
    from conftest import run_cli

    files = {}
    for name in ("summary", "pages", "pairs"):
        for fmt in ("csv", "json"):
            path = run_dir.parent / f"{name}.{fmt}"
            run_cli("report", str(run_dir), "-f", fmt, "--table", name, "-o", str(path))
            files[f"{name}.{fmt}"] = path
    return files


def summary_f1(run_dir: Path) -> dict[str, float]:
    data = json.loads((run_dir / "summary.json").read_text())
    return {r["extractor"]: r["metrics"]["f1"] for r in data["results"]}


def test_csv_summary_reads_in_one_call_with_intervals(
    run_dir: Path, tables: dict[str, Path]
) -> None:
    table = pd.read_csv(tables["summary.csv"])
    assert list(table["extractor"]) == ["trafilatura", "justext", "everything", "nothing"]
    for column in (
        "f1",
        "f1_low",
        "f1_high",
        "precision_low",
        "recall_high",
        "failures",
        "empty",
        "rank_best",
        "rank_worst",
        "pages_per_s",
    ):
        assert column in table.columns
    expected = summary_f1(run_dir)
    for row in table.itertuples():
        assert row.f1 == pytest.approx(expected[row.extractor], abs=1e-12)
        assert row.f1_low <= row.f1 <= row.f1_high
    by_name = table.set_index("extractor")
    assert by_name.loc["nothing", "empty"] == 12 and by_name.loc["nothing", "f1"] == 0
    assert by_name.loc["nothing", "rank_best"] == 4
    assert by_name.loc["everything", "noise_leak_navigation"] == 1.0
    assert by_name.loc["everything", "noise_leak_navigation_low"] == 1.0


def test_tables_are_reproducible(cli, run_dir: Path, tables: dict[str, Path]) -> None:
    again = cli("report", str(run_dir), "-f", "csv", "--table", "pairs").stdout
    assert again == tables["pairs.csv"].read_text()  # seeded bootstrap: same p-values


def test_json_tables_match_csv_tables(tables: dict[str, Path]) -> None:
    for name in ("summary", "pages", "pairs"):
        from_csv = pd.read_csv(tables[f"{name}.csv"])
        from_json = pd.read_json(tables[f"{name}.json"])
        assert list(from_csv.columns) == list(from_json.columns)
        assert len(from_csv) == len(from_json) > 0
        numeric = from_csv.select_dtypes("number").columns
        pd.testing.assert_frame_equal(
            from_csv[numeric],
            from_json[numeric].astype(from_csv[numeric].dtypes.to_dict()),
            check_exact=False,
            rtol=1e-12,
        )


def test_pages_table_has_a_row_per_page_and_extractor_with_labels(
    tables: dict[str, Path],
) -> None:
    pages = pd.read_csv(tables["pages.csv"])
    assert len(pages) == 12 * 4
    assert {
        "page",
        "extractor",
        "f1",
        "precision",
        "recall",
        "tp",
        "fp",
        "fn",
        "error",
        "empty",
        "seconds",
        "language",
        "template",
        "noise_types",
    } <= set(pages.columns)
    assert set(pages["language"]) == {"en", "de"}
    assert pages["f1"].between(0, 1).all()
    assert pages[pages["extractor"] == "nothing"]["empty"].all()
    everything = pages[pages["extractor"] == "everything"]
    assert (everything["noise_leaked_cookie-consent"] == 1).all()


def test_pairs_mark_significant_differences(tables: dict[str, Path]) -> None:
    pairs = json.loads(tables["pairs.json"].read_text())
    assert len(pairs) == 6  # every pair of 4 extractors
    by_pair = {(p["a"], p["b"]): p for p in pairs}
    versus_nothing = by_pair[("everything", "nothing")]
    assert versus_nothing["significant"] and versus_nothing["low"] > 0
    for pair in pairs:
        assert pair["diff"] >= 0  # the better extractor comes first
        assert pair["p_holm"] >= pair["p_value"]


def test_breakdowns_by_language_and_noise(cli, run_dir: Path) -> None:
    groups = pd.read_csv(
        io.StringIO(cli("report", str(run_dir), "-f", "csv", "--by", "language").stdout)
    )
    assert set(groups["value"]) == {"en", "de"}
    counts = groups[groups["extractor"] == "trafilatura"].set_index("value")["n_pages"]
    assert counts.to_dict() == {"de": 4, "en": 8}
    text = cli("report", str(run_dir), "--by", "noise").stdout
    assert "by noise" in text and "cookie-consent" in text and "leaked" in text


def test_an_unknown_breakdown_names_the_ones_available(cli, run_dir: Path) -> None:
    done = cli("report", str(run_dir), "--by", "site", check=False)
    assert done.returncode == 2
    assert "no 'site' labels" in done.stderr and "language, template, noise" in done.stderr
    assert done.stdout == ""


def test_terminal_report_shows_intervals_verdicts_and_distributions(cli, run_dir: Path) -> None:
    text = cli("report", str(run_dir)).stdout
    for expected in (
        "95% CI",
        "paired F1 differences",
        "Significantly different",
        "per-page F1 distribution",
        "noise leak",
        "failures",
        "empty",
    ):
        assert expected in text
    assert re.search(r"everything\s+│\s+nothing\s+│\s+\+0\.\d{3}", text)


def test_markdown_report(cli, run_dir: Path) -> None:
    text = cli("report", str(run_dir), "-f", "md", "--by", "language").stdout
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| rank | extractor"))
    assert re.fullmatch(r"\| (---:? \| )+---:? \|", lines[header + 1])
    rows = lines[header + 2 : header + 6]
    assert [r.split(" | ")[1] for r in rows] == [
        "**trafilatura**",
        "**justext**",
        "**everything**",
        "**nothing**",
    ]
    assert all(r.count("|") == lines[header].count("|") for r in rows)
    assert "**Which differences are significant**" in text and "**By language**" in text


def test_html_report_is_one_offline_file_with_its_plots(cli, run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    cli("report", str(run_dir), "-f", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    for plot in ("score-intervals", "speed-vs-score", "page-distribution", "noise-heatmap"):
        assert f'data-plot="{plot}"' in html
    assert 'data-plot="dedup-pr"' not in html  # no near-duplicate scores in this run (the
    # browser test runs ``boilerbench dedup`` and checks that plot)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=[\"']?https?:", html)
    assert "<style>" in html and 'id="pages-data"' in html
    data = json.loads(re.search(r'id="pages-data">(.*?)</script>', html, re.S).group(1))
    assert len(data["pages"]) == 12
    page = data["pages"][0]
    assert page["gold"] and {e["name"] for e in page["extractors"]} == set(EXTRACTORS.split(","))
    everything = next(e for e in page["extractors"] if e["name"] == "everything")
    marked = " ".join(everything["text"][a:b] for a, b in everything["extra"])
    assert "cookies" in marked  # the kept cookie banner is marked as not in the gold


def test_reports_need_the_corpus_only_for_page_text(cli, run_dir: Path, tmp_path: Path) -> None:
    """Scores, breakdowns and page labels come from the run directory; only the HTML page
    view reads the corpus, and says how to point at it when it moved."""
    corpus = tmp_path / "elsewhere"
    shutil.copytree(run_dir.parent / "corpus", corpus)
    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    manifest = json.loads((copy / "manifest.json").read_text())
    manifest["corpus"]["location"] = str(tmp_path / "gone")
    (copy / "manifest.json").write_text(json.dumps(manifest))
    assert "F1" in cli("report", str(copy)).stdout
    assert "by language" in cli("report", str(copy), "--by", "language").stdout
    groups = cli("report", str(copy), "-f", "md", "--by", "template").stdout
    assert "**By template**" in groups and "| blog |" in groups
    pages = pd.read_csv(
        io.StringIO(cli("report", str(copy), "-f", "csv", "--table", "pages").stdout)
    )
    assert set(pages["language"]) == {"en", "de"}
    html = tmp_path / "moved.html"
    cli("report", str(copy), "-f", "html", "-o", str(html))
    assert "Per-page view unavailable" in html.read_text() and "--corpus" in html.read_text()
    cli("report", str(copy), "-f", "html", "-o", str(html), "--corpus", str(corpus))
    data = json.loads(re.search(r'id="pages-data">(.*?)</script>', html.read_text(), re.S)[1])
    assert len(data["pages"]) == 12


def test_legacy_json_flag_prints_the_stored_summary(cli, run_dir: Path) -> None:
    stored = json.loads((run_dir / "summary.json").read_text())
    assert json.loads(cli("report", str(run_dir), "--json").stdout) == stored


def test_failures_stand_beside_the_scores(cli, run_dir: Path, tmp_path: Path) -> None:
    """A crashing extractor's pages count as failures and score as empty outputs."""
    out = tmp_path / "faulty"
    corpus = run_dir.parent / "corpus"
    assert cli(
        "run",
        "--corpus",
        str(corpus),
        "-e",
        "faulty_extractors:first_paragraph",
        "-e",
        "faulty_extractors:dies",
        "--out",
        str(out),
        "--no-progress",
        check=False,
    ).returncode == 3  # fmt: skip
    rows = {r["extractor"]: r for r in json.loads(cli("report", str(out), "-f", "json").stdout)}
    crashed = rows["faulty_extractors:dies"]
    assert crashed["failures"] == 12 and crashed["f1"] == 0 and crashed["n_pages"] == 12
    first = rows["faulty_extractors:first_paragraph"]
    assert first["failures"] == 0 and 0 < first["recall"] < 0.5  # one paragraph of five
    text = cli("report", str(out)).stdout
    assert "12/12 (crashed 12)" in text

"""``boilerbench corpus build|validate|stats`` through the installed console script."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from corpora.builtin import write_corpus


def test_build_validate_stats(cli, tmp_path: Path) -> None:
    out = tmp_path / "small"
    done = cli("corpus", "build", "--pages", "40", "--seed", "3", "--out", str(out))
    assert "40 pages written" in done.stdout
    assert len(list((out / "pages").iterdir())) == 40
    done = cli("corpus", "validate", str(out))
    assert done.stdout.strip().endswith("40 pages, no problems")
    stats = json.loads(cli("corpus", "stats", str(out), "--json").stdout)
    assert stats["pages"] == 40
    assert set(stats) >= {"pages", "languages", "templates", "noise_types", "dup_groups"}
    assert sum(stats["languages"].values()) == 40
    table = cli("corpus", "stats", str(out)).stdout
    assert "40 pages" in table and "cookie-consent" in table


def test_build_refuses_a_folder_with_files(cli, tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    done = cli("corpus", "build", "--pages", "5", "--out", str(tmp_path), check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("error: ") and "not an empty folder" in done.stderr


def test_validate_reports_every_problem_with_page_and_field(cli, tmp_path: Path) -> None:
    out = write_corpus(tmp_path / "broken", pages=12)
    lines = (out / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    # page 1: its HTML file is gone
    (out / records[1]["html"]).unlink()
    # page 2: a noise span beyond the end of the page
    records[2]["noise"][0]["end"] = 10**7
    # page 3: gold words that the page does not show
    records[3]["text"] += "\n\nZebraquill marmaloft"
    # page 4: bytes that are not UTF-8
    raw = gzip.decompress((out / records[4]["html"]).read_bytes()) + b"\xff\xfe\xfa"
    (out / records[4]["html"]).write_bytes(gzip.compress(raw, mtime=0))
    # page 5: a noise span whose offsets do not hold its text
    records[5]["noise"][0]["text"] = "Nowhere to be seen"
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + ["{not json"]
    (out / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = cli("corpus", "validate", str(out), check=False)
    assert done.returncode == 1
    report = done.stdout
    assert f"{records[1]['id']}: html: " in report and "does not exist" in report
    assert f"{records[2]['id']}: noise[0] " in report and "out of range" in report
    assert f"{records[3]['id']}: text: paragraph" in report and "'Zebraquill'" in report
    assert f"{records[4]['id']}: html: bytes are not utf-8" in report
    assert f"{records[5]['id']}: noise[0] " in report and "text not found" in report
    assert "gold.jsonl:13: line: invalid JSON" in report
    assert report.strip().endswith("12 pages, 6 problem(s)")

"""WARC input: the HTML responses of a crawl (a WARC we write here from our own pages) run
through extractors without gold; the HTTP charset is the page's declared charset."""

from __future__ import annotations

import gzip
import io
import json
import pickle
import re
from pathlib import Path

import pytest

from corpora import warc
from corpora.page import CorpusError

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

RU = "Городской совет утвердил новый план развития набережной. Работы начнутся весной."
JA = "市議会は川沿いの新しい公園の計画を承認しました。工事は春に始まります。"
EN = "The ferry timetable changes on Monday because the river is low after a dry summer."
HOST = "http://crawl.example"


def _page(text: str) -> str:
    return f"<html><body><nav>Home - News</nav><p>{text}</p></body></html>"


def _chunked(data: bytes, size: int = 20) -> bytes:
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


# url path → (status, headers, body); what the crawl holds
RESPONSES: dict[str, tuple[str, list[tuple[str, str]], bytes]] = {
    "/ru": (
        "200 OK",
        [("Content-Type", "text/html; charset=windows-1251")],
        _page(RU).encode("cp1251"),
    ),
    "/en": ("200 OK", [("Content-Type", "text/html")], _page(EN).encode()),
    "/ja": (
        "200 OK",
        [("Content-Type", "text/html; charset=Shift_JIS")],
        _page(JA).encode("shift_jis"),
    ),
    "/gz": (
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        gzip.compress(_page(EN + " Gzipped.").encode(), mtime=0),
    ),
    "/chunked": (
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), ("Transfer-Encoding", "chunked")],
        _chunked(_page(EN + " Chunked.").encode()),
    ),
    "/en-copy": ("200 OK", [("Content-Type", "text/html")], _page(EN).encode()),
    "/empty": ("200 OK", [("Content-Type", "text/html")], b""),
    "/logo.png": ("200 OK", [("Content-Type", "image/png")], b"\x89PNG\r\n\x1a\n" + bytes(64)),
    "/missing": ("404 Not Found", [("Content-Type", "text/html")], _page("Not found").encode()),
}
HTML_PAGES = {"/ru", "/en", "/ja", "/gz", "/chunked", "/en-copy", "/empty"}


def write_crawl(path: Path, truncate_last: bool = False) -> Path:
    """A gzipped WARC: warcinfo, a request, the responses above; optionally a last HTML
    response cut in the middle, as an interrupted crawl leaves it."""
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        request = StatusAndHeaders(
            "GET /en HTTP/1.1", [("Host", "crawl.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record(f"{HOST}/en", "request", http_headers=request)
        )
        for url, (status, headers, body) in RESPONSES.items():
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    HOST + url, "response", payload=io.BytesIO(body), http_headers=http
                )
            )
        if truncate_last:
            size = handle.tell()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = _page(EN * 200).encode()
            writer.write_record(
                writer.create_warc_record(
                    f"{HOST}/cut", "response", payload=io.BytesIO(body), http_headers=http
                )
            )
    if truncate_last:
        data = path.read_bytes()
        path.write_bytes(data[: size + (len(data) - size) // 2])
    return path


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_crawl(tmp_path_factory.mktemp("warc") / "crawl.warc.gz")


def test_html_responses_become_pages(crawl: Path) -> None:
    corpus = warc.load(crawl)
    assert corpus.name == "crawl" and corpus.format == "warc"
    by_url = {page.url: page for page in corpus.pages}
    assert set(by_url) == {HOST + url for url in HTML_PAGES}
    assert all(page.gold is None for page in corpus.pages)
    assert by_url[f"{HOST}/ru"].charset == "windows-1251"
    assert by_url[f"{HOST}/ja"].charset == "shift_jis"  # fastwarc lower-cases it
    assert by_url[f"{HOST}/en"].charset is None
    assert by_url[f"{HOST}/ru"].read_bytes() == _page(RU).encode("cp1251")
    assert by_url[f"{HOST}/gz"].read_bytes() == _page(EN + " Gzipped.").encode()
    assert by_url[f"{HOST}/chunked"].read_bytes() == _page(EN + " Chunked.").encode()
    assert by_url[f"{HOST}/empty"].read_bytes() == b""
    page = by_url[f"{HOST}/en"]
    assert len(page.id) == 36 and page.id.count("-") == 4  # the record's UUID
    copy = pickle.loads(pickle.dumps(page))  # pages travel to worker processes
    assert copy == page and copy.read_bytes() == _page(EN).encode()


def test_a_folder_of_warcs_and_a_truncated_crawl(tmp_path: Path, caplog) -> None:
    write_crawl(tmp_path / "a.warc.gz")
    cut = write_crawl(tmp_path / "b.warc.gz", truncate_last=True)
    with caplog.at_level("WARNING"):
        corpus = warc.load(tmp_path)
    assert len(corpus.pages) == 2 * len(HTML_PAGES)  # the cut record is left out
    assert f"{cut}: the " in caplog.text and "skipped" in caplog.text
    assert warc.looks_like(tmp_path) and warc.looks_like(cut)


def test_not_a_warc_is_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "page.warc"
    page.write_text("<html><body>not a crawl</body></html>")
    with pytest.raises(CorpusError, match=re.escape(f"{page}: not a readable WARC file")):
        warc.load(page)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(CorpusError, match=re.escape(f"{empty}: no WARC files")):
        warc.load(empty)
    images = tmp_path / "images.warc.gz"
    with images.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        png = io.BytesIO(b"\x89PNG\r\n\x1a\n")
        writer.write_record(
            writer.create_warc_record(f"{HOST}/a.png", "response", payload=png, http_headers=http)
        )
    with pytest.raises(CorpusError, match=re.escape(f"{images}: no HTML responses")):
        warc.load(images)


def test_run_on_a_crawl_reports_speed_length_failures(cli, crawl: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    done = cli(
        "run", "--corpus", f"warc:{crawl}", "-e", "everything,nothing", "--out", str(out), "--json"
    )
    summary = json.loads(done.stdout)
    assert summary["corpus"] == "crawl"
    rows = {row["extractor"]: row for row in summary["results"]}
    everything = rows["everything"]
    assert everything["n_pages"] == len(HTML_PAGES)
    assert everything["metrics"] == {}  # no gold: no scores, and nothing breaks
    assert everything["failure_kinds"] == {"input": 1}  # the empty response
    assert everything["pages_per_s"] > 0
    assert everything["output_chars_median"] > len(EN)
    assert everything["duplicate_outputs"] == 1  # /en and /en-copy
    assert rows["nothing"]["empty"] == len(HTML_PAGES) - 1
    records = [json.loads(line) for line in (out / "results.jsonl").read_text().splitlines()]
    by_url = {page.id: page.url for page in warc.load(crawl).pages}
    decoded = {
        by_url[r["page"]]: (r["encoding"], r["encoding_source"])
        for r in records
        if r["extractor"] == "everything"
    }
    assert decoded[f"{HOST}/ru"] == ("cp1251", "declared")
    assert decoded[f"{HOST}/ja"] == ("shift_jis", "declared")
    texts = {by_url[k]: v for k, v in _outputs(out).items()}
    assert RU in texts[f"{HOST}/ru"] and JA in texts[f"{HOST}/ja"]
    table = cli("report", str(out)).stdout
    assert "everything" in table and "–" in table


def _outputs(out: Path) -> dict[str, str]:
    from bench.store import RunStore

    return RunStore(out).outputs("everything")

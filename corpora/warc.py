"""A web crawl as a corpus without gold: the HTML responses of WARC files (``warc:FILE`` with
``FILE.warc`` or ``FILE.warc.gz``, or ``warc:FOLDER`` holding such files), read with fastwarc.

A page is a response record with a 2xx status and an HTML content type; its id is the
record's ``WARC-Record-ID`` (the UUID) or, without one, a hash of its URL. The charset of the
HTTP ``Content-Type`` header becomes the page's declared charset. Pages keep only the
record's offset and are read on demand, so a crawl of 100,000 pages stays small in memory;
this needs one gzip member per record, as every crawler writes them.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from corpora.corpus import Corpus, check_unique_ids
from corpora.page import CorpusError, Page

logger = logging.getLogger(__name__)

FORMAT = "warc"
SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _warc() -> Any:
    try:
        from fastwarc import warc
    except ImportError as exc:
        raise CorpusError("WARC input needs fastwarc: pip install fastwarc") from exc
    return warc


def is_warc_file(path: Path) -> bool:
    return path.is_file() and path.name.lower().endswith(SUFFIXES)


def looks_like(path: Path) -> bool:
    """A WARC file, or a folder holding WARC files."""
    if path.is_dir():
        return any(is_warc_file(p) for p in path.iterdir())
    return is_warc_file(path)


@dataclass(frozen=True, slots=True)
class WarcPage(Page):
    """A page whose HTML is the payload of the response record at ``offset`` in ``path``."""

    offset: int = 0
    record_id: str = ""

    def stamp(self) -> str | None:
        file_stamp = Page.stamp(self)
        return None if file_stamp is None else f"{file_stamp}\0{self.offset}\0{self.record_id}"

    def read_bytes(self) -> bytes:
        """The HTTP payload, with its transfer and content encodings (chunked, gzip, ...)
        undone."""
        warc = _warc()
        try:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                records = warc.ArchiveIterator(
                    handle,
                    record_types=warc.WarcRecordType.response,
                    parse_http=True,
                    auto_decode="all",
                )
                record = next(iter(records), None)
                if record is None or record.record_id != self.record_id:
                    raise CorpusError(
                        f"page {self.id!r}: no record {self.record_id} at offset {self.offset} "
                        f"of {self.path} (has the file changed?)"
                    )
                return bytes(record.reader.read())
        except OSError as exc:
            raise CorpusError(
                f"page {self.id!r}: cannot read its record at offset {self.offset} of "
                f"{self.path}: {exc}"
            ) from exc


def _page_id(record_id: str | None, url: str | None) -> str:
    if record_id:
        return record_id.strip("<>").removeprefix("urn:uuid:")
    return "url-" + hashlib.sha1((url or "").encode("utf-8")).hexdigest()[:16]


def _pages_of(path: Path) -> list[WarcPage]:
    """The HTML pages of one WARC file; a truncated last record is skipped with a warning."""
    warc = _warc()
    pages: list[WarcPage] = []
    offsets: set[int] = set()
    n_records = 0
    try:
        with path.open("rb") as handle:
            records = warc.ArchiveIterator(handle, parse_http=True, auto_decode="none")
            for record in records:
                n_records += 1
                if record.record_type != warc.WarcRecordType.response:
                    continue
                url = record.headers.get("WARC-Target-URI")
                if (
                    record.http_headers is None
                    or not record.http_headers.status_code
                    or record.headers.get("Content-Length") is None
                ):
                    logger.warning(
                        "%s: the response record at offset %d (%s) has no readable HTTP header "
                        "(truncated or malformed); skipped",
                        path,
                        record.stream_pos,
                        url,
                    )
                    continue
                status = record.http_headers.status_code
                content_type = (record.http_content_type or "").lower()
                if status is None or not 200 <= status < 300 or content_type not in HTML_TYPES:
                    continue
                body = record.reader.read()
                if len(body) < record.content_length:
                    logger.warning(
                        "%s: the record at offset %d (%s) is truncated (%d of %d bytes); skipped",
                        path,
                        record.stream_pos,
                        url,
                        len(body),
                        record.content_length,
                    )
                    continue
                if record.stream_pos in offsets:
                    raise CorpusError(
                        f"{path}: compressed as one gzip stream, so its records cannot be read "
                        "one by one; recompress it with one gzip member per record "
                        "(e.g. 'warcio recompress')"
                    )
                offsets.add(record.stream_pos)
                pages.append(
                    WarcPage(
                        id=_page_id(record.record_id, url),
                        path=path,
                        url=url,
                        charset=record.http_charset or None,
                        offset=record.stream_pos,
                        record_id=record.record_id or "",
                    )
                )
    except OSError as exc:
        if not pages:
            raise CorpusError(f"{path}: not a readable WARC file: {exc}") from exc
        logger.warning(
            "%s: reading stopped after %d records: %s; %d pages kept",
            path,
            n_records,
            exc,
            len(pages),
        )
    logger.info("%s: %d HTML pages among %d records", path, len(pages), n_records)
    return pages


def load(path: Path, name: str | None = None) -> Corpus:
    """A WARC file, or every WARC file of a folder (in name order), as one corpus."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if is_warc_file(p))
        if not files:
            raise CorpusError(f"{path}: no WARC files (*.warc, *.warc.gz) in this folder")
    elif path.is_file():
        files = [path]
    else:
        raise CorpusError(f"WARC file {path} does not exist")
    pages = [page for file in files for page in _pages_of(file)]
    if not pages:
        raise CorpusError(
            f"{path}: no HTML responses (status 2xx, Content-Type text/html) in "
            + ", ".join(f.name for f in files)
        )
    check_unique_ids(list(pages), str(path))
    stem = path.name
    for suffix in SUFFIXES[::-1]:
        stem = stem.removesuffix(suffix)
    return Corpus(name=name or stem, format=FORMAT, location=str(path), pages=tuple(pages))

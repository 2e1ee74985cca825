"""Records for benchmark pages: where the HTML lives, its gold text and its labels."""

from __future__ import annotations

import gzip
import os
from dataclasses import dataclass, field
from pathlib import Path


class CorpusError(Exception):
    """A corpus could not be read; the message names the file, page and field."""


@dataclass(frozen=True, slots=True)
class NoiseSpan:
    """A block of boilerplate we inserted into a page, with its type (e.g. ``cookie-consent``).

    ``start``/``end`` are optional offsets into the page's decoded HTML.
    """

    type: str
    text: str
    start: int | None = None
    end: int | None = None


# What ``Gold.structure`` can be written in.
STRUCTURE_FORMATS = ("html", "markdown")


@dataclass(frozen=True, slots=True)
class Gold:
    """What a perfect extractor returns for a page, plus what we know about the page.

    Snippet gold (trafilatura's evaluation) has ``text == ""`` and lists the snippets the
    output must contain (``snippets_with``) and must not (``snippets_without``). ``markup``
    is CleanEval's gold with its ``<p>``/``<h>``/``<l>`` block markers; ``dataset`` names the
    source dataset of a page in a combined benchmark, for macro averages. ``structure`` is the
    gold as the dataset gives it with its structure (headings, lists, tables, code), in the
    format ``structure_format`` names (one of :data:`STRUCTURE_FORMATS`), for structure
    metrics: WebMainBench's and WCXB's markdown, the readability fixtures' expected HTML.
    ``author`` and ``published`` are the page's byline and publication date when the dataset
    records them.
    """

    text: str
    title: str | None = None
    language: str | None = None
    template: str | None = None
    dup_group: str | None = None
    noise: tuple[NoiseSpan, ...] = ()
    snippets_with: tuple[str, ...] = ()
    snippets_without: tuple[str, ...] = ()
    markup: str | None = None
    dataset: str | None = None
    structure: str | None = None
    structure_format: str | None = None
    author: str | None = None
    published: str | None = None

    @property
    def has_snippets(self) -> bool:
        return bool(self.snippets_with or self.snippets_without)


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page; its bytes are read on demand so corpora of 100,000 pages stay small.

    ``charset`` is the encoding declared outside the HTML (HTTP header or the corpus's own
    documentation); ``None`` lets decoding look at the page itself.
    """

    id: str
    path: Path
    gold: Gold | None = None
    url: str | None = None
    charset: str | None = None
    labels: tuple[tuple[str, str], ...] = field(default=())

    def read_bytes(self) -> bytes:
        """The page's HTML bytes exactly as stored, gunzipped when the file is ``.gz``."""
        try:
            data = self.path.read_bytes()
            if self.path.suffix == ".gz":
                data = gzip.decompress(data)
        except FileNotFoundError as exc:
            raise CorpusError(f"page {self.id!r}: HTML file {self.path} does not exist") from exc
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            raise CorpusError(f"page {self.id!r}: cannot read {self.path}: {exc}") from exc
        return data

    def stamp(self) -> str | None:
        """What identifies the stored bytes cheaply: the file's path, size, modification time
        (ns) and inode, so a digest computed once can be reused until the file changes;
        ``None`` when the file cannot be stat'ed."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return f"{os.path.abspath(self.path)}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}"

    def label(self, key: str) -> str | None:
        """A page label such as ``language`` or ``template``, from the labels or the gold."""
        for name, value in self.labels:
            if name == key:
                return value
        if self.gold is not None and key in ("language", "template", "dup_group"):
            return getattr(self.gold, key)
        return None

    def noise_types(self) -> tuple[str, ...]:
        """The distinct types of the noise inserted into the page, sorted."""
        return tuple(sorted({span.type for span in self.gold.noise})) if self.gold else ()

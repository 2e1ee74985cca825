"""The article-extraction-benchmark loader on the real data in ../shared/corpora/aeb."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpora.decoding import decode_html
from corpora.registry import open_corpus

pytestmark = pytest.mark.public_data


def test_aeb_loads_181_pages_with_gold(aeb_dir: Path) -> None:
    corpus = open_corpus(str(aeb_dir))
    assert corpus.format == "aeb" and len(corpus.pages) == 181
    page = corpus.page("042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856")
    assert page.gold is not None and page.gold.text.startswith("Gaming used to be so simple.")
    assert page.url is not None and page.url.startswith("https://www.wsj.com/articles/")
    assert open_corpus(f"aeb:{aeb_dir}").checksum() == corpus.checksum()


def test_aeb_pages_decode_as_utf8_and_the_choice_is_recorded(aeb_dir: Path) -> None:
    corpus = open_corpus(str(aeb_dir))
    for page in corpus.pages:
        decoded = decode_html(page.read_bytes(), page.charset)
        assert (decoded.encoding, decoded.source) == ("utf-8", "declared"), page.id

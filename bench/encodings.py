"""Pages whose stated charset lost to valid UTF-8 (:mod:`corpora.decoding`): counted in the
summary (``encoding_overrides``) and announced once after a run, since their text is not
what the page's label says."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bench.records import PageResult
from corpora.decoding import is_override

LISTED = 10  # page ids kept in the summary


def encoding_overrides(results: Iterable[PageResult]) -> dict[str, Any]:
    """``{"count": pages, "pages": [the first 10 ids, sorted]}`` over the pages whose
    ``encoding_source`` is a UTF-8 override (a page counts once, whatever ran on it)."""
    pages = sorted({r.page for r in results if is_override(r.encoding_source)})
    return {"count": len(pages), "pages": pages[:LISTED]}


def override_warning(summary: dict[str, Any]) -> str | None:
    """The line printed after a run when pages were decoded as UTF-8 against their label."""
    count = (summary.get("encoding_overrides") or {}).get("count", 0)
    if not count:
        return None
    pages = "page" if count == 1 else "pages"
    verb = "was" if count == 1 else "were"
    return (
        f"warning: {count} {pages} declared a charset but {verb} valid UTF-8; decoded as UTF-8 "
        "(see encoding_source in results.jsonl)"
    )

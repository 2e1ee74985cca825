"""Plain functions that declare their output kind (``OUTPUT_KIND``), for the output-kind
tests: a markdown answer wrapped as language models wrap it, and an HTML one."""

from __future__ import annotations

import re


def title_markdown(html: str) -> str:
    """The page's <h1> and paragraphs as markdown, in a ```markdown fence."""
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    body = "\n\n".join(re.sub(r"<[^>]+>", "", p) for p in paragraphs)
    title = re.sub(r"<[^>]+>", "", heading.group(1)) if heading else ""
    return f"```markdown\n# {title}\n\n{body}\n```\n"


title_markdown.OUTPUT_KIND = "markdown"  # type: ignore[attr-defined]


def wrong_kind(html: str) -> str:
    return html


wrong_kind.OUTPUT_KIND = "pdf"  # type: ignore[attr-defined]

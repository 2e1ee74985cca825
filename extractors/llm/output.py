"""From a model's answer to the extractor's output: chat models often wrap the whole answer in
a fence (```` ```markdown ... ``` ````), put a line such as "Here is the content:" before it,
or (reasoning models) open with a ``<think>`` block. Those wrappers are removed; fenced code
blocks inside the content are content and stay."""

from __future__ import annotations

import re

# An opening fence line naming a document language (or none), at the start of the answer.
_WRAPPER = re.compile(r"\A```[ \t]*(markdown|md|text|txt|plain|plaintext|html)?[ \t]*\n", re.I)
_FENCE_LINE = re.compile(r"^[ \t]*```", re.M)
_THINK = re.compile(r"\A\s*<think>.*?</think>\s*", re.S)
_PREAMBLE_MAX = 200  # a lead-in line longer than this is content, not a preamble


def _drop_preamble(text: str) -> str:
    """A one-line lead-in ("Here is the content:") before a wrapper fence goes."""
    first, sep, rest = text.partition("\n")
    lead_in = first.strip()
    if (
        sep
        and lead_in.endswith(":")
        and len(lead_in) <= _PREAMBLE_MAX
        and _WRAPPER.match(rest.lstrip("\n"))
    ):
        return rest.lstrip("\n")
    return text


def unwrap(answer: str, bare: bool = True) -> str:
    """The answer without a ``<think>`` block, a one-line preamble and a fence around the
    whole of it. A bare ```` ``` ```` opening is a wrapper only when it closes on the last line
    with no other fence between (else it is the content's first code block), and only with
    ``bare`` (a gold or a converter's markdown that is one code block stays one); a named one
    (```` ```markdown ````) always is, and its closing fence is the last line when present (an
    answer cut by ``max_tokens`` has none)."""
    text = _THINK.sub("", answer).strip()
    text = _drop_preamble(text)
    match = _WRAPPER.match(text)
    if match is None:
        return text
    body = text[match.end() :]
    lines = body.rstrip().split("\n")
    closed = bool(lines) and lines[-1].strip() == "```"
    inner = "\n".join(lines[:-1]) if closed else body
    if match.group(1) is None and (not bare or not closed or _FENCE_LINE.search(inner)):
        return text  # a code block that starts the content, not a wrapper
    return inner.strip()

"""LLM extractors: any OpenAI-compatible chat-completions endpoint as an extractor, written
``llm:MODEL@BASE_URL`` (``llm:ReaderLM-v2@http://127.0.0.1:8000/v1``). See
docs/llm-extractors.md. Importing this package imports no HTTP client."""

from __future__ import annotations

from extractors.base import ExtractorError

LLM_PREFIX = "llm:"
ADAPTER = "extractors.llm.adapter:LlmExtractor"


def parse_target(target: str) -> tuple[str, str]:
    """``llm:MODEL@BASE_URL`` → ``(MODEL, BASE_URL)``. The ``@`` before ``http://`` or
    ``https://`` separates (a model id may hold ``@``), else the last one."""
    rest = target[len(LLM_PREFIX) :] if target.startswith(LLM_PREFIX) else target
    at = max(rest.find("@http://"), rest.find("@https://"))
    if at >= 0:
        model, sep, base_url = rest[:at], "@", rest[at + 1 :]
    else:
        model, sep, base_url = rest.rpartition("@")
    if not sep or not model.strip() or not base_url.strip():
        raise ExtractorError(
            f"{target!r}: an LLM extractor is 'llm:MODEL@BASE_URL', e.g. "
            "'llm:ReaderLM-v2@http://127.0.0.1:8000/v1'"
        )
    return model.strip(), base_url.strip()


__all__ = ["ADAPTER", "LLM_PREFIX", "parse_target"]

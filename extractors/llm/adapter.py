"""The ``llm:MODEL@BASE_URL`` extractor: a page's HTML, cleaned and cut as its preset says, sent
to an OpenAI-compatible chat-completions endpoint (vLLM, llama.cpp server, ollama, a hosted
API); the answer, unwrapped, is the output.

It is I/O-bound (``io_bound``): the runner sends its pages to the I/O executor
(:mod:`bench.executors.io`), which keeps ``concurrency`` requests in flight from the parent
process through :meth:`LlmExtractor.session` and :meth:`LlmExtractor.aextract`. ``extract``
is the one-page synchronous form (``check-extractor``, a notebook)."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import hashlib
import math
import os
import random
import time
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import httpx

from extractors.base import ExtractorError
from extractors.llm import presets
from extractors.llm.client import ApiError, RetryPolicy, complete
from extractors.llm.output import unwrap
from extractors.llm.prompt import build

# Parameters that change how pages are fetched or priced, not what comes back: they stay out
# of the run identity (changing them neither misses the output cache nor blocks --resume).
NOT_IN_IDENTITY = frozenset(
    {"concurrency", "timeout", "retries", "api_key_env", "price_in_per_mtok", "price_out_per_mtok"}
)


@functools.cache
def code_sha256() -> str:
    """Hash of this package's code (adapter, client, prompt, cleaning, unwrapping)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ExtractorError(message)


def _price(name: str, value: Any) -> float | None:
    if value is None:
        return None
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0
    _check(ok and math.isfinite(value), f"llm: {name} must be a number of USD >= 0, not {value!r}")
    return float(value)


class LlmExtractor:
    """``model``: the id the endpoint serves; ``base_url``: up to ``/v1``. See
    docs/llm-extractors.md for every parameter."""

    io_bound = True

    def __init__(
        self,
        model: str,
        base_url: str,
        preset: str = "generic-markdown",
        temperature: float = 0.0,
        max_tokens: int = 4096,
        max_input_tokens: int = 32_000,
        timeout: float = 120.0,
        retries: int = 5,
        concurrency: int = 16,
        api_key_env: str = "",
        price_in_per_mtok: float | None = None,
        price_out_per_mtok: float | None = None,
    ) -> None:
        _check(bool(model.strip()), "llm: the spec needs a model id: llm:MODEL@BASE_URL")
        _check(
            base_url.startswith(("http://", "https://")),
            f"llm: the base URL must start with http:// or https://, not {base_url!r}",
        )
        _check(concurrency >= 1, f"llm: concurrency must be >= 1, not {concurrency}")
        _check(retries >= 0, f"llm: retries must be >= 0, not {retries}")
        _check(timeout > 0, f"llm: timeout must be > 0 seconds, not {timeout}")
        _check(max_tokens >= 0, f"llm: max_tokens must be >= 0 (0: not sent), not {max_tokens}")
        _check(max_input_tokens > 0, f"llm: max_input_tokens must be > 0, not {max_input_tokens}")
        if api_key_env:
            _check(
                bool(os.environ.get(api_key_env)),
                f"llm: api_key_env names {api_key_env!r}, but that environment variable is "
                "not set (or empty)",
            )
        self.model = model.strip()
        self.base_url = base_url.rstrip("/")
        self.preset = presets.load(preset)
        # what the answers are (OUTPUT_KIND, extractors.base): text metrics read the text of
        # a markdown or HTML answer, structure metrics its blocks
        self.OUTPUT_KIND = self.preset.output_kind
        self.temperature = float(temperature)
        self.max_tokens = max_tokens
        self.max_input_tokens = max_input_tokens
        self.timeout = float(timeout)
        self.policy = RetryPolicy(retries=retries)
        self.concurrency = concurrency
        self.api_key_env = api_key_env
        self.price_in_per_mtok = _price("price_in_per_mtok", price_in_per_mtok)
        self.price_out_per_mtok = _price("price_out_per_mtok", price_out_per_mtok)

    @property
    def url(self) -> str:
        return f"{self.base_url}/chat/completions"

    def __repr__(self) -> str:  # never shows the key: it is read when a session opens
        return f"LlmExtractor({self.model!r} at {self.base_url}, preset {self.preset.name!r})"

    def run_identity(self, params: dict[str, Any]) -> dict[str, Any]:
        """What decides the output besides the page (:func:`bench.identity.identity_of`): the
        model id, not the endpoint's host; the preset's content hash; the parameters that
        shape the answer; this package's code."""
        shaping = {k: v for k, v in params.items() if k not in NOT_IN_IDENTITY}
        return {
            "target": f"llm:{self.model}",
            "params": {**shaping, "preset_sha256": self.preset.sha256},
            "code": code_sha256(),
        }

    @contextlib.asynccontextmanager
    async def session(self) -> AsyncIterator[httpx.AsyncClient]:
        """An HTTP client for many pages: ``concurrency`` connections, the per-request
        timeout, and the API key read from ``api_key_env`` now (it is kept nowhere else)."""
        headers = {}
        if self.api_key_env and (key := os.environ.get(self.api_key_env)):
            headers["Authorization"] = f"Bearer {key}"
        limits = httpx.Limits(
            max_connections=self.concurrency, max_keepalive_connections=self.concurrency
        )
        async with httpx.AsyncClient(
            headers=headers, timeout=httpx.Timeout(self.timeout), limits=limits
        ) as client:
            yield client

    async def aextract(
        self, client: httpx.AsyncClient, html: str
    ) -> tuple[str, dict[str, Any] | None]:
        """The output for one page and its usage record (tokens, whether the HTML was cut,
        the model that answered, attempts). :class:`ApiError` when the request failed."""
        prompt = build(self.preset, html, self.max_input_tokens)
        body: dict[str, Any] = {
            **self.preset.request,
            "model": self.model,
            "messages": prompt.messages,
            "temperature": self.temperature,
            "stream": False,
        }
        if self.max_tokens:
            body["max_tokens"] = self.max_tokens
        usage: dict[str, Any] = {"model": self.model, "truncated": prompt.truncated}
        try:
            done = await complete(client, self.url, body, self.policy, random.Random())
        except ApiError as exc:
            exc.usage = {**usage, **(exc.usage or {}), "finished": time.time()}
            raise
        usage.update(
            model=done.model or self.model,
            input_tokens=done.input_tokens,
            output_tokens=done.output_tokens,
            output_truncated=done.finish_reason == "length",
            attempts=done.attempts,
            finished=time.time(),  # with the page's seconds: when requests were in flight
        )
        return unwrap(done.text), usage

    def extract(self, html: str) -> str:
        """One page, synchronously (a fresh client; for a run, the I/O executor is used)."""

        async def one() -> str:
            async with self.session() as client:
                text, _usage = await self.aextract(client, html)
                return text

        return _run_sync(one())


def _run_sync(coroutine: Coroutine[Any, Any, str]) -> str:
    """Run a coroutine to its end, in a thread of its own when this one already runs a loop
    (a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()

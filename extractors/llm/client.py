"""One chat-completions request to an OpenAI-compatible endpoint, with retries.

429, 408 and 5xx answers, timeouts and dropped connections are retried with exponential
backoff and full jitter (a random wait up to ``base × 2^attempt``, capped), or after the
``Retry-After`` the server asked for. What still fails raises :class:`ApiError`, whose text
is the status and the server's message. A malformed answer (not JSON, no choices) is not
retried: the server answered, and asking again rarely changes what it says.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

import httpx

logger = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({408, 429})
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 30.0
MAX_RETRY_AFTER_S = 120.0  # a longer Retry-After is waited this long, then asked again
_MESSAGE_CHARS = 300


class ApiError(Exception):
    """A request that failed for good. ``kind`` prefixes the page's recorded error
    (``api: 429 Too Many Requests: ...``); ``usage`` is what the endpoint billed, if it said."""

    kind = "api"

    def __init__(
        self, message: str, status: int | None = None, usage: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.usage = usage


@dataclass(frozen=True, slots=True)
class Completion:
    """The answer's text, the endpoint's token counts and model id, why generation stopped,
    and how many attempts it took."""

    text: str
    input_tokens: int | None
    output_tokens: int | None
    model: str | None
    finish_reason: str | None
    attempts: int


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    retries: int = 5
    base: float = BACKOFF_BASE_S
    cap: float = BACKOFF_CAP_S

    def delay(self, attempt: int, retry_after: float | None, rng: random.Random) -> float:
        """Seconds to wait before attempt ``attempt + 1`` (``attempt`` counts from 0): the
        server's ``Retry-After`` when it gave one, else full jitter under the exponential
        bound. Jitter spreads retries of many pages; it does not touch any result."""
        if retry_after is not None:
            return min(max(retry_after, 0.0), MAX_RETRY_AFTER_S)
        return rng.uniform(0, min(self.cap, self.base * 2**attempt))


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """``Retry-After`` as seconds: a number, or an HTTP date; ``None`` when absent or bad."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _server_message(response: httpx.Response) -> str:
    """The error message in an OpenAI-style body (``{"error": {"message": ...}}``), else the
    start of the body."""
    try:
        data = response.json()
    except ValueError:
        return response.text.strip()[:_MESSAGE_CHARS]
    error = data.get("error") if isinstance(data, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:_MESSAGE_CHARS]
    if isinstance(error, str):
        return error[:_MESSAGE_CHARS]
    return json.dumps(data)[:_MESSAGE_CHARS]


def _status_line(response: httpx.Response) -> str:
    return f"{response.status_code} {response.reason_phrase}".strip()


def _tokens(usage: Any, key: str) -> int | None:
    value = usage.get(key) if isinstance(usage, dict) else None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_completion(response: httpx.Response, attempts: int) -> Completion:
    """The completion in a 2xx answer; :class:`ApiError` when it is not one."""
    try:
        data = response.json()
    except ValueError as exc:
        snippet = response.text.strip()[:80]
        raise ApiError(
            f"{_status_line(response)} but the body is not JSON ({exc}): {snippet!r}",
            response.status_code,
        ) from exc
    if not isinstance(data, dict):
        raise ApiError(f"{_status_line(response)} but the body is not a JSON object")
    usage = data.get("usage")
    tokens = {
        "input_tokens": _tokens(usage, "prompt_tokens"),
        "output_tokens": _tokens(usage, "completion_tokens"),
    }
    choices = data.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise ApiError(
            f"{_status_line(response)} but the answer has no choices", response.status_code, tokens
        )
    choice = choices[0]
    message = choice.get("message")
    content = message.get("content") if isinstance(message, dict) else None
    if content is not None and not isinstance(content, str):
        raise ApiError(
            f"{_status_line(response)} but the message content is a "
            f"{type(content).__name__}, not text",
            response.status_code,
            tokens,
        )
    model = data.get("model")
    return Completion(
        text=content or "",
        model=model if isinstance(model, str) else None,
        finish_reason=choice.get("finish_reason"),
        attempts=attempts,
        **tokens,
    )


async def complete(
    client: httpx.AsyncClient,
    url: str,
    body: dict[str, Any],
    policy: RetryPolicy,
    rng: random.Random,
) -> Completion:
    """POST ``body`` to ``url`` until it succeeds, fails for good, or retries run out."""
    attempts = policy.retries + 1
    for attempt in range(attempts):
        retry_after: float | None = None
        status: int | None = None
        try:
            response = await client.post(url, json=body)
        except httpx.TimeoutException as exc:
            problem = f"timeout: no answer within {_timeout_of(client)} ({type(exc).__name__})"
        except httpx.TransportError as exc:  # refused, reset, closed without an answer
            problem = f"connection: {type(exc).__name__}: {exc}".rstrip(": ")
        else:
            if response.is_success:
                return parse_completion(response, attempt + 1)
            status = response.status_code
            problem = f"{_status_line(response)}: {_server_message(response)}".rstrip(": ")
            if status not in RETRY_STATUSES and status < 500:
                raise ApiError(problem, status)
            retry_after = retry_after_seconds(response.headers.get("retry-after"))
        if attempt + 1 == attempts:
            tries = f"{attempts} attempts" if attempts > 1 else "1 attempt, retries=0"
            raise ApiError(f"{problem} (after {tries})", status)
        wait = policy.delay(attempt, retry_after, rng)
        logger.debug("%s: %s; retrying in %.2f s", url, problem, wait)
        await asyncio.sleep(wait)
    raise AssertionError("unreachable")


def _timeout_of(client: httpx.AsyncClient) -> str:
    read = client.timeout.read
    return f"{read:g} s" if read is not None else "the timeout"

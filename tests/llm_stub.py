"""A real OpenAI-compatible chat-completions server for the tests, on 127.0.0.1 with an
ephemeral port, in a thread of the test process (``with StubServer() as stub: stub.url``).

It answers deterministically: the visible text (html-text) of the HTML in the prompt's
```` ```html ```` fence, with ``usage`` counted as characters ÷ 4. :class:`Rule` s make some
prompts misbehave — 429 with ``Retry-After``, 500, a slow answer, malformed JSON, an empty
choice list, a connection closed without an answer — on their first attempts or always.
Which prompts a rule hits is decided by a hash of the prompt, so a run hits the same pages
every time. Nothing here opens a connection to anything but the loopback address.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import html_text

MODES = ("ok", "429", "500", "slow", "malformed", "empty", "close")


@dataclass(frozen=True)
class Rule:
    """``mode`` for the prompts that contain ``contains``, or else for a ``share`` (0..1) of
    them, on their first ``times`` attempts (``None``: every attempt). Shares take
    consecutive slices of the prompt-hash space."""

    mode: str
    share: float = 0.0
    times: int | None = 1
    contains: str | None = None
    retry_after: str | None = "0"  # for 429
    seconds: float = 0.0  # for slow

    def __post_init__(self) -> None:
        assert self.mode in MODES, self.mode


def prompt_html(content: str) -> str:
    """The HTML in the last ```` ```html ```` fence of a user message."""
    start = content.rfind("```html\n")
    if start < 0:
        return content
    body = content[start + len("```html\n") :]
    end = body.rfind("\n```")
    return body[:end] if end >= 0 else body


def visible_text(html: str) -> str:
    return html_text.extract_text(html) if html.strip() else ""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 256  # the default 5 resets connections when many arrive at once

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client killed mid-request (the kill tests): nothing to report


def _key(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()


def _bucket(key: str) -> float:
    return int(key[:8], 16) / 0x1_0000_0000


class StubServer:
    """Start with ``with``; ``url`` is the base URL (``http://127.0.0.1:PORT/v1``).

    ``delay``: seconds every answer waits. ``answer``: HTML → answer text. ``hold_after``:
    answer that many requests, then hold every later one until :meth:`release` (a run held
    open for a kill). ``requests`` counts chat requests (``posts`` every POST); ``attempts``
    keeps, per prompt key, the monotonic times its requests arrived; ``bodies`` and
    ``headers`` the last ones."""

    def __init__(
        self,
        rules: Sequence[Rule] = (),
        delay: float = 0.0,
        answer: Callable[[str], str] = visible_text,
        hold_after: int | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.delay = delay
        self.answer = answer
        self.hold_after = hold_after
        self.requests = 0
        self.posts = 0  # every POST, to any path
        self.attempts: dict[str, list[float]] = defaultdict(list)
        self.first_modes: dict[str, str] = {}
        self.bodies: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        self._gate = threading.Event()
        if hold_after is None:
            self._gate.set()
        self._server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def release(self) -> None:
        """Let held requests (and every later one) through."""
        self._gate.set()

    def rule_for(self, content: str, attempt: int) -> Rule | None:
        """The rule a user message falls under on its ``attempt``-th request (1-based)."""
        chosen = next((r for r in self.rules if r.contains and r.contains in content), None)
        if chosen is None:
            low, point = 0.0, _bucket(_key(content))
            for rule in (r for r in self.rules if not r.contains):
                if low <= point < low + rule.share:
                    chosen = rule
                    break
                low += rule.share
        if chosen is None or (chosen.times is not None and attempt > chosen.times):
            return None
        return chosen

    def mode_of(self, content: str) -> str:
        """The mode a user message meets on its first request."""
        rule = self.rule_for(content, 1)
        return rule.mode if rule else "ok"

    def keys_hit(self, mode: str) -> list[str]:
        """Prompt keys (seen so far) whose first request met a rule of ``mode``."""
        return [k for k, m in self.first_modes.items() if m == mode]

    def _arrive(self, body: dict[str, Any], headers: dict[str, str]) -> Rule | None:
        """Count a chat request, hold it when asked to, and say which rule it meets."""
        messages = body.get("messages") or [{}]
        content = str(messages[-1].get("content", ""))
        key = _key(content)
        with self._lock:
            self.requests += 1
            number = self.requests
            self.attempts[key].append(time.monotonic())
            attempt = len(self.attempts[key])
            self.bodies = [*self.bodies[-20:], body]
            self.headers = [*self.headers[-20:], headers]
            self.first_modes.setdefault(key, self.mode_of(content))
        if self.hold_after is not None and number > self.hold_after:
            self._gate.wait()
        return self.rule_for(content, attempt)


def _handler(stub: StubServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def _error(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
            body = {"error": {"message": message, "type": "stub_error"}}
            self._send(status, json.dumps(body).encode(), headers)

        def do_GET(self) -> None:
            if self.path.rstrip("/").endswith("/models"):
                self._send(200, json.dumps({"object": "list", "data": []}).encode())
            else:
                self._error(404, f"no route {self.path}")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            raw = self.rfile.read(length)
            with stub._lock:
                stub.posts += 1
            if self.path != "/v1/chat/completions":
                self._error(404, f"no route {self.path}")
                return
            try:
                body = json.loads(raw)
            except ValueError:
                self._error(400, "the request body is not JSON")
                return
            rule = stub._arrive(body, dict(self.headers.items()))
            mode = rule.mode if rule else "ok"
            if mode == "close":
                self.close_connection = True
                return
            if stub.delay:
                time.sleep(stub.delay)
            if mode == "429":
                headers = {"Retry-After": rule.retry_after} if rule and rule.retry_after else {}
                self._error(429, "rate limited by the stub", headers)
            elif mode == "500":
                self._error(500, "the stub failed")
            elif mode == "malformed":
                self._send(200, b'{"choices": [{"message": {"content": "cut off')
            else:
                if mode == "slow" and rule is not None:
                    time.sleep(rule.seconds)
                self._answer(body, mode)

        def _answer(self, body: dict[str, Any], mode: str) -> None:
            messages = body.get("messages") or [{}]
            prompt = "".join(str(m.get("content", "")) for m in messages)
            text = stub.answer(prompt_html(str(messages[-1].get("content", ""))))
            usage = {
                "prompt_tokens": len(prompt) // 4,
                "completion_tokens": len(text) // 4,
                "total_tokens": len(prompt) // 4 + len(text) // 4,
            }
            choices = (
                []
                if mode == "empty"
                else [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ]
            )
            payload = {
                "id": "stub-1",
                "object": "chat.completion",
                "model": body.get("model", "stub"),
                "choices": choices,
                "usage": usage,
            }
            self._send(200, json.dumps(payload).encode())

    return Handler


def main() -> None:
    """``python tests/llm_stub.py --delay 0.2``: serve until killed, printing the base URL
    on the first line of stdout (a benchmark runs the stub in a process of its own)."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    with StubServer(delay=args.delay) as stub:
        print(stub.url, flush=True)
        sys.stdin.read()  # until the parent closes stdin or ends


if __name__ == "__main__":
    main()

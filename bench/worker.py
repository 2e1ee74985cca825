"""What runs inside a worker process: load the page, run the extractor offline, score it."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from typing import Any

from bench import sandbox
from bench.records import PageResult, Task
from bench.scoring import diagnose_page, score_page
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from extractors import registry
from extractors.base import LoadedExtractor

_state: dict[str, Any] = {"corpus": None, "metrics": (), "extractors": {}}


def init_worker(
    corpus: Corpus,
    metric_names: Sequence[str],
    preloaded: dict[str, LoadedExtractor] | None = None,
    quiet: bool = True,
) -> None:
    """Per-process set-up: the corpus, metrics, extractors loaded once, network blocked."""
    _state["corpus"] = corpus
    _state["metrics"] = tuple(metric_names)
    _state["extractors"] = dict(preloaded or {})
    sandbox.install_network_guard()
    if quiet:
        sandbox.silence_stdout()


def _extractor(task: Task) -> LoadedExtractor:
    key = task.extractor
    cache: dict[str, LoadedExtractor] = _state["extractors"]
    if key not in cache:
        cache[key] = registry.load(task.extractor, dict(task.params))
    return cache[key]


def describe_error(exc: BaseException) -> str:
    """A one-line reason: ``network: ...`` or ``exception: Type: message``."""
    if isinstance(exc, sandbox.NetworkBlocked):
        return f"network: {exc}"
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"exception: {type(exc).__name__}" + (f": {message}" if message else "")


def run_task(task: Task) -> tuple[PageResult, str]:
    """Run one extractor on one page; exceptions become a recorded failure, never a crash."""
    corpus: Corpus = _state["corpus"]
    page = corpus.pages[task.page_index]
    decoded = decode_html(page.read_bytes(), page.charset)
    extractor = _extractor(task)
    before = sandbox.network_attempts()
    error = None
    started = time.perf_counter()
    try:
        output: Any = extractor.extract(decoded.text)
    except Exception as exc:
        output, error = "", describe_error(exc)
    seconds = time.perf_counter() - started
    if output is None:
        output = ""
    elif not isinstance(output, str):
        output, error = "", f"exception: extractor returned {type(output).__name__}, not str"
    attempts = sandbox.network_attempts() - before
    result = PageResult(
        page=page.id,
        extractor=task.extractor,
        seconds=seconds,
        output_chars=len(output),
        output_sha256=hashlib.sha256(output.encode("utf-8", "surrogatepass")).hexdigest(),
        error=error,
        network_attempts=attempts,
        encoding=decoded.encoding,
        encoding_source=decoded.source,
        scores=score_page(page, output, _state["metrics"]),
        diagnostics=diagnose_page(page, output),
    )
    return result, output

"""What runs inside a worker process: load the page, run the extractor offline, score it.

Every way an extractor can fail on a page ends as a recorded reason, never as a lost page:
an exception (``exception: ...``, ``sys.exit`` included), a blocked network attempt
(``network: ...``), running out of the worker's memory limit (``memory: ...``) or an
unreadable page (``input: ...``). Hangs and crashes are seen by the parent (``timeout``,
``crashed``).
"""

from __future__ import annotations

import gc
import os
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import sandbox
from bench.records import PageResult, Task, text_sha256
from bench.scoring import diagnose_page, score_page
from corpora.corpus import Corpus
from corpora.decoding import decode_html
from corpora.page import CorpusError, Page
from extractors import registry
from extractors.base import LoadedExtractor
from extractors.spec import ExtractorSpec

# A worker that ran out of memory may keep what the extractor leaked (a global cache, say);
# it exits with this code when handed its next task, and that task is given to a fresh worker.
EXIT_RECYCLE = 75

_state: dict[str, Any] = {
    "corpus": None,
    "metrics": (),
    "extractors": {},
    "poisoned": False,
    "max_memory_mb": None,
    "warmed": set(),
    "capture": None,
    "log_dir": None,
}

# The small page every worker runs each extractor on once, untimed, before its first timed
# page: first-call costs (lazy imports, compiled patterns, caches) are reported apart.
WARMUP_HTML = (
    "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Ferry timetable "
    "changes for the winter</title></head><body><nav><a href='/'>Home</a> · <a href='/news'>"
    "News</a></nav><main><article><h1>Ferry timetable changes for the winter</h1>"
    "<p>From the first of November the river ferry will run every forty minutes instead of "
    "every half hour, the operator said on Tuesday, citing lower passenger numbers after the "
    "summer season.</p><p>The last crossing of the evening moves from eleven to ten o'clock. "
    "Season tickets bought before the change stay valid until they expire.</p></article>"
    "</main><footer>© 2024 Riverside News · <a href='/privacy'>Privacy</a></footer>"
    "</body></html>"
)


def init_worker(
    corpus: Corpus | None,
    metric_names: Sequence[str],
    preloaded: dict[str, LoadedExtractor] | None = None,
    quiet: bool = True,
    max_memory_mb: int | None = None,
    log_dir: str | None = None,
) -> None:
    """Per-process set-up: the corpus, metrics, extractors loaded once, network blocked,
    stdout silenced, then the memory limit (last, so set-up itself is not counted). With
    ``log_dir``, stderr is captured in ``log_dir/<pid>`` (:func:`dead_worker_log`).

    Everything alive at that point (the libraries, the corpus, what the parent held before
    the fork) is moved out of the garbage collector's sight with :func:`gc.freeze`: the
    collector then only walks what the extractor allocates. Without it, trafilatura spends
    about 30% of its time on AEB in collections that re-scan those long-lived objects."""
    _state["corpus"] = corpus
    _state["metrics"] = tuple(metric_names)
    _state["extractors"] = dict(preloaded or {})
    _state["poisoned"] = False
    _state["warmed"] = set()
    _state["capture"] = None  # a forked worker must not share its parent's capture file
    _state["log_dir"] = log_dir
    sandbox.install_network_guard()
    if quiet:
        sandbox.silence_stdout()
    _state["max_memory_mb"] = max_memory_mb if sandbox.limit_memory(max_memory_mb) else None
    gc.freeze()


def _capture() -> sandbox.StderrCapture:
    capture: sandbox.StderrCapture | None = _state["capture"]
    if capture is None:
        log_dir = _state["log_dir"]
        path = Path(log_dir) / str(os.getpid()) if log_dir else None
        capture = _state["capture"] = sandbox.StderrCapture(path)
    return capture


def dead_worker_log(log_dir: str, pid: int) -> str | None:
    """What worker ``pid`` (set up with ``log_dir``) wrote to stderr on the page it was
    running when it died: a crash's last words (``Fatal Python error``, glibc's abort)."""
    return sandbox.read_capture(Path(log_dir) / str(pid))


def poisoned() -> bool:
    """True after a ``MemoryError``: this process should be replaced before its next page."""
    return bool(_state["poisoned"])


def _extractor(spec: ExtractorSpec) -> LoadedExtractor:
    """The loaded extractor of ``spec`` (loaded in the parent and inherited, or loaded here
    from the spec the task carries)."""
    cache: dict[str, LoadedExtractor] = _state["extractors"]
    if spec.name not in cache:
        cache[spec.name] = registry.load(spec)
    return cache[spec.name]


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (``ru_maxrss``: ``VmHWM`` on
    Linux; one system call, unlike reading ``/proc/self/status``)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux, bytes on macOS
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


def warm_up(spec: str, extractor: LoadedExtractor) -> float | None:
    """Run ``extractor`` once on :data:`WARMUP_HTML` the first time this worker meets it;
    its seconds, or ``None`` when it was already warm. Its failures are ignored (the timed
    call meets them again); a ``MemoryError`` propagates, as for a page."""
    warmed: set[str] = _state["warmed"]
    if spec in warmed:
        return None
    warmed.add(spec)
    started = time.perf_counter()
    try:
        extractor.extract(WARMUP_HTML)
    except MemoryError:
        raise
    except (Exception, SystemExit, KeyboardInterrupt):
        pass
    seconds = time.perf_counter() - started
    gc.freeze()  # what the first call built to keep (patterns, lazy imports) is not rescanned
    return seconds


def describe_error(exc: BaseException) -> str:
    """A one-line reason: ``network: ...``, ``memory: ...``, ``timeout: ...`` or
    ``exception: Type: message``."""
    if isinstance(exc, sandbox.NetworkBlocked):
        return f"network: {exc}"
    if isinstance(exc, MemoryError):
        return memory_reason()
    if isinstance(exc, SystemExit):
        return f"exception: SystemExit: the extractor called sys.exit({exc.code!r})"
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    if isinstance(exc, TimeoutError):  # e.g. a cmd+stream: program past its page deadline
        return f"timeout: {message or type(exc).__name__}"
    return f"exception: {type(exc).__name__}" + (f": {message}" if message else "")


def memory_reason() -> str:
    limit = _state["max_memory_mb"]
    if limit:
        return f"memory: MemoryError, over the worker's limit of {limit} MB (--max-memory)"
    return "memory: MemoryError, the machine ran out of memory"


def failure(
    page_id: str, extractor: str, error: str, seconds: float = 0.0, log: str | None = None
) -> PageResult:
    """A page result for a page that produced no output."""
    return PageResult(
        page=page_id,
        extractor=extractor,
        seconds=seconds,
        output_chars=0,
        output_sha256=None,
        error=error,
        log=log,
    )


def load_page(page: Page) -> bytes:
    """The page's bytes; :class:`CorpusError` names the page when they cannot be read or are
    empty (recorded as ``input: ...``: the page is at fault, not the extractor)."""
    data = page.read_bytes()
    if not data:
        raise CorpusError(f"page {page.id!r}: its HTML ({page.path}) is empty (0 bytes)")
    return data


def run_task(task: Task) -> tuple[PageResult, str]:
    """Run one extractor on one page of the worker's corpus (the pebble pool's task)."""
    if _state["poisoned"]:
        os._exit(EXIT_RECYCLE)
    corpus: Corpus = _state["corpus"]
    page = corpus.pages[task.page_index]
    try:
        data = load_page(page)
    except CorpusError as exc:
        return failure(page.id, task.extractor, f"input: {exc}"), ""
    return run_page(page, data, task.spec)


def run_given(page: Page, data: bytes, spec: ExtractorSpec) -> tuple[PageResult, str]:
    """Run one extractor on a page whose bytes came with the task (the page server's task)."""
    if _state["poisoned"]:
        os._exit(EXIT_RECYCLE)
    return run_page(page, data, spec)


def run_unscored(task: Task, data: bytes) -> tuple[PageResult, str]:
    """Run one extractor on a page of the worker's corpus whose bytes the parent read; the
    parent scores the result (:func:`bench.scoring.with_scores`)."""
    if _state["poisoned"]:
        os._exit(EXIT_RECYCLE)
    page = _state["corpus"].pages[task.page_index]
    return run_page(page, data, task.spec, score=False)


def run_page(
    page: Page, data: bytes, spec: ExtractorSpec, score: bool = True
) -> tuple[PageResult, str]:
    """Decode, extract and (unless ``score`` is false) score one page; every failure becomes
    a recorded reason, and what was written to stderr meanwhile becomes the result's ``log``."""
    capture = _capture()
    capture.start()
    started = time.perf_counter()
    try:
        result, text = _run_page(page, data, spec, score)
    except MemoryError:
        _state["poisoned"] = True
        gc.collect()
        elapsed = time.perf_counter() - started
        result, text = failure(page.id, spec.name, memory_reason(), elapsed), ""
    finally:
        log = capture.stop()
    return (result if log is None else replace(result, log=log)), text


def _run_page(
    page: Page, data: bytes, spec: ExtractorSpec, score: bool
) -> tuple[PageResult, str]:
    decoded = decode_html(data, page.charset)
    extractor = _extractor(spec)
    warmup = warm_up(spec.name, extractor)
    if warmup is not None:
        _capture().note("the lines above came from the warm-up call, before this page")
    before = sandbox.network_attempts()
    error = None
    started = time.perf_counter()
    try:
        output: Any = extractor.extract(decoded.text)
    except MemoryError:
        raise
    except (Exception, SystemExit, KeyboardInterrupt) as exc:
        output, error = "", describe_error(exc)
    seconds = time.perf_counter() - started
    if output is None:
        output = ""
    elif not isinstance(output, str):
        output, error = "", f"exception: extractor returned {type(output).__name__}, not str"
    attempts = sandbox.network_attempts() - before
    result = PageResult(
        page=page.id,
        extractor=spec.name,
        seconds=seconds,
        output_chars=len(output),
        output_sha256=text_sha256(output),
        error=error,
        network_attempts=attempts,
        encoding=decoded.encoding,
        encoding_source=decoded.source,
        scores=score_page(page, output, _state["metrics"], extractor.output_kind) if score else {},
        diagnostics=diagnose_page(page, output, extractor.output_kind) if score else {},
        peak_rss_mb=peak_rss_mb(),
        warmup_seconds=warmup,
        output_kind=extractor.output_kind,
    )
    return result, output

"""What runs inside a worker process: load the page, run the extractor offline, score it.

Every way an extractor can fail on a page ends as a recorded reason, never as a lost page:
an exception (``exception: ...``, ``sys.exit`` included), a blocked network attempt
(``network: ...``), running out of the worker's memory limit (``memory: ...``), passing the
page's timeout (``timeout: ...``: a ``SIGALRM`` raises :class:`PageTimeout` in the page's
Python code, see :func:`page_deadline`) or an unreadable page (``input: ...``). A crash, or
a hang in C code that never lets the signal's handler run, is seen by the parent
(``crashed``, ``timeout``).
"""

from __future__ import annotations

import contextlib
import gc
import os
import resource
import signal
import sys
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import sandbox
from bench.page_memo import LastPage
from bench.records import PageResult, Task, text_sha256
from bench.scoring import diagnose_page, score_page
from corpora.corpus import Corpus
from corpora.decoding import DecodedHtml
from corpora.page import CorpusError, Page
from extractors import registry
from extractors.base import LoadedExtractor
from extractors.spec import ExtractorSpec

# A worker that ran out of memory may keep what the extractor leaked (a global cache, say),
# and one whose page timed out may keep what the extractor left running: it finishes that
# page and exits with this code; the pages it had not started go to a fresh worker.
EXIT_RECYCLE = 75

_state: dict[str, Any] = {
    "corpus": None,
    "metrics": (),
    "extractors": {},
    "retire": False,
    "max_memory_mb": None,
    # extractor name -> None once its warm-up is reported, or what a warm-up made before
    # the first page (prewarm) left to report: (seconds, stderr tail, stderr bytes)
    "warmed": {},
    "capture": None,
    "log_dir": None,
    "timeout": None,
    # the last page read and decoded: the same page's next extractor reuses them
    "last_page": LastPage(),
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
    _state["retire"] = False
    _state["warmed"] = {}
    _state["capture"] = None  # a forked worker must not share its parent's capture file
    _state["log_dir"] = log_dir
    _state["last_page"] = LastPage()
    sandbox.install_network_guard()
    if quiet:
        sandbox.silence_stdout()
    _state["max_memory_mb"] = max_memory_mb if sandbox.limit_memory(max_memory_mb) else None
    gc.freeze()
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)


def _freeze_survivors(phase: str, info: dict[str, Any]) -> None:
    """After a full collection, move what survived it out of the collector's sight too.

    Extractors share a worker: trafilatura collects the whole heap before every page, and
    without this it would re-scan on every page what the other extractors keep (their
    caches, parsed documents): on the AEB field, trafilatura's calls took 2.3 times as long
    beside four other extractors as alone. Everything alive after a full collection is
    live, so nothing is frozen as garbage (frozen objects are still freed by reference
    counting; only a cycle that dies later stays)."""
    if phase == "stop" and info.get("generation") == 2:
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


def retire() -> None:
    """Mark this process unfit for another page (it exits after the current one)."""
    _state["retire"] = True


def must_retire() -> bool:
    """True after a ``MemoryError`` or a timeout: this process should be replaced before its
    next page."""
    return bool(_state["retire"])


class PageTimeout(BaseException):
    """Raised in a worker's main thread when a page passes its timeout. A ``BaseException``,
    so an extractor's ``except Exception`` does not swallow it."""


_alarm = {"armed": False}


def _on_alarm(_signum: int, _frame: Any) -> None:
    if _alarm["armed"]:  # once per deadline: cleanup code that runs next is left alone
        _alarm["armed"] = False
        raise PageTimeout


def install_deadlines(timeout: float | None) -> None:
    """Let :func:`page_deadline` interrupt pages after ``timeout`` seconds (in a worker)."""
    _state["timeout"] = timeout or None
    signal.signal(signal.SIGALRM, _on_alarm)


@contextlib.contextmanager
def page_deadline(seconds: float | None) -> Iterator[None]:
    """Raise :class:`PageTimeout` in this (main) thread when the block runs longer than
    ``seconds`` (``None``: no limit). Python code is interrupted at once, a blocking system
    call too; C code that never returns to the interpreter is not: the parent kills the
    worker for it a little later."""
    if not seconds:
        yield
        return
    _alarm["armed"] = True
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        _alarm["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)


def timeout_reason(seconds: float) -> str:
    return f"timeout: no result after {seconds:g} s"


def interrupted_at(exc: PageTimeout, seconds: float, depth: int = 6) -> str:
    """Where a page's code was when its timeout interrupted it (its innermost frames), for
    the page's log: what a hang's author needs first."""
    frames = traceback.extract_tb(exc.__traceback__)[:-1]  # the last one is _on_alarm
    shown = "".join(traceback.format_list(frames[-depth:]))
    return f"[boilerbench: timeout after {seconds:g} s; the page was interrupted here:]\n{shown}"


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
    call meets them again); a ``MemoryError`` propagates, as for a page. A warm-up made
    before the first page (:func:`prewarm`) is reported now: its seconds, and what it wrote
    to stderr goes into the current capture."""
    warmed: dict[str, tuple[float, bytes, int] | None] = _state["warmed"]
    if spec in warmed:
        early = warmed[spec]
        if early is None:
            return None
        warmed[spec] = None
        seconds, tail, size = early
        if size:
            _capture().carry(tail, size)
        return seconds
    warmed[spec] = None
    return _warm_call(extractor)


def _warm_call(extractor: LoadedExtractor) -> float:
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


def prewarm(names: Sequence[str], after_each: Callable[[], None] | None = None) -> bool:
    """Warm the extractors ``names`` (loaded by :func:`init_worker`) up before the first page
    (each under the page timeout), so that workers warm up at once, side by side, while the
    parent still prepares; each call's seconds and stderr are reported with the first page
    of its extractor (:func:`warm_up`). False when a call timed out or ran out of memory:
    the worker should then be replaced before it runs a page. ``after_each`` is called after
    each call (the pool tells the parent, whose deadline for the worker starts again)."""
    warmed: dict[str, tuple[float, bytes, int] | None] = _state["warmed"]
    loaded: dict[str, LoadedExtractor] = _state["extractors"]
    capture = _capture()
    for name in names:
        extractor = loaded.get(name)
        if extractor is None or name in warmed:
            continue
        capture.start()
        try:
            with page_deadline(_state["timeout"]):
                seconds = _warm_call(extractor)
        except (PageTimeout, MemoryError):
            return False
        finally:
            tail, size = capture.stop_raw()
        warmed[name] = (seconds, tail, size)
        if after_each is not None:
            after_each()
    return True


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


def last_page() -> LastPage:
    """This process's last page read and decoded (:mod:`bench.page_memo`)."""
    memo: LastPage = _state["last_page"]
    return memo


def run_task(task: Task) -> tuple[PageResult, str]:
    """Run one extractor on one page of the worker's corpus (the local pool's task); the
    page's bytes and decoding are those of the previous task when it had the same page."""
    corpus: Corpus = _state["corpus"]
    page = corpus.pages[task.page_index]
    try:
        data = last_page().read(page)
    except CorpusError as exc:
        return failure(page.id, task.extractor, f"input: {exc}"), ""
    return run_page(page, data, task.spec)


def run_given(page: Page, data: bytes, spec: ExtractorSpec) -> tuple[PageResult, str]:
    """Run one extractor on a page whose bytes came with the task (the page server's task)."""
    return run_page(page, data, spec)


def run_unscored(task: Task, data: bytes) -> tuple[PageResult, str]:
    """Run one extractor on a page of the worker's corpus whose bytes the parent read; the
    parent scores the result (:func:`bench.scoring.with_scores`)."""
    page = _state["corpus"].pages[task.page_index]
    return run_page(page, data, task.spec, score=False)


def run_decoded(task: Task, decoded: DecodedHtml) -> tuple[PageResult, str]:
    """Run one extractor on a page of the worker's corpus that the parent read and decoded
    (it has a core to spare); the parent scores the result."""
    page = _state["corpus"].pages[task.page_index]
    return run_page(page, b"", task.spec, score=False, decoded=decoded)


def run_page(
    page: Page,
    data: bytes,
    spec: ExtractorSpec,
    score: bool = True,
    decoded: DecodedHtml | None = None,
) -> tuple[PageResult, str]:
    """Decode, extract and (unless ``score`` is false) score one page; every failure becomes
    a recorded reason, and what was written to stderr meanwhile becomes the result's ``log``."""
    capture = _capture()
    capture.start()
    started = time.perf_counter()
    try:
        result, text = _run_page(page, data, spec, score, decoded)
    except PageTimeout as exc:
        _state["retire"] = True
        seconds = _state["timeout"] or time.perf_counter() - started
        capture.add(interrupted_at(exc, seconds))
        result, text = failure(page.id, spec.name, timeout_reason(seconds), seconds), ""
    except MemoryError:
        _state["retire"] = True
        gc.collect()
        elapsed = time.perf_counter() - started
        result, text = failure(page.id, spec.name, memory_reason(), elapsed), ""
    finally:
        log = capture.stop()
    return (result if log is None else replace(result, log=log)), text


def _run_page(
    page: Page, data: bytes, spec: ExtractorSpec, score: bool, decoded: DecodedHtml | None
) -> tuple[PageResult, str]:
    if decoded is None:  # decoded here, under this page's timeout, unless kept from the last
        decoded = last_page().decode(page, data)
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

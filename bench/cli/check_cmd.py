"""``boilerbench check-extractor SPEC``: try a plugin on a few built-in pages and report the
mistakes plugin authors make, before a long run finds them: returning bytes or ``None``,
output whose type or value changes between calls on the same page, more than 2 s a page,
raising on an empty page, reaching for the network. The plugin runs in a child process with
the network blocked, as in a run, so nothing it does leaks into this process."""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import statistics
import sys
import time
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass, field
from typing import Any

import click
from pebble import ProcessExpired, ProcessPool
from rich.console import Console
from rich.table import Table

from bench import sandbox
from bench.params import ParamError, parse_assignment
from corpora.decoding import decode_html
from corpora.registry import open_corpus
from extractors import registry
from extractors.base import LoadedExtractor

DEFAULT_PAGES = 4
SLOW_SECONDS = 2.0
# Calls per probe page, in rounds over all pages whose order alternates, so output that
# depends on the page before (a cache) or on a call counter shows up as well as randomness.
CALLS = 3
EMPTY = "(empty input)"

_child: dict[str, Any] = {"spec": "", "params": {}, "loaded": None}


@dataclass(frozen=True, slots=True)
class Call:
    """One call of the plugin in the child: what came back and what it cost."""

    page: str
    kind: str  # "str", "bytes", "NoneType", ... or "error" / "timeout" / "crashed"
    output: str | None = None
    seconds: float = 0.0
    error: str | None = None
    network_attempts: int = 0
    digest: str | None = None  # of what came back, whatever its type, to compare calls
    size: int | None = None  # len() of what came back, when it has one

    def describe(self) -> str:
        """What came back, for a message: ``str (1,204 chars)``, ``NoneType``, ``an error``."""
        if self.kind == "error":
            return f"an error ({self.error})"
        if self.size is not None:
            unit = {"str": "chars", "bytes": "bytes"}.get(self.kind, "items")
            return f"{self.kind} ({self.size:,} {unit})"
        return self.kind


@dataclass(frozen=True, slots=True)
class Check:
    """One line of the report: ``status`` is ``ok``, ``problem`` or ``warning``."""

    name: str
    status: str
    detail: str


@dataclass(slots=True)
class Report:
    spec: str
    version: str | None = None
    pages: list[str] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)

    @property
    def problems(self) -> list[Check]:
        return [c for c in self.checks if c.status == "problem"]


def _describe(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}" + (f": {message}" if message else "")


def _child_setup(spec: str, params: dict[str, Any]) -> None:
    """In the child: block the network and stdout before the plugin is even imported; the
    libraries' own log lines would only clutter the report."""
    sandbox.install_network_guard()
    sandbox.silence_stdout()
    logging.disable(logging.CRITICAL)
    _child.update(spec=spec, params=params, loaded=None)


def _loaded() -> LoadedExtractor:
    if _child["loaded"] is None:
        _child["loaded"] = registry.load(_child["spec"], _child["params"])
    return _child["loaded"]


def _child_load() -> Call:
    before = sandbox.network_attempts()
    started = time.perf_counter()
    try:
        version = _loaded().version
    except Exception as exc:
        return Call("(load)", "error", error=_describe(exc))
    attempts = sandbox.network_attempts() - before
    return Call("(load)", "str", version, time.perf_counter() - started, None, attempts)


def _child_call(page: str, html: str) -> Call:
    loaded = _loaded()
    before = sandbox.network_attempts()
    started = time.perf_counter()
    try:
        output = loaded.extract(html)
    except Exception as exc:
        seconds = time.perf_counter() - started
        attempts = sandbox.network_attempts() - before
        return Call(page, "error", None, seconds, _describe(exc), attempts)
    seconds = time.perf_counter() - started
    attempts = sandbox.network_attempts() - before
    text = output if isinstance(output, str) else None
    kind = type(output).__name__
    return Call(page, kind, text, seconds, None, attempts, _digest(output), _size(output))


def _digest(output: Any) -> str:
    if isinstance(output, str):
        data = output.encode("utf-8", "surrogatepass")
    elif isinstance(output, bytes):
        data = output
    else:
        data = repr(output).encode("utf-8", "backslashreplace")
    return hashlib.sha256(data).hexdigest()


def _size(output: Any) -> int | None:
    try:
        return len(output)
    except TypeError:
        return None


class _Child:
    """A one-worker pool; a page that hangs or kills the worker costs only that call."""

    def __init__(self, spec: str, params: dict[str, Any], timeout: float) -> None:
        context = (
            multiprocessing.get_context("fork")
            if "fork" in multiprocessing.get_all_start_methods()
            else None
        )
        self.timeout = timeout
        self.pool = ProcessPool(
            max_workers=1, initializer=_child_setup, initargs=(spec, params), context=context
        )

    def call(self, page: str, function: Any, *args: Any) -> Call:
        future = self.pool.schedule(function, args=args, timeout=self.timeout)
        try:
            return future.result()
        except FutureTimeout:
            return Call(
                page, "timeout", seconds=self.timeout, error=f"no answer in {self.timeout:g} s"
            )
        except ProcessExpired as exc:
            return Call(page, "crashed", error=f"the process died (exit code {exc.exitcode})")
        except Exception as exc:  # e.g. an output that cannot be pickled back
            return Call(page, "error", error=_describe(exc))

    def close(self) -> None:
        self.pool.stop()
        self.pool.join()


def sample_pages(corpus_spec: str | None, n_pages: int) -> list[tuple[str, str]]:
    """``n_pages`` decoded pages spread over the corpus, the first (the seed page) included."""
    pages = open_corpus(corpus_spec).pages
    count = max(1, min(n_pages, len(pages)))
    step = len(pages) / count
    chosen = [pages[int(i * step)] for i in range(count)]
    return [(p.id, decode_html(p.read_bytes(), p.charset).text) for p in chosen]


def _pages_phrase(calls: list[Call]) -> str:
    names = sorted({c.page for c in calls})
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{len(names)} page(s): {shown}"


def _difference(calls: list[Call]) -> str | None:
    """How the calls of one probe differ, first difference only: ``probe 'p1' returned str
    (1,204 chars) then NoneType on call 2``; ``None`` when they agree. Timeouts and crashes
    are left out (the speed and exception checks report them)."""
    kept = [(n, c) for n, c in enumerate(calls, 1) if c.kind not in ("timeout", "crashed")]
    if not kept:
        return None
    _, base = kept[0]
    for number, call in kept[1:]:
        if (call.kind, call.digest, call.error) == (base.kind, base.digest, base.error):
            continue
        then = call.describe()
        if call.kind == base.kind and call.kind != "error":
            then = "a different " + then
        return f"probe '{base.page}' returned {base.describe()} then {then} on call {number}"
    return None


def _judge(
    report: Report, load: Call, runs: list[list[Call]], empties: list[Call], slow: float
) -> None:
    """Turn the calls into checks, in the order a plugin author would fix them; ``runs``
    holds the calls of each page, ``empties`` those on ``""``."""

    def add(name: str, status: str, detail: str) -> None:
        report.checks.append(Check(name, status, detail))

    first = [calls[0] for calls in runs]
    page_calls = [call for calls in runs for call in calls]
    every = [*page_calls, *empties]
    empty = next((c for c in empties if c.kind in ("error", "crashed", "timeout")), empties[0])

    wrong = [c for c in every if c.kind not in ("str", "error", "timeout", "crashed")]
    for kind, shown, advice in (
        ("bytes", "bytes", "return str (decode it, e.g. .decode('utf-8'))"),
        ("NoneType", "None", 'return "" when a page has no main content'),
    ):
        calls = [c for c in wrong if c.kind == kind]
        if calls:
            add("returns str", "problem", f"returns {shown} on {_pages_phrase(calls)}; {advice}")
    for call in (c for c in wrong if c.kind not in ("bytes", "NoneType")):
        add("returns str", "problem", f"returns {call.kind} on page {call.page}; return str")
    if not wrong:
        add("returns str", "ok", "every call returned str")

    errors = [c for c in page_calls if c.kind in ("error", "crashed")]
    if errors:
        add("no exceptions", "problem", f"fails on {_pages_phrase(errors)}: {errors[0].error}")
    else:
        add("no exceptions", "ok", f"{len(first)} page(s), each run {CALLS} times")

    if empty.kind in ("error", "crashed", "timeout"):
        advice = 'return "" for a page without content'
        add("empty input", "problem", f'extract("") fails ({empty.error}); {advice}')
    else:
        add("empty input", "ok", 'extract("") returns without raising')

    differences = [(calls[0], d) for calls in [*runs, empties] if (d := _difference(calls))]
    if differences:
        advice = "seed any randomness and reset caches between pages"
        where = _pages_phrase([call for call, _ in differences])
        detail = f"not deterministic: two calls differ on {where}: {differences[0][1]}; {advice}"
        add("deterministic", "problem", detail)
    else:
        add("deterministic", "ok", f"{CALLS} calls gave the same output on every page")

    timeouts = [c for c in page_calls if c.kind == "timeout"]
    median = statistics.median(c.seconds for c in page_calls)
    if timeouts:
        add(
            "speed",
            "problem",
            f"no answer in {timeouts[0].seconds:g} s on {_pages_phrase(timeouts)}",
        )
    elif median > slow:
        add("speed", "problem", f"{median:.2f} s per page (median), over {slow:g} s")
    else:
        add("speed", "ok", f"{median:.3f} s per page (median)")

    attempts = load.network_attempts + sum(c.network_attempts for c in every)
    if attempts:
        advice = "extractors run offline: ship what they need with the package"
        add("offline", "problem", f"tried the network {attempts} time(s), blocked; {advice}")
    elif report.spec.startswith(registry.COMMAND_PREFIXES):
        add(
            "offline",
            "warning",
            "a cmd: program is its own process: its network use is not checked",
        )
    else:
        add("offline", "ok", "no network attempts")

    texts = [c for c in first if c.kind == "str"]
    if texts and not any(c.output and c.output.strip() for c in texts):
        add("output", "warning", "empty text on every page")
    if report.version in (None, "unknown"):
        advice = "install it as a package or set __version__, so results say what ran"
        add("version", "warning", f"no version found; {advice}")


def check_extractor(
    spec: str,
    params: dict[str, Any],
    pages: list[tuple[str, str]],
    timeout: float = 30.0,
    slow: float = SLOW_SECONDS,
) -> Report:
    """Load ``spec`` in a child process, then call it :data:`CALLS` times on every page and
    on ``""``, in rounds whose page order alternates."""
    report = Report(spec=spec, pages=[page_id for page_id, _ in pages])
    child = _Child(spec, params, timeout)
    try:
        load = child.call("(load)", _child_load)
        if load.kind != "str":
            report.checks.append(Check("loads", "problem", f"cannot load {spec}: {load.error}"))
            return report
        report.version = load.output
        report.checks.append(Check("loads", "ok", f"version {load.output}"))
        probes = [*pages, (EMPTY, "")]
        calls: list[list[Call]] = [[] for _ in probes]
        for round_ in range(CALLS):
            order = range(len(probes)) if round_ % 2 == 0 else reversed(range(len(probes)))
            for i in order:
                pid, html = probes[i]
                calls[i].append(child.call(pid, _child_call, pid, html))
    finally:
        child.close()
    _judge(report, load, calls[:-1], calls[-1], slow)
    return report


def _print(report: Report) -> None:
    console = Console()
    table = Table(title=f"check-extractor {report.spec} ({len(report.pages)} pages)")
    for column in ("check", "result", "detail"):
        table.add_column(column)
    marks = {"ok": "[green]ok[/]", "problem": "[red]PROBLEM[/]", "warning": "[yellow]warning[/]"}
    for check in report.checks:
        table.add_row(check.name, marks[check.status], check.detail)
    console.print(table)
    n = len(report.problems)
    console.print(f"{n} problem(s)" if n else "no problems found")


@click.command("check-extractor")
@click.argument("spec")
@click.option(
    "--param",
    "param_texts",
    multiple=True,
    metavar="KEY=VALUE",
    help="A parameter for the extractor (typed as in run --param). Repeatable.",
)
@click.option(
    "--corpus",
    "corpus_spec",
    default=None,
    metavar="CORPUS",
    help="Where the pages come from. Default: the built-in corpus.",
)
@click.option(
    "--pages",
    "n_pages",
    type=click.IntRange(min=1),
    default=DEFAULT_PAGES,
    show_default=True,
    help=f"How many pages to try (each {CALLS} times).",
)
@click.option(
    "--slow",
    type=click.FloatRange(min=0.0),
    default=SLOW_SECONDS,
    show_default=True,
    help="Median seconds per page above which the extractor counts as too slow.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds one call may take.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_extractor_cmd(
    spec: str,
    param_texts: tuple[str, ...],
    corpus_spec: str | None,
    n_pages: int,
    slow: float,
    timeout: float,
    as_json: bool,
) -> None:
    """Try extractor SPEC (name, module:function, file.py:function or 'cmd:program') on a
    few pages and report problems; exits 1 when there are any."""
    try:
        params = dict(parse_assignment(text) for text in param_texts)
    except ParamError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from exc
    registry.resolve(spec)  # an unknown name fails here, with "did you mean"
    report = check_extractor(spec, params, sample_pages(corpus_spec, n_pages), timeout, slow)
    if as_json:
        payload = {
            "spec": report.spec,
            "version": report.version,
            "pages": report.pages,
            "problems": len(report.problems),
            "checks": [asdict(c) for c in report.checks],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        _print(report)
    if report.problems:
        sys.exit(1)

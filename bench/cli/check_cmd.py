"""``boilerbench check-extractor SPEC``: try a plugin on a few built-in pages and report the
mistakes plugin authors make, before a long run finds them: returning bytes or ``None``,
output that changes between two calls, more than 2 s a page, raising on an empty page,
reaching for the network. The plugin runs in a child process with the network blocked, as
in a run, so nothing it does leaks into this process."""

from __future__ import annotations

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
    return Call(page, type(output).__name__, text, seconds, None, attempts)


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


def _judge(report: Report, load: Call, runs: list[list[Call]], empty: Call, slow: float) -> None:
    """Turn the calls into checks, in the order a plugin author would fix them."""

    def add(name: str, status: str, detail: str) -> None:
        report.checks.append(Check(name, status, detail))

    first, second = runs
    page_calls = first + second
    every = [*page_calls, empty]

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
        add("no exceptions", "ok", f"{len(first)} page(s), each run twice")

    if empty.kind in ("error", "crashed", "timeout"):
        advice = 'return "" for a page without content'
        add("empty input", "problem", f'extract("") fails ({empty.error}); {advice}')
    else:
        add("empty input", "ok", 'extract("") returns without raising')

    changed = [
        a
        for a, b in zip(first, second, strict=True)
        if a.kind == b.kind == "str" and a.output != b.output
    ]
    if changed:
        advice = "seed any randomness and reset caches between pages"
        add("deterministic", "problem", f"two calls differ on {_pages_phrase(changed)}; {advice}")
    else:
        add("deterministic", "ok", "two calls gave the same output on every page")

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
    """Load ``spec`` in a child process, call it twice on every page and once on ``""``."""
    report = Report(spec=spec, pages=[page_id for page_id, _ in pages])
    child = _Child(spec, params, timeout)
    try:
        load = child.call("(load)", _child_load)
        if load.kind != "str":
            report.checks.append(Check("loads", "problem", f"cannot load {spec}: {load.error}"))
            return report
        report.version = load.output
        report.checks.append(Check("loads", "ok", f"version {load.output}"))
        runs = [[child.call(pid, _child_call, pid, html) for pid, html in pages] for _ in range(2)]
        empty = child.call("(empty input)", _child_call, "(empty input)", "")
    finally:
        child.close()
    _judge(report, load, runs, empty, slow)
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
    help="How many pages to try (each twice).",
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

"""``cmd+stream:`` extractors: one long-lived program per worker process, sent one JSON request
line per page on stdin (``{"id", "html", "url"}``) and answering one JSON line on stdout
(``{"id", "text"}`` or ``{"id", "error"}``). docs/plugins.md, "Long-lived programs", is the
protocol a program's author reads.

The program starts lazily, in the process that calls :meth:`StreamingCommand.extract` (the
run's workers are forked after the extractors are loaded; a forked child starts its own). A
page that passes its deadline, or a program that dies, costs that page only: the program (its
whole process group) is killed and a fresh one starts for the next page. The program never
outlives its worker: it gets SIGKILL when the worker dies (``PR_SET_PDEATHSIG`` on Linux) and
should exit on stdin EOF everywhere.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import json
import logging
import os
import re
import select
import selectors
import shlex
import signal
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from extractors.base import ExtractorError

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 60.0
_CHUNK = 1 << 16
_STDERR_TAIL = 2000  # bytes of the program's stderr kept for the reason of a failure
_QUOTE = 200  # characters of an unexpected stdout line quoted in the page's error
_EXIT_GRACE_S = 2.0  # how long a program that closed its stdout or stdin gets to exit
_PR_SET_PDEATHSIG = 1
# JSON may carry lone UTF-16 surrogates ("\ud800"); Node writes each as U+FFFD in UTF-8, so
# the text is the same whether a program answers by JSON or by raw stdout.
_SURROGATE = re.compile("[\ud800-\udfff]")


class StreamTimeout(ExtractorError, TimeoutError):
    """The program gave no answer before the page's deadline; it was killed."""


class _Died(Exception):
    """The program exited (or closed its stdout) before answering."""


@dataclass(slots=True, eq=False)
class _Program:
    """A running program and what has been read from it (mutable state, not a record)."""

    process: subprocess.Popen[bytes]
    owner: int  # the pid that started it: a forked child never uses its parent's program
    selector: selectors.BaseSelector
    stdin: int  # the pipes' file descriptors (stdin does not block: see StreamingCommand._send)
    stdout_fd: int
    stderr_fd: int
    pidfd: int | None  # readable once the program exits (Linux), even if a child holds stdout
    writing: bool = False  # stdin is registered with the selector while a request is pending
    exited: bool = False  # its pidfd fired: what it wrote is all there will be
    stdout: bytearray = field(default_factory=bytearray)
    scanned: int = 0  # how far ``stdout`` has been searched for a newline
    stderr: bytearray = field(default_factory=bytearray)
    pending: memoryview = field(default_factory=lambda: memoryview(b""))  # request not yet sent

    @property
    def stderr_tail(self) -> str:
        return self.stderr.decode("utf-8", "replace").strip()[-500:]


def _death_signal() -> Callable[[], None] | None:
    """A ``preexec_fn`` that has Linux SIGKILL the child when the process starting it dies
    (``prctl(PR_SET_PDEATHSIG)``); ``None`` elsewhere (stdin EOF is then the only signal).
    The signal follows the *thread* that starts the child, so it is armed only from the main
    thread: a program started by a short-lived thread would die with that thread."""
    if (
        not sys.platform.startswith("linux")
        or threading.current_thread() is not threading.main_thread()
    ):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


class StreamingCommand:
    """Runs ``command`` once per worker process and sends it every page (the streaming
    protocol). ``timeout``: seconds a page may take, start-up included, before the program is
    killed and the page recorded as a failure (a fresh program takes the next page)."""

    def __init__(self, command: str, timeout: float = DEFAULT_TIMEOUT_S) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ExtractorError("cmd+stream: needs a program, e.g. 'cmd+stream:node server.js'")
        if not timeout or timeout <= 0:
            raise ExtractorError(f"cmd+stream: timeout must be a number of seconds > 0: {timeout}")
        self.timeout = float(timeout)
        self.name = f"cmd+stream: {self.argv[0]}"
        self._program: _Program | None = None
        self._last_id = 0
        self._lock = threading.Lock()  # one page at a time, whichever thread calls
        _CLIENTS.add(self)

    # -- the page ---------------------------------------------------------------------------

    def extract(self, html: str, url: str | None = None) -> str:
        """The program's text for ``html``; a failure of this page raises
        :class:`ExtractorError` (:class:`StreamTimeout` past the deadline)."""
        deadline = time.monotonic() + self.timeout
        with self._lock:
            return self._extract(html, url, deadline)

    def _extract(self, html: str, url: str | None, deadline: float) -> str:
        self._last_id += 1
        request_id = self._last_id
        request = {"id": request_id, "html": html, "url": url}
        line = json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n"
        program = self._ready()
        program.pending = memoryview(line)
        try:
            answer = self._answer(program, request_id, deadline)
        except _Died as exc:
            self._kill(program)
            raise ExtractorError(f"{self.name} {exc}") from None
        except StreamTimeout:
            self._kill(program)
            raise
        except BaseException:
            # an error of this page (a junk line, say) keeps the program only when the whole
            # request went out: the stale answer that may follow carries an old id and is
            # skipped. Anything else (an interrupt) leaves its state unknown: kill it.
            if program.pending or not isinstance(sys.exc_info()[1], ExtractorError):
                self._kill(program)
            raise
        return self._text(answer)

    def _answer(self, program: _Program, request_id: int, deadline: float) -> dict[str, Any]:
        """The answer to ``request_id``, skipping answers to earlier requests."""
        while True:
            raw = self._line(program, deadline)
            try:
                line = raw.decode("utf-8")
                answer = json.loads(line)
            except ValueError:
                raise ExtractorError(self._unexpected(raw, "not a JSON line")) from None
            if not isinstance(answer, dict) or "id" not in answer:
                raise ExtractorError(self._unexpected(raw, 'not an object with an "id"'))
            found = answer["id"]
            if found == request_id:
                return answer
            if isinstance(found, int) and found < request_id:
                logger.debug("%s: skipped a late answer to request %s", self.name, found)
                continue  # the late answer to a page that already failed
            raise ExtractorError(self._unexpected(raw, f"an answer to id {request_id} expected"))

    def _text(self, answer: dict[str, Any]) -> str:
        error = answer.get("error")
        if error is not None:
            raise ExtractorError(f"{self.name}: {error}")
        text = answer.get("text")
        if text is None:
            return ""
        if not isinstance(text, str):
            raise ExtractorError(f'{self.name}: "text" is {type(text).__name__}, not a string')
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            text = _SURROGATE.sub("\ufffd", text)
        return text

    def _unexpected(self, raw: bytes, why: str) -> str:
        quoted = raw.decode("utf-8", "replace")
        quoted = quoted if len(quoted) <= _QUOTE else quoted[:_QUOTE] + "…"
        return f"{self.name} printed a line that is not the answer ({why}): {quoted!r}"

    # -- the pipes --------------------------------------------------------------------------

    def _line(self, program: _Program, deadline: float) -> bytes:
        """The next line on the program's stdout, sending what remains of the request while
        waiting (a program may write before it has read all of a long page)."""
        while True:
            newline = program.stdout.find(b"\n", program.scanned)
            if newline != -1:
                line = bytes(program.stdout[:newline])
                del program.stdout[: newline + 1]
                program.scanned = 0
                return line
            program.scanned = len(program.stdout)
            if program.exited:
                raise _Died(self._death(program))
            if program.pending and not program.writing:
                program.selector.register(program.stdin, selectors.EVENT_WRITE, "stdin")
                program.writing = True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                tail = program.stderr_tail
                raise StreamTimeout(
                    f"{self.name}: no answer within {self.timeout:g} s; killed it (a fresh "
                    "one takes the next page)" + (f"; its stderr: {tail}" if tail else "")
                )
            for key, _mask in program.selector.select(remaining):
                if key.data == "stdin":
                    self._send(program)
                elif key.data == "stderr":
                    if _read(program.stderr_fd, program.stderr) == 0:
                        program.selector.unregister(program.stderr_fd)
                    del program.stderr[:-_STDERR_TAIL]
                elif key.data == "stdout":
                    if _read(program.stdout_fd, program.stdout) == 0:
                        raise _Died(self._death(program))
                else:  # it exited: an answer it wrote before is still taken (loop's top)
                    program.selector.unregister(key.fd)
                    program.exited = True
                    while _read(program.stdout_fd, program.stdout):
                        pass

    def _send(self, program: _Program) -> None:
        """Write what the pipe takes of the pending request (the pipe does not block)."""
        try:
            sent = os.write(program.stdin, program.pending[:_CHUNK])
        except BlockingIOError:
            return
        except BrokenPipeError:
            raise _Died(self._death(program)) from None
        program.pending = program.pending[sent:]
        if not program.pending:
            program.selector.unregister(program.stdin)
            program.writing = False

    def _death(self, program: _Program) -> str:
        """Why the program stopped answering (its exit code and the end of its stderr), once
        it has exited, what it left in its process group killed, and it is reaped."""
        process = program.process
        exited = _exits(program, _EXIT_GRACE_S)
        _kill_group(process)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=_EXIT_GRACE_S)
        self._drain_stderr(program)
        tail = f": {program.stderr_tail}" if program.stderr_tail else ""
        if not exited:
            return f"closed its stdout without answering or exiting (killed){tail}"
        return f"exited with {process.returncode} before answering{tail}"

    def _drain_stderr(self, program: _Program) -> None:
        """Read what the (exited or killed) program left on its stderr."""
        with contextlib.suppress(OSError):
            while _read(program.stderr_fd, program.stderr):
                pass
        del program.stderr[:-_STDERR_TAIL]

    # -- the program's life -----------------------------------------------------------------

    def _ready(self) -> _Program:
        """This process's program, started if there is none (or it died between pages, which
        is no page's fault)."""
        program = self._program
        if program is not None and program.owner == os.getpid():
            if program.process.poll() is None:
                return program
            logger.info(
                "%s exited with %s between pages; starting it again",
                self.name,
                program.process.returncode,
            )
            self._kill(program)
        self._program = program = self._start()
        return program

    def _start(self) -> _Program:
        try:
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                bufsize=0,
                process_group=0,  # killed with anything it starts
                preexec_fn=_death_signal(),
            )
        except FileNotFoundError as exc:
            raise ExtractorError(f"{self.name}: program {self.argv[0]!r} not found") from exc
        except OSError as exc:
            raise ExtractorError(f"{self.name}: cannot start it: {exc}") from exc
        assert process.stdin and process.stdout and process.stderr
        fds = process.stdin.fileno(), process.stdout.fileno(), process.stderr.fileno()
        for fd in fds:  # never block: reads and writes follow the selector
            os.set_blocking(fd, False)
        selector = selectors.DefaultSelector()
        selector.register(fds[1], selectors.EVENT_READ, "stdout")
        selector.register(fds[2], selectors.EVENT_READ, "stderr")
        try:
            pidfd: int | None = os.pidfd_open(process.pid)
        except (AttributeError, OSError):  # not Linux: stdout's EOF tells the exit
            pidfd = None
        else:
            selector.register(pidfd, selectors.EVENT_READ, "exit")
        logger.debug("%s started (pid %s)", self.name, process.pid)
        return _Program(process, os.getpid(), selector, *fds, pidfd)

    def _kill(self, program: _Program) -> None:
        """Kill the program and everything in its process group, and reap it."""
        if self._program is program:
            self._program = None
        process = program.process
        _kill_group(process)
        try:
            process.wait(timeout=_EXIT_GRACE_S)
        except subprocess.TimeoutExpired:  # stuck in the kernel: leave it to the reaper
            logger.warning("%s (pid %s) did not die on SIGKILL", self.name, process.pid)
        _close(program)

    def close(self) -> None:
        """Stop this process's program: stdin EOF, then SIGKILL if it does not exit."""
        program, self._program = self._program, None
        if program is None or program.owner != os.getpid():
            if program is not None:
                _close(program)
            return
        try:
            program.process.stdin.close()  # type: ignore[union-attr]  # EOF: it should exit
            program.process.wait(timeout=_EXIT_GRACE_S)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self._kill(program)

    def __getstate__(self) -> dict[str, Any]:
        # sent to another process (an executor may pickle extractors): without the program
        return {"argv": self.argv, "timeout": self.timeout, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.argv, self.timeout, self.name = state["argv"], state["timeout"], state["name"]
        self._program = None
        self._last_id = 0
        self._lock = threading.Lock()
        _CLIENTS.add(self)


def _read(fd: int, into: bytearray) -> int | None:
    """Append what ``fd`` holds to ``into``: how many bytes (0 at EOF), ``None`` when there
    is nothing to read yet."""
    try:
        chunk = os.read(fd, _CHUNK)
    except BlockingIOError:
        return None
    into += chunk
    return len(chunk)


def _exits(program: _Program, within: float) -> bool:
    """Whether the program exits within ``within`` seconds, waiting on its pidfd so that it is
    not reaped (its pid keeps naming its process group); without a pidfd, by reaping it."""
    process = program.process
    if process.returncode is not None:
        return True
    if program.pidfd is None:
        try:
            process.wait(timeout=within)
        except subprocess.TimeoutExpired:
            return False
        return True
    return bool(select.select([program.pidfd], [], [], within)[0])


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL the program's process group (it leads it), unless the program was reaped: its
    pid could then name someone else's group."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def _close(program: _Program) -> None:
    program.selector.close()
    if program.pidfd is not None:
        with contextlib.suppress(OSError):
            os.close(program.pidfd)
        program.pidfd = None
    for pipe in (program.process.stdin, program.process.stdout, program.process.stderr):
        if pipe is not None and not pipe.closed:
            with contextlib.suppress(OSError):
                pipe.close()


_CLIENTS: weakref.WeakSet[StreamingCommand] = weakref.WeakSet()
# Programs of the parent, seen by a forked child: kept referenced so that their Popen objects
# are never collected (and never waited for) in a process that is not their parent.
_INHERITED: list[subprocess.Popen[bytes]] = []


def _forget_parents_programs() -> None:
    """In a forked child: close the pipes to the parent's programs (so they see EOF when the
    parent goes), leaving the programs alone; the child starts its own when it needs one."""
    for client in list(_CLIENTS):
        program = client._program
        if program is not None and program.owner != os.getpid():
            client._program = None
            _INHERITED.append(program.process)
            _close(program)


def _stop_all() -> None:
    for client in list(_CLIENTS):
        client.close()


os.register_at_fork(after_in_child=_forget_parents_programs)
atexit.register(_stop_all)

"""A long-lived ``cmd+stream:`` extractor for the tests: one JSON request per line on stdin,
one JSON answer per line on stdout; it exits at stdin's end.

The text of a page is its HTML without tags, whitespace collapsed. A page whose HTML holds a
marker misbehaves: ``STREAM-CRASH`` exits with code 3 (a message on stderr first),
``STREAM-HANG`` never answers, ``STREAM-JUNK`` prints a line that is not JSON before its
answer, ``STREAM-ERROR`` answers with an error, ``STREAM-LOG`` writes to stderr (harmless),
``STREAM-MUTE`` closes its stdout and waits, ``STREAM-ORPHAN`` starts a child process (its pid
in ``--pids DIR`` as ``child-PID``) and then crashes.

``--pids DIR`` writes a file named after the program's pid into DIR when it starts, so a test
can check that every program it started is gone; ``--marker TEXT`` is only there to find the
program among the machine's processes by its command line.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", html).split())


def answer(request: dict, pids: Path | None) -> dict:
    html = request["html"]
    if "STREAM-ORPHAN" in html:
        child = subprocess.Popen([sys.executable, "-c", "import signal; signal.pause()"])
        if pids is not None:
            (pids / f"child-{child.pid}").touch()
        os._exit(4)
    if "STREAM-MUTE" in html:
        os.close(sys.stdout.fileno())
        while True:
            signal.pause()
    if "STREAM-CRASH" in html:
        sys.stderr.write("stream_extractor: crashing on purpose\n")
        sys.stderr.flush()
        os._exit(3)
    if "STREAM-HANG" in html:
        while True:
            signal.pause()  # until the client kills it
    if "STREAM-JUNK" in html:
        print("this line is not JSON", flush=True)
    if "STREAM-ERROR" in html:
        return {"id": request["id"], "error": "cannot read this page"}
    if "STREAM-LOG" in html:
        print("stream_extractor: a log line on stderr", file=sys.stderr, flush=True)
    return {"id": request["id"], "text": text_of(html)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pids", type=Path)
    parser.add_argument("--marker")
    args = parser.parse_args()
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    if args.pids is not None:
        (args.pids / str(os.getpid())).touch()
    for line in sys.stdin:  # ends at stdin's EOF: the program then exits
        if line.strip():
            print(json.dumps(answer(json.loads(line), args.pids)), flush=True)


if __name__ == "__main__":
    main()

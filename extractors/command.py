"""``cmd:`` extractors: any program that reads HTML on stdin and writes text on stdout."""

from __future__ import annotations

import shlex
import subprocess

from extractors.base import ExtractorError


class CommandExtractor:
    """Runs ``command`` once per page (UTF-8 both ways); a non-zero exit is an error that
    carries the end of the program's stderr."""

    def __init__(self, command: str, timeout: float | None = None) -> None:
        self.argv = shlex.split(command)
        if not self.argv:
            raise ExtractorError("cmd: needs a program, e.g. 'cmd:node extract.js'")
        self.timeout = timeout

    def extract(self, html: str) -> str:
        try:
            done = subprocess.run(
                self.argv,
                input=html.encode("utf-8"),
                capture_output=True,
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError as exc:
            raise ExtractorError(f"cmd: program {self.argv[0]!r} not found") from exc
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip()[-500:]
            raise ExtractorError(f"cmd: {self.argv[0]} exited with {done.returncode}: {tail}")
        return done.stdout.decode("utf-8", "replace")

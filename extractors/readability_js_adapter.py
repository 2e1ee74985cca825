"""Readability.js (Mozilla's, the engine of Firefox Reader View) in Node.js: our script
``extractors/js/readability_cli.js``, by default one long-lived ``--stream`` process per worker
(the ``cmd+stream:`` protocol), or one process per page (``stream=False``, the ``cmd:`` way);
both give the same text. ``make js`` installs its two npm packages (``@mozilla/readability``,
``jsdom``)."""

from __future__ import annotations

import json
import shlex
import shutil
from pathlib import Path
from typing import Any

from extractors.base import ExtractorError
from extractors.command import CommandExtractor
from extractors.stream import DEFAULT_TIMEOUT_S, StreamingCommand

JS_DIR = Path(__file__).resolve().parent / "js"
SCRIPT = "readability_cli.js"
PACKAGES = ("@mozilla/readability", "jsdom")
INSTALL_HINT = "run `make js` (npm install --prefix extractors/js; needs Node.js >= 18)"
# V8's young generation, larger than its 16 MB default: jsdom makes millions of short-lived
# objects per page, and fewer scavenges cut the page's CPU time by ~8% (docs/speed.md).
NODE_FLAGS = ("--max-semi-space-size=64",)


def package_version(js_dir: Path, package: str) -> str | None:
    """The version of an npm package installed under ``js_dir/node_modules``, if any."""
    manifest = js_dir / "node_modules" / package / "package.json"
    try:
        version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
    return version if isinstance(version, str) else None


def probe(js_dir: Path | str | None = None, node: str = "node") -> tuple[str | None, str | None]:
    """``(version, problem)``: what ``list extractors`` shows, found without starting Node."""
    folder = Path(js_dir) if js_dir is not None else JS_DIR
    if shutil.which(node) is None:
        return None, f"not installed: Node.js ({node!r}) is not on PATH; install it, then make js"
    if not (folder / SCRIPT).is_file():
        return None, f"not installed: {folder / SCRIPT} is missing"
    readability, jsdom = (package_version(folder, p) for p in PACKAGES)
    if readability is None or jsdom is None:
        return None, f"not installed: {INSTALL_HINT}"
    return f"{readability} (jsdom {jsdom})", None


class ReadabilityJsExtractor:
    """``options`` go to ``new Readability(document, options)`` (e.g. ``{"charThreshold":
    250}``); ``url`` is the document's address (relative links resolve against it).
    ``stream``: one Node process per worker (start-up paid once) rather than one per page.
    ``timeout``: seconds per page (default: 60 streaming, none per page), past which the
    program is killed and the page recorded as failed.
    ``output``: ``text`` (the article's ``textContent``) or ``html`` (its ``content``)."""

    def __init__(
        self,
        options: dict[str, Any] | None = None,
        url: str | None = None,
        js_dir: str | None = None,
        node: str = "node",
        timeout: float | None = None,
        stream: bool = True,
        output: str = "text",
    ) -> None:
        if output not in ("text", "html"):
            raise ValueError(f"output must be 'text' or 'html', not {output!r}")
        version, problem = probe(js_dir, node)
        if problem is not None or version is None:
            raise ExtractorError(f"readability-js: {problem}")
        folder = Path(js_dir) if js_dir is not None else JS_DIR
        argv = [node, *NODE_FLAGS, str(folder / SCRIPT)] + (["--stream"] if stream else [])
        if url:
            argv += ["--url", url]
        if options:
            argv += ["--options", json.dumps(options)]
        if output != "text":
            argv += ["--output", output]
        self.OUTPUT_KIND = output
        self.version = version
        # the script shapes the output as much as this module: it is part of the run identity
        self.code_files = (folder / SCRIPT,)
        self.command = shlex.join(argv)
        self._program: StreamingCommand | CommandExtractor = (
            StreamingCommand(self.command, timeout=timeout or DEFAULT_TIMEOUT_S)
            if stream
            else CommandExtractor(self.command, timeout=timeout)
        )

    def extract(self, html: str) -> str:
        return self._program.extract(html)

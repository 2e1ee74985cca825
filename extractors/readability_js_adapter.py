"""Readability.js (Mozilla's, the engine of Firefox Reader View) in Node.js: our script
``extractors/js/readability_cli.js``, by default one long-lived ``--stream`` process per worker
(the ``cmd+stream:`` protocol), or one process per page (``stream=False``, the ``cmd:`` way);
both give the same text. Pages are parsed by jsdom's parser (parse5) into linkedom's DOM
(``extractors/js/dom.js``), or with ``dom="jsdom"`` into jsdom's: the same outputs. ``make js``
installs the npm packages (``extractors/js/package.json``)."""

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
DOM_MODULE = "dom.js"  # the script's document builder: it shapes the output too
# every npm package's exact version (jsdom's parse5 parses the pages, linkedom holds them)
LOCKFILE = "package-lock.json"
PACKAGES = ("@mozilla/readability", "parse5", "linkedom", "jsdom")
DOMS = ("linkedom", "jsdom")
INSTALL_HINT = "run `make js` (npm install --prefix extractors/js; needs Node.js >= 18)"
# V8's young generation, larger than its 16 MB default: a page makes millions of short-lived
# objects, and fewer scavenges cut its CPU time by ~8% (docs/speed.md).
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
    readability, parse5, linkedom, jsdom = (package_version(folder, p) for p in PACKAGES)
    if None in (readability, parse5, linkedom, jsdom):
        return None, f"not installed: {INSTALL_HINT}"
    return f"{readability} (linkedom {linkedom})", None


class ReadabilityJsExtractor:
    """``options`` go to ``new Readability(document, options)`` (e.g. ``{"charThreshold":
    250}``); ``url`` is the document's address (relative links resolve against it).
    ``stream``: one Node process per worker (start-up paid once) rather than one per page.
    ``timeout``: seconds per page (default: 60 streaming, none per page), past which the
    program is killed and the page recorded as failed.
    ``output``: ``text`` (the article's ``textContent``) or ``html`` (its ``content``).
    ``dom``: ``linkedom`` (the default, ~2.5x faster) or ``jsdom``, the reference DOM it is
    checked against: both give the same outputs."""

    def __init__(
        self,
        options: dict[str, Any] | None = None,
        url: str | None = None,
        js_dir: str | None = None,
        node: str = "node",
        timeout: float | None = None,
        stream: bool = True,
        output: str = "text",
        dom: str = "linkedom",
    ) -> None:
        if output not in ("text", "html"):
            raise ValueError(f"output must be 'text' or 'html', not {output!r}")
        if dom not in DOMS:
            raise ValueError(f"dom must be 'linkedom' or 'jsdom', not {dom!r}")
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
        if dom != "linkedom":
            argv += ["--dom", dom]
        self.OUTPUT_KIND = output
        self.version = version
        # the scripts and the npm versions shape the output as much as this module: they are
        # part of the run identity
        self.code_files = (folder / SCRIPT, folder / DOM_MODULE, folder / LOCKFILE)
        self.command = shlex.join(argv)
        self._program: StreamingCommand | CommandExtractor = (
            StreamingCommand(self.command, timeout=timeout or DEFAULT_TIMEOUT_S)
            if stream
            else CommandExtractor(self.command, timeout=timeout)
        )

    def extract(self, html: str) -> str:
        return self._program.extract(html)

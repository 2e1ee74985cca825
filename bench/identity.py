"""A run's identity per extractor: everything besides the page that decides its output.

One place decides it, and three use it: the manifest records it, the output cache keys on it
(with the page's bytes and declared charset), and ``--resume`` refuses to mix two of them.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.base import LoadedExtractor
from extractors.registry import distribution_version

# Versions that say nothing about the code that ran: such extractors are never cached.
UNVERSIONED = frozenset({"unknown", "external", ""})
# What turns a page's bytes into the text every extractor receives.
DECODER_LIBRARIES = ("charset-normalizer",)


def _file_sha(path: str | Path | None) -> str | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12] if path else None
    except OSError:
        return None


def code_version(target: str) -> str | None:
    """SHA-256 (12 hex digits) of the source file that defines ``target`` (``module:attr`` or
    ``file.py:attr``), or ``None`` when there is none (a ``cmd:`` program, ``python:``)."""
    if ":" not in target or target.startswith(("cmd:", "cmd+stream:", "python:")):
        return None
    module = target.rsplit(":", 1)[0]
    if module.endswith(".py"):
        return _file_sha(module)
    loaded = sys.modules.get(module)
    path = getattr(loaded, "__file__", None)
    if path is None:
        try:
            found = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            found = None
        path = found.origin if found is not None else None
    return _file_sha(path)


@functools.cache
def decoder_version() -> str:
    """The decoding code (``corpora/decoding.py``) and charset-normalizer's version."""
    import corpora.decoding

    parts = [f"decoding.py={_file_sha(corpora.decoding.__file__)}"]
    parts += [f"{name}=={distribution_version(name)}" for name in DECODER_LIBRARIES]
    return ";".join(parts)


def _code(loaded: LoadedExtractor) -> str | None:
    """:func:`code_version` of the target, plus the files a ``code_files`` attribute of the
    extractor names (a script it runs, say): ``<sha>;readability_cli.js=<sha>``."""
    code = code_version(loaded.target)
    files = getattr(loaded.extractor, "code_files", ()) or ()
    if code is None or not files:
        return code
    return ";".join([code, *(f"{Path(f).name}={_file_sha(f)}" for f in files)])


def _libraries(loaded: LoadedExtractor) -> tuple[tuple[str, str | None], ...]:
    """The extractor's own distribution and those its adapter names as shaping its output
    (``ExtractorInfo.libraries``, or a ``LIBRARIES`` attribute on a plugin), with versions."""
    info = loaded.info
    names: list[str] = []
    if info is not None:
        if info.distribution and info.distribution != "boilerbench":
            names.append(info.distribution)
        names += info.libraries
    names += list(getattr(loaded.extractor, "LIBRARIES", ()) or ())
    return tuple((name, distribution_version(name)) for name in dict.fromkeys(names))


@dataclass(frozen=True)  # no slots: the digest is cached on the instance
class ExtractorIdentity:
    """What, besides the page, decides an extractor's output."""

    name: str
    target: str
    version: str
    params: str  # canonical JSON of the parameters it runs with
    code: str | None
    libraries: tuple[tuple[str, str | None], ...]
    decoder: str

    @property
    def cacheable(self) -> bool:
        """Whether a version pins its code: unversioned plugins and ``cmd:`` programs are
        never cached (their code can change without their version changing)."""
        return self.version not in UNVERSIONED and self.code is not None

    @functools.cached_property
    def digest(self) -> str:
        """A hash of everything but the name (renaming an extractor changes no output)."""
        fields = {k: v for k, v in self.to_json().items() if k != "name"}
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()

    def cache_key(self, page_sha256: str, charset: str | None) -> str:
        """The output cache key of this extractor on a page (its bytes and declared charset
        decide the text the extractor receives)."""
        fields = (page_sha256, charset or "", self.digest)
        return hashlib.sha256("\0".join(fields).encode()).hexdigest()

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "target": self.target,
            "version": self.version,
            "params": json.loads(self.params),
            "code": self.code,
            "libraries": dict(self.libraries),
            "decoder": self.decoder,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ExtractorIdentity:
        return cls(
            name=data["name"],
            target=data["target"],
            version=data["version"],
            params=json.dumps(data.get("params", {}), sort_keys=True, default=repr),
            code=data.get("code"),
            libraries=tuple(sorted((data.get("libraries") or {}).items())),
            decoder=data.get("decoder", ""),
        )

    def changes(self, new: ExtractorIdentity) -> list[str]:
        """What differs from ``new``, one phrase each (``version 2.3.1 → 2.4.0``)."""
        out = []
        for field in ("target", "version", "params", "code", "decoder"):
            before, after = getattr(self, field), getattr(new, field)
            if before != after:
                out.append(f"{field} {before} → {after}")
        old_libs, new_libs = dict(self.libraries), dict(new.libraries)
        for lib in sorted(set(old_libs) | set(new_libs)):
            if old_libs.get(lib) != new_libs.get(lib):
                out.append(f"{lib} {old_libs.get(lib)} → {new_libs.get(lib)}")
        return out


def identity_of(loaded: LoadedExtractor) -> ExtractorIdentity:
    """The identity of a loaded extractor. An adapter may say what of it identifies its
    output with ``run_identity(params) -> {"target", "params", "code"}`` (any of them): an
    ``llm:`` endpoint gives its model id without the URL's host, the preset's hash, and only
    the parameters that shape the answer."""
    own = getattr(loaded.extractor, "run_identity", None)
    parts: dict[str, Any] = own(dict(loaded.params)) if callable(own) else {}
    return ExtractorIdentity(
        name=loaded.name,
        target=parts.get("target", loaded.target),
        version=loaded.version,
        params=json.dumps(parts.get("params", loaded.params), sort_keys=True, default=repr),
        code=parts["code"] if "code" in parts else _code(loaded),
        libraries=tuple(sorted(_libraries(loaded))),
        decoder=decoder_version(),
    )

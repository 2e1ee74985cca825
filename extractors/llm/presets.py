"""Presets: what an LLM extractor sends, as data. A preset is a TOML file (the ones that ship
are in ``extractors/llm/presets/``): its instruction, an optional system message, the prompt
layout, the HTML cleaning steps, extra request fields and the kind of output it asks for.
Its SHA-256 is part of the run identity, so editing a preset re-runs its pages."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from extractors.base import OUTPUT_KINDS, ExtractorError
from extractors.llm.cleaning import CleaningError, check_steps

_KEYS = {"description", "output_kind", "system", "instruction", "prompt", "clean", "request"}


class PresetError(ExtractorError):
    """A preset that cannot be found or read; the message names it."""


@dataclass(frozen=True, slots=True)
class Preset:
    """A prompt recipe. ``prompt`` holds ``{instruction}`` and ``{html}``; ``request`` holds
    extra fields of the chat-completions body (sampling settings such as
    ``repetition_penalty``)."""

    name: str
    description: str
    output_kind: str
    instruction: str
    prompt: str
    clean: tuple[str, ...]
    system: str = ""
    request: dict[str, Any] = field(default_factory=dict)

    @property
    def sha256(self) -> str:
        """Hash of everything that shapes the request (not the name or description)."""
        content = {
            "output_kind": self.output_kind,
            "system": self.system,
            "instruction": self.instruction,
            "prompt": self.prompt,
            "clean": list(self.clean),
            "request": self.request,
        }
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()

    def user_message(self, html: str) -> str:
        return self.prompt.replace("{instruction}", self.instruction).replace("{html}", html)


def _shipped() -> Any:
    return resources.files("extractors.llm").joinpath("presets")


def names() -> list[str]:
    """The presets that ship, sorted."""
    return sorted(p.name[: -len(".toml")] for p in _shipped().iterdir() if p.name.endswith(".toml"))


def parse(name: str, text: str) -> Preset:
    """A preset from TOML text; :class:`PresetError` says what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PresetError(f"preset {name!r}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise PresetError(f"preset {name!r}: unknown keys {unknown} (known: {sorted(_KEYS)})")
    for key in ("instruction", "prompt"):
        if not isinstance(data.get(key), str):
            raise PresetError(f"preset {name!r}: {key!r} must be a string")
    if "{html}" not in data["prompt"]:
        raise PresetError(f"preset {name!r}: 'prompt' must contain {{html}}")
    kind = data.get("output_kind", "markdown")
    if kind not in OUTPUT_KINDS:
        raise PresetError(f"preset {name!r}: output_kind must be one of {OUTPUT_KINDS}")
    clean = data.get("clean", [])
    request = data.get("request", {})
    if not isinstance(clean, list) or not isinstance(request, dict):
        raise PresetError(f"preset {name!r}: 'clean' must be a list and 'request' a table")
    try:
        check_steps(clean)
    except CleaningError as exc:
        raise PresetError(f"preset {name!r}: {exc}") from exc
    return Preset(
        name=name,
        description=str(data.get("description", "")),
        output_kind=kind,
        instruction=data["instruction"],
        prompt=data["prompt"],
        clean=tuple(clean),
        system=str(data.get("system", "")),
        request=dict(request),
    )


def load(name: str) -> Preset:
    """A shipped preset by name, or a preset file (``path/to/mine.toml``)."""
    if name.endswith(".toml") or "/" in name:
        path = Path(name).expanduser()
        try:
            return parse(path.stem, path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise PresetError(f"preset file {name!r} cannot be read: {exc}") from exc
    if name not in names():
        import difflib

        close = difflib.get_close_matches(name, names(), n=2, cutoff=0.5)
        hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
        raise PresetError(
            f"unknown preset {name!r}{hint} (presets: {', '.join(names())}, or a .toml file)"
        )
    return parse(name, _shipped().joinpath(f"{name}.toml").read_text(encoding="utf-8"))

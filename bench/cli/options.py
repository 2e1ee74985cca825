"""Option parsing shared by several verbs."""

from __future__ import annotations

from collections.abc import Iterable


def split_names(values: Iterable[str]) -> tuple[str, ...]:
    """``--extractor a,b --extractor c`` → ``(a, b, c)``, order kept, duplicates dropped.
    A ``cmd:`` (or ``cmd+stream:``) spec is kept whole: it may contain commas."""
    names: list[str] = []
    for value in values:
        parts = [value] if value.startswith(("cmd:", "cmd+stream:")) else value.split(",")
        for part in (p.strip() for p in parts):
            if part and part not in names:
                names.append(part)
    return tuple(names)

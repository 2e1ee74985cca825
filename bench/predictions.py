"""Read texts produced elsewhere: AEB's ``output/*.json`` (with or without its
``{"version", "output"}`` wrapper), an id → text JSON object, or ``{"id", "text"}`` JSONL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from corpora.page import CorpusError


class PredictionError(ValueError):
    """The predictions file is unreadable or does not match the corpus."""


def _text(value: Any, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("articleBody", "text"):
            if key in value:
                return _text(value[key], where)
    raise PredictionError(f"{where}: expected a string or an object with 'articleBody'")


def _from_jsonl(path: Path) -> dict[str, str]:
    texts: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise PredictionError(f"{where}: invalid JSON: {exc}") from exc
            if not isinstance(row, dict) or not isinstance(row.get("id"), str):
                raise PredictionError(f"{where}: expected an object with a string 'id'")
            if row["id"] in texts:
                raise PredictionError(f"{where}: id {row['id']!r} appears twice")
            texts[row["id"]] = _text(row.get("text"), f"{where} (id {row['id']!r})")
    return texts


def load_predictions(path: Path) -> dict[str, str]:
    """Page id → predicted text."""
    if not path.is_file():
        raise PredictionError(f"predictions file {path} does not exist")
    if path.suffix == ".jsonl":
        return _from_jsonl(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        try:
            return _from_jsonl(path)
        except PredictionError:
            raise PredictionError(f"{path}: neither a JSON object nor JSONL: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise PredictionError(f"{path}: not UTF-8 text: {exc}") from exc
    if isinstance(data, dict) and set(data) >= {"output"} and isinstance(data["output"], dict):
        data = data["output"]
    if not isinstance(data, dict):
        raise PredictionError(f"{path}: expected an object mapping page id to text")
    return {str(k): _text(v, f"{path} (id {k!r})") for k, v in data.items()}


def check_ids(predicted: set[str], expected: set[str], source: str) -> None:
    """Refuse predictions whose ids differ from the corpus, naming missing and extra ids."""
    missing, extra = sorted(expected - predicted), sorted(predicted - expected)
    if not missing and not extra:
        return

    def show(ids: list[str]) -> str:
        return ", ".join(ids[:10]) + (f" … ({len(ids)} in all)" if len(ids) > 10 else "")

    parts = []
    if missing:
        parts.append(f"missing {len(missing)} corpus page(s): {show(missing)}")
    if extra:
        parts.append(f"{len(extra)} id(s) not in the corpus: {show(extra)}")
    raise CorpusError(f"{source} does not match the corpus: " + "; ".join(parts))

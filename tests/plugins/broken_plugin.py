"""A plugin module that fails while importing (it needs a module nobody has)."""

import boilerbench_missing_dependency  # noqa: F401


def extract(html: str) -> str:
    return html

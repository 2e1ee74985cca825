"""``report RUN --failures``: each failed page with its reason and what the extractor wrote
to stderr on it (its ``log``), and a count of the pages that wrote to stderr but succeeded."""

from __future__ import annotations

from collections.abc import Sequence

from bench.records import PageResult


def _indented(log: str) -> list[str]:
    return ["    | " + line for line in log.rstrip("\n").splitlines()]


def failure_listing(results: Sequence[PageResult], extractors: Sequence[str] = ()) -> str:
    """Plain text, one block per extractor with failures (in ``extractors``' order, then the
    others by name); a page's log follows its reason, each line prefixed ``    | ``."""
    names = list(dict.fromkeys([*extractors, *sorted({r.extractor for r in results})]))
    by_name: dict[str, list[PageResult]] = {name: [] for name in names}
    for result in results:
        by_name[result.extractor].append(result)
    lines: list[str] = []
    logged_ok: dict[str, int] = {}
    for name in names:
        rows = sorted(by_name[name], key=lambda r: r.page)
        failed = [r for r in rows if r.error]
        quiet_ok = sum(1 for r in rows if not r.error and r.log)
        if quiet_ok:
            logged_ok[name] = quiet_ok
        if not failed:
            continue
        lines.append(f"{name}: {len(failed)} of {len(rows)} pages failed")
        for result in failed:
            lines.append(f"  {result.page}: {result.error}")
            if result.log:
                lines.extend(_indented(result.log))
        lines.append("")
    if not any(r.error for r in results):
        lines.append(f"no failures in {len(results)} page runs")
    if logged_ok:
        counts = ", ".join(f"{name} {n}" for name, n in logged_ok.items())
        lines.append(
            f"pages that wrote to stderr without failing: {counts} (their log is in "
            "results.jsonl, field 'log', and in the HTML report's page view)"
        )
    return "\n".join(lines).rstrip("\n") + "\n"

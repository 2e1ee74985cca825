"""The terminal comparison table of a run's summary."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _rate(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 1000 else f"{value:,.0f}"


def sorted_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """Result rows, best headline F1 first (rows without scores last)."""
    return sorted(summary["results"], key=lambda r: -(r["metrics"].get("f1") or -1.0))


def wide_console() -> Console:
    """A console for tables: at least 120 columns when output goes to a file or a pipe."""
    console = Console()
    return console if console.is_terminal else Console(width=max(console.width, 120))


def print_report(summary: dict[str, Any], console: Console) -> None:
    """The comparison table, then the noise-leak table when the corpus labels noise."""
    print_table(summary, console)
    print_noise_table(summary, console)


def print_table(summary: dict[str, Any], console: Console) -> None:
    """Extractor, version, F1 ± std, precision, recall, accuracy, pages/s, failures, empty."""
    metric = summary.get("metric") or "aeb"
    table = Table(title=f"{summary['corpus']} — metric: {metric} (± bootstrap std)")
    for column, justify in (
        ("extractor", "left"),
        ("version", "left"),
        ("F1", "right"),
        ("precision", "right"),
        ("recall", "right"),
        ("accuracy", "right"),
        ("pages/s", "right"),
        ("failures", "right"),
        ("empty", "right"),
    ):
        table.add_column(column, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    for row in sorted_rows(summary):
        m = row["metrics"]
        f1 = "–" if "f1" not in m else f"{m['f1']:.3f} ± {m.get('f1_std', 0):.3f}"
        table.add_row(
            row["extractor"],
            str(row["version"]),
            f1,
            _num(m.get("precision")),
            _num(m.get("recall")),
            _num(m.get("accuracy")),
            _rate(row["pages_per_s"]),
            f"{row['failures']}/{row['n_pages']}",
            str(row["empty"]),
        )
    console.print(table)


def print_noise_table(summary: dict[str, Any], console: Console) -> None:
    """Extractors × noise types: the share of inserted blocks of each type that leaked."""
    rows = [r for r in sorted_rows(summary) if r["metrics"].get("noise_leak")]
    if not rows:
        return
    kinds = sorted({kind for r in rows for kind in r["metrics"]["noise_leak"]})
    table = Table(title="noise leak: share of inserted blocks kept (lower is better)")
    table.add_column("extractor", no_wrap=True)
    for kind in kinds:
        table.add_column(kind, justify="right")
    table.add_column("title repeats", justify="right")
    for row in rows:
        leak = row["metrics"]["noise_leak"]
        cells = [f"{leak[k]:.0%}" if k in leak else "–" for k in kinds]
        table.add_row(row["extractor"], *cells, _num(row["metrics"].get("title_repeats"), 2))
    console.print(table)

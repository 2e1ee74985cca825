"""Terminal report entry points kept here for callers (``run``, ``dedup``); the reports
themselves live in :mod:`bench.reports`."""

from __future__ import annotations

from bench.reports.terminal import print_report, print_summary, sorted_rows, wide_console

__all__ = ["print_report", "print_summary", "sorted_rows", "wide_console"]

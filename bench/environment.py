"""What a run records about where it ran: versions, machine, git commit."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any

from extractors.registry import distribution_version

LIBRARIES = (
    "trafilatura",
    "readability-lxml",
    "justext",
    "html-text",
    "lxml",
    "lxml-html-clean",
    "datasketch",
    "charset-normalizer",
    "numpy",
    "pebble",
)


def tool_version() -> str:
    return distribution_version("boilerbench") or "unknown"


def library_versions() -> dict[str, str | None]:
    return {name: distribution_version(name) for name in LIBRARIES}


def git_sha() -> str | None:
    """The commit of the boilerbench checkout that runs, if it runs from one."""
    here = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run(
            ["git", "-C", str(here), "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "hostname": platform.node(),
    }

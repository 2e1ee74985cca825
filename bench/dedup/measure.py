"""Wall time and peak resident memory of one step, sampled from ``/proc`` (Linux)."""

from __future__ import annotations

import os
import resource
import threading
import time
from types import TracebackType

__all__ = ["Measured", "rss_bytes"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int | None:
    """Resident set size of this process now, or ``None`` off Linux."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * _PAGE
    except OSError:
        return None


class Measured:
    """``with Measured() as m: ...`` then ``m.seconds`` and ``m.peak_mb`` (the step's peak
    RSS above the RSS at its start, sampled every few milliseconds, plus the peak of any
    worker process it started)."""

    def __init__(self, interval: float = 0.005) -> None:
        self.interval = interval
        self.seconds = 0.0
        self.peak_mb: float | None = None
        self._stop = threading.Event()
        self._peak = 0
        self._base = 0

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            now = rss_bytes() or 0
            self._peak = max(self._peak, now)

    def __enter__(self) -> Measured:
        self._base = rss_bytes() or 0
        self._peak = self._base
        self._children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self._t0 = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.seconds = time.perf_counter() - self._t0
        self._stop.set()
        self._thread.join()
        now = rss_bytes()
        if now is None:
            return
        self._peak = max(self._peak, now)
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        child_peak = children * 1024 if children > self._children else 0  # ru_maxrss is KiB
        self.peak_mb = (self._peak - self._base + child_peak) / 2**20

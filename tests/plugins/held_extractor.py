"""An extractor that can hold a run open, so a test that kills the run cannot lose the race.

``visible_text`` is html-text's visible text (what the ``everything`` baseline gives). When
``$BOILERBENCH_TEST_HOLD`` names a folder that exists (``conftest.hold_folder`` makes it), the
first call that claims the folder (creating ``claimed`` in it, exclusively) blocks on opening
the FIFO ``release`` there: no sleep, no timer; it waits until a writer opens the FIFO, the
page's ``--timeout`` ends it, or the run is killed. Every other call, in that run or in the
``--resume`` that follows it (the claim stays), extracts at once. So the run can write every
line but one, and it cannot finish before the test has seen what it waits for.
"""

from __future__ import annotations

import os
from pathlib import Path

import html_text

HOLD_ENV = "BOILERBENCH_TEST_HOLD"


def _hold_once() -> None:
    folder = os.environ.get(HOLD_ENV)
    if not folder or not Path(folder).is_dir():
        return
    try:
        os.close(os.open(Path(folder) / "claimed", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return  # another call holds the run already, or held it before a resume
    with (Path(folder) / "release").open("rb") as fifo:  # blocks until a writer opens it
        fifo.read()


def visible_text(html: str) -> str:
    """All visible text; the first call of a held run blocks (see the module's docstring)."""
    _hold_once()
    return html_text.extract_text(html)

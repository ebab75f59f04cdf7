"""SIGTERM, SIGHUP and SIGINT become an ``Interrupted`` exception, so cleanup runs in ``finally``.

The command line installs the handlers (``handled``); the library never does, since its caller
(a notebook, an Airflow task) owns the process's signals. Code that must not be cut in the middle
(the renames of an output commit) runs inside ``deferred``: a signal arriving there is held and
raised when the block ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)


class Interrupted(BaseException):
    """The run was stopped by a signal; ``exit_status`` is 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.state = ""  # what OUTDIR holds, filled in by whoever knows
        super().__init__(signal.Signals(signum).name)

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


_depth = 0
_pending: list[int] = []


def _raise(signum: int, frame: object) -> None:
    if _depth:
        _pending.append(signum)
        return
    raise Interrupted(signum)


@contextmanager
def handled() -> Iterator[None]:
    """Within the block, the three signals raise Interrupted (main thread only; else no change)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def deferred() -> Iterator[None]:
    """A block that a handled signal does not cut: it is raised as Interrupted after the block."""
    global _depth
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if not _depth and _pending:
            signum = _pending[0]
            _pending.clear()
            raise Interrupted(signum)

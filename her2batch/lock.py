"""An exclusive lock on an output directory or a file (the SQLite history), for one run at a time.

``flock`` on a small lock file beside what it guards: the kernel releases it when the process
dies (kill -9 included), so a lock is never left stale. The lock file itself stays (deleting it
would let two runs lock two different files). POSIX only (fcntl).
"""

from __future__ import annotations

import fcntl
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".her2batch.lock"
POLL_SECONDS = 0.1


class LockHeld(OSError):
    """Another run holds the lock and did not let go within the wait."""

    def __init__(self, guarded: Path, holder: str, waited: float) -> None:
        self.guarded, self.holder, self.waited = guarded, holder, waited
        super().__init__(f"{guarded} is in use by another her2batch run ({holder or 'holder unknown'}); "
                         f"waited {waited:g} s (--wait SECONDS waits longer)")


def lock_path(guarded: Path) -> Path:
    """The lock file for a directory (inside it) or for a file (beside it, '<name>.lock')."""
    return guarded / LOCK_NAME if guarded.is_dir() else guarded.with_name(guarded.name + ".lock")


@contextmanager
def locked(guarded: str | Path, wait: float = 0.0) -> Iterator[Path]:
    """Hold the lock on ``guarded`` for the block; wait up to ``wait`` seconds, else raise LockHeld."""
    guarded = Path(guarded)
    path = lock_path(guarded)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + max(wait, 0.0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockHeld(guarded, _holder(path), wait) from None
                time.sleep(min(POLL_SECONDS, max(deadline - time.monotonic(), 0.0)))
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()} since "
                     f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n".encode())
        try:
            yield path
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(path: Path) -> str:
    """Who holds the lock, as its holder wrote it (pid, host, since when)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()[:200]
    except OSError:
        return ""

"""Which inputs are read: regular files only, each file once, never our own outputs.

A FIFO, a socket or a device given as input fails at once (its type is checked before any open
that could block); inside a directory every entry that is not read is named with why. A file is
read into memory through one descriptor and fails as "changed while being read" when its size,
modification time or identity moved before its parsing ended.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from her2batch.read.sources import SUPPORTED_SUFFIXES, InputError, Source

OWN_PREFIX = ".her2batch"  # lock file, commit journal, staging and backup directories


@dataclass(frozen=True)
class Skipped:
    """An input or directory entry that was not read, and why (recorded in run.json)."""

    path: str
    why: str
    warn: bool = False  # worth a warning line (a duplicate, a broken link), not only run.json

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "why": self.why}


@dataclass
class Found:
    sources: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def kind_of(mode: int) -> str:
    """A file type in words, for messages."""
    for test, name in ((stat.S_ISDIR, "directory"), (stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISSOCK, "socket"),
                       (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device")):
        if test(mode):
            return name
    return "special file"


def _stat(path: Path) -> os.stat_result | str:
    """The file's status (links followed), or why it has none."""
    try:
        return os.stat(path)
    except OSError as problem:
        if problem.errno == errno.ELOOP:
            return "symbolic link loop"
        if problem.errno == errno.ENOENT:
            return "dangling symbolic link" if os.path.lexists(path) else "no such file"
        return f"cannot be reached ({type(problem).__name__})"


def _same(a: os.stat_result, b: os.stat_result | None) -> bool:
    return b is not None and (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def _output_names() -> frozenset[str]:
    from her2batch.reports.writer import output_names

    return frozenset(output_names())


def find_inputs(inputs: Iterable[str | Path], outdir: str | Path | None = None) -> Found:
    """Sources to read (files as given, then each directory's supported files sorted by name)
    and everything left out, with why."""
    found = Found()
    out = _stat(Path(outdir)) if outdir is not None else None
    out = out if isinstance(out, os.stat_result) else None
    seen: dict[tuple[int, int], str] = {}

    def add(path: Path, status: os.stat_result) -> None:
        key = (status.st_dev, status.st_ino)
        if key in seen:
            found.skipped.append(Skipped(str(path), f"the same file as {seen[key]}: read once", warn=True))
            return
        seen[key] = str(path)
        found.sources.append(Source(path, str(path)))

    def failed(path: Path, error: str) -> None:
        found.sources.append(Source(path, str(path), status="failed", error=error))

    for given in inputs:
        path = Path(given)
        status = _stat(path)
        if any(part.startswith(OWN_PREFIX) for part in path.parts):
            found.skipped.append(Skipped(str(path), "her2batch's own working file (lock, commit journal or staging)",
                                         warn=True))
        elif isinstance(status, str):
            failed(path, status)
        elif stat.S_ISDIR(status.st_mode):
            _directory(path, out, found, add, failed)  # when it is OUTDIR, our outputs are left out
        elif not stat.S_ISREG(status.st_mode):
            failed(path, f"a {kind_of(status.st_mode)}, not a regular file: not read")
        elif out is not None and _same(os.stat(path.parent), out) and path.name in _output_names():
            found.skipped.append(Skipped(str(path), "an output of this run (in OUTDIR): never read", warn=True))
        else:
            add(path, status)
    return found


def _directory(path: Path, out: os.stat_result | None, found: Found, add, failed) -> None:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as problem:
        failed(path, f"directory cannot be read ({type(problem).__name__})")
        return
    before = len(found.sources)
    skipped = len(found.skipped)
    for entry in entries:
        child = Path(entry.path)
        why, warn = "", False
        status = _stat(child)
        if entry.name.startswith(OWN_PREFIX):
            why = "her2batch's own working file (lock, commit journal or staging)"
        elif isinstance(status, str):
            why, warn = status, True
        elif stat.S_ISDIR(status.st_mode):
            why = ("the output directory of this run" if _same(status, out)
                   else "a subdirectory (directories are not searched recursively)")
        elif not stat.S_ISREG(status.st_mode):
            why, warn = f"a {kind_of(status.st_mode)}, not a regular file", True
        elif out is not None and _same(os.stat(path), out) and entry.name in _output_names():
            why = "an output of this run (this directory is OUTDIR)"
        elif entry.name.startswith("~$"):
            why = "an Office lock file (the workbook is open in Excel)"
        elif entry.name.startswith("."):
            why = "a hidden file"
        elif child.suffix.lower() not in SUPPORTED_SUFFIXES:
            why = f"not a {', '.join(SUPPORTED_SUFFIXES)} file"
        if why:
            found.skipped.append(Skipped(str(child), why, warn))
        else:
            add(child, status)
    if len(found.sources) == before:
        note = f" ({len(found.skipped) - skipped} entries skipped: see run.json 'skipped')" if entries else ""
        failed(path, f"no {', '.join(SUPPORTED_SUFFIXES)} files in this directory{note}")


def read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The file's bytes and its status when opened. Never blocks: a FIFO opens at once with
    O_NONBLOCK and is refused by its type before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as problem:
        status = _stat(path)
        raise InputError(status if isinstance(status, str) else f"cannot be read ({type(problem).__name__})") from None
    try:
        before = os.fstat(fd)
        if not stat.S_ISREG(before.st_mode):
            raise InputError(f"a {kind_of(before.st_mode)}, not a regular file: not read")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            data = stream.read()
    finally:
        os.close(fd)
    if len(data) != before.st_size:
        raise InputError(CHANGED)
    return data, before


CHANGED = "changed while being read (still being written?): rerun once the export is complete"


def check_unchanged(path: Path, before: os.stat_result) -> None:
    """Fail the input when the file at ``path`` is no longer what was read."""
    try:
        after = os.stat(path)
    except OSError:
        raise InputError(CHANGED) from None
    if (after.st_size, after.st_mtime_ns, after.st_ino, after.st_dev) != (
            before.st_size, before.st_mtime_ns, before.st_ino, before.st_dev):
        raise InputError(CHANGED)

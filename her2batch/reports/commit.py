"""Publish a set of output files in OUTDIR all at once or not at all, across a crash at any instant.

Under the OUTDIR lock:
1. every file is written completely into a staging directory inside OUTDIR and fsynced;
2. the current outputs are hard-linked into a backup directory (copied where links are refused);
3. a journal naming the set and each new file's sha256 is written (temp file, fsync, rename,
   directory fsync): this is the commit point;
4. each staged file is renamed over its target in the given order (run.json last), then OUTDIR
   is fsynced;
5. the journal is removed; staging and backup are deleted.

While the journal exists, every new file is in staging or already in place, so the commit can
always be rolled forward; the backup lets it be rolled back. A rename that fails in step 4 rolls
the set back at once. A crash before step 3 leaves the old set (its staging is swept by the next
run); a crash after it is rolled forward by the next run before anything else, or back when
rolling forward fails. Signals are held during steps 3-5 (``signals.deferred``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from her2batch.signals import Interrupted, deferred

STAGING_PREFIX = ".her2batch-staging-"
BACKUP_PREFIX = ".her2batch-backup-"
JOURNAL = ".her2batch-commit.json"
LEGACY_TEMPORARY = (".cases.csv.", ".rejects.csv.", ".her2_summary.xlsx.", ".run.json.", ".skeleton.")

UNTOUCHED = "OUTDIR is unchanged: the previous outputs are intact (nothing was replaced)"
RESTORED = "OUTDIR is unchanged: the files already replaced were put back; the previous outputs are intact"
COMMITTED = "OUTDIR holds this run's complete outputs (they were committed before it stopped)"


class OutputError(OSError):
    """Outputs could not be written; ``state`` says exactly what OUTDIR holds now."""

    def __init__(self, message: str, state: str) -> None:
        self.state = state
        super().__init__(f"{message}; {state}")


def why(problem: OSError) -> str:
    return problem.strerror or type(problem).__name__


def fsync_dir(path: Path) -> None:
    """Make renames and removals in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sha256_and_sync(path: Path) -> tuple[str, int]:
    """The file's sha256 and size, and its data flushed to disk (one pass over the file)."""
    digest, size = hashlib.sha256(), 0
    with open(path, "rb") as stream:
        while block := stream.read(1 << 20):
            digest.update(block)
            size += len(block)
        os.fsync(stream.fileno())
    return digest.hexdigest(), size


def new_staging(outdir: Path) -> Path:
    """A fresh staging directory inside OUTDIR (same filesystem: renames are atomic), owner only."""
    return Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=outdir))


def discard(path: Path) -> None:
    """Remove a staging or backup directory; a signal does not cut this short."""
    with deferred():
        shutil.rmtree(path, ignore_errors=True)


def _write_journal(outdir: Path, journal: Mapping[str, Any]) -> None:
    temporary = outdir / (JOURNAL + ".tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        json.dump(journal, stream, indent=1)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, outdir / JOURNAL)
    fsync_dir(outdir)


def _keep(current: Path, backup: Path) -> None:
    """A copy of the current output that a rename over it cannot destroy: a hard link, else a copy."""
    try:
        os.link(current, backup, follow_symlinks=False)
    except OSError:
        shutil.copy2(current, backup, follow_symlinks=False)
        if not backup.is_symlink():
            sha256_and_sync(backup)


def commit(outdir: Path, staging: Path, digests: Mapping[str, str]) -> None:
    """Rename every file of ``staging`` named in ``digests`` (in its order) into OUTDIR as one set.

    Raises OutputError (with the state of OUTDIR) when the set could not be published.
    """
    names = list(digests)
    for name in names:
        target = outdir / name
        if target.is_dir() and not target.is_symlink():
            raise OutputError(f"{name} is a directory, not a file", UNTOUCHED)
    backup = outdir / (BACKUP_PREFIX + staging.name.removeprefix(STAGING_PREFIX))
    journal = {"staging": staging.name, "backup": backup.name, "names": names, "sha256": dict(digests),
               "existed": []}
    try:
        backup.mkdir(mode=0o700)
        for name in names:
            if os.path.lexists(outdir / name):
                _keep(outdir / name, backup / name)
                journal["existed"].append(name)
        fsync_dir(backup)
        fsync_dir(staging)
        with deferred():
            _write_journal(outdir, journal)
    except OSError as problem:
        discard(backup)
        (outdir / (JOURNAL + ".tmp")).unlink(missing_ok=True)
        raise OutputError(f"cannot prepare the commit ({why(problem)})", UNTOUCHED) from problem
    state = ""
    try:
        with deferred():
            try:
                _forward(outdir, journal)
            except BaseException as problem:
                state = roll_back(outdir, journal)
                if isinstance(problem, OSError):
                    raise OutputError(f"cannot rename the new outputs into place ({why(problem)})", state) from problem
                raise
            state = COMMITTED
            _finish(outdir, journal)
    except Interrupted as stop:  # held during the renames, raised once they are done or undone
        stop.state = state or stop.state
        raise


def _forward(outdir: Path, journal: Mapping[str, Any]) -> None:
    staging = outdir / journal["staging"]
    for name in journal["names"]:
        if os.path.lexists(staging / name):
            os.replace(staging / name, outdir / name)
    fsync_dir(outdir)


def _finish(outdir: Path, journal: Mapping[str, Any]) -> None:
    """The set is in place (or back): forget the journal, then the working directories."""
    (outdir / JOURNAL).unlink(missing_ok=True)
    fsync_dir(outdir)
    discard(outdir / journal["staging"])
    discard(outdir / journal["backup"])


def roll_back(outdir: Path, journal: Mapping[str, Any]) -> str:
    """Put the previous outputs back; return what OUTDIR holds. Each new file goes back into
    staging first (a hard link), so a crash during this still leaves a set that rolls forward."""
    staging, backup = outdir / journal["staging"], outdir / journal["backup"]
    try:
        for name in reversed(journal["names"]):
            target, kept, new = outdir / name, backup / name, staging / name
            if name in journal["existed"]:
                if not os.path.lexists(kept) or _same_file(kept, target):
                    continue  # put back already, or never replaced
                if not os.path.lexists(new):
                    _keep(target, new)
                os.replace(kept, target)
            elif os.path.lexists(target):
                if not os.path.lexists(new):
                    _keep(target, new)
                target.unlink()
        fsync_dir(outdir)
        _finish(outdir, journal)
        return RESTORED
    except OSError as problem:
        return describe(outdir, journal, problem)


def _same_file(a: Path, b: Path) -> bool:
    try:
        first, second = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    return (first.st_dev, first.st_ino) == (second.st_dev, second.st_ino)


def describe(outdir: Path, journal: Mapping[str, Any], problem: OSError) -> str:
    """Which files of the set are new and which old, when neither direction could finish."""
    new, old = [], []
    for name in journal["names"]:
        target = outdir / name
        try:
            is_new = target.is_file() and sha256_and_sync(target)[0] == journal["sha256"][name]
        except OSError:
            is_new = False
        (new if is_new else old).append(name)
    return (f"OUTDIR is MIXED: new {', '.join(new) or 'none'}; previous {', '.join(old) or 'none'} "
            f"(could not finish: {why(problem)}). The journal {JOURNAL} is kept: the next run into OUTDIR "
            "completes the commit (or undoes it) before anything else")


def recover(outdir: Path) -> list[str]:
    """Before a run (under the lock): finish a commit a crash interrupted, sweep leftovers.
    Returns notes for run.json; raises OutputError when OUTDIR cannot be made whole."""
    notes: list[str] = []
    journal_path = outdir / JOURNAL
    if journal_path.exists():
        try:
            journal = json.loads(journal_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise OutputError(f"the commit journal {JOURNAL} cannot be read ({type(problem).__name__})",
                              "OUTDIR may be MIXED; check run.json's sha256 values against the files") from problem
        if _complete(outdir, journal):
            try:
                with deferred():
                    _forward(outdir, journal)
                    _finish(outdir, journal)
                notes.append("completed the commit of an interrupted run: its outputs are now all in place")
            except OSError:
                journal_ok = False
            else:
                journal_ok = True
        else:
            journal_ok = False
        if not journal_ok:
            with deferred():
                state = roll_back(outdir, journal)
            if state != RESTORED:
                raise OutputError("an interrupted commit could not be completed or undone", state)
            notes.append("undid the commit of an interrupted run: the outputs before it are back in place")
    notes += sweep(outdir)
    return notes


def _complete(outdir: Path, journal: Mapping[str, Any]) -> bool:
    """Every new file is in staging or in place with its recorded sha256 (rolling forward is safe)."""
    staging = outdir / journal["staging"]
    for name in journal["names"]:
        for candidate in (staging / name, outdir / name):
            try:
                if candidate.is_file() and sha256_and_sync(candidate)[0] == journal["sha256"][name]:
                    break
            except OSError:
                continue
        else:
            return False
    return True


def sweep(outdir: Path) -> list[str]:
    """Remove staging, backups and temporary files that a killed run left in OUTDIR."""
    removed, count, size = 0, 0, 0
    for entry in list(os.scandir(outdir)):
        name = entry.name
        ours_dir = name.startswith((STAGING_PREFIX, BACKUP_PREFIX))
        ours_file = name == JOURNAL + ".tmp" or (name.startswith(LEGACY_TEMPORARY) and name.endswith((".part", ".xlsx")))
        if not (ours_dir or ours_file):
            continue
        files = [Path(entry.path)] if ours_file else [p for p in Path(entry.path).rglob("*") if p.is_file()]
        count += len(files)
        size += sum(p.lstat().st_size for p in files)
        removed += 1
        if ours_dir:
            discard(Path(entry.path))
        else:
            Path(entry.path).unlink(missing_ok=True)
    if not removed:
        return []
    return [f"removed the staging that an interrupted run left in OUTDIR ({count} file{'s' * (count != 1)}, "
            f"{size / 1e6:.1f} MB)"]


def publish_order(names: Sequence[str], last: str) -> list[str]:
    """``names`` with ``last`` (run.json, which describes the others) moved to the end."""
    return [n for n in names if n != last] + ([last] if last in names else [])

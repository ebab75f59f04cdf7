"""Write every output of a run into OUTDIR as one set: all new or all old, never a mix.

The set is the list ``OUTPUTS`` (extend it with ``Output(name, write)`` to add a file, e.g.
patients.csv) plus run.json, which is written last and records each other file's sha256. Every
writer writes into a staging directory inside OUTDIR and returns what it wrote; ``commit``
publishes the set (see reports.commit for the crash-safe protocol).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from her2batch.pipeline import give_back
from her2batch.reports.commit import commit, discard, new_staging, sha256_and_sync
from her2batch.reports.files import FILE_MODE, run_description, run_document, write_csv, write_json

WORKBOOK = "her2_summary.xlsx"
RUN_JSON = "run.json"


@dataclass(frozen=True)
class Wrote:
    """What a writer reports about the file it wrote."""

    rows: int | None = None
    escaped_cells: int = 0  # formula-like cells given a leading apostrophe


@dataclass(frozen=True)
class Written:
    """One published output: what its writer reported, its size, sha256 and seconds."""

    name: str
    path: Path
    bytes: int
    sha256: str
    seconds: float
    rows: int | None = None
    escaped_cells: int = 0


# write(staged path, run result, run description) -> Wrote
Writer = Callable[[Path, Any, dict[str, Any]], Wrote]


@dataclass(frozen=True)
class Output:
    name: str
    write: Writer


def _csv(frame_of: Callable[[Any], Any]) -> Writer:
    def write(path: Path, result: Any, description: dict[str, Any]) -> Wrote:
        frame = frame_of(result)
        escaped = write_csv(path, frame, escape=getattr(result.settings, "csv_escape", True))
        return Wrote(rows=len(frame), escaped_cells=escaped)
    return write


def _workbook(path: Path, result: Any, description: dict[str, Any]) -> Wrote:
    from her2batch.reports.excel import write_workbook  # openpyxl: imported while the inputs are read (api)

    write_workbook(path, result, description)
    return Wrote()


def _rollups(result: Any):
    from her2batch.rollups import compute

    return compute(result)


def _cases(path: Path, result: Any, description: dict[str, Any]) -> Wrote:
    """cases.csv: written chunk by chunk during a streamed run (moved here), else from the frame."""
    streamed = getattr(result, "streamed", None)
    if streamed is None:
        return _csv(lambda result: result.cases)(path, result, description)
    os.rename(streamed.finish(), path)  # from the sink's staging into the set's: same filesystem, new name
    streamed.discard()  # its emptied staging: the commit sees one staging only
    return Wrote(rows=len(result.cases), escaped_cells=streamed.escaped)


OUTPUTS: list[Output] = [
    Output("cases.csv", _cases),
    Output("rejects.csv", _csv(lambda result: result.rejects)),
    Output("patients.csv", _csv(lambda result: _rollups(result).patients.table)),
    Output("rescore.csv", _csv(lambda result: _rollups(result).rescore)),
    Output(WORKBOOK, _workbook),
]


def output_names() -> list[str]:
    """Every file name of the output set, run.json last."""
    return [o.name for o in OUTPUTS] + [RUN_JSON]


# What `report --history` publishes: the views of the history, with no cases.csv or run.json.
REPORT_OUTPUTS: list[Output] = [o for o in OUTPUTS if o.name in ("patients.csv", "rescore.csv", WORKBOOK)]


def write_outputs(result: Any, outdir: Path, notes: Sequence[str] = (), outputs: Sequence[Output] | None = None,
                  with_run_json: bool = True) -> tuple[list[Written], dict[str, Any]]:
    """Every output (``OUTPUTS`` unless given) into a staging directory, then committed into
    ``outdir`` as one set, run.json last unless ``with_run_json`` is false.

    Returns what was written and the run.json document ({} without it). Raises
    reports.commit.OutputError (saying what OUTDIR holds) when the set could not be published; the
    staging is removed unless a kept commit journal still needs it.
    """
    outputs = OUTPUTS if outputs is None else outputs
    outdir.mkdir(parents=True, exist_ok=True)
    mode = getattr(result.settings, "file_mode", FILE_MODE)
    staging = new_staging(outdir)
    # Each finished file is hashed and flushed in a thread while the next one is written
    # (hashlib releases the GIL): the sha256 of a 500 MB cases.csv then costs little wall time.
    sealer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="her2batch-seal")
    try:
        _rollups(result)  # patients, re-score: computed once, for the CSVs, the workbook and run.json
        give_back()  # what computing them used, back to the system before the files are written
        description = run_description(result, notes)
        sealing = []
        for output in outputs:
            start = time.perf_counter()
            wrote = output.write(staging / output.name, result, description)
            sealing.append(sealer.submit(_seal, staging, outdir, output.name, wrote, time.perf_counter() - start, mode))
        written = [future.result() for future in sealing]
        document: dict[str, Any] = {}
        if with_run_json:
            document = run_document(description, written, result.timings)
            start = time.perf_counter()
            write_json(staging / RUN_JSON, document)
            written.append(_seal(staging, outdir, RUN_JSON, Wrote(), time.perf_counter() - start, mode))
        commit(outdir, staging, {w.name: w.sha256 for w in written})
        return written, document
    finally:
        sealer.shutdown(wait=True, cancel_futures=True)
        if staging.exists() and not journal_needs(outdir, staging):
            discard(staging)


def _seal(staging: Path, outdir: Path, name: str, wrote: Wrote, seconds: float, mode: int) -> Written:
    """Permissions, fsync and sha256 of a staged file (the staging directory itself is owner-only)."""
    start = time.perf_counter()
    path = staging / name
    os.chmod(path, mode)
    digest, size = sha256_and_sync(path)
    seconds += time.perf_counter() - start
    return Written(name, outdir / name, size, digest, seconds, wrote.rows, wrote.escaped_cells)


def journal_needs(outdir: Path, staging: Path) -> bool:
    """Whether a kept commit journal still names this staging (the next start rolls it forward)."""
    from her2batch.reports.commit import JOURNAL

    try:
        return staging.name in (outdir / JOURNAL).read_text(encoding="utf-8")
    except OSError:
        return False

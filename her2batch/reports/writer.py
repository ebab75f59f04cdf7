"""Write every output of a run into OUTDIR, all or nothing.

Each file is first written completely under a temporary name in OUTDIR; only when all of them
are written are they renamed into place (run.json last, as it describes the others). A crash or
a full disk leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from her2batch.reports.excel import write_workbook
from her2batch.reports.files import FILE_MODE, run_document, staged_path, sync, write_csv, write_json

WORKBOOK = "her2_summary.xlsx"
OUTPUTS = ("cases.csv", "rejects.csv", "patients.csv", "rescore.csv", WORKBOOK, "run.json")


def write_outputs(result, outdir: Path) -> list[Path]:
    """cases.csv, rejects.csv, patients.csv, rescore.csv, her2_summary.xlsx and run.json; returns their paths."""
    from her2batch.rollups import compute
    outdir.mkdir(parents=True, exist_ok=True)
    mode = getattr(result.settings, "file_mode", FILE_MODE)
    escape = getattr(result.settings, "csv_escape", True)
    result.csv_escaped = 0

    def csv_file(frame):
        def write(path: Path) -> None:
            result.csv_escaped += write_csv(path, frame, escape=escape)
        return write

    writers: dict[str, Callable[[Path], None]] = {
        "cases.csv": csv_file(result.cases),
        "rejects.csv": csv_file(result.rejects),
        "patients.csv": csv_file(compute(result).patients.table),
        "rescore.csv": csv_file(compute(result).rescore),
        WORKBOOK: lambda p: write_workbook(p, result, run_document(result)),
    }
    with ExitStack() as stack:
        staged: dict[str, Path] = {}
        for name, write in writers.items():
            start = time.perf_counter()
            staged[name] = stack.enter_context(staged_path(outdir / name, mode))
            write(staged[name])
            result.timings[f"write {name}"] = time.perf_counter() - start
        staged["run.json"] = stack.enter_context(staged_path(outdir / "run.json", mode))
        write_json(staged["run.json"], run_document(result))
        sync(staged[WORKBOOK])
        for name in OUTPUTS:  # everything is complete: publish
            os.replace(staged[name], outdir / name)
    return [outdir / name for name in OUTPUTS]

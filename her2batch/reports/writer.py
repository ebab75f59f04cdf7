"""Write every output of a run into OUTDIR; each file replaced only when complete."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from her2batch.reports.excel import write_workbook
from her2batch.reports.files import run_document, write_csv, write_json

WORKBOOK = "her2_summary.xlsx"


def write_outputs(result, outdir: Path) -> None:
    """cases.csv, rejects.csv, the workbook, then run.json (last: it describes the others)."""
    outdir.mkdir(parents=True, exist_ok=True)

    def timed(name: str, write: Callable[[Path], None]) -> None:
        start = time.perf_counter()
        write(outdir / name)
        result.timings[f"write {name}"] = time.perf_counter() - start

    timed("cases.csv", lambda p: write_csv(p, result.cases))
    timed("rejects.csv", lambda p: write_csv(p, result.rejects))
    timed(WORKBOOK, lambda p: write_workbook(p, result, run_document(result)))
    write_json(outdir / "run.json", run_document(result))

"""Write every output of a run into OUTDIR; each file replaced only when complete."""

from __future__ import annotations

from pathlib import Path

from her2batch.reports.files import run_document, write_csv, write_json


def write_outputs(result, outdir: Path) -> dict[str, float]:
    """cases.csv, rejects.csv, run.json (and the workbook); returns seconds per file."""
    import time

    timings: dict[str, float] = {}
    outdir.mkdir(parents=True, exist_ok=True)
    for name, write in (
        ("cases.csv", lambda p: write_csv(p, result.cases)),
        ("rejects.csv", lambda p: write_csv(p, result.rejects)),
    ):
        start = time.perf_counter()
        write(outdir / name)
        timings[name] = time.perf_counter() - start
    result.timings.update({f"write {k}": v for k, v in timings.items()})
    write_json(outdir / "run.json", run_document(result))
    return timings

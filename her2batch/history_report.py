"""`her2batch report --history FILE -o OUTDIR`: the workbook from the history alone, for the
monthly quality meeting; and `her2batch history FILE`: runs and counts."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd

from her2batch.config import Settings
from her2batch.history import CASE_COLUMNS, open_read_only, read_cases, runs_table, totals
from her2batch.pipeline import RunResult
from her2batch.reports.files import write_csv

REPORT_OUTPUTS = ("patients.csv", "rescore.csv", "her2_summary.xlsx")
# Columns read back for the report: what its sheets show (not the long explanation, not ER/PR
# numbers: hr_positive is stored).
REPORT_COLUMNS = tuple(c for c in CASE_COLUMNS
                       if c not in ("explanation", "er_percent", "pr_percent", "ish_cells_counted", "ish_group"))


def history_result(path: str | Path, settings: Settings, since: str | None = None) -> RunResult:
    """A run result whose cases are the history's current cases (reported on or after ``since``)."""
    db = open_read_only(path)
    try:
        started = dt.datetime.now(dt.UTC)
        cases = read_cases(db, REPORT_COLUMNS, since, with_signature=False)
        amended = totals(db)["amended cases"]
    finally:
        db.close()
    rejects = pd.DataFrame({"source_file": pd.Series(dtype="string"), "source_row": pd.Series(dtype="int64"),
                            "reasons": pd.Series(dtype="string")})
    result = RunResult(settings, [], cases, rejects, started, dt.datetime.now(dt.UTC), len(cases))
    result.history_report = f"the history {Path(path).name}" + (f" since {since}" if since else "")
    result.amended = amended
    return result


def write_report(result: RunResult, outdir: Path) -> list[Path]:
    """patients.csv, rescore.csv and her2_summary.xlsx, committed as one set under OUTDIR's lock
    (the same staging and journal as a run's outputs: all new or all old)."""
    from her2batch.lock import locked
    from her2batch.reports.commit import commit, discard, new_staging, recover, sha256_and_sync
    from her2batch.reports.excel import write_workbook
    from her2batch.reports.files import run_description
    from her2batch.reports.writer import journal_needs
    from her2batch.rollups import compute

    outdir.mkdir(parents=True, exist_ok=True)
    settings = result.settings
    with locked(outdir, settings.wait):
        recover(outdir)
        rollups = compute(result)
        staging = new_staging(outdir)
        try:
            write_csv(staging / "patients.csv", rollups.patients.table, escape=settings.csv_escape)
            write_csv(staging / "rescore.csv", rollups.rescore, escape=settings.csv_escape)
            write_workbook(staging / "her2_summary.xlsx", result, run_description(result, ()))
            digests = {}
            for name in REPORT_OUTPUTS:
                os.chmod(staging / name, settings.file_mode)
                digests[name] = sha256_and_sync(staging / name)[0]
            commit(outdir, staging, digests)
        finally:
            if staging.exists() and not journal_needs(outdir, staging):
                discard(staging)
    return [outdir / name for name in REPORT_OUTPUTS]


def describe(path: str | Path) -> tuple[pd.DataFrame, dict[str, int]]:
    db = open_read_only(path)
    try:
        return runs_table(db), totals(db)
    finally:
        db.close()

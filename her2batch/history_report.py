"""`her2batch report --history FILE -o OUTDIR`: the workbook from the history alone, for the
monthly quality meeting; and `her2batch history FILE`: runs and counts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from her2batch.config import Settings
from her2batch.history import CASE_COLUMNS, open_read_only, read_cases, runs_table, totals
from her2batch.pipeline import RunResult

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
    (the run's own writer, staging and journal: all new or all old)."""
    from her2batch.lock import locked
    from her2batch.reports.commit import recover
    from her2batch.reports.writer import REPORT_OUTPUTS, write_outputs

    outdir.mkdir(parents=True, exist_ok=True)
    with locked(outdir, result.settings.wait):
        notes = recover(outdir)
        written, _ = write_outputs(result, outdir, notes, REPORT_OUTPUTS, with_run_json=False)
    return [w.path for w in written]


def describe(path: str | Path) -> tuple[pd.DataFrame, dict[str, int]]:
    db = open_read_only(path)
    try:
        return runs_table(db), totals(db)
    finally:
        db.close()

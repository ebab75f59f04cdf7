"""make bench, history part: history insert, report from a large history, patient roll-up.

Wall and CPU seconds are both given: on a shared machine the wall time includes waiting for a core.
Sizes are options (never run by the test suite):
  python -m bench.history [--insert 1000000] [--report 5000000] [--rollup 1000000]

One run of the pipeline on a generated export gives a realistic cases frame; copies of it with
new case ids fill the history. The report runs in its own process so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import write
from her2batch.config import Settings
from her2batch.history import History
from her2batch.patients import roll_up
from her2batch.pipeline import run

OUT = Path(__file__).parent / "out"


def cases_of(rows: int):
    export = OUT / f"export_{rows}.csv"
    if not export.exists():
        print(f"generating {export} ...", flush=True)
        write(rows, export)
    return run([export], Settings())


def fresh(path: Path) -> Path:
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)
    return path


def renamed(result, copy: int):
    """The same cases under new ids (and new input hashes): another night's worth."""
    result.cases = result.cases.assign(case_id=result.cases["case_id"].astype("string") + f"-{copy}")
    for source in result.sources:
        source.sha256 = f"{source.sha256[:56]}{copy:08d}"
    return result


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--insert", type=int, default=1_000_000, help="cases inserted into a new history")
    cli.add_argument("--report", type=int, default=5_000_000, help="cases in the history the report reads")
    cli.add_argument("--rollup", type=int, default=1_000_000, help="cases in the patient roll-up")
    args = cli.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    figures: dict[str, float] = {}

    result = cases_of(args.rollup)
    start, cpu = time.perf_counter(), time.process_time()
    patients = roll_up(result.cases)
    figures[f"patient roll-up, {len(result.cases):,} cases -> {len(patients.table):,} patients (s)"] = \
        time.perf_counter() - start
    figures["  of it CPU (s)"] = time.process_time() - cpu

    result = cases_of(args.insert)
    history = fresh(OUT / "history_insert.sqlite")
    start, cpu = time.perf_counter(), time.process_time()
    History(history).record(result)
    figures[f"history insert, {len(result.cases):,} cases (s)"] = time.perf_counter() - start
    figures["  of it CPU  (s)"] = time.process_time() - cpu

    history = fresh(OUT / "history_report.sqlite")
    copies = max(1, args.report // max(len(result.cases), 1))
    start = time.perf_counter()
    base = result.cases
    for copy in range(copies):
        result.cases = base
        History(history).record(renamed(result, copy))
    figures[f"history fill, {copies} x {len(base):,} cases (s)"] = time.perf_counter() - start
    command = [sys.executable, "-m", "her2batch", "report", "--history", str(history), "-o", str(OUT / "report")]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"bench: report failed: {child.stderr.read().decode()[-2000:]}")
    figures[f"report from a history of {copies * len(base):,} cases (s)"] = time.perf_counter() - start
    figures["  of it CPU   (s)"] = usage.ru_utime + usage.ru_stime
    figures["report peak memory (MB)"] = usage.ru_maxrss / 1024
    figures["history file (MB)"] = history.stat().st_size / 1e6
    for name, value in figures.items():
        print(f"{name:<62}{value:>10.1f}")
    (OUT / "history_results.json").write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()

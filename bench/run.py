"""make bench: her2batch on generated exports of 100,000 and 1,000,000 rows, against references.

Each command runs in its own process; wall time and peak memory (max RSS of that process) are
measured here, the per-stage seconds come from her2batch's run.json. Results also go to
bench/out/results.json. Benchmarks report; they never fail the test suite.

Usage: python -m bench.run [--sizes 100000 1000000] [--naive-max 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import write

OUT = Path(__file__).parent / "out"


def measure(command: list[str]) -> dict[str, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    pid = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(pid.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1, 3):
        sys.exit(f"bench: {' '.join(command)} failed: {pid.stderr.read().decode()[-2000:]}")
    return {"seconds": wall, "peak_mb": usage.ru_maxrss / 1024}


def bench_size(rows: int, naive_max: int) -> dict:
    export = OUT / f"export_{rows}.csv"
    if not export.exists():
        print(f"generating {export} ...", flush=True)
        write(rows, export)
    outdir = OUT / f"run_{rows}"
    python = sys.executable
    result = {"rows": rows, "file_mb": export.stat().st_size / 1e6}
    result["her2batch"] = measure([python, "-m", "her2batch", "run", str(export), "-o", str(outdir), "-q"])
    result["stages"] = json.loads((outdir / "run.json").read_text())["timings_seconds"]
    result["io_floor"] = measure([python, "-m", "bench.io_floor", str(export), str(OUT / "floor")])
    if rows <= naive_max:
        result["naive"] = measure([python, "-m", "bench.naive", str(export), str(OUT / "naive")])
    return result


def report(results: list[dict]) -> None:
    for r in results:
        rows, ours = r["rows"], r["her2batch"]
        print(f"\n== {rows:,} rows ({r['file_mb']:.0f} MB CSV) ==")
        print(f"{'stage':<28}{'seconds':>10}{'rows/s':>14}")
        for stage, seconds in r["stages"].items():
            print(f"{stage:<28}{seconds:>10.2f}{rows / max(seconds, 1e-9):>14,.0f}")
        print(f"{'her2batch run (wall)':<28}{ours['seconds']:>10.2f}{rows / ours['seconds']:>14,.0f}"
              f"   peak {ours['peak_mb']:,.0f} MB")
        floor = r["io_floor"]
        print(f"{'I/O floor (wall)':<28}{floor['seconds']:>10.2f}{rows / floor['seconds']:>14,.0f}"
              f"   ratio her2batch / floor = {ours['seconds'] / floor['seconds']:.1f}x")
        if "naive" in r:
            naive = r["naive"]
            print(f"{'naive per-row script (wall)':<28}{naive['seconds']:>10.2f}{rows / naive['seconds']:>14,.0f}"
                  f"   her2batch is {naive['seconds'] / ours['seconds']:.1f}x faster")
    if len(results) > 1:
        small, large = results[0], results[-1]
        growth = large["her2batch"]["seconds"] / small["her2batch"]["seconds"]
        print(f"\ngrowth: {large['rows'] // small['rows']}x rows took {growth:.1f}x the time")


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    cli.add_argument("--naive-max", type=int, default=100_000, help="largest size to run the naive script on")
    args = cli.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    results = [bench_size(n, args.naive_max) for n in args.sizes]
    report(results)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nresults: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()

"""make bench: her2batch on generated exports against references, measured side by side in one run.

For each size (default 10,000, 100,000 and 1,000,000 rows; `make bench SIZES="... 5000000"` for
more) it runs `her2batch run` on a generated CSV export, the I/O floor (pandas read plus pyarrow CSV
write of the same file) and, up to --naive-max rows, the naive per-row script. With --xlsx-rows
(default 300,000) it also runs her2batch on a workbook of that many rows against python-calamine's
bare read of the same file.

Each command runs in its own process; wall time and peak memory (max RSS of that process) are
measured here (exports are generated in a child process: a forked child's peak starts from its
parent's size), the per-stage seconds come from her2batch's run.json. With --repeat N each command
runs N times and the range is reported (the machine is shared: report the range, not one number).
Results also go to bench/out/results.json. Benchmarks report; they never fail the test suite.

Usage: python -m bench.run [--sizes 10000 100000 1000000] [--repeat 1] [--naive-max 100000] [--xlsx-rows 300000]
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

OUT = Path(__file__).parent / "out"


def _generate(rows: int, export: Path) -> None:
    """In a child process: a forked child's peak memory starts from this process's size, so this
    process must never hold a generated export."""
    subprocess.run([sys.executable, "-m", "bench.generate", str(rows), str(export)], check=True)


def measure_once(command: list[str]) -> dict[str, float]:
    """Wall seconds, CPU seconds (user + system: steadier than wall on a shared machine) and peak
    RSS (MB) of one child process, which must succeed."""
    start = time.perf_counter()
    pid = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(pid.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(command)} failed: {pid.stderr.read().decode()[-2000:]}")
    return {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}


def measure(command: list[str], repeat: int) -> dict:
    """Best of ``repeat`` runs, with the range of the others."""
    runs = [measure_once(command) for _ in range(repeat)]
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "seconds_max": max(r["seconds"] for r in runs),
            "peak_mb_max": max(r["peak_mb"] for r in runs), "runs": len(runs)}


def her2batch(export: Path, outdir: Path, repeat: int) -> tuple[dict, dict]:
    python = sys.executable
    (outdir / "run.json").unlink(missing_ok=True)  # never report a previous run's stages
    ours = measure([python, "-m", "her2batch", "run", str(export), "-o", str(outdir), "-q"], repeat)
    return ours, json.loads((outdir / "run.json").read_text())["timings_seconds"]


def bench_size(rows: int, naive_max: int, repeat: int) -> dict:
    export = OUT / f"export_{rows}.csv"
    if not export.exists():
        print(f"generating {export} ...", flush=True)
        _generate(rows, export)
    result = {"rows": rows, "file_mb": export.stat().st_size / 1e6}
    print(f"{rows:,} rows ...", flush=True)
    result["her2batch"], result["stages"] = her2batch(export, OUT / f"run_{rows}", repeat)
    result["io_floor"] = measure([sys.executable, "-m", "bench.io_floor", str(export), str(OUT / "floor")], repeat)
    if rows <= naive_max:
        result["naive"] = measure([sys.executable, "-m", "bench.naive", str(export), str(OUT / "naive")], 1)
    return result


def bench_xlsx(rows: int, repeat: int) -> dict:
    export = OUT / f"export_{rows}.xlsx"
    if not export.exists():
        print(f"generating {export} (once; takes a while) ...", flush=True)
        _generate(rows, export)
    print(f"{rows:,} rows XLSX ...", flush=True)
    result = {"rows": rows, "file_mb": export.stat().st_size / 1e6}
    result["her2batch"], result["stages"] = her2batch(export, OUT / f"run_{rows}_xlsx", repeat)
    result["calamine"] = measure([sys.executable, "-m", "bench.calamine_read", str(export)], repeat)
    return result


def _span(m: dict, key: str = "seconds", unit: str = "") -> str:
    low, high = m[key], m.get(f"{key}_max", m[key])
    return f"{low:.2f}{unit}" if m.get("runs", 1) == 1 or high - low < 0.005 else f"{low:.2f}-{high:.2f}{unit}"


def report(results: list[dict], xlsx: dict | None) -> None:
    for r in results:
        rows, ours = r["rows"], r["her2batch"]
        print(f"\n== {rows:,} rows ({r['file_mb']:.0f} MB CSV) ==")
        print(f"{'stage':<28}{'seconds':>10}{'rows/s':>14}")
        for stage, seconds in r["stages"].items():
            print(f"{stage:<28}{seconds:>10.2f}{rows / max(seconds, 1e-9):>14,.0f}")
        print(f"{'her2batch run (wall)':<28}{_span(ours):>10}{rows / ours['seconds']:>14,.0f}"
              f"   peak {ours['peak_mb']:,.0f} MB, CPU {ours['cpu_seconds']:.2f} s")
        floor = r["io_floor"]
        print(f"{'I/O floor (wall)':<28}{_span(floor):>10}{rows / floor['seconds']:>14,.0f}"
              f"   peak {floor['peak_mb']:,.0f} MB, CPU {floor['cpu_seconds']:.2f} s; "
              f"her2batch / floor = {ours['seconds'] / floor['seconds']:.1f}x")
        if "naive" in r:
            naive = r["naive"]
            print(f"{'naive per-row script (wall)':<28}{naive['seconds']:>10.2f}{rows / naive['seconds']:>14,.0f}"
                  f"   her2batch is {naive['seconds'] / ours['seconds']:.1f}x faster")
    if xlsx:
        ours, bare = xlsx["her2batch"], xlsx["calamine"]
        print(f"\n== {xlsx['rows']:,} rows XLSX ({xlsx['file_mb']:.0f} MB) ==")
        print(f"{'her2batch run (wall)':<28}{_span(ours):>10}{xlsx['rows'] / ours['seconds']:>14,.0f}"
              f"   peak {ours['peak_mb']:,.0f} MB")
        print(f"{'calamine bare read (wall)':<28}{_span(bare):>10}{xlsx['rows'] / bare['seconds']:>14,.0f}"
              f"   peak {bare['peak_mb']:,.0f} MB; her2batch / calamine = {ours['seconds'] / bare['seconds']:.1f}x")
    print("\nsize curve (markdown):")
    print("| rows | CSV MB | her2batch s | rows/s | peak MB | I/O floor s | x floor | naive s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        ours, floor = r["her2batch"], r["io_floor"]
        naive = f"{r['naive']['seconds']:.1f}" if "naive" in r else ""
        print(f"| {r['rows']:,} | {r['file_mb']:.0f} | {_span(ours)} | {r['rows'] / ours['seconds']:,.0f} | "
              f"{_span(ours, 'peak_mb')} | {_span(floor)} | {ours['seconds'] / floor['seconds']:.1f} | {naive} |")


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    cli.add_argument("--naive-max", type=int, default=100_000, help="largest size to run the naive script on")
    cli.add_argument("--xlsx-rows", type=int, default=300_000, help="rows of the workbook input (0: none)")
    cli.add_argument("--repeat", type=int, default=1, help="runs of each command (the range is reported)")
    args = cli.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load {os.getloadavg()[0]:.1f}")
    results = [bench_size(n, args.naive_max, args.repeat) for n in args.sizes]
    xlsx = bench_xlsx(args.xlsx_rows, args.repeat) if args.xlsx_rows else None
    report(results, xlsx)
    (OUT / "results.json").write_text(json.dumps({"sizes": results, "xlsx": xlsx}, indent=2) + "\n")
    print(f"\nresults: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()

"""make bench: report-text extraction throughput on 100,000 generated reports.

Reports vary (values, templates, languages, variants), so most are distinct: the figure measures the
extractor itself, not the per-distinct cache. Run: python -m bench.narrative [--reports N] [--workers W]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from narrative_corpus import generated_reports

from her2batch.read.narrative import extract_series


def reports(count: int, seed: int = 7) -> list[str]:
    """``count`` reports: generated texts with case numbers and filler sentences, mostly distinct."""
    rng = random.Random(seed)
    base = [r["text"] for r in generated_reports(400, seed)]
    filler = ["Invasive ductal carcinoma, grade {g}.", "Specimen: core biopsy, {side} breast, {h} o'clock.",
              "Tumour size {s} mm.", "Margins clear by {m} mm.", ""]
    out = []
    for i in range(count):
        head = rng.choice(filler).format(g=rng.randint(1, 3), side=rng.choice(["left", "right"]),
                                         h=rng.randint(1, 12), s=rng.randint(3, 60), m=rng.randint(1, 15))
        out.append(f"Case S25-{i:06d}. {head}\n{rng.choice(base)}")
    return out


def _extract(chunk: list[str]) -> int:
    found = extract_series(pd.Series(chunk, dtype=object))
    return int((found["her2_ihc"] != "").sum())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    texts = reports(args.reports)
    distinct = len(set(texts))
    start, cpu = time.perf_counter(), time.process_time()
    read = _extract(texts)
    one, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"report text: {args.reports:,} reports ({distinct:,} distinct), HER2 IHC read in {read:,}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"  1 process : {one:6.2f} s  {args.reports / one:>10,.0f} reports/s"
          f"  (CPU {cpu:.2f} s: {args.reports / cpu:,.0f} reports per CPU-second)")
    if args.workers > 1:
        size = -(-len(texts) // args.workers)
        chunks = [texts[i:i + size] for i in range(0, len(texts), size)]
        start = time.perf_counter()
        with ProcessPoolExecutor(args.workers) as pool:
            sum(pool.map(_extract, chunks))
        many = time.perf_counter() - start
        print(f"  {args.workers} processes: {many:6.2f} s  {args.reports / many:>10,.0f} reports/s")


if __name__ == "__main__":
    main()

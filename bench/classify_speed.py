"""Classifier throughput on N parsed rows (default 1,000,000): parse once, then time classify.

Usage: python -m bench.classify_speed [N] [--rules NAME]
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from her2batch.decide.classify import classify
from her2batch.understand.fields import parse_fields

IHC = ["0", "1+", "2+", "3+", "Negative (1+)", "Equivocal (2+)", "0 (null)", "ultralow", "Negative", "1-2+", ""]
IHC_WEIGHTS = [0.2, 0.25, 0.2, 0.12, 0.05, 0.05, 0.04, 0.04, 0.02, 0.01, 0.02]


def parsed_rows(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ihc = rng.choice(IHC, size=n, p=IHC_WEIGHTS)
    has_ish = rng.random(n) < 0.3
    ratio = np.where(has_ish, np.round(rng.lognormal(0.4, 0.5, n), 2), np.nan)
    her2 = np.where(has_ish, np.round(rng.lognormal(1.4, 0.5, n), 1), np.nan)
    raw = pd.DataFrame(
        {
            "her2_ihc": ihc,
            "ish_ratio": pd.Series(ratio).map(lambda x: "" if np.isnan(x) else f"{x:.2f}"),
            "ish_her2_copies": pd.Series(her2).map(lambda x: "" if np.isnan(x) else f"{x:.1f}"),
            "ish_cells_counted": np.where(has_ish, "40", ""),
            "her2_ihc_percent": np.where(rng.random(n) < 0.3, rng.integers(0, 100, n).astype(str), ""),
        },
        dtype="string",
    )
    return parse_fields(raw)


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("n", nargs="?", type=int, default=1_000_000)
    cli.add_argument("--rules", default="asco-cap-2023")
    cli.add_argument("--repeat", type=int, default=3)
    args = cli.parse_args()
    start = time.perf_counter()
    parsed = parsed_rows(args.n)
    print(f"prepared {args.n:,} parsed rows in {time.perf_counter() - start:.2f} s")
    for explain in (False, True):
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            out = classify(parsed, args.rules, explain=explain)
            best = min(best, time.perf_counter() - start)
        assert len(out) == args.n
        what = "with explanations" if explain else "decision only (status, category, flags, reasons)"
        print(f"classify {args.rules}, {what}: best of {args.repeat}: {best:.3f} s = {args.n / best:,.0f} rows/s")
        if explain:
            print(f"  distinct explanations: {len(out['explanation'].cat.categories):,}")


if __name__ == "__main__":
    main()

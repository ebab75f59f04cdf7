"""Reference: the hand-written per-row pandas script a lab would write first.

Usage: python -m bench.naive INPUT OUTDIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd


def classify_row(row: pd.Series) -> pd.Series:
    ihc = str(row.get("HER2 IHC Score", "") or "")
    match = re.search(r"([0-3])\s*\+", ihc) or re.fullmatch(r"\s*([0-3])\s*", ihc)
    score = int(match.group(1)) if match else None
    try:
        ratio = float(str(row.get("HER2/CEP17 Ratio", "")).replace(",", "."))
    except ValueError:
        ratio = None
    if score == 3 or (ratio is not None and ratio >= 2.0):
        status, category = "positive", "HER2-positive"
    elif score == 2 and ratio is None:
        status, category = "equivocal", "HER2-equivocal"
    elif score in (1, 2):
        status, category = "negative", "HER2-low"
    elif score == 0:
        status, category = "negative", "HER2-0"
    else:
        status, category = "not_tested", "unknown"
    return pd.Series({"her2_status": status, "her2_category": category,
                      "explanation": f"IHC {ihc}; ratio {ratio}; {status}"})


def main() -> None:
    source, outdir = Path(sys.argv[1]), Path(sys.argv[2])
    outdir.mkdir(parents=True, exist_ok=True)
    cases = pd.read_csv(source, dtype=str, keep_default_na=False)
    cases = pd.concat([cases, cases.apply(classify_row, axis=1)], axis=1)
    cases.to_csv(outdir / "cases.csv", index=False)
    cases.to_excel(outdir / "her2_summary.xlsx", index=False, engine="openpyxl")


if __name__ == "__main__":
    main()

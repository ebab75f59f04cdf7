"""Seeded generator of realistic LIS exports for benchmarks: python -m bench.generate N PATH (.csv or .xlsx)

LIS-style headers, the messy value variants of her2-rules.md section 7, and about 1% bad rows
(blank accession, a ratio that is not a number, ER above 100, a negative ratio).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

HEADERS = ["Accession No.", "MRN", "Report Date", "Site", "Specimen Type", "HER2 IHC Score", "HER2 % stained",
           "HER2/CEP17 Ratio", "Avg HER2 Copy Number", "Avg CEP17 Copy Number", "Nuclei counted", "ISH Result",
           "ER %", "PR %", "Clone", "Pathologist", "Lab"]
IHC = {
    "0": 0.10, "Negative (0)": 0.04, "0 (null)": 0.03, "ultralow": 0.02, "0+": 0.01, "Score 0": 0.01,
    "1+": 0.16, "Negative (1+)": 0.06, "1+ (low)": 0.01, "2+": 0.12, "Equivocal (2+)": 0.06, "2+ equivocal": 0.01,
    "3+": 0.09, "Positive (3+)": 0.04, "3+ (90%)": 0.01, "+3": 0.01, "Negative": 0.04, "0-1+": 0.02,
    "1-2+": 0.02, "2-3+": 0.005, "++": 0.005, "Indeterminate": 0.01, "pending": 0.005, "see comment": 0.005,
    "2-Jan": 0.005, "": 0.09,
}
SITES = {"Breast": 0.9, "Breast, left": 0.04, "Stomach": 0.03, "GEJ": 0.01, "": 0.02}
SPECIMENS = ["Core biopsy", "Excision", "Mastectomy", "Metastasis", "Cytology"]
ISH_TEXT = {"": 0.8, "Amplified": 0.05, "Not amplified": 0.1, "Group 4": 0.02, "pending": 0.01, "Equivocal": 0.02}
CLONES = ["4B5", "4B5", "HercepTest", "CB11", "SP3"]
PATHOLOGISTS = [f"Dr {c}. {n}" for c, n in zip("ABCDEFGHIJ", ["Lefèvre", "Okafor", "Müller", "Tanaka", "Silva",
                                                              "Nowak", "Haddad", "Kim", "Rossi", "Patel"], strict=True)]
LABS = ["Main", "North", "South", "Satellite"]


def _choice(rng: np.random.Generator, weighted: dict[str, float], n: int) -> np.ndarray:
    keys = np.array(list(weighted), dtype=object)
    p = np.array(list(weighted.values()))
    return keys[rng.choice(len(keys), size=n, p=p / p.sum())]


def _fmt(values: np.ndarray, decimals: int, comma: np.ndarray) -> np.ndarray:
    """Numbers as labs write them, some with a decimal comma; NaN as blank."""
    text = pd.Series(values).round(decimals).map(lambda x: "" if np.isnan(x) else f"{x:.{decimals}f}").to_numpy(dtype=object)
    with_comma = pd.Series(text).str.replace(".", ",", regex=False).to_numpy(dtype=object)
    return np.where(comma, with_comma, text)


def frame(n: int, seed: int = 2026) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ihc = _choice(rng, IHC, n)
    equivocal = np.isin(ihc, ["2+", "Equivocal (2+)", "2+ equivocal", "1-2+", "2-3+"])
    has_ish = equivocal & (rng.random(n) < 0.85) | (rng.random(n) < 0.03)
    her2 = np.where(has_ish, np.round(rng.lognormal(1.45, 0.45, n), 1), np.nan)
    cep17 = np.where(has_ish, np.round(rng.normal(2.1, 0.4, n).clip(1.2, 4.5), 1), np.nan)
    ratio = np.round(her2 / cep17, 2)
    comma = rng.random(n) < 0.15
    percent = np.where(np.isin(ihc, ["0", "1+", "Score 0"]) & (rng.random(n) < 0.4), rng.integers(0, 40, n), -1)
    days = rng.integers(0, 3 * 365, n)
    dates = (np.datetime64("2022-01-01") + days).astype("datetime64[D]").astype(str)
    data = {
        "Accession No.": np.char.add("S", np.arange(1, n + 1).astype(str).astype(object).astype(str)).astype(object),
        "MRN": np.char.add("M", rng.integers(100000, 999999, n).astype(str)).astype(object),
        "Report Date": dates.astype(object),
        "Site": _choice(rng, SITES, n),
        "Specimen Type": np.array(SPECIMENS, dtype=object)[rng.integers(0, len(SPECIMENS), n)],
        "HER2 IHC Score": ihc,
        "HER2 % stained": np.where(percent >= 0, percent.astype(str), "").astype(object),
        "HER2/CEP17 Ratio": _fmt(ratio, 2, comma),
        "Avg HER2 Copy Number": _fmt(her2, 1, comma),
        "Avg CEP17 Copy Number": _fmt(cep17, 1, comma),
        "Nuclei counted": np.where(has_ish, rng.choice([20, 30, 40, 60, 15], n).astype(str), "").astype(object),
        "ISH Result": np.where(has_ish, _choice(rng, ISH_TEXT, n), ""),
        "ER %": rng.choice(["0", "<1", "5", "40", "80", "90", "95", "100", ""], n).astype(object),
        "PR %": rng.choice(["0", "1", "10", "30", "60", "90", ""], n).astype(object),
        "Clone": np.array(CLONES, dtype=object)[rng.integers(0, len(CLONES), n)],
        "Pathologist": np.array(PATHOLOGISTS, dtype=object)[rng.integers(0, len(PATHOLOGISTS), n)],
        "Lab": np.array(LABS, dtype=object)[rng.integers(0, len(LABS), n)],
    }
    table = pd.DataFrame(data, columns=HEADERS)
    bad = rng.random(n) < 0.01  # about 1% of rows cannot be cases
    kind = rng.integers(0, 4, n)
    table.loc[bad & (kind == 0), "Accession No."] = ""
    table.loc[bad & (kind == 1), "HER2/CEP17 Ratio"] = "abc"
    table.loc[bad & (kind == 2), "ER %"] = "150"
    table.loc[bad & (kind == 3), "HER2/CEP17 Ratio"] = "-1.2"
    return table


def write(n: int, path: Path, seed: int = 2026) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    frame(n, seed).to_csv(path, index=False, encoding="utf-8")
    return path


def write_xlsx(n: int, path: Path, seed: int = 2026) -> Path:
    """The same export as one workbook sheet (openpyxl write-only: memory stays flat)."""
    from openpyxl import Workbook

    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame(n, seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Export")
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False, name=None):  # bench data only, not the product's hot path
        sheet.append(list(row))
    workbook.save(path)
    return path


def main() -> None:
    cli = argparse.ArgumentParser(description=__doc__)
    cli.add_argument("n", type=int)
    cli.add_argument("path", type=Path)
    cli.add_argument("--seed", type=int, default=2026)
    args = cli.parse_args()
    if args.path.suffix.lower() == ".xlsx":
        write_xlsx(args.n, args.path, args.seed)
    else:
        write(args.n, args.path, args.seed)


if __name__ == "__main__":
    main()

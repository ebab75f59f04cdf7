"""The tables behind the Summary sheet: counts, and quality-control rates by group.

Labs watch the HER2-positive, HER2-low, IHC 0 and IHC 2+ rates for drift in staining and
scoring. A group's rate is marked when it lies outside the 99% range that a binomial count with
the run's overall rate allows for a group of that size.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from her2batch.classify import CATEGORIES, STATUS_NAMES

QC_ALPHA = 0.01
QC_MIN_GROUP = 20
QC_GROUPINGS = (("month", "report month"), ("lab", "lab"), ("antibody_clone", "antibody clone"),
                ("pathologist", "pathologist"))
QC_RATES = {  # categorical comparisons: no per-row text
    "% HER2-positive": lambda c: (c["her2_status"] == "positive").to_numpy(dtype=bool),
    "% HER2-low": lambda c: c["her2_low"].to_numpy(dtype=bool),
    "% IHC 0": lambda c: (c["ihc_score"] == "0").to_numpy(dtype=bool),
    "% IHC 2+": lambda c: (c["ihc_score"] == "2+").to_numpy(dtype=bool),
    "% review": lambda c: c["review_required"].to_numpy(dtype=bool),
}


def qc_indicators(cases: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per watched rate, computed once for every grouping."""
    return pd.DataFrame({name: rate(cases) for name, rate in QC_RATES.items()})


def counts(cases: pd.DataFrame, column: str, order: tuple[str, ...]) -> pd.DataFrame:
    """Every value in ``order`` with its count and share of cases (zeros kept)."""
    found = cases[column].value_counts()
    found.index = found.index.astype(str)
    table = pd.DataFrame({column: list(order)})
    table["cases"] = [int(found.get(v, 0)) for v in order]
    total = max(len(cases), 1)
    table["% of cases"] = table["cases"] / total * 100
    return table


def category_counts(cases: pd.DataFrame) -> pd.DataFrame:
    return counts(cases, "her2_category", CATEGORIES)


def status_counts(cases: pd.DataFrame) -> pd.DataFrame:
    return counts(cases, "her2_status", STATUS_NAMES)


def binomial_range(n: int, p: float, alpha: float = QC_ALPHA) -> tuple[int, int]:
    """Counts [lo, hi] holding at least 1 - alpha of Binomial(n, p), equal tails."""
    if p <= 0 or p >= 1 or n == 0:
        return (round(n * p), round(n * p))
    if n <= 2000:
        k = np.arange(n + 1)
        log_pmf = (
            np.array([math.lgamma(n + 1) - math.lgamma(i + 1) - math.lgamma(n - i + 1) for i in range(n + 1)])
            + k * math.log(p) + (n - k) * math.log1p(-p)
        )
        cdf = np.cumsum(np.exp(log_pmf))
        lo = int(np.searchsorted(cdf, alpha / 2))  # smallest k with P(X <= k) >= alpha/2
        sf_from = np.concatenate(([1.0], 1 - cdf[:-1]))  # P(X >= k)
        hi = int(np.flatnonzero(sf_from >= alpha / 2)[-1])
        return lo, hi
    z = 2.5758293035489  # two-sided 99%
    spread = z * math.sqrt(n * p * (1 - p))
    return math.floor(n * p - spread - 0.5), math.ceil(n * p + spread + 0.5)


def report_month(cases: pd.DataFrame) -> pd.Series:
    dates = cases["report_date"].astype("string").fillna("")
    month = dates.str.extract(r"^(\d{4}-\d{2})-\d{2}", expand=False)
    return month.fillna("")


def qc_table(cases: pd.DataFrame, by: str, indicators: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Rates per group of ``by`` (a canonical column or 'month'); None when the column says nothing."""
    groups = report_month(cases) if by == "month" else cases[by].astype("string").fillna("").str.strip()
    if not len(cases) or (groups == "").all():
        return None
    indicators = (qc_indicators(cases) if indicators is None else indicators).copy()
    indicators["group"] = groups.replace("", "(not stated)").to_numpy()
    grouped = indicators.groupby("group", sort=True)
    table = grouped.size().rename("cases").to_frame()
    sums = grouped.sum()
    overall = indicators[list(QC_RATES)].mean()
    flags = []
    for group, n in zip(table.index, table["cases"].tolist(), strict=True):  # per group, not per case
        marks = []
        for name in QC_RATES:
            lo, hi = binomial_range(n, float(overall[name]))
            k = int(sums.loc[group, name])
            if n >= QC_MIN_GROUP and (k < lo or k > hi):
                marks.append(f"{name.removeprefix('% ')} {'high' if k > hi else 'low'}")
        flags.append("; ".join(marks))
    for name in QC_RATES:
        table[name] = sums[name] / table["cases"] * 100
    table["outside 99% range"] = flags
    table = table.reset_index().rename(columns={"group": by})
    overall_row = {by: "(all cases)", "cases": len(cases), **{k: float(v) * 100 for k, v in overall.items()},
                   "outside 99% range": ""}
    return pd.concat([table, pd.DataFrame([overall_row])], ignore_index=True)

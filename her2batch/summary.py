"""The tables behind the Summary sheet: counts, and quality-control rates by group.

Labs watch the HER2-positive, HER2-low, IHC 0 and IHC 2+ rates for drift in staining and
scoring. A group's rate is marked when it lies outside the 99% range that a binomial count with
the run's overall rate allows for a group of that size.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from her2batch.decide.classify import CATEGORIES, STATUS_NAMES

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


EXACT_MAX = 2000  # exact binomial tails up to this many cases, a normal approximation above
# log(k!) for k = 0..EXACT_MAX, once: the binomial coefficients of every range as array arithmetic
_LOG_FACTORIAL = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, EXACT_MAX + 1, dtype=np.float64)))))


def binomial_range(n: int, p: float, alpha: float = QC_ALPHA) -> tuple[int, int]:
    """Counts [lo, hi] holding at least 1 - alpha of Binomial(n, p), equal tails."""
    if p <= 0 or p >= 1 or n == 0:
        return (round(n * p), round(n * p))
    if n <= EXACT_MAX:
        k = np.arange(n + 1)
        log_pmf = _LOG_FACTORIAL[n] - _LOG_FACTORIAL[k] - _LOG_FACTORIAL[n - k] + k * math.log(p) + (n - k) * math.log1p(-p)
        cdf = np.cumsum(np.exp(log_pmf))
        lo = int(np.searchsorted(cdf, alpha / 2))  # smallest k with P(X <= k) >= alpha/2
        sf_from = np.concatenate(([1.0], 1 - cdf[:-1]))  # P(X >= k)
        hi = int(np.flatnonzero(sf_from >= alpha / 2)[-1])
        return lo, hi
    z = 2.5758293035489  # two-sided 99%
    spread = z * math.sqrt(n * p * (1 - p))
    return math.floor(n * p - spread - 0.5), math.ceil(n * p + spread + 0.5)


def equals(column: pd.Series, value: str) -> np.ndarray:
    """Where ``column`` equals ``value`` (categories compare by code: no per-row text)."""
    return pd.Series(column == value).fillna(False).to_numpy(dtype=bool)


def distinct_text(values: pd.Series, reader=str.strip) -> pd.Series:
    """``reader`` applied to each distinct value once ('' for missing): categories in sorted order."""
    codes, uniques = pd.factorize(values)
    labels = [reader(str(u)) for u in uniques] + [""]
    categories = sorted(set(labels))
    position = {label: i for i, label in enumerate(categories)}
    lookup = np.array([position[label] for label in labels], dtype=np.int64)
    return pd.Series(pd.Categorical.from_codes(lookup[np.where(codes < 0, len(uniques), codes)], categories=categories),
                     index=values.index)


def not_stated(groups: pd.Series) -> pd.Series:
    """Blank group labels shown as '(not stated)'."""
    if "" in groups.cat.categories:
        return groups.cat.rename_categories({"": "(not stated)"})
    return groups


def _month(text: str) -> str:
    match = re.match(r"^(\d{4}-\d{2})-\d{2}", text)
    return match.group(1) if match else ""


def report_month(cases: pd.DataFrame) -> pd.Series:
    return distinct_text(cases["report_date"], _month)


def per_group(groups: pd.Series, flags: dict[str, np.ndarray]) -> tuple[list[str], np.ndarray, dict[str, np.ndarray]]:
    """The groups present (by name, as a group-by sorts them), their sizes and each flag's count
    in them: one count per (group, combination of flags) on the category codes, never on labels."""
    codes = groups.cat.codes.to_numpy().astype(np.int64)
    width, combinations = len(groups.cat.categories), 1 << len(flags)
    packed = np.zeros(len(codes), dtype=np.int64)
    for bit, flag in enumerate(flags.values()):
        packed |= flag.astype(np.int64) << bit
    table = np.bincount(codes * combinations + packed, minlength=width * combinations).reshape(width, combinations)
    sizes = table.sum(axis=1)
    present = np.flatnonzero(sizes)
    names = [str(groups.cat.categories[i]) for i in present]
    order = sorted(range(len(present)), key=names.__getitem__)
    chosen = present[order]
    counts = {name: table[chosen][:, [m for m in range(combinations) if m >> bit & 1]].sum(axis=1)
              for bit, name in enumerate(flags)}
    return [names[i] for i in order], sizes[chosen], counts


def qc_table(cases: pd.DataFrame, by: str, indicators: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Rates per group of ``by`` (a canonical column or 'month'); None when the column says nothing."""
    groups = report_month(cases) if by == "month" else distinct_text(cases[by])
    if not len(cases) or (groups == "").all():
        return None
    indicators = qc_indicators(cases) if indicators is None else indicators
    names, sizes, sums = per_group(not_stated(groups), {name: indicators[name].to_numpy(dtype=bool)
                                                        for name in QC_RATES})
    overall = indicators[list(QC_RATES)].mean()
    flags = []
    for at, n in enumerate(sizes.tolist()):  # per group, not per case
        marks = []
        for name in QC_RATES:
            lo, hi = binomial_range(n, float(overall[name]))
            k = int(sums[name][at])
            if n >= QC_MIN_GROUP and (k < lo or k > hi):
                marks.append(f"{name.removeprefix('% ')} {'high' if k > hi else 'low'}")
        flags.append("; ".join(marks))
    table = pd.DataFrame({by: names, "cases": sizes.astype(np.int64)})
    for name in QC_RATES:
        table[name] = sums[name].astype(np.int64) / table["cases"] * 100
    table["outside 99% range"] = flags
    overall_row = {by: "(all cases)", "cases": len(cases), **{k: float(v) * 100 for k, v in overall.items()},
                   "outside 99% range": ""}
    return pd.concat([table, pd.DataFrame([overall_row])], ignore_index=True)


# --- the morning's questions ------------------------------------------------------------------

def reason_counts(cases: pd.DataFrame) -> pd.DataFrame:
    """Cases per review reason code (a case with two reasons counts under both), most first."""
    from her2batch.decide.reasons import REASONS

    if not len(cases) or "review_reasons" not in cases:
        return pd.DataFrame({"reason": [], "cases": [], "priority": [], "title": []})
    found = cases["review_reasons"].value_counts()  # per distinct combination, then split
    found = found[(found.index.astype(str) != "") & (found > 0)]
    totals: dict[str, int] = {}
    for combination, n in found.items():
        for code in str(combination).split(";"):
            totals[code] = totals.get(code, 0) + int(n)
    rows = [(code, n, REASONS[code].priority if code in REASONS else 3,
             REASONS[code].title if code in REASONS else code) for code, n in totals.items()]
    table = pd.DataFrame(rows, columns=["reason", "cases", "priority", "title"])
    return table.sort_values(["priority", "cases", "reason"], ascending=[True, False, True]).reset_index(drop=True)


def priority_counts(cases: pd.DataFrame) -> dict[int, int]:
    """Cases for review by their most consequential reason's priority (1, 2, 3)."""
    from her2batch.decide.reasons import REASONS

    counts = {1: 0, 2: 0, 3: 0}
    if not len(cases) or "review_reasons" not in cases:
        return counts
    found = cases["review_reasons"].value_counts()
    for combination, n in found[(found.index.astype(str) != "") & (found > 0)].items():
        priority = min(REASONS[c].priority if c in REASONS else 3 for c in str(combination).split(";"))
        counts[priority] += int(n)
    return counts


def group_labels(cases: pd.DataFrame, by: str) -> pd.Series:
    if by == "month":
        return report_month(cases)
    if by not in cases:
        return pd.Series(pd.Categorical([""] * len(cases)), index=cases.index)
    return distinct_text(cases[by])


def range_mark(n: int, k: int, p: float) -> str:
    """'high', 'low' or 'no' against the binomial range; why not, for groups too small to tell."""
    if n < QC_MIN_GROUP:
        return f"not tested (< {QC_MIN_GROUP} cases)"
    lo, hi = binomial_range(n, p)
    return "high" if k > hi else "low" if k < lo else "no"


def boundary_table(cases: pd.DataFrame, by: str) -> pd.DataFrame | None:
    """Among cases scored 0 or 1+, the share scored 1+ per group, with the binomial mark.

    The 0 vs 1+ call is the least reproducible (Fernandez et al., JAMA Oncol 2022: <=70%
    concordance between pathologists on 19% of cases) and now decides HER2-low.
    """
    if not len(cases) or "ihc_score" not in cases:
        return None
    groups = group_labels(cases, by)
    if (groups == "").all():
        return None
    one = equals(cases["ihc_score"], "1+")
    scored = one | equals(cases["ihc_score"], "0")
    if not scored.any():
        return None
    names, sizes, sums = per_group(not_stated(groups).iloc[np.flatnonzero(scored)], {"one": one[scored]})
    table = pd.DataFrame({by: names, "scored 0 or 1+": sizes.astype(np.int64), "scored 1+": sums["one"].astype(np.int64)})
    overall = float(one.sum() / scored.sum())
    table["% 1+"] = table["scored 1+"] / table["scored 0 or 1+"] * 100
    table["outside 99% range"] = [range_mark(int(n), int(k), overall)  # per group, not per case
                                  for n, k in zip(table["scored 0 or 1+"], table["scored 1+"], strict=True)]
    total = {by: "(all cases)", "scored 0 or 1+": int(scored.sum()), "scored 1+": int(one.sum()),
             "% 1+": overall * 100, "outside 99% range": ""}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


TREND_RATES = ("% HER2-positive", "% HER2-low", "% IHC 0", "% IHC 2+")


def month_trends(cases: pd.DataFrame) -> pd.DataFrame | None:
    """Watched rates per report month (dated cases only), oldest first."""
    table = qc_table(cases, "month")
    if table is None:
        return None
    dated = ~table["month"].isin(["(not stated)", "(all cases)"])
    return table.loc[dated, ["month", "cases", *TREND_RATES]].reset_index(drop=True)


# Published rates, for orientation only: populations, methods and periods differ from a lab's own.
PUBLISHED_RATES = (
    ("HER2-low among HER2-negative", "65.5%", "US National Cancer Database",
     "Peiffer et al., JAMA Oncol 2023"),
    ("HER2-low among HER2-negative", "43.4%", "Asian centres", "Tan et al., BMC Med 2022"),
    ("HER2-low among HER2-negative", "46.3-71.8%", "Danish pathology departments",
     "Nielsen et al., Breast Cancer Res 2023"),
    ("HER2-positive", "7.6-31.6% (mean 16.7%)", "42 German laboratories",
     "Virchows Arch 2011, doi:10.1007/s00428-011-1132-8"),
)


def lab_rates(cases: pd.DataFrame) -> dict[str, float | None]:
    """The lab's own HER2-low share among HER2-negative cases and HER2-positive share among decided cases."""
    negative = equals(cases["her2_status"], "negative") if len(cases) else np.zeros(0, dtype=bool)
    positive = equals(cases["her2_status"], "positive") if len(cases) else np.zeros(0, dtype=bool)
    low = cases["her2_low"].to_numpy(dtype=bool) if len(cases) else np.zeros(0, dtype=bool)
    return {
        "HER2-low among HER2-negative": float(low[negative].mean()) if negative.any() else None,
        "HER2-positive": float(positive.sum() / (positive | negative).sum()) if (positive | negative).any() else None,
    }

"""The post-pipeline tables as they were first written (row-wise pandas group-bys, text per row),
before issue 13's performance round: the reference that the faster versions in her2batch must
equal value for value, dtype for dtype and row for row (tests/test_passes_reference.py).
"""


from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.codes import IhcKind
from her2batch.decide.reasons import REASONS
from her2batch.patients import HIGHEST_ORDER, LEVELS, SEQUENCE_ARROW, Patients, empty_table
from her2batch.reports.excel import REVIEW_VALUES
from her2batch.rescore import (
    NEGATIVE_NO_SCORE,
    RESCORE_COLUMNS,
    WHY,
    ZERO_NO_SUBTYPE,
    ZERO_OR_ONE,
    ZERO_PLUS,
    ZERO_TO_ONE,
)
from her2batch.rules import GASTROESOPHAGEAL
from her2batch.summary import (
    QC_MIN_GROUP,
    QC_RATES,
    binomial_range,
    distinct_text,
    equals,
    group_labels,
    not_stated,
    qc_indicators,
    range_mark,
    report_month,
)
from her2batch.understand.values import parse_ihc

# --- patients.py ------------------------------------------------------------------------------

def _text(cases: pd.DataFrame, name: str) -> pd.Series:
    if name not in cases:
        return pd.Series("", index=cases.index, dtype="string")
    column = cases[name]
    if not (pd.api.types.is_string_dtype(column.dtype) and column.dtype != object) or \
            isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("string")
    return column.fillna("").str.strip()


def _flag(cases: pd.DataFrame, name: str) -> np.ndarray:
    """A true/false column read whatever its dtype (bool, 'true'/'false' text or categories)."""
    if name not in cases:
        return np.zeros(len(cases), dtype=bool)
    column = cases[name]
    if pd.api.types.is_bool_dtype(column.dtype):
        return column.fillna(False).to_numpy(dtype=bool)
    code, label = _coded(cases, name)
    return np.array([str(v).lower() == "true" for v in label])[code]


def _coded(cases: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per row a code, and the stripped text of each code (the last one is ''): for columns with
    few distinct values, so that text work happens once per value, not once per case."""
    if name not in cases:
        return np.zeros(len(cases), dtype=np.int64), np.array([""], dtype=object)
    column = cases[name]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, uniques = column.cat.codes.to_numpy().astype(np.int64), column.cat.categories
    else:
        codes, uniques = pd.factorize(column)
    labels = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return np.where(codes < 0, len(labels) - 1, codes), labels


def roll_up(cases: pd.DataFrame) -> Patients:
    """The Patients table of ``cases`` (cases.csv columns; patient ids as they will be written)."""
    patient = _text(cases, "patient_id")
    named = (patient != "").to_numpy()
    without = int((~named).sum())
    if not named.any():
        return Patients(empty_table(), without)
    kept = cases.loc[named] if without else cases
    patient = patient[named]
    category_code, category_label = _coded(kept, "her2_category")
    rank_of = np.array([HIGHEST_ORDER.index(c) if c in HIGHEST_ORDER else len(HIGHEST_ORDER) - 1
                        for c in category_label])
    rank = rank_of[category_code]
    date_code, date_label = _coded(kept, "report_date")
    label_days = pd.to_datetime(pd.Series(date_label, dtype="string"), format="%Y-%m-%d", errors="coerce")
    missing = np.iinfo(np.int64).min
    label_day = np.where(label_days.isna(), missing,
                         label_days.to_numpy().astype("datetime64[D]").astype(np.int64))
    day = label_day[date_code]
    ids, names = pd.factorize(patient, sort=True)
    # by patient, then date (undated first), then the highest category last among one day's results
    day_rank = np.unique(day, return_inverse=True)[1].reshape(-1).astype(np.int64)
    key = (ids.astype(np.int64) * (int(day_rank.max(initial=0)) + 1) + day_rank) * 8 + (7 - rank)
    order = np.argsort(key, kind="stable")  # one integer key: much faster than a 4-key lexsort
    ids, rank, day = ids[order], rank[order], day[order]
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], len(ids)] - 1
    dated = day != missing

    first = np.minimum.reduceat(np.where(dated, day, np.iinfo(np.int64).max), starts)
    last = np.maximum.reduceat(day, starts)

    hr_code, hr_label = _coded(kept, "hr_positive")
    hr_text = np.array([str(v).lower() for v in hr_label], dtype=object)
    hr_true = np.maximum.reduceat((hr_text == "true")[hr_code][order].astype(np.int8), starts).astype(bool)
    hr_false = np.maximum.reduceat((hr_text == "false")[hr_code][order].astype(np.int8), starts).astype(bool)
    ever_hr = pd.array(np.where(hr_true, True, False), dtype="boolean")
    ever_hr[~hr_true & ~hr_false] = pd.NA

    categories = np.array(HIGHEST_ORDER, dtype=object)
    low_level = np.array([LEVELS.get(c, (-1, 9))[0] for c in HIGHEST_ORDER])[rank]
    high_level = np.array([LEVELS.get(c, (-1, 9))[1] for c in HIGHEST_ORDER])[rank]
    changed = np.maximum.reduceat(low_level, starts) > np.minimum.reduceat(high_level, starts)

    table = pd.DataFrame({
        "patient_id": pd.array(np.asarray(names, dtype=object), dtype="string"),
        "specimens": np.diff(np.r_[starts, len(ids)]),
        "first_report_date": _iso(first, np.iinfo(np.int64).max),
        "last_report_date": _iso(last, missing),
        "latest_category": categories[rank[ends]],
        "highest_category": categories[np.minimum.reduceat(rank, starts)],
        "ever_her2_low": np.logical_or.reduceat(_flag(kept, "her2_low")[order], starts),
        "ever_her2_ultralow": np.logical_or.reduceat(_flag(kept, "her2_ultralow")[order], starts),
        "ever_her2_positive": np.logical_or.reduceat(rank == 0, starts),
        "ever_hr_positive": ever_hr,
        "her2_changed": changed,
        "her2_sequence": _sequences(kept, order, rank, date_code[order], date_label, starts),
    })
    return Patients(table, without)


def _iso(days: np.ndarray, missing: int) -> pd.Series:
    """Day numbers as ISO dates, empty where ``missing``."""
    values = pd.Series(np.where(days == missing, 0, days).astype("datetime64[D]")).dt.strftime("%Y-%m-%d")
    return values.where(days != missing, "").astype("string")


def _sequences(kept: pd.DataFrame, order: np.ndarray, rank: np.ndarray, date_code: np.ndarray,
               date_label: np.ndarray, starts: np.ndarray) -> pd.Series:
    """'HER2-0 2024-03 breast core -> HER2-low 2026-02 liver' per patient, in date order.

    Each distinct (category, month, site, specimen) label is written once, then gathered.
    """
    site_code, site_label = _coded(kept, "tumor_site")
    specimen_code, specimen_label = _coded(kept, "specimen_type")
    site_code, specimen_code = site_code[order], specimen_code[order]
    key = ((rank * len(date_label) + date_code) * len(site_label) + site_code) * len(specimen_label) + specimen_code
    codes, uniques = pd.factorize(key)
    uniques = np.asarray(uniques)
    spec = uniques % len(specimen_label)
    rest = uniques // len(specimen_label)
    site = rest % len(site_label)
    rest //= len(site_label)
    date, category = rest % len(date_label), rest // len(date_label)
    labels = [
        " ".join(part for part in (HIGHEST_ORDER[c], str(date_label[d])[:7] or "(no date)",
                                   site_label[t], specimen_label[p]) if part)
        for c, d, t, p in zip(category, date, site, spec, strict=True)
    ]
    label = pa.array(labels, pa.string()).take(pa.array(codes))
    offsets = pa.array(np.r_[starts, len(order)].astype(np.int32))
    joined = pc.binary_join(pa.ListArray.from_arrays(offsets, label), SEQUENCE_ARROW)
    return pd.Series(joined.to_pandas(), dtype="string")


# --- rescore.py -------------------------------------------------------------------------------

def _is(column: pd.Series, value: str) -> np.ndarray:
    """Where ``column`` equals ``value`` (categories compared by code: no per-row text)."""
    return pd.Series(column == value).fillna(False).to_numpy(dtype=bool)


def why_codes(cases: pd.DataFrame, overrides: Mapping[str, str] | None = None) -> np.ndarray:
    """Per case 0 (not listed) or the WHY code; IHC text read once per distinct value."""
    n = len(cases)
    if not n or "her2_ihc" not in cases:
        return np.zeros(n, dtype=np.int8)
    reading = parse_ihc(cases["her2_ihc"], overrides)
    kind, mask = reading["ihc_kind"].to_numpy(), reading["ihc_mask"].to_numpy()
    negative = _is(cases["her2_status"], "negative")
    breast = ~_is(cases["rule_set"], GASTROESOPHAGEAL.name)
    zero_unknown = _is(cases["her2_category"], "HER2-0")
    codes = np.select(
        [kind == IhcKind.ZERO_PLUS, kind == IhcKind.NEGATIVE_UNSCORED,
         (kind == IhcKind.AMBIGUOUS) & (mask == ZERO_OR_ONE), (kind == IhcKind.SCORE) & zero_unknown],
        [ZERO_PLUS, NEGATIVE_NO_SCORE, ZERO_TO_ONE, ZERO_NO_SUBTYPE],
        default=0,
    )
    return np.where(negative & breast, codes, 0).astype(np.int8)


def _rescore_text(cases: pd.DataFrame, name: str) -> np.ndarray:
    if name not in cases:
        return np.full(len(cases), "", dtype=object)
    codes, uniques = pd.factorize(cases[name])  # text once per distinct value
    labels = np.array([str(u) for u in uniques] + [""], dtype=object)
    return labels[np.where(codes < 0, len(uniques), codes)]


def worklist(cases: pd.DataFrame, overrides: Mapping[str, str] | None = None,
             codes: np.ndarray | None = None) -> pd.DataFrame:
    """The listed cases, HR-positive first (then HR unknown, then HR-negative), most recent first."""
    codes = why_codes(cases, overrides) if codes is None else codes
    listed = np.flatnonzero(codes)
    subset = cases[[c for c in (*RESCORE_COLUMNS, "hr_positive") if c in cases]].iloc[listed]
    labels = np.array([""] + [WHY[k] for k in sorted(WHY)], dtype=object)
    hr = _rescore_text(subset, "hr_positive")
    table = pd.DataFrame({name: _rescore_text(subset, name) for name in RESCORE_COLUMNS[:-1]})
    table["why"] = labels[codes[listed]]
    table["hr_positive"] = pd.array(np.where(hr == "true", True, False), dtype="boolean")
    table.loc[(hr != "true") & (hr != "false"), "hr_positive"] = pd.NA
    hr_rank = np.select([hr == "true", hr == "false"], [0, 2], default=1)
    date_codes, date_labels = pd.factorize(table["report_date"])  # dates parsed once per distinct value
    label_days = pd.to_datetime(pd.Series([*date_labels, ""], dtype=object), format="%Y-%m-%d", errors="coerce")
    label_days = label_days.to_numpy().astype("datetime64[D]")
    day = label_days[np.where(date_codes < 0, len(date_labels), date_codes)]
    recency = np.where(np.isnat(day), np.iinfo(np.int64).max, -day.astype(np.int64))
    order = np.lexsort((table["case_id"].to_numpy(dtype=object), recency, hr_rank))
    return table.iloc[order].reset_index(drop=True)


# --- summary.py -------------------------------------------------------------------------------

def qc_table(cases: pd.DataFrame, by: str, indicators: pd.DataFrame | None = None) -> pd.DataFrame | None:
    """Rates per group of ``by`` (a canonical column or 'month'); None when the column says nothing."""
    groups = report_month(cases) if by == "month" else distinct_text(cases[by])
    if not len(cases) or (groups == "").all():
        return None
    indicators = (qc_indicators(cases) if indicators is None else indicators).copy()
    indicators["group"] = not_stated(groups).to_numpy()
    grouped = indicators.groupby("group", sort=True, observed=True)
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
    table[by] = table[by].astype(str)
    overall_row = {by: "(all cases)", "cases": len(cases), **{k: float(v) * 100 for k, v in overall.items()},
                   "outside 99% range": ""}
    return pd.concat([table, pd.DataFrame([overall_row])], ignore_index=True)


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
    chosen = np.flatnonzero(scored)
    frame = pd.DataFrame({"group": not_stated(groups).iloc[chosen].to_numpy(), "one": one[chosen]})
    grouped = frame.groupby("group", sort=True, observed=True)["one"]
    table = pd.DataFrame({"scored 0 or 1+": grouped.size(), "scored 1+": grouped.sum()})
    overall = float(one.sum() / scored.sum())
    table["% 1+"] = table["scored 1+"] / table["scored 0 or 1+"] * 100
    table["outside 99% range"] = [range_mark(int(n), int(k), overall)  # per group, not per case
                                  for n, k in zip(table["scored 0 or 1+"], table["scored 1+"], strict=True)]
    table = table.reset_index().rename(columns={"group": by})
    table[by] = table[by].astype(str)
    total = {by: "(all cases)", "scored 0 or 1+": int(scored.sum()), "scored 1+": int(one.sum()),
             "% 1+": overall * 100, "outside 99% range": ""}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


# --- reports/excel.py --------------------------------------------------------------------------

def _ranked(values: pd.Series, rank_of) -> np.ndarray:
    """``rank_of`` applied once per distinct value, spread over the rows."""
    codes, uniques = pd.factorize(values.astype(object) if isinstance(values.dtype, pd.CategoricalDtype) else values)
    ranks = np.array([rank_of(str(u)) for u in uniques] + [rank_of("")])
    return ranks[np.where(codes < 0, len(uniques), codes)]


def review_table(cases: pd.DataFrame, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Cases needing review, most consequential first, each reason in words beside its code; the
    first ``limit`` of them and how many there are. Only the rows shown are built."""
    review = cases.iloc[np.flatnonzero(cases["review_required"].to_numpy(dtype=bool))]
    blank = pd.Series("", index=review.index)  # a column dropped with --drop-columns
    status_rank = {"positive": 0, "equivocal": 1, "indeterminate": 2, "negative": 3, "not_tested": 4}

    def priority_of(code: str) -> int:
        return min((REASONS[r].priority for r in code.split(";") if r in REASONS), default=3)

    priority = _ranked(review["review_reasons"], priority_of)
    rank = _ranked(review["her2_status"], lambda s: status_rank.get(s, 5))
    files = pd.factorize(review.get("source_file", blank).astype(str), sort=True)[0]
    rows = pd.to_numeric(review.get("source_row", blank), errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((rows, files, rank, priority))[:limit]
    shown = review.iloc[order]
    codes = shown["review_reasons"].astype(str)
    distinct = pd.unique(codes)
    words = {c: " | ".join(f"{r}: {REASONS[r].title} - {REASONS[r].meaning}" if r in REASONS else r
                           for r in c.split(";")) for c in distinct}
    blank = pd.Series("", index=shown.index)
    table = pd.DataFrame({
        "case_id": shown.get("case_id", blank).to_numpy(),
        "priority": priority[order],
        "reasons in words": codes.map(words).to_numpy(),
        **{name: shown.get(name, blank).to_numpy() for name in REVIEW_VALUES},
        "her2_status": shown["her2_status"].astype(str).to_numpy(),
        "her2_category": shown["her2_category"].astype(str).to_numpy(),
        "review_reasons": codes.to_numpy(),
        "explanation": shown.get("explanation", blank).astype(str).to_numpy(),
        "source_file": shown.get("source_file", blank).astype(str).to_numpy(),
        "source_sheet": shown.get("source_sheet", blank).astype(str).to_numpy(),
        "source_row": shown.get("source_row", blank).to_numpy(),
    })
    return table, len(review)

"""The re-scoring worklist: negatives whose HER2-low or ultralow level is unknown and may now matter.

Since DESTINY-Breast06 and the FDA approval of January 2025, ultralow vs null decides treatment
of HR-positive metastatic breast cancer, and HER2-low has mattered since DESTINY-Breast04. Old
negatives written as "0" (no sub-type), "negative" (no score), "0+" (a lab's own shorthand not
set in the config) or "0-1+" cannot be placed and are listed for a pathologist to look at the
slide again (her2-rules.md section 1). A worklist, not a review reason: the call stands.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.codes import IhcKind
from her2batch.rules import GASTROESOPHAGEAL
from her2batch.understand.values import parse_ihc, score_mask

RESCORE_COLUMNS = ("case_id", "patient_id", "report_date", "pathologist", "specimen_type", "her2_ihc", "why")
EXTRA_RESCORE_COLUMNS = ("hr_positive",)  # why the row stands where it does
ZERO_NO_SUBTYPE, NEGATIVE_NO_SCORE, ZERO_PLUS, ZERO_TO_ONE = 1, 2, 3, 4
WHY = {
    ZERO_NO_SUBTYPE: "IHC 0 without sub-type: ultralow or null not recorded",
    NEGATIVE_NO_SCORE: "negative without an IHC score",
    ZERO_PLUS: "'0+' with no lab setting for it ([values.her2_ihc] in the config)",
    ZERO_TO_ONE: "'0-1+': between 0 and 1+",
}
ZERO_OR_ONE = score_mask(0, 1)


def _is(column: pd.Series, value: str) -> np.ndarray:
    """Where ``column`` equals ``value`` (categories compared by code: no per-row text)."""
    return pd.Series(column == value).fillna(False).to_numpy(dtype=bool)


def why_codes(cases: pd.DataFrame, overrides: Mapping[str, str] | None = None) -> np.ndarray:
    """Per case 0 (not listed) or the WHY code; IHC text read once per distinct value."""
    n = len(cases)
    if not n or "her2_ihc" not in cases:
        return np.zeros(n, dtype=np.int8)
    code, distinct = _distinct(cases["her2_ihc"])
    reading = parse_ihc(distinct, overrides)
    kind, mask = reading["ihc_kind"].to_numpy()[code], reading["ihc_mask"].to_numpy()[code]
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


def _distinct(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Per row a code into the column's distinct values (missing last, as None): the parser then
    reads a few hundred values, not a million rows."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        code, uniques = column.cat.codes.to_numpy(), column.cat.categories
    else:
        code, uniques = pd.factorize(column)
    distinct = pd.Series([*np.asarray(uniques, dtype=object), None], dtype=object)
    return np.where(code < 0, len(uniques), code), distinct


def _text(cases: pd.DataFrame, name: str) -> tuple[np.ndarray, np.ndarray]:
    """Per row a code, and the text of each code ('' for missing, the last): text once per distinct value."""
    if name not in cases:
        return np.zeros(len(cases), dtype=np.int64), np.array([""], dtype=object)
    codes, uniques = pd.factorize(cases[name])
    labels = [u if type(u) is str else str(u) for u in np.asarray(uniques, dtype=object)]
    return np.where(codes < 0, len(uniques), codes), np.array([*labels, ""], dtype=object)


def _column(codes: np.ndarray, labels: np.ndarray):
    """The texts as the column a frame of Python strings gets (str; object when empty), gathered
    in Arrow rather than made as one Python object per row."""
    if not len(codes):
        return np.array([], dtype=object)
    return pd.array(pa.array(labels, pa.large_string()).take(pa.array(codes)), dtype="str")


def worklist(cases: pd.DataFrame, overrides: Mapping[str, str] | None = None,
             codes: np.ndarray | None = None) -> pd.DataFrame:
    """The listed cases, HR-positive first (then HR unknown, then HR-negative), most recent first."""
    codes = why_codes(cases, overrides) if codes is None else codes
    listed = np.flatnonzero(codes)
    subset = cases[[c for c in (*RESCORE_COLUMNS, "hr_positive") if c in cases]].iloc[listed]
    labels = np.array([""] + [WHY[k] for k in sorted(WHY)], dtype=object)
    hr_code, hr_label = _text(subset, "hr_positive")
    hr = hr_label[hr_code]
    texts = {name: _text(subset, name) for name in RESCORE_COLUMNS[:-1]}
    table = pd.DataFrame({name: _column(*text) for name, text in texts.items()})
    table["why"] = _column(codes[listed].astype(np.int64), labels)
    table["hr_positive"] = pd.array(np.where(hr == "true", True, False), dtype="boolean")
    table.loc[(hr != "true") & (hr != "false"), "hr_positive"] = pd.NA
    hr_rank = np.select([hr == "true", hr == "false"], [0, 2], default=1)
    date_code, date_labels = texts["report_date"]  # dates parsed once per distinct value
    label_days = pd.to_datetime(pd.Series(date_labels, dtype=object), format="%Y-%m-%d", errors="coerce")
    day = label_days.to_numpy().astype("datetime64[D]")[date_code]
    recency = np.where(np.isnat(day), np.iinfo(np.int64).max, -day.astype(np.int64))
    order = np.lexsort((_text_rank(*texts["case_id"]), recency, hr_rank))
    return table.iloc[order].reset_index(drop=True)


def _text_rank(codes: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Per row the rank of its text in code-point order (as Python compares strings): the
    distinct texts are sorted in Arrow, and the rows then sort as integers."""
    order = pc.array_sort_indices(pa.array(labels, pa.large_string())).to_numpy()
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[codes]


def why_counts(table: pd.DataFrame) -> dict[str, int]:
    """Listed cases per reason, every reason shown (zeros kept)."""
    found = table["why"].value_counts() if len(table) else pd.Series(dtype=int)
    return {WHY[k]: int(found.get(WHY[k], 0)) for k in sorted(WHY)}

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


def _text(cases: pd.DataFrame, name: str) -> np.ndarray:
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
    hr = _text(subset, "hr_positive")
    table = pd.DataFrame({name: _text(subset, name) for name in RESCORE_COLUMNS[:-1]})
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


def why_counts(table: pd.DataFrame) -> dict[str, int]:
    """Listed cases per reason, every reason shown (zeros kept)."""
    found = table["why"].value_counts() if len(table) else pd.Series(dtype=int)
    return {WHY[k]: int(found.get(WHY[k], 0)) for k in sorted(WHY)}

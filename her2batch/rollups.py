"""The tables computed from a run's final cases (never inside the per-row stages): the patient
roll-up and the re-scoring worklist, over this run alone or, with a history, over every night.

Computed once per run, after --drop-columns and --pseudonymize were applied, so the ids they
show are those of every other output.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from her2batch.patients import Patients, roll_up
from her2batch.rescore import why_codes, worklist

# The columns a roll-up, the worklist and the quality tables read: what a history keeps of a case.
SPAN_COLUMNS = (
    "case_id", "patient_id", "report_date", "tumor_site", "specimen_type", "her2_ihc", "pathologist",
    "antibody_clone", "lab", "ihc_score", "ihc_zero_subtype", "her2_status", "her2_category", "her2_low",
    "her2_ultralow", "review_required", "review_reasons", "rule_set", "hr_positive",
)


@dataclass
class Rollups:
    patients: Patients
    rescore: pd.DataFrame
    span_cases: pd.DataFrame  # the cases the quality tables and trends describe
    history_cases: int = 0  # cases taken from the history (0 without one)
    amended: int = 0  # results in this run that replace a different earlier result


def span(current: pd.DataFrame, past: pd.DataFrame | None) -> pd.DataFrame:
    """This run's cases plus the history's current cases that this run does not repeat."""
    if past is None or not len(past):
        return current
    columns = [c for c in (*SPAN_COLUMNS, "rescore_why") if c in current or c in past]
    key = current["case_id"].astype("string").fillna("") if "case_id" in current else pd.Series(dtype="string")
    older = past.loc[~past["case_id"].astype("string").fillna("").isin(key).to_numpy()]
    mine = current.reindex(columns=[c for c in columns if c in current])
    return pd.concat([older.reindex(columns=columns), mine], ignore_index=True, sort=False)


def compute(result) -> Rollups:
    """The roll-ups of ``result`` (cached on it: the CSVs and the workbook share one computation)."""
    cached = getattr(result, "rollups", None)
    if cached is not None:
        return cached
    overrides = result.settings.values.get("her2_ihc")
    cases = result.cases
    past = getattr(result, "history_cases", None)
    if past is not None and len(past):
        codes = why_codes(cases, overrides)
        mine = cases.reindex(columns=[c for c in SPAN_COLUMNS if c in cases]).assign(rescore_why=codes)
        everything = span(mine, past)
        everything["rescore_why"] = everything["rescore_why"].fillna(0).to_numpy(dtype=np.int8)
        rollups = Rollups(roll_up(everything), worklist(everything, codes=everything["rescore_why"].to_numpy()),
                          everything, len(everything) - len(cases), getattr(result, "amended", 0))
    else:
        codes = (cases["rescore_why"].fillna(0).to_numpy(dtype=np.int8)  # a history report
                 if "rescore_why" in cases else None)
        rollups = Rollups(roll_up(cases), worklist(cases, overrides, codes), cases, amended=getattr(result, "amended", 0))
    result.rollups = rollups
    return rollups

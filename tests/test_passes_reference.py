"""The post-pipeline tables (patients, re-score worklist, QC and 0-vs-1+ tables, Review table)
equal the reference implementations they replaced, on generated cases of every dtype a run or a
history gives them: categories, Arrow text, Python objects, blanks and missing values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import reference_passes as reference
from hypothesis import given, settings
from hypothesis import strategies as st

from her2batch.codes import CATEGORY_NAMES, STATUS_NAMES
from her2batch.patients import roll_up
from her2batch.reports.excel import review_table
from her2batch.rescore import why_codes, worklist
from her2batch.summary import QC_GROUPINGS, boundary_table, qc_indicators, qc_table

VALUES = {
    "case_id": ["C1", "C2", "c1", "C10", "C9", "", " C3 ", "é1", None],
    "patient_id": ["A", "B", " b ", "a", "é", "Z9", "10", "9", "", "  ", None],
    "report_date": ["2024-01-01", "2024-06-30", "2025-02-03", "2024-1-5", "2023-12-31", "soon", "", None],
    "tumor_site": ["breast", "liver", "", None],
    "specimen_type": ["core", "excision", "", None],
    "her2_ihc": ["0", "0+", "Negative", "0-1+", "1+", "2+", "3+", "", None],
    "pathologist": ["Dr A", "Dr B", "dr a", "", None],
    "antibody_clone": ["4B5", "HercepTest", "", None],
    "lab": ["Main", "North", "", None],
    "ihc_score": ["0", "1+", "2+", "3+", None],
    "her2_status": list(STATUS_NAMES),
    "her2_category": list(CATEGORY_NAMES),
    "hr_positive": ["true", "false", None],
    "rule_set": ["asco-cap-2023", "cap-ascp-asco-2016-gea"],
    "review_reasons": ["", "ish_needed", "discordant_ihc_ish;ish_needed", "not_a_code"],
    "explanation": ["IHC 2+ -> ISH needed", "IHC 0 -> HER2-0", "", "ratio 2.3"],
    "ish_result": ["amplified", "not amplified", "", None],
    "source_file": ["a.csv", "b.csv"],
    "source_sheet": ["", "Sheet1"],
}
NUMBERS = ("her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies")


@st.composite
def case_frames(draw):
    n = draw(st.integers(0, 40))
    kind = draw(st.sampled_from(["category", "string", "object"]))  # a run's text, a history's, a caller's
    data = {}
    for name, values in VALUES.items():
        column = draw(st.lists(st.sampled_from(values), min_size=n, max_size=n))
        if kind == "category" or name in ("ihc_score", "her2_status", "her2_category"):
            data[name] = pd.Series(column, dtype="category")
        else:
            data[name] = pd.Series(column, dtype=kind)
    for name in ("her2_low", "her2_ultralow", "review_required"):
        data[name] = pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    for name in NUMBERS:
        data[name] = pd.Series(draw(st.lists(st.sampled_from([np.nan, 0.0, 2.5, 40.0, 0.1]), min_size=n, max_size=n)),
                               dtype=float)
    data["source_row"] = pd.Series(draw(st.permutations(range(2, n + 2))), dtype=np.int64)
    frame = pd.DataFrame(data)
    dropped = draw(st.sets(st.sampled_from(["tumor_site", "specimen_type", "hr_positive", "lab", "explanation"])))
    return frame.drop(columns=sorted(dropped))  # --drop-columns, or an older history


def same(new: pd.DataFrame | None, old: pd.DataFrame | None) -> None:
    if old is None:
        assert new is None
        return
    pd.testing.assert_frame_equal(new, old, check_exact=True)


@settings(max_examples=150, deadline=None)
@given(case_frames())
def test_patients_equal_the_reference(cases):
    new, old = roll_up(cases), reference.roll_up(cases)
    same(new.table, old.table)
    assert new.cases_without_patient_id == old.cases_without_patient_id


@settings(max_examples=150, deadline=None)
@given(case_frames(), st.sampled_from([None, {"0+": "ultralow"}]))
def test_rescore_equals_the_reference(cases, overrides):
    assert np.array_equal(why_codes(cases, overrides), reference.why_codes(cases, overrides))
    assert why_codes(cases, overrides).dtype == reference.why_codes(cases, overrides).dtype
    same(worklist(cases, overrides), reference.worklist(cases, overrides))


@settings(max_examples=150, deadline=None)
@given(case_frames())
def test_quality_tables_equal_the_reference(cases):
    indicators = qc_indicators(cases) if len(cases) else None
    for column, _ in QC_GROUPINGS:
        if column == "month" or column in cases:
            same(qc_table(cases, column, indicators), reference.qc_table(cases, column, indicators))
    for column in ("pathologist", "antibody_clone", "month"):
        same(boundary_table(cases, column), reference.boundary_table(cases, column))


@settings(max_examples=150, deadline=None)
@given(case_frames(), st.sampled_from([None, 3]))
def test_review_table_equals_the_reference(cases, limit):
    new, old = review_table(cases, limit), reference.review_table(cases, limit)
    same(new[0], old[0])
    assert new[1] == old[1]

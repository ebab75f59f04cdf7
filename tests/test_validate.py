"""reject_reasons: pandera decides only on the rows a numpy pass could not clear; the reasons must
be those of validating every row (``_suspects`` returning None validates the whole frame)."""

from __future__ import annotations

from unittest import mock

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from her2batch import validate
from her2batch.understand.fields import NUMBER_COLUMNS, parse_fields

CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "0", "1", "-1", "0.5", "2.2", "99.9", "100", "100.5", "1e3", "abc", "<1", ">10",
                     "1,000", "1000000", "1000001", "12.5", "3 cells", "nan", "inf", "-0", "10%", "xx"]),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=6),
)


def _reasons(raw: pd.DataFrame, whole: bool) -> pd.Series:
    if not whole:
        return validate.reject_reasons(raw, parse_fields(raw))
    with mock.patch.object(validate, "_suspects", lambda frame: None):
        return validate.reject_reasons(raw, parse_fields(raw))


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(*[CELLS] * (1 + len(NUMBER_COLUMNS))), min_size=1, max_size=40))
def test_subset_validation_gives_the_reasons_of_validating_every_row(rows):
    raw = pd.DataFrame(rows, columns=["case_id", *NUMBER_COLUMNS]).astype("string")
    raw.index = raw.index * 3 + 7  # labels that are not positions
    subset, whole = _reasons(raw, False), _reasons(raw, True)
    assert subset.equals(whole)


def test_suspects_cover_every_failing_row():
    raw = pd.DataFrame({"case_id": ["a", None, " ", "b", "c"], "ish_cells_counted": ["20", "20", "1", "2.5", "0"],
                        "er_percent": ["101", "5", "5", "5", "5"]}, dtype="string")
    reasons = validate.reject_reasons(raw, parse_fields(raw))
    assert reasons.tolist() == ["er_percent: above 100 ('101')", "case_id: blank", "case_id: blank",
                                "ish_cells_counted: not a whole number ('2.5')", "ish_cells_counted: below 1 ('0')"]


def test_a_column_of_the_wrong_type_still_fails_the_file():
    raw = pd.DataFrame({"case_id": ["a", "b"], "er_percent": ["5", "6"]}, dtype="string")
    parsed = parse_fields(raw)
    parsed["er_percent"] = parsed["er_percent"].astype(object)
    with pytest.raises(validate.FileProblem):
        validate.reject_reasons(raw, parsed)


def test_many_failing_rows_give_the_reasons_of_validating_every_row():
    rng = np.random.default_rng(13)
    pool = np.array([None, "", " ", "0", "1", "-1", "2.2", "100", "100.5", "1e3", "abc", "<1", "1,000", "1000001",
                     "12.5", "nan", "inf", "S1", "S2"], dtype=object)
    raw = pd.DataFrame({name: pool[rng.integers(0, len(pool), 3000)] for name in ["case_id", *NUMBER_COLUMNS]},
                       dtype="string")
    subset, whole = _reasons(raw, False), _reasons(raw, True)
    assert (subset != "").sum() > 1000 and subset.str.contains("; ").any()
    assert subset.equals(whole)


def test_a_check_that_cannot_run_is_reported_as_pandera_reports_it():
    raw = pd.DataFrame({"case_id": [1, 2]})  # numbers, no text: the 'present' check cannot run
    parsed = parse_fields(pd.DataFrame({"case_id": ["1", "2"]}, dtype="string"))
    with pytest.raises(validate.FileProblem) as fast, mock.patch.object(validate, "_TYPES_PASSED", set()):
        validate.reject_reasons(raw, parsed)
    with pytest.raises(validate.FileProblem) as whole, mock.patch.object(validate, "_suspects", lambda frame: None):
        validate.reject_reasons(raw, parsed)
    assert str(fast.value) == str(whole.value)

"""Properties of the classifier over open-ended inputs (hypothesis)."""

from __future__ import annotations

import pandas as pd
from conftest import classify_inputs
from hypothesis import given, settings
from hypothesis import strategies as st

from her2batch.decide.classify import ANNOTATION_COLUMNS, CATEGORIES
from her2batch.decide.reasons import REASONS
from her2batch.rules import BREAST_RULE_SETS

IHC_VALUES = ["0", "1+", "2+", "3+", "", "Negative", "Positive", "0-1+", "1-2+", "2-3+", "0+", "ultralow",
              "0 (null)", "pending", "Indeterminate", "2-Jan", "++", "weak", "banana"]
NUMBER = st.one_of(
    st.just(""),
    st.floats(min_value=0.1, max_value=20, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.sampled_from(["1.99", "2.0", "4.0", "6.0", ">=2.0", "2,1"]),
)
ROW = st.fixed_dictionaries(
    {
        "her2_ihc": st.sampled_from(IHC_VALUES),
        "her2_ihc_percent": st.one_of(st.just(""), st.integers(0, 100).map(str)),
        "ish_ratio": NUMBER,
        "ish_her2_copies": NUMBER,
        "ish_cep17_copies": NUMBER,
        "ish_cells_counted": st.sampled_from(["", "10", "19", "20", "60"]),
        "ish_result": st.sampled_from(["", "Amplified", "Not amplified", "Group 4", "equivocal", "failed", "?"]),
        "ish_probe": st.sampled_from(["", "dual", "single"]),
        "tumor_site": st.sampled_from(["", "breast", "stomach", "lung"]),
    }
)
ROWS = st.lists(ROW, min_size=1, max_size=40)
RULE_SET = st.sampled_from(list(BREAST_RULE_SETS))


@settings(max_examples=60, deadline=None)
@given(ROWS, RULE_SET)
def test_invariants(rows, rule_set):
    out = classify_inputs(rows, rule_set)
    assert list(out.columns[: len(ANNOTATION_COLUMNS)]) == list(ANNOTATION_COLUMNS)
    assert len(out) == len(rows)
    # her2_low implies a negative status; HER2-positive iff positive
    assert (out.loc[out["her2_low"], "her2_status"] == "negative").all()
    assert (out.loc[out["her2_ultralow"], "her2_status"] == "negative").all()
    assert ((out["her2_category"] == "HER2-positive") == (out["her2_status"] == "positive")).all()
    assert set(out["her2_category"].astype(str)) <= set(CATEGORIES)
    # every emitted reason is registered; review_required iff there is a reason
    for reasons in out["review_reasons"].astype(str):
        assert all(code in REASONS for code in filter(None, reasons.split(";")))
    assert (out["review_required"] == (out["review_reasons"].astype(str) != "")).all()
    assert out["explanation"].astype(str).str.endswith(".").all()


@settings(max_examples=40, deadline=None)
@given(ROWS, RULE_SET, st.randoms(use_true_random=False), st.integers(1, 7))
def test_order_and_chunks_do_not_matter(rows, rule_set, rnd, chunk):
    whole = classify_inputs(rows, rule_set).astype(str).reset_index(drop=True)
    order = list(range(len(rows)))
    rnd.shuffle(order)
    shuffled = classify_inputs([rows[i] for i in order], rule_set).astype(str).reset_index(drop=True)
    pd.testing.assert_frame_equal(shuffled, whole.iloc[order].reset_index(drop=True))
    parts = [classify_inputs(rows[i : i + chunk], rule_set).astype(str) for i in range(0, len(rows), chunk)]
    pd.testing.assert_frame_equal(pd.concat(parts).reset_index(drop=True), whole)


def test_empty_frame():
    out = classify_inputs([], "asco-cap-2023")
    assert len(out) == 0


def test_hr_positive_uses_bounds_and_never_guesses():
    rows = [{"er_percent": "<1", "pr_percent": "<1%"}, {"er_percent": "0", "pr_percent": ""},
            {"er_percent": ">90", "pr_percent": ""}, {"er_percent": "0", "pr_percent": "5"},
            {"er_percent": "<5", "pr_percent": "0"}, {"er_percent": "1", "pr_percent": "0"}]
    out = classify_inputs(rows)["hr_positive"].astype(object).where(lambda s: s.notna(), "")
    assert list(out) == ["false", "", "true", "true", "", "true"]

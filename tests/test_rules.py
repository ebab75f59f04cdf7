"""Golden guideline cases (tests/cases/*.yaml), parametrised into pytest."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml
from conftest import CASES, classify_inputs

from her2batch.decide.reasons import REASONS


def _matrix_cases():
    spec = yaml.safe_load((CASES / "guideline_table.yaml").read_text())
    for matrix in spec["matrices"]:
        for rule_set in matrix["rule_sets"]:
            for ish_name, ish_inputs in matrix["ish"].items():
                for column, ihc in matrix["ihc"].items():
                    inputs = {**matrix.get("common", {}), **ish_inputs, "her2_ihc": ihc}
                    expect = matrix["expect"][ish_name][column]
                    yield pytest.param(rule_set, inputs, expect, {}, id=f"{rule_set}|{ish_name}|IHC {column}")


def _single_cases():
    spec = yaml.safe_load((CASES / "guideline_cases.yaml").read_text())
    for case in spec["cases"]:
        checks = {k: case[k] for k in ("group", "score", "subtype") if k in case}
        for rule_set in case.get("rules", ["asco-cap-2023"]):
            yield pytest.param(rule_set, case["input"], case["expect"], checks, id=f"{rule_set}|{case['id']}")


ALL_CASES = [*_matrix_cases(), *_single_cases()]
COLUMN_OF_CHECK = {"group": "ish_group", "score": "ihc_score", "subtype": "ihc_zero_subtype"}


@pytest.mark.parametrize(("rule_set", "inputs", "expect", "checks"), ALL_CASES)
def test_guideline_case(rule_set, inputs, expect, checks):
    status, category, *reasons = expect.split()
    row = classify_inputs([inputs], rule_set).iloc[0]
    got_reasons = sorted(filter(None, str(row["review_reasons"]).split(";")))
    assert (row["her2_status"], row["her2_category"], got_reasons) == (status, category, sorted(reasons))
    assert row["review_required"] == bool(reasons)
    assert row["her2_low"] == (category == "HER2-low")
    assert row["her2_ultralow"] == (category == "HER2-ultralow")
    for check, expected in checks.items():
        value = row[COLUMN_OF_CHECK[check]]
        assert ("" if pd.isna(value) else value) == expected


def test_every_review_reason_has_a_golden_case():
    """Duplicates are decided across rows (pipeline tests); registry items in test_registry; report
    text reasons in test_narrative; a test given twice in a one-row-per-test export in test_layouts; a
    value in an unmapped HER2 column and a site named in another column in test_pipeline; staining
    columns that describe another score in test_layouts."""
    used = {r for case in ALL_CASES for r in case.values[2].split()[2:]}
    missing = set(REASONS) - used - {"duplicate_case_id", "duplicate_conflict", "registry_summary_conflict",
                                     "report_text_conflict", "report_text_unreadable", "report_text_disagrees",
                                     "report_text_in_situ", "repeated_test_conflict", "her2_value_not_read",
                                     "site_in_other_column", "ihc_staining_disagrees"}
    assert not missing


def test_every_category_has_a_golden_case():
    from her2batch.decide.classify import CATEGORIES

    used = {case.values[2].split()[1] for case in ALL_CASES}
    assert set(CATEGORIES) <= used


def test_issue_example_names_the_rule():
    row = classify_inputs(
        [{"her2_ihc": "Equivocal (2+)", "ish_ratio": "1.6", "ish_her2_copies": "4.8",
          "ish_cep17_copies": "3.0", "ish_cells_counted": "40"}]
    ).iloc[0]
    assert row["explanation"].startswith(
        "IHC 2+; dual-probe ISH ratio 1.60, 4.80 HER2 signals/cell = ASCO/CAP group 4"
    )
    assert "with IHC 2+ the call is negative after a blinded recount" in row["explanation"]
    assert "HER2-low (IHC 2+, ISH negative)" in row["explanation"]


def test_2018_has_no_2023_comment_but_same_calls():
    inputs = [{"her2_ihc": "1+"}, {"her2_ihc": "2+", "ish_ratio": "1.2", "ish_her2_copies": "2"}]
    new, old = classify_inputs(inputs, "asco-cap-2023"), classify_inputs(inputs, "asco-cap-2018")
    assert list(new["her2_category"]) == list(old["her2_category"]) == ["HER2-low", "HER2-low"]
    assert all("trastuzumab deruxtecan" in e for e in new["explanation"])
    assert not any("trastuzumab deruxtecan" in e for e in old["explanation"])

"""NAACCR breast HER2 items 3850-3855 (her2-rules.md section 7, "Registry codes")."""

from __future__ import annotations

import pandas as pd
import pytest

from her2batch.config import Settings
from her2batch.pipeline import run

HEADER = ("Tumor Record ID,HER2 IHC Summary,HER2 ISH Dual Probe Copy Number,HER2 ISH Dual Probe Ratio,"
          "HER2 ISH Single Probe Copy Number,HER2 ISH Summary,HER2 Overall Summary\n")


def run_rows(tmp_path, rows: list[str], header: str = HEADER) -> pd.DataFrame:
    export = tmp_path / "registry.csv"
    export.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    result = run([export], Settings())
    assert not result.failed
    return result.cases.set_index("case_id")


@pytest.mark.parametrize(
    ("row", "status", "category", "reasons"),
    [
        ("R1,0,,,,,0", "negative", "HER2-0", ""),
        ("R1,1,,,,,0", "negative", "HER2-low", ""),  # 3850 code 1 is IHC 1+ ...
        ("R1,3,,,,,1", "positive", "HER2-positive", ""),
        ("R1,4,,,,,0", "negative", "HER2-negative", "ihc_score_unknown"),  # negative, score not stated
        ("R1,2,4.8,1.6,,0,0", "negative", "HER2-low", "confirm_blinded_recount"),  # group 4
        ("R1,2,,,,3,1", "positive", "HER2-positive", ""),  # ISH summary 3: amplified
        ("R1,2,,,,2,0", "equivocal", "HER2-equivocal", "ish_equivocal"),
        ("R1,2,,,7.0,,1", "positive", "HER2-positive", ""),  # single probe >= 6.0
        ("R1,2,,,5.1,,0", "equivocal", "HER2-equivocal", "dual_probe_needed"),
        ("R1,2,,XX.3,,,", "equivocal", "HER2-equivocal", "ish_not_usable;value_range_only"),  # a bound alone
        ("R1,2,XX.1,2.5,,,", "equivocal", "HER2-equivocal", "ish_not_usable;ish_incomplete;value_range_only"),
        ("R1,7,,,,,", "not_tested", "unknown", "result_pending"),  # ordered, not in chart
        ("R1,9,,,,,", "not_tested", "unknown", ""),
        ("R1,3,,,,,0", "positive", "HER2-positive", "registry_summary_conflict"),  # ... but 1 is positive in 3855
        ("R1,1,,,,,1", "negative", "HER2-low", "registry_summary_conflict"),
    ],
)
def test_registry_items(tmp_path, row, status, category, reasons):
    case = run_rows(tmp_path, [row]).loc["R1"]
    assert (case["her2_status"], case["her2_category"], case["review_reasons"]) == (status, category, reasons)


def test_registry_truncation_is_compared_as_reported(tmp_path):
    """A registry codes 1.99 as 1.9: still below 2.0, compared unrounded."""
    case = run_rows(tmp_path, ["R1,2,4.5,1.9,,,"]).loc["R1"]
    assert case["ish_group"] == "4"


def test_lab_columns_win_and_bare_codes_are_not_guessed(tmp_path):
    header = "Case ID,HER2 IHC,HER2 IHC Summary,Result\n"
    cases = run_rows(tmp_path, ["A,3+,1,1"], header)
    assert cases.loc["A", "her2_ihc"] == "3+"  # the lab's own IHC beats the registry item
    assert cases.loc["A", "Result"] == "1"  # an unnamed bare code is not read as anything


def test_item_numbers_as_headers(tmp_path):
    cases = run_rows(tmp_path, ["R9,2,,,,0,0"], "Case ID,3850,3851,3852,3853,3854,3855\n")
    assert cases.loc["R9", "her2_category"] == "HER2-low"

"""The explanation sentence and `her2batch explain`: what was read, which rule set's thresholds, why not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import classify_inputs

from her2batch.cli import main
from her2batch.codes import NumberKind
from her2batch.config import Settings
from her2batch.decide.classify import classify
from her2batch.pipeline import run
from her2batch.understand.fields import parse_fields


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


# --- explain refuses exactly what run rejects, with run's words ---------------------------------
REFUSED = [
    ("--ratio", "ish_ratio", "0"),
    ("--ratio", "ish_ratio", "-1.5"),
    ("--ratio", "ish_ratio", "abc"),
    ("--ratio", "ish_ratio", "inf"),
    ("--her2-copies", "ish_her2_copies", "nan"),
    ("--cep17-copies", "ish_cep17_copies", "0"),
    ("--ihc-percent", "her2_ihc_percent", "150"),
    ("--ihc-percent", "her2_ihc_percent", "-5"),
    ("--cells", "ish_cells_counted", "20.5"),
    ("--cells", "ish_cells_counted", "0"),
]


@pytest.mark.parametrize(("option", "column", "value"), REFUSED)
def test_explain_refuses_what_run_rejects_with_the_same_reason(tmp_path, option, column, value):
    export = tmp_path / "one.csv"
    export.write_text(f"case_id,her2_ihc,{column}\nC1,2+,{value}\n", encoding="utf-8")
    rejects = run([export], Settings()).rejects
    assert len(rejects) == 1
    reason = rejects["reasons"].iloc[0]

    result = invoke("explain", "--ihc", "2+", option, value)
    assert result.exit_code == 2
    assert reason in result.output
    assert "Decision" not in result.output


@pytest.mark.parametrize(
    ("option", "value"),
    [("--ratio", "2,1"), ("--ratio", ">=2.0"), ("--ihc-percent", "10%"), ("--cells", "20"), ("--ratio", "pending")],
)
def test_explain_accepts_what_run_accepts(option, value):
    result = invoke("explain", "--ihc", "2+", option, value)
    assert result.exit_code == 0, result.output
    assert "Decision:" in result.output


# --- the thresholds printed are the applied rule set's ------------------------------------------
@pytest.mark.parametrize(
    ("args", "printed", "not_printed"),
    [
        (["--ratio", "2.0", "--her2-copies", "5"], "thresholds: ratio 2.0, HER2 4.0 and 6.0", "1.8"),
        (["--ratio", "2.0", "--her2-copies", "5", "--rules", "asco-cap-2013"], "thresholds: ratio 2.0, HER2 4.0 and 6.0",
         "1.8"),
        (["--ratio", "2.0", "--rules", "asco-cap-2007"], "thresholds: ratio 1.8 and 2.2 (HER2 signals/cell not used)",
         "ratio 2.0,"),
        (["--her2-copies", "5", "--probe", "single", "--rules", "asco-cap-2007"],
         "thresholds: HER2 4.0 and 6.0 signals/cell", "ratio 2.0"),
        (["--ratio", "2.1", "--site", "stomach"], "thresholds: ratio 2.0 (HER2 signals/cell not used)", "HER2 4.0"),
        (["--ratio", "2.1", "--site", "stomach", "--rules", "asco-cap-2007"],
         "thresholds: ratio 2.0 (HER2 signals/cell not used)", "1.8"),
    ],
)
def test_explain_prints_the_applied_thresholds(args, printed, not_printed):
    result = invoke("explain", "--ihc", "2+", *args)
    assert result.exit_code == 0, result.output
    ish_step = next(line for line in result.output.splitlines() if "ISH:" in line)
    assert printed in ish_step
    assert not_printed not in ish_step


def test_explain_2007_says_3_plus_needs_more_than_30_percent():
    result = invoke("explain", "--ihc", "3+", "--ihc-percent", "25", "--rules", "asco-cap-2007")
    assert "IHC 3+ needs >30% under ASCO/CAP 2007" in result.output
    assert "Decision: equivocal" in result.output
    default = invoke("explain", "--ihc", "3+", "--ihc-percent", "25")
    assert "IHC 3+ needs >10% under ASCO/CAP 2023" in default.output
    assert "Decision: positive" in default.output


# --- "ISH reported but not usable: <why>", never "ISH pending" ----------------------------------
NOT_USABLE = [
    ({"her2_ihc": "2+", "ish_ratio": ">=2.0"}, "asco-cap-2023", "an ISH number was written as a bound"),
    ({"her2_ihc": "2+", "ish_ratio": "2.5"}, "asco-cap-2023", "a ratio without the HER2 copy number"),
    ({"her2_ihc": "2+", "ish_ratio": "1.5"}, "asco-cap-2013", "a ratio without the HER2 copy number"),
    ({"her2_ihc": "2+", "ish_her2_copies": "5", "ish_probe": "dual"}, "asco-cap-2023",
     "HER2 copies without a ratio or CEP17"),
    ({"her2_ihc": "2+", "ish_cep17_copies": "2"}, "asco-cap-2023", "CEP17 without HER2 copies"),
    ({"her2_ihc": "2+", "ish_result": "technical failure"}, "asco-cap-2023", "reported as indeterminate"),
    ({"her2_ihc": "2+", "ish_result": "polysomy?"}, "asco-cap-2023", "the written result could not be read"),
    ({"her2_ihc": "2+", "ish_result": "group 1"}, "asco-cap-2007", "does not give this rule set's ratio band"),
    ({"her2_ihc": "2+", "ish_her2_copies": "7", "ish_probe": "single", "tumor_site": "stomach"}, "asco-cap-2023",
     "single-probe ISH is not read"),
]


@pytest.mark.parametrize(("inputs", "rule_set", "why"), NOT_USABLE)
def test_unusable_ish_says_why(inputs, rule_set, why):
    row = classify_inputs([inputs], rule_set).iloc[0]
    assert "ISH reported but not usable: " in row["explanation"]
    assert why in row["explanation"]
    assert "ISH pending" not in row["explanation"]
    assert "ish_not_usable" in row["review_reasons"].split(";")
    assert "ish_needed" not in row["review_reasons"].split(";")


def _parsed_with(column: str, value: float, kind: NumberKind) -> pd.DataFrame:
    """A parsed IHC 2+ row whose ISH number carries a value and kind that validation would stop."""
    parsed = parse_fields(pd.DataFrame({"her2_ihc": ["2+"], "ish_her2_copies": ["5.0"]}, dtype="string"))
    parsed[column] = np.array([value])
    parsed[f"{column}__kind"] = np.array([kind], dtype=np.int8)
    return parsed


@pytest.mark.parametrize(
    ("column", "value", "kind", "why"),
    [
        ("ish_cep17_copies", 0.0, NumberKind.NUMBER, "CEP17 of 0 gives no ratio"),
        ("ish_ratio", np.nan, NumberKind.INVALID, "an ISH number could not be read"),
    ],
)
def test_classifier_alone_says_why_for_values_validation_rejects(column, value, kind, why):
    """Validation rejects these rows before classify; the classifier still never calls them pending."""
    row = classify(_parsed_with(column, value, kind)).iloc[0]
    assert f"ISH reported but not usable: {why}" in row["explanation"]
    assert row["her2_status"] == "equivocal"
    assert "ish_not_usable" in row["review_reasons"]


def test_nothing_reported_is_still_pending():
    row = classify_inputs([{"her2_ihc": "2+"}]).iloc[0]
    assert "IHC 2+ is equivocal: ISH pending" in row["explanation"]
    assert row["review_reasons"] == "ish_needed"


# --- indeterminate and unreadable IHC -----------------------------------------------------------
@pytest.mark.parametrize(
    ("inputs", "said"),
    [
        ({"her2_ihc": "indeterminate"}, "IHC indeterminate and no ISH: no call"),
        ({"her2_ihc": "cannot be determined", "ish_ratio": "2.5"},
         "IHC indeterminate and the ISH reported is not usable: no call"),
        ({"her2_ihc": "uninterpretable", "tumor_site": "stomach"}, "IHC indeterminate and no ISH: no call"),
    ],
)
def test_indeterminate_ihc_is_explained_as_indeterminate(inputs, said):
    row = classify_inputs([inputs]).iloc[0]
    assert row["her2_status"] == "indeterminate"
    assert said in row["explanation"]
    assert "neither IHC nor ISH" not in row["explanation"]


def test_unreadable_ihc_is_never_discordant():
    rows = classify_inputs([
        {"her2_ihc": "xyz", "ish_result": "amplified"},
        {"her2_ihc": "xyz", "ish_ratio": "2.5", "ish_her2_copies": "6"},
        {"her2_ihc": "2-Jan", "ish_result": "not amplified"},
        {"her2_ihc": "xyz", "ish_her2_copies": "7", "ish_probe": "single"},
    ])
    assert not any("discordant" in r for r in rows["review_reasons"])
    assert not any("discordant" in e for e in rows["explanation"])


def test_gastroesophageal_explanation_names_its_rule_set_and_no_group():
    row = classify_inputs([{"her2_ihc": "1+", "tumor_site": "stomach", "ish_ratio": "1.5"}]).iloc[0]
    assert row["rule_set"] == "cap-ascp-asco-2016-gea"
    assert pd.isna(row["ish_group"])
    assert "CAP/ASCP/ASCO 2016 gastroesophageal: IHC 0/1+ is negative" in row["explanation"]
    assert "HER2-low categories do not apply" in row["explanation"]


def test_rules_text_names_the_gastroesophageal_categories_and_the_2007_rule():
    result = invoke("rules")
    gastro = next(line for line in result.output.splitlines() if "cap-ascp-asco-2016-gea" in line)
    assert "ish_group stays empty" in gastro and "a negative case is HER2-negative" in gastro
    old = next(line for line in result.output.splitlines() if line.strip().startswith("asco-cap-2007"))
    assert "3+ in 30% or fewer is equivocal, settled by ISH" in old
    assert "ish_not_usable [1] ISH reported but not usable" in result.output


def test_2007_low_category_says_the_3_plus_was_read_as_equivocal():
    row = classify_inputs([{"her2_ihc": "3+", "her2_ihc_percent": "25", "ish_ratio": "1.5"}], "asco-cap-2007").iloc[0]
    assert row["her2_category"] == "HER2-low" and row["ihc_score"] == "3+"
    assert "a negative ISH settles it as negative" in row["explanation"]
    assert "HER2-low (IHC 3+ in too few cells read as equivocal, ISH negative)" in row["explanation"]


def test_first_seen_is_factorize():
    from her2batch.decide.pieces import first_seen

    rng = np.random.default_rng(3)
    for keys in (rng.integers(0, 50, 1000), rng.integers(0, 10**9, 1000), np.array([5, -1, 5, 2]),
                 np.zeros(0, dtype=np.int64), np.array([7, 7, 0, 3, 0])):
        codes, uniques = first_seen(keys)
        expected_codes, expected_uniques = pd.factorize(keys)
        assert codes.tolist() == expected_codes.tolist() and list(uniques) == list(expected_uniques)

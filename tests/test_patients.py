"""patients.py and rescore.py: golden outputs for multi-specimen patients, and the rules behind them."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from her2batch.cli import main
from her2batch.patients import HIGHEST_ORDER, PATIENT_COLUMNS, roll_up
from her2batch.rescore import RESCORE_COLUMNS, WHY, why_codes, worklist

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "patients" / "multi_specimen.csv"
GOLDEN = HERE / "golden" / "patients"
KEY = "a-test-key-that-is-long-enough-0123456789"


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("patients") / "out"
    result = CliRunner().invoke(main, ["run", str(FIXTURE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", ["patients.csv", "rescore.csv"])
def test_golden(outdir, name):
    golden = GOLDEN / f"multi_specimen.{name}"
    written = (outdir / name).read_text(encoding="utf-8")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(written, encoding="utf-8")
    assert written == golden.read_text(encoding="utf-8")


def test_contract_columns_lead(outdir):
    assert tuple(pd.read_csv(outdir / "patients.csv").columns) == PATIENT_COLUMNS
    assert tuple(pd.read_csv(outdir / "rescore.csv").columns)[: len(RESCORE_COLUMNS)] == RESCORE_COLUMNS


def test_sheets_after_run_with_real_booleans(outdir):
    workbook = openpyxl.load_workbook(outdir / "her2_summary.xlsx")
    names = workbook.sheetnames
    assert names.index("Patients") == names.index("Run") + 1 and names.index("Re-score") == names.index("Patients") + 1
    patients = list(workbook["Patients"].iter_rows(values_only=True))
    assert "1 case(s) without a patient_id" in patients[0][0] and "eligible" in patients[0][0]
    header = patients[1]
    first = dict(zip(header, patients[2], strict=True))
    assert first["patient_id"] == "P001" and first["her2_changed"] is True and first["ever_hr_positive"] is True
    assert first["first_report_date"].year == 2024  # a date cell
    rescore = list(workbook["Re-score"].iter_rows(values_only=True))
    assert rescore[1][: len(RESCORE_COLUMNS)] == RESCORE_COLUMNS
    assert len(rescore) == 2 + len(pd.read_csv(outdir / "rescore.csv"))


def test_run_json_counts(outdir):
    import json

    run = json.loads((outdir / "run.json").read_text())
    assert run["patients"] == {"patients": 7, "her2_changed": 2, "cases_without_patient_id": 1}
    assert run["rescore"] == 6


def test_pseudonymised_ids_in_roll_up_and_worklist(tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(FIXTURE), "-o", str(out), "--pseudonymize"],
                                env={"HER2BATCH_PSEUDONYM_KEY": KEY})
    assert result.exit_code == 0, result.output
    for name in ("patients.csv", "rescore.csv"):
        text = (out / name).read_text(encoding="utf-8")
        assert "P001" not in text and "P002" not in text
    patients = pd.read_csv(out / "patients.csv")
    cases = pd.read_csv(out / "cases.csv")
    assert set(patients["patient_id"]) == set(cases["patient_id"].dropna())


def frame(rows: list[dict]) -> pd.DataFrame:
    base = {"patient_id": "P", "report_date": "", "her2_category": "unknown", "her2_low": False,
            "her2_ultralow": False, "hr_positive": None, "tumor_site": "", "specimen_type": ""}
    return pd.DataFrame([base | row for row in rows])


@pytest.mark.parametrize("categories, highest", [
    (["HER2-low", "HER2-equivocal"], "HER2-equivocal"),
    (["HER2-0", "HER2-negative"], "HER2-0"),
    (["HER2-null", "HER2-ultralow"], "HER2-ultralow"),
    (["unknown", "HER2-negative"], "HER2-negative"),
    (["HER2-low", "HER2-positive", "HER2-null"], "HER2-positive"),
])
def test_highest_follows_the_issue_order(categories, highest):
    table = roll_up(frame([{"her2_category": c} for c in categories])).table
    assert table["highest_category"].tolist() == [highest]
    assert list(HIGHEST_ORDER).index(highest) == min(list(HIGHEST_ORDER).index(c) for c in categories)


@pytest.mark.parametrize("categories, changed", [
    (["HER2-0", "HER2-low"], True),  # the 0/low boundary
    (["HER2-null", "HER2-ultralow"], True),
    (["HER2-0", "HER2-ultralow"], False),  # 0 without sub-type may be ultralow
    (["HER2-negative", "HER2-low"], False),  # unscored negative may be low
    (["HER2-equivocal", "HER2-positive"], False),  # ISH pending
    (["HER2-low", "unknown"], False),
    (["HER2-positive", "HER2-low"], True),
])
def test_changed_when_no_single_level_fits(categories, changed):
    dates = [f"2025-0{i + 1}-01" for i in range(len(categories))]
    rows = [{"her2_category": c, "report_date": d} for c, d in zip(categories, dates, strict=True)]
    assert roll_up(frame(rows)).table["her2_changed"].tolist() == [changed]


def test_latest_by_date_not_by_row_order():
    rows = [{"her2_category": "HER2-low", "report_date": "2026-01-01", "her2_low": True},
            {"her2_category": "HER2-0", "report_date": "2024-01-01"}]
    table = roll_up(frame(rows)).table
    assert table["latest_category"].tolist() == ["HER2-low"]
    assert table["her2_sequence"].tolist() == ["HER2-0 2024-01 -> HER2-low 2026-01"]
    assert table["first_report_date"].tolist() == ["2024-01-01"] and bool(table["ever_her2_low"].iloc[0])


def test_cases_without_patient_id_counted_not_rolled_up():
    patients = roll_up(frame([{"patient_id": ""}, {"patient_id": None}, {"patient_id": "  "}, {"patient_id": "Q"}]))
    assert patients.cases_without_patient_id == 3 and patients.table["patient_id"].tolist() == ["Q"]
    empty = roll_up(frame([{"patient_id": ""}]))
    assert empty.cases_without_patient_id == 1 and list(empty.table.columns) == list(PATIENT_COLUMNS)


def test_hr_unknown_stays_unknown():
    table = roll_up(frame([{"patient_id": "A", "hr_positive": None},
                           {"patient_id": "B", "hr_positive": "false"},
                           {"patient_id": "B", "hr_positive": "true"}])).table
    assert table["ever_hr_positive"].isna().tolist() == [True, False] and bool(table["ever_hr_positive"].iloc[1])


def cases(rows: list[dict]) -> pd.DataFrame:
    base = {"case_id": "C", "her2_status": "negative", "her2_category": "HER2-negative", "rule_set": "asco-cap-2023",
            "hr_positive": None, "report_date": ""}
    return pd.DataFrame([base | row for row in rows])


@pytest.mark.parametrize("ihc, category, status, why", [
    ("0", "HER2-0", "negative", WHY[1]),
    ("0", "HER2-ultralow", "negative", None),  # sub-type known from the percentage
    ("0 (null)", "HER2-null", "negative", None),
    ("Negative", "HER2-negative", "negative", WHY[2]),
    ("0+", "HER2-0", "negative", WHY[3]),
    ("0-1+", "HER2-negative", "negative", WHY[4]),
    ("1+", "HER2-low", "negative", None),
    ("Negative", "HER2-positive", "positive", None),  # ISH amplified: not a negative
])
def test_why_listed(ihc, category, status, why):
    table = worklist(cases([{"her2_ihc": ihc, "her2_category": category, "her2_status": status}]))
    assert table["why"].tolist() == ([why] if why else [])


def test_lab_setting_for_zero_plus_and_gastric_cases_not_listed():
    assert why_codes(cases([{"her2_ihc": "0+"}]), {"0+": "ultralow"}).tolist() == [0]
    assert why_codes(cases([{"her2_ihc": "0", "her2_category": "HER2-0",
                             "rule_set": "cap-ascp-asco-2016-gea"}])).tolist() == [0]


def test_order_hr_positive_first_then_most_recent():
    rows = [{"case_id": "old+", "her2_ihc": "0", "her2_category": "HER2-0", "hr_positive": "true", "report_date": "2020-01-01"},
            {"case_id": "new-", "her2_ihc": "0", "her2_category": "HER2-0", "hr_positive": "false", "report_date": "2026-01-01"},
            {"case_id": "new?", "her2_ihc": "0", "her2_category": "HER2-0", "report_date": "2026-01-01"},
            {"case_id": "new+", "her2_ihc": "0", "her2_category": "HER2-0", "hr_positive": "true", "report_date": "2025-01-01"},
            {"case_id": "undated+", "her2_ihc": "0", "her2_category": "HER2-0", "hr_positive": "true"}]
    assert worklist(cases(rows))["case_id"].tolist() == ["new+", "old+", "undated+", "new?", "new-"]


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

ROW = st.fixed_dictionaries({
    "patient_id": st.sampled_from(["", "A", "B", "C", " D "]),
    "report_date": st.sampled_from(["", "2024-01-01", "2024-06-30", "2025-02-03"]),
    "her2_category": st.sampled_from(HIGHEST_ORDER),
    "hr_positive": st.sampled_from([None, "true", "false"]),
    "specimen_type": st.sampled_from(["", "core", "excision"]),
})


@settings(max_examples=60, deadline=None)
@given(st.lists(ROW, min_size=1, max_size=30))
def test_roll_up_accounts_for_every_case(rows):
    data = frame([r | {"her2_low": r["her2_category"] == "HER2-low"} for r in rows])
    patients = roll_up(data)
    table = patients.table
    assert int(table["specimens"].sum()) + patients.cases_without_patient_id == len(rows)
    assert table["patient_id"].is_unique
    ranks = {c: i for i, c in enumerate(HIGHEST_ORDER)}
    for _, patient in table.iterrows():  # a test: per patient is fine here
        mine = data.loc[data["patient_id"].str.strip() == patient["patient_id"]]
        assert patient["highest_category"] == min(mine["her2_category"], key=ranks.get)
        assert bool(patient["ever_her2_low"]) == bool(mine["her2_low"].any())
        assert len(patient["her2_sequence"].split(" -> ")) == len(mine)

"""An independent check of patients.csv (tests/cases/patients_independent), written from the
contract and her2-rules.md by someone who never saw this code: 52 cases of 21 patients in shuffled
order (several specimens over time, changing and repeated categories, an untested specimen between
tested ones, two on one date, a blank date, a gastric case beside breast ones, ER at exactly 1%).
Only the fields the contract and rules settle are compared; the author's notes on the rest are in
NOTES.md there."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

import her2batch

CASES = Path(__file__).parent / "cases" / "patients_independent"
EXPECTED = yaml.safe_load((CASES / "expected.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    outdir = tmp_path_factory.mktemp("patients")
    report = her2batch.process([CASES / "patients_export.csv"], outdir)
    assert not report.failed and not len(report.rejects)

    def read(name):
        with (outdir / name).open(encoding="utf-8", newline="") as stream:
            return list(csv.DictReader(stream))
    return ({row["case_id"]: row for row in read("cases.csv")},
            {row["patient_id"]: row for row in read("patients.csv")})


@pytest.mark.parametrize(("case_id", "expected"), list(EXPECTED["cases"].items()))
def test_case_category(outputs, case_id, expected):
    cases, _ = outputs
    assert cases[str(case_id)]["her2_category"] == expected["category"]


@pytest.mark.parametrize(("patient_id", "expected"), list(EXPECTED["patients"].items()))
def test_patient_roll_up(outputs, patient_id, expected):
    _, patients = outputs
    row = patients[str(patient_id)]
    want = {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in expected.items()}
    assert {k: row[k] for k in want} == want

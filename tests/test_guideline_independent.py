"""An independent table of guideline cases (tests/cases/guideline_independent.yaml), written from
her2-rules.md by someone who never saw this code: every cell of the ASCO/CAP 2018 table at and
beside its boundaries, the section 1 and 4 categories, the earlier rule sets, the gastroesophageal
rules and section 7's value variants. Each case is one row of an export, run through the library API
like any lab's file; only what the rules fix is compared. Where the program and the table differ, the
case is a strict xfail naming why (listed in DIFFERENCES)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

import her2batch
from her2batch.config import Settings

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "guideline_independent.yaml").read_text(encoding="utf-8"))
COLUMNS = ("tumor_site", "her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies",
           "ish_cells_counted", "ish_result", "ish_probe")

# case id -> why the program's outcome differs from the table's (each is sent to review or explained)
DIFFERENCES: dict[str, str] = {}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Every rule set's cases in one export, run once."""
    done: dict[str, dict[str, dict[str, str]]] = {}

    def of(rule_set: str) -> dict[str, dict[str, str]]:
        if rule_set not in done:
            folder = tmp_path_factory.mktemp(rule_set)
            export = folder / "export.csv"
            with export.open("w", newline="", encoding="utf-8") as out:
                writer = csv.writer(out)
                writer.writerow(["case_id", *COLUMNS])
                for case in CASES:
                    if case["rule_set"] == rule_set:
                        writer.writerow([case["id"], *(str(case["input"].get(c, "")) for c in COLUMNS)])
            report = her2batch.process([export], folder / "out", Settings(rule_set=rule_set))
            assert not report.failed
            with (folder / "out" / "cases.csv").open(encoding="utf-8", newline="") as cases:
                done[rule_set] = {row["case_id"]: row for row in csv.DictReader(cases)}
        return done[rule_set]
    return of


def _params():
    for case in CASES:
        marks = [pytest.mark.xfail(strict=True, reason=DIFFERENCES[case["id"]])] if case["id"] in DIFFERENCES else []
        yield pytest.param(case, id=f"{case['id']}:{case['rule_set']}", marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_guideline_case(outcomes, case):
    row = outcomes(case["rule_set"]).get(case["id"])
    assert row is not None, "not in cases.csv (rejected?)"
    expect = case["expect"]
    got = {key: row[key] for key in ("her2_status", "her2_category", "ihc_score", "ihc_zero_subtype", "ish_group")
           if key in expect}
    want = {key: str(expect[key]) for key in got}
    for flag in ("her2_low", "her2_ultralow"):
        if flag in expect:
            got[flag], want[flag] = row[flag], str(expect[flag]).lower()
    review = row["review_required"] == "true"
    if expect.get("review") is True:
        got["review"], want["review"] = review, True
    if expect.get("review") is False:
        got["review"], want["review"] = (review, row["review_reasons"]), (False, "")
    assert got == want, f"{case.get('why', '')} | explanation: {row['explanation']}"

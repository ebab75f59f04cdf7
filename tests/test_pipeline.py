"""End to end over the fixture exports, against golden outputs (tests/golden)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from her2batch.config import Settings
from her2batch.pipeline import run

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
EXPORTS = ["lab_semicolon_cp1252.csv", "lab_tab.tsv", "lab_utf16.txt", "lis_workbook.xlsx"]
CASE_COLUMNS = ["source_sheet", "source_row", "case_id", "ihc_score", "ihc_zero_subtype", "ish_group",
                "her2_status", "her2_category", "her2_low", "her2_ultralow", "review_reasons", "rule_set"]
REJECT_COLUMNS = ["source_sheet", "source_row", "reasons"]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == bool:
            out[name] = out[name].map({True: "true", False: "false"})
    return out.astype("string").fillna("").astype(object)


def _check_golden(frame: pd.DataFrame, name: str) -> None:
    path = GOLDEN / name
    actual = _as_text(frame)
    if os.environ.get("UPDATE_GOLDEN"):
        actual.to_csv(path, index=False)
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(actual.reset_index(drop=True), expected, check_dtype=False)


@pytest.mark.parametrize("export", EXPORTS)
def test_export_matches_golden(export, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    result = run([export], Settings())
    assert not result.failed
    assert result.rows_in == len(result.cases) + len(result.rejects)
    _check_golden(result.cases[CASE_COLUMNS], f"{export}.cases.csv")
    _check_golden(result.rejects[REJECT_COLUMNS], f"{export}.rejects.csv")


def test_reject_rows_are_the_rows_a_person_sees():
    """Read the raw file independently: the line named in rejects holds the rejected record."""
    lines = (FIXTURES / "lab_semicolon_cp1252.csv").read_bytes().decode("cp1252").splitlines()  # as an editor shows it
    result = run([FIXTURES / "lab_semicolon_cp1252.csv"], Settings())
    for row, reasons in zip(result.rejects["source_row"], result.rejects["reasons"], strict=True):
        line = lines[row - 1]
        if "ish_ratio" in reasons:
            assert ";abc;" in line
        if "case_id" in reasons:
            assert line.startswith(";M1007")
        if "er_percent" in reasons:
            assert ";150;" in line
    cases = result.cases.set_index("case_id")
    assert lines[cases.loc["S24-0012", "source_row"] - 1].startswith("S24-0012")  # after a quoted line break


def test_dialects_detected():
    result = run([FIXTURES / e for e in EXPORTS], Settings())
    by_name = {Path(s.display).name: s for s in result.sources}
    assert (by_name["lab_semicolon_cp1252.csv"].encoding, by_name["lab_semicolon_cp1252.csv"].delimiter) == ("cp1252", ";")
    assert by_name["lab_utf16.txt"].encoding == "utf-16"
    assert by_name["lab_tab.tsv"].delimiter == "\t"
    assert by_name["lis_workbook.xlsx"].sheets_read == ["Breast 2024", "Breast 2025"]
    assert by_name["lis_workbook.xlsx"].sheets_skipped == ["Legend"]


def test_decimal_commas_and_text_kept(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    cases = run(["lab_semicolon_cp1252.csv"], Settings()).cases.set_index("case_id")
    assert cases.loc["S24-0001", "ish_ratio"] == 1.6
    assert cases.loc["S24-0001", "HER2/CEP17 Ratio"] == "1,6"  # original kept beside the parsed value
    assert cases.loc["S24-0001", "pathologist"] == "Dr Lefèvre"
    assert cases.loc["S24-0001", "report_date"] == "2024-03-05"  # day first: 13/03/2024 is in the column


def test_excel_numbers_and_dates_become_faithful_text():
    cases = run([FIXTURES / "lis_workbook.xlsx"], Settings()).cases.set_index("case_id")
    assert cases.loc["W24-1", "HER2 IHC Score"] == "2"
    assert cases.loc["W24-1", "HER2/CEP17 Ratio"] == "1.6"
    assert cases.loc["W24-1", "Date Reported"] == "2024-03-05"
    assert cases.loc["W24-1", "her2_category"] == "HER2-low"


def test_failed_input_does_not_stop_the_others(tmp_path):
    bad = tmp_path / "no_ids.csv"
    bad.write_text("Name,HER2\nx,1+\n", encoding="utf-8")
    result = run([bad, tmp_path / "missing.csv", FIXTURES / "lab_tab.tsv"], Settings())
    failed = {Path(s.display).name: s.error for s in result.failed}
    assert "no case identifier column" in failed["no_ids.csv"]
    assert "2 columns, recognised: 'HER2' (her2_ihc)" in failed["no_ids.csv"]
    assert "'Name'" not in failed["no_ids.csv"]  # unrecognised cells may be patient data: never echoed
    assert failed["missing.csv"] == "no such file"
    assert len(result.cases) == 6


def test_directory_inputs_sorted_by_name(tmp_path):
    for name in ("b.csv", "a.csv", "notes.md"):
        (tmp_path / name).write_text(f"Case ID,HER2 IHC\n{name},1+\n", encoding="utf-8")
    result = run([tmp_path], Settings())
    assert [Path(s.display).name for s in result.sources] == ["a.csv", "b.csv"]
    assert [(Path(s.path).name, s.why) for s in result.skipped] == [("notes.md", "not a .csv, .tsv, .txt, .xlsx, .xlsm file")]


def test_config_columns_map_any_header(tmp_path):
    export = tmp_path / "odd.csv"
    export.write_text("Ref Code,Her Two Result\nL1,2+\n", encoding="utf-8")
    assert run([export], Settings()).failed
    result = run([export], Settings(columns={"case_id": "Ref Code", "her2_ihc": "Her Two Result"}))
    assert list(result.cases["her2_status"]) == ["equivocal"]


def test_the_more_specific_header_wins_and_the_other_is_named(tmp_path):
    export = tmp_path / "twice.csv"
    export.write_text("Case ID,HER2 IHC Score,HER2 (IHC)\nX,1+,2+\n", encoding="utf-8")
    (source,) = run([export], Settings()).sources
    assert source.status == "ok"
    assert [(c["header"], c["canonical"]) for c in source.columns][1:] == [("HER2 IHC Score", "her2_ihc"),
                                                                          ("HER2 (IHC)", "")]
    assert any("'HER2 (IHC)' (column C) was not mapped" in w for w in source.warnings)


def test_a_tie_on_the_only_her2_column_fails_the_file_loudly(tmp_path):
    export = tmp_path / "twice.csv"
    export.write_text("Case ID,HER2 IHC Result,HER2 IHC Score\nX,1+,2+\n", encoding="utf-8")
    (source,) = run([export], Settings()).sources
    assert source.status == "failed" and "no HER2 result column" in source.error
    assert "'HER2 IHC Result' (column B) and 'HER2 IHC Score' (column C)" in " ".join(source.warnings)


def test_a_tie_on_case_id_fails_the_file(tmp_path):
    export = tmp_path / "twice.csv"
    export.write_text("Case ID,Accession No,HER2 IHC\nX,Y,2+\n", encoding="utf-8")
    (source,) = run([export], Settings()).sources
    assert source.status == "failed"
    assert "'Case ID' (column A) and 'Accession No' (column B)" in source.error


def test_duplicates_flagged(tmp_path):
    again = tmp_path / "again.csv"  # the same rows in another export (not the same file: that is read once)
    again.write_bytes((FIXTURES / "lab_semicolon_cp1252.csv").read_bytes() + b"\r\n")
    cases = run([FIXTURES / "lab_semicolon_cp1252.csv", again], Settings()).cases
    assert cases["review_reasons"].astype(str).str.contains("duplicate").all()


def test_value_overrides_from_settings(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,HER2 IHC\nA,0+\nB,EQ\n", encoding="utf-8")
    settings = Settings(values={"her2_ihc": {"0+": "ultralow", "eq": "2+"}})
    cases = run([export], settings).cases
    assert list(cases["her2_category"]) == ["HER2-ultralow", "HER2-equivocal"]


def test_input_column_named_like_an_output_is_kept(tmp_path):
    export = tmp_path / "again.csv"
    export.write_text("case_id,her2_ihc,her2_status\nA,1+,positive\n", encoding="utf-8")
    cases = run([export], Settings()).cases
    assert cases.loc[0, "her2_status (input)"] == "positive"
    assert cases.loc[0, "her2_status"] == "negative"


def test_a_value_in_an_unmapped_her2_column_sends_an_untested_case_to_review(tmp_path):
    """her2_value_not_read: the overall-status column is not read (it is usually the final call), so
    a case whose only HER2 information sits there is not silently 'not tested'."""
    export = tmp_path / "abstract.csv"
    export.write_text("Case ID,HER2 IHC,Overall HER2 Status\nA1,,Negative\nA2,1+,Negative\nA3,,\n", encoding="utf-8")
    cases = run([export], Settings()).cases.set_index("case_id")
    reasons = cases["review_reasons"].astype(str)
    assert cases.loc["A1", "her2_status"] == "not_tested" and "her2_value_not_read" in reasons["A1"]
    assert "her2_value_not_read" not in reasons["A2"]  # a result was read: the column is only a warning
    assert "her2_value_not_read" not in reasons["A3"]  # nothing anywhere: plainly not tested


def test_a_gastric_site_named_in_another_column_sends_a_blank_site_case_to_review(tmp_path):
    """site_in_other_column (section 6): with no site given, a specimen or note naming the stomach or
    the GE junction means the default (breast) rules may be the wrong ones: review, not a guess."""
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,Specimen,HER2 IHC,Site\nG1,\"Estomac, biopsies\",1+,\nG2,Core biopsy,1+,\n"
                      "G3,Gastric biopsy,1+,Stomach\nG4,Magenkorpus-Biopsie,2+,\n", encoding="utf-8")
    cases = run([export], Settings()).cases.set_index("case_id")
    reasons = cases["review_reasons"].astype(str)
    assert "site_in_other_column" in reasons["G1"] and "site_in_other_column" in reasons["G4"]
    assert "site_in_other_column" not in reasons["G2"]  # nothing names another site
    assert "site_in_other_column" not in reasons["G3"]  # the site is given: its rules apply
    assert cases.loc["G3", "her2_category"] == "HER2-negative"  # gastroesophageal rules: no HER2-low


def test_the_gastroesophageal_prefilter_lets_every_site_word_through():
    """The Arrow prefilter must never hide a word of the site vocabulary (vocab/sites)."""
    import re
    import tomllib
    from importlib import resources

    from her2batch.pipeline import _GASTRO_HINT

    vocab = tomllib.loads(resources.files("her2batch").joinpath("vocab/sites/sites.toml").read_text(encoding="utf-8"))
    words = vocab["tags"]["gastroesophageal"] + vocab["tags"]["gastroesophageal_stem"]
    assert [w for w in words if not re.search(_GASTRO_HINT, w, re.IGNORECASE)] == []



def test_site_from_the_specimen_type_and_the_gastric_resection_cut_off(tmp_path):
    """Section 6: with no site given, a specimen type naming one site family chooses the rule set;
    a gastroesophageal resection is scored on >=10% of cells, a biopsy on a cluster whatever the share."""
    import csv

    import her2batch

    export = tmp_path / "gi.csv"
    export.write_text("Case,Specimen Type,HER2 IHC,% stained\n"
                      "G1,\"Stomach, antrum, endoscopic biopsy\",1+,5\n"  # biopsy: a cluster counts, no check
                      "G2,Gastrectomy,1+,5\n"  # resection: 1+ needs >=10%
                      "G3,Gastrectomy,0,10\n"  # resection: 0 with >=10% stained
                      "G4,\"Breast, core biopsy\",1+,30\n"
                      "G5,Core biopsy,1+,30\n", encoding="utf-8")
    her2batch.process([export], tmp_path / "out")
    with (tmp_path / "out" / "cases.csv").open(encoding="utf-8", newline="") as stream:
        cases = {row["case_id"]: row for row in csv.DictReader(stream)}
    assert [cases[c]["her2_category"] for c in ("G1", "G2", "G3", "G4", "G5")] == [
        "HER2-negative", "HER2-negative", "HER2-negative", "HER2-low", "HER2-low"]
    assert cases["G1"]["review_reasons"] == "" and cases["G1"]["explanation"].startswith(
        "gastroesophageal site (from the specimen type)")
    assert cases["G2"]["review_reasons"] == cases["G3"]["review_reasons"] == "ihc_percent_inconsistent"

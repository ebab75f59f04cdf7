"""Layouts labs and registries really export (issue 11): one row per test, hand-made workbooks,
registry abstracts. Fixtures in tests/fixtures/layouts (see make_layouts.py), golden outputs in
tests/golden/layouts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from her2batch.cli import main
from her2batch.config import ConfigError, Settings, load_settings
from her2batch.pipeline import AccountingError, check_accounting, run
from her2batch.read import footer, header_rows, long, naaccr_codes
from her2batch.read.labels import field_of_label
from her2batch.understand.values import read_date

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
GOLDEN = Path(__file__).parent / "golden" / "layouts"
EXPORTS = ["lis_long.csv", "handmade.xlsx", "naaccr_abstract.csv"]
CASE_COLUMNS = ["source_sheet", "source_row", "case_id", "case_key", "her2_ihc", "her2_ihc_percent", "ish_ratio",
                "ish_her2_copies", "ish_cep17_copies", "ish_cells_counted", "ish_result", "er_percent", "pr_percent",
                "report_date", "registry_codes", "ihc_score", "ihc_zero_subtype", "ish_group", "her2_status",
                "her2_category", "review_reasons"]
REJECT_COLUMNS = ["source_sheet", "source_row", "reasons"]


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype("string").fillna("").astype(object).reset_index(drop=True)


def _check_golden(frame: pd.DataFrame, name: str) -> None:
    path = GOLDEN / name
    actual = _as_text(frame)
    if os.environ.get("UPDATE_GOLDEN"):
        actual.to_csv(path, index=False)
    expected = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- every layout, end to end, with no config ----------------------------------------------

@pytest.mark.parametrize("export", EXPORTS)
def test_layout_matches_golden_with_exact_row_accounting(export, monkeypatch):
    monkeypatch.chdir(LAYOUTS)
    result = run([export], Settings())
    assert not result.failed
    assert result.rows_in == len(result.cases) + len(result.rejects) + result.rows_folded
    columns = [c for c in CASE_COLUMNS if c in result.cases]
    _check_golden(result.cases[columns], f"{export}.cases.csv")
    _check_golden(result.rejects[REJECT_COLUMNS], f"{export}.rejects.csv")


EXPECTED = {  # what make_layouts.py says each case is
    "lis_long.csv": {"S24-100 / A": "HER2-positive", "S24-100 / B": "HER2-low", "S24-101 / A": "HER2-ultralow",
                     "S24-102 / A": "HER2-positive", "S24-103 / A": "unknown", "S24-104 / A": "HER2-low"},
    "handmade.xlsx": {"H-1": "HER2-positive", "H-2": "HER2-low", "H-3": "HER2-null", "H-4": "HER2-low",
                      "H-5": "HER2-positive", "H-6": "HER2-negative", "H-7": "HER2-positive"},
    "naaccr_abstract.csv": {"202400001 / 01": "HER2-positive", "202400001 / 02": "HER2-low",
                            "202400002 / 00": "HER2-positive", "202400003 / 00": "HER2-0"},
}


@pytest.mark.parametrize("export", EXPORTS)
def test_every_case_right(export):
    cases = run([LAYOUTS / export], Settings()).cases
    key = cases["case_key"] if "case_key" in cases else cases["case_id"]
    assert dict(zip(key, cases["her2_category"], strict=True)) == EXPECTED[export]


def test_every_input_row_is_folded_into_one_case_or_rejected():
    result = run([LAYOUTS / "lis_long.csv"], Settings())
    folded = [int(n) for rows in result.cases["folded_rows"] for n in rows.split(", ")]
    rejected = list(result.rejects["source_row"])
    data_rows = list(range(2, 2 + result.rows_in))
    assert sorted(folded + rejected) == data_rows
    assert result.rows_folded == len(folded) - len(result.cases) == 16


def test_run_json_and_run_sheet_name_rows_folded_and_hidden_sheets(tmp_path):
    outcome = CliRunner().invoke(main, ["run", str(LAYOUTS / "lis_long.csv"), str(LAYOUTS / "handmade.xlsx"),
                                        "-o", str(tmp_path)])
    assert outcome.exit_code == 0, outcome.output
    document = json.loads((tmp_path / "run.json").read_text())
    assert document["rows_folded"] == 16
    assert document["rows_in"] == document["cases"] + document["rejects"] + document["rows_folded"]
    workbook_input = next(i for i in document["inputs"] if i["path"].endswith("handmade.xlsx"))
    assert workbook_input["sheets_hidden"] == ["Old draft", "Lookup"]
    assert {"Old draft", "Lookup"} <= set(workbook_input["sheets_skipped"])
    sheet = openpyxl.load_workbook(tmp_path / "her2_summary.xlsx", read_only=True)["Run"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0]]
    assert ("rows_folded", 16) in [r[:2] for r in rows]
    assert any("Old draft, Lookup" in (c or "") for r in rows for c in r if isinstance(c, str))


def test_accounting_check_refuses_a_lost_row():
    check_accounting(10, 6, 2, 2)
    with pytest.raises(AccountingError):
        check_accounting(10, 6, 2, 1)


# --- one row per test ------------------------------------------------------------------------

@given(st.lists(st.tuples(st.sampled_from(["", "A1", "A2", "B7"]), st.sampled_from(["", "1", "2"]),
                          st.sampled_from(["", "HER2 IHC", "her2 ihc", "ER", "Ki-67", "HER2 FISH Ratio"]),
                          st.sampled_from(["", "0", "1+", "2+", "2.1", "90"])), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_folding_accounts_for_every_row(rows):
    data = pd.DataFrame(rows, columns=["Accession", "Part", "Test", "Result"], dtype="string")
    data.loc[len(data)] = ["A9", "1", "HER2 IHC", "1+"]  # at least one HER2 test
    source_row = np.arange(2, 2 + len(data))
    header_map = header_rows.map_headers(list(data.columns))
    found, _ = long.detect(list(data.columns), header_map)
    folded = long.fold(data, source_row, header_map, list(data.columns), found, None)
    assert len(folded.data) + len(folded.rejected) + folded.folded == len(data)
    seen = [int(n) for rows in folded.data[long.FOLDED_ROWS] for n in rows.split(", ")]
    seen += [row for row, _, _ in folded.rejected]
    assert sorted(seen) == list(source_row)
    assert folded.source_row.tolist() == sorted(folded.source_row.tolist())


def test_same_test_twice_with_one_result_is_no_conflict(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test Name,Result\nA,HER2 IHC,3+\nA,HER2 IHC Score, 3+\n")
    cases = run([path], Settings()).cases
    assert list(cases["her2_category"]) == ["HER2-positive"] and cases["review_reasons"][0] == ""


def test_conflicting_results_are_shown_and_not_used(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test Name,Result\nA,HER2 IHC,1+\nA,HER2 IHC,3+\nA,ER,5\n")
    case = run([path], Settings()).cases.iloc[0]
    assert case["her2_ihc"] == "" and case["HER2 IHC (conflicting results)"] == "1+ | 3+"
    assert "repeated_test_conflict" in case["review_reasons"] and case["review_required"]


def test_other_tests_kept_as_columns_and_her2_looking_unmapped_tests_warned(tmp_path):
    path = _write(tmp_path, "x.csv",
                  "Accession,Analyte,Value\nA,HER2 IHC,2+\nA,Ki-67,30\nA,HER2 Interpretation,Equivocal\n")
    result = run([path], Settings())
    case = result.cases.iloc[0]
    assert case["Ki-67"] == "30" and case["HER2 Interpretation"] == "Equivocal"
    assert any("'HER2 Interpretation' looks like HER2" in n for n in result.sources[0].notes)


def test_long_table_without_a_her2_test_fails_with_how_to_map(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test Name,Result\nA,ER,90\nA,Ki-67,20\n")
    result = run([path], Settings())
    assert result.failed and "[tests] her2_ihc" in result.sources[0].error


def test_config_maps_test_names(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test Name,Result\nA,Her Two Score,3+\nB,H2 Score,1+\n")
    assert run([path], Settings()).failed
    config = _write(tmp_path, "c.toml", '[tests]\nher2_ihc = ["Her Two Score", "H2 score"]\n')
    cases = run([path], load_settings(config)).cases
    assert list(cases["her2_category"]) == ["HER2-positive", "HER2-low"]


def test_two_candidate_test_columns_fail_with_the_setting_to_use(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test,Marker,Result\nA,HER2 IHC,HER2,3+\n")
    result = run([path], Settings())
    assert result.failed and "[long] test_column" in result.sources[0].error
    chosen = run([path], Settings(long_columns={"test_column": "Test"}))
    assert not chosen.failed and chosen.cases["her2_category"][0] == "HER2-positive"


def test_wide_table_with_a_test_column_is_not_folded_but_noted(tmp_path):
    path = _write(tmp_path, "x.csv", "Case ID,HER2 IHC,Test,Result\nA,3+,FISH,pending\nB,1+,,\n")
    result = run([path], Settings())
    assert len(result.cases) == 2 and result.rows_folded == 0
    assert any('layout = "long"' in n for n in result.sources[0].notes)
    forced = run([path], Settings(layout="long")).cases  # folded: the FISH test becomes ish_result
    assert list(forced["ish_result"]) == ["pending", ""] and list(forced["her2_ihc"]) == ["3+", "1+"]


def test_field_of_label_maps_ish_measures_under_a_method_word_only():
    assert field_of_label("HER2 FISH Ratio") == "ish_ratio"
    assert field_of_label("HER2 SISH copy number") == "ish_her2_copies"
    assert field_of_label("HER2 FISH") == "ish_result"
    assert field_of_label("Ki-67") is None


# --- hand-made workbooks ----------------------------------------------------------------------

def test_two_row_header_without_merges_is_combined(tmp_path):
    path = _write(tmp_path, "x.csv", "Case,HER2 FISH,,,ER\n,Ratio,HER2 copies,Cells,%\nA,2.4,5.0,20,90\n")
    result = run([path], Settings())
    case = result.cases.iloc[0]
    assert (case["ish_ratio"], case["ish_her2_copies"], case["ish_cells_counted"], case["er_percent"]) == \
        (2.4, 5.0, 20, 90)
    assert "HER2 FISH Ratio" in result.cases and case["source_row"] == 3


def test_words_under_the_header_that_map_nothing_more_stay_data_and_are_noted(tmp_path):
    path = _write(tmp_path, "x.csv", "Case,HER2 IHC Score,Comment\n,see below,free text\nA,1+,\n")
    result = run([path], Settings())
    assert len(result.rejects) == 1 and "case_id: blank" in result.rejects["reasons"][0]
    assert any("header_rows = 2" in n for n in result.sources[0].notes)


def test_header_rows_config_reads_a_three_row_header(tmp_path):
    path = _write(tmp_path, "x.csv", "Case,HER2,\n,ISH,\n,Ratio,Cells\nA,2.4,20\n")
    case = run([path], Settings(header_rows=3)).cases.iloc[0]
    assert case["ish_ratio"] == 2.4 and case["source_row"] == 4


def test_hidden_sheets_read_when_configured():
    result = run([LAYOUTS / "handmade.xlsx"], Settings(include_hidden_sheets=True))
    assert result.sources[0].sheets_hidden == ["Old draft", "Lookup"]
    assert {"Old draft", "Lookup"} <= set(result.sources[0].sheets_read)
    assert "duplicate_conflict" in ";".join(result.cases["review_reasons"])


@pytest.mark.parametrize("text", ["Total", "TOTAL", "Grand total", "Grand Total: 12", "Count", "n = 45", "N=45",
                                  "Average", "Mean", "Total (n=45)", "Total 45 cases", "Summe", "Gesamtsumme",
                                  "Anzahl", "Durchschnitt", "Total général", "Moyenne", "Nombre", "Suma",
                                  "Promedio", "Recuento", "Totale", "Media", "Conteggio", "Totaal", "Eindtotaal",
                                  "Aantal", "Gemiddelde", "Subtotal:",
                                  # the counted thing before the count (independent export corpus, Italian)
                                  "Totale casi: 7", "Total cases = 45", "Number of cases: 4", "Nombre de cas : 12",
                                  "Anzahl der Fälle: 3", "Totaal gevallen 9"])
def test_summary_labels(text):
    assert footer.is_summary_label(text)


@pytest.mark.parametrize("text", ["", "n", "S24-001", "SUM-2024-01", "Count-3", "Total mastectomy", "Totalis",
                                  "Averages of something", "N1", "Mean HER2 copy number 4.1", "Number 12 block A",
                                  "Totale mastectomia", "de cas"])
def test_not_summary_labels(text):
    assert not footer.is_summary_label(text)


def test_summary_row_only_when_the_case_cell_is_blank_or_the_label(tmp_path):
    path = _write(tmp_path, "x.csv", "Lab,Case ID,HER2 IHC\nTotal,A,1+\nTotal,,3\n,Count,\n")
    result = run([path], Settings())
    assert list(result.cases["case_id"]) == ["A"]
    assert list(result.rejects["reasons"]) == [footer.SUMMARY_REASON] * 2


# --- registry abstracts -----------------------------------------------------------------------

def test_key_config_separates_parts_and_finds_real_conflicts(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Part,Block,HER2 IHC\nA,1,1,1+\nA,1,2,3+\nA,1,2,0\n")
    plain = run([path], Settings()).cases
    assert set(plain["review_reasons"]) == {"duplicate_conflict"}
    keyed = run([path], Settings(key_columns=("Accession", "Part", "Block"))).cases
    assert list(keyed["case_key"]) == ["A / 1 / 1", "A / 1 / 2", "A / 1 / 2"]
    assert list(keyed["review_reasons"]) == ["", "duplicate_conflict", "duplicate_conflict"]


def test_key_config_naming_a_missing_column_fails_the_input(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,HER2 IHC\nA,1+\n")
    result = run([path], Settings(key_columns=("Accession", "Block")))
    assert result.failed and "[key] columns names 'Block'" in result.sources[0].error


def test_key_and_long_config_tables(tmp_path):
    config = _write(tmp_path, "c.toml", '[key]\ncolumns = ["Accession", "Part"]\n[long]\ntest_column = "Order"\n'
                                        '[run]\nheader_rows = 2\ninclude_hidden_sheets = true\nlayout = "long"\n')
    loaded = load_settings(config)
    assert loaded.key_columns == ("Accession", "Part") and loaded.long_columns == {"test_column": "Order"}
    assert (loaded.header_rows, loaded.include_hidden_sheets, loaded.layout) == (2, True, "long")
    for bad in ('[key]\ncolumns = "Accession"\n', '[long]\ntest = "x"\n', '[run]\nheader_rows = 9\n',
                '[run]\nlayout = "tall"\n', '[tests]\ncase_id = "Accession"\n', '[tests]\nher2_ihc = 3\n'):
        with pytest.raises(ConfigError):
            load_settings(_write(tmp_path, "bad.toml", bad))


@pytest.mark.parametrize(("raw", "column", "meaning"), [
    ("XX.9", "ish_ratio", "not documented or unknown"),
    ("XX9", "er_percent", "not documented or unknown"),
    ("xx.8", "ish_her2_copies", "not applicable"),
    ("XX7", "pr_percent", "test ordered, results not in chart"),
    ("R90", "er_percent", "range (81-90%)"),
    ("R10", "pr_percent", "range (1-10%)"),
    ("R99", "er_percent", "range (91-100%)"),
    ("999", "er_percent", "not documented or unknown"),
])
def test_naaccr_special_code_meanings(raw, column, meaning):
    assert meaning in naaccr_codes.meaning(raw, column)


@pytest.mark.parametrize(("raw", "column"), [("999", "ish_cells_counted"), ("999", ""), ("2.1", "ish_ratio"),
                                             ("90", "er_percent"), ("R", "er_percent"), ("XX", "ish_ratio")])
def test_not_special_codes(raw, column):
    assert naaccr_codes.meaning(raw, column) == ""


def test_special_codes_never_reject_a_row(tmp_path):
    path = _write(tmp_path, "x.csv", "Case ID,HER2 IHC,HER2/CEP17 ratio,Cells counted,ER %\n"
                                     "A,1+,XX.9,999,R90\nB,3+,XX9,20,XX8\n")
    result = run([path], Settings())
    assert len(result.rejects) == 0 and len(result.cases) == 2
    first = result.cases.iloc[0]
    assert np.isnan(first["ish_ratio"]) and first["ish_cells_counted"] == 999  # 999 cells is a count here
    assert first["registry_codes"] == "ish_ratio: XX.9 = not documented or unknown; er_percent: R90 = stated " \
                                      "only as a range (81-90%)"


@pytest.mark.parametrize(("raw", "iso"), [("20240315", "2024-03-15"), ("19991231", "1999-12-31"),
                                          ("20240230", ""), ("202403", "")])
def test_compact_dates(raw, iso):
    assert read_date(raw, None) == iso


def test_group_labels_over_the_header_row_are_combined(tmp_path):
    path = _write(tmp_path, "x.csv", "Breast audit,,,\n,HER2 IHC,,ISH\nCase,Score,%,Ratio\nA,0,5,1.1\n")
    result = run([path], Settings())
    case = result.cases.iloc[0]
    assert (case["her2_ihc"], case["her2_ihc_percent"], case["ish_ratio"]) == ("0", 5, 1.1)
    assert case["source_row"] == 4 and "HER2 IHC Score" in result.cases and "ISH Ratio" in result.cases


def test_a_title_over_the_header_is_not_a_header_row(tmp_path):
    path = _write(tmp_path, "x.csv", ",HER2 results 2024,\nCase,HER2 IHC Score,Ratio\nA,2+,2.4\n")
    result = run([path], Settings())
    assert list(result.cases.columns[:3]) == ["Case", "HER2 IHC Score", "Ratio"]
    assert result.cases["ish_ratio"][0] == 2.4


def test_page_furniture_alone_in_a_row_is_not_a_case(tmp_path):
    path = _write(tmp_path, "x.csv", "Case ID,HER2 IHC\nA,1+\nEnd of report,\nPage 1 of 1,\nPrinted on 2024-05-01,\n"
                                     "Printed,3+\n")
    result = run([path], Settings())
    assert list(result.cases["case_id"]) == ["A", "Printed"]  # furniture only when alone in its row
    assert list(result.rejects["reasons"]) == [footer.SUMMARY_REASON] * 3


@pytest.mark.parametrize(("label", "item"), [
    ("Accession Number--Hosp", "case_id"), ("[550] Accession Number--Hosp", "case_id"), ("550", "case_id"),
    ("accessionNumberHosp", "case_id"), ("NAACCR Item 560", "sequence"), ("Sequence Number--Hospital", "sequence"),
    ("Sequence Number--Central", "sequence_central"), ("Date of Diagnosis (390)", "report_date"),
    ("Accession Number--Hosp (560)", None), ("20", None), ("Ratio", None), ("Accession", None),
])
def test_naaccr_items_by_name_or_number(label, item):
    from her2batch.read.keys import naaccr_item

    assert naaccr_item(label) == item


def test_two_primaries_keyed_by_item_numbers_are_not_duplicates(tmp_path):
    path = _write(tmp_path, "x.csv", "550,560,HER2 IHC Summary\n7,01,3\n7,02,1\n7,02,1\n")
    cases = run([path], Settings()).cases
    assert list(cases["case_key"]) == ["7 / 01", "7 / 02", "7 / 02"]
    assert list(cases["review_reasons"]) == ["", "duplicate_case_id", "duplicate_case_id"]


def test_a_case_number_merged_over_its_rows_is_read_on_each_row(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Case", "Part", "HER2 IHC Score", "Note"])
    sheet.append(["C-1", "A", "3+", "merged across"])
    sheet.append([None, "B", "1+", None])
    sheet.append(["C-2", "A", "0", None])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("D2:D3")
    sheet.merge_cells("C4:D4")  # wider than one column: left as read
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    result = run([path], Settings(key_columns=("Case", "Part")))
    assert list(result.cases["case_key"]) == ["C-1 / A", "C-1 / B", "C-2 / A"]
    assert list(result.cases["her2_category"]) == ["HER2-positive", "HER2-low", "HER2-0"]
    assert list(result.cases["Note"]) == ["merged across", "merged across", ""]
    assert any("2 cells under merged cells" in n for n in result.sources[0].notes)


def test_wide_table_with_parts_says_how_to_key_them(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Part,HER2 IHC\nA,1,1+\nA,2,3+\n")
    result = run([path], Settings())
    assert set(result.cases["review_reasons"]) == {"duplicate_conflict"}  # never keyed by guess
    assert any('[key] columns = ["Accession", "Part"]' in n for n in result.sources[0].notes)


def test_one_row_per_test_in_a_workbook(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in (["Specimen ID", "Block", "Component", "Result Value", "Result Units"], ["B-1", "A1", "HER2 IHC", "2+", ""],
                ["B-1", "A1", "HER2/CEP17 Ratio", 2.6, ""], ["B-1", "A1", "HER2 Copy Number", 6.1, "/cell"],
                ["Total", None, None, 3, None]):
        sheet.append(row)
    path = tmp_path / "long.xlsx"
    workbook.save(path)
    result = run([path], Settings())
    assert list(result.cases["case_key"]) == ["B-1 / A1"] and result.cases["her2_category"][0] == "HER2-positive"
    assert (result.rows_in, result.rows_folded, list(result.rejects["reasons"])) == (4, 2, [footer.SUMMARY_REASON])


long_rows = st.lists(st.tuples(st.sampled_from(["", "A1", "A2", "Total", "B7"]), st.sampled_from(["", "1", "2"]),
                               st.sampled_from(["", "HER2 IHC", "ER", "Ki-67", "HER2 FISH Ratio"]),
                               st.sampled_from(["", "0", "1+", "2+", "2.1", "90", "x"]),
                               st.booleans()), min_size=1, max_size=25)


@given(long_rows)
@settings(max_examples=25, deadline=None)
def test_every_row_of_a_long_export_is_accounted_for_exactly_once(tmp_path_factory, rows):
    lines = ["Accession,Part,Test Name,Result", "A9,1,HER2 IHC,1+"]
    lines += [",".join(r[:4]) + (",extra" if r[4] else "") for r in rows]
    path = tmp_path_factory.mktemp("long") / "x.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run([path], Settings())
    assert not result.failed
    data_rows = [n for n, line in enumerate(lines[1:], 2) if line.replace(",", "").strip()]
    # a folded case keeps its rows in folded_rows, accepted or rejected (a test's value unreadable)
    folded = result.rejects["folded_rows"].fillna("") if "folded_rows" in result.rejects else pd.Series([], dtype=str)
    seen = [int(n) for rows_of in (*result.cases["folded_rows"], *folded) for n in rows_of.split(", ") if n]
    seen += [row for row, rows_of in zip(result.rejects["source_row"], folded.reindex(result.rejects.index).fillna(""),
                                          strict=True) if not rows_of]
    assert sorted(seen) == data_rows
    assert result.rows_in == len(result.cases) + len(result.rejects) + result.rows_folded == len(data_rows)


def test_rejected_test_rows_keep_their_values_under_their_own_headers():
    rejects = run([LAYOUTS / "lis_long.csv"], Settings()).rejects.set_index("source_row")
    assert (rejects.loc[25, "Accession"], rejects.loc[25, "Test Name"], rejects.loc[25, "Result"]) == ("S24-105", "", "2+")
    assert (rejects.loc[24, "MRN"], rejects.loc[24, "Test Name"]) == ("M6", "HER2 IHC")


def test_report_text_carried_as_a_test_result_is_read(tmp_path):
    path = _write(tmp_path, "x.csv", 'Accession,Test Name,Result\nA1,ER,90\n'
                                     'A1,Biomarker Results,"HER2 (by immunohistochemistry): Negative (Score 1+)"\n')
    result = run([path], Settings())
    assert not result.failed and result.cases["her2_category"][0] == "HER2-low"
    assert any("report-text reader" in n for n in result.sources[0].notes)


def test_a_naaccr_sequence_number_is_part_of_the_key_never_a_patient_number():
    result = run([LAYOUTS / "naaccr_abstract.csv"], Settings())
    assert set(result.cases["patient_id"]) == {""}  # 'Sequence Number--Hospital' is no hospital number
    fates = {c["header"]: c for c in result.sources[0].columns} if result.sources[0].columns else {}
    assert fates["Sequence Number--Hospital"]["canonical"] == ""
    assert fates["Estrogen Receptor Percent Positive or Range"]["how"] == "naaccr"


def test_test_names_map_as_the_header_vocabulary_maps_them():
    """The adapter (read/labels.py) agrees with the vocabulary on the corpus of LIS test names."""
    import csv

    with (Path(__file__).parent / "cases" / "test_names_corpus.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and [field_of_label(r["test_name"]) or "" for r in rows] == [r["canonical"] for r in rows]


def test_not_given_with_remembered_candidates_is_not_given():
    """A run looks at each chunk twice; the second look reuses the rows the first found."""
    raw = pd.DataFrame({"case_id": ["a", "b", "c", "d", "e"],
                        "er_percent": ["XX9", "999", " r90 ", None, "45"],
                        "ish_ratio": ["2.1", "xx.9", "", "R30", "999"]}, dtype="string")
    expected_raw, expected_notes = naaccr_codes.not_given(raw, {"er_percent"})
    assert expected_notes is not None and (expected_notes != "").sum() == 4
    seen: dict = {}
    for _ in range(2):  # fills seen, then reads it
        got_raw, got_notes = naaccr_codes.not_given(raw, {"er_percent"}, seen)
        pd.testing.assert_frame_equal(got_raw, expected_raw)
        pd.testing.assert_series_equal(got_notes, expected_notes)
    assert seen["er_percent"].tolist() == [0, 1, 2] and seen["ish_ratio"].tolist() == [1, 3]


# --- found by the unforeseen-layouts corpus (tests/cases/exports9) ---------------------------------
def test_note_rows_under_the_cases_are_rejected_never_cases(tmp_path):
    path = _write(tmp_path, "x.csv", "Case,HER2 IHC,% stained\nA,2+*,40\nB,1+ \u2020,20\n"
                                     "* Reflex FISH sent to reference laboratory; results to follow.,,\n"
                                     "\u2020 Score revised to 0 after consensus review (2 pathologists).,,\n"
                                     "Note: 3+ in block A1 only,,\n"
                                     "Reviewed by two pathologists on 3 March,,\n")
    result = run([path], Settings())
    assert result.cases["case_id"].tolist() == ["A", "B"]
    assert result.rejects["reasons"].tolist() == [footer.NOTE_REASON] * 4
    assert any(footer.NOTE_REASON in note for note in result.sources[0].tables[0].notes)


@pytest.mark.parametrize("case", ["S 12", "A1", "Case 7 left", "B-12 (amended)"])
def test_short_case_ids_with_spaces_are_not_notes(tmp_path, case):
    path = _write(tmp_path, "x.csv", f"Case,HER2 IHC\n{case},\nA,1+\n")
    result = run([path], Settings())
    assert case in result.cases["case_id"].tolist()


def test_a_number_column_holding_only_words_is_not_read_and_rows_survive(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,Test: 88360 ER,HER2 IHC\nA,Final,1+\nB,Final,3+\nC,Cancelled,0\n")
    result = run([path], Settings())
    assert len(result.cases) == 3 and len(result.rejects) == 0
    assert result.cases["her2_category"].tolist() == ["HER2-low", "HER2-positive", "HER2-0"]
    assert any("'Test: 88360 ER' holds no number in any row: not read as er_percent" in w for w in result.warnings)
    few = _write(tmp_path, "y.csv", "Accession,ER %,HER2 IHC\nA,Final,1+\n")  # a bad value: the row's own fault
    assert len(run([few], Settings()).rejects) == 1


def test_an_unread_her2_column_holding_a_result_sends_the_case_to_review(tmp_path):
    path = _write(tmp_path, "x.csv", "Accession,HER2 IHC,2nd Primary HER2 IHC,2nd Primary HER2/CEP17,HER2 IHC date,"
                                     "ER/PR/HER2\nA,1+,3+,,2026-01-02,+/+/-\nB,0,,2.3,,\nC,2+,,,2026-01-02,+/-/+\n")
    cases = run([path], Settings()).cases.set_index("case_id")
    assert "her2_value_not_read" in cases.loc["A", "review_reasons"]  # the other primary's 3+
    assert "her2_value_not_read" in cases.loc["B", "review_reasons"]  # its ratio
    assert "her2_value_not_read" not in cases.loc["C", "review_reasons"]  # a date, a multi-marker summary
    dropped = Settings(drop_columns=("2nd Primary HER2 IHC", "2nd Primary HER2/CEP17"))
    assert "her2_value_not_read" not in run([path], dropped).cases.set_index("case_id").loc["A", "review_reasons"]


# --- staining described in columns of its own (intensity, completeness) --------------------

STAINING = ("Case,HER2 IHC,HER2 Intensity,HER2 Membrane Completeness,HER2 % stained\n"
            "A,1+,strong,complete,90\n"      # describes 3+ (section 1): the stated 1+ is checked
            "B,3+,strong,complete,85\n"      # agrees
            "C,1+,faint,incomplete,30\n"     # agrees: faint incomplete >10% = 1+
            "D,0,faint,incomplete,25\n"      # 0 with faint incomplete in >10%: that is 1+
            "E,0,none,,0\n"                  # no staining: nothing to compare
            "F,2+,weak,complete,\n"          # no share: 1+ or 2+, agrees
            "G,0,absent,,0\n")               # 'absent' is no staining: the column still counts


def test_staining_columns_that_describe_another_score_send_the_case_to_review(tmp_path):
    cases = run([_write(tmp_path, "x.csv", STAINING)], Settings()).cases.set_index("case_id")
    flagged = cases["review_reasons"].str.contains("ihc_staining_disagrees")
    assert list(flagged[flagged].index) == ["A", "D"]
    assert cases.loc["A", "her2_category"] == "HER2-low" and cases.loc["A", "review_required"]  # the score is kept


def test_a_column_of_other_words_is_not_a_staining_description(tmp_path):
    text = "Case,HER2 IHC,HER2 Intensity\nA,1+,strong\nB,1+,see slide\n"  # not only staining words
    cases = run([_write(tmp_path, "x.csv", text)], Settings()).cases
    assert not cases["review_reasons"].str.contains("ihc_staining_disagrees").any()

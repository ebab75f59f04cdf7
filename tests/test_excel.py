"""The workbook, opened back with openpyxl."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from her2batch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def run_cli(tmp_path: Path, *inputs, options=()) -> tuple[openpyxl.Workbook, dict]:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", *map(str, inputs), "-o", str(out), *options])
    assert result.exit_code in (0, 1), result.output
    return openpyxl.load_workbook(out / "her2_summary.xlsx"), json.loads((out / "run.json").read_text())


@pytest.fixture(scope="module")
def fixture_run(tmp_path_factory):
    return run_cli(tmp_path_factory.mktemp("wb"), FIXTURES)


def labelled(sheet, label: str):
    for row in sheet.iter_rows(values_only=True):
        if row and row[0] == label:
            return row[1]
    raise KeyError(label)


def table_after(sheet, title: str) -> dict[str, tuple]:
    rows = list(sheet.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r and r[0] == title) + 2
    table = {}
    for row in rows[start:]:
        if not row or row[0] is None:
            break
        table[row[0]] = row[1:]
    return table


def test_sheet_order(fixture_run):
    workbook, _ = fixture_run
    assert workbook.sheetnames == ["Summary", "Cases", "Review", "Rejects", "Run", "Patients", "Re-score", "Rules"]


def test_summary_counts_match_run_json(fixture_run):
    workbook, run = fixture_run
    summary = workbook["Summary"]
    assert labelled(summary, "Rows read") == run["rows_in"]
    assert labelled(summary, "Cases") == run["cases"]
    assert labelled(summary, "Rejects") == run["rejects"]
    assert labelled(summary, "Cases for review") == run["review"]
    categories = table_after(summary, "Cases by HER2 category")
    assert {k: v[0] for k, v in categories.items()} == run["categories"]
    kinds = sorted(type(chart).__name__ for chart in summary._charts)
    assert kinds == ["BarChart", "LineChart"]
    trend = next(chart for chart in summary._charts if type(chart).__name__ == "LineChart")
    assert len(trend.series) == 4  # % HER2-positive, % HER2-low, % IHC 0, % IHC 2+


def test_summary_answers_the_morning_questions(fixture_run):
    workbook, run = fixture_run
    summary = workbook["Summary"]
    rows = [r for r in summary.iter_rows() if r and r[0].value is not None]
    texts = [r[0].value for r in rows]
    start = texts.index("In short")
    sentences = " ".join(texts[start + 1 : start + 6])
    assert f"{run['cases']} cases" in sentences and "HER2-low:" in sentences and "HER2-ultralow:" in sentences
    assert f"{run['review']} cases need review" in sentences and "top reasons" in sentences
    assert f"{run['rescore']} negatives on the re-scoring worklist" in sentences
    assert f"{run['patients']['her2_changed']} with a HER2 category that changed" in sentences
    share = table_after(summary, "Cases by HER2 category")["HER2-low"][1]
    assert 0 <= share <= 1  # a fraction shown with a percent format
    percent_cells = [c for r in rows for c in r if c.number_format == "0.0%"]
    assert percent_cells
    by_priority = table_after(summary, "Cases for review by priority")
    assert sum(v[0] for v in by_priority.values()) == run["review"]
    by_reason = table_after(summary, "Cases for review by reason")
    assert all(isinstance(v[0], int) and v[1] in (1, 2, 3) for k, v in by_reason.items() if not k.startswith("A case"))
    marks = [r[-1] for r in summary.iter_rows(values_only=True) if r and r[0] and str(r[0]) != "(all cases)"]
    assert "no" in marks and "" not in marks
    assert any(str(t).startswith("IHC 0 vs 1+ by") for t in texts)
    cited = " ".join(str(v) for r in summary.iter_rows(values_only=True) for v in r if v)
    assert "Peiffer" in cited and "Tan" in cited and "Nielsen" in cited and "42 German" in cited


def test_cases_review_rejects_rows(fixture_run):
    workbook, run = fixture_run
    assert workbook["Cases"].max_row == 1 + run["cases"]
    assert workbook["Review"].max_row == 1 + run["review"]
    assert workbook["Rejects"].max_row == 1 + run["rejects"]
    for name, frozen in (("Cases", "B2"), ("Review", "B2"), ("Rejects", "A2")):
        assert workbook[name].freeze_panes == frozen  # header row, and the case id where it leads
        assert workbook[name].auto_filter.ref.startswith("A1:")
        assert workbook[name].print_title_rows == "$1:$1"
        assert workbook[name].page_setup.fitToWidth == 1
    for sheet in workbook.worksheets:  # every sheet prints landscape, one page wide (Run and Rules did not)
        assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1), sheet.title


def test_cases_types(fixture_run):
    workbook, _ = fixture_run
    rows = list(workbook["Cases"].iter_rows(values_only=True))
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["ish_ratio"] == 1.6 and isinstance(first["ish_cells_counted"], int)
    assert first["her2_low"] is True and first["review_required"] is True
    assert first["report_date"].year == 2024  # a date cell, not text
    category = header.index("her2_category") + 1
    fill = workbook["Cases"].cell(row=2, column=category).fill.fgColor.rgb
    assert fill.endswith("FCE5CD")  # HER2-low colour


def test_review_most_consequential_first(fixture_run):
    workbook, _ = fixture_run
    rows = list(workbook["Review"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("case_id", "priority", "reasons in words", "pathologist", "report_date")
    priorities = [r[1] for r in rows[1:]]
    assert priorities == sorted(priorities)
    words = rows[1][header.index("reasons in words")]
    assert ":" in words and rows[1][header.index("review_reasons")].split(";")[0] in words


def test_rules_sheet_has_reasons_and_decision_table(fixture_run):
    workbook, _ = fixture_run
    cells = [c for row in workbook["Rules"].iter_rows(values_only=True) for c in row if c]
    assert "confirm_blinded_recount" in cells
    assert any(str(c).startswith("Decision table: ASCO/CAP 2023") for c in cells)


def test_formula_like_input_is_text_and_control_characters_go(tmp_path):
    export = tmp_path / "evil.csv"
    export.write_text(
        'Case ID,HER2 IHC,Comment\n=1+1,2+,"=HYPERLINK(""http://x"",""y"")"\nB\x01,1+,@SUM(A1)\n', encoding="utf-8"
    )
    workbook, run = run_cli(tmp_path, export)
    assert run["cases"] == 2
    with zipfile.ZipFile(tmp_path / "out" / "her2_summary.xlsx") as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    values = [c for row in workbook["Cases"].iter_rows(values_only=True) for c in row]
    assert "=1+1" in values and '=HYPERLINK("http://x","y")' in values
    assert "B\ufffd" in values
    assert "B\x01" in (tmp_path / "out" / "cases.csv").read_text(encoding="utf-8")  # csv keeps the original


def test_cases_sheet_limit_note(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text("[run]\ncases_sheet_limit = 3\n")
    workbook, _ = run_cli(tmp_path, FIXTURES / "lab_tab.tsv", options=["--config", str(config)])
    cases = workbook["Cases"]
    assert "first 3 of 6 cases" in cases["A1"].value
    assert cases.max_row == 2 + 3
    assert cases.freeze_panes == "B3"


def test_long_cell_is_cut_in_the_workbook_only(tmp_path):
    export = tmp_path / "long.csv"
    export.write_text("Case ID,HER2 IHC,Note\nA,1+," + "x" * 40000 + "\n", encoding="utf-8")
    workbook, _ = run_cli(tmp_path, export)
    header = [c.value for c in workbook["Cases"][1]]
    note = workbook["Cases"].cell(row=2, column=header.index("Note") + 1).value
    assert len(note) == 32767 and note.endswith("[cut: see cases.csv]")


def workbook_shape(workbook) -> dict:
    """Sheet order, the big sheets' headers, and the titles of the other sheets' sections."""
    shape = {"sheets": workbook.sheetnames}
    for name in ("Cases", "Review", "Rejects"):
        shape[name] = [c.value for c in next(workbook[name].iter_rows(max_row=1))]
    for name in ("Summary", "Run", "Rules"):
        titles = []
        for row in workbook[name].iter_rows(values_only=True):
            first = row[0] if row else None
            if isinstance(first, str) and (first.startswith(("Cases by", "Cases for review by", "Quality control",
                                                             "Decision table", "IHC 0 vs 1+", "Re-scoring worklist",
                                                             "Trends", "Published rates"))
                                           or first in ("The run", "In short", "Inputs", "Review reasons", "Run",
                                                        "HER2 batch summary")):
                titles.append(first)
        shape[name] = titles
    return shape


def test_workbook_shape_matches_golden(fixture_run):
    import os

    workbook, _ = fixture_run
    golden = Path(__file__).parent / "golden" / "workbook_shape.json"
    shape = workbook_shape(workbook)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(shape, indent=1) + "\n")
    assert shape == json.loads(golden.read_text())


def test_true_false_columns_are_excel_booleans_on_every_sheet(tmp_path):
    workbook, _ = run_cli(tmp_path, FIXTURES, FIXTURES / "patients")
    flags = {"her2_low", "her2_ultralow", "review_required", "hr_positive", "ever_her2_low", "ever_her2_ultralow",
             "ever_her2_positive", "ever_hr_positive", "her2_changed"}
    seen = set()
    for name in ("Cases", "Review", "Patients", "Re-score"):
        rows = list(workbook[name].iter_rows(values_only=True))
        header_at = next(i for i, r in enumerate(rows) if r and r[0] in ("case_id", "patient_id"))
        header = rows[header_at]
        for column, title in enumerate(header):
            if title in flags:
                values = {r[column] for r in rows[header_at + 1:]}
                assert values <= {True, False, None}, (name, title, values)
                seen.add((name, title))
    assert ("Cases", "hr_positive") in seen and ("Patients", "ever_hr_positive") in seen
    assert ("Re-score", "hr_positive") in seen


def test_every_big_sheet_is_cut_at_the_limit_and_says_so(tmp_path, fixture_run):
    config = tmp_path / "c.toml"
    config.write_text("[run]\ncases_sheet_limit = 2\n")
    workbook, _ = run_cli(tmp_path, FIXTURES, FIXTURES / "patients", options=["--config", str(config)])
    whole, _ = run_cli(tmp_path / "whole", FIXTURES, FIXTURES / "patients")
    sentences = [r[0] for r in workbook["Summary"].iter_rows(values_only=True) if r and isinstance(r[0], str)]
    for name, leads in (("Cases", "B3"), ("Review", "B3"), ("Rejects", "A3"), ("Patients", "B3"), ("Re-score", "B3")):
        sheet, full = workbook[name], whole[name]
        total = full.max_row - int(full.freeze_panes[1:]) + 1  # rows below the uncut sheet's header
        assert total > 2, name
        assert "first 2 of" in sheet["A1"].value and f"of {total:,}" in sheet["A1"].value, name
        assert sheet.max_row == 4 and sheet.freeze_panes == leads, name
        assert sheet.auto_filter.ref.startswith("A2:") and sheet.print_title_rows == "$2:$2", name
        assert any(s.startswith(f"{name} shows the first 2 of {total:,} ") for s in sentences), name
    # Review keeps the most urgent: its rows are the first rows of the uncut sheet
    uncut = [r for r in whole["Review"].iter_rows(values_only=True) if r[0] is not None]
    header_at = next(i for i, r in enumerate(uncut) if r[0] == "case_id")
    kept = [r for r in workbook["Review"].iter_rows(min_row=3, values_only=True)]
    assert kept == uncut[header_at + 1 : header_at + 3]
    assert "most urgent first" in workbook["Review"]["A1"].value
    assert not any(" shows the first " in s for r in fixture_run[0]["Summary"].iter_rows(values_only=True)
                   for s in r[:1] if isinstance(s, str))  # nothing cut: nothing said

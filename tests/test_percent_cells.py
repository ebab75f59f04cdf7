"""Percentages Excel stores as fractions (0.3 under a '0%' format shows as 30%)."""

from __future__ import annotations

import openpyxl
import pytest

from her2batch.read.percent_cells import is_percent_format
from her2batch.read.sources import Source, read_source


def workbook(tmp_path, rows, formats):
    """One sheet: Case ID, HER2 IHC, % stained (with the given number format per data row), ER %."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "HER2"
    sheet.append(["Case ID", "HER2 IHC", "% tumour cells stained", "ER %"])
    for values, number_format in zip(rows, formats, strict=True):
        sheet.append(values)
        if number_format:
            sheet.cell(row=sheet.max_row, column=3).number_format = number_format
    path = tmp_path / "lab.xlsx"
    book.save(path)
    source = Source(path, "lab.xlsx")
    read_source(source)
    return source


@pytest.mark.parametrize(("number_format", "percent"), [
    ("0%", True), ("0.0%", True), ("0.00%;[Red]-0.00%", True),
    ('0"%"', False), ("0\\%", False), ("General", False), ("0.00", False), ("", False), (None, False),
])
def test_percent_formats(number_format, percent):
    assert is_percent_format(number_format) is percent


def test_fractions_under_a_percent_format_read_as_shown(tmp_path):
    source = workbook(tmp_path, [["A1", "0", 0.5, 90], ["A2", "1+", 0.3, 80], ["A3", "0", 0.05, 0], ["A4", "0", 0, 0]],
                      ["0%", "0%", "0%", "0%"])
    data = source.tables[0].data
    assert data["% tumour cells stained"].tolist() == ["50", "30", "5", "0"]
    assert data["ER %"].tolist() == ["90", "80", "0", "0"]  # not fractions: untouched
    assert any("formatted as percentages" in note for table in source.tables for note in table.notes)


def test_fractions_without_a_percent_format_stay_as_written(tmp_path):
    source = workbook(tmp_path, [["A1", "0", 0.5, 90], ["A2", "1+", 0.3, 80]], [None, "0.00"])
    assert source.tables[0].data["% tumour cells stained"].tolist() == ["0.5", "0.3"]
    assert not source.warnings


def test_mixed_formats_stay_as_written_with_a_warning(tmp_path):
    source = workbook(tmp_path, [["A1", "0", 0.5, 90], ["A2", "1+", 0.3, 80]], ["0%", None])
    assert source.tables[0].data["% tumour cells stained"].tolist() == ["0.5", "0.3"]
    assert any("some cells are formatted as percentages" in w for w in source.warnings)
    assert not any("A1" in w or "0.5" in w for w in source.warnings)  # names the column, never a value


def test_whole_percentages_never_scaled(tmp_path):
    source = workbook(tmp_path, [["A1", "0", 5, 90], ["A2", "1+", 30, 80]], ["0%", "0%"])
    assert source.tables[0].data["% tumour cells stained"].tolist() == ["5", "30"]


def test_formats_that_cannot_be_read_give_a_warning_not_a_failure(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("unreadable styles")

    monkeypatch.setattr("openpyxl.load_workbook", broken)
    source = workbook(tmp_path, [["A1", "0", 0.5, 90]], ["0%"])
    assert source.status == "ok" and source.tables[0].data["% tumour cells stained"].tolist() == ["0.5"]
    assert any("could not be read" in w for w in source.warnings)

"""The big sheets' generated XML reads back cell for cell as the previous writer's (tests/legacy_sheetxml.py)."""

from __future__ import annotations

import threading
import time
import zipfile
from pathlib import Path

import legacy_sheetxml
import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from her2batch.reports import sheetxml
from her2batch.reports.excel import CATEGORY_FILLS, SheetWriter, deferred_table

TEXTS = ["", " ", "HER2-low", "HER2-0", "unknown", "a & b", "<b>x</b>", "=1+1", "@SUM(A1)", "x\x01y", "  padded  ",
         "Lefèvre", "2024-01-31", "2024-02-30", "31/01/2024", "1e5", "true", "multi\nline", "\u00a0nbsp"]


@st.composite
def frames(draw) -> pd.DataFrame:
    n = draw(st.integers(0, 30))
    text = st.one_of(st.none(), st.sampled_from(TEXTS), st.text(max_size=8))
    numbers = st.one_of(st.none(), st.sampled_from([0.0, 1.0, -2.5, 40.0, 1e15, 2.0**53, 1.5e-7, float("nan")]),
                        st.floats(allow_nan=False, allow_infinity=False, width=32))

    def column(values):
        return draw(st.lists(values, min_size=n, max_size=n))

    category = column(st.one_of(st.none(), st.sampled_from(list(CATEGORY_FILLS))))
    return pd.DataFrame({
        "case_id": pd.Series(column(text), dtype=object),
        "her2_category": pd.Series(category, dtype="category"),
        "her2_status": pd.Series(category, dtype="string"),
        "report_date": pd.Series(column(st.one_of(st.none(), st.sampled_from(TEXTS[10:16]))), dtype="str"),
        "explanation": pd.Series(column(text), dtype="category"),
        "ratio": pd.Series(column(numbers), dtype=float),
        "cells": pd.Series(column(st.one_of(st.none(), st.integers(-5, 10**9))), dtype="Int64"),
        "her2_low": pd.Series(column(st.booleans()), dtype=bool),
        "hr_positive": pd.Series(column(st.one_of(st.none(), st.booleans())), dtype="boolean"),
        "flag": pd.Series(column(st.one_of(st.none(), st.sampled_from(["true", "false"]))), dtype="category"),
        "mixed": pd.Series(column(st.one_of(st.none(), st.integers(0, 3), st.sampled_from(TEXTS))), dtype=object),
    })


def both_ways(tmp_path: Path, frame: pd.DataFrame) -> tuple[Path, Path]:
    """The same skeleton spliced by the previous writer and by this one."""
    workbook = Workbook(write_only=True)
    writer = SheetWriter(workbook, "Cases")
    writer.note("a note above the table")
    deferred = deferred_table(writer, frame, {"her2_category": CATEGORY_FILLS}, wrap_columns=("explanation",))
    skeleton, old, new = tmp_path / "skeleton.xlsx", tmp_path / "old.xlsx", tmp_path / "new.xlsx"
    workbook.save(skeleton)
    legacy_sheetxml.splice(skeleton, old, [deferred])
    sheetxml.splice(skeleton, new, [deferred])
    return old, new


def cells(path: Path) -> list[list[tuple]]:
    """Every cell as (value, type, number format, fill colour, wrap)."""
    sheet = openpyxl.load_workbook(path)["Cases"]
    return [[(c.value, type(c.value).__name__, c.number_format, c.fill.fgColor.rgb, bool(c.alignment.wrap_text))
             for c in row] for row in sheet.iter_rows()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frame=frames(), chunk=st.sampled_from([1, 4, 20_000]))
def test_same_cells_as_the_previous_writer(tmp_path, monkeypatch, frame, chunk):
    monkeypatch.setattr(sheetxml, "CHUNK_ROWS", chunk)  # chunk borders: shared strings span chunks
    old, new = both_ways(tmp_path, frame)
    assert cells(new) == cells(old)


def test_repeated_text_is_shared_and_nothing_is_a_formula(tmp_path):
    frame = pd.DataFrame({"case_id": [f"S{i}" for i in range(40)],
                          "her2_category": pd.Categorical(["HER2-low", "HER2-0"] * 20),
                          "explanation": ["=HYPERLINK(\"x\") & <b>"] * 40,
                          "report_date": ["2024-01-31", ""] * 20})
    old, new = both_ways(tmp_path, frame)
    with zipfile.ZipFile(new) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        strings = archive.read("xl/sharedStrings.xml").decode()
        assert b"<f>" not in sheet and b"<f>" not in archive.read("xl/sharedStrings.xml")
        assert "sharedStrings" in archive.read("[Content_Types].xml").decode()
        assert "sharedStrings.xml" in archive.read("xl/_rels/workbook.xml.rels").decode()
    assert strings.count("<si>") == 3  # two categories and the explanation, once each; case ids inline
    assert "=HYPERLINK(&quot;x&quot;) &amp; &lt;b&gt;" in strings or '=HYPERLINK("x") &amp; &lt;b&gt;' in strings
    assert b"<c/>" in sheet and b' r="A3"' not in sheet  # cells placed by order, an empty one kept as <c/>
    assert cells(new) == cells(old)


def test_empty_frame(tmp_path):
    old, new = both_ways(tmp_path, pd.DataFrame({"case_id": pd.Series([], dtype=object)}))
    assert len(cells(new)) == 2 and cells(new) == cells(old)  # the note and the header


class Broken:
    def write(self, data) -> None:
        raise OSError("disk full")


def test_a_deflate_error_surfaces_in_the_callers_thread():
    deflater = sheetxml.Deflater(Broken())
    deflater.write(b"x")
    for _ in range(500):  # until the worker has met it
        if deflater.error is not None:
            break
        time.sleep(0.01)
    with pytest.raises(OSError, match="disk full"):
        deflater.write(b"y")  # at the next write
    with pytest.raises(OSError, match="disk full"):
        deflater.close()  # and at close; the worker has stopped
    assert not deflater.thread.is_alive()


def test_rows_are_joined_without_a_copy():
    frame = pd.DataFrame({"a": ["x", None, "y & z"], "b": [1.0, np.nan, 3.5]})
    rows = sheetxml.rows_xml(frame, 5, {})
    assert bytes(sheetxml._data(rows)) == "".join(rows.to_pylist()).encode()
    assert rows.to_pylist()[1] == '<row r="6"><c/><c/></row>'


def test_an_error_while_generating_stops_the_worker(tmp_path, monkeypatch):
    frame = pd.DataFrame({"case_id": [f"S{i}" for i in range(30)]})
    workbook = Workbook(write_only=True)
    deferred = deferred_table(SheetWriter(workbook, "Cases"), frame)
    skeleton = tmp_path / "skeleton.xlsx"
    workbook.save(skeleton)
    calls = []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt  # as a signal would, in the middle of a sheet
        return original(*args, **kwargs)

    original = sheetxml.rows_xml
    monkeypatch.setattr(sheetxml, "CHUNK_ROWS", 10)
    monkeypatch.setattr(sheetxml, "rows_xml", failing)
    with pytest.raises(KeyboardInterrupt):  # the generating error, not one from the worker
        sheetxml.splice(skeleton, tmp_path / "out.xlsx", [deferred])
    assert len(calls) == 2
    assert not any(t.name == "her2batch-deflate" for t in threading.enumerate())

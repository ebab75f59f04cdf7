"""The CSV writer (reports.files.CsvStream, reports.csvtext) against the one it replaced
(tests/legacy_io.py): on hypothesis-made frames of every column kind the outputs read back to the
same cells with Python's csv module, pandas and pyarrow (which also tells empty text from a
missing value), the same cells are formula-escaped and counted, and only the quoting differs."""

from __future__ import annotations

import csv
import io
import itertools
import math
from pathlib import Path

import legacy_io
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from her2batch.privacy import escape_formula_cells, escape_formulas
from her2batch.reports import csvtext, files
from her2batch.reports.files import CsvStream

TEXT = st.text(alphabet=st.sampled_from([*"ab1 .,;\"'\t\r\n=+-@", "é", "Ł", "€", "\u2028", "\ufeff", "0", "e"]),
               max_size=8)
MAYBE_TEXT = st.one_of(TEXT, st.none(), st.just(""), st.sampled_from(["-1.5", "+3", " -2 ", "=1+1", "@x", "1e5", "\t"]))
FLOATS = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.1, -0.0, 1e16, 1e-7, 2.5, 100.0]))


@st.composite
def frames(draw) -> pd.DataFrame:
    rows = draw(st.integers(0, 12))

    def values(strategy):
        return draw(st.lists(strategy, min_size=rows, max_size=rows))

    kinds = draw(st.lists(st.sampled_from(["object", "string", "str", "category", "category_int", "bool", "boolean",
                                           "int", "Int64", "float", "mixed"]), min_size=1, max_size=8))
    columns = {}
    for number, kind in enumerate(kinds):
        name = draw(st.one_of(st.sampled_from(["case_id", "Note", "a,b", 'say "x"', " pad ", "=sum", "é"]), TEXT))
        name = f"{name}{number}"
        if kind == "object":
            column = pd.Series(values(MAYBE_TEXT), dtype=object)
        elif kind == "string":
            column = pd.Series(values(MAYBE_TEXT), dtype="string")
        elif kind == "str":
            column = pd.Series(values(MAYBE_TEXT), dtype="str")
        elif kind == "category":
            column = pd.Series(values(MAYBE_TEXT), dtype="category")
            extra = dict.fromkeys(c for c in draw(st.lists(TEXT, max_size=2)) if c not in column.cat.categories)
            column = column.cat.add_categories(list(extra))  # unused categories
        elif kind == "category_int":
            column = pd.Series(values(st.one_of(st.integers(-3, 3), st.none())), dtype=object).astype("category")
        elif kind == "bool":
            column = pd.Series(values(st.booleans()), dtype=bool)
        elif kind == "boolean":
            column = pd.Series(values(st.one_of(st.booleans(), st.none())), dtype="boolean")
        elif kind == "int":
            column = pd.Series(values(st.integers(-(2**62), 2**62)), dtype=np.int64)
        elif kind == "Int64":
            column = pd.Series(values(st.one_of(st.integers(-999, 999), st.none())), dtype="Int64")
        elif kind == "float":
            column = pd.Series(values(FLOATS), dtype=np.float64)
        else:
            column = pd.Series(values(st.one_of(MAYBE_TEXT, st.integers(-5, 5), FLOATS, st.booleans())), dtype=object)
        columns[name] = column.reset_index(drop=True)
    return pd.DataFrame(columns)


def write_old(path: Path, chunks: list[pd.DataFrame], escape: bool) -> int:
    return legacy_io.write_csv(path, chunks, escape, batch_rows=4)


def write_new(path: Path, chunks: list[pd.DataFrame], escape: bool) -> int:
    stream = CsvStream(path, escape)
    for chunk in chunks:
        stream.write(chunk)
    stream.close()
    return stream.escaped


def read_with_arrow(path: Path) -> list[list]:
    """Cells as pyarrow reads them when "" and nothing differ (strings, nulls kept apart)."""
    table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(autogenerate_column_names=True, skip_rows=1),
                           convert_options=pacsv.ConvertOptions(quoted_strings_can_be_null=False,
                                                                strings_can_be_null=True,
                                                                column_types={}, ))
    return [[None if v is None else str(v) for v in row.values()] for row in table.to_pylist()] if table.num_rows else []


def split(frame: pd.DataFrame, cuts: list[int]) -> list[pd.DataFrame]:
    bounds = sorted({0, len(frame), *(c % (len(frame) + 1) for c in cuts)})
    return [frame.iloc[a:b] for a, b in itertools.pairwise(bounds)] or [frame]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames(), st.booleans(), st.lists(st.integers(0, 12), max_size=2))
def test_same_cells_as_the_old_writer(tmp_path, monkeypatch, frame, escape, cuts):
    monkeypatch.setattr(files, "CSV_BATCH_ROWS", 4)  # several batches, as at a million rows
    chunks = split(frame, cuts)
    old, new = tmp_path / "old.csv", tmp_path / "new.csv"
    assert write_new(new, chunks, escape) == write_old(old, chunks, escape)
    old_text, new_text = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    assert list(csv.reader(io.StringIO(new_text, newline=""))) == list(csv.reader(io.StringIO(old_text, newline="")))
    if len(frame.columns) > 1 or len(frame) == 0:  # (one empty cell alone is a blank line to pandas)
        pd.testing.assert_frame_equal(pd.read_csv(new, dtype=str, keep_default_na=False),
                                      pd.read_csv(old, dtype=str, keep_default_na=False))
    if len(frame):
        try:
            expected = read_with_arrow(old)
        except pa.ArrowInvalid:  # a quoted CR or LF at a block edge, or a header pyarrow cannot split
            return
        assert read_with_arrow(new) == expected
    assert len(new_text.encode()) <= len(old_text.encode())


def test_quotes_only_where_needed(tmp_path):
    frame = pd.DataFrame({
        "case_id": ["S1", "S2", "S3", "S4", "S5", None],
        "note": ['say "x"', "a,b", "two\nlines", " pad", "", None],
        "ratio": [1.5, None, 1e16, -0.0, 0.1, float("inf")],
        "low": [True, False, True, False, True, False],
        "category": pd.Series(["HER2-low", "", None, "HER2-0", "a,b", "HER2-low"], dtype="category"),
    })
    write_new(tmp_path / "x.csv", [frame], escape=True)
    assert (tmp_path / "x.csv").read_text(encoding="utf-8").splitlines() == [
        "case_id,note,ratio,low,category",
        'S1,"say ""x""",1.5,true,HER2-low',
        'S2,"a,b",,false,""',
        'S3,"two',
        'lines",1e+16,true,',
        'S4," pad",-0,false,HER2-0',
        'S5,"",0.1,true,"a,b"',
        ",,inf,false,HER2-low",
    ]


def test_formula_cells_escaped_and_counted_as_before(tmp_path):
    frame = pd.DataFrame({
        "text": ["=1+1", "-1.5", "+3", "@x", "ok", "-abc", None, "\tx", "\rx", " -2 "],
        "category": pd.Series(["=A1", "ok", "=A1", None, "-1", "+x", "ok", "ok", "@", "-"], dtype="category"),
        "number": [-1.0] * 10,
    })
    expected, count = escape_formulas(frame)
    assert write_new(tmp_path / "x.csv", [frame], escape=True) == count == 10
    cells = list(csv.reader((tmp_path / "x.csv").open(newline="", encoding="utf-8")))[1:]
    assert [row[0] for row in cells] == list(expected["text"].fillna(""))
    assert [row[1] for row in cells] == list(expected["category"].astype("string").fillna(""))


def test_escape_formula_cells_matches_escape_formulas():
    values = ["=1+1", "-1.5", "+3", "@x", "ok", "-abc", None, "", "\t", "-", "+1e5", "-٣"]
    array = pa.array(values, pa.large_string())
    escaped, changed = escape_formula_cells(array)
    expected, count = escape_formulas(pd.DataFrame({"a": pd.Series(values, dtype="string")}))
    assert escaped.to_pylist() == [None if v is pd.NA else v for v in expected["a"]]
    assert int(changed.sum()) == count


def test_missing_values_hold_no_bytes():
    """A missing value whose slot holds bytes (possible in Arrow) is still written as nothing."""
    data = pa.py_buffer(b"abXY")
    array = pa.Array.from_buffers(pa.large_string(), 2, [pa.py_buffer(np.packbits([1, 0], bitorder="little")),
                                                         pa.py_buffer(np.array([0, 2, 4], dtype=np.int64)), data])
    assert array.to_pylist() == ["ab", None]
    rows = csvtext.lines([csvtext.fields(array)])
    assert bytes(csvtext.text_buffer(rows)) == b"ab\n\n"


def test_worker_error_is_raised_by_close(tmp_path, monkeypatch):
    stream = CsvStream(tmp_path / "x.csv")

    def broken(columns):
        raise OSError("disk full")

    monkeypatch.setattr(stream, "_write_rows", broken)
    stream.write(pd.DataFrame({"a": ["x"]}))
    with pytest.raises(OSError, match="disk full"):
        stream.close()
    assert stream._file.closed


def test_header_only_and_nan_float(tmp_path):
    write_new(tmp_path / "x.csv", [pd.DataFrame({"a b": pd.Series([], dtype=float)})], escape=True)
    assert (tmp_path / "x.csv").read_bytes() == b"a b\n"
    write_new(tmp_path / "y.csv", [pd.DataFrame({"f": [math.nan, 2.0], "g": ["", "x"]})], escape=True)
    assert (tmp_path / "y.csv").read_bytes() == b'f,g\n,""\n2,x\n'

"""The text reader against the one it replaced (tests/legacy_io.py): on generated exports, hostile
ones included, it finds the same encoding, delimiter, header, rows, values, row numbers, rejects
with their reasons and notes. Small head, sniff and block sizes make the new reader's own limits
(the decoded head, pyarrow's blocks) fall inside every generated file."""

from __future__ import annotations

import codecs
import csv
import hashlib
import itertools
import re
from pathlib import Path

import legacy_io
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from her2batch.read import encoding as encodings
from her2batch.read import sources
from her2batch.read.sources import InputError, ReadOptions, Source, read_source


def read_new(path: Path, options: ReadOptions, config: dict | None) -> Source:
    source = Source(path, path.name)
    read_source(source, config, options)
    return source


def read_old(path: Path, options: ReadOptions, config: dict | None) -> Source:
    source = Source(path, path.name)
    data = path.read_bytes()
    source.sha256 = hashlib.sha256(data).hexdigest()
    try:
        legacy_io.read_text(source, data, config, options)
    except InputError as problem:
        source.status, source.error, source.tables = "failed", str(problem), []
    except pa.ArrowInvalid as problem:  # the old reader crashed on a header with no line break after it
        assert str(problem).startswith("Could not skip initial")
        source.status = "crashed"
    return source


def assert_same(new: Source, old: Source) -> None:
    for name in ("status", "error", "sha256", "encoding", "encoding_confidence", "delimiter", "notes", "warnings"):
        assert getattr(new, name) == getattr(old, name), name
    assert len(new.tables) == len(old.tables)
    for a, b in zip(new.tables, old.tables, strict=True):
        for name in ("columns", "header_row", "ragged", "key_columns", "folded", "carries_her2", "ragged_columns",
                     "notes", "naaccr_fields"):
            assert getattr(a, name) == getattr(b, name), name
        assert a.header_map.canonical_of == b.header_map.canonical_of
        np.testing.assert_array_equal(a.source_row, b.source_row)
        pd.testing.assert_frame_equal(a.data, b.data)
        assert (a.review_bits is None) == (b.review_bits is None)
        if a.review_bits is not None:
            np.testing.assert_array_equal(a.review_bits, b.review_bits)


def compare(tmp_path: Path, data: bytes, suffix: str = ".csv", options: ReadOptions | None = None,
            config: dict | None = None) -> Source:
    options = options or ReadOptions()
    path = tmp_path / f"export{suffix}"
    path.write_bytes(data)
    new, old = read_new(path, options, config), read_old(path, options, config)
    if old.status == "crashed":  # now: the header and no rows
        assert new.status == "ok" and new.rows == 0 and not data.rstrip(b"\x00").endswith((b"\n", b"\r"))
    elif not (new.status == "ok" and multi_line_above_data(data, new, options)):  # there the old reader erred
        assert_same(new, old)
    return new


def multi_line_above_data(data: bytes, source: Source, options: ReadOptions) -> bool:
    """Whether a record up to the header spans several lines (see test_title_cell_of_several_lines)."""
    text = encodings.decode(data, options.encoding)[0].replace("\x00", "")
    reader = csv.reader(sources.text_lines(text), delimiter=source.delimiter)
    header_row = source.tables[0].header_row
    for index, record in enumerate(itertools.islice(reader, sources.HEADER_SEARCH_ROWS)):
        start = reader.line_num - sum(len(re.findall(r"\r\n|\r|\n", cell)) for cell in record)
        if reader.line_num != index + 1:
            return True
        if start >= header_row:
            return False
    return False


@pytest.fixture
def small_limits(monkeypatch):
    """Head, sniff sample and pyarrow blocks far smaller than the generated files."""
    monkeypatch.setattr(sources, "HEAD_BYTES", 16)
    monkeypatch.setattr(sources, "SNIFF_CHARACTERS", 60)
    monkeypatch.setattr(sources, "BLOCK_BYTES", 64)


HEADERS = ["Case ID", "HER2 IHC", "HER2/CEP17 Ratio", "Note", "MRN", "Report Date", "", "Note"]
CHARS = st.sampled_from([*"ab1+-= .,;|\t\"\r\n", "é", "Ł", "\u00a0", "\u2028", "\x00", "\ufeff", "x\r\n"])
CELL = st.lists(CHARS, max_size=6).map("".join)
# Above the data no line breaks inside a cell: the old reader misplaced the header under such a
# title (pyarrow's skip_rows counts lines); test_title_cell_of_several_lines checks that case.
TITLE_CELL = st.lists(CHARS.filter(lambda c: "\r" not in c and "\n" not in c), max_size=6).map("".join)


@st.composite
def exports(draw) -> tuple[bytes, str]:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))

    def cell(text: str) -> str:
        style = draw(st.sampled_from(["quote", "raw", "raw", "auto"]))
        special = any(c in text for c in (delimiter, '"', "\r", "\n"))
        if style == "quote" or (style == "auto" and special):
            return '"' + text.replace('"', '""') + '"'
        return text

    width = draw(st.integers(2, 6))
    header = [draw(st.sampled_from(HEADERS)) for _ in range(width)]
    header[draw(st.integers(0, width - 1))] = "Case ID"
    lines = [delimiter.join(cell(t) for t in draw(st.lists(TITLE_CELL, max_size=3)))
             for _ in range(draw(st.integers(0, 3)))]  # title rows
    lines.append(delimiter.join(cell(h) for h in header))
    if draw(st.booleans()):
        lines.append(delimiter.join(cell(t) for t in draw(st.lists(st.sampled_from(["", "Ratio", "Copies", "%"]),
                                                                     min_size=width, max_size=width))))
    for _ in range(draw(st.integers(0, 25))):
        n = draw(st.sampled_from([width, width, width, 0, 1, width - 1, width + 1, width + 2]))
        lines.append(delimiter.join(cell(draw(CELL)) for _ in range(n)))
    text = ending.join(lines) + draw(st.sampled_from(["", ending, ending * 2]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace"), draw(st.sampled_from([".csv", ".tsv", ".txt"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports())
def test_same_tables_as_before(tmp_path, small_limits, export):
    data, suffix = export
    compare(tmp_path, data, suffix)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports(), st.sampled_from([None, "utf-8", "utf-8-sig", "cp1252", "latin-1"]), st.sampled_from([0, 1, 2]))
def test_same_tables_as_before_with_options(tmp_path, small_limits, export, encoding, header_rows):
    data, suffix = export
    compare(tmp_path, data, suffix, ReadOptions(header_rows=header_rows, encoding=encoding))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(exports())
def test_same_tables_as_before_at_full_limits(tmp_path, export):
    data, suffix = export
    compare(tmp_path, data, suffix)


def test_first_records_longer_than_the_head(tmp_path, monkeypatch):
    """The header search needs whole records: many title lines and a header longer than the head."""
    monkeypatch.setattr(sources, "HEAD_BYTES", 64)
    title = "".join(f"line {i} of a long title\n" for i in range(15))
    rows = "".join(f"A{i},{i % 4}+,\"x\ny\"\r\n" for i in range(50))
    new = compare(tmp_path, (title + "Case ID,HER2 IHC," + "N" * 300 + "\n" + rows).encode())
    assert new.tables[0].header_row == 16 and list(new.tables[0].source_row[:3]) == [17, 19, 21]


def test_title_cell_of_several_lines(tmp_path, monkeypatch):
    """A quoted title of 200 lines above the header: the header is the record after it, rows are
    numbered by their lines (the old reader let pyarrow skip 2 lines, not 2 records, and read the
    title's lines and the header as rows)."""
    monkeypatch.setattr(sources, "HEAD_BYTES", 64)
    title = '"' + "\n".join(f"line {i}, of a long title" for i in range(200)) + '"'
    rows = "".join(f"A{i},{i % 4}+,\"x\ny\"\r\n" for i in range(50))
    path = tmp_path / "titled.csv"
    path.write_bytes((title + "\nCase ID,HER2 IHC,Note\n" + rows).encode())
    (table,) = read_new(path, ReadOptions(), None).tables
    assert table.header_row == 201 and not table.ragged
    assert list(table.source_row[:3]) == [202, 204, 206] and len(table.data) == 50
    assert list(table.data.iloc[0]) == ["A0", "0+", "x\ny"]


def test_first_data_record_starting_with_a_byte_order_mark(tmp_path):
    """pyarrow drops a BOM at the start of what it reads: the cell keeps it, as before."""
    new = compare(tmp_path, "Case ID,HER2 IHC\n\ufeffA,1+\nB,2+\n".encode())
    assert list(new.tables[0].data["Case ID"]) == ["\ufeffA", "B"]


def test_header_is_the_last_line(tmp_path):
    for data in (b"Case ID,HER2 IHC", b"Case ID,HER2 IHC\n", b"Title\r\nCase ID,HER2 IHC\r"):
        new = read_new(write(tmp_path, data), ReadOptions(), None)
        assert new.status == "ok" and new.rows == 0


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    return path


def test_bom_and_nul_bytes_read_as_before(tmp_path):
    data = codecs.BOM_UTF8 + "Case ID,HER2 IHC,Note\nA,1+,é\x00\nB,\x002+,\"x\x00\ny\"\n".encode()
    new = compare(tmp_path, data)
    assert new.encoding == "utf-8-sig" and new.notes[0] == "3 NUL characters removed"
    assert list(new.tables[0].source_row) == [2, 3]


def test_invalid_utf8_is_detected_as_before(tmp_path):
    new = compare(tmp_path, "Case ID;HER2 IHC;Pathologist\nA;1+;Dvořák\n".encode("cp1250"))
    assert new.encoding != "utf-8"
    compare(tmp_path, codecs.BOM_UTF8 + b"Case ID,HER2 IHC\nA,1+\xff\n")  # a BOM, then a bad byte: replaced


def test_record_longer_than_a_block(tmp_path, monkeypatch):
    """pyarrow cannot split a record across blocks: such a file is read again in one block."""
    monkeypatch.setattr(sources, "BLOCK_BYTES", 1024)
    data = ("Case ID,HER2 IHC,Note\nA,1+,short\nB,2+," + "x" * 5000 + "\nC,3+,\"q\nq\"\n").encode()
    new = compare(tmp_path, data)
    assert list(new.tables[0].data["Case ID"]) == ["A", "B", "C"] and list(new.tables[0].source_row) == [2, 3, 4]


def test_no_header_message_as_before(tmp_path, small_limits):
    new = compare(tmp_path, b"a,b\n" * 40)
    assert new.status == "failed" and "no case identifier column" in new.error


# Exports joined together (cat a.csv b.csv): the header line comes again among the data.
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_same_header_again_is_rejected_and_read_on(tmp_path, suffix):
    import her2batch

    rows = [["Accession", "HER2 IHC", "ISH ratio"], ["A1", "2+", "2.5"], ["A2", "1+", ""],
            ["Accession", "HER2 IHC", "ISH ratio"], ["A3", "0", ""], ["A4", "3+", ""]]
    path = _write_rows(tmp_path / f"joined{suffix}", rows)
    report = her2batch.process([path], tmp_path / "out")
    assert list(report.cases["case_id"]) == ["A1", "A2", "A3", "A4"]
    assert list(report.rejects["reasons"]) == ["the header row again (exports joined together), not a case"]
    assert report.rows_in == 5


@pytest.mark.parametrize("second", [["Accession", "ISH ratio", "HER2 IHC"], ["Accession", "HER2 IHC", "PR %"],
                                    ["accession", "ISH ratio", ""]])
def test_another_header_line_fails_the_input_naming_its_line(tmp_path, second):
    """Rows under a header of another layout would stand under the wrong headers: never read them."""
    import her2batch

    rows = [["Accession", "HER2 IHC", "ISH ratio"], ["A1", "2+", "2.5"], second, ["A3", "", "0"]]
    path = _write_rows(tmp_path / "joined.csv", rows)
    report = her2batch.process([path], tmp_path / "out")
    (failed,) = report.failed
    assert "line 3 is another header line" in failed.error


def test_a_case_named_like_the_header_is_still_a_case(tmp_path):
    import her2batch

    rows = [["Accession", "HER2 IHC", "ISH ratio"], ["Accession", "2+", "2.5"]]
    report = her2batch.process([_write_rows(tmp_path / "odd.csv", rows)], tmp_path / "out")
    assert len(report.cases) == 1 and not len(report.rejects)


def _write_rows(path: Path, rows: list[list[str]]) -> Path:
    if path.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.Workbook()
        for row in rows:
            book.active.append(row)
        book.save(path)
    else:
        with path.open("w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(rows)
    return path


@given(st.lists(st.lists(st.sampled_from(["Accession", "HER2 IHC", "ISH ratio", "A1", "2+", "", "accession", "x"]),
                         min_size=3, max_size=3), max_size=8))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_repeated_header_rows_never_raise_and_mark_only_header_lines(rows):
    """A row marked as the same header again holds nothing but its own headers; one marked as
    another header line has its case cell reading as the case header."""
    from her2batch.read import footer

    frame = pd.DataFrame(rows or [["", "", ""]], columns=["Accession", "HER2 IHC", "ISH ratio"], dtype="string")
    same, other = footer.repeated_header_rows(frame, "Accession")
    assert not (same & other).any()
    for i in np.flatnonzero(same):
        assert all(v.strip().lower() in ("", h.lower()) for v, h in zip(frame.iloc[i], frame.columns, strict=True))
    for i in np.flatnonzero(other):
        assert frame.iloc[i, 0].strip().lower() == "accession"


def test_section_headings_totals_pairs_fractions_and_score_shares(tmp_path):
    """A red-team corpus's traps, read the safe way: a heading row is no case and its gastric site
    sends the rows under it to review; paired totals labels are a totals row; a column of fractions
    is scaled only where its header says so; a '% of 3+ cells' is not the share stained."""
    import her2batch

    export = tmp_path / "log.csv"
    export.write_text("Case,HER2 IHC,HER2 % (3+ cells),ER (fraction of cells)\n"
                      "--- Breast cases ---,,,\n"
                      "B1,0,0,0.9\n"
                      "--- Stomach cases ---,,,\n"
                      "G1,1+,,0.5\n"
                      "Totals / means (n=2),3,0,0.7\n", encoding="utf-8")
    report = her2batch.process([export], tmp_path / "out")
    cases = report.cases.set_index("case_id")
    assert list(cases.index) == ["B1", "G1"]
    assert sorted(report.rejects["reasons"]) == ["a section heading, not a case", "a section heading, not a case",
                                                 "summary row, not a case"]
    assert cases.loc["B1", "her2_category"] == "HER2-0"  # 0% of 3+ cells says nothing of the 0's sub-type
    assert "site_in_other_column" in cases.loc["G1", "review_reasons"]
    assert any("HER2 % (3+ cells)" in w for w in report.result.warnings)
    assert cases.loc["B1", "er_percent"] == 90  # the header says fraction: 0.9 is 90%


@pytest.mark.parametrize(("er", "hr"), [("Positive", "true"), ("neg", "false"), ("Positive (90%)", "true"),
                                         ("Negative (0%)", "false")])
def test_er_status_words_are_read_not_rejected(tmp_path, er, hr):
    import her2batch

    export = tmp_path / "er.csv"
    export.write_text(f"Case,HER2 IHC,ER,PR\nA1,1+,{er},{er}\n", encoding="utf-8")
    report = her2batch.process([export], tmp_path / "out")
    assert not len(report.rejects) and str(report.cases.loc[0, "hr_positive"]) == hr


def test_an_overall_status_column_that_disagrees_is_reviewed(tmp_path):
    import her2batch

    export = tmp_path / "status.csv"
    export.write_text("Case,HER2 Status,HER2 IHC\nA1,Positive,1+\nA2,Negative,1+\n", encoding="utf-8")
    cases = her2batch.process([export], tmp_path / "out").cases.set_index("case_id")
    assert cases.loc["A1", "review_reasons"] == "her2_value_not_read" and cases.loc["A2", "review_reasons"] == ""

from __future__ import annotations

import codecs

import pytest

from her2batch.read.sources import Source, decode, read_source, sniff_delimiter


def read(tmp_path, name: str, data: bytes) -> Source:
    path = tmp_path / name
    path.write_bytes(data)
    source = Source(path, name)
    read_source(source)
    return source


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + "é".encode(), "utf-8-sig"),
        ("é".encode("utf-16"), "utf-16"),
        ("Case,é\n".encode("utf-16-le"), "utf-16-le"),
        ("é".encode(), "utf-8"),
        ("é".encode("cp1252"), "cp1252"),
    ],
)
def test_decode(data, encoding):
    assert decode(data)[1] == encoding


def test_decode_bytes_no_code_page_defines_never_crash():
    text, encoding = decode(b"\x81\x8d\x8f\x90\x9d")
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [("a,b,c\n1,2,3\n", ","), ("a;b;c\n1,5;2;3\n", ";"), ("a\tb\n1\t2\n", "\t"), ("a|b\n1|2\n", "|")],
)
def test_sniff(text, delimiter):
    assert sniff_delimiter(text, ".csv") == delimiter


def test_title_rows_blank_rows_and_crlf(tmp_path):
    data = b"HER2 export\r\n\r\nCase ID,HER2 IHC\r\nA,1+\r\n\r\nB,2+\r\n,\r\n"
    source = read(tmp_path, "x.csv", data)
    (table,) = source.tables
    assert table.header_row == 3
    assert list(table.source_row) == [4, 6]
    assert list(table.data["Case ID"]) == ["A", "B"]


def test_ragged_rows_set_aside_trailing_delimiters_allowed(tmp_path):
    source = read(tmp_path, "x.csv", b"Case ID,HER2 IHC\nA,1+,,\nB\nC,2+,extra\n")
    (table,) = source.tables
    assert list(table.data["Case ID"]) == ["A"]
    assert [(row, reason) for row, reason, _ in table.ragged] == [
        (3, "row has 1 cells, the header has 2"),
        (4, "row has 3 cells, the header has 2"),
    ]


def test_blank_and_repeated_headers_get_names(tmp_path):
    (table,) = read(tmp_path, "x.csv", b"Case ID,,Note,Note\nA,x,y,z\n").tables
    assert table.columns == ["Case ID", "column B", "Note", "Note (2)"]


def test_binary_file_fails_cleanly(tmp_path):
    source = read(tmp_path, "x.csv", bytes(range(256)) * 40)
    assert source.status == "failed" and "binary" in source.error


def test_text_named_xlsx_fails_cleanly(tmp_path):
    source = read(tmp_path, "x.xlsx", b"Case ID,HER2\nA,1+\n")
    assert source.status == "failed" and "not a valid workbook" in source.error


@pytest.mark.parametrize(("content", "hint"), [
    (b"<html><table><tr><td>Accession</td></tr></table></html>", "HTML or XML table"),
    (b"Accession\tHER2 IHC\nA1\t3+\n", "looks like delimited text; rename it to .txt or .csv"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "Excel 97-2003 workbook; save it as .xlsx or CSV"),
])
def test_a_lis_xls_says_what_it_holds(tmp_path, content, hint):
    """LIS systems save HTML or text tables as '.xls': the failed input says what to do with it."""
    path = tmp_path / "export.xls"
    path.write_bytes(content)
    source = Source(path, "export.xls")
    read_source(source)
    assert source.status == "failed" and "unsupported file type" in source.error and hint in source.error

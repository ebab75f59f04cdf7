"""Chunked runs: every chunk size gives the outputs of one whole-run pass, across chunk boundaries."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from her2batch import pipeline
from her2batch.config import Settings
from her2batch.pipeline import classify_frame, run, table_chunks
from her2batch.read.discover import find_inputs
from her2batch.read.sources import read_source
from her2batch.reports.files import write_csv
from her2batch.reports.stream import CasesCsv

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "Accession,MRN,Report Date,HER2 IHC,HER2/CEP17 ratio,ISH result,ER %\n"


@pytest.fixture
def exports(tmp_path: Path) -> list[Path]:
    """Two files with different columns; duplicates, a conflict and ragged rows across chunk
    boundaries; the day/month order of dates only shown by the last row (13/02: day first)."""
    first = tmp_path / "a.csv"
    first.write_text(
        HEADER
        + "A1,M1,01/02/2024,2+,2.4,amplified,90\n"
        + "A2,M2,03/04/2024,1+,,,0\n"
        + "A3,M3,05/06/2024,0,,,5\n"
        + "A1,M1,01/02/2024,2+,2.4,amplified,90\n"  # same results: duplicate
        + "A4,M4,07/08/2024,3+,,,80,extra\n"  # ragged
        + ",M5,09/10/2024,1+,,,10\n"  # reject: no case id
        + "A5,M5,11/12/2024,0,abc,,10\n"  # reject: ratio not a number
        + "A2,M2,03/04/2024,2+,1.1,not amplified,0\n"  # different results: conflict
        + "A6,M6,02/03/2024,1+,,,\n"
        + "A7,M7,04/05/2024,2+,,,150\n",  # reject: ER above 100
        encoding="utf-8",
    )
    second = tmp_path / "b.csv"
    second.write_text(
        "Accession,HER2 IHC,Site,Pathologist,Report Date\n"
        + "B1,0 (null),Breast,Dr X,12/12/2024\n"
        + "A3,1+,Stomach,Dr Y,13/02/2024\n"  # A3 again, in another file, with another result: conflict
        + "B2,ultralow,Breast,Dr X,01/01/2025\n"
        + "B3,2+,GEJ,Dr Z,\n",
        encoding="utf-8",
    )
    return [first, second]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 100])
def test_every_chunk_size_gives_the_whole_run_result(exports, size):
    whole = run(exports, Settings(), chunk_rows=10_000)
    chunked = run(exports, Settings(), chunk_rows=size)
    assert whole.rows_in == chunked.rows_in == len(chunked.cases) + len(chunked.rejects)
    pd.testing.assert_frame_equal(_text(chunked.cases), _text(whole.cases))
    pd.testing.assert_frame_equal(_text(chunked.rejects), _text(whole.rejects))


def test_duplicates_and_date_order_cross_chunk_boundaries(exports):
    cases = run(exports, Settings(), chunk_rows=1).cases.set_index(["source_file", "source_row"])
    reasons = cases["review_reasons"].astype(str)
    by_case = reasons.groupby(cases["case_id"].to_numpy()).agg(lambda r: set(";".join(r).split(";")))
    assert "duplicate_case_id" in by_case["A1"] and "duplicate_conflict" not in by_case["A1"]
    assert "duplicate_conflict" in by_case["A2"]
    assert "duplicate_conflict" in by_case["A3"]  # first file's row 4 and second file's row 3
    assert not {"duplicate_case_id", "duplicate_conflict"} & by_case["A6"]
    # 13/02/2024 in the last chunk decides day first for the first chunk's 01/02/2024
    assert set(cases.loc[cases["case_id"] == "A1", "report_date"]) == {"2024-02-01"}


def test_rejects_stay_in_file_order_with_ragged_rows_between_chunks(exports):
    rejects = run(exports, Settings(), chunk_rows=2).rejects
    assert rejects["source_row"].tolist() == [6, 7, 8, 11]
    assert rejects["reasons"].str.contains("8 cells").tolist() == [True, False, False, False]
    assert list(rejects.columns[:3]) == ["source_file", "source_row", "reasons"]
    assert rejects.columns[-1] == "source_sheet"


def test_table_chunks_cut_tables_and_share_small_ones(exports):
    sources = find_inputs(exports).sources
    for source in sources:
        read_source(source)
    tables = [(s, t) for s in sources for t in s.tables]
    chunks = list(table_chunks(tables, 4))
    sizes = [[len(t.data) for _, _, t in chunk] for chunk in chunks]
    assert sizes == [[4], [4], [1, 3], [1]]  # 9 data rows in a.csv, 4 in b.csv
    assert [[n for n, _, _ in chunk] for chunk in chunks] == [[0], [0], [0, 1], [1]]
    ragged = [row for chunk in chunks for _, _, t in chunk for row, _, _ in t.ragged]
    assert ragged == [6]  # with the piece whose rows surround it
    assert len(chunks[0][0][2].ragged) == 1
    assert len(list(table_chunks([], 4))) == 1  # an empty run is one empty chunk


def test_streamed_cases_csv_is_the_whole_frame_written_at_once(exports, tmp_path):
    settings = Settings()
    sink = CasesCsv(tmp_path / "out", settings, None)
    streamed = run(exports, settings, sink=sink, chunk_rows=3)
    whole = run(exports, settings)
    write_csv(tmp_path / "whole.csv", whole.cases, escape=True)
    assert sink.finish().read_bytes() == (tmp_path / "whole.csv").read_bytes()
    sink.discard()
    assert not list((tmp_path / "out").iterdir())  # the staged file goes when not published
    # what stays in memory: compact columns of every case, all columns of the first ones
    assert len(streamed.cases) == len(whole.cases)
    assert set(streamed.cases.columns) <= set(pipeline.COMPACT_COLUMNS)
    assert "MRN" not in streamed.cases and "explanation" in streamed.cases
    assert isinstance(streamed.cases["explanation"].dtype, pd.CategoricalDtype)
    assert isinstance(streamed.cases["pathologist"].dtype, pd.CategoricalDtype)
    pd.testing.assert_frame_equal(_text(streamed.cases_sheet), _text(whole.cases))
    assert streamed.categories == whole.categories and streamed.review == whole.review


def test_cases_sheet_keeps_only_the_limit(exports, tmp_path):
    settings = Settings().with_options(cases_sheet_limit=3)
    result = run(exports, settings, sink=CasesCsv(tmp_path, settings, None), chunk_rows=2)
    assert len(result.cases_sheet) == 3 and len(result.cases) > 3
    assert result.cases_sheet["case_id"].tolist() == result.cases["case_id"].iloc[:3].tolist()


def test_golden_fixtures_unchanged_in_chunks_of_two(monkeypatch):
    monkeypatch.chdir(FIXTURES)
    for export in ("lab_semicolon_cp1252.csv", "lis_workbook.xlsx"):
        whole, chunked = run([export], Settings()), run([export], Settings(), chunk_rows=2)
        pd.testing.assert_frame_equal(_text(chunked.cases), _text(whole.cases))
        pd.testing.assert_frame_equal(_text(chunked.rejects), _text(whole.rejects))


def test_classify_frame_agrees_with_the_run(exports):
    result = run(exports, Settings())
    cases = result.cases
    raw = cases[["case_id", "patient_id", "report_date", "her2_ihc", "ish_ratio", "ish_result", "er_percent",
                 "tumor_site", "pathologist"]].astype("string")
    raw["ish_ratio"] = raw["ish_ratio"].fillna("")
    raw["er_percent"] = raw["er_percent"].fillna("")
    raw["tumor_site"] = raw["tumor_site"].replace("", pd.NA)  # a.csv has no site column
    out = classify_frame(raw, day_first=True)
    unique = ~cases["review_reasons"].astype(str).str.contains("duplicate")  # a whole-run question
    for name in ("her2_status", "her2_category", "ihc_score", "ish_group", "explanation", "review_reasons",
                 "report_date"):
        assert out.loc[unique, name].fillna("").tolist() == cases.loc[unique, name].astype("string").fillna("").tolist()
    assert (out["reject_reasons"] == "").all()
    rejects = classify_frame(pd.DataFrame({"case_id": ["", "X"], "ish_ratio": ["1.1", "abc"]}))
    assert rejects["reject_reasons"].str.len().gt(0).all()


def test_classify_frame_under_dask_map_partitions(exports):
    dd = pytest.importorskip("dask.dataframe")
    rng = np.random.default_rng(3)
    n = 240
    raw = pd.DataFrame({
        "case_id": [f"C{i}" for i in range(n)],
        "her2_ihc": rng.choice(["0", "1+", "2+", "3+", "0 (null)", "ultralow", "Equivocal (2+)", "", "abc"], n),
        "ish_ratio": rng.choice(["", "1.2", "2.4", "1,9", "abc"], n),
        "ish_her2_copies": rng.choice(["", "3.5", "6.2", "4.1"], n),
        "tumor_site": rng.choice(["Breast", "Stomach", ""], n),
        "report_date": rng.choice(["2024-01-02", "2023-12-31", ""], n),
    }, dtype="string")
    expected = classify_frame(raw)
    frame = dd.from_pandas(raw, npartitions=4)
    got = frame.map_partitions(classify_frame, meta=classify_frame(raw.iloc[:0])).compute()
    assert frame.npartitions == 4
    pd.testing.assert_frame_equal(got.sort_index(), expected, check_dtype=False)


def _text(frame: pd.DataFrame) -> pd.DataFrame:
    """Values as the CSV writes them (categories and string kinds aside)."""
    out = frame.copy()
    for name in out.columns:
        if out[name].dtype == bool:
            out[name] = out[name].map({True: "true", False: "false"})
    return out.astype("string").fillna("").astype(object).reset_index(drop=True)


def test_review_table_cut_to_the_limit_is_the_head_of_the_whole(exports):
    from her2batch.reports.excel import review_table

    whole = run(exports, Settings())
    streamed = run(exports, Settings(), sink=CasesCsv(exports[0].parent / "out", Settings(), None), chunk_rows=2)
    full, total = review_table(whole.cases)
    assert len(full) == total == whole.review > 3
    shown, total = review_table(streamed.cases, 3)
    assert total == whole.review
    pd.testing.assert_frame_equal(shown, full.head(3))
    pd.testing.assert_frame_equal(review_table(streamed.cases)[0], full)


def test_layout_fixtures_stream_in_chunks_of_two_as_one_pass(tmp_path):
    """Folded one-row-per-test tables, hidden sheets, NAACCR abstracts: chunk boundaries change nothing."""
    layouts = sorted(p for p in (FIXTURES / "layouts").iterdir() if p.suffix in (".csv", ".xlsx"))
    whole = run(layouts, Settings())
    sink = CasesCsv(tmp_path / "out", Settings(), None)
    chunked = run(layouts, Settings(), sink=sink, chunk_rows=2)
    write_csv(tmp_path / "whole.csv", whole.cases, escape=True)
    assert sink.finish().read_bytes() == (tmp_path / "whole.csv").read_bytes()
    assert chunked.rows_folded == whole.rows_folded
    pd.testing.assert_frame_equal(_text(chunked.rejects), _text(whole.rejects))


def test_compact_cases_are_the_same_frame_in_one_chunk_or_many(exports, tmp_path):
    """Chunked runs keep what a one-chunk run keeps, dtypes included (text categories stay Arrow
    text), and the Cases-sheet rows own their text rather than slices of a chunk's."""
    settings = Settings().with_options(cases_sheet_limit=2)  # cut within the first chunk
    one = run(exports, settings, sink=CasesCsv(tmp_path / "one", settings, None), chunk_rows=10_000)
    many = run(exports, settings, sink=CasesCsv(tmp_path / "many", settings, None), chunk_rows=3)
    for mine, theirs in ((many.cases, one.cases), (many.cases_sheet, one.cases_sheet)):
        pd.testing.assert_frame_equal(mine, theirs, check_categorical=False)  # categories in first-seen order
    for name in ("pathologist", "report_date", "her2_status", "review_reasons"):  # Arrow text, not Python strings
        assert many.cases[name].cat.categories.dtype == one.cases[name].cat.categories.dtype != object
    for part in many.cases_sheet["case_id"].array._pa_array.chunks:  # no chunk's buffers behind a slice
        assert part.buffers()[2].size == sum(len(v.encode()) for v in part.to_pylist() if v is not None)


def test_own_copies_arrow_text_into_buffers_of_its_size():
    frame = pd.DataFrame({"id": pd.array([f"case {i}" for i in range(1000)], dtype="string"),
                          "kind": pd.array(["a", None] * 500, dtype="str"), "n": np.arange(1000)})
    part = frame.iloc[10:12]
    owned = pipeline.own(part)
    pd.testing.assert_frame_equal(owned, part)
    assert owned["id"].array._pa_array.get_total_buffer_size() < part["id"].array._pa_array.get_total_buffer_size() / 100


@pytest.mark.parametrize("pieces", [1, 3, 7])
def test_whole_run_duplicates_match_the_one_frame_reasons(pieces):
    """WholeRun over chunks (accepted rows masked) gives review.duplicate_reasons of all accepted rows."""
    from her2batch.decide.review import RESULT_COLUMNS, duplicate_reasons

    rng = np.random.default_rng(pieces)
    n = 600
    spellings = np.array([None, "", "2+", " 2+", "2 +", "3+", "1.5", "2.0", "2", "amplified", "Amplified "], dtype=object)
    raw = pd.DataFrame({"case_id": np.array([f"A{i}" for i in rng.integers(0, 250, n)], dtype=object),
                        **{c: spellings[rng.integers(0, len(spellings), n)] for c in RESULT_COLUMNS[:6]}},
                       dtype="string")
    raw.loc[rng.random(n) < 0.05, "case_id"] = " A1 "
    accepted = rng.random(n) > 0.1
    whole = pipeline.WholeRun()
    for part, mask in zip(np.array_split(np.arange(n), pieces), np.array_split(accepted, pieces), strict=True):
        whole.add(raw.iloc[part].reset_index(drop=True), mask)
    expected = duplicate_reasons(raw.loc[accepted].reset_index(drop=True))
    assert (expected != 0).sum() > 100
    assert whole.duplicate_bits().tolist() == expected.tolist()

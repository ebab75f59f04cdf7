from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from her2batch.understand.headers import (
    MAPPABLE_COLUMNS,
    HeaderConflict,
    canonical_for,
    column_letter,
    header_key,
    looks_like_data,
    map_headers,
    missing_config_message,
    read_header,
    words,
)

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize(
    ("header", "canonical"),
    [
        ("Accession No.", "case_id"), ("Accession #", "case_id"), ("Specimen ID", "case_id"), ("Case #", "case_id"),
        ("MRN", "patient_id"), ("HER2 IHC Score", "her2_ihc"), ("HER2 (IHC)", "her2_ihc"),
        ("HER2/CEP17 Ratio", "ish_ratio"), ("HER2:CEP17", "ish_ratio"), ("Avg HER2 Copy Number", "ish_her2_copies"),
        ("HER2 signals/cell", "ish_her2_copies"), ("Cells Counted", "ish_cells_counted"),
        ("Nuclei counted", "ish_cells_counted"), ("ER %", "er_percent"), ("PR (%)", "pr_percent"),
        ("  her2_ihc  ", "her2_ihc"), ("FISH Result", "ish_result"), ("Tumour Site", "tumor_site"),
    ],
)
def test_synonyms(header, canonical):
    assert map_headers(["Case ID", header] if canonical != "case_id" else [header]).canonical_of[
        1 if canonical != "case_id" else 0
    ] == canonical


def test_key_ignores_case_space_punctuation():
    assert header_key("HER2 / CEP17  Ratio") == header_key("her2cep17ratio")


def test_specific_header_wins_over_generic():
    assert map_headers(["Case", "HER2", "HER2 IHC Score"]).canonical_of == {0: "case_id", 2: "her2_ihc"}


def test_tie_on_an_optional_column_leaves_it_unmapped_with_a_warning():
    mapped = map_headers(["Case", "HER2 IHC Result", "HER2 IHC Score"])
    assert mapped.canonical_of == {0: "case_id"}
    assert [f.note for f in mapped.fates[1:]] == ["tie for her2_ihc"] * 2
    assert "'HER2 IHC Result' (column B) and 'HER2 IHC Score' (column C) read as her2_ihc equally well" in mapped.warnings[0]


def test_tie_on_case_id_is_a_conflict():
    with pytest.raises(HeaderConflict, match=r"'Case ID' \(column A\) and 'Accession No' \(column B\)"):
        map_headers(["Case ID", "Accession No", "HER2"])


def test_the_case_number_beats_a_block_or_specimen_number():
    mapped = map_headers(["Block ID", "Accession #", "HER2 IHC"])
    assert mapped.canonical_of == {1: "case_id", 2: "her2_ihc"}
    assert mapped.fates[0].note == "'Accession #' (column B) is a better case_id"


def test_a_system_name_in_brackets_is_not_an_unknown_word():
    assert read_header("MRN (Epic)").canonical == "patient_id"
    assert read_header("MRN Epic").canonical == ""  # one known word beside an unknown one


def test_config_beats_synonyms_and_exact_names():
    mapping = map_headers(["Case", "Ratio", "My Ratio"], {"ish_ratio": "My Ratio"}).canonical_of
    assert mapping == {0: "case_id", 2: "ish_ratio"}


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]


# --- recognition by words: table-driven ------------------------------------------------------

def _table(name: str) -> list[tuple[str, str, str, str]]:
    path = CASES / name
    with path.open(encoding="utf-8", newline="") as handle:
        return [(r["header"], r["lang"], r["canonical"].replace("naaccr:", "naaccr_"), r["note"])
                for r in csv.DictReader(handle)]


OWN = _table("headers.csv")  # v1 synonyms, issue 10's examples, six languages
CORPUS = _table("headers_corpus.csv")  # written independently, without seeing this code


def test_tables_are_large_and_multilingual():
    assert len(OWN) + len(CORPUS) >= 150
    assert {lang for _, lang, _, _ in CORPUS} == {"en", "de", "fr", "es", "it", "nl"}
    assert sum(c.startswith("naaccr_") for _, _, c, _ in CORPUS + OWN) >= 10
    assert sum(c == "" for _, _, c, _ in CORPUS + OWN) >= 30  # headers that must stay unmapped


@pytest.mark.parametrize(("header", "lang", "canonical", "note"), OWN + CORPUS,
                         ids=[f"{h}|{lang}" for h, lang, _, _ in OWN + CORPUS])
def test_header_table(header, lang, canonical, note):
    assert (canonical_for(header) or "") == canonical, note


def test_test_names_map_like_headers():
    """One-row-per-test layouts name the result in a test-name column: same scoring."""
    with (CASES / "test_names_corpus.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    wrong = [(r["test_name"], r["canonical"], canonical_for(r["test_name"])) for r in rows
             if (canonical_for(r["test_name"]) or "") != r["canonical"].replace("naaccr:", "naaccr_")]
    assert not wrong and len(rows) >= 100


def test_words_are_read_whatever_the_spelling():
    assert words("HercepTest Score") == ("hercep", "test", "score")
    assert words("Östrogen-Rezeptor (%)") == ("ostrogen", "rezeptor", "%")
    assert words("N° d'examen") == ("no", "d", "examen")
    assert read_header("her2IhcSummary").canonical == "naaccr_3850"


def test_a_foreign_concept_disqualifies():
    assert read_header("HER2 IHC").canonical == "her2_ihc"
    for header in ("HER2 IHC Date", "HER2 IHC Comment", "HER2 IHC Intensity", "Previous HER2 IHC", "HER2 IHC control"):
        assert read_header(header).canonical == "", header


def test_unknown_words_need_two_known_ones():
    assert read_header("HER2 IHC Score (reviewed)").canonical == "her2_ihc"
    assert read_header("HER2 xyzzy").canonical == ""
    assert looks_like_data("HER2 xyzzy")


def test_ambiguous_header_is_not_guessed():
    assert read_header("HER2 CEP17 copies").canonical == ""  # HER2 copies or CEP17 copies?
    assert looks_like_data("HER2 CEP17 copies")


def test_mapping_report_says_how_every_header_was_read():
    mapped = map_headers(["Case", "my ratio", "her2_ihc", "3854", "Cells", "Comment", "HER2 by FISH"],
                         {"ish_ratio": "My Ratio"})
    assert [(f.header, f.canonical, f.how) for f in mapped.fates] == [
        ("Case", "case_id", "words"), ("my ratio", "ish_ratio", "config"), ("her2_ihc", "her2_ihc", "exact"),
        ("3854", "naaccr_3854", "naaccr"), ("Cells", "ish_cells_counted", "words"), ("Comment", "", "unmapped"),
        ("HER2 by FISH", "ish_result", "words")]
    assert mapped.carries_her2 and not mapped.warnings and not mapped.missing_config


def test_unmapped_data_header_is_a_warning_naming_it():
    mapped = map_headers(["Case", "HER2 IHC", "ER Status"])
    assert mapped.warnings == ("header 'ER Status' (column C) looks like HER2/ISH/ER/PR data but was not mapped "
                               "(no column reads this way); map it with [columns] in --config if it holds one",)


def test_config_header_absent_is_reported_with_the_closest():
    headers = ["Case", "Her Two Result", "Ratio"]
    mapped = map_headers(headers, {"her2_ihc": "Her2 Result"})
    assert mapped.missing_config == (("her2_ihc", "Her2 Result"),)
    message = missing_config_message(mapped, headers)
    assert "[columns] her2_ihc = \"Her2 Result\" names no header of this file (closest: 'Her Two Result'" in message


def test_config_absent_does_not_remove_the_automatic_mapping():
    mapped = map_headers(["Case", "HER2 IHC"], {"her2_ihc": "Missing"})
    assert mapped.canonical_of == {0: "case_id", 1: "her2_ihc"}


RESULT_COLUMNS = ("her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies",
                  "ish_cells_counted", "ish_result", "er_percent", "pr_percent")


@pytest.mark.parametrize("foreign", ["date", "comment", "intensity", "previous", "control", "Ki-67", "ordered"])
def test_a_foreign_word_makes_no_result_header(foreign):
    """Every result header of the tables, with a word that changes what it holds, is no result column."""
    headers = {h for h, _, c, _ in OWN + CORPUS if c in RESULT_COLUMNS and c == read_header(h).canonical}
    assert len(headers) > 100
    wrong = [h for h in headers if read_header(f"{h} {foreign}").canonical in RESULT_COLUMNS]
    assert not wrong


@given(st.text(max_size=40))
def test_any_text_reads_to_a_known_column_or_none(text):
    reading = read_header(text)
    assert reading.canonical in ("", *MAPPABLE_COLUMNS)
    assert (reading.how == "unmapped") == (reading.canonical == "")

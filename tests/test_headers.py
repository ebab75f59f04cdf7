from __future__ import annotations

import pytest

from her2batch.headers import HeaderConflict, column_letter, header_key, map_headers


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


def test_same_priority_conflict_names_both():
    with pytest.raises(HeaderConflict, match=r"'HER2 IHC' \(column B\) and 'HER2 IHC Score' \(column C\)"):
        map_headers(["Case", "HER2 IHC", "HER2 IHC Score"])


def test_config_beats_synonyms_and_exact_names():
    mapping = map_headers(["Case", "Ratio", "My Ratio"], {"ish_ratio": "My Ratio"}).canonical_of
    assert mapping == {0: "case_id", 2: "ish_ratio"}


def test_column_letters():
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]

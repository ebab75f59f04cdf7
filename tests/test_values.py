"""Section 7 value variants, read straight from tests/cases/ihc_variants.csv, and the number reader."""

from __future__ import annotations

import csv
import math

import pandas as pd
import pytest
from conftest import CASES
from hypothesis import given
from hypothesis import strategies as st

from her2batch.understand.values import (
    IhcKind,
    IshKind,
    NumberKind,
    Probe,
    Site,
    ZeroSubtype,
    mask_scores,
    parse_ihc,
    parse_number,
    read_ihc,
    read_ish_text,
    read_number,
    read_probe,
    read_site,
    score_label,
)

with (CASES / "ihc_variants.csv").open(encoding="utf-8") as f:
    IHC_VARIANTS = list(csv.DictReader(f))


@pytest.mark.parametrize("case", IHC_VARIANTS, ids=[c["raw"] or "blank" for c in IHC_VARIANTS])
def test_ihc_variant(case):
    reading = read_ihc(case["raw"])
    assert " ".join(score_label(s) for s in mask_scores(reading.mask)) == case["scores"]
    assert reading.subtype == (ZeroSubtype[case["subtype"].upper()] if case["subtype"] else ZeroSubtype.UNKNOWN)
    assert reading.kind == IhcKind[case["kind"]]


def test_lab_override_gives_zero_plus_its_meaning():
    assert read_ihc("0+", {"0+": "ultralow"}).subtype == ZeroSubtype.ULTRALOW
    assert read_ihc("EQ", {"eq": "2+"}).mask == 0b0100


@pytest.mark.parametrize(
    ("raw", "kind", "group"),
    [
        ("Amplified", IshKind.AMPLIFIED, 0),
        ("AMP", IshKind.AMPLIFIED, 0),
        ("Positive", IshKind.AMPLIFIED, 0),
        ("Not amplified", IshKind.NOT_AMPLIFIED, 0),
        ("Non-amplified", IshKind.NOT_AMPLIFIED, 0),
        ("nonamplified", IshKind.NOT_AMPLIFIED, 0),
        ("Negative", IshKind.NOT_AMPLIFIED, 0),
        ("Group 1", IshKind.GROUP, 1),
        ("ASCO/CAP group 5", IshKind.GROUP, 5),
        ("Group IV", IshKind.GROUP, 4),
        ("Group I", IshKind.GROUP, 1),  # 'i' is also a filler word
        ("ASCO/CAP group V", IshKind.GROUP, 5),
        ("Equivocal", IshKind.EQUIVOCAL, 0),
        ("Indeterminate", IshKind.INDETERMINATE, 0),
        ("pending", IshKind.PENDING, 0),
        ("not performed", IshKind.NONE, 0),
        ("", IshKind.NONE, 0),
        ("xyz", IshKind.UNREADABLE, 0),
        ("Not amplified (see comment)", IshKind.UNREADABLE, 0),  # the comment may qualify it
        ("weakly positive", IshKind.UNREADABLE, 0),  # an IHC intensity: no ISH call
        ("strongly amplified", IshKind.AMPLIFIED, 0),
        ("see comment", IshKind.PENDING, 0),
    ],
)
def test_ish_text(raw, kind, group):
    reading = read_ish_text(raw)
    assert (reading.kind, reading.group) == (kind, group)


@pytest.mark.parametrize(
    ("raw", "value", "kind"),
    [
        ("2.1", 2.1, NumberKind.NUMBER),
        ("2,1", 2.1, NumberKind.NUMBER),
        (" 1.99 ", 1.99, NumberKind.NUMBER),
        ("4.8 signals/cell", 4.8, NumberKind.NUMBER),
        ("4,8 copies per cell", 4.8, NumberKind.NUMBER),
        ("45%", 45.0, NumberKind.NUMBER),
        ("-1", -1.0, NumberKind.NUMBER),
        ("1e308", 1e308, NumberKind.NUMBER),
        (">=2.0", 2.0, NumberKind.RANGE),
        ("≥2.0", 2.0, NumberKind.RANGE),
        ("<2.0", 2.0, NumberKind.RANGE),
        ("90-100%", math.nan, NumberKind.RANGE),
        ("abc", math.nan, NumberKind.INVALID),
        ("inf", math.nan, NumberKind.INVALID),
        ("nan", math.nan, NumberKind.INVALID),
        ("2.0.1", math.nan, NumberKind.INVALID),
        ("", math.nan, NumberKind.BLANK),
        ("ND", math.nan, NumberKind.NOT_DONE),
        ("pending", math.nan, NumberKind.PENDING),
        ("\u0662\u066b\u0661", 2.1, NumberKind.NUMBER)  # Arabic-Indic digits,
    ],
)
def test_read_number(raw, value, kind):
    reading = read_number(raw)
    assert reading.kind == kind
    assert (math.isnan(reading.value) and math.isnan(value)) or reading.value == value


def test_cells_accept_thousands_separator():
    assert read_number("1,000", integer_thousands=True).value == 1000
    assert read_number("1,000").value == 1.0


def test_parse_number_blanks_bounds():
    parsed = parse_number(pd.Series(["2.1", ">=2.0", "x"], dtype="string"), "ish_ratio")
    assert parsed["ish_ratio"].iloc[0] == 2.1
    assert parsed["ish_ratio"].iloc[1:].isna().all()
    assert list(parsed["ish_ratio__kind"]) == [NumberKind.NUMBER, NumberKind.RANGE, NumberKind.INVALID]


@pytest.mark.parametrize(
    ("raw", "probe"),
    [("dual", Probe.DUAL), ("Dual-probe", Probe.DUAL), ("SINGLE PROBE", Probe.SINGLE), ("", Probe.UNKNOWN)],
)
def test_probe(raw, probe):
    assert read_probe(raw) == probe


@pytest.mark.parametrize(
    ("raw", "site"),
    [
        ("Breast, left", Site.BREAST),
        ("C50.9", Site.BREAST),
        ("Stomach", Site.GASTROESOPHAGEAL),
        ("Oesophagus", Site.GASTROESOPHAGEAL),
        ("GEJ", Site.GASTROESOPHAGEAL),
        ("Lung", Site.OTHER),
        ("", Site.BLANK),
    ],
)
def test_site(raw, site):
    assert read_site(raw) == site


def test_distinct_values_are_parsed_once(monkeypatch):
    import her2batch.understand.values as values

    calls = []
    original = values.read_ihc
    monkeypatch.setattr(values, "read_ihc", lambda raw, o=None: calls.append(raw) or original(raw, o))
    parsed = parse_ihc(pd.Series(["2+", "1+", "2+", None, "1+"] * 1000, dtype="string"))
    assert sorted(calls) == ["", "1+", "2+"]
    assert len(parsed) == 5000


@given(st.text(max_size=40))
def test_parsers_never_raise(text):
    read_ihc(text)
    read_ish_text(text)
    read_number(text)
    read_number(text, integer_thousands=True)
    read_probe(text)
    read_site(text)


def test_parse_numbers_is_the_number_part_of_parse_fields_without_ihc_text():
    from her2batch.understand.fields import NUMBER_COLUMNS, parse_fields, parse_numbers

    raw = pd.DataFrame({"case_id": ["a", "b", "c", "d"], "her2_ihc_percent": [None, "5", "x", "<1"],
                        "ish_ratio": ["2.1", ">=2.0", None, "1,5"], "ish_cells_counted": ["1,000", "20", "", "2.5"]},
                       dtype="string")
    expected = parse_fields(raw)
    memo: dict = {}
    for numbers in (None, memo, memo):  # parsed, then from the kept distinct tables
        got = parse_numbers(raw, numbers)
        assert list(got.columns) == [c for c in expected.columns if c.split("__")[0] in NUMBER_COLUMNS]
        pd.testing.assert_frame_equal(got, expected[got.columns])
    assert set(memo) == {"her2_ihc_percent", "ish_ratio", "ish_cells_counted"}
    with_text = raw.assign(her2_ihc=pd.array(["2+ (10%)", None, None, None], dtype="string"))
    pd.testing.assert_frame_equal(parse_fields(with_text, numbers=memo), parse_fields(with_text))


def test_parse_numbers_keeps_only_the_columns_asked_for():
    from her2batch.understand.fields import parse_numbers

    raw = pd.DataFrame({"case_id": ["a", "b"], "ish_ratio": ["2.1", "<1"]}, dtype="string")
    whole = parse_numbers(raw)
    for numbers in (None, {}):
        some = parse_numbers(raw, numbers, suffixes=("", "__kind"))
        assert list(some.columns) == [c for c in whole.columns if not c.endswith(("__detail", "__operator", "__bound"))]
        pd.testing.assert_frame_equal(some, whole[some.columns])


@pytest.mark.parametrize(("text", "score", "review_range"), [
    ("faint incomplete membrane staining in <=10% of cells", "0", False),  # the guideline's own words
    ("intense complete membrane staining in >10% of cells", "3+", False),
    ("1+ (<10%)", "1+", True),  # a bound beside a score: the share is not known, review
])
def test_the_guidelines_cut_off_in_a_description_is_no_range_to_review(text, score, review_range):
    """Section 1's descriptions carry the 10% cut-off as a bound ("<=10%", ">10%"): it placed the
    score, so it is not a share of cells left to check ('value_range_only')."""
    from her2batch.understand.values import read_ihc, score_label

    reading = read_ihc(text)
    assert score_label(mask_scores(reading.mask)[0]) == score
    assert (reading.percent_operator != 0) == review_range


@pytest.mark.parametrize("text", ["score 0, no staining in 100% of tumour cells", "no membrane staining in 100% of cells"])
def test_a_share_of_unstained_cells_is_not_the_share_stained(text):
    """'No staining in 100% of cells' is IHC 0 (null), not 100% stained (which would contradict it)."""
    from her2batch.understand.values import read_ihc

    reading = read_ihc(text)
    assert reading.reading == "IHC 0 (null)" and reading.percent != reading.percent  # NaN


@pytest.mark.parametrize(("text", "kind"), [
    ("Stomach, antrum, endoscopic biopsy", 1), ("Gastrectomy", 2), ("Ivor Lewis oesophagectomy", 2),
    ("Resection specimen", 2), ("Biopsy", 1), ("Core biopsy", 1), ("Resektat", 2), ("Biopsie", 1),
    ("Excision biopsy", 0), ("Stomach", 0), ("", 0),
])
def test_specimen_kind_for_the_gastric_cut_off(text, kind):
    """Section 6 scores a gastroesophageal biopsy on a cluster of >=5 cells and a resection on >=10%
    of cells; a specimen type naming both or neither is unknown (no check)."""
    from her2batch.understand.values import read_specimen_kind

    assert read_specimen_kind(text) == kind


@pytest.mark.parametrize(("text", "site"), [
    ("Gastrectomy", 2), ("Ivor Lewis oesophagectomy", 2), ("Stomach, fundus", 2), ("fundus of stomach", 2),
    ("Fundus", 3), ("uterine fundus", 3),  # a fundus alone names no organ (stomach, uterus, gallbladder)
])
def test_site_words_of_procedures_and_a_bare_fundus(text, site):
    from her2batch.understand.values import read_site

    assert read_site(text) == site

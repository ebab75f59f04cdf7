"""The closed-vocabulary reader against corpora written apart from the code (tests/cases/corpus).

The corpora were written from her2-rules.md and report conventions by someone who had not seen the
implementation; see tests/cases/corpus/README.md. `also_ok` lists other acceptable readings of a
sloppy phrase, never one that would give a different definite score.
"""

from __future__ import annotations

import csv
import string

import pandas as pd
import pytest
from conftest import CASES
from hypothesis import given, settings
from hypothesis import strategies as st

from her2batch.codes import IhcKind, IshKind, Site, ZeroSubtype
from her2batch.understand.fields import parse_fields
from her2batch.understand.values import mask_scores, read_ihc, read_ish_text, read_site, score_label
from her2batch.understand.wording import read_words, vocabulary

CORPUS = CASES / "corpus"
IHC_KINDS = {
    IhcKind.NONE: "no_result", IhcKind.SCORE: "score", IhcKind.NEGATIVE_UNSCORED: "negative_unscored",
    IhcKind.POSITIVE_UNSCORED: "positive_unscored", IhcKind.INDETERMINATE: "indeterminate",
    IhcKind.PENDING: "pending", IhcKind.AMBIGUOUS: "ambiguous", IhcKind.ZERO_PLUS: "zero_plus",
    IhcKind.UNREADABLE: "unreadable",
}
ISH_KINDS = {
    IshKind.NONE: "no_result", IshKind.AMPLIFIED: "amplified", IshKind.NOT_AMPLIFIED: "not_amplified",
    IshKind.EQUIVOCAL: "equivocal", IshKind.GROUP: "group", IshKind.INDETERMINATE: "indeterminate",
    IshKind.PENDING: "pending", IshKind.UNREADABLE: "unreadable",
}
SITES = {Site.BLANK: "blank", Site.BREAST: "breast", Site.GASTROESOPHAGEAL: "gastroesophageal", Site.OTHER: "other"}


def _rows(name: str) -> list[dict[str, str]]:
    with (CORPUS / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


IHC_ROWS, ISH_ROWS, SITE_ROWS = _rows("ihc_phrases.csv"), _rows("ish_phrases.csv"), _rows("sites.csv")


def _acceptable(row: dict[str, str]) -> set[str]:
    return {row["kind"], *filter(None, row["also_ok"].split("|"))}


@pytest.mark.parametrize("row", IHC_ROWS, ids=[f"{r['lang']}:{r['text'][:40]}" for r in IHC_ROWS])
def test_ihc_phrase(row):
    reading = read_ihc(row["text"])
    kind = IHC_KINDS[reading.kind]
    assert kind in _acceptable(row), reading.reading
    if kind == row["kind"] and kind in ("score", "positive_unscored"):
        assert score_label(mask_scores(reading.mask)[0]) == row["score"]
        assert {0: "", 1: "null", 2: "ultralow"}[reading.subtype] == row["subtype"]
    if kind == "ambiguous" and row["kind"] == "ambiguous" and row["scores"]:
        # the reader may keep more scores open than the corpus names, never fewer
        assert set(row["scores"].split("|")) <= {score_label(s) for s in mask_scores(reading.mask)}


@pytest.mark.parametrize("row", ISH_ROWS, ids=[f"{r['lang']}:{r['text'][:40]}" for r in ISH_ROWS])
def test_ish_phrase(row):
    reading = read_ish_text(row["text"])
    kind = ISH_KINDS[reading.kind]
    assert kind in _acceptable(row), reading.reading
    if kind == "group":
        assert str(reading.group) == row["group"]


@pytest.mark.parametrize("row", SITE_ROWS, ids=[f"{r['lang']}:{r['text'][:40]}" for r in SITE_ROWS])
def test_site_phrase(row):
    assert SITES[read_site(row["text"])] == row["site"]


def test_corpus_sizes_meet_the_issue():
    """Issue 10: at least 250 phrasings, 50 negations, 40 non-English."""
    rows = IHC_ROWS + ISH_ROWS
    negation = ("no ", "not", "non", "without", "absent", "kein", "nicht", "pas ", "sin ", "senza", "geen",
                "niet", "absence", "ausencia", "assenza", ": no", "negative for")
    assert len(rows) >= 250
    assert sum(any(n in r["text"].lower() for n in negation) for r in rows) >= 50
    assert sum(r["lang"] != "en" for r in rows) >= 40


# --- the issue's own examples: silent false positives that must never happen ----------------------

@pytest.mark.parametrize("text", [
    "No evidence of HER2 gene amplification", "Amplification not detected", "amplification absent",
    "Amplified: no", "HER2 gene amplification: not detected", "negative for amplification",
    "nicht amplifiziert", "keine Amplifikation", "non amplifié", "pas d'amplification", "no amplificado",
    "sin amplificación", "non amplificato", "assenza di amplificazione", "niet geamplificeerd",
    "geen amplificatie",
])
def test_negated_amplification_is_not_amplified(text):
    assert read_ish_text(text).kind == IshKind.NOT_AMPLIFIED


@pytest.mark.parametrize("text", ["Not positive", "Weakly positive", "ER positive", "PR positive (90%)",
                                  "Ki-67 20%", "external control 3+", "positive control"])
def test_never_three_plus(text):
    reading = read_ihc(text)
    assert reading.kind not in (IhcKind.SCORE, IhcKind.POSITIVE_UNSCORED)
    assert reading.mask != 0b1000


@pytest.mark.parametrize(("text", "score", "subtype"), [
    # ASCO/CAP 2018 section 1, in the guideline's own words
    ("faint/barely perceptible incomplete membrane staining in <=10% of tumour cells", 0, ZeroSubtype.ULTRALOW),
    ("faint incomplete membrane staining in >10% of cells", 1, ZeroSubtype.UNKNOWN),
    ("weak to moderate complete membrane staining in >10% of invasive tumour cells", 2, ZeroSubtype.UNKNOWN),
    ("intense complete circumferential membrane staining in >10%", 3, ZeroSubtype.UNKNOWN),
    ("no staining", 0, ZeroSubtype.NULL),
])
def test_description_reads_as_the_score_it_defines(text, score, subtype):
    reading = read_ihc(text)
    assert (reading.kind, mask_scores(reading.mask), reading.subtype) == (IhcKind.SCORE, [score], subtype)
    if text != "no staining":
        assert "read from a description" in reading.reading


def test_percentage_beside_score_reaches_the_percentage_column():
    parsed = parse_fields(pd.DataFrame({"her2_ihc": ["2+ (10%)", "3+ (90%)", "1+"], "her2_ihc_percent": [pd.NA, "50", pd.NA]},
                                       dtype="string"))
    assert parsed["her2_ihc_percent"].tolist()[0] == 10.0
    assert parsed["her2_ihc_percent"].tolist()[1] == 50.0  # the column, when filled, wins


def test_site_override_from_config():
    raw = pd.DataFrame({"tumor_site": ["Upper GI", "Upper GI", "breast"]}, dtype="string")
    parsed = parse_fields(raw, {"tumor_site": {"upper gi": "gastroesophageal"}})
    assert parsed["site"].tolist() == [Site.GASTROESOPHAGEAL, Site.GASTROESOPHAGEAL, Site.BREAST]


# --- vocabulary as data ------------------------------------------------------------------------

def test_every_language_has_the_core_words():
    vocab = vocabulary()
    assert set(vocab.languages) >= {"en", "de", "fr", "es", "it", "nl"}
    for word, tag in [("positiv", "positive"), ("négatif", "negative"), ("amplificado", "amplified"),
                      ("amplificato", "amplified"), ("geamplificeerd", "amplified"), ("amplifiziert", "amplified")]:
        assert read_words(word).terms[0].tag == tag


# --- property: a word outside the vocabulary is never a call -------------------------------------

KNOWN_PIECES = ["HER2", "3+", "2+", "1+", "0", "positive", "negative", "amplified", "not amplified",
                "no evidence of amplification", "equivocal", "score", "(", ")", ":", "ultralow", "FISH",
                "ratio 2.3", "group 1", "10%", "nicht amplifiziert", "négatif"]
_KEYS = tuple(vocabulary().tag_of)
unknown_words = st.text(alphabet=string.ascii_lowercase, min_size=3, max_size=9).filter(
    lambda w: not any(w in key for key in _KEYS) and w not in ("iii", "ii", "iv"))


@settings(max_examples=300, deadline=None)
@given(before=st.lists(st.sampled_from(KNOWN_PIECES), max_size=4),
       after=st.lists(st.sampled_from(KNOWN_PIECES), max_size=4), word=unknown_words)
def test_unknown_token_is_never_a_call(before, after, word):
    text = " ".join([*before, word, *after])
    assert read_ihc(text).kind == IhcKind.UNREADABLE
    assert read_ish_text(text).kind == IshKind.UNREADABLE


def test_fish_pending_in_the_ihc_cell_keeps_the_ihc_score():
    reading = read_ihc("Equivocal (2+), FISH pending")
    assert (reading.kind, reading.mask) == (IhcKind.SCORE, 0b0100)
    assert read_ihc("2+ pending").kind == IhcKind.PENDING  # what is pending is not said: review


def test_bound_percentage_in_the_ihc_cell_is_a_bound():
    from her2batch.codes import NumberKind

    parsed = parse_fields(pd.DataFrame({"her2_ihc": ["1+ (<10%)"]}, dtype="string"))
    assert parsed["her2_ihc_percent__kind"].tolist() == [NumberKind.RANGE]
    assert parsed["her2_ihc_percent__bound"].tolist() == [10.0]

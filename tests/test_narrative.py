"""Report text extraction (issue 11 item 1): generated and independent report corpora, properties,
columns, config and the pipeline step."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from narrative_corpus import generated_reports
from narrative_scoring import SCORED, Score, observed

from her2batch.config import ConfigError, load_settings
from her2batch.pipeline import run
from her2batch.read import narrative
from her2batch.read.narrative import FIELDS, HER2_FIELDS, extract

CASES = Path(__file__).parent / "cases"
GENERATED = generated_reports()
INDEPENDENT = yaml.safe_load((CASES / "reports_independent.yaml").read_text(encoding="utf-8"))
BY_HAND = yaml.safe_load((CASES / "narrative_reports.yaml").read_text(encoding="utf-8"))

# Independent corpus, README: gastroesophageal reports expect no null/ultralow sub-type (a site rule
# the classifier applies, not the text).
GASTRO = {"r041", "r042", "r043", "r133", "r139", "r147", "r153", "r158"}
# Where the extractor and the corpus differ, each with the reason (all three go to review):
ACCEPTED = {
    # "HER2: positive" with no method: the corpus prefers no score but accepts IHC 3+ (section 3),
    # which is what the same word in a HER2 column reads as.
    ("r124", "ihc_score"),
    # "borderline" ISH: the value readers (issue 10) read it as equivocal; the corpus calls it
    # undefined. The statement is also flagged (the ratio 'approximately 2' is not read).
    ("r045", "ish_result"),
}


def _score(cases) -> Score:
    score = Score()
    for case in cases:
        skip = ("ihc_subtype",) if case["id"] in GASTRO else ()
        score.add(case["id"], case.get("expected") or {}, extract(case["text"]), skip)
    return score


def test_generated_corpus_is_large_and_varied():
    assert len(GENERATED) + len(BY_HAND) >= 150 and len(GENERATED) >= 150
    assert {c["lang"] for c in GENERATED} >= {"en", "de", "fr", "es", "it", "nl"}


def test_generated_reports_per_field_accuracy():
    score = _score(GENERATED)
    print(score.table())
    assert not score.wrong_cases, score.wrong_cases[:5]
    assert score.accuracy() >= 0.99, score.table()


def test_reports_typed_by_hand():
    score = _score(BY_HAND)
    print(score.table())
    assert not score.wrong_cases, score.wrong_cases
    assert score.accuracy() >= 0.99, score.table()
    for case in BY_HAND:
        if case["review"]:
            assert extract(case["text"]).flags, case["id"]


def test_generated_two_specimens_go_to_review():
    for case in GENERATED:
        if case["review"]:
            result = extract(case["text"])
            assert result.flags & narrative.CONFLICT, case["id"]
            assert "ihc_score" not in observed(result)


def test_independent_corpus_accuracy_and_misses_are_flagged():
    score = _score(INDEPENDENT)
    print(score.table())
    assert score.accuracy() >= 0.985, score.table()
    # misses with no text flag: r101 ("ER: 95", no % sign: the corpus also accepts not stated) and
    # r127 ("Score 2+ (grenzwertig)": the reader finds the word ambiguous, so the classifier reviews it)
    unflagged = {(case, name) for case, name, _ in score.missed_unflagged}
    assert unflagged <= {("r101", "er_percent"), ("r101", "pr_percent"), ("r127", "ihc_score")}, unflagged


def test_independent_never_wrong_except_accepted():
    score = _score(INDEPENDENT)
    wrong = {(case, name) for case, name, *_ in score.wrong_cases}
    assert wrong <= ACCEPTED, sorted(wrong - ACCEPTED)
    for case in INDEPENDENT:
        if (case["id"], "ihc_score") in ACCEPTED or (case["id"], "ish_result") in ACCEPTED:
            assert case["review"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HER2 (by immunohistochemistry): Negative (Score 1+)", {"ihc_score": "1+"}),
        ("HER2 by FISH: NOT AMPLIFIED", {"ish_result": "not_amplified"}),
        ("HER2/CEP17 ratio: 1.4", {"ish_ratio": 1.4}),
        ("HER2 FISH\nAverage HER2 copy number per cell: 2.6\nNumber of cells counted: 40",
         {"ish_her2_copies": 2.6, "ish_cells_counted": 40}),
        ("ER: Positive (90%); PR: Positive (20%); HER2: Positive (3+)",
         {"ihc_score": "3+", "er_percent": 90, "pr_percent": 20}),
        ("HER2 is negative (score 1+) by IHC. FISH shows no amplification.",
         {"ihc_score": "1+", "ish_result": "not_amplified"}),
        ("HER2: 2+ (external control 3+)", {"ihc_score": "2+"}),
        ("Previous biopsy: HER2 3+.\nHER2 on this resection: 1+", {"ihc_score": "1+"}),
        ("HER2 in DCIS only: 3+", {}),
        ("Ki-67: 30%. CK5/6 positive.", {}),
        ("HER2 (4B5): 0 (ultralow), faint incomplete membrane staining in 5% of tumour cells",
         {"ihc_score": "0", "ihc_subtype": "ultralow", "ihc_percent": 5, "antibody_clone": "4B5"}),
        ("HER2-FISH: HER2/CEP17-Quotient 2,4; 60 Zellkerne ausgezählt.", {"ish_ratio": 2.4, "ish_cells_counted": 60}),
        ("If HER2 is 2+, FISH will be performed.", {}),
        ("HER2 IHC: 2+. HER2 FISH: amplified. Final HER2 status: POSITIVE.",
         {"ihc_score": "2+", "ish_result": "amplified"}),
        ("HER2 (IHC) 1+ (previously reported as 0)", {"ihc_score": "1+"}),
        ("ER 90% PR 80% HER2 2+", {"ihc_score": "2+", "er_percent": 90, "pr_percent": 80}),
        ("HER2 dual-probe ISH (INFORM HER2 Dual ISH):\n  HER2/CEP17 ratio 2.3", {"ish_probe": "dual", "ish_ratio": 2.3}),
        ("Triple negative breast cancer (ER-, PR-, HER2-).", {}),
        ("No HER2 amplification detected.", {"ish_result": "not_amplified"}),
        ("HER2/CEP17 ratio: 2.0; HER2 average: 4.1; CEP17 average: 2.05",
         {"ish_ratio": 2.0, "ish_her2_copies": 4.1, "ish_cep17_copies": 2.05}),
        ("Immunohistochemistry: ER positive (Allred 8/8), PR positive (Allred 6/8), HER2 negative (1+)",
         {"ihc_score": "1+"}),
        ("ER: >95%", {}),
    ],
)
def test_statements(text, expected):
    assert observed(extract(text)) == expected


# her2-rules.md section 7: "Descriptions in the guideline's words read as the score they define"
# (section 1), however a report punctuates them; each share, as written, is also "% stained".
@pytest.mark.parametrize(
    ("text", "score", "subtype", "percent"),
    [
        ("HER2 (4B5): faint, incomplete membrane staining in 5% of tumour cells", "0", "ultralow", 5),
        ("HER2: incomplete, faint membrane staining in 5% of cells", "0", "ultralow", 5),
        ("HER2 IHC: faint, barely perceptible, incomplete membrane staining in 20% of tumour cells.", "1+", "", 20),
        ("HER2: faint incomplete membrane staining in 30% of tumour cells", "1+", "", 30),
        ("HER2: weak to moderate, complete membrane staining in 30% of tumour cells", "2+", "", 30),
        # the share of intense staining is not the share of cells stained at all (kept out of "% stained")
        ("HER2: circumferential, complete, intense membrane staining in 80% of tumour cells", "3+", "", None),
        ("HER2: membrana incompleta, débil/apenas perceptible, en el 5% de las células", "0", "ultralow", 5),
    ],
)
def test_descriptions_with_commas_read_as_their_score(text, score, subtype, percent):
    found = observed(extract(text))
    assert found.get("ihc_score") == score
    assert found.get("ihc_subtype", "") == subtype
    assert found.get("ihc_percent") == percent


def test_description_commas_join_only_staining_words():
    """A comma between other words still separates clauses ('HER2 1+, ER 90%')."""
    assert narrative._join_descriptions("her2 1+, er 90%, pr 0%") == "her2 1+, er 90%, pr 0%"
    assert narrative._join_descriptions("faint, incomplete staining, ki-67 20%") == "faint incomplete staining, ki-67 20%"


@pytest.mark.parametrize("text", ["HER2: +++", "HER2 IHC score: three", "HER2 overexpression: present.",
                                  "The tumour is HER2-enriched.", "HER2 testing: see separate report."])
def test_her2_named_with_a_value_no_reader_knows_is_flagged(text):
    """Section 7, every word understood or unreadable: a statement that names HER2 and says
    something of it is never dropped without a word, even when no result word is recognised."""
    found = extract(text)
    assert found.flags & narrative.UNREADABLE
    assert not any(found.values[FIELDS.index(f)] for f in HER2_FIELDS)


@pytest.mark.parametrize(("text", "value"), [("HER2: pos", "pos"), ("Her2: neg", "neg"), ("Erb-B2 negative", "negative")])
def test_section_7_abbreviations_are_read(text, value):
    """Section 7: 'NEG' is negative (score unknown); 'POS' as 'Positive' (read as 3+, section 3)."""
    assert extract(text).values[FIELDS.index("her2_ihc")] == value


@pytest.mark.parametrize("text", ["HER2 testing performed.", "HER2 testing performed. HER2 IHC: 1+",
                                  "HER2 was requested on block A2. HER2: negative (score 1+)"])
def test_her2_named_without_a_value_or_beside_a_result_is_not_flagged(text):
    assert not extract(text).flags & narrative.UNREADABLE


@pytest.mark.parametrize(("text", "score"), [
    ("HER2 (4B5) IHC score 1+. Scored by two pathologists; consensus 1+.", "1+"),  # an unread word, no hedge
    ("HER2 IHC: score 0. Faint incomplete membrane staining in 15% of invasive cells.", "0"),  # the score is the
    # pathologist's (section 1): the description's share goes to the consistency check, not against the score
    ("Block A2 (prior biopsy S24-123): HER2 3+ (for comparison only).\nCurrent resection, block B3: HER2 IHC 1+.", "1+"),
    ("HER2 (IHC): 3+.\nADDENDUM: block A2 (prior biopsy S24-123) HER2 1+, shown for comparison.", "3+"),
    ("HER2 (IHC) 1+ (previously reported as 0)", "1+"),
    ("HER2: 2+ (external control 3+)", "2+"),
    ("HER2 2+ (ISH recommended)", "2+"),
])
def test_an_aside_naming_another_specimen_excludes_its_statement(text, score):
    """Section 7: results of a prior or other specimen are not this case's result, whether the
    aside names the specimen ("(prior biopsy ...)") or the purpose ("(for comparison only)")."""
    assert observed(extract(text)).get("ihc_score") == score


def test_only_another_specimens_her2_is_flagged():
    found = extract("Previous biopsy: HER2 3+.")
    assert found.flags & narrative.UNREADABLE and not found.values[FIELDS.index("her2_ihc")]


def test_two_results_conflict_and_unreadable_flagged():
    result = extract("Part 1: HER2 1+.\nPart 2: HER2 3+.")
    assert result.flags & narrative.CONFLICT and not result.values[0]
    assert "conflict" in result.evidence
    assert extract("HER2 FISH: ratio approximately 2").flags & narrative.UNREADABLE
    in_situ = extract("Ductal carcinoma in situ only.\nHER2 immunostain on the DCIS: 3+.")
    assert in_situ.flags == narrative.IN_SITU and not any(in_situ.values)
    assert "in situ carcinoma only" in in_situ.evidence
    assert not extract("HER2 (IHC): 1+. HER2 in the DCIS component: 3+.").flags


def _her2_free(text: str) -> str:
    # a HER2 line: names HER2 or an ISH term in any of the six languages
    her2 = re.compile(r"her|erb|fish|ish|cep|cen|chr|ratio|amp|cop[yi]|kopie|signal|segnal|se[ñn]al|gen|gru|group"
                      r"|groep|hybrid|quotient|rapport|raz[oó]n|cocient|verh|ploid|polysom", re.I)
    return "\n".join(line for line in text.splitlines() if not her2.search(line))


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(GENERATED + INDEPENDENT + BY_HAND), st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_removing_her2_lines_leaves_no_her2_field(case, noise):
    """Property: with every line that mentions HER2/ISH removed, no HER2 field is extracted."""
    text = _her2_free(case["text"] + "\n" + noise)
    values = dict(zip(FIELDS, extract(text).values, strict=True))
    assert not any(values[f] for f in HER2_FIELDS), (text, values)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_never_raises(text):
    result = extract(text)
    assert len(result.values) == len(FIELDS)


def test_text_columns_by_header_and_content():
    data = pd.DataFrame({"Accession": ["S1", "S2"], "Befund": ["HER2: Score 3+", ""],
                         "Notes": ["HER2 (IHC): 2+", "ok"], "Clinical history": ["lump", "pain"],
                         "Marker": ["HER2", "ER"], "HER2 status": ["HER2 positive", "HER2 negative"]}, dtype="string")
    assert narrative.text_columns(list(data.columns), data, [0]) == ["Befund", "Notes"]
    wanted = narrative.TextSettings(exclude=("notes",))
    assert narrative.text_columns(list(data.columns), data, [0], wanted) == ["Befund"]
    only = narrative.TextSettings(columns=("Clinical History",))
    assert narrative.text_columns(list(data.columns), data, [0], only) == ["Clinical history"]
    assert narrative.text_columns(list(data.columns), data, [0], narrative.TextSettings(columns=())) == []
    assert narrative.carries_her2_in_text(data, ["Befund"])
    assert not narrative.carries_her2_in_text(data, ["Clinical history"])


@pytest.mark.parametrize(
    ("field", "column", "text", "same"),
    [
        ("her2_ihc", "1+", "negative (score 1+)", True),
        ("her2_ihc", "1+", "Negative", True),
        ("her2_ihc", "3+", "negative", False),
        ("her2_ihc", "0 (null)", "0 (ultralow)", False),
        ("ish_result", "Group 5", "not amplified", True),
        ("ish_result", "amplified", "not amplified", False),
        ("ish_ratio", "2,1", "2.1", True),
        ("ish_ratio", "2.1", "2.4", False),
        ("er_percent", "<1", "0%", True),
        ("er_percent", ">90", "50%", False),
    ],
)
def test_column_and_text_agree(field, column, text, same):
    assert narrative.agree(field, column, text) is same


@pytest.mark.parametrize(
    ("column", "text", "used"),
    [
        ("0", "0 (ultralow)", True),  # section 1's sub-type, which a plain 0 leaves open
        ("0", "no staining", True),
        ("Negative", "1+", True),  # 'Negative' is 0 or 1+: the text settles which
        ("0 (null)", "0 (null)", False),  # nothing more
        ("0 (null)", "0 (ultralow)", False),  # a disagreement, never a refinement
        ("1+", "Negative", False),  # the text says less
        ("2+", "1+", False),
        ("weird", "1+", False),
    ],
)
def test_text_refines_the_column(column, text, used):
    assert narrative.refines("her2_ihc", column, text) is used


def test_pipeline_takes_the_texts_more_precise_reading(tmp_path):
    export = tmp_path / "lis.csv"
    export.write_text(
        "Accession,HER2 IHC,Final Diagnosis\n"
        'S1,0,"HER2 (IHC): faint incomplete membrane staining in 5% of invasive tumour cells"\n'
        'S2,Negative,"HER2 IHC score 1+"\n'
        'S3,0,"HER2 IHC score 0"\n',
        encoding="utf-8",
    )
    from her2batch.config import Settings

    cases = run([export], Settings()).cases.set_index("case_id")
    assert cases.loc["S1", "her2_category"] == "HER2-ultralow"
    assert cases.loc["S1", "explanation"].startswith(narrative.EXPLANATION_PREFIX)
    assert cases.loc["S2", "her2_category"] == "HER2-low"
    assert cases.loc["S3", "her2_category"] == "HER2-0"
    assert not str(cases.loc["S3", "explanation"]).startswith(narrative.EXPLANATION_PREFIX)


def test_config_text_table(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[text]\ncolumns = ["Final Diagnosis"]\nexclude = ["Comment"]\n')
    settings = load_settings(config)
    assert settings.text_columns == ("Final Diagnosis",) and settings.text_exclude == ("Comment",)
    config.write_text('[text]\ncolumn = "x"\n')
    with pytest.raises(ConfigError):
        load_settings(config)


def test_pipeline_fills_blanks_flags_disagreement_and_keeps_evidence(tmp_path):
    export = tmp_path / "lis.csv"
    export.write_text(
        "Accession,HER2 IHC,Final Diagnosis\n"
        'S1,,"Invasive carcinoma. HER2 (by immunohistochemistry): Negative (Score 1+). ER: Positive (95%)"\n'
        'S2,3+,"HER2 is negative (score 1+) by IHC"\n'
        'S3,,"A. HER2 1+. B. HER2 3+"\n'
        "S4,2+,\n"
        'S5,1+,"ER: Positive (80%)"\n',
        encoding="utf-8",
    )
    from her2batch.config import Settings

    result = run([export], Settings())
    cases = result.cases.set_index("case_id")
    assert cases.loc["S1", "ihc_score"] == "1+" and cases.loc["S1", "her2_category"] == "HER2-low"
    assert cases.loc["S1", "explanation"].startswith(narrative.EXPLANATION_PREFIX)
    assert "Negative (Score 1+)" in cases.loc["S1", narrative.EVIDENCE_COLUMN]
    assert cases.loc["S1", "er_percent"] == 95
    assert cases.loc["S2", "ihc_score"] == "3+"  # the column wins; the text disagrees: review
    assert "report_text_disagrees" in cases.loc["S2", "review_reasons"]
    assert "report_text_conflict" in cases.loc["S3", "review_reasons"]
    assert cases.loc["S3", "her2_category"] == "unknown"
    assert not str(cases.loc["S4", "explanation"]).startswith(narrative.EXPLANATION_PREFIX)
    assert cases.loc["S5", "er_percent"] == 80  # filled from text, but the HER2 call is the column's
    assert not str(cases.loc["S5", "explanation"]).startswith(narrative.EXPLANATION_PREFIX)
    assert "report text read from column(s): Final Diagnosis" in result.sources[0].notes
    assert len(result.cases) + len(result.rejects) == result.rows_in


def test_table_with_her2_only_in_report_text_carries_her2(tmp_path):
    """The hook of the no-HER2-column check: report text that states HER2 sets Table.carries_her2."""
    export = tmp_path / "text_only.csv"
    export.write_text('Accession,Final Diagnosis\nS1,"HER2 (by immunohistochemistry): Positive (Score 3+)"\n',
                      encoding="utf-8")
    from her2batch.config import Settings

    result = run([export], Settings())
    assert result.sources[0].status == "ok"
    assert all(getattr(t, "carries_her2", None) is True for t in result.sources[0].tables)
    assert result.cases["her2_category"].tolist() == ["HER2-positive"]


def test_every_scored_field_is_extracted_somewhere():
    seen = set()
    for case in GENERATED + INDEPENDENT + BY_HAND:
        seen |= set(observed(extract(case["text"])))
    assert seen == set(SCORED)


@given(st.lists(st.sampled_from(["faint", "incomplete", "complete", "intense", "weak", "staining", "membrane",
                                 "her2", "1+", "er", "90%", "in", "5%", "of", "cells", "x"]), max_size=12),
       st.lists(st.booleans(), max_size=12))
@settings(max_examples=200, deadline=None)
def test_joining_descriptions_only_removes_commas(words, commas):
    """A description's commas become spaces; nothing else of the statement changes, and a second
    pass changes nothing more."""
    text = "".join(w + ("," if c else "") + " " for w, c in zip(words, commas + [False] * len(words), strict=False))
    joined = narrative._join_descriptions(text)
    assert joined.replace(",", "").split() == text.replace(",", "").split()
    assert narrative._join_descriptions(joined) == joined


# Report texts in the Nordic, Central European, Turkish and Greek languages (tests/cases/reports_languages.yaml),
# written from the rules without sight of the code. Where the reader and the corpus differ, with the reason:
LANGUAGES = yaml.safe_load((CASES / "reports_languages.yaml").read_text(encoding="utf-8"))
ACCEPTED_LANGUAGES = {
    # 'amplifikace genu HER2 neprokázána, ASCO/CAP skupina 5': the reader takes the words (not amplified);
    # the corpus wants the stated group 5, which the classifier calls the same (not amplified)
    ("l032", "ish_result"),
}


def test_report_languages_never_wrong():
    score = _score(LANGUAGES)
    print(score.table())
    wrong = {(case, name) for case, name, *_ in score.wrong_cases}
    assert wrong <= ACCEPTED_LANGUAGES, sorted(wrong - ACCEPTED_LANGUAGES)
    assert score.accuracy() >= 0.9, score.table()  # measured 0.92: most misses are IHC sub-types and shares


@pytest.mark.parametrize("case", [c for c in LANGUAGES if c["review"]], ids=lambda c: c["id"])
def test_report_languages_doubtful_texts_give_no_clean_score(case):
    """A control's or an earlier biopsy's 3+, a hedge, 'not positive', HER2 of DCIS only: never a clean score."""
    result = extract(case["text"])
    score = observed(result).get("ihc_score")
    assert result.flags or score is None or narrative_reads_no_score(result), (case["id"], score)


def narrative_reads_no_score(result) -> bool:
    """The IHC text found reads as no single score (the classifier then reviews it)."""
    from her2batch.codes import IhcKind
    from her2batch.understand.values import read_ihc

    raw = result.values[FIELDS.index("her2_ihc")]
    return read_ihc(raw).kind != IhcKind.SCORE

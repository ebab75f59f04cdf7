# ruff: noqa: RUF005, RUF015  (written by the corpus author; kept as written)
"""Generate corpus9 (English exports with unforeseen layouts and headers) and its expected.yaml and README.md.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)
Expected outcomes are written next to the data so case ids and source_row always match.
Derived only from /work/shared/her2-rules.md (section = "§n") and /work/shared/contract.md.
No her2batch code, tests or bench files were read to write this corpus.
"""
import csv
import io
import json
import os
from collections import Counter

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))

NO_CALL = "review true, no call"
ALL_CALLS = ["HER2-positive", "HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-negative", "HER2-equivocal"]


def R(values, key, exp, comment):
    return dict(values=values, key=key, exp=exp, comment=comment)


def NOTE(values, key, why, must_not, comment):
    return dict(values=values, key=key, comment=comment,
                exp=dict(reject_or_skip=True, why=why, must_not=must_not))


FILES = []

# ====================================================================== 01
H01 = ["Specimen #", "Block", "HER-2/neu (4B5) Score", "HER2 % Pos Cells", "HER2 ISH Ratio (HER2:CEP17)",
       "Avg HER2 copies/cell", "Avg CEP17/cell", "# Cells Enumerated", "ISH Interp."]
PAD01 = [""] * (len(H01) - 1)
FILES.append(dict(
    name="01_vendor_headers_footnote_marks.csv", kind="csv", delim=",", encoding="utf-8-sig", eol="\r\n",
    header=H01,
    format="CSV, comma, UTF-8 with BOM, CRLF; vendor/clone headers with units; footnote marks in the score cells; three trailing note rows in the id column",
    file_outcome="read_or_fail_naming",
    notes=("Headers carry clone names, units and abbreviations: 'HER-2/neu (4B5) Score' (IHC score), 'HER2 % Pos Cells' (% stained), "
           "'HER2 ISH Ratio (HER2:CEP17)', 'Avg HER2 copies/cell', 'Avg CEP17/cell', '# Cells Enumerated', 'ISH Interp.'. Score cells carry "
           "footnote marks ('2+*', '1+ †', '3+ (see note)') whose notes are trailing rows 11-13 written into the 'Specimen #' column. "
           "The '1+ †' note revises that score to 0 and the '(see note)' note reports a second block at 1+: dropping the mark silently "
           "and calling the bare score ignores a HER2 value. Row S9-0108 gives HER2 copies with neither ratio nor CEP17 (single probe, contract)."),
    rows=[
        R(["S9-0101", "A2", "2+*", "40", "", "", "", "", ""], "S9-0101",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
               why="footnote '*' says reflex FISH was sent out (results to follow): the call is the same with or without the note; a flag for the unknown mark is welcome",
               acceptable=NO_CALL + " ('2+*' treated as unreadable)",
               must_not=["HER2-low", "HER2-negative", "HER2-positive", "HER2-0"]),
          "§7 '2+' with a footnote mark; §3 no ISH x IHC 2+ = equivocal: ISH pending; §4 HER2-equivocal. §7 'every word understood': a strict reader may refuse the '*' (acceptable)"),
        R(["S9-0102", "B1", "1+ †", "20", "", "", "", "", ""], "S9-0102",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="the dagger points to the trailing note (row 12) 'Score revised to 0 after consensus review': the bare '1+' is not the final score",
               must_not=["HER2-low without review (footnote mark dropped, revision ignored)", "HER2-positive", "HER2-equivocal", "HER2-null", "HER2-ultralow"]),
          "§7 'every word understood, or unreadable': '†' is not score vocabulary; the note row revises the score (rules silent on footnotes): review. HER2-low or HER2-0 with review is not a wrong call"),
        R(["S9-0103", "A1", "3+ (see note)", "90", "", "", "", "", ""], "S9-0103",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'(see note)': the note (row 13) says 3+ in block A1 only, block B3 1+ (heterogeneous)",
               must_not=["HER2-positive without review", "HER2-low", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§7 'see comment' = review; heterogeneous staining (1+ focal 2+ style) = ambiguous: review. HER2-positive with review is not a wrong call"),
        R(["S9-0104", "A1", "2+", "35", "2.21", "4.6", "2.08", "20", "AMPLIFIED"], "S9-0104",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="false",
               acceptable=NO_CALL + " (a unit-bearing ISH header not mapped)",
               must_not=["HER2-equivocal (ISH columns ignored)", "HER2-low"]),
          "§2 2.21 >=2.0 (4.6/2.08 = 2.21 agrees), 4.6 >=4.0 = group 1, 20 cells; §3 group 1 x 2+ = positive"),
        R(["S9-0105", "A3", "2+", "50", "1.99", "4.02", "2.02", "20", "Not amplified"], "S9-0105",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount",
               acceptable=NO_CALL,
               must_not=["HER2-positive (1.99 rounded to 2.0: group 1)", "HER2-equivocal (ISH columns ignored)", "ish_group 1", "HER2-negative"]),
          "§2 1.99 <2.0 unrounded (4.02/2.02 = 1.990 agrees), 4.02 in [4,6) = group 4; §3 program rule group 4 x 2+ = negative with recount review; §4 HER2-low"),
        R(["S9-0106", "A1", "0", "3", "", "", "", "", ""], "S9-0106",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               acceptable="HER2-0 with review true ('% Pos Cells' not mapped)",
               must_not=["HER2-null", "HER2-low", "HER2-0 without review"]),
          "§1 program rule: IHC 0 with >0-10 % stained = ultralow; §4 HER2-ultralow"),
        R(["S9-0107", "B2", "1+", "15", "", "", "", "", ""], "S9-0107",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-0", "HER2-positive"]),
          "§1 1+ with 15 % (>10 %, consistent); §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["S9-0108", "A1", "2+", "25", "", "6.3", "", "20", ""], "S9-0108",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="", review="optional",
               acceptable=NO_CALL + " ('Avg HER2 copies/cell' not mapped)",
               must_not=["HER2-equivocal (copies ignored)", "HER2-low", "ish_group 3 or any dual-probe group"]),
          "contract: HER2 copies with neither ratio nor CEP17 = single probe; §3 single probe >=6.0 x 2+ = positive; ish_group is the dual-probe group only (contract) so it stays empty"),
        R(["S9-0109", "A2", "0", "0", "", "", "", "", ""], "S9-0109",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="false",
               acceptable="HER2-0 with review true ('% Pos Cells' not mapped)",
               must_not=["HER2-ultralow", "HER2-low", "HER2-0 without review (% column ignored)"]),
          "§1 program rule: IHC 0 with 0 % stained = null; §4 HER2-null"),
        NOTE(["* Reflex FISH sent to reference laboratory; results to follow."] + PAD01,
             "row 11 (note '* Reflex FISH ...')", "footnote row in the id column, not a case",
             ["a case with id '* Reflex FISH sent to reference laboratory...' in cases.csv", "any HER2 category for this row"],
             "contract: a row that cannot be a case is rejected (or skipped with a warning); rows_in == cases + rejects"),
        NOTE(["† Score revised to 0 after consensus review (2 pathologists)."] + PAD01,
             "row 12 (note '† Score revised to 0 ...')", "footnote row in the id column, not a case",
             ["a case with id '† Score revised...' in cases.csv", "HER2-0 / HER2-null case made of this row"],
             "contract: not a case (it holds a score word '0' but no id and no HER2 columns)"),
        NOTE(["Note: 3+ in block A1 only; block B3 shows 1+ (heterogeneous staining)."] + PAD01,
             "row 13 (note 'Note: 3+ in block A1 only ...')", "footnote row in the id column, not a case",
             ["a case with id 'Note: 3+ in block A1 only...' in cases.csv", "HER2-positive case made of this row"],
             "contract: not a case"),
    ]))

# ====================================================================== 02
H02 = ["Accession", "Test: 88360 ER", "Result", "Test: 88360 PR", "Result", "Test: 88360 HER2", "Result",
       "Test: 88377 HER2 FISH", "Result"]
RT02 = NO_CALL + " (the unnamed 'Result' columns not paired with their test)"
FILES.append(dict(
    name="02_test_code_result_pairs.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    header=H02,
    format="CSV, comma, UTF-8, LF; order-status columns headed by CPT code + test name, each followed by a column headed only 'Result' (four columns share that header)",
    file_outcome="read_or_fail_naming",
    notes=("A billing/LIS order export: 'Test: 88360 HER2' holds the ORDER STATUS (Final, Cancelled, In progress), not a result; the HER2 IHC "
           "score is in the next column, headed only 'Result'. Four columns are headed 'Result' (ER, PR, HER2 IHC, HER2 FISH, in that order). "
           "CPT 88360 is shared by ER, PR and HER2, so the code alone does not name the marker. A tool that maps 'Test: 88360 HER2' as the IHC "
           "reads 'Final' (unreadable) and drops the score; a tool that maps the first 'Result' reads ER 'Positive (95%)' as HER2 'positive' = 3+. "
           "Pairing each 'Result' with the test column on its left gives the calls below; refusing the file naming the 'Result' headers is acceptable."),
    rows=[
        R(["A9-0201", "Final", "Positive (95%)", "Final", "Positive (60%)", "Final", "1+", "", ""], "A9-0201",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=RT02,
               must_not=["HER2-positive (ER 'Positive' read as HER2 = 3+)", "unknown/not_tested without review (HER2 'Result' ignored)", "HER2-0"]),
          "§1 1+; §3 no ISH x 1+ = negative; §4 HER2-low. §7 another marker (ER) is not HER2"),
        R(["A9-0202", "Final", "Negative (0%)", "Final", "Negative (0%)", "Final", "3+", "", ""], "A9-0202",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional", acceptable=RT02,
               must_not=["HER2-negative (ER 'Negative' read as HER2)", "HER2-null (ER/PR 0 % read as % stained)", "unknown/not_tested without review"]),
          "§1 3+ = positive; §3 no ISH x 3+ = positive"),
        R(["A9-0203", "Final", "Positive (80%)", "Final", "Positive (5%)", "Final", "2+", "Final", "Not amplified"], "A9-0203",
          dict(category="HER2-low", status="negative", ihc_score="2+", review="optional", acceptable=RT02,
               must_not=["HER2-equivocal (FISH 'Result' ignored)", "HER2-positive", "HER2-negative", "unknown/not_tested without review"]),
          "§7 'Not amplified' = ISH text; §3 text 'not amplified' only x 2+ = negative; §4 HER2-low (2+ with not amplified)"),
        R(["A9-0204", "Final", "Positive (90%)", "Final", "Negative (0%)", "Cancelled", "", "", ""], "A9-0204",
          dict(category="unknown", status="not_tested", review="optional",
               must_not=["HER2-positive (ER 'Positive (90%)' read as HER2)", "HER2-negative (PR 'Negative' read as HER2)", "HER2-null", "HER2-0"]),
          "§7 'cancelled' / blank = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"),
        R(["A9-0205", "Final", "Negative (0%)", "Final", "Negative (0%)", "Final", "0", "", ""], "A9-0205",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional", acceptable=RT02,
               must_not=["HER2-null (PR 0 % read as HER2 % stained)", "HER2-negative", "HER2-ultralow", "unknown/not_tested without review"]),
          "§7 '0' = 0, sub-type unknown ('A plain 0 does not say which', §1); §4 HER2-0"),
        R(["A9-0206", "Final", "Positive (95%)", "Final", "Positive (70%)", "Final", "2+", "Final", "Amplified"], "A9-0206",
          dict(category="HER2-positive", status="positive", ihc_score="2+", review="optional", acceptable=RT02,
               must_not=["HER2-equivocal (FISH 'Result' ignored)", "HER2-low", "unknown/not_tested without review"]),
          "§7 'Amplified' = ISH text; §3 text 'amplified' only x 2+ = positive"),
        R(["A9-0207", "Final", "Positive (60%)", "Final", "Positive (10%)", "Final", "2+", "In progress", ""], "A9-0207",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional", acceptable=RT02,
               why="FISH ordered and in progress: the 2+ waits for ISH; a flag for the pending test is welcome",
               must_not=["HER2-low", "HER2-negative", "HER2-positive (ER 'Positive' read as HER2)", "unknown/not_tested without review"]),
          "§3 no ISH x IHC 2+ = equivocal: ISH pending (§7 'pending' = review is allowed); §4 HER2-equivocal"),
        R(["A9-0208", "Final", "Positive (100%)", "Final", "Positive (90%)", "Final", "Negative (1+)", "", ""], "A9-0208",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=RT02,
               must_not=["HER2-negative (score inside 'Negative (1+)' dropped)", "HER2-positive", "HER2-0", "unknown/not_tested without review"]),
          "§7 'Negative (1+)' = 1+; §3 no ISH x 1+ = negative; §4 HER2-low"),
    ]))

# ====================================================================== 03
H03 = ["Case No.", "c-erbB-2 IHC", "ERBB2 IHC Intensity", "ERBB2 Membrane Completeness", "ERBB2 % Cells",
       "HER2/CEP17", "HER2 signals/nucleus", "CEP17 signals/nucleus", "Nuclei counted"]
FILES.append(dict(
    name="03_staining_intensity_columns.tsv", kind="csv", delim="\t", encoding="utf-8", eol="\n",
    header=H03,
    format="TSV, UTF-8, LF; IHC score column 'c-erbB-2 IHC' beside three staining-description columns (intensity, completeness, % cells) headed 'ERBB2 ...'",
    file_outcome="read_or_fail_naming",
    notes=("The score column is 'c-erbB-2 IHC'; the staining is also described in 'ERBB2 IHC Intensity' (none/faint/weak/moderate/strong), "
           "'ERBB2 Membrane Completeness' (complete/incomplete) and 'ERBB2 % Cells'. Together the three say what §1 defines a score by. "
           "Two rows have no score, only the description (§7: descriptions in the guideline's words read as the score they define); one row's "
           "description (strong, complete, 90 %) contradicts its stated score (1+). Ignoring the intensity/completeness columns silently turns "
           "the described rows into not_tested and the contradiction into a clean HER2-low."),
    rows=[
        R(["T9-0301", "3+", "strong", "complete", "85", "", "", "", ""], "T9-0301",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="false",
               must_not=["HER2-low", "HER2-equivocal"]),
          "§1 3+ (strong complete >10 % agrees); §3 no ISH x 3+ = positive"),
        R(["T9-0302", "1+", "faint", "incomplete", "30", "", "", "", ""], "T9-0302",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-0", "HER2-ultralow", "HER2-equivocal"]),
          "§1 1+ (faint incomplete >10 % agrees); §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["T9-0303", "0", "faint", "incomplete", "5", "", "", "", ""], "T9-0303",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               acceptable="HER2-0 with review true ('ERBB2 % Cells' not mapped)",
               must_not=["HER2-null", "HER2-low (score derived from 'faint incomplete')", "HER2-0 without review"]),
          "§1 program rule: IHC 0 with >0-10 % = ultralow (faint incomplete <=10 % is the §1 ultralow description too); §4 HER2-ultralow"),
        R(["T9-0304", "0", "none", "", "0", "", "", "", ""], "T9-0304",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="false",
               acceptable="HER2-0 with review true ('ERBB2 % Cells' not mapped)",
               must_not=["HER2-ultralow", "HER2-low", "HER2-0 without review (% column ignored)"]),
          "§1 program rule: IHC 0 with 0 % = null; §4 HER2-null"),
        R(["T9-0305", "", "moderate", "complete", "60", "", "", "", ""], "T9-0305",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
               why="no score written; intensity/completeness/% describe §1's 2+ (weak to moderate complete membrane staining in >10 %)",
               acceptable=NO_CALL + " (a description spread over three columns not assembled)",
               must_not=["unknown/not_tested without review (description columns ignored)", "HER2-low", "HER2-negative", "HER2-positive", "HER2-0"]),
          "§7 'descriptions in the guideline's words read as the score they define': moderate + complete + 60 % (>10 %) = 2+; §3 no ISH x 2+ = equivocal; §4. Rules silent on a description split across columns"),
        R(["T9-0306", "1+", "strong", "complete", "90", "", "", "", ""], "T9-0306",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="stated score 1+ but the staining columns describe 3+ (strong complete membrane staining in 90 %)",
               acceptable="HER2-low with review true (the pathologist's score kept, conflict flagged)",
               must_not=["HER2-low without review (intensity/completeness ignored)", "HER2-positive (score derived from the description over the pathologist's 1+)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§1 'the score is the pathologist's' (do not re-derive it); but §1 defines 1+ as faint incomplete staining, so 'strong complete 90 %' contradicts it. The §1 % check passes (90 % >10 %); rules silent on intensity columns: review"),
        R(["T9-0307", "2+", "weak", "complete", "40", "1.50", "3.0", "2.0", "20"], "T9-0307",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="false",
               must_not=["HER2-positive", "HER2-equivocal", "HER2-negative"]),
          "§1 2+ (weak complete >10 % agrees); §2 1.50 (3.0/2.0 = 1.5), 3.0 <4.0 = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["T9-0308", "0", "faint", "incomplete", "25", "", "", "", ""], "T9-0308",
          dict(category="HER2-0", status="negative", ihc_score="0", review="true",
               why="IHC 0 with 25 % of cells stained (>10 %): inconsistent",
               acceptable=NO_CALL,
               must_not=["HER2-ultralow", "HER2-low (score derived from % or from 'faint incomplete >10 %')", "HER2-null", "HER2-0 without review"]),
          "§1 program rule: IHC 0 with >10 % goes to review; never derive a score from percentages (stays 0)"),
        R(["T9-0309", "", "faint", "incomplete", "40", "", "", "", ""], "T9-0309",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional",
               why="no score written; the columns describe §1's 1+ (faint incomplete membrane staining in >10 %)",
               acceptable=NO_CALL + " (a description spread over three columns not assembled)",
               must_not=["unknown/not_tested without review (description columns ignored)", "HER2-0", "HER2-ultralow", "HER2-null", "HER2-positive"]),
          "§7 description in §1's words: faint + incomplete + 40 % (>10 %) = 1+; §3 no ISH x 1+ = negative; §4 HER2-low. Rules silent on a description split across columns"),
    ]))

# ====================================================================== 04
H04 = ["Accession", "Block A1 HER2 IHC", "Block A1 % stained", "Block B2 HER2 IHC", "Block B2 % stained",
       "Case HER2 IHC (final)", "HER2/CEP17 Ratio", "HER2 copies/nucleus", "CEP17 copies/nucleus", "Nuclei"]
FILES.append(dict(
    name="04_two_blocks_case_score.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    header=H04,
    format="CSV, comma, UTF-8, LF; one wide row per accession: IHC on two blocks (A1, B2, each with its % stained), a case-level final score (filled in some rows only), then one ISH",
    file_outcome="read_or_fail_naming",
    notes=("Three columns could each be 'the HER2 IHC': 'Block A1 HER2 IHC', 'Block B2 HER2 IHC' and 'Case HER2 IHC (final)'. Where the final "
           "score is given it is the pathologist's case score; where it is blank, the two blocks decide together. A tool that maps only the "
           "first (A1) or only the final column silently ignores the others: B9-0402 (3+ vs 1+), B9-0403 (0/5 % vs 1+), B9-0407 (1+ vs 2+) "
           "must not get a clean call; B9-0408 (final 1+ over blocks 2+ and 0) must not be called from A1 or B2; B9-0405 must not lose its IHC."),
    rows=[
        R(["B9-0401", "1+", "30", "1+", "25", "1+", "", "", "", ""], "B9-0401",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=NO_CALL,
               must_not=["HER2-0", "HER2-positive", "HER2-equivocal"]),
          "§1 1+ (blocks agree, >10 % each); §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["B9-0402", "3+", "80", "1+", "20", "", "", "", "", ""], "B9-0402",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="block A1 3+ and block B2 1+, no case score, no ISH: heterogeneous",
               acceptable="HER2-positive with review true",
               must_not=["HER2-low (block B2 only)", "HER2-positive without review (block B2 ignored)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative", "unknown/not_tested without review"]),
          "§7 heterogeneous staining ('1+ focal 2+') = ambiguous: review; rules silent on one score per block"),
        R(["B9-0403", "0", "5", "1+", "15", "", "", "", "", ""], "B9-0403",
          dict(category="must_not_guess", status="negative", review="true",
               why="block A1 0 (5 %, ultralow) and block B2 1+: negative either way, HER2-low vs ultralow level not settled",
               acceptable="HER2-low or HER2-ultralow with review true",
               must_not=["HER2-ultralow without review (block B2 ignored)", "HER2-low without review (block A1 ignored)", "HER2-null", "HER2-positive", "HER2-equivocal", "unknown/not_tested without review"]),
          "§1/§3 both blocks negative (status negative); §4 the level (low vs ultralow) depends on which block: rules silent, review"),
        R(["B9-0404", "2+", "40", "2+", "50", "2+", "2.60", "5.2", "2.0", "20"], "B9-0404",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="false",
               must_not=["HER2-low", "HER2-equivocal"]),
          "§2 2.60 (5.2/2.0 = 2.6), 5.2 >=4.0 = group 1; §3 group 1 x 2+ = positive"),
        R(["B9-0405", "2+", "30", "n/a", "", "2+", "1.40", "2.9", "2.07", "20"], "B9-0405",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional", acceptable=NO_CALL,
               must_not=["HER2-negative (IHC columns ignored: ISH alone)", "HER2-equivocal (ISH ignored)", "HER2-positive"]),
          "§7 'n/a' = no result (block B2 not stained); §2 1.40 (2.9/2.07 = 1.40), 2.9 <4.0 = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["B9-0406", "1+", "15", "2+", "35", "", "1.30", "2.6", "2.0", "20"], "B9-0406",
          dict(category="HER2-low", status="negative", ish_group="5", review="optional",
               why="blocks 1+ and 2+ but group 5 ISH settles it: 1+ and 2+/ISH-negative are both HER2-low; a flag for the heterogeneity is welcome",
               acceptable=NO_CALL,
               must_not=["HER2-negative (IHC columns ignored: no-IHC x group 5)", "HER2-positive", "HER2-equivocal", "HER2-0"]),
          "§7 '1-2+ ... ISH may settle it (both 1+ and 2+/ISH-negative are HER2-low)'; §2 1.30 / 2.6 = group 5; §3 group 5 x 1+ or 2+ = negative; §4 HER2-low"),
        R(["B9-0407", "1+", "20", "2+", "30", "", "", "", "", ""], "B9-0407",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="block A1 1+ (negative) and block B2 2+ (equivocal, ISH needed), no ISH, no case score",
               acceptable="HER2-equivocal with review true",
               must_not=["HER2-low without review (block B2 ignored)", "HER2-equivocal without review (block A1 ignored)", "HER2-positive", "HER2-0", "HER2-negative", "unknown/not_tested without review"]),
          "§3 no ISH x 1+ = negative but no ISH x 2+ = equivocal: the blocks lead to different statuses; §7 '1-2+' without ISH is not settled: review"),
        R(["B9-0408", "2+", "40", "0", "0", "1+", "", "", "", ""], "B9-0408",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional",
               why="the case score (final 1+) is the pathologist's call over the block readings; a flag for the block spread is welcome",
               acceptable=NO_CALL,
               must_not=["HER2-equivocal (block A1 2+ taken as the case)", "HER2-null (block B2 0/0 % taken)", "HER2-0"]),
          "§1 'the score is the pathologist's': final 1+; §3 no ISH x 1+ = negative; §4 HER2-low"),
    ]))

# ====================================================================== 05 (xlsx)
H05 = ["Case", "HER2 IHC", "ISH #1 Outcome", "ISH #1 HER2:CEP17", "ISH #1 Avg HER2/cell", "ISH #1 Avg CEP17/cell", "ISH #1 Cells",
       "ISH #2 (repeat) Outcome", "ISH #2 HER2:CEP17", "ISH #2 Avg HER2/cell", "ISH #2 Avg CEP17/cell", "ISH #2 Cells"]
N = None
FILES.append(dict(
    name="05_xlsx_ish_repeat_stated_group.xlsx", kind="xlsx", sheet="ISH log", title=None, header_row=1,
    header=H05,
    format="XLSX, one sheet 'ISH log', header row 1, data rows 2-10; numbers stored as numbers; two ISH attempts side by side (#1, #2 repeat)",
    file_outcome="read_or_fail_naming",
    notes=("Each row may hold a first ISH (#1) and a repeat (#2) after a failure or an under-count. A tool that maps only the #1 columns "
           "(or only #2) silently ignores a HER2 result: R9-0501 and R9-0509 are called from the repeat, R9-0503's first ISH counted 12 nuclei "
           "and says so. In R9-0504/R9-0505 the stated group ('Group 2', 'Group 1') disagrees with the numbers beside it (group 3, group 5) and "
           "the two lead to opposite calls with IHC 2+."),
    rows=[
        R(["R9-0501", "2+", "Failed - no signals", N, N, N, N, "Not amplified (Group 5)", 1.30, 2.70, 2.08, 20], "R9-0501",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional", acceptable=NO_CALL,
               must_not=["HER2-equivocal (repeat ISH ignored)", "unknown/indeterminate (failed first ISH taken as the case result)", "HER2-positive", "HER2-negative"]),
          "§2 repeat: 1.30 (2.70/2.08 = 1.30), 2.70 <4.0 = group 5, 20 cells; §3 group 5 x 2+ = negative ('indeterminate is never read as negative' concerns the failed #1, which is not used); §4 HER2-low"),
        R(["R9-0502", "2+", "Amplified (Group 1)", 2.50, 5.40, 2.16, 20, N, N, N, N, N], "R9-0502",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="false",
               must_not=["HER2-equivocal", "HER2-low"]),
          "§2 2.50 (5.40/2.16 = 2.5), 5.40 >=4.0 = group 1; §3 group 1 x 2+ = positive"),
        R(["R9-0503", "2+", "Insufficient nuclei", 2.10, 4.40, 2.10, 12, "Group 4", 1.70, 4.30, 2.53, 40], "R9-0503",
          dict(category="HER2-low", status="negative", ihc_score="2+", review="true",
               why="group 4 with IHC 2+ on the valid repeat: confirm the blinded recount; the first ISH counted only 12 nuclei",
               acceptable=NO_CALL,
               must_not=["HER2-positive (first, under-counted ISH read as group 1)", "HER2-low without review", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§2 first ISH: 12 cells <20 = not a valid count (review); repeat: 1.70 (4.30/2.53 = 1.70), 4.30 in [4,6) = group 4, 40 cells; §3 program rule group 4 x 2+ = negative with recount review; §4 HER2-low"),
        R(["R9-0504", "2+", "Group 2 - negative", 1.70, 6.30, 3.71, 20, N, N, N, N, N], "R9-0504",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="stated 'Group 2' but ratio 1.70 (<2.0) with 6.30 copies is group 3: with IHC 2+, group 2 = negative, group 3 = positive",
               must_not=["HER2-low without review (stated group taken, numbers ignored)", "HER2-positive without review (numbers taken, stated group ignored)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§2 groups from the numbers: 1.70 <2.0 and 6.30 >=6.0 = group 3 (6.30/3.71 = 1.70 agrees); §7 'Group 2' = group given directly; rules silent when they disagree: review"),
        R(["R9-0505", "2+", "Group 1 - amplified", 1.80, 3.60, 2.00, 20, N, N, N, N, N], "R9-0505",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="stated 'Group 1 - amplified' but ratio 1.80 with 3.60 copies is group 5: positive vs negative",
               must_not=["HER2-positive without review (stated group taken)", "HER2-low without review (numbers taken)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§2 1.80 <2.0 and 3.60 <4.0 = group 5 (3.60/2.00 = 1.8 agrees); §7 'Group 1' given directly; rules silent on the conflict: review"),
        R(["R9-0506", "3+", "Not amplified", 1.20, 2.40, 2.00, 20, N, N, N, N, N], "R9-0506",
          dict(category="HER2-positive", status="positive", ihc_score="3+", ish_group="5", review="true",
               why="group 5 with IHC 3+: discordant",
               must_not=["HER2-low", "HER2-negative", "HER2-positive without review"]),
          "§2 1.20 (2.40/2.00), 2.40 <4.0 = group 5; §3 group 5 x 3+ = positive (review: discordant)"),
        R(["R9-0507", N, "Group 3", 1.80, 6.40, 3.56, 20, N, N, N, N, N], "R9-0507",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="", ish_group="3", review="optional",
               why="group 3 without IHC: IHC work-up needed",
               must_not=["HER2-positive (group 3 read as amplified)", "HER2-negative", "HER2-low"]),
          "§2 1.80 (6.40/3.56 = 1.80) <2.0, 6.40 >=6.0 = group 3 (stated group agrees); §3 group 3 x no IHC = equivocal: IHC needed; §4 HER2-equivocal"),
        R(["R9-0508", "2+", "Failed (no hybridisation)", N, N, N, N, "Failed - insufficient tumour", N, N, N, N], "R9-0508",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
               why="IHC 2+ and both ISH attempts failed: no ISH result",
               acceptable="review true with status indeterminate and category unknown (failed ISH reported as indeterminate)",
               must_not=["HER2-low (failed ISH read as not amplified)", "HER2-negative", "HER2-positive"]),
          "§3 'Indeterminate is never read as negative'; IHC 2+ with no usable ISH = equivocal: ISH pending (§3 no ISH x 2+); §4 HER2-equivocal"),
        R(["R9-0509", "2+", "Cancelled - block exhausted", N, N, N, N, "Group 2", 2.20, 3.50, 1.59, 20], "R9-0509",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount",
               acceptable=NO_CALL,
               must_not=["HER2-equivocal (ISH #2 ignored)", "HER2-positive (ratio 2.20 read as amplified)", "HER2-low without review", "HER2-negative"]),
          "§2 repeat: 2.20 (3.50/1.59 = 2.20) >=2.0, 3.50 <4.0 = group 2; §3 program rule group 2 x 2+ = negative with recount review; §4 HER2-low"),
    ]))

# ====================================================================== 06 (xlsx)
H06 = ["ACCN_NO", "PT_MRN", "SPEC_TYPE", "HER2_IHC_SCR", "HER2_IHC_PCT", "HER2_FISH_RT", "HER2_CN_AVG", "CEP17_CN_AVG",
       "FISH_NUC_CNT", "HER2_FISH_INTRP", "ER_PCT", "PR_PCT"]
F2 = "0.00"  # number format marker: (value, format)
FILES.append(dict(
    name="06_xlsx_caps_title_block_text_numbers.xlsx", kind="xlsx", sheet="HER2_QA", header_row=4,
    title=["REGIONAL PATHOLOGY SERVICE - BREAST BIOMARKER QA EXTRACT", "EXTRACT: HER2_QA_V3    RUN: 2026-02-14 06:00",
           "FIELDS: SCR = IHC SCORE (0-3), PCT = % TUMOUR CELLS WITH MEMBRANE STAINING, RT = HER2/CEP17, CN = COPIES/NUCLEUS"],
    header=H06,
    format="XLSX, one sheet 'HER2_QA'; title block rows 1-3, header row 4 in capitals with underscores, data rows 5-13, blank row 14, end-of-report row 15; most numbers stored as TEXT ('1.99', '4.00', '0', '10'), some as numbers",
    file_outcome="read_or_fail_naming",
    notes=("Header abbreviations no synonym list foresees: SCR (score), PCT (% stained), RT (ratio), CN_AVG (mean copies), NUC_CNT (nuclei). "
           "The title block (rows 1-3) explains them. Numbers are stored as text in most cells (Excel's 'number stored as text'): '1.99' "
           "must stay 1.99 (group 4, not group 1), '10' % with IHC 0 is the ultralow boundary, '0' % is null; HER2_IHC_SCR '3' / '2' / '0' "
           "stored as text are scores (§7 scores typed as numbers), as are 1 and 2 stored as numbers. A tool that cannot map the headers "
           "must fail naming them, not report nine not_tested cases."),
    rows=[
        R(["X9-0601", "M-4410021", "CORE BX", "3", "95", "", "", "", "", "", "90", "80"], "X9-0601",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="false",
               must_not=["unknown/not_tested (SCR column not read)", "HER2-low"]),
          "§7 '3' in an IHC score column = 3+; §3 no ISH x 3+ = positive"),
        R(["X9-0602", "M-4410022", "CORE BX", 1, 10, "", "", "", "", "", "85", "40"], "X9-0602",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="true",
               why="IHC 1+ with only 10 % of cells stained (<=10 %): inconsistent",
               must_not=["HER2-0 (score derived from %)", "HER2-ultralow", "HER2-low without review", "unknown/not_tested"]),
          "§7 number 1 in a score column = 1+; §1 program rule: 1+ with <=10 % stained goes to review (score stays 1+); §4 HER2-low"),
        R(["X9-0603", "M-4410023", "EXCISION", "2", "60", "1.99", "4.00", "2.01", "20", "NOT AMPLIFIED", "70", "10"], "X9-0603",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount",
               must_not=["HER2-positive ('1.99' text rounded to 2.0: group 1)", "ish_group 1", "HER2-equivocal (text numbers not read)", "HER2-negative"]),
          "§2 '1.99' (text) <2.0 unrounded (4.00/2.01 = 1.990 agrees), 4.00 in [4,6) = group 4; §3 program rule group 4 x 2+ = negative with recount review; §4 HER2-low"),
        R(["X9-0604", "M-4410024", "CORE BX", 2, 40, (2, F2), (3.9, F2), (1.95, F2), 20, "NOT AMPLIFIED", "0", "0"], "X9-0604",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount",
               must_not=["HER2-positive", "HER2-equivocal", "ish_group 1", "HER2-negative"]),
          "§2 ratio 2 (number, shown 2.00) >=2.0, 3.9 <4.0 = group 2 (3.9/1.95 = 2.0 agrees); §3 group 2 x 2+ = negative with comment (recount review); §4 HER2-low"),
        R(["X9-0605", "M-4410025", "CORE BX", "0", "0", "", "", "", "", "", "95", "95"], "X9-0605",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="false",
               acceptable="HER2-0 with review true (HER2_IHC_PCT not mapped)",
               must_not=["HER2-ultralow", "HER2-low", "unknown/not_tested (text '0' read as blank)", "HER2-0 without review (PCT column ignored)"]),
          "§7 '0' (text) in a score column = 0; §1 program rule 0 with 0 % = null; §4 HER2-null"),
        R(["X9-0606", "M-4410026", "EXCISION", "0", "10", "", "", "", "", "", "60", "5"], "X9-0606",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               acceptable="HER2-0 with review true (HER2_IHC_PCT not mapped)",
               must_not=["HER2-null", "HER2-low", "review: IHC 0 with >10 % (10 is not >10)", "HER2-0 without review (PCT column ignored)"]),
          "§1 program rule: IHC 0 with >0-10 % = ultralow (10 % is <=10 %); §4 HER2-ultralow"),
        R(["X9-0607", "M-4410027", "CORE BX", "2", "70", "2.35", "6.8 ", "2.9", "60", "AMPLIFIED", "0", "0"], "X9-0607",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="false",
               must_not=["HER2-low", "HER2-equivocal", "reject ('6.8 ' with a trailing space is a number)"]),
          "§2 2.35 (6.8/2.9 = 2.345 agrees) >=2.0, 6.8 >=4.0 = group 1; §3 group 1 x 2+ = positive. §7 normalise spacing"),
        R(["X9-0608", "M-4410028", "CORE BX", "1", "45", "", "", "", "", "", "100", "90"], "X9-0608",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-0", "HER2-positive", "unknown/not_tested"]),
          "§7 '1' (text) in a score column = 1+; 45 % consistent (§1); §4 HER2-low"),
        R(["X9-0609", "M-4410029", "EXCISION", "", "", "1.40", "2.8", "2.0", "20", "NOT AMPLIFIED", "40", "0"], "X9-0609",
          dict(category="HER2-negative", status="negative", ihc_score="", ish_group="5", review="true",
               why="ISH negative (group 5) without IHC: negative, HER2-low level unknown",
               must_not=["HER2-0", "HER2-null", "HER2-low", "HER2-ultralow", "HER2-negative without review", "unknown/not_tested (text ISH numbers not read)"]),
          "§2 1.40 (2.8/2.0), 2.8 <4.0 = group 5; §3 group 5 x no IHC = negative; §4 HER2-negative (score unknown: review)"),
    ],
    extra_rows={15: (["*** END OF REPORT - 9 RECORDS ***"] + [""] * (len(H06) - 1),
                     "row 15 (footer '*** END OF REPORT - 9 RECORDS ***')",
                     dict(reject_or_skip=True, why="end-of-report footer, not a case",
                          must_not=["a case '*** END OF REPORT - 9 RECORDS ***' in cases.csv"]),
                     "contract: not a case (rows_in == cases + rejects)")},
))

# ====================================================================== 07
H07 = ["MRN", "Accession", "Collection Date", "Specimen", "ER (%)", "PR (%)", "Ki-67 (%)", "HER2 IHC", "HER2 ISH", "Receptor Summary"]
MNG07 = "unknown/not_tested without review (HER2 in 'Receptor Summary' silently ignored)"
FILES.append(dict(
    name="07_blank_her2_columns_summary.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    header=H07,
    format="CSV, comma, UTF-8, LF; 'HER2 IHC' and 'HER2 ISH' blank in every row; the HER2 result sits only in a free-text 'Receptor Summary' column beside ER/PR",
    file_outcome="read_or_fail_naming",
    notes=("The lab stopped filling the structured 'HER2 IHC' / 'HER2 ISH' fields: both are blank in all 8 rows. The result is in "
           "'Receptor Summary' ('ER+ (95%), PR+ (40%), HER2 negative (1+)'), mixed with ER and PR. A run that reports eight clean not_tested "
           "cases pretends the cases were read; a warning naming the all-blank HER2 columns (run.json warnings) is expected. §7 makes a cell "
           "with other markers unreadable, so review without a call is the strict answer; a tool that isolates the HER2 part may call it, with "
           "review. Never ER/PR read as HER2."),
    rows=[
        R(["MR0047101", "P9-0701", "01/12/2026", "Breast, left, core biopsy", "95", "40", "12", "", "", "ER+ (95%), PR+ (40%), HER2 negative (1+)"], "P9-0701",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 given only in a receptor summary mixed with ER/PR: HER2-low if isolated, unreadable under §7",
               acceptable="HER2-low with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-positive (ER+/PR+ read as HER2)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-equivocal", "HER2-negative"]),
          "§7 'another marker is not HER2' / 'every word understood, or unreadable': review. The HER2 part alone ('negative (1+)') = 1+ = HER2-low (§4)"),
        R(["MR0047102", "P9-0702", "01/12/2026", "Breast, right, core biopsy", "0", "0", "60", "", "", "ER- PR- HER2 3+ (positive)"], "P9-0702",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 3+ only in a mixed receptor summary",
               acceptable="HER2-positive with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-low", "HER2-negative (ER-/PR- read as HER2)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-equivocal"]),
          "§7 mixed markers: review; the HER2 part '3+ (positive)' = 3+ (§1, §3)"),
        R(["MR0047103", "P9-0703", "01/13/2026", "Breast, left, excision", "70", "0", "25", "", "", "ER+ PR- HER2 2+, FISH amplified"], "P9-0703",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 2+ with FISH amplified only in a mixed receptor summary",
               acceptable="HER2-positive with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-low", "HER2-negative", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-equivocal without review"]),
          "§7 mixed markers: review; the HER2 part: 2+ with 'amplified' = positive (§3 text amplified x 2+)"),
        R(["MR0047104", "P9-0704", "01/14/2026", "Breast, right, core biopsy", "90", "80", "8", "", "", "ER+ PR+ HER2 0"], "P9-0704",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 0 only in a mixed receptor summary (sub-type not stated)",
               acceptable="HER2-0 with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-positive (ER+/PR+ read as HER2)", "HER2-low", "HER2-null", "HER2-ultralow", "HER2-equivocal"]),
          "§7 mixed markers: review; the HER2 part '0' = 0, sub-type unknown (§1) = HER2-0 (§4)"),
        R(["MR0047105", "P9-0705", "01/14/2026", "Breast, left, core biopsy", "85", "60", "10", "", "", ""], "P9-0705",
          dict(category="unknown", status="not_tested", review="optional",
               must_not=ALL_CALLS),
          "§7 blank = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"),
        R(["MR0047106", "P9-0706", "01/15/2026", "Breast, right, core biopsy", "80", "60", "30", "", "", "ER+ (80%), PR+ (60%), HER2 equivocal (2+), FISH to follow"], "P9-0706",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 2+ with FISH pending, only in a mixed receptor summary",
               acceptable="HER2-equivocal with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-low", "HER2-negative", "HER2-positive (ER+/PR+ read as HER2)", "HER2-0", "HER2-null", "HER2-ultralow"]),
          "§7 mixed markers: review; the HER2 part 'equivocal (2+)' = 2+, ISH pending = equivocal (§3)"),
        R(["MR0047107", "P9-0707", "01/16/2026", "Breast, left, excision", "90", "30", "15", "", "", "ER+ PR+; HER2 not performed"], "P9-0707",
          dict(category="unknown", status="not_tested", review="optional",
               must_not=["HER2-positive (ER+/PR+ read as HER2)", "HER2-low", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative", "HER2-equivocal"]),
          "§7 'not performed' = no result; §3 not_tested; §4 unknown (the ER/PR part is another marker)"),
        R(["MR0047108", "P9-0708", "01/16/2026", "Breast, right, core biopsy", "75", "20", "20", "", "", "ER+ PR+ HER2 0 with membrane staining (ultralow)"], "P9-0708",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="HER2 ultralow only in a mixed receptor summary",
               acceptable="HER2-ultralow with review true, or " + NO_CALL,
               must_not=[MNG07, "HER2-null", "HER2-low", "HER2-positive (ER+/PR+ read as HER2)", "HER2-equivocal", "HER2-negative"]),
          "§7 mixed markers: review; the HER2 part '0 with membrane staining' = 0 ultralow (§7 table, §4 HER2-ultralow)"),
    ]))

# ====================================================================== 08
H08 = ["Accession", "Side", "HER2 IHC", "HER2 IHC %", "HER2/CEP17", "HER2 per cell", "CEP17 per cell", "Cells",
       "2nd Primary Side", "2nd Primary HER2 IHC", "2nd Primary HER2/CEP17", "2nd Primary HER2 per cell"]
FILES.append(dict(
    name="08_second_primary_columns.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    header=H08,
    format="CSV, comma, UTF-8, LF; one row per accession; a bilateral patient's second (contralateral) primary has its own HER2 columns in the same row",
    file_outcome="read_or_fail_naming",
    notes=("'2nd Primary HER2 IHC', '2nd Primary HER2/CEP17' and '2nd Primary HER2 per cell' hold the results of the OTHER breast's tumour "
           "(side in '2nd Primary Side'). They match the same synonyms as the row's own columns. The row's case is the first tumour (§7: results "
           "of another specimen are not this case's result), but the second tumour's HER2 result must not vanish without a word: rows that "
           "carry one go to review. Never mix the two tumours (right breast 3+ or group 1 taken for the left)."),
    rows=[
        R(["B9-0801", "Left", "1+", "20", "", "", "", "", "Right", "3+", "", ""], "B9-0801",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="true",
               why="a second primary (right breast, 3+) in the same row is not represented by this case",
               acceptable=NO_CALL + " (the duplicate HER2 columns not resolved), or a file failure naming the '2nd Primary' headers",
               must_not=["HER2-positive (right breast's 3+ taken as this case)", "HER2-low without review (the second primary silently dropped)", "HER2-0"]),
          "§1 1+ (20 %, consistent); §3 no ISH x 1+ = negative; §4 HER2-low. §7 another specimen's result is not this case's; rules silent on dropping it: review"),
        R(["B9-0802", "Right", "0", "0", "", "", "", "", "Left", "2+", "2.30", "4.8"], "B9-0802",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="true",
               why="a second primary (left breast, 2+ with ratio 2.30 / 4.8 copies) in the same row is not represented by this case",
               acceptable=NO_CALL,
               must_not=["HER2-positive (left breast's group 1 ISH applied to this IHC 0)", "HER2-low", "HER2-equivocal", "HER2-null without review"]),
          "§1 program rule IHC 0 with 0 % = null; §4 HER2-null. The left tumour's ISH is another specimen's (§7), not this case's: review"),
        R(["B9-0803", "Left", "3+", "90", "", "", "", "", "", "", "", ""], "B9-0803",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional",
               must_not=["HER2-low", "HER2-equivocal"]),
          "§1 3+; §3 no ISH x 3+ = positive (no second primary)"),
        R(["B9-0804", "Left", "2+", "40", "1.40", "2.9", "2.07", "20", "", "", "", ""], "B9-0804",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="false",
               must_not=["HER2-positive", "HER2-equivocal", "HER2-negative"]),
          "§2 1.40 (2.9/2.07 = 1.40), 2.9 <4.0 = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["B9-0805", "Right", "", "", "", "", "", "", "Left", "1+", "", ""], "B9-0805",
          dict(category="unknown", status="not_tested", review="true",
               why="this tumour has no HER2 result; the row's only HER2 value belongs to the second primary (left breast, 1+)",
               acceptable=NO_CALL,
               must_not=["HER2-low (second primary's 1+ taken as this case)", "HER2-0", "HER2-positive", "unknown/not_tested without review (second primary silently dropped)"]),
          "§3 neither IHC nor ISH for this tumour = not_tested; §4 unknown. §7 another specimen's result is not this case's"),
        R(["B9-0806", "Left", "2+", "30", "", "", "", "", "Right", "2+", "2.60", "5.5"], "B9-0806",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", ish_group="", review="true",
               why="IHC 2+ awaiting ISH; the ISH in the row belongs to the second primary (right breast)",
               acceptable=NO_CALL,
               must_not=["HER2-positive (right breast's group 1 ISH taken for the left 2+)", "HER2-low", "HER2-negative", "ish_group 1"]),
          "§3 no ISH x 2+ = equivocal: ISH pending; §4 HER2-equivocal. §7 the right tumour's ISH is not this case's"),
        R(["B9-0807", "Left", "0", "5", "", "", "", "", "Right", "1+", "", ""], "B9-0807",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="true",
               why="a second primary (right breast, 1+) in the same row is not represented by this case",
               acceptable=NO_CALL,
               must_not=["HER2-low (right breast's 1+ taken)", "HER2-null", "HER2-0", "HER2-ultralow without review"]),
          "§1 program rule IHC 0 with 5 % = ultralow; §4 HER2-ultralow; second primary: review (rules silent)"),
    ]))

# ====================================================================== 09
H09 = ["Surg Path #", "Sign-out Date", "HER2 IHC", "HER2 ISH", "Comments"]
FILES.append(dict(
    name="09_comments_override.csv", kind="csv", delim=",", encoding="utf-8", eol="\r\n",
    header=H09,
    format="CSV, comma, UTF-8, CRLF; quoted free-text 'Comments' column (commas, semicolons) beside structured HER2 IHC / ISH",
    file_outcome="read",
    notes=("'Comments' is not a canonical column, but in five rows it changes the HER2 result: a revised score (2+ -> 1+, 3+ -> 2+), an "
           "outside-lab FISH, an amended (repeated) FISH, a score for a bare 'Negative', an ultralow description for a plain 0. Calling the "
           "structured columns as if the comment did not exist is a silently ignored HER2 value; the other comments (cellularity %, controls) "
           "must not change anything."),
    rows=[
        R(["N9-0901", "02/02/2026", "2+", "", "Score revised to 1+ on consensus review; ISH not indicated."], "N9-0901",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="the comment revises the 2+ to 1+",
               acceptable="HER2-low or HER2-equivocal with review true",
               must_not=["HER2-equivocal without review (comment ignored)", "HER2-positive", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§1/§3: 2+ without ISH = equivocal, 1+ = HER2-low; rules silent on a comment revising the score: review, never silent"),
        R(["N9-0902", "02/02/2026", "0", "", "Tumor cellularity approx. 60%; cold ischemia <1 h; fixation 24 h."], "N9-0902",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional",
               must_not=["HER2-ultralow", "HER2-null", "HER2-low", "review: IHC 0 with 60 % (cellularity read as % stained)"]),
          "§1 'A plain 0 does not say which'; cellularity is not % of cells with membrane staining (contract her2_ihc_percent); §4 HER2-0"),
        R(["N9-0903", "02/03/2026", "3+", "", "External positive control (3+) and internal negative control stained appropriately."], "N9-0903",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional",
               must_not=["HER2-low", "HER2-negative (internal 'negative control' read as the result)"]),
          "§1 3+; §3 no ISH x 3+ = positive; §7 controls are not the case"),
        R(["N9-0904", "02/03/2026", "0", "", "Faint, barely perceptible incomplete membrane staining in approximately 5% of invasive tumor cells."], "N9-0904",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", review="optional",
               why="the comment describes the 0 in §1's ultralow words; a tool that cannot read it must flag it, not call a bare HER2-0",
               acceptable="HER2-0 with review true",
               must_not=["HER2-0 without review (comment ignored)", "HER2-null", "HER2-low (faint incomplete read as 1+)", "HER2-positive"]),
          "§7 'faint/barely perceptible incomplete membrane staining in <=10 %' = 0 ultralow; §1 program rule 5 % = ultralow; §4 HER2-ultralow"),
        R(["N9-0905", "02/04/2026", "1+", "", "HER2 FISH performed at reference lab (ref. R26-1187): AMPLIFIED, ratio 3.1."], "N9-0905",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="an amplified FISH for this case is reported only in the comment",
               acceptable="HER2-positive with review true (discordant), or HER2-low with review true",
               must_not=["HER2-low without review (comment ignored)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative", "HER2-equivocal"]),
          "§3 'amplified' text x IHC 1+ = positive (review: discordant); without the comment 1+ = HER2-low; rules silent on results in comments: review"),
        R(["N9-0906", "02/04/2026", "2+", "Not amplified", ""], "N9-0906",
          dict(category="HER2-low", status="negative", ihc_score="2+", review="false",
               must_not=["HER2-positive", "HER2-equivocal", "HER2-negative"]),
          "§3 text 'not amplified' x 2+ = negative; §4 HER2-low"),
        R(["N9-0907", "02/05/2026", "3+", "", "Score revised to 2+ on review; reflex FISH ordered."], "N9-0907",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="the comment revises the 3+ to 2+ (FISH ordered)",
               acceptable="HER2-equivocal or HER2-positive with review true",
               must_not=["HER2-positive without review (revision ignored)", "HER2-low", "HER2-negative", "HER2-0", "HER2-null", "HER2-ultralow"]),
          "§3 3+ = positive, 2+ without ISH = equivocal; rules silent on a revising comment: review"),
        R(["N9-0908", "02/05/2026", "Negative", "", "IHC score 1+ (see synoptic report)."], "N9-0908",
          dict(category="must_not_guess", status="negative", review="true",
               why="structured 'Negative' without a score; the comment gives 1+",
               acceptable="HER2-negative or HER2-low with review true",
               must_not=["HER2-negative without review", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-positive", "HER2-equivocal"]),
          "§3 program rule: 'negative' without a score = negative, level unknown: review (HER2-negative, §4); the comment's 1+ would make it HER2-low"),
        R(["N9-0909", "02/06/2026", "2+", "Amplified", "Amended: FISH repeated on block B2 - not amplified (ratio 1.4, 2.9 signals/cell); original result withdrawn."], "N9-0909",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="the comment withdraws the structured 'Amplified' and reports a not-amplified repeat (group 5)",
               acceptable="HER2-low or HER2-positive with review true",
               must_not=["HER2-positive without review (amendment ignored)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§3 text amplified x 2+ = positive; the amended repeat 1.4 / 2.9 = group 5 x 2+ = negative (HER2-low); rules silent on amendments in comments: review"),
    ]))


# ====================================================================== writers
def cell_value(v):
    return v


def write_csv(f):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=f["delim"], lineterminator=f["eol"], quoting=csv.QUOTE_MINIMAL)
    w.writerow(f["header"])
    for r in f["rows"]:
        assert len(r["values"]) == len(f["header"]), (f["name"], r["key"], len(r["values"]))
        w.writerow(r["values"])
    with open(os.path.join(HERE, f["name"]), "w", encoding=f["encoding"], newline="") as fh:
        fh.write(buf.getvalue())
    for i, r in enumerate(f["rows"]):
        r["exp"]["source_row"] = i + 2


def write_xlsx(f):
    wb = Workbook()
    ws = wb.active
    ws.title = f["sheet"]
    hr = f["header_row"]
    if f.get("title"):
        for i, t in enumerate(f["title"], 1):
            ws.cell(row=i, column=1, value=t).font = Font(bold=(i == 1))
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(f["header"]))
    for c, h in enumerate(f["header"], 1):
        ws.cell(row=hr, column=c, value=h).font = Font(bold=True)
    row = hr + 1
    for r in f["rows"]:
        assert len(r["values"]) == len(f["header"]), (f["name"], r["key"])
        for c, v in enumerate(r["values"], 1):
            if v is None or v == "":
                continue
            if isinstance(v, tuple):
                cell = ws.cell(row=row, column=c, value=v[0])
                cell.number_format = v[1]
            else:
                ws.cell(row=row, column=c, value=v)
        r["exp"]["source_row"] = row
        row += 1
    for rnum, (vals, key, exp, comment) in sorted(f.get("extra_rows", {}).items()):
        for c, v in enumerate(vals, 1):
            if v not in (None, ""):
                ws.cell(row=rnum, column=c, value=v)
        exp = dict(exp)
        exp["source_row"] = rnum
        f["rows"].append(dict(key=key, exp=exp, comment=comment, values=vals))
    wb.save(os.path.join(HERE, f["name"]))


def yv(v):
    if v in ("true", "false", "optional"):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, ensure_ascii=False)


ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "reject_or_skip", "source_row", "why", "acceptable", "must_not"]

HEAD = """# Expected outcomes for corpus9: English exports whose layout or headers no list foresaw, built to tempt a silently
# ignored column or a silently wrong call.
# Derived only from /work/shared/her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests; tests/cases/exports7 was read for its file format only, the other
# corpora (tests/cases/exports*) were skimmed only to avoid repeating their traps. Generated by make_exports.py together
# with the files, so case ids and source_row numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria; breast when no site is given).
#
# Per-row keys (rows keyed by case id; rows without an id of their own by a description):
#   category   expected her2_category | "must_not_guess" when the rules do not settle it
#   status     expected her2_status | "must_not_guess"
#   review     true / false / optional (rules neither require nor forbid a flag)
#   why        the reason for review (or, with review optional, why a flag would be an over-flag, not an error)
#   reject_or_skip  the row is not a case: rejected, or skipped with a warning
#   ihc_score / zero_subtype / ish_group: expected annotation where the rules fix them ("" = must be empty;
#              absent = not checked)
#   acceptable the only alternative a correct tool may give. "review true, no call" = review_required true,
#              her2_category unknown and her2_status neither positive nor negative (nor equivocal unless said).
#              It never covers a wrong call.
#   must_not   the tempting wrong outcomes of the row (the trap); "X without review" means X is wrong only unflagged
#   source_row CSV line of the record (header = 1) or spreadsheet row
#
# "must_not_guess": the row is accepted and sent to review (or rejected), and carries no category listed in
# must_not. Test: review_required is true and her2_category not in must_not. (A must_not_guess category with a
# concrete status, e.g. status "negative", means the status is settled but the category is not.)
# file_outcome: read = the file must be read; read_or_fail_naming = read it, or fail the file (exit 1) with a message
# naming the header(s) it could not map. Silently reading the wrong column, or reporting the cases as not_tested
# without a word, is wrong either way.
# Every row carries a comment citing the section that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects (+ rows_folded)  # contract"
  site_default: "no file has a site column: every case is breast (contract 'tumor_site: breast when absent')"
  footer_rows: "a note/footnote/end-of-report row is never a case: rejected, or skipped with a warning"
  silently_ignored: "a HER2 value present in the row (in a column the tool did not map, a repeat, a second block, a comment, a footnote) must never be dropped silently: a call made as if it did not exist is listed as 'X without review' in must_not"
  one_row_one_case: "every input row is one case (or one reject); a second block, a repeat ISH or a second primary in the same row is never split into extra cases and never mixed into another row"
  ish_group_empty_for_single_probe: "ish_group is the dual-probe ASCO/CAP 2018 group (contract): empty for a single-probe row  # §2, §3"

files:
"""


def count_outcomes():
    c = Counter()
    for f in FILES:
        for r in f["rows"]:
            e = r["exp"]
            if e.get("reject_or_skip"):
                c["not a case (reject or skip)"] += 1
            elif e["category"] == "must_not_guess":
                c["must_not_guess"] += 1
            elif e["category"] == "unknown":
                c["unknown (" + e["status"] + ")"] += 1
            else:
                c[e["category"]] += 1
    return c


README_TRAPS = {
    "01_vendor_headers_footnote_marks.csv": "Vendor/clone headers with units (**'HER-2/neu (4B5) Score'**, **'HER2 % Pos Cells'**, **'HER2 ISH Ratio (HER2:CEP17)'**, **'Avg HER2 copies/cell'**, **'Avg CEP17/cell'**, '# Cells Enumerated'); footnote marks in score cells **`2+*`**, **`1+ †`** (its note revises the score to 0), **`3+ (see note)`** (note: other block 1+); three **trailing note rows** in the id column; 1.99 / 4.02 (group 4, not rounded); HER2 copies 6.3 alone = single probe (positive, no group).",
    "02_test_code_result_pairs.csv": "**'Test: 88360 HER2'** holds the order status (Final/Cancelled/In progress); the score is in the next column headed only **'Result'**, one of **four 'Result' columns** (ER, PR, HER2 IHC, FISH). CPT 88360 is shared by ER/PR/HER2. Traps: ER 'Positive (95%)' read as HER2 positive = 3+; PR 'Negative (0%)' read as HER2 or as 0 % stained; 'Final' read as the result; every HER2 row silently not_tested.",
    "03_staining_intensity_columns.tsv": "Score column **'c-erbB-2 IHC'** beside **'ERBB2 IHC Intensity'**, **'ERBB2 Membrane Completeness'**, **'ERBB2 % Cells'**. Two rows with no score but a §1 description (moderate+complete+60 % = 2+; faint+incomplete+40 % = 1+) must not become silent not_tested; a stated **1+ with strong complete 90 %** must not be a clean HER2-low (nor a derived 3+); 0 with faint incomplete 25 % (review, never a derived 1+).",
    "04_two_blocks_case_score.csv": "**'Block A1 HER2 IHC'**, **'Block B2 HER2 IHC'** (each with its %) and **'Case HER2 IHC (final)'** in one row. Blocks 3+/1+, 0(5 %)/1+, 1+/2+ without a final score or ISH: review, never the first or last block alone; blocks 1+/2+ settled by group 5 (HER2-low); final 1+ over blocks 2+ and 0; block B2 'n/a'.",
    "05_xlsx_ish_repeat_stated_group.xlsx": "**'ISH #1 ...'** and **'ISH #2 (repeat) ...'** column sets: failed first ISH then a group 5 repeat; under-counted (12 nuclei) group 1 first ISH then a group 4 repeat; cancelled #1 and a group 2 repeat; both attempts failed (2+ stays equivocal, never negative). **Stated group vs numbers**: 'Group 2 - negative' with 1.70/6.30 (group 3), 'Group 1 - amplified' with 1.80/3.60 (group 5). Group 3 without IHC; group 5 with 3+.",
    "06_xlsx_caps_title_block_text_numbers.xlsx": "Title block rows 1-3, header row 4 in **CAPS_WITH_UNDERSCORES** (HER2_IHC_SCR, HER2_IHC_PCT, HER2_FISH_RT, HER2_CN_AVG, CEP17_CN_AVG, FISH_NUC_CNT, HER2_FISH_INTRP), data from row 5; **numbers stored as text** ('1.99', '4.00', '0', '10', '3', '6.8 ' with a trailing space) beside real numbers (ratio 2 formatted 0.00); 1+ with exactly 10 %; 0 with exactly 10 %; ISH group 5 without IHC (HER2-negative, review); end-of-report footer row 15.",
    "07_blank_her2_columns_summary.csv": "**'HER2 IHC' and 'HER2 ISH' blank in every row**; HER2 only in a free-text **'Receptor Summary'** mixed with ER/PR ('ER+ (95%), PR+ (40%), HER2 negative (1+)'). Eight clean not_tested cases would pretend the file was read: review (with or without the isolated HER2 call) and a warning; ER+/ER- never read as HER2.",
    "08_second_primary_columns.csv": "**'2nd Primary HER2 IHC'**, **'2nd Primary HER2/CEP17'**, **'2nd Primary HER2 per cell'**: the other breast's tumour in the same row. Never borrowed for this case (right 3+ for a left 1+; a group 1 ISH for a 0 or a 2+; a 1+ for an untested tumour), never dropped without review.",
    "09_comments_override.csv": "**'Comments'** that change the result: 'Score revised to 1+' (structured 2+), 'Score revised to 2+' (structured 3+), outside-lab FISH 'AMPLIFIED' beside 1+, 'Amended: FISH repeated ... not amplified' beside structured 'Amplified', 'IHC score 1+' beside 'Negative', an ultralow description beside a plain 0; harmless comments (cellularity 60 %, controls 3+ / negative control).",
}

README_SILENT = """## Where her2-rules.md / the contract are silent (new in this corpus)

1. **Footnote marks and note rows** (`2+*`, `1+ †`, `3+ (see note)` with the notes as trailing rows, file 01): §7 says every
   word must be understood but does not say whether a symbol such as `*` or `†` is a word. Expected: no call that the note
   would change may be made without review (S9-0102, S9-0103); `2+*` is equivocal either way (review optional).
2. **Results in an unnamed column** paired with a test-name/status column (`Test: 88360 HER2` + `Result`, file 02): the contract
   maps headers, not header pairs, and says nothing about several columns with the same header. Expected: the paired calls, or
   review without a call, or a file failure naming the `Result` headers; never the ER `Result` as HER2.
3. **A §1 description split across columns** (intensity / completeness / %, file 03): §7 reads descriptions "in the guideline's
   words" as the score they define, but only as text; a description that contradicts the stated score (1+ with strong complete
   90 %) is not addressed (§1 only checks the percentage). Expected: description-only rows called with review optional (no call
   acceptable); the contradiction goes to review.
4. **Several IHC readings per case** (two blocks, a case-level final score, file 04): no rule chooses between blocks. Expected:
   the final score when given; when blocks disagree and ISH does not settle it, review.
5. **Repeat ISH** (file 05): no rule says that a valid repeat supersedes a failed or under-counted first attempt, nor what to do
   when a stated group contradicts the numbers beside it (§2 only checks ratio vs HER2/CEP17). Expected: the valid repeat decides;
   stated-group conflicts with opposite outcomes go to review (must_not_guess).
6. **Abbreviated headers** (`SCR`, `PCT`, `RT`, `CN_AVG`, `NUC_CNT`, file 06): the contract's synonym matching is not defined for
   abbreviations; a failure naming them is accepted, nine silent not_tested cases are not. Numbers stored as text are numbers.
7. **A HER2 column blank in every row** (file 07): the rules make each row not_tested; the contract's `warnings` (being added) is the
   only place to say the column was empty. Expected: review (the HER2 result exists in another column) and a warning; eight clean
   not_tested rows are the "pretend the cases were read" failure.
8. **A second primary in the same row** (file 08): §7 says another specimen's result is not this case's; nothing says whether a
   dropped tumour must be flagged or how one row could become two cases (the contract's rows_in equation keeps one row = one case).
   Expected: this tumour's call with review.
9. **Comments that revise or add results** (file 09): no canonical column and no rule on revisions, outside-lab tests or
   amendments. Expected: review, never the un-revised call without review; harmless comments change nothing.
10. **IHC 2+ with every ISH attempt failed** (R9-0508): §3 has no row for "IHC 2+, ISH indeterminate". Expected: equivocal (ISH
    still needed), with "indeterminate, review" accepted; never negative.
11. **Blocks 0 (5 %) and 1+** (B9-0403): the status is negative either way, but whether the case is HER2-low or HER2-ultralow
    depends on the block; the rules do not aggregate, so the level is left to review.
"""


def write_readme(nrows, counts):
    lines = ["# Corpus 9: English exports with unforeseen layouts and headers", "",
             f"{len(FILES)} small English-language lab exports ({nrows} expected rows in total) whose headers or layout no synonym list",
             "foresaw, each built so that a tool which silently ignores a column, or silently maps the wrong one, makes a wrong call.",
             "Every row's expected outcome is in `expected.yaml`, derived only from `/work/shared/her2-rules.md` (cited as §n) and",
             "`/work/shared/contract.md`. No her2batch code, tests or bench files were read. `tests/cases/exports7` was read for its",
             "file format only; the other corpora were skimmed only so that their traps are not repeated (spelling zoos, other",
             "languages, HL7, NAACCR, CAP synoptic rows, long layouts, two-row headers, Excel damage, gastric sites, totals, section",
             "headings, fraction percentages, overall-status columns). No file has a site column: every case is breast (contract default).", "",
             "All ids and MRNs are invented. Regenerate with `/work/main/.venv/bin/python make_exports.py` (needs openpyxl). The",
             "script writes the data files, `expected.yaml` and this README together, so ids, `source_row` and counts always match.", "",
             "## Files and traps", "", "| file | rows | file_outcome | trap |", "|---|---|---|---|"]
    for f in FILES:
        n_case = sum(1 for r in f["rows"] if not r["exp"].get("reject_or_skip"))
        n_non = len(f["rows"]) - n_case
        rows = f"{n_case}" + (f" + {n_non} non-case" if n_non else "")
        lines.append(f"| `{f['name']}` | {rows} | {f['file_outcome']} | {README_TRAPS[f['name']]} |")
    lines += ["", "By expected outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) + ".", "",
              "## expected.yaml", "",
              "Same format as `tests/cases/exports7/expected.yaml`: `conventions`, then `files`, each with `file`, `format`,",
              "`file_outcome` (`read`, or `read_or_fail_naming` = read it, or fail the file with exit 1 and a message naming the header(s)",
              "it could not map), `notes`, and `rows` keyed by case id (non-case rows by a description). Per row: `category`, `status`,",
              "`ihc_score`, `zero_subtype`, `ish_group` (where the rules fix them; `\"\"` = must be empty; absent = not checked), `review`",
              "(`true` / `false` / `optional`), `reject_or_skip`, `source_row` (CSV line with header = 1; spreadsheet row for XLSX), `why`,",
              "`acceptable` (the only alternative a correct tool may give; \"review true, no call\" = review_required true, category",
              "unknown, status neither positive nor negative), `must_not` (the trap; \"X without review\" = X is wrong only unflagged).",
              "`must_not_guess` as category/status: the rules do not settle the row; it must go to review and carry no category listed in",
              "`must_not`. A row with category `must_not_guess` and a concrete status (B9-0403, N9-0908) has a settled status and an",
              "unsettled category. Every row has a YAML comment citing the § of her2-rules.md (or the contract) that decides it.", "",
              "Over-flagging is never a wrong call: `review: optional` rows say in `why` what a flag would mean. `acceptable` is given",
              "where a careful tool may refuse to map a header or assemble a layout; it never covers a wrong call.", "",
              README_SILENT]
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def main():
    out = [HEAD]
    nrows = 0
    ids = set()
    for f in FILES:
        (write_xlsx if f["kind"] == "xlsx" else write_csv)(f)
        assert f["name"][:2].isdigit()
        out.append("\n# " + "-" * 93 + "\n")
        out.append(f"- file: {f['name']}\n  format: {yv(f['format'])}\n  file_outcome: {f['file_outcome']}\n  notes: {yv(f['notes'])}\n  rows:\n")
        keys = set()
        n_case = 0
        for r in f["rows"]:
            assert r["key"] not in keys, r["key"]
            keys.add(r["key"])
            e = r["exp"]
            assert set(e) <= set(ORDER), set(e) - set(ORDER)
            assert "source_row" in e
            if not e.get("reject_or_skip"):
                n_case += 1
                assert r["key"] not in ids, r["key"]
                ids.add(r["key"])
                assert r["values"][[i for i, h in enumerate(f["header"]) if h in ("Specimen #", "Accession", "Case No.", "Case", "ACCN_NO", "Surg Path #")][0]] == r["key"], r["key"]
                assert e["review"] in ("true", "false", "optional"), r["key"]
                if e["category"] == "must_not_guess":
                    assert e["review"] == "true", r["key"]
            parts = [f"{k}: {yv(e[k])}" for k in ORDER if k in e]
            out.append(f"    {yv(r['key'])}: {{{', '.join(parts)}}}\n      # {r['comment']}\n")
            nrows += 1
        assert 5 <= n_case <= 12, (f["name"], n_case)
    with open(os.path.join(HERE, "expected.yaml"), "w", encoding="utf-8") as fh:
        fh.write("".join(out))
    counts = count_outcomes()
    write_readme(nrows, counts)
    print(f"{len(FILES)} files, {nrows} expected rows")
    for k, v in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"  {k}: {v}")


if __name__ == "__main__":
    main()

"""Generate corpus7 (misleading headers, values and structure) and its expected.yaml.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)
Expected outcomes are written next to the data so case ids and source_row always match.
Derived only from /work/shared/her2-rules.md (section = "§n") and /work/shared/contract.md.
"""
import csv
import io
import json
import os

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
CALLS = ["HER2-positive", "HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-negative"]

def R(values, key, exp, comment):
    return dict(values=values, key=key, exp=exp, comment=comment)

FILES = []

# ------------------------------------------------------------------ 01
FILES.append(dict(
    name="01_lis_status_beside_ihc.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    format="CSV, comma, UTF-8, LF, US dates",
    file_outcome="read",
    notes=("'HER2 Status' is the lab's OVERALL call (Positive/Negative/Equivocal), not the IHC score; 'HER2 IHC' is the score. "
           "'HER2 % (3+ cells)' is the share of cells with 3+ (complete intense) staining, NOT the % of cells with any membrane "
           "staining that her2_ihc_percent means (contract): it must not sub-type an IHC 0 (0 % of 3+ cells says nothing about faint staining). "
           "'ER/PR/HER2' is a combined receptor summary ('+/+/-'). None of the three may replace the HER2 IHC column."),
    header=["Accession No", "Collected", "HER2 Status", "HER2 IHC", "HER2 % (3+ cells)", "FISH Ratio",
            "HER2 Signals/Cell", "CEP17 Signals/Cell", "Cells Counted", "ER/PR/HER2", "ER %", "PR %"],
    rows=[
        R(["C7-0101", "07/02/2026", "Negative", "1+", "0", "", "", "", "", "+/+/-", "90", "60"], "C7-0101",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional",
               why="a tool that reads the 3+-cell share as % stained would flag '1+ with 0 %': an over-flag, not a wrong call",
               must_not=["HER2-negative (overall 'Negative' read as the IHC)", "HER2-0", "HER2-null"]),
          "§1 1+ = negative; §3 no ISH x 1+ = negative; §4 HER2-low. 'HER2 Status' is not her2_ihc (contract column meanings)"),
        R(["C7-0102", "07/03/2026", "Negative", "0", "0", "", "", "", "", "+/-/-", "80", "0"], "C7-0102",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional",
               must_not=["HER2-null (0 % of 3+ cells read as 0 % stained)", "HER2-negative", "HER2-ultralow"]),
          "§1 'A plain 0 does not say which'; the only % given is of 3+ cells, not of any staining (§1 program rule sub-types on % stained); §4 HER2-0"),
        R(["C7-0103", "07/03/2026", "Positive", "3+", "85", "", "", "", "", "+/+/+", "95", "70"], "C7-0103",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="false"),
          "§1 3+ = positive; §3 no ISH x 3+ = positive"),
        R(["C7-0104", "07/06/2026", "Positive", "2+", "5", "2.45", "5.1", "2.08", "20", "-/-/+", "0", "0"], "C7-0104",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional",
               must_not=["HER2-low", "HER2-equivocal"]),
          "§2 2.45 >=2.0 and 5.1 >=4.0 = group 1 (5.1/2.08 = 2.45 agrees), 20 cells; §3 group 1 x 2+ = positive. 5 % of 3+ cells is not a §1 inconsistency"),
        R(["C7-0105", "07/06/2026", "Negative", "2+", "", "1.30", "2.6", "2.0", "20", "+/+/-", "70", "40"], "C7-0105",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="false",
               must_not=["HER2-negative", "HER2-equivocal", "HER2-positive"]),
          "§2 1.30 / 2.6 copies = group 5; §3 group 5 x 2+ = negative; §4 HER2-low (2+ with group 5)"),
        R(["C7-0106", "07/07/2026", "Positive", "1+", "0", "2.6", "5.5", "2.12", "20", "+/-/+", "40", "0"], "C7-0106",
          dict(category="HER2-positive", status="positive", ihc_score="1+", ish_group="1", review="true",
               why="group 1 with IHC 1+: discordant", must_not=["HER2-low", "HER2-negative"]),
          "§2 2.6 / 5.5 (5.5/2.12 = 2.59) = group 1; §3 group 1 x IHC 0 or 1+ = positive (review: discordant)"),
        R(["C7-0107", "07/08/2026", "Negative", "", "", "", "", "", "", "+/+/-", "85", "50"], "C7-0107",
          dict(category="HER2-negative", status="negative", ihc_score="", review="true",
               why="HER2 given only as an overall 'Negative' (and '-' in ER/PR/HER2): negative, score unknown",
               acceptable="review true, no call (the overall-status column is not taken as a HER2 result)",
               must_not=["HER2-0", "HER2-low", "HER2-null", "HER2-ultralow", "HER2-positive", "not_tested without review"]),
          "§3 program rule: 'negative' with no score = negative, HER2-low level unknown: review; §4 HER2-negative. Not silently not_tested: a result is stated"),
        R(["C7-0108", "07/09/2026", "Equivocal", "2+", "", "", "", "", "", "+/+/equiv", "60", "20"], "C7-0108",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
               must_not=["HER2-low", "HER2-negative", "HER2-positive"]),
          "§3 no ISH x IHC 2+ = equivocal: ISH pending; §4 HER2-equivocal"),
        R(["C7-0109", "07/09/2026", "Positive", "1+", "", "", "", "", "", "+/+/+", "90", "80"], "C7-0109",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="overall 'Positive' (and '+' in ER/PR/HER2) contradicts IHC 1+ with no ISH in the export",
               must_not=["HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
          "§3 would give no ISH x 1+ = negative (HER2-low), but the lab's overall call is positive (an ISH done elsewhere?). Rules silent on an overall-status column: review, never a silent HER2-low"),
    ]))

# ------------------------------------------------------------------ 02
FILES.append(dict(
    name="02_uk_receptor_score_columns.tsv", kind="csv", delim="\t", encoding="utf-8", eol="\r\n",
    format="TSV, UTF-8, CRLF; two columns both headed 'Score' (Allred 0-8 for ER and PR) and 'Ki-67 Score' (%); HER2 header is bare 'HER2'",
    file_outcome="read_or_fail_naming",
    notes=("The only HER2 IHC column is 'HER2'; 'HER2 ISH' is the ISH text. Both 'Score' columns are Allred scores (0-8) of the receptor "
           "to their left; 'Ki-67 Score' is Ki-67 %. A tool that maps any 'Score' header to her2_ihc (as in 'HER2 IHC Score') reads "
           "Allred 3 as 3+ or Allred 0 as 0. ER is written as an intensity '3+' in one row: an ER value, not HER2."),
    header=["Lab No", "Specimen", "ER", "Score", "PR", "Score", "HER2", "HER2 ISH", "Ki-67 Score"],
    rows=[
        R(["UK7-201", "Core biopsy", "Positive", "8", "Positive", "7", "1+", "", "15"], "UK7-201",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-positive", "HER2-0", "HER2-null"]),
          "§1 1+; §3 no ISH x 1+ = negative; §4 HER2-low. Allred 8/7 and Ki-67 15 are not HER2"),
        R(["UK7-202", "Core biopsy", "Positive", "3", "Negative", "0", "0", "", "30"], "UK7-202",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="false",
               must_not=["HER2-positive (ER Allred 3 read as 3+)", "HER2-null (PR Allred 0)", "HER2-ultralow", "review: IHC 0 with 30 % (Ki-67 read as % stained)"]),
          "§7 '0' = 0, sub-type unknown; §4 HER2-0. §7 'Another marker is not HER2'"),
        R(["UK7-203", "Excision", "Negative", "0", "Negative", "0", "3+", "", "60"], "UK7-203",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="false",
               must_not=["HER2-0", "HER2-null", "HER2-negative"]),
          "§1 3+ = positive; §3"),
        R(["UK7-204", "Core biopsy", "Negative", "2", "Negative", "0", "2+", "", "40"], "UK7-204",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
               must_not=["HER2-low", "HER2-negative", "HER2-0"]),
          "§3 no ISH x 2+ = equivocal: ISH pending; §4 HER2-equivocal (ER Allred 2 is not a HER2 score)"),
        R(["UK7-205", "Core biopsy", "3+", "8", "2+", "6", "0", "", "10"], "UK7-205",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="false",
               must_not=["HER2-positive (ER '3+' taken for HER2)", "HER2-equivocal (PR '2+')", "HER2-null"]),
          "§7 '0' = 0 sub-type unknown; §4 HER2-0. ER '3+' / PR '2+' are receptor intensities: §7 another marker is not HER2"),
        R(["UK7-206", "Excision", "Positive", "7", "Positive", "5", "Negative (1+)", "", "1"], "UK7-206",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-negative", "HER2-0"]),
          "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        R(["UK7-207", "Core biopsy", "Positive", "8", "Positive", "8", "", "", "3"], "UK7-207",
          dict(category="unknown", status="not_tested", review="optional",
               must_not=["HER2-positive (Ki-67 '3' read as IHC 3)", "HER2-low", "HER2-0", "HER2-negative"]),
          "§7 blank = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"),
        R(["UK7-208", "Excision", "Negative", "0", "Negative", "0", "2+", "Not amplified", "25"], "UK7-208",
          dict(category="HER2-low", status="negative", ihc_score="2+", review="false",
               must_not=["HER2-positive", "HER2-equivocal", "HER2-0"]),
          "§7 'Not amplified' = ISH text; §3 'text not amplified only' x 2+ = negative; §4 HER2-low"),
    ]))

# ------------------------------------------------------------------ 03
FILES.append(dict(
    name="03_ihc_cell_mixed_text.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    format="CSV, comma, UTF-8, LF; free text typed into the structured HER2 IHC column",
    file_outcome="read",
    notes=("The 'HER2 IHC' cells carry other markers (ER, Ki-67, Allred), a control, an ISH result, a fraction-like '1/2' and a "
           "'0.5%'. §7: every word understood, or unreadable; another marker is not HER2; controls are not the case."),
    header=["Case ID", "HER2 IHC", "HER2 IHC % cells stained", "ER", "PR", "ISH result"],
    rows=[
        R(["M7-301", "1+ (ER 3+)", "30", "Positive", "Positive", ""], "M7-301",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="another marker (ER 3+) inside the HER2 IHC cell",
               must_not=["HER2-positive (ER 3+ taken as HER2)", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative", "HER2-equivocal"]),
          "§7 'Another marker is not HER2'; 'every word understood, or unreadable': 'ER' is not HER2 vocabulary -> review. HER2-low with review is not a wrong call"),
        R(["M7-302", "2+ -> FISH amplified", "40", "Positive", "Negative", ""], "M7-302",
          dict(category="HER2-positive", status="positive", ihc_score="2+", review="optional",
               acceptable="review true with no call (mixed IHC/ISH cell treated as unreadable), or HER2-equivocal with review true (ISH word in the IHC cell not taken)",
               must_not=["HER2-low", "HER2-negative", "HER2-0", "HER2-equivocal without review"]),
          "§7 '2+' and ISH 'amplified'; §3 'text amplified only' x 2+ = positive"),
        R(["M7-303", "Positive control 3+, tumour 1+", "20", "Positive", "Positive", ""], "M7-303",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional",
               acceptable="review true, no call (words not in the vocabulary)",
               must_not=["HER2-positive (control 3+ taken as the case)", "HER2-equivocal", "HER2-0"]),
          "§7 'Controls and other specimens are not the case': the tumour is 1+, 20 % consistent (§1); §4 HER2-low"),
        R(["M7-304", "HER2: 0, Ki-67: 30%", "", "Negative", "Negative", ""], "M7-304",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="Ki-67 inside the HER2 IHC cell; its 30 % is not % stained",
               must_not=["HER2-ultralow", "HER2-null", "HER2-low", "HER2-positive", "HER2-negative", "HER2-equivocal", "review only for 'IHC 0 with 30 %'"]),
          "§7 another marker is not HER2 / every word understood: review. HER2-0 with review is not a wrong call; 30 % must not sub-type or check the 0 (§1)"),
        R(["M7-305", "Negative (ER)", "", "Negative", "Negative", ""], "M7-305",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'Negative (ER)' is an ER result in the HER2 column",
               must_not=[*CALLS, "HER2-equivocal"]),
          "§7 'Another marker is not HER2' ('ER positive' in a HER2 field: unreadable); status must not be negative"),
        R(["M7-306", "1/2", "", "Positive", "Positive", ""], "M7-306",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'1/2' is either '1+/2+' or a date (Excel damage): unreadable or ambiguous without ISH",
               must_not=CALLS),
          "§7 '1+/2+' ambiguous (no ISH here to settle it); 'Excel damage ... unreadable: review'. HER2-equivocal with review not excluded (conservative)"),
        R(["M7-307", "Score: 1 (Allred 8)", "", "Positive", "Positive", ""], "M7-307",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'Allred 8' in the HER2 IHC cell: ER/PR scoring word",
               must_not=["HER2-positive", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative", "HER2-equivocal"]),
          "§7 every word understood, or unreadable ('Allred' is not HER2 vocabulary); a bare '1' could be an Allred sub-score: review"),
        R(["M7-308", "1+", "25", "3+", "Negative (0)", ""], "M7-308",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["HER2-positive (ER '3+')", "HER2-0", "HER2-null (PR 'Negative (0)')"]),
          "§1 1+ with 25 % consistent; §4 HER2-low. ER/PR columns are other markers (§7)"),
        R(["M7-309", "0", "0.5%", "Positive", "Positive", ""], "M7-309",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               must_not=["HER2-null ('0.5%' truncated to 0)", "HER2-low", "HER2-0", "review: IHC 0 with 50 % ('0.5' read as a fraction)"]),
          "§1 program rule: IHC 0 with >0-10 % stained = ultralow; 0.5 % is >0; §4 HER2-ultralow"),
    ]))

# ------------------------------------------------------------------ 04
FILES.append(dict(
    name="04_fish_totals_per_20_cells.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    format="CSV, comma, UTF-8, LF; ISH signals reported as TOTALS over the 20 nuclei counted (headers say so)",
    file_outcome="read_or_fail_naming",
    notes=("'HER2 signals (total, 20 nuclei)' and 'CEP17 signals (total, 20 nuclei)' are sums; the mean per cell (contract ish_her2_copies) "
           "is total / nuclei. The ratio column agrees with total/total, so the §2 ratio check can NOT catch a tool that reads the totals as means. "
           "A tool that does not divide must not use these columns as copies: without copies, ratio <2.0 with 2+ (groups 3/4/5) and ratio >=2.0 "
           "(groups 1/2) are undecidable -> review, no call."),
    header=["Specimen No", "HER2 IHC", "HER2 signals (total, 20 nuclei)", "CEP17 signals (total, 20 nuclei)", "HER2/CEP17 ratio", "Nuclei"],
    rows=[
        R(["F7-401", "2+", "100", "62", "1.61", "20"], "F7-401",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount",
               acceptable="review true, no call (totals not converted; groups 3/4/5 undecidable from the ratio alone)",
               must_not=["HER2-positive", "ish_group 3 (total 100 read as a mean)"]),
          "mean HER2 = 100/20 = 5.0, CEP17 3.1; §2 ratio 1.61 <2.0 and 5.0 in [4,6) = group 4; §3 program rule group 4 x 2+ = negative; §4 HER2-low"),
        R(["F7-402", "2+", "72", "30", "2.40", "20"], "F7-402",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount",
               acceptable="review true, no call (group 1 vs 2 undecidable without a mean copy number)",
               must_not=["HER2-positive", "ish_group 1 (total 72 read as a mean)"]),
          "mean 72/20 = 3.6 <4.0, ratio 2.40 >=2.0 = group 2 (§2); §3 group 2 x 2+ = negative, with comment; §4 HER2-low"),
        R(["F7-403", "2+", "60", "46", "1.30", "20"], "F7-403",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional",
               acceptable="review true, no call (groups 3/4/5 undecidable from the ratio alone)",
               must_not=["HER2-positive", "ish_group 3 (total 60 read as a mean)"]),
          "mean 60/20 = 3.0 <4.0, ratio 1.30 = group 5 (§2); §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["F7-404", "1+", "48", "44", "1.09", "20"], "F7-404",
          dict(category="HER2-low", status="negative", ihc_score="1+", ish_group="5", review="optional",
               acceptable="ish_group empty (totals not converted to means), same call: ratio 1.09 with 1+ is negative in groups 3-5",
               must_not=["HER2-positive", "ish_group 3 (total 48 read as a mean)"]),
          "mean 2.4, ratio 1.09 = group 5 (§2); §3 group 5 x 1+ = negative; §4 HER2-low (1+ is HER2-low whatever the group 3-5)"),
        R(["F7-405", "2+", "130", "50", "2.60", "20"], "F7-405",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional",
               acceptable="review true, no call (group 1 vs 2 undecidable without a mean copy number)",
               must_not=["HER2-low", "HER2-negative"]),
          "mean 130/20 = 6.5, ratio 2.60 = group 1 (§2); §3 group 1 x 2+ = positive"),
    ]))

# ------------------------------------------------------------------ 05
FILES.append(dict(
    name="05_fish_copy_header_ranges.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    format="CSV, comma, UTF-8, LF; 'HER2 (FISH)' holds mean HER2 copies per cell (not the ratio, not a text result); ranges and '20+' in number columns",
    file_outcome="read_or_fail_naming",
    notes=("'HER2 (FISH)' / 'CEP17 (FISH)' are mean signals per cell (HER2/CEP17 reproduces 'Ratio'); a tool that takes 'HER2 (FISH)' "
           "for the ratio or the ISH result reads 5.0 as a ratio >=2.0. '>= 6' and '< 4' are ranges: §7 'a range alone is not a number: "
           "review', but here the range still settles the group. '20+' cells = more than 20 counted."),
    header=["Accession", "IHC score", "HER2 (FISH)", "CEP17 (FISH)", "Ratio", "Cells"],
    rows=[
        R(["F7-501", "2+", "5.0", "3.1", "1.61", "40"], "F7-501",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount",
               must_not=["HER2-positive", "ish_group 1 ('HER2 (FISH)' 5.0 read as the ratio)"]),
          "§2 ratio 1.61 (5.0/3.1 = 1.61), 5.0 copies = group 4; §3 program rule x 2+ = negative; §4 HER2-low"),
        R(["F7-502", "2+", "6.4", "4.0", "1.60", "20"], "F7-502",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review="true",
               why="group 3 with IHC 2+: confirm the blinded recount",
               must_not=["HER2-low", "HER2-negative", "ish_group 4", "ish_group 5"]),
          "§2 1.60 <2.0 and 6.4 >=6.0 = group 3; §3 group 3 x 2+ = positive (after blinded recount)"),
        R(["F7-503", "1+", "3.2", "2.9", "1.10", "20"], "F7-503",
          dict(category="HER2-low", status="negative", ihc_score="1+", ish_group="5", review="false",
               must_not=["HER2-positive ('HER2 (FISH)' 3.2 read as a ratio >=2.0)", "HER2-0"]),
          "§2 1.10 / 3.2 copies = group 5; §3 group 5 x 1+ = negative; §4 HER2-low"),
        R(["F7-504", "2+", ">= 6", "", "1.5", "20"], "F7-504",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review="true",
               why="copy number given as a range '>= 6'; group 3 with IHC 2+: blinded recount",
               acceptable="review true, no call (a range is not a number)",
               must_not=["HER2-low", "HER2-negative", "ish_group 4", "ish_group 5", "reject"]),
          "§7 '>=' normalised, 'a range alone is not a number: review'; ratio 1.5 <2.0 and copies >=6.0 is group 3 whatever the exact value (§2); §3 group 3 x 2+ = positive"),
        R(["F7-505", "1+", "< 4", "", "2.3", "20"], "F7-505",
          dict(category="HER2-low", status="negative", ihc_score="1+", ish_group="2", review="true",
               why="copy number given as a range '< 4'",
               acceptable="review true, no call (a range is not a number)",
               must_not=["HER2-positive (group 1 assumed from ratio >=2.0)", "ish_group 1", "reject"]),
          "§7 a range alone is not a number: review; ratio 2.3 >=2.0 with copies <4.0 = group 2 (§2); §3 group 2 x 1+ = negative, with comment; §4 HER2-low"),
        R(["F7-506", "2+", "5.5", "2.2", "2.50", "20+"], "F7-506",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional",
               acceptable="reject naming the cells column ('20+' is not a plain number, contract) ; or review true with the same call",
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal", "review only for 'fewer than 20 cells'"]),
          "§2 2.50 (5.5/2.2 = 2.5), 5.5 copies = group 1, '20+' = at least 20 counted; §3 group 1 x 2+ = positive"),
        R(["F7-507", "2+", "4.4", "2.2", "2", "20"], "F7-507",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="false",
               must_not=["HER2-low", "ish_group 4", "ish_group 2"]),
          "§2 ratio '2' = 2.0 (>=2.0; 4.4/2.2 = 2.0 agrees) and 4.4 >=4.0 = group 1; §3 group 1 x 2+ = positive"),
    ]))

# ------------------------------------------------------------------ 06
FILES.append(dict(
    name="06_eu_decimal_comma_padding.csv", kind="csv", delim=";", encoding="utf-8", eol="\r\n",
    format="CSV, semicolon, UTF-8, CRLF, decimal commas with trailing zeros ('1,960', '2,000', '3,900') and one-decimal % ('12,5', '0,5')",
    file_outcome="read",
    notes=("Every number uses a decimal comma; there are no thousands separators in this file (a ratio of 1960 or 3900 copies "
           "per cell is not a reading). '12,5' % is 12.5 (not 125 -> reject, not 12 or 1.25)."),
    header=["Case no", "HER2 IHC", "HER2 % stained", "HER2/CEP17 ratio", "HER2 copies/cell", "CEP17 copies/cell", "Nuclei counted"],
    rows=[
        R(["E7-601", "2+", "40", "1,960", "4,30", "2,19", "20"], "E7-601",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount",
               acceptable="review true, no call",
               must_not=["HER2-positive", "ish_group 1 ('1,960' read as 1960 or 2.0)"]),
          "§7 decimal comma: 1,960 = 1.96 <2.0 (§2 unrounded), 4.30 in [4,6) = group 4 (4.30/2.19 = 1.963 agrees); §3 program rule; §4 HER2-low"),
        R(["E7-602", "2+", "35", "2,000", "3,900", "1,950", "20"], "E7-602",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount",
               acceptable="review true, no call",
               must_not=["HER2-positive", "ish_group 1 ('3,900' read as 3900 copies)"]),
          "§7 2,000 = 2.0 (>=2.0), 3,900 = 3.9 <4.0 = group 2 (3.9/1.95 = 2.0 agrees); §3 group 2 x 2+ = negative with comment; §4 HER2-low"),
        R(["E7-603", "0", "0,5", "", "", "", ""], "E7-603",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               must_not=["HER2-null ('0,5' read as 0)", "HER2-0", "HER2-low"]),
          "§7 decimal comma 0,5 = 0.5 %; §1 program rule IHC 0 with >0-10 % = ultralow; §4 HER2-ultralow"),
        R(["E7-604", "1+", "12,5", "", "", "", ""], "E7-604",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["reject ('12,5' read as 125 %)", "review: 1+ with <=10 % ('12,5' read as 1.25)", "HER2-0"]),
          "§7 12,5 = 12.5 % >10 %: consistent with 1+ (§1); §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["E7-605", "2+", "50", "1,9", "6,0", "3,16", "20"], "E7-605",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review="true",
               why="group 3 with IHC 2+: confirm the blinded recount",
               must_not=["HER2-low", "ish_group 4 ('6,0' read as below 6)", "HER2-negative"]),
          "§7 1,9 = 1.9 <2.0; 6,0 = 6.0 >=6.0 = group 3 (§2; 6.0/3.16 = 1.90 agrees); §3 group 3 x 2+ = positive"),
        R(["E7-606", "0", "10,0", "", "", "", ""], "E7-606",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               must_not=["HER2-null", "HER2-low", "review: IHC 0 with 100 % ('10,0' read as 100)"]),
          "§7 10,0 = 10.0 %; §1 program rule 0 with >0-10 % = ultralow (10 is <=10, not inconsistent); §4 HER2-ultralow"),
        R(["E7-607", "1+", "10,5", "", "", "", ""], "E7-607",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="false",
               must_not=["reject ('10,5' read as 105 %)", "review: 1+ with <=10 % ('10,5' truncated to 10)", "HER2-0"]),
          "§7 10,5 = 10.5 % >10 %: consistent with 1+ (§1); §4 HER2-low"),
    ]))

# ------------------------------------------------------------------ 07
FILES.append(dict(
    name="07_percent_as_fraction.csv", kind="csv", delim=",", encoding="utf-8", eol="\n",
    format="CSV, comma, UTF-8, LF; % stained exported as a 0-1 fraction, the header says so",
    file_outcome="read_or_fail_naming",
    notes=("'HER2 membrane staining (fraction of tumour cells, 0-1)': 0.25 = 25 %. Read as a percentage, 0.25 % would make an IHC 0 "
           "silently ultralow where the rules send 0 with 25 % to review. A tool that cannot tell the scale must not sub-type or "
           "check with it (review, or HER2-0 with review)."),
    header=["Case ID", "HER2 IHC", "HER2 membrane staining (fraction of tumour cells, 0-1)", "ER (fraction)"],
    rows=[
        R(["P7-701", "0", "0", "0.9"], "P7-701",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="false",
               acceptable="HER2-0 with review true (fraction column not used)",
               must_not=["HER2-ultralow", "HER2-low"]),
          "§1 program rule 0 % stained = null (0 on either scale); §4 HER2-null"),
        R(["P7-702", "0", "0.05", "0.8"], "P7-702",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
               acceptable="HER2-0 with review true (fraction column not used)",
               must_not=["HER2-null", "HER2-low"]),
          "0.05 = 5 %: §1 program rule >0-10 % = ultralow; §4 HER2-ultralow"),
        R(["P7-703", "0", "0.25", "0.95"], "P7-703",
          dict(category="HER2-0", status="negative", ihc_score="0", review="true",
               why="IHC 0 but 25 % of cells stained (>10 %): inconsistent",
               acceptable="review true, no call",
               must_not=["HER2-ultralow (0.25 read as 0.25 %)", "HER2-null", "HER2-low", "HER2-0 without review"]),
          "0.25 = 25 %: §1 program rule IHC 0 with >10 % goes to review; never derive a score from % (stays 0)"),
        R(["P7-704", "1+", "0.40", "0.7"], "P7-704",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional",
               why="0.40 = 40 %, consistent; a tool reading 0.4 % flags it (over-flag, not a wrong call)",
               must_not=["HER2-0", "HER2-negative"]),
          "§1 1+ with 40 % consistent; §4 HER2-low"),
        R(["P7-705", "1+", "0.08", "0.6"], "P7-705",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="true",
               why="IHC 1+ but only 8 % of cells stained (<=10 %): inconsistent",
               must_not=["HER2-0 (score derived from %)", "HER2-ultralow", "review false"]),
          "0.08 = 8 %: §1 program rule 1+ with <=10 % goes to review; score stays 1+; §4 HER2-low"),
        R(["P7-706", "0", "0.8", "0.0"], "P7-706",
          dict(category="HER2-0", status="negative", ihc_score="0", review="true",
               why="IHC 0 but 80 % of cells stained (>10 %): inconsistent",
               acceptable="review true, no call",
               must_not=["HER2-ultralow (0.8 read as 0.8 %)", "HER2-null", "HER2-low", "HER2-0 without review"]),
          "0.8 = 80 %: §1 program rule IHC 0 with >10 % goes to review"),
        R(["P7-707", "0", "0.12", "0.5"], "P7-707",
          dict(category="HER2-0", status="negative", ihc_score="0", review="true",
               why="IHC 0 but 12 % of cells stained (>10 %): inconsistent",
               acceptable="review true, no call",
               must_not=["HER2-ultralow (0.12 read as 0.12 %)", "HER2-null", "HER2-low", "HER2-0 without review"]),
          "0.12 = 12 %: §1 program rule IHC 0 with >10 % goes to review"),
        R(["P7-708", "3+", "1", "0.0"], "P7-708",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional",
               must_not=["HER2-low", "HER2-0"]),
          "1 = 100 %; §1 3+ = positive; §3"),
    ]))

# ------------------------------------------------------------------ 08 (xlsx)
X_HEADER = ["Accession", "Patient", "Part", "Specimen", "HER2 IHC", "% stained", "Ratio", "HER2/cell", "CEP17/cell", "Cells", "Report status"]
X_ROWS = {  # spreadsheet row -> values (None = empty)
    4: ["--- Breast cases ---"],
    5: ["B7-801", "P-55021", "A", "Left breast, core biopsy", "3+", 90, None, None, None, None, "Final"],
    6: [None, None, "B", "Right breast, core biopsy", "2+", 40, 1.3, 2.8, 2.15, 20, "Final"],
    7: ["B7-802", "P-55022", "A", "Breast, core biopsy", "2+", 60, 2.4, 5.2, 2.17, 20, "Final"],
    8: ["B7-802", "P-55022", "A", "Breast, core biopsy", "2+", 60, 1.8, 3.6, 2.0, 20, "Corrected"],
    9: ["B7-803", "P-55023", "A", "Breast, excision", "0", 5, None, None, None, None, "Final"],
    10: ["--- Stomach cases (upper GI service) ---"],
    11: ["G7-804", "P-55024", "A", "Endoscopic biopsy", "1+", 30, None, None, None, None, "Final"],
    12: ["G7-805", "P-55025", "A", "Resection", "0", 5, None, None, None, None, "Final"],
    13: ["G7-806", "P-55026", "A", "Endoscopic biopsy", "2+", 40, 2.2, 3.5, 1.59, 20, "Final"],
    14: ["G7-807", "P-55027", "A", "Resection", "2+", 50, 1.5, 6.3, 4.2, 20, "Final"],
    16: ["Totals / means (n=9)", None, None, None, 3, 36.7, 1.86, 4.6, 2.47, 20, None],
}
X_EXP = [
    (4, "row 4 (section header '--- Breast cases ---')",
     dict(reject_or_skip=True, why="section header row, not a case", must_not=["a case with id '--- Breast cases ---' in cases.csv"]),
     "contract: a row that cannot be a case (id is a heading, no HER2) is rejected or skipped; §6 'the tumour site must choose the rule set': it sets breast for rows 5-9"),
    (5, "B7-801 A",
     dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional",
          must_not=["HER2-low (right breast's result)", "one case B7-801 mixing rows 5 and 6"]),
     "§1 3+ = positive (left breast, part A)"),
    (6, "B7-801 B (case id only in the merged cell A5:A6)",
     dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional",
          acceptable="rejected for no case_id in its own cell (contract), never folded into row 5",
          must_not=["HER2-positive (left breast 3+ carried to the right)", "folded into B7-801 A", "a case with an invented id"]),
     "§2 1.3 (2.8/2.15 = 1.30), 2.8 copies = group 5; §3 group 5 x 2+ = negative; §4 HER2-low (right breast, part B)"),
    (7, "B7-802 (row 7, Final)",
     dict(category="must_not_guess", status="must_not_guess", review="true",
          why="the same case/part is re-reported on row 8 as 'Corrected' with ISH group 5",
          acceptable="HER2-positive with review true (row read alone: group 1 x 2+)",
          must_not=["HER2-positive without review", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
     "§2 2.4 / 5.2 = group 1 (alone positive, §3); rules silent on a later corrected row for the same case: review, no silent positive"),
    (8, "B7-802 (row 8, Corrected)",
     dict(category="must_not_guess", status="must_not_guess", review="true",
          why="corrected report for a case already reported positive on row 7",
          acceptable="HER2-low with review true (row read alone: group 5 x 2+), or folded into row 7's case with review true",
          must_not=["HER2-positive without review", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"]),
     "§2 1.8 / 3.6 (3.6/2.0 = 1.8) = group 5; §3 x 2+ = negative; rules silent on corrections superseding rows"),
    (9, "B7-803",
     dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="false",
          must_not=["HER2-null", "HER2-negative", "HER2-low"]),
     "breast section (and contract default); §1 program rule IHC 0 with 5 % = ultralow; §4 HER2-ultralow"),
    (10, "row 10 (section header '--- Stomach cases ---')",
     dict(reject_or_skip=True, why="section header row, not a case", must_not=["a case with id '--- Stomach cases (upper GI service) ---' in cases.csv"]),
     "contract: not a case; §6 'the tumour site must choose the rule set': rows 11-14 are stomach"),
    (11, "G7-804",
     dict(category="HER2-negative", status="negative", ihc_score="1+", ish_group="", review="false",
          acceptable="review true, no call (section heading not read; site unknown)",
          must_not=["HER2-low (breast default applied to a stomach case)", "HER2-positive"]),
     "§6 gastric: IHC 1+ negative; a negative case is HER2-negative, HER2-low does not apply"),
    (12, "G7-805",
     dict(category="HER2-negative", status="negative", ihc_score="0", ish_group="", review="false",
          acceptable="review true, no call (section heading not read; site unknown)",
          must_not=["HER2-ultralow (breast default)", "HER2-0", "HER2-null"]),
     "§6 gastric resection IHC 0 = negative; ultralow does not apply; HER2-negative"),
    (13, "G7-806",
     dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="", review="optional",
          acceptable="review true, no call (section heading not read; site unknown)",
          must_not=["HER2-low (breast group 2)", "ish_group 2"]),
     "§6 ISH positive when ratio >=2.0: 2.2 (3.5/1.59 = 2.20) with IHC 2+ = positive; breast groups do not apply"),
    (14, "G7-807",
     dict(category="HER2-negative", status="negative", ihc_score="2+", ish_group="", review="false",
          acceptable="review true, no call (section heading not read; site unknown)",
          must_not=["HER2-positive (breast group 3: 6.3 copies)", "ish_group 3", "HER2-low"]),
     "§6 ISH positive only when ratio >=2.0: 1.5 = negative; IHC 2+ with negative ISH = negative; HER2-negative"),
    (16, "row 16 (footer 'Totals / means (n=9)')",
     dict(reject_or_skip=True, why="totals row with numbers in the HER2 columns, not a case",
          must_not=["a case 'Totals / means (n=9)' in cases.csv", "HER2-positive (count 3 read as IHC 3)"]),
     "contract (rows_in == cases + rejects) and corpus convention: a totals row is never a case; its IHC '3' is a count, not a §7 score typed as a number"),
]
FILES.append(dict(
    name="08_xlsx_sections_merged_totals.xlsx", kind="xlsx",
    format="XLSX, one sheet 'HER2 log'; title row 1, header row 3; section rows 4 and 10 (merged A:K) set the site; A5:A6 and B5:B6 merged (left/right breast in one accession); rows 7/8 same case Final then Corrected; blank row 15; totals row 16 with numbers in the HER2 columns",
    file_outcome="read",
    notes=("There is no site column: the section rows '--- Breast cases ---' and '--- Stomach cases (upper GI service) ---' say which rule "
           "set applies to the rows below (§6). Accession B7-801 has a left (A, 3+) and a right (B, 2+/group 5) tumour; the id is only in "
           "the merged A5:A6. Row 8 'Corrected' reverses row 7's ISH. Row 16 is a totals row (IHC column holds a count, 3)."),
))

# ------------------------------------------------------------------ writers
def write_csv(f):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=f["delim"], lineterminator=f["eol"], quoting=csv.QUOTE_MINIMAL)
    w.writerow(f["header"])
    for r in f["rows"]:
        assert len(r["values"]) == len(f["header"]), (f["name"], r["key"])
        w.writerow(r["values"])
    with open(os.path.join(HERE, f["name"]), "w", encoding=f["encoding"], newline="") as fh:
        fh.write(buf.getvalue())
    for i, r in enumerate(f["rows"]):
        r["exp"]["source_row"] = i + 2

def write_xlsx(f):
    wb = Workbook()
    ws = wb.active
    ws.title = "HER2 log"
    ws["A1"] = "HER2 testing log - Q3 2026 (exported 2026-10-01)"
    ws["A1"].font = Font(bold=True)
    for c, h in enumerate(X_HEADER, 1):
        ws.cell(row=3, column=c, value=h).font = Font(bold=True)
    for r, vals in X_ROWS.items():
        for c, v in enumerate(vals, 1):
            if v is not None:
                ws.cell(row=r, column=c, value=v)
    for r in (4, 10):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(X_HEADER))
        ws.cell(row=r, column=1).font = Font(bold=True, italic=True)
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    wb.save(os.path.join(HERE, f["name"]))
    f["rows"] = []
    for row, key, exp, comment in X_EXP:
        exp = dict(exp)
        exp["source_row"] = row
        f["rows"].append(dict(key=key, exp=exp, comment=comment))

def yv(v):
    if v in ("true", "false", "optional"):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, ensure_ascii=False)

ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "reject_or_skip", "source_row", "why", "acceptable", "must_not"]

HEAD = """# Expected outcomes for corpus7: misleading headers, misleading values, misleading structure.
# Derived only from /work/shared/her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests; the other corpora (tests/cases/exports*) were read for
# their file format only and their traps are not repeated. Generated by make_exports.py together with the files,
# so case ids and source_row numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria; breast when no site is given).
#
# Per-row keys (rows keyed by case id; rows without an id of their own, or repeated ids, by a description):
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
# must_not. Test: review_required is true and her2_category not in must_not.
# Every row carries a comment citing the section that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects (+ rows_folded)  # contract"
  site_default: "files 01-07 have no site column: breast (contract 'tumor_site: breast when absent'); file 08 sets the site by section rows"
  footer_rows: "a totals/footer/section-heading row is never a case: rejected, or skipped with a warning"
  gastric_ish_group: "ish_group is empty for every gastroesophageal row  # §6"
  ihc_percent: "her2_ihc_percent is the % of invasive tumour cells with ANY membrane staining (contract); a % of 3+ cells, a Ki-67 %, an Allred score or a fraction read as % must never sub-type an IHC 0 or silence the §1 consistency check"
  decimal_commas: "file 06 writes decimal commas with trailing zeros: 1,960 = 1.96; there are no thousands separators in this corpus  # §7"

files:
"""

def main():
    out = [HEAD]
    nrows = 0
    for f in FILES:
        (write_xlsx if f["kind"] == "xlsx" else write_csv)(f)
        out.append("\n# " + "-" * 93 + "\n")
        out.append(f"- file: {f['name']}\n  format: {yv(f['format'])}\n  file_outcome: {f['file_outcome']}\n  notes: {yv(f['notes'])}\n  rows:\n")
        keys = set()
        for r in f["rows"]:
            assert r["key"] not in keys, r["key"]
            keys.add(r["key"])
            e = r["exp"]
            assert set(e) <= set(ORDER), set(e) - set(ORDER)
            parts = [f"{k}: {yv(e[k])}" for k in ORDER if k in e]
            out.append(f"    {yv(r['key'])}: {{{', '.join(parts)}}}\n      # {r['comment']}\n")
            nrows += 1
    with open(os.path.join(HERE, "expected.yaml"), "w", encoding="utf-8") as fh:
        fh.write("".join(out))
    print(f"{len(FILES)} files, {nrows} expected rows")

if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate the fifth HER2 export corpus (corpus5: gastroesophageal sites, her2-rules.md section 6)
and its expected.yaml.

Expected outcomes are derived only from /work/shared/her2-rules.md (cited as §n) and
/work/shared/contract.md ("contract"). No her2batch code or tests were read.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)

Each data row is written next to its expected outcome, so case ids and source_row numbers in
expected.yaml always match the generated files.
"""
import csv
import io
import json
import os
import re

from openpyxl import Workbook

HERE = os.path.dirname(os.path.abspath(__file__))

FILES = []  # (file, format, file_outcome, notes, [(key, expected dict)])


def E(category, status, cite, **kw):
    d = {"category": category, "status": status}
    d.update(kw)
    d["_c"] = cite
    return d


# Shared phrases -------------------------------------------------------------------------------
GI_NEG_NOT = ["HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "review reason ihc_score_unknown"]
RECOUNT = "confirm the blinded recount"
SITE_WORD_ACC = ("breast-default outcome ({}) only with review true and the site noted as not recognised "
                 "(§6 lists GEJ/GOJ/OGJ/G-E junction/cardia and C15.x/C16.x, not this word)")


def write_delimited(name, header, rows, delim=",", newline="\n", encoding="utf-8"):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(buf.getvalue())


def build_delimited(name, fmt, outcome, notes, header, data, **kw):
    """data: list of (values, expected). source_row = line number (header = 1, one line per record)."""
    rows, exp = [], []
    for i, (values, e) in enumerate(data):
        assert len(values) == len(header), (name, values)
        rows.append(values)
        e = dict(e)
        e["source_row"] = i + 2
        exp.append((values[0], e))
    write_delimited(name, header, rows, **kw)
    FILES.append((name, fmt, outcome, notes, exp))


# ---------------------------------------------------------------------------------------------
# 01: ICD-O-3 topography codes without dots in the primary-site column (US LIS extract)
H01 = ["Accession #", "Primary Site", "Specimen Type", "HER2 IHC Score", "HER2 % Cells Stained",
       "HER2/CEP17 Ratio", "Avg HER2 Copies/Cell", "Avg CEP17 Copies/Cell", "Nuclei Counted"]
D01 = [
    (["C5-0101", "C160", "Biopsy", "2+", "", "2.0", "3.6", "1.8", "20"],
     E("HER2-positive", "positive", "§6 C160 = C16.0 (cardia/GE junction, ICD-O-3 without the dot); ISH positive when ratio >= 2.0 (exactly 2.0); IHC 2+ + ISH positive = positive; breast groups do not apply",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-low", "ish_group 2", "review: blinded recount (a breast group-2 rule)"])),
    (["C5-0102", "C504", "Core biopsy", "2+", "", "2.0", "3.6", "1.8", "20"],
     E("HER2-low", "negative", "breast C504: §2 ratio 2.0 >= 2.0 with 3.6 < 4.0 copies = group 2; §3 group 2 x 2+ = negative with comment (program rule: recount review); §4 HER2-low",
       ihc_score="2+", ish_group="2", review=True, why=f"group 2 with IHC 2+: {RECOUNT}", must_not=["HER2-positive"])),
    (["C5-0103", "C169", "Biopsy", "2+", "", "1.99", "6.3", "3.17", "20"],
     E("HER2-negative", "negative", "§6 C169 = C16.9 stomach; ratio 1.99 < 2.0 (unrounded, §2) = ISH not positive; 6.3 copies do not matter outside breast; 2+ with ISH negative = negative; §6 HER2-negative",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-positive", "ish_group 3", "HER2-low", "review reason ihc_score_unknown"])),
    (["C5-0104", "C509", "Core biopsy", "2+", "", "1.99", "6.3", "3.17", "20"],
     E("HER2-positive", "positive", "breast C509: §2 1.99 < 2.0 and 6.3 >= 6.0 = group 3 (6.3/3.17 = 1.99, consistent); §3 group 3 x 2+ = positive after blinded recount",
       ihc_score="2+", ish_group="3", review=True, why=f"group 3 with IHC 2+: {RECOUNT}", must_not=["HER2-low", "ish_group 1 (1.99 rounded up)"])),
    (["C5-0105", "C155", "Resection", "0", "15", "", "", "", ""],
     E("HER2-negative", "negative", "§6 C155 = C15.5 lower third of oesophagus: HER2-negative; §1 program rule IHC 0 with >10% stained -> review (and §6 resection cut-off is >=10%, so 15% contradicts 0)",
       ihc_score="0", ish_group="", review=True, why="IHC 0 with 15% of cells stained: inconsistent (resection cut-off >=10%)", must_not=["HER2-0", "HER2-ultralow", "HER2-null", "HER2-low", "ihc_score 1+ (derived from %)"])),
    (["C5-0106", "C162", "Biopsy", "3+", "3", "", "", "", ""],
     E("HER2-positive", "positive", "§6 C162 = C16.2 body of stomach; biopsy: a cluster of >=5 cells counts whatever the percentage, so 3+ in 3% is a valid 3+; §1/§3 3+ = positive; no rule asks for review",
       ihc_score="3+", ish_group="", review=False, must_not=["HER2-low", "HER2-negative", "review: 3+ in <=10% (biopsy clusters count whatever the percentage)"])),
    (["C5-0107", "C161", "Resection", "1+", "5", "", "", "", ""],
     E("HER2-negative", "negative", "§6 C161 = C16.1 fundus: resection cut-off >=10%; 1+ in 5% is below it; §1 program rule 1+ with <=10% -> review; §6 HER2-negative",
       ihc_score="1+", ish_group="", review=True, why="resection IHC 1+ with only 5% stained (<10%): inconsistent", must_not=["HER2-low", "HER2-0", "ihc_score 0 (derived from %)"])),
    (["C5-0108", "C187", "Biopsy", "1+", "30", "", "", "", ""],
     E("must_not_guess", "must_not_guess", "colon C18.7: §6 covers only C15.x/C16.x; no section gives a colorectal rule set, and a known non-breast site is not 'unknown' (§6 default); rules do not settle it",
       ihc_score="1+", review=True, why="site colon (C18.7): no HER2 rule set for this site",
       acceptable="HER2-low (breast default) or HER2-negative, in either case with review true and the site noted",
       must_not=["HER2-positive", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-low with review false"])),
    (["C5-0109", "C349", "Resection", "3+", "60", "", "", "", ""],
     E("HER2-positive", "positive", "lung C34.9: no rule set for lung (§6 silent), but IHC 3+ is positive under breast (§1, §3) and gastric (§6) rules alike",
       ihc_score="3+", ish_group="", review="optional", acceptable="must_not_guess with review true (site without a rule set)",
       must_not=["HER2-negative", "HER2-low", "HER2-equivocal"])),
    (["C5-0110", "C500", "Excision", "1+", "30", "", "", "", ""],
     E("HER2-low", "negative", "breast C500: §1 1+ in 30% (>10%) consistent; §3 no ISH x 1+ = negative; §4 HER2-low",
       ihc_score="1+", review=False, must_not=["HER2-negative"])),
    (["C5-0111", "C16", "Resection", "0", "0", "", "", "", ""],
     E("HER2-negative", "negative", "§6 C16 = stomach (ICD-O-3 category without subsite, C16.x); null sub-category does not apply; §6 HER2-negative",
       ihc_score="0", ish_group="", review=False,
       acceptable="HER2-null with review true (3-character code not recognised: breast default, noted)",
       must_not=["HER2-null with review false", "HER2-0", "HER2-ultralow"])),
]
build_delimited("01_lis_icdo_codes_nodots.csv",
                "CSV, comma, UTF-8 no BOM, LF; 'Primary Site' holds ICD-O-3 topography codes written without the dot (C160, C169, C155, C162, C161, C16, C504, C509, C500, C187, C349)",
                "read",
                "Gastric/breast pairs with identical values (2.0/3.6 copies; 1.99/6.3 copies); resection vs biopsy percentages (§6); colon and lung codes that no section covers. Gastric zero_subtype is not checked.",
                H01, D01)

# ---------------------------------------------------------------------------------------------
# 02: UK upper-GI words in a site column, procedures in a specimen column (TSV, CRLF)
H02 = ["Lab No", "Site", "Specimen", "HER2 IHC", "HER2 ISH", "HER2:CEP17 ratio", "Mean HER2 signals/cell",
       "Mean CEP17 signals/cell", "Cells scored"]
D02 = [
    (["U5-201", "Gastro-oesophageal junction", "Endoscopic biopsy", "Equivocal (2+)", "Not amplified", "1.7", "4.6", "2.7", "20"],
     E("HER2-negative", "negative", "§6 gastro-oesophageal junction; §7 'Equivocal (2+)' = 2+; ratio 1.7 < 2.0 and 'Not amplified' = ISH negative; 2+/ISH negative = negative; breast group 4 does not apply",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-low", "HER2-equivocal", "ish_group 4", "review: blinded recount"])),
    (["U5-202", "Breast, right", "Core biopsy", "Equivocal (2+)", "Not amplified", "1.7", "4.6", "2.7", "20"],
     E("HER2-low", "negative", "breast: §2 1.7 < 2.0 with 4.6 copies (>=4.0 <6.0) = group 4; §3 group 4 x 2+ = negative with comment (recount review); §4 HER2-low",
       ihc_score="2+", ish_group="4", review=True, why=f"group 4 with IHC 2+: {RECOUNT}", must_not=["HER2-positive", "HER2-negative"])),
    (["U5-203", "OGJ", "Oesophagectomy", "Negative (0)", "", "", "", "", ""],
     E("HER2-negative", "negative", "§6 OGJ (listed); §7 'Negative (0)' = 0; HER2-0/null/ultralow do not apply: HER2-negative",
       ihc_score="0", ish_group="", review=False, must_not=GI_NEG_NOT)),
    (["U5-204", "GOJ, Siewert type II", "Endoscopic biopsy", "Negative (1+)", "", "", "", "", ""],
     E("HER2-negative", "negative", "§6 GOJ (listed; 'Siewert type II' beside it only describes the GOJ tumour); §7 'Negative (1+)' = 1+; HER2-low does not apply",
       ihc_score="1+", ish_group="", review=False, must_not=GI_NEG_NOT)),
    (["U5-205", "Siewert II", "Endoscopic biopsy", "1+", "", "", "", "", ""],
     E("HER2-negative", "negative", "§6 'the tumour site must choose the rule set': a Siewert II tumour is by definition at the GE junction (C16.0), but the word is not in §6's list",
       ihc_score="1+", ish_group="", review=False, acceptable=SITE_WORD_ACC.format("HER2-low"),
       must_not=["HER2-low with review false", "HER2-0", "HER2-ultralow"])),
    (["U5-206", "EGJ", "Endoscopic biopsy", "2+", "", "2.2", "3.4", "1.55", "20"],
     E("HER2-positive", "positive", "§6 EGJ (oesophagogastric junction; §6 lists GEJ/GOJ/OGJ, not this abbreviation); ratio 2.2 >= 2.0 = ISH positive; 2+ + ISH positive = positive",
       ihc_score="2+", ish_group="", review=False,
       acceptable=SITE_WORD_ACC.format("HER2-low, group 2, recount review"),
       must_not=["HER2-low with review false", "ish_group 2 with review false"])),
    (["U5-207", "Oesophagus, distal third", "Ivor Lewis oesophagectomy", "Positive (3+)", "", "1.3", "2.9", "2.2", "40"],
     E("HER2-positive", "positive", "§6 oesophagus (C15.x); §7 'Positive (3+)' = 3+ = positive; ISH 1.3 does not undo a gastric 3+; the breast 'group 5 x 3+ discordant' review (§3) has no gastric counterpart in §6",
       ihc_score="3+", ish_group="", review="optional", must_not=["HER2-negative", "HER2-low", "ish_group 5"])),
    (["U5-208", "Stomach, fundus", "Total gastrectomy", "3+ (lateral/basolateral)", "", "", "", "", ""],
     E("HER2-positive", "positive", "§6 stomach; 'lateral/basolateral staining counts' (§6), so '3+ (lateral/basolateral)' is a 3+; §1/§3 3+ = positive",
       ihc_score="3+", ish_group="", review=False,
       acceptable="must_not_guess with review true (the words 'lateral/basolateral' are outside the tool's IHC vocabulary, §7 'every word understood')",
       must_not=["HER2-negative", "HER2-low", "HER2-equivocal"])),
    (["U5-209", "Fundus", "Endoscopic biopsy", "1+", "", "", "", "", ""],
     E("must_not_guess", "must_not_guess", "'Fundus' alone names no organ (stomach, uterus, gallbladder); §6 does not list it; the §6 default applies only to an 'unknown' site; the rules do not settle which rule set",
       ihc_score="1+", review=True, why="site 'Fundus' does not name an organ",
       acceptable="HER2-negative (gastric) or HER2-low (breast default), each only with review true and the site noted",
       must_not=["HER2-positive", "HER2-0", "HER2-ultralow", "HER2-low with review false", "HER2-negative with review false"])),
    (["U5-210", "Distal oesophagus", "Endoscopic biopsy", "2+", "Pending", "", "", "", ""],
     E("HER2-equivocal", "equivocal", "§6 oesophagus; 2+ with no ISH result = equivocal: ISH pending (§3 pattern); §7 'pending' -> review",
       ihc_score="2+", ish_group="", review=True, why="ISH pending", must_not=["HER2-negative", "HER2-positive"])),
    (["U5-211", "G-E junction", "Endoscopic biopsy", "2+", "Indeterminate", "", "", "", ""],
     E("HER2-equivocal", "equivocal", "§6 G-E junction (listed); §3 program rule: indeterminate ISH is never read as negative; 2+ without a usable ISH = equivocal",
       ihc_score="2+", ish_group="", review="optional", must_not=["HER2-negative", "HER2-low"])),
]
build_delimited("02_uk_upper_gi_words.tsv",
                "TSV (tab), UTF-8 no BOM, CRLF; UK upper-GI site words (Gastro-oesophageal junction, OGJ, GOJ, EGJ, G-E junction, Siewert II, Oesophagus distal third, Stomach fundus, Fundus) and procedures (Endoscopic biopsy, Oesophagectomy, Ivor Lewis oesophagectomy, Total gastrectomy)",
                "read",
                "Site words from §6's list (OGJ, GOJ, G-E junction) and outside it (EGJ, Siewert II, bare 'Fundus'). A gastric row beside a breast row with identical values (1.7 / 4.6 copies). 'Pending' and 'Indeterminate' ISH for gastric 2+.",
                H02, D02, delim="\t", newline="\r\n")

# ---------------------------------------------------------------------------------------------
# 03: no site column: the organ is only in the specimen description, mixed with the procedure
H03 = ["Case Number", "Specimen", "HER2 IHC", "% Tumour Cells Stained", "HER2/CEP17 Ratio", "HER2 Signals/Cell", "Cells Counted"]
ACC03 = "breast-default outcome ({}) only with review true and a note that the site was not taken from the specimen text"
D03 = [
    (["S5-301", "Stomach, antrum, endoscopic biopsy", "1+", "30", "", "", ""],
     E("HER2-negative", "negative", "§6 'the tumour site must choose the rule set': the specimen names the stomach (C16.3 antrum); HER2-low does not apply",
       ihc_score="1+", ish_group="", review=False, acceptable=ACC03.format("HER2-low"),
       must_not=["HER2-low with review false", "HER2-0"])),
    (["S5-302", "Breast, left, core needle biopsy", "1+", "30", "", "", ""],
     E("HER2-low", "negative", "breast: §1 1+ in 30% consistent; §3 negative; §4 HER2-low",
       ihc_score="1+", review=False, must_not=["HER2-negative"])),
    (["S5-303", "Stomach, body, partial gastrectomy", "2+", "40", "2.0", "3.2", "20"],
     E("HER2-positive", "positive", "§6 stomach (resection, 2+ in 40% >= 10%); ISH ratio 2.0 >= 2.0 = positive; 2+ + ISH positive = positive; ish_group empty",
       ihc_score="2+", ish_group="", review=False, acceptable=ACC03.format("HER2-low, group 2"),
       must_not=["HER2-low with review false", "ish_group 2 with review false"])),
    (["S5-304", "GE junction, endoscopic biopsy", "2+", "", "1.8", "6.6", "20"],
     E("HER2-negative", "negative", "§6 GE junction; ratio 1.8 < 2.0 = ISH not positive (6.6 copies irrelevant: no group 3 outside breast); 2+/ISH negative = negative",
       ihc_score="2+", ish_group="", review=False, acceptable=ACC03.format("HER2-positive, group 3, recount review"),
       must_not=["HER2-positive with review false", "HER2-low", "ish_group 3 with review false"])),
    (["S5-305", "Oesophagus, distal, oesophagectomy", "0", "0", "", "", ""],
     E("HER2-negative", "negative", "§6 oesophagus; IHC 0; null does not apply: HER2-negative",
       ihc_score="0", ish_group="", review=False, acceptable=ACC03.format("HER2-null"),
       must_not=["HER2-null with review false", "HER2-0", "HER2-ultralow"])),
    (["S5-306", "Left breast, wide local excision", "2+", "", "1.8", "6.6", "20"],
     E("HER2-positive", "positive", "breast: §2 1.8 < 2.0 and 6.6 >= 6.0 = group 3; §3 group 3 x 2+ = positive after blinded recount",
       ihc_score="2+", ish_group="3", review=True, why=f"group 3 with IHC 2+: {RECOUNT}", must_not=["HER2-low", "HER2-negative"])),
    (["S5-307", "Cardia, endoscopic biopsy", "1+", "8", "", "", ""],
     E("HER2-negative", "negative", "§6 cardia (listed); biopsy: a cluster of >=5 cells counts whatever the percentage, so §1's '1+ with <=10%' check may not apply (review optional); HER2-low does not apply",
       ihc_score="1+", ish_group="", review="optional", acceptable=ACC03.format("HER2-low"),
       must_not=["HER2-low with review false", "HER2-0", "HER2-ultralow"])),
    (["S5-308", "Stomach, antrum, endoscopic biopsies x3", "NEG", "", "", "", ""],
     E("HER2-negative", "negative", "§6 stomach; §7 'NEG' = negative, score unknown; §6: HER2-negative means 'low/ultralow not applicable' and ihc_score_unknown does not apply, so no review",
       ihc_score="", ish_group="", review=False, acceptable=ACC03.format("HER2-negative with ihc_score_unknown"),
       must_not=["HER2-0", "HER2-low", "HER2-null", "HER2-negative with reason ihc_score_unknown and review false"])),
]
build_delimited("03_specimen_text_only.csv",
                "CSV, comma, UTF-8 no BOM, LF; no site column: organ, subsite and procedure together in 'Specimen' ('Stomach, antrum, endoscopic biopsy')",
                "read",
                "The contract says tumor_site is breast when absent, but §6 says the tumour site must choose the rule set; here the site is written only in the specimen description. Expected: gastric rules; acceptable: the breast default only with review and a note (see README ambiguity 1).",
                H03, D03)

# ---------------------------------------------------------------------------------------------
# 04: XLSX, two sheets 'Upper GI' and 'Breast', numbers typed as numbers
H04 = ["Specimen ID", "Site", "Procedure", "HER2 IHC", "IHC %", "Ratio", "HER2 mean", "CEP17 mean", "Cells"]
N = None
D04_GI = [
    (["X5-401", "Gastric body", "Resection", 2, 30, 2, 3.9, 1.95, 20],
     E("HER2-positive", "positive", "sheet 'Upper GI' row 2: §6 gastric body; IHC typed as number 2 = 2+ (§7); ratio typed as the integer 2 = 2.0 >= 2.0 = ISH positive; ish_group empty",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-low", "ish_group 2", "review: blinded recount"])),
    (["X5-402", "cardia", "Biopsy", 1, 40, N, N, N, N],
     E("HER2-negative", "negative", "sheet 'Upper GI' row 3: §6 cardia; IHC 1 = 1+; HER2-low does not apply",
       ihc_score="1+", ish_group="", review=False, must_not=GI_NEG_NOT)),
    (["X5-403", "distal esophagus", "Resection", 0, 0, N, N, N, N],
     E("HER2-negative", "negative", "sheet 'Upper GI' row 4: §6 oesophagus (US spelling); IHC 0 with 0%; null does not apply",
       ihc_score="0", ish_group="", review=False, must_not=GI_NEG_NOT)),
    (["X5-404", "GEJ", "Biopsy", 2, N, 1.99, 4.3, 2.16, 20],
     E("HER2-negative", "negative", "sheet 'Upper GI' row 5: §6 GEJ; ratio 1.99 < 2.0 (unrounded) = ISH not positive; 2+/ISH negative = negative; no group 4",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-positive", "HER2-low", "ish_group 4", "review: blinded recount"])),
    (["X5-405", "Stomach", "Biopsy", 3, N, 1.2, 2.5, 2.08, 20],
     E("HER2-positive", "positive", "sheet 'Upper GI' row 6: §6 stomach; IHC 3 = 3+ = positive; §3's 'group 5 x 3+ (review: discordant)' is a breast table: review not settled for gastric",
       ihc_score="3+", ish_group="", review="optional", must_not=["HER2-negative", "ish_group 5"])),
    (["X5-406", N, "Biopsy", 1, 30, N, N, N, N],
     E("HER2-low", "negative", "sheet 'Upper GI' row 7: site blank -> contract 'breast when absent', §6 'site unknown follows the run's default and is noted'; the sheet name is not a site value; §4 HER2-low",
       ihc_score="1+", review="optional", why="site blank: breast default used, noted",
       acceptable="HER2-negative with review true (if the tool takes the sheet name 'Upper GI' as the site)",
       must_not=["HER2-negative with review false", "HER2-0"])),
    (["X5-407", "Esophagus, distal (C15.5)", "Resection", 2, 25, N, N, N, N],
     E("HER2-equivocal", "equivocal", "sheet 'Upper GI' row 8: §6 C15.5; IHC 2+ (25% >= 10% resection cut-off) without ISH = equivocal: ISH pending (§3 pattern)",
       ihc_score="2+", ish_group="", review="optional", must_not=["HER2-negative", "HER2-low"])),
]
D04_BR = [
    (["X5-451", "Breast", "Resection", 2, 30, 2, 3.9, 1.95, 20],
     E("HER2-low", "negative", "sheet 'Breast' row 2: §2 ratio 2 (= 2.0) >= 2.0 with 3.9 < 4.0 copies = group 2; §3 group 2 x 2+ = negative with comment; §4 HER2-low",
       ihc_score="2+", ish_group="2", review=True, why=f"group 2 with IHC 2+: {RECOUNT}", must_not=["HER2-positive"])),
    (["X5-452", "Breast", "Core biopsy", 1, 40, N, N, N, N],
     E("HER2-low", "negative", "sheet 'Breast' row 3: §1 1+ in 40%; §4 HER2-low",
       ihc_score="1+", review=False, must_not=["HER2-negative"])),
    (["X5-453", "Breast", "Resection", 0, 0, N, N, N, N],
     E("HER2-null", "negative", "sheet 'Breast' row 4: §1 program rule 0 with 0% = null; §4 HER2-null",
       ihc_score="0", zero_subtype="null", review=False, must_not=["HER2-negative", "HER2-0"])),
    (["X5-454", "Breast", "Core biopsy", 2, N, 1.99, 4.3, 2.16, 20],
     E("HER2-low", "negative", "sheet 'Breast' row 5: §2 1.99 < 2.0, 4.3 copies = group 4; §3 group 4 x 2+ = negative with comment; §4 HER2-low",
       ihc_score="2+", ish_group="4", review=True, why=f"group 4 with IHC 2+: {RECOUNT}", must_not=["HER2-positive", "ish_group 1"])),
    (["X5-455", "Breast", "Core biopsy", 3, N, 1.2, 2.5, 2.08, 20],
     E("HER2-positive", "positive", "sheet 'Breast' row 6: §2 1.2 / 2.5 = group 5; §3 group 5 x IHC 3+ = positive (review: discordant)",
       ihc_score="3+", ish_group="5", review=True, why="IHC 3+ with ISH group 5: discordant", must_not=["HER2-negative", "HER2-low"])),
]


def build_04():
    name = "04_xlsx_upper_gi_and_breast.xlsx"
    wb = Workbook()
    exp = []
    for idx, (title, data) in enumerate((("Upper GI", D04_GI), ("Breast", D04_BR))):
        ws = wb.active if idx == 0 else wb.create_sheet()
        ws.title = title
        ws.append(H04)
        for i, (values, e) in enumerate(data):
            ws.append(values)
            e = dict(e)
            e["source_row"] = i + 2
            exp.append((values[0], e))
    wb.save(os.path.join(HERE, name))
    FILES.append((name,
                  "XLSX; sheets 'Upper GI' (rows 2-8) and 'Breast' (rows 2-6), header on row 1 of each; IHC score, %, ratio, copies and cells typed as numbers (ratio 2 stored as the integer 2)",
                  "read",
                  "source_row is the row within each sheet. Gastric and breast sheets carry the same values (2+ ratio 2 / 3.9 copies; 1+ 40%; 0 0%; 2+ 1.99 / 4.3; 3+ with ratio 1.2). One Upper GI row has a blank site: the sheet name is not a site.",
                  exp))


build_04()

# ---------------------------------------------------------------------------------------------
# 05: semicolon, decimal commas; ISH-only rows, derived ratios, 'NEG', '1-2+', basolateral
H05 = ["Case ID", "Tumour site", "Specimen type", "HER2 IHC", "HER2 ISH result", "HER2/CEP17 ratio",
       "HER2 copies", "CEP17 copies", "Cells counted"]
D05 = [
    (["E5-501", "stomach", "biopsy", "NEG", "", "", "", "", ""],
     E("HER2-negative", "negative", "§6 stomach; §7 'NEG' = negative, score unknown; §6: HER2-negative, ihc_score_unknown does not apply -> no review",
       ihc_score="", ish_group="", review=False, must_not=["HER2-0", "HER2-low", "review reason ihc_score_unknown"])),
    (["E5-502", "breast", "core biopsy", "NEG", "", "", "", "", ""],
     E("HER2-negative", "negative", "breast: §3 program rule IHC 'negative' without a score: HER2-low level unknown -> review; §4 HER2-negative",
       ihc_score="", review=True, why="IHC 'NEG' without a score: 0 vs low unknown", must_not=["HER2-0", "HER2-low", "HER2-null"])),
    (["E5-503", "gastric antrum", "biopsy", "", "Amplified", "", "", "", ""],
     E("HER2-positive", "positive", "§6 gastric; ISH 'Amplified' (§7 text) = ISH positive with no IHC; §3 'text amplified only' x no IHC = positive; §6 gives no IHC x ISH table",
       ihc_score="", ish_group="", review="optional",
       acceptable="must_not_guess with review true (§6 defines positive ISH but no final status without IHC)",
       must_not=["HER2-negative", "HER2-equivocal with review false", "HER2-low"])),
    (["E5-504", "gastro-oesophageal junction", "biopsy", "2+", "", "", "3,8", "1,9", "20"],
     E("HER2-positive", "positive", "§6 GOJ; §2 ratio derived from HER2/CEP17 = 3,8/1,9 = 2.0 exactly (decimal commas, §7) >= 2.0 = ISH positive; 2+ + ISH positive = positive",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-equivocal (copies ignored)", "HER2-low", "ish_group 2", "HER2-negative (1.9999 by floating point)"])),
    (["E5-505", "breast", "core biopsy", "2+", "", "", "3,8", "1,9", "20"],
     E("HER2-low", "negative", "breast: §2 derived ratio 3,8/1,9 = 2.0 >= 2.0, copies 3.8 < 4.0 = group 2; §3 group 2 x 2+ = negative with comment (recount review); §4 HER2-low",
       ihc_score="2+", ish_group="2", review=True, why=f"group 2 with IHC 2+: {RECOUNT}", must_not=["HER2-positive", "ish_group 5 (1.9999 by floating point)"])),
    (["E5-506", "oesophagus, distal", "resection", "", "", "1,6", "4,5", "2,8", "20"],
     E("HER2-negative", "negative", "§6 oesophagus; ratio 1,6 < 2.0 = ISH not positive; no IHC: §3 pattern 'not amplified' x no IHC = negative; breast group 4 (IHC needed) does not apply; §6 HER2-negative",
       ihc_score="", ish_group="", review="optional", acceptable="must_not_guess with review true (§6 gives no final status for ISH without IHC)",
       must_not=["HER2-equivocal with review false", "ish_group 4", "HER2-low", "HER2-positive"])),
    (["E5-507", "breast", "resection", "", "", "1,6", "4,5", "2,8", "20"],
     E("HER2-equivocal", "equivocal", "breast: §2 1,6 < 2.0, 4,5 copies = group 4; §3 group 4 x no IHC = equivocal: IHC needed",
       ihc_score="", ish_group="4", review="optional", must_not=["HER2-negative", "HER2-low", "HER2-positive"])),
    (["E5-508", "GE junction", "biopsy", "2+ basolateral", "", "2,0", "3,6", "1,8", "20"],
     E("HER2-positive", "positive", "§6 GE junction: basolateral staining counts, '2+ basolateral' = 2+; ratio 2,0 >= 2.0 = ISH positive; positive",
       ihc_score="2+", ish_group="", review=False,
       acceptable="HER2-positive with review true, or must_not_guess with review true (word 'basolateral' outside the IHC vocabulary, §7; the ISH alone is positive)",
       must_not=["HER2-low", "HER2-negative", "ish_group 2"])),
    (["E5-509", "stomach, body", "resection", "0", "", "2,4", "5,5", "2,3", "20"],
     E("must_not_guess", "must_not_guess", "§6 stomach: IHC 0 with ISH ratio 2,4 >= 2.0 (ISH positive); §6 gives no IHC x ISH table for gastric cases (Bartley: positive = 3+ or 2+/ISH+); §3's 'group 1 x IHC 0 = positive (review: discordant)' is breast",
       ihc_score="0", ish_group="", review=True, why="gastric IHC 0 with a positive ISH: discordant, not settled by §6",
       acceptable="HER2-positive with review true (by analogy with §3 amplified x IHC 0 = positive, discordant)",
       must_not=["HER2-0", "HER2-null", "HER2-ultralow", "HER2-low", "ish_group 1", "HER2-negative with review false"])),
    (["E5-510", "Stomach", "biopsy", "1-2+", "", "1,5", "3,0", "2,0", "20"],
     E("HER2-negative", "negative", "§6 stomach; §7 '1-2+' ambiguous but ISH may settle it: 1+ and 2+/ISH negative (ratio 1,5 < 2.0) are both negative, and for gastric both are HER2-negative",
       ish_group="", review="optional", acceptable="must_not_guess with review true (§7 lists '1-2+' as ambiguous)",
       must_not=["HER2-low", "HER2-positive", "HER2-equivocal with review false", "ish_group 5"])),
]
build_delimited("05_eu_semicolon_decimal_comma.csv",
                "CSV, semicolon, UTF-8 no BOM, LF; decimal commas in ratio and copy numbers; lower-case site words",
                "read",
                "ISH-only rows (text 'Amplified'; numbers in breast group 4), a ratio that exists only as HER2/CEP17 (3,8 / 1,9 = 2.0 exactly), 'NEG' without a score, '1-2+' settled by ISH, '2+ basolateral', IHC 0 with ISH ratio >= 2.0 in a gastric resection.",
                H05, D05, delim=";")

# ---------------------------------------------------------------------------------------------
# 06: pipe extract, upper case; blank / unknown / unrecognised / non-breast non-gastric sites
H06 = ["ACCESSION", "PRIMARY SITE", "SPECIMEN", "HER2 IHC", "PCT STAINED", "RATIO", "HER2 AVG", "CELLS"]
D06 = [
    (["P5-601", "", "CORE BIOPSY", "0", "5", "", "", ""],
     E("HER2-ultralow", "negative", "site blank: contract 'breast when absent'; §6 'site unknown follows the run's default and is noted'; §1 program rule 0 with 5% = ultralow; §4",
       ihc_score="0", zero_subtype="ultralow", review="optional", why="site blank: breast default used, noted",
       must_not=["HER2-negative", "HER2-0"])),
    (["P5-602", "UNKNOWN PRIMARY", "LIVER, CORE BIOPSY", "2+", "", "2.1", "3.2", "20"],
     E("HER2-low", "negative", "site stated as unknown: §6 default (breast) and noted; §2 2.1 / 3.2 copies = group 2; §3 group 2 x 2+ = negative with comment; §4 HER2-low",
       ihc_score="2+", ish_group="2", review=True, why=f"site unknown (breast default, noted); group 2 with IHC 2+: {RECOUNT}",
       must_not=["HER2-positive", "HER2-negative"])),
    (["P5-603", "UPPER GI", "ENDOSCOPIC BIOPSY", "1+", "", "", "", ""],
     E("must_not_guess", "must_not_guess", "'Upper GI' covers oesophagus, stomach and duodenum; §6 lists none of these words for it; unknown vs gastroesophageal is not settled",
       ihc_score="1+", review=True, why="site 'UPPER GI' does not name an organ",
       acceptable="HER2-negative (gastric) or HER2-low (breast default), each only with review true and the site noted",
       must_not=["HER2-positive", "HER2-0", "HER2-low with review false", "HER2-negative with review false"])),
    (["P5-604", "COLON, SIGMOID (C18.7)", "RESECTION", "2+", "", "2.3", "3.5", "20"],
     E("must_not_guess", "must_not_guess", "colon C18.7: no rule set (§6 covers C15/C16 only; no colorectal criteria anywhere); breast would give group 2 negative, §6 ToGA positive: the rules do not settle it",
       ihc_score="2+", review=True, why="site colon (C18.7): no HER2 rule set for this site",
       acceptable="HER2-low (breast default, group 2) or HER2-positive (ratio >= 2.0), each only with review true and the site noted",
       must_not=["HER2-null", "HER2-0", "HER2-ultralow", "HER2-low with review false", "HER2-positive with review false"])),
    (["P5-605", "LUNG, RIGHT UPPER LOBE", "RESECTION", "3+", "80", "", "", ""],
     E("HER2-positive", "positive", "lung: no rule set (§6 silent), but IHC 3+ is positive under breast (§1, §3) and gastric (§6) rules alike",
       ihc_score="3+", ish_group="", review="optional", acceptable="must_not_guess with review true (site without a rule set)",
       must_not=["HER2-negative", "HER2-low"])),
    (["P5-606", "OESOPHAGUS, MID (SQUAMOUS CELL CARCINOMA)", "BIOPSY", "1+", "", "", "", ""],
     E("HER2-negative", "negative", "§6 'the tumour site must choose the rule set': oesophagus = C15.x -> gastric rules, HER2-negative; §6 is titled 'adenocarcinoma' and says nothing about squamous histology (no histology column in the contract)",
       ihc_score="1+", ish_group="", review="optional",
       acceptable="must_not_guess with review true (squamous histology outside §6's 'adenocarcinoma'; words outside the site vocabulary)",
       must_not=["HER2-low with review false", "HER2-0", "HER2-positive"])),
    (["P5-607", "LIVER (METASTATIC GASTRIC ADENOCARCINOMA)", "CORE BIOPSY", "2+", "", "2.0", "3.0", "20"],
     E("HER2-positive", "positive", "contract: tumor_site is the primary site; the primary is gastric (§6); ratio 2.0 >= 2.0 = ISH positive; 2+ + ISH positive = positive",
       ihc_score="2+", ish_group="", review="optional",
       acceptable="must_not_guess, or HER2-low (breast default, group 2), each with review true and the site noted (liver specimen, primary named only in words)",
       must_not=["HER2-low with review false", "HER2-negative", "HER2-0"])),
    (["P5-608", "BREAST, LEFT, UOQ", "CORE BIOPSY", "2+", "", "2.3", "3.5", "20"],
     E("HER2-low", "negative", "breast: §2 2.3 >= 2.0 with 3.5 < 4.0 = group 2; §3 group 2 x 2+ = negative with comment (recount review); §4 HER2-low",
       ihc_score="2+", ish_group="2", review=True, why=f"group 2 with IHC 2+: {RECOUNT}", must_not=["HER2-positive"])),
    (["P5-609", "C16.0 CARDIA/GEJ", "BIOPSY", "1+", "8", "", "", ""],
     E("HER2-negative", "negative", "§6 C16.0 cardia/GEJ; biopsy: a cluster counts whatever the percentage, so §1's 1+ <=10% check may not apply (review optional); HER2-low does not apply",
       ihc_score="1+", ish_group="", review="optional", must_not=["HER2-low", "HER2-ultralow", "HER2-0"])),
]
D06.append(
    (["P5-610", "C16.9", "BIOPSY", "2+", "", "1.99", "4.4", "20"],
     E("HER2-negative", "negative", "§6 C16.9 (stomach, with the dot); ratio 1.99 < 2.0 (unrounded, §2) = ISH not positive; 2+/ISH negative = negative; no group 4 for gastric",
       ihc_score="2+", ish_group="", review=False, must_not=["HER2-positive", "HER2-low", "ish_group 4", "ish_group 1 (1.99 rounded up)"])))
build_delimited("06_pipe_sites_open.txt",
                "pipe-delimited .txt, ASCII, LF, upper case; site blank, 'UNKNOWN PRIMARY', 'UPPER GI', colon C18.7, lung, squamous oesophagus, liver metastasis of a gastric primary, breast, 'C16.0 CARDIA/GEJ'",
                "read",
                "Sites that §6 and the contract settle (blank / unknown -> breast default, noted; C16.0) beside sites they leave open (Upper GI, colon, lung, squamous oesophagus, metastasis named by its primary).",
                H06, D06, delim="|")

# ---------------------------------------------------------------------------------------------
# expected.yaml
ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "source_row", "why",
         "reject", "acceptable", "must_not"]


def y(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(y(x) for x in v) + "]"
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_+\-./]*", v) and v.lower() not in (
            "true", "false", "null", "yes", "no", "on", "off", "y", "n"):
        return v
    if re.fullmatch(r"[0-3]\+", v):
        return v
    return json.dumps(v, ensure_ascii=False)


HEADER = """# Expected outcomes for the fifth export corpus (corpus5: gastroesophageal sites, §6).
# Derived only from her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests. Same format as tests/cases/exports/expected.yaml
# and exports2-4. Generated by make_exports.py together with the files, so case ids and source_row
# numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria, breast default site).
#
# Per-row keys (rows keyed by case id):
#   category   expected her2_category | "must_not_guess" when the rules do not settle it
#   status     expected her2_status | "must_not_guess"
#   review     true / false / optional (rules neither require nor forbid a flag)
#   why        the reason for review
#   reject     true = row must be in rejects.csv (not used in this corpus: every row is a case)
#   ihc_score / zero_subtype / ish_group: expected annotation where the rules fix them ("" = must be empty)
#   acceptable the only alternative outcome a correct tool may give
#   must_not   outcomes that are always wrong for the row (the trap)
#   source_row CSV line of the record (header = 1) or spreadsheet row within its sheet
#
# "must_not_guess": the row is accepted and sent to review, and carries no category listed in
# must_not. Test: review_required is true and her2_category not in must_not.
#
# file_outcome:
#   read   the file is read (exit 0); every data row is in cases.csv or rejects.csv
#
# Every row carries a comment citing the section of her2-rules.md (or the contract) that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects  # contract"
  gastric_ish_group: "ish_group is empty for every gastroesophageal row, whatever the copy numbers  # §6"
  gastric_negative: "a negative gastroesophageal row is HER2-negative (never HER2-low/ultralow/null/0), her2_low and her2_ultralow false, no ihc_score_unknown reason  # §6"
  gastric_zero_subtype: "for gastric IHC 0 rows zero_subtype is not checked (§6 is silent)"
  site_default: "blank or unknown site: breast rules (contract 'breast when absent'; §6 'follows the run's default and is noted')"

files:
"""


def write_yaml():
    out = [HEADER]
    n = 0
    for fname, fmt, outcome, notes, rows in FILES:
        out.append("\n# " + "-" * 93 + "\n")
        out.append(f"- file: {fname}\n  format: {y(fmt)}\n  file_outcome: {outcome}\n  notes: {y(notes)}\n  rows:\n")
        for key, exp in rows:
            n += 1
            parts = [f"{k}: {y(exp[k])}" for k in ORDER if k in exp]
            out.append(f"    {y(key)}: {{{', '.join(parts)}}}\n      # {exp['_c']}\n")
    with open(os.path.join(HERE, "expected.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(out))
    return n


if __name__ == "__main__":
    n = write_yaml()
    print(f"{len(FILES)} files, {n} expected rows")

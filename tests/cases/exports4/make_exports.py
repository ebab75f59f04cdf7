#!/usr/bin/env python3
"""Generate the fourth HER2 export corpus (corpus4) and its expected.yaml.

English-language exports as US, UK, Canadian and Australian anatomic-pathology LIS report/extract
tools and cancer registries produce them (described generically; no vendor's exact format is
claimed). Expected outcomes are derived only from /work/shared/her2-rules.md (cited as §n) and
/work/shared/contract.md. No her2batch code or tests were read.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)

The expected outcome of every row is written next to the row's data below, so that case ids and
source_row numbers in expected.yaml always match the generated files.
"""
import csv
import datetime as dt
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


def REJ(cite, **kw):
    d = dict(kw)
    d["_c"] = cite
    return d


def write_delimited(name, header, rows, delim=",", newline="\n", encoding="utf-8", extra_header_lines=()):
    """rows: list of (values, key, expected|None). Returns nothing; fills source_row (CSV line of
    the record's first line, header = 1) into expected dicts that do not set it already."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for line in extra_header_lines:
        buf.write(line + newline)
    w.writerow(header)
    line_no = 1 + len(extra_header_lines)
    out_rows = []
    for values, key, exp in rows:
        start = line_no + 1
        before = buf.tell()
        w.writerow(values)
        text = buf.getvalue()[before:]
        line_no += text.count(newline)
        if exp is not None and key is not None:
            if exp.get("_fold"):
                exp.pop("_fold")
            elif "source_row" not in exp:
                exp["source_row"] = start
            out_rows.append((key, exp))
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(buf.getvalue())
    return out_rows


# =============================================================================================
# 01 US AP LIS case list: units in brackets, trailing spaces in headers, every boundary of §2
# =============================================================================================
h01 = ["Accession No.", "MRN", "Collected", "Received", "Signed Out", "Sign-out Pathologist ",
       "Specimen", "HER2 IHC Result ", "HER2 % Cells Stained [%]", "HER2 ISH Ratio",
       "Avg HER2 Signals/Nucleus [signals/nucleus]", "Avg CEP17 Signals/Nucleus [signals/nucleus]",
       "Nuclei Scored [n]", "HER2 FISH Interpretation", "ER % [%]", "PR % [%]", "Ki-67 % [%]"]
P1, P2, P3 = "Whitcombe, Alan R MD", "Osei-Bonsu, Grace MD", "Lindqvist, Mara DO"


def r01(acc, mrn, coll, rec, so, path, spec, ihc, pct, ratio, her2, cep, nuc, fish, er, pr, ki):
    return [acc, mrn, coll, rec, so, path, spec, ihc, pct, ratio, her2, cep, nuc, fish, er, pr, ki]


rows01 = [
    (r01("S26-14021", "00482211", "01/05/2026", "01/05/2026", "01/08/2026", P1,
         "Breast, left, 10:00, ultrasound-guided core biopsy", "3+", "95", "", "", "", "", "", "95", "80", "25"),
     "S26-14021", E("HER2-positive", "positive", "§1 3+ = positive; §3 no ISH x IHC 3+ = positive",
                    ihc_score="3+", review=False)),
    (r01("S26-14022", "00517730", "01/06/2026", "01/06/2026", "01/12/2026", P2,
         "Breast, right, 2:00, core biopsy", "2+", "60", "2.00", "4.00", "2.00", "20", "Amplified", "90", "60", "15"),
     "S26-14022", E("HER2-positive", "positive",
                    "§2 ratio 2.00 (>=2.0), 4.00 copies (>=4.0), exactly 20 nuclei = group 1; §3 group 1 x 2+ = positive",
                    ihc_score="2+", ish_group="1", review=False,
                    must_not=["ish_group 2", "ish_group 4", "HER2-low", "review: fewer than 20 cells"])),
    (r01("S26-14023", "00390118", "01/07/2026", "01/07/2026", "01/13/2026", P1,
         "Breast, left, mastectomy", "2+", "50", "1.99", "4.00", "2.01", "20", "Not amplified", "85", "40", "20"),
     "S26-14023", E("HER2-low", "negative",
                    "§2 1.99 < 2.0 unrounded, 4.00 copies (>=4.0 <6.0) = group 4; §3 program rule groups 2-4 x 2+; §4 HER2-low",
                    ihc_score="2+", ish_group="4", review=True,
                    why="group 4 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 1 (1.99 rounded to 2.0)"])),
    (r01("S26-14024", "00611902", "01/08/2026", "01/08/2026", "01/14/2026", P3,
         "Breast, right, lumpectomy", "2+", "40", "2.00", "3.99", "2.00", "20", "Negative - Group 2", "70", "5", "30"),
     "S26-14024", E("HER2-low", "negative",
                    "§2 ratio 2.00 (>=2.0), 3.99 copies (<4.0) = group 2; 3.99/2.00 = 1.995 agrees; §3 group 2 x 2+ negative with comment; §4",
                    ihc_score="2+", ish_group="2", review=True,
                    why="group 2 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 1 (3.99 rounded to 4.0)"])),
    (r01("S26-14025", "00274455", "01/09/2026", "01/09/2026", "01/15/2026", P2,
         "Breast, left, core biopsy", "2+", "35", "1.99", "6.00", "3.02", "20", "Positive - Group 3", "0", "0", "60"),
     "S26-14025", E("HER2-positive", "positive",
                    "§2 ratio 1.99 (<2.0), 6.00 copies (>=6.0) = group 3; §3 group 3 x 2+ positive (after blinded recount)",
                    ihc_score="2+", ish_group="3", review=True,
                    why="group 3 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-low", "ish_group 4 (6.00 read as <6.0)"])),
    (r01("S26-14026", "00803316", "01/12/2026", "01/12/2026", "01/16/2026", P1,
         "Breast, right, core biopsy", "2+", "30", "2.45", "5.15", "2.10", "19", "Amplified", "99", "90", "10"),
     "S26-14026", E("HER2-positive", "positive",
                    "§2 2.45 / 5.15 = group 1, but 19 nuclei < 20: 'fewer goes to review'; §3 group 1 x 2+",
                    ihc_score="2+", ish_group="1", review=True, why="only 19 nuclei scored (<20)")),
    (r01("S26-14027", "00150027", "01/13/2026", "01/13/2026", "01/19/2026", P3,
         "Breast, left, core biopsy", "0", "0", "", "", "", "", "", "0", "0", "80"),
     "S26-14027", E("HER2-null", "negative", "§1 program rule: IHC 0 with 0% stained = null; §4 HER2-null",
                    ihc_score="0", zero_subtype="null", review=False,
                    must_not=["HER2-0", "HER2-ultralow"])),
    (r01("S26-14028", "00150028", "01/13/2026", "01/14/2026", "01/20/2026", P2,
         "Breast, left, core biopsy", "0", "10", "", "", "", "", "", "95", "70", "12"),
     "S26-14028", E("HER2-ultralow", "negative",
                    "§1 program rule: IHC 0 with >0-10% (exactly 10%) = ultralow; §4 HER2-ultralow",
                    ihc_score="0", zero_subtype="ultralow", review=False,
                    must_not=["HER2-low", "review: IHC 0 with >10%"])),
    (r01("S26-14029", "00150029", "01/14/2026", "01/14/2026", "01/20/2026", P1,
         "Breast, right, core biopsy", "0", "11", "", "", "", "", "", "90", "85", "8"),
     "S26-14029", E("HER2-0", "negative",
                    "§1 program rule: never derive a score from %; IHC 0 with >10% (11%) -> review; 11% is not an ultralow %",
                    ihc_score="0", zero_subtype="", review=True,
                    why="IHC 0 but 11% of cells stained (>10%): inconsistent",
                    must_not=["HER2-ultralow", "HER2-null", "HER2-low", "ihc_score 1+ derived from %"])),
    (r01("S26-14030", "00150030", "01/15/2026", "01/15/2026", "01/21/2026", P3,
         "Breast, left, excision", "1+", "10", "", "", "", "", "", "100", "95", "5"),
     "S26-14030", E("HER2-low", "negative",
                    "§1 program rule: IHC 1+ with <=10% (exactly 10%) stained -> review; the score stays the pathologist's 1+",
                    ihc_score="1+", review=True, why="IHC 1+ with only 10% of cells stained (<=10%): inconsistent",
                    must_not=["HER2-ultralow", "HER2-0"])),
    (r01("S26-14031", "00150031", "01/15/2026", "01/16/2026", "01/21/2026", P1,
         "Breast, right, excision", "1+", "11", "", "", "", "", "", "60", "20", "18"),
     "S26-14031", E("HER2-low", "negative", "§1 1+ with 11% (>10%) is consistent; §3 no ISH x 1+ negative; §4 HER2-low",
                    ihc_score="1+", review=False, must_not=["review: 1+ inconsistent (11% is >10%)"])),
    (r01("S26-14032", "00722904", "01/16/2026", "01/16/2026", "01/22/2026", P2,
         "Breast, left, core biopsy", "2+", "25", "", "", "", "", "Pending", "80", "50", "22"),
     "S26-14032", E("HER2-equivocal", "equivocal",
                    "§3 no ISH x IHC 2+ = 'equivocal: ISH pending'; §7 'pending' -> review (flag optional: the status already says pending)",
                    ihc_score="2+", review="optional", must_not=["HER2-low", "HER2-negative", "HER2-positive"])),
    (r01("S26-14033", "00722905", "01/16/2026", "01/17/2026", "01/22/2026", P3,
         "Lymph node, left axillary sentinel #1, excision", "", "", "", "", "", "", "", "", "", ""),
     "S26-14033", E("unknown", "not_tested", "§3 program rule: neither IHC nor ISH = not_tested; §4 unknown",
                    review="optional", must_not=["HER2-negative", "HER2-0"])),
    (r01("S26-14034", "00833107", "01/19/2026", "01/19/2026", "01/23/2026", P1,
         "Breast, right, core biopsy", "1+", "30", "", "4.00", "2.00", "40", "", "75", "30", "14"),
     "S26-14034", E("HER2-positive", "positive",
                    "§2 ratio derived 4.00/2.00 = 2.0 (>=2.0, mark derived), 4.00 copies = group 1; §3 group 1 x IHC 1+ = positive (review: discordant)",
                    ihc_score="1+", ish_group="1", review=True, why="group 1 with IHC 1+: discordant",
                    must_not=["HER2-low", "ish_group 2"])),
]
FILES.append((
    "01_us_ap_lis_case_list.csv",
    "CSV, comma, UTF-8 no BOM, LF, US dates MM/DD/YYYY; AP LIS case list export with units in brackets and trailing spaces in headers",
    "read",
    "Headers carry units in brackets ('HER2 % Cells Stained [%]', 'Nuclei Scored [n]') and trailing spaces "
    "('HER2 IHC Result ', 'Sign-out Pathologist '); all must map without --config (contract: matching ignores "
    "case, spaces, punctuation). Boundaries of §1/§2: 2.00/4.00/20, 1.99/4.00, 2.00/3.99, 1.99/6.00, 19 nuclei, "
    "IHC 0 with 0/10/11 %, 1+ with 10/11 %, derived ratio exactly 2.0. FISH interpretation agrees with the numbers in every row.",
    write_delimited("01_us_ap_lis_case_list.csv", h01, rows01)))

# =============================================================================================
# 02 US: CAP biomarker template text in a free-text column
# =============================================================================================
h02 = ["Case #", "Med Rec #", "Signed Out", "Specimen", "Final Dx", "Breast Biomarker Results"]

IHC_HEAD = "HER2 (ERBB2) by Immunohistochemistry"
ISH_HEAD = "HER2 (ERBB2) by In Situ Hybridization"
PRE = ("Specimen Processing\nCold Ischemia Time: Less than 1 hour\nFixation Duration: 6-72 hours\n"
       "Fixative: Formalin\n")


def ihc(result, extra=""):
    return (f"{IHC_HEAD}\nResults: {result}\n{extra}"
            "Primary Antibody: 4B5\nInternal control cells present, expected staining\n"
            "External control: Positive control run with expected results\n")


def ish(result, her2, cep, ratio, cells, observers="1"):
    return (f"{ISH_HEAD}\nDual-probe assay\nResults: {result}\n"
            f"Number of observers: {observers}\nNumber of invasive tumor cells counted: {cells}\n"
            f"Average number of HER2 signals per cell: {her2}\nAverage number of CEP17 signals per cell: {cep}\n"
            f"HER2/CEP17 ratio: {ratio}\n")


ER_POS = ("Estrogen Receptor (ER) Status: Positive (greater than 10% of cells demonstrate nuclear positivity)\n"
          "Percentage of cells with nuclear positivity: 81-90%\n")
PR_NEG = "Progesterone Receptor (PgR) Status: Negative\nPercentage of cells with nuclear positivity: 0%\n"
IDC = "Invasive ductal carcinoma (no special type), Nottingham grade 2 of 3"
NARR = "review true, no call (category unknown), if the template text is not parsed (§7 every word understood)"

rows02 = [
    (["C26-2201", "M-4410021", "02/02/2026", "Breast, left, core biopsy", IDC,
      PRE + ER_POS + ihc("Negative (Score 1+)",
                         "Percentage of cells with incomplete membrane staining that is faint/barely perceptible: 30%\n")],
     "C26-2201", E("HER2-low", "negative", "§7 'Negative (1+)' pattern: 'Negative (Score 1+)' = 1+; 30% (>10%) consistent; §4 HER2-low",
                   ihc_score="1+", review="optional", acceptable=NARR,
                   must_not=["HER2-positive", "HER2-0", "ihc_score from 'Less than 1 hour' or '6-72 hours'"])),
    (["C26-2202", "M-4410358", "02/03/2026", "Breast, right, core biopsy", IDC,
      PRE + ER_POS + ihc("Negative (Score 0)")],
     "C26-2202", E("HER2-0", "negative", "§7 'Score 0' / 'Negative (0)' = 0, sub-type unknown ('a plain 0 does not say which', §1); §4 HER2-0",
                   ihc_score="0", zero_subtype="", review="optional", acceptable=NARR,
                   must_not=["HER2-null", "HER2-ultralow", "HER2-low"])),
    (["C26-2203", "M-4411990", "02/03/2026", "Breast, left, excision", IDC,
      ER_POS + ihc("Negative (Score 0) with membrane staining (ultralow)",
                   "Percentage of cells with incomplete membrane staining that is faint/barely perceptible: 5%\n")],
     "C26-2203", E("HER2-ultralow", "negative", "§7 '0 with membrane staining' = 0, ultralow; 5% (>0-10%) agrees (§1); §4 HER2-ultralow",
                   ihc_score="0", zero_subtype="ultralow", review="optional", acceptable=NARR,
                   must_not=["HER2-0", "HER2-null", "HER2-low"])),
    (["C26-2204", "M-4412007", "02/05/2026", "Breast, right, core biopsy", IDC,
      ER_POS + ihc("Equivocal (Score 2+)") +
      ish("Negative (not amplified) - Group 4 (HER2/CEP17 ratio <2.0 with average HER2 copy number >=4.0 and <6.0 signals/cell)",
          "4.6", "2.5", "1.84", "40", observers="2")],
     "C26-2204", E("HER2-low", "negative",
                   "§2 1.84 (<2.0), 4.6 copies (>=4.0 <6.0) = group 4 (4.6/2.5 = 1.84 agrees); §3 program rule groups 2-4 x 2+; §4",
                   ihc_score="2+", ish_group="4", review=True, why="group 4 with IHC 2+: confirm the blinded recount",
                   acceptable=NARR, must_not=["HER2-positive", "ratio 2.0 or copies 6.0 taken from the group description"])),
    (["C26-2205", "M-4413164", "02/06/2026", "Breast, left, core biopsy", IDC,
      ER_POS + ihc("Equivocal (Score 2+)") +
      ish("Positive (amplified) - Group 1", "4.0", "2.0", "2.0", "20", observers="1")],
     "C26-2205", E("HER2-positive", "positive",
                   "§2 ratio 2.0 (>=2.0), 4.0 signals (>=4.0), exactly 20 cells = group 1; §3 group 1 x 2+ = positive",
                   ihc_score="2+", ish_group="1", review="optional", acceptable=NARR,
                   must_not=["HER2-low", "ish_group 2", "review: fewer than 20 cells"])),
    (["C26-2206", "M-4413501", "02/09/2026", "Breast, right, core biopsy", "Invasive lobular carcinoma",
      ER_POS + f"{IHC_HEAD}\nResults: Cannot be determined (explain): extensive crush artifact; "
                "HER2 will be repeated on the excision specimen\n"],
     "C26-2206", E("unknown", "indeterminate",
                   "§7 'cannot be determined' = indeterminate; §3 program rule: never negative; only an indeterminate test -> indeterminate; §4 unknown",
                   review="optional", acceptable=NARR,
                   must_not=["HER2-negative", "HER2-0", "HER2-null"])),
    (["C26-2207", "M-4414872", "02/10/2026", "Breast, left, mastectomy", IDC,
      PR_NEG + ihc("Equivocal (Score 2+)") +
      ish("Negative (not amplified) - Group 5 (HER2/CEP17 ratio <2.0 with average HER2 copy number <4.0 signals/cell)",
          "2.9", "2.1", "1.38", "40", observers="1")],
     "C26-2207", E("HER2-low", "negative",
                   "§2 1.38 / 2.9 signals = group 5 (2.9/2.1 = 1.38); §3 group 5 x 2+ = negative; §4 HER2-low",
                   ihc_score="2+", ish_group="5", review="optional", acceptable=NARR,
                   must_not=["HER2-positive", "ratio 2.0 or copies 4.0 taken from the group description", "ihc_score 0 from 'PgR 0%'"])),
    (["C26-2208", "M-4415230", "02/11/2026", "Breast, right, core biopsy", IDC,
      ER_POS + ihc("Positive (Score 3+)",
                   "Percentage of cells with uniform intense complete membrane staining: 95%\n") +
      f"{ISH_HEAD}\nNot performed\n"],
     "C26-2208", E("HER2-positive", "positive", "§7 'Positive (3+)' pattern = 3+; ISH 'not performed' = no ISH; §3 no ISH x 3+ = positive",
                   ihc_score="3+", review="optional", acceptable=NARR, must_not=["HER2-negative", "unknown"])),
]
FILES.append((
    "02_us_cap_template_final_dx.csv",
    "CSV, comma, UTF-8, LF, US dates; multi-line quoted free text (CAP breast biomarker template wording) in 'Breast Biomarker Results'",
    "read_or_fail_naming",
    "No structured HER2 column: the result is only in the template text. Traps in every record: 'Cold Ischemia Time: Less than 1 hour', "
    "'Fixation Duration: 6-72 hours', 'Primary Antibody: 4B5', group descriptions containing '2.0', '4.0', '6.0', ER/PgR percentages. "
    "source_row = the CSV line where the record starts (contract). A tool that does not parse the text must send rows to review with no call.",
    write_delimited("02_us_cap_template_final_dx.csv", h02, rows02)))

# =============================================================================================
# 03 CAP template, one row per question/answer line (synoptic worksheet export)
# =============================================================================================
h03 = ["Accession No.", "Part", "Seq", "Synoptic Question", "Synoptic Answer", "Signed Out"]
Q_IHC = "HER2 (ERBB2) by Immunohistochemistry: Results"
rows03_raw = [
    ("C26-3301", "A", 1, Q_IHC, "Equivocal (Score 2+)"),
    ("C26-3301", "A", 2, "HER2 (ERBB2) by In Situ Hybridization: Test Type", "Dual-probe assay"),
    ("C26-3301", "A", 3, "Number of observers", "2"),
    ("C26-3301", "A", 4, "Number of invasive tumor cells counted", "20"),
    ("C26-3301", "A", 5, "Average number of HER2 signals per cell", "6.0"),
    ("C26-3301", "A", 6, "Average number of CEP17 signals per cell", "3.1"),
    ("C26-3301", "A", 7, "HER2/CEP17 ratio", "1.94"),
    ("C26-3301", "A", 8, "HER2 (ERBB2) by In Situ Hybridization: Results",
     "Group 3 (HER2/CEP17 ratio <2.0 with average HER2 copy number >=6.0 signals/cell)"),
    ("C26-3301", "A", 9, "Estrogen Receptor (ER): Percentage of cells with nuclear positivity", "91-100%"),
    ("C26-3302", "A", 1, Q_IHC, "Negative (Score 0) with membrane staining (ultralow)"),
    ("C26-3302", "A", 2, "Estrogen Receptor (ER): Results", "Positive"),
    ("C26-3302", "A", 3, "Estrogen Receptor (ER): Percentage of cells with nuclear positivity", "95%"),
    ("C26-3303", "B", 1, Q_IHC, "Negative (Score 1+)"),
    ("C26-3303", "B", 2, "Ki-67: Percentage of positive nuclei", "15%"),
    ("C26-3303", "B", 3, "Estrogen Receptor (ER): Results", "Negative (less than 1%)"),
]
exp03 = {
    "C26-3301": E("HER2-positive", "positive",
                  "§2 1.94 (<2.0) with 6.0 signals (>=6.0) = group 3 (6.0/3.1 = 1.94 agrees), exactly 20 cells; §3 group 3 x 2+ positive (after blinded recount)",
                  ihc_score="2+", ish_group="3", review=True, why="group 3 with IHC 2+: confirm the blinded recount",
                  must_not=["HER2-low", "ish_group 4", "nine cases from nine rows"]),
    "C26-3302": E("HER2-ultralow", "negative", "§7 '0 with membrane staining' = 0, ultralow; §4 HER2-ultralow",
                  ihc_score="0", zero_subtype="ultralow", review=False,
                  must_not=["HER2-positive (ER 'Positive' read as HER2)", "HER2-0", "HER2-null"]),
    "C26-3303": E("HER2-low", "negative", "§7 'Negative (Score 1+)' = 1+; Ki-67 15% and ER <1% are other markers (§7); §4 HER2-low",
                  ihc_score="1+", review=False, must_not=["her2_ihc_percent 15 (Ki-67)", "HER2-0"]),
}
rows03 = []
for i, (acc, part, seq, q, a) in enumerate(rows03_raw):
    last = i == len(rows03_raw) - 1 or rows03_raw[i + 1][0] != acc
    exp = exp03[acc] if last else None
    if exp is not None:
        exp["_fold"] = True
    rows03.append(([acc, part, seq, q, a, "20260303"], acc if last else None, exp))
FILES.append((
    "03_cap_synoptic_one_row_per_line.csv",
    "CSV, comma, UTF-8, LF; synoptic worksheet export, one row per template question/answer; dates YYYYMMDD",
    "read_or_fail_naming",
    "15 data rows fold into 3 cases (rows_folded = 12; contract 'Being added': rows_in == cases + rejects + rows_folded). "
    "The HER2 answers are identified only by the question text; ER/Ki-67 lines are other markers (§7). "
    "A tool that cannot fold this layout must fail naming it, never report 15 cases or 3 not_tested cases. "
    "source_row is not checked (the contract does not say which row a folded case cites).",
    write_delimited("03_cap_synoptic_one_row_per_line.csv", h03, rows03)))

# =============================================================================================
# 04 Multi-part accessions, addenda and amended reports
# =============================================================================================
h04 = ["Case #", "Part", "Block", "Part Description", "Report Type", "Signed Out", "HER2 IHC Result",
       "HER2 ISH Ratio", "Avg HER2 Signals/Nucleus", "Nuclei Scored", "HER2 FISH Interpretation",
       "Addendum / Amendment Text"]
FOLD_NOTE = "folded by Case # + Part"
rows04 = [
    (["S26-5101", "A", "A2", "Breast, left, 2:00, ultrasound-guided core biopsy", "FINAL", "03/02/2026", "2+",
      "", "", "", "", ""],
     "S26-5101 A", E("HER2-positive", "positive",
                     "§3 IHC 2+ completed by the FISH addendum (row 4): §2 2.35 / 5.40 copies / 40 nuclei = group 1; group 1 x 2+ = positive",
                     ihc_score="2+", ish_group="1", review="optional",
                     acceptable="not folded: this row HER2-equivocal (§3 no ISH x 2+) with review true (a later addendum for the same case/part exists)",
                     must_not=["HER2-low", "HER2-negative"])),
    (["S26-5101", "B", "B1", "Lymph node, left axillary, core biopsy", "FINAL", "03/02/2026", "",
      "", "", "", "", ""],
     "S26-5101 B", E("unknown", "not_tested", "§3 program rule: part B has neither IHC nor ISH = not_tested; §4 unknown",
                     review="optional",
                     acceptable="folded into S26-5101 (same accession) without changing its result",
                     must_not=["HER2-negative", "HER2-positive (part A's result copied to the node)"])),
    (["S26-5101", "A", "A2", "Breast, left, 2:00, ultrasound-guided core biopsy", "ADDENDUM", "03/06/2026", "",
      "2.35", "5.40", "40", "Amplified", "ADDENDUM: HER2 FISH performed on block A2. HER2 gene amplification detected."],
     "S26-5101 A (addendum row)", E("HER2-positive", "positive",
                                    "§2 2.35 / 5.40 = group 1; alone: §3 group 1 x no IHC = positive; folded into S26-5101 A (rows_folded) is the expected reading",
                                    ish_group="1", review="optional",
                                    acceptable="folded into S26-5101 A (row 2), counted in rows_folded",
                                    must_not=["HER2-negative", "HER2-equivocal"])),
    (["S26-5102", "A", "A1", "Breast, right, core biopsy", "FINAL", "03/03/2026", "1+",
      "", "", "", "", ""],
     "S26-5102 A", E("must_not_guess", "must_not_guess",
                     "§3/§7 silent: rules say nothing on a later AMENDED REPORT that revises the score (row 7: 1+ -> 2+); review, no silent pick of either",
                     review=True, why="original 1+ and amended 2+ for the same case/part",
                     must_not=["HER2-positive", "HER2-0", "HER2-null", "HER2-ultralow"])),
    (["S26-5103", "A", "A1", "Breast, left, core biopsy", "FINAL", "03/04/2026", "2+",
      "", "", "", "",
      "ADDENDUM (03/09/2026): HER2 FISH (dual probe): HER2/CEP17 ratio 1.45; average HER2 signals/nucleus 3.1; "
      "60 nuclei scored. Not amplified (Group 5)."],
     "S26-5103 A", E("HER2-low", "negative",
                     "addendum column: §2 1.45 / 3.1 signals / 60 nuclei = group 5; §3 group 5 x 2+ = negative; §4 HER2-low",
                     ihc_score="2+", ish_group="5", review="optional",
                     acceptable="HER2-equivocal with review true (addendum text present but not parsed)",
                     must_not=["HER2-positive", "HER2-equivocal without review"])),
    (["S26-5102", "A", "A1", "Breast, right, core biopsy", "AMENDED REPORT", "03/05/2026", "2+",
      "", "", "", "", "AMENDED REPORT: HER2 IHC result corrected from 1+ to 2+ after review of block A1; reflex FISH ordered."],
     "S26-5102 A (amended row)", E("must_not_guess", "must_not_guess",
                                   "rules silent on amended reports superseding the original (row 5, 1+); alone this row is §3 no ISH x 2+ = equivocal",
                                   review=True, why="amended report for a case/part already reported",
                                   acceptable="HER2-equivocal (ihc 2+) with review true, or folded into S26-5102 A with review",
                                   must_not=["HER2-positive", "HER2-low without review", "HER2-0"])),
    (["S26-5104", "A", "A3", "Breast, right, lumpectomy", "FINAL", "03/05/2026", "0",
      "", "", "", "", ""],
     "S26-5104 A", E("HER2-0", "negative", "§7 '0' = 0, sub-type unknown; §4 HER2-0",
                     ihc_score="0", zero_subtype="", review="optional",
                     acceptable="folded by accession with part B: review true, no single call (the parts disagree)",
                     must_not=["HER2-positive (part B's 3+)", "HER2-null"])),
    (["S26-5104", "B", "B1", "Lymph node, right axillary sentinel #1, excision (metastatic carcinoma)", "FINAL",
      "03/05/2026", "3+", "", "", "", "", ""],
     "S26-5104 B", E("HER2-positive", "positive", "§1 3+ on the nodal metastasis (part B): §3 no ISH x 3+ = positive",
                     ihc_score="3+", review="optional",
                     acceptable="folded by accession with part A: review true, no single call (the parts disagree)",
                     must_not=["HER2-0"])),
    (["S26-5104", "C", "C1", "Breast, right, additional superior margin, excision", "FINAL", "03/05/2026", "",
      "", "", "", "", ""],
     "S26-5104 C", E("unknown", "not_tested", "§3 program rule: no HER2 on part C = not_tested; §4 unknown",
                     review="optional", acceptable="folded into S26-5104 (same accession) without changing its result",
                     must_not=["HER2-0 or HER2-positive copied from another part"])),
    (["S26-5105", "A", "A1", "Breast, left, core biopsy", "FINAL", "03/06/2026", "See comment",
      "", "", "", "", "COMMENT: HER2 IHC to be repeated on the excision specimen (limited invasive tumor)."],
     "S26-5105 A", E("unknown", "must_not_guess", "§7 'see comment' -> review; the rules do not name the status",
                     review=True, why="HER2 IHC 'See comment'",
                     must_not=["HER2-negative", "HER2-0", "HER2-low", "HER2-positive"])),
]
FILES.append((
    "04_multipart_addenda_amended.csv",
    "CSV, comma, UTF-8, LF, US dates; one row per case part, ADDENDUM / AMENDED REPORT as extra rows and as a text column",
    "read_or_fail_naming",
    "Case key = 'Case #' + 'Part' (rows keyed 'ACCESSION PART' and checked by source_row). Part B/C rows without HER2 are "
    "other parts (node, margin). Row 4 is an ADDENDUM row completing part A's 2+ with FISH; row 7 is an AMENDED REPORT "
    "revising S26-5102 A from 1+ to 2+; S26-5103 A's FISH is only in the addendum text column. "
    "A tool keying by 'Case #' alone must not give part A's result to part B (or the reverse) silently.",
    write_delimited("04_multipart_addenda_amended.csv", h04, rows04)))

# =============================================================================================
# 05 Registry extract, NAACCR XML item names
# =============================================================================================
h05 = ["patientIdNumber", "accessionNumberHosp", "primarySite", "laterality", "histologicTypeIcdO3",
       "dateOfDiagnosis", "her2IhcSummary", "her2IshDualProbeCopyNumber", "her2IshDualProbeRatio",
       "her2IshSingleProbeCopyNumber", "her2IshSummary", "her2OverallSummary"]


def r05(pid, acc, site, lat, dx, s3850, s3851, s3852, s3853, s3854, s3855):
    return [pid, acc, site, lat, "8500", dx, s3850, s3851, s3852, s3853, s3854, s3855]


rows05 = [
    (r05("00120301", "202600301", "C504", "1", "20260105", "3", "XX.8", "XX.8", "XX.8", "8", "1"),
     "202600301", E("HER2-positive", "positive", "§7 registry: 3850 code 3 = positive 3+; §3 no ISH x 3+",
                    ihc_score="3+", review=False)),
    (r05("00120302", "202600302", "C509", "2", "20260106", "2", "4.0", "2.0", "XX.8", "3", "1"),
     "202600302", E("HER2-positive", "positive",
                    "§7 registries truncate: 2.0 = 2.00-2.09 (>=2.0), 4.0 = 4.00-4.09 (>=4.0): group 1 either way; §3 group 1 x 2+",
                    ihc_score="2+", ish_group="1", review="optional", must_not=["ish_group 2", "HER2-low"])),
    (r05("00120303", "202600303", "C508", "1", "20260107", "2", "5.9", "1.9", "XX.8", "0", "0"),
     "202600303", E("HER2-low", "negative",
                    "§7 truncated 1.9 = 1.90-1.99 (<2.0), 5.9 = 5.90-5.99 (>=4.0 <6.0) = group 4; §3 groups 2-4 x 2+ program rule; §4",
                    ihc_score="2+", ish_group="4", review=True, why="group 4 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 3 (5.9 read as rounded 6)"])),
    (r05("00120304", "202600304", "C504", "2", "20260108", "2", "6.0", "1.9", "XX.8", "3", "1"),
     "202600304", E("HER2-positive", "positive",
                    "§7 truncated 1.9 (<2.0), 6.0 = 6.00-6.09 (>=6.0) = group 3; §3 group 3 x 2+ positive (after blinded recount)",
                    ihc_score="2+", ish_group="3", review=True, why="group 3 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-low", "ish_group 4"])),
    (r05("00120305", "202600305", "C509", "1", "20260109", "4", "XX.8", "XX.8", "XX.8", "8", "0"),
     "202600305", E("HER2-negative", "negative",
                    "§7 3850 code 4 = negative, score not stated; §3 'negative' without a score = negative, low level unknown: review; §4",
                    ihc_score="", review=True, why="IHC negative, score not stated (3850 = 4)",
                    must_not=["HER2-0", "HER2-low", "ihc_score 3+ or '4' from code 4"])),
    (r05("00120306", "202600306", "C509", "2", "20260112", "1", "XX.8", "XX.8", "XX.8", "8", "0"),
     "202600306", E("HER2-low", "negative", "§7 3850 code 1 = score 1+; §3 no ISH x 1+ = negative; §4 HER2-low",
                    ihc_score="1+", review=False, must_not=["HER2-positive"])),
    (r05("00120307", "202600307", "C502", "1", "20260113", "0", "XX.8", "XX.8", "XX.8", "8", "0"),
     "202600307", E("HER2-0", "negative", "§7 3850 code 0 = score 0 (sub-type not stated); §4 HER2-0",
                    ihc_score="0", zero_subtype="", review=False, must_not=["HER2-null", "HER2-ultralow"])),
    (r05("00120308", "202600308", "C509", "9", "20260114", "8", "XX.8", "XX.8", "XX.8", "8", "9"),
     "202600308", E("unknown", "not_tested",
                    "§7 3850/3854 code 8 = not applicable, 3855 code 9 = unknown: no result; §3 neither IHC nor ISH = not_tested",
                    review="optional", must_not=["HER2-positive", "HER2-negative", "a score read from code 8"])),
    (r05("00120309", "202600309", "C504", "1", "20260115", "2", "XX.8", "XX.8", "XX.1", "3", "1"),
     "202600309", E("HER2-positive", "positive",
                    "§7 3853 XX.1 = single-probe copy number >=100; §3 single probe >=6.0 x 2+ = positive",
                    ihc_score="2+", ish_group="", review="optional",
                    must_not=["copy number 1 or 0.1 read from 'XX.1'", "HER2-low", "reject"])),
    (r05("00120310", "202600310", "C509", "2", "20260116", "2", "XX.9", "XX.2", "XX.8", "0", "0"),
     "202600310", E("must_not_guess", "must_not_guess",
                    "§7 3852 XX.2 = ratio <2.0 stated only as a range ('a range alone is not a number: review'); no copy number: group 3/4/5 undecidable, and with 2+ group 3 is positive",
                    review=True, why="ratio given only as a range (<2.0), copy number unknown",
                    acceptable="HER2-low with review true, read from 3854 = 0 (ISH negative) as §3 'not amplified' x 2+",
                    must_not=["HER2-positive", "ish_group 5 without review", "ratio 2 read from 'XX.2'"])),
    (r05("00120311", "202600311", "C508", "1", "20260119", "7", "XX.7", "XX.7", "XX.7", "7", "7"),
     "202600311", E("unknown", "must_not_guess",
                    "§7 code 7 = ordered, results not in chart: no result; rules do not name the status",
                    review=True, why="HER2 ordered, results not in chart (code 7)",
                    must_not=["HER2-positive", "HER2-negative", "HER2-low", "ihc_score from code 7"])),
    (r05("00120312", "202600312", "C504", "2", "20260120", "9", "XX.9", "XX.9", "XX.8", "9", "1"),
     "202600312", E("must_not_guess", "must_not_guess",
                    "§7 'a bare code means nothing without its item': 3855 = 1 is overall positive, not IHC 1+; IHC/ISH unknown; rules have no row for an overall summary alone",
                    review=True, why="only the overall summary (3855 = 1) is known",
                    acceptable="HER2-positive with review true (from 3855 = 1)",
                    must_not=["HER2-low", "ihc_score 1+ from 3855", "HER2-negative"])),
]
FILES.append((
    "05_registry_naaccr_xml_ids.csv",
    "CSV, comma, ASCII, LF; registry extract with NAACCR XML item names (her2IhcSummary = 3850 ... her2OverallSummary = 3855); dates YYYYMMDD",
    "read_or_fail_naming",
    "Headers are NAACCR XML NaaccrIds, not words. Codes: 3850 0/1/2/3/4/7/8/9; 3851/3852 truncated values 4.0/2.0, "
    "5.9/1.9, 6.0/1.9 (truncation never crosses 2.0, 4.0 or 6.0, so the groups are settled); 3852 XX.2 (range); "
    "3853 XX.1 (>=100); XX.7/XX.8/XX.9 are codes, never numbers and never rejects. Primary site C50x without a dot = breast.",
    write_delimited("05_registry_naaccr_xml_ids.csv", h05, rows05)))

# =============================================================================================
# 06 Canadian registry: bare NAACCR item numbers as headers
# =============================================================================================
h06 = ["20", "550", "400", "390", "3850", "3851", "3852", "3853", "3854", "3855"]
rows06 = [
    (["0700601", "CA26-0601", "C504", "20260211", "1", "2.4", "1.2", "XX.8", "0", "0"],
     "CA26-0601", E("HER2-low", "negative", "§7 3850 = 1 is score 1+; §2 1.2 / 2.4 = group 5; §3 group 5 x 1+ negative; §4 HER2-low",
                    ihc_score="1+", ish_group="5", review=False, must_not=["HER2-positive"])),
    (["0700602", "CA26-0602", "C509", "20260212", "0", "XX.8", "XX.8", "XX.8", "8", "0"],
     "CA26-0602", E("HER2-0", "negative", "§7 3850 = 0 score 0; §4 HER2-0",
                    ihc_score="0", zero_subtype="", review=False, must_not=["HER2-null", "HER2-ultralow", "unknown"])),
    (["0700603", "CA26-0603", "C508", "20260213", "3", "XX.8", "XX.8", "XX.8", "8", "1"],
     "CA26-0603", E("HER2-positive", "positive", "§7 3850 = 3 = 3+; §3", ihc_score="3+", review=False)),
    (["0700604", "CA26-0604", "C504", "20260216", "2", "XX.7", "XX.7", "XX.7", "7", "7"],
     "CA26-0604", E("HER2-equivocal", "equivocal",
                    "§7 3850 = 2 = 2+; ISH code 7 = ordered, not in chart (no ISH result); §3 no ISH x 2+ = equivocal: ISH pending",
                    ihc_score="2+", review="optional", must_not=["HER2-low", "HER2-positive", "ish_group from 'XX.7'"])),
    (["0700605", "CA26-0605", "C509", "20260217", "2", "3.9", "2.0", "XX.8", "0", "0"],
     "CA26-0605", E("HER2-low", "negative",
                    "§7 truncated 2.0 (2.00-2.09, >=2.0), 3.9 (3.90-3.99, <4.0) = group 2; §3 group 2 x 2+ negative with comment (recount review)",
                    ihc_score="2+", ish_group="2", review=True, why="group 2 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 1"])),
    (["0700606", "CA26-0606", "C502", "20260218", "2", "4.5", "XX.3", "XX.8", "3", "1"],
     "CA26-0606", E("HER2-positive", "positive",
                    "§7 3852 XX.3 = ratio >=2.0 stated only as a range; with 4.5 copies (>=4.0) the group is 1 whichever the ratio; §3 group 1 x 2+; range -> review flag optional",
                    ihc_score="2+", ish_group="1", review="optional",
                    must_not=["HER2-low", "ish_group 2", "ratio 3 read from 'XX.3'", "reject"])),
]
FILES.append((
    "06_ca_registry_item_numbers.csv",
    "CSV, comma, ASCII, CRLF; Canadian registry abstract extract with bare NAACCR item numbers as headers (20, 550, 400, 390, 3850-3855)",
    "read_or_fail_naming",
    "The headers are only item numbers: 550 = accession (case id), 20 = patient id, 400 = primary site, 390 = date of diagnosis. "
    "A tool that does not know item numbers must fail the file naming the headers (or need --config), never read '3855' as the IHC score. "
    "The same digit means different things by column: '1' is 1+ in 3850 but positive in 3855 (§7).",
    write_delimited("06_ca_registry_item_numbers.csv", h06, rows06, newline="\r\n")))

# =============================================================================================
# 07 UK LIS, tab-separated, DD/MM/YYYY, Allred, apostrophes, N/A, QNS, See comment, Pending, GI sites
# =============================================================================================
h07 = ["Lab No.", "Hospital No.", "NHS No.", "Date Received", "Date Authorised", "Reporting Pathologist",
       "Site", "Specimen", "HER2 IHC Result", "HER2 Interpretation", "HER2 ISH Ratio",
       "Avg HER2 Signals/Nucleus", "Avg CEP17 Signals/Nucleus", "Nuclei Scored", "ER Allred", "PR Allred"]
UKP = ["Dr F. Pemberton", "Dr S. Aziz", "Dr K. MacLeod"]


def r07(lab, hosp, nhs, rec, auth, p, site, spec, ihc, interp, ratio="", her2="", cep="", nuc="", er="", pr=""):
    return [lab, hosp, nhs, rec, auth, UKP[p], site, spec, ihc, interp, ratio, her2, cep, nuc, er, pr]


rows07 = [
    (r07("B26.04411", "RX1042211", "943 476 5919", "13/02/2026", "18/02/2026", 0, "Breast, left", "Core biopsy",
         "3+", "Positive", er="8/8", pr="7/8"),
     "B26.04411", E("HER2-positive", "positive", "§7 '3+'; §3 no ISH x 3+; Allred '8/8' is not a percentage (contract er_percent)",
                    ihc_score="3+", review=False, must_not=["reject (ER Allred 8/8 not a percentage)"])),
    (r07("B26.04412", "RX1042390", "943 476 6001", "13/02/2026", "19/02/2026", 1, "Breast, right", "Core biopsy",
         "'0", "Negative", er="8/8", pr="8/8"),
     "B26.04412", E("HER2-0", "negative", "§7 '0' = 0, sub-type unknown (the leading apostrophe is a spreadsheet text marker); §4 HER2-0",
                    ihc_score="0", zero_subtype="", review="optional",
                    acceptable="review true, no call (apostrophe-prefixed value treated as unreadable)",
                    must_not=["HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive"])),
    (r07("B26.04413", "RX1043007", "943 476 6109", "16/02/2026", "24/02/2026", 2, "Breast, left", "Wide local excision",
         "2+", "Equivocal", "'1.99", "4.20", "2.11", "20", "6/8", "3/8"),
     "B26.04413", E("HER2-low", "negative",
                    "§2 '1.99 (apostrophe text) < 2.0, 4.20 copies = group 4 (4.20/2.11 = 1.99); §3 program rule groups 2-4 x 2+; §4",
                    ihc_score="2+", ish_group="4", review=True, why="group 4 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 1"],
                    acceptable="rejected with a reason naming the ratio column ('1.99 taken as a number that is not a number, contract)")),
    (r07("B26.04414", "RX1043115", "943 476 6230", "16/02/2026", "24/02/2026", 0, "Breast, right", "Core biopsy",
         "N/A", "N/A", er="0/8", pr="0/8"),
     "B26.04414", E("unknown", "not_tested",
                    "'N/A' is not in §7's table; read as no result (like 'not performed'/blank) -> not_tested; §4 unknown",
                    review="optional", acceptable="status must_not_guess with review true ('N/A' treated as unreadable)",
                    must_not=["HER2-negative", "HER2-0", "HER2-positive"])),
    (r07("B26.04415", "RX1043299", "943 476 6311", "17/02/2026", "25/02/2026", 1, "Breast, left", "Core biopsy",
         "QNS", "QNS", er="8/8", pr="6/8"),
     "B26.04415", E("unknown", "not_tested", "§7 'QNS' = no result; §3 neither IHC nor ISH = not_tested; §4 unknown",
                    review="optional", must_not=["HER2-negative", "indeterminate"])),
    (r07("B26.04416", "RX1043320", "943 476 6422", "17/02/2026", "25/02/2026", 2, "Breast, right", "Mastectomy",
         "See comment", "See comment", er="7/8", pr="5/8"),
     "B26.04416", E("unknown", "must_not_guess", "§7 'see comment' -> review; status not named by the rules",
                    review=True, why="HER2 'See comment'",
                    must_not=["HER2-negative", "HER2-0", "HER2-low", "HER2-positive", "HER2-equivocal"])),
    (r07("B26.04417", "RX1043451", "943 476 6533", "18/02/2026", "26/02/2026", 0, "Breast, left", "Core biopsy",
         "Pending", "Pending", er="8/8", pr="8/8"),
     "B26.04417", E("unknown", "must_not_guess", "§7 'pending' -> review; no result yet (status not named by the rules)",
                    review=True, why="HER2 pending",
                    must_not=["HER2-negative", "HER2-0", "HER2-low", "HER2-positive", "HER2-equivocal"])),
    (r07("B26.04418", "RX1043562", "943 476 6644", "18/02/2026", "27/02/2026", 1, "Oesophagus, distal", "Biopsy",
         "2+", "Equivocal", "2.00", "3.60", "1.80", "20"),
     "B26.04418", E("HER2-positive", "positive",
                    "§6 oesophagus: ISH positive when ratio >=2.0 (2.00); breast groups do not apply (would be group 2: 3.60 < 4.0)",
                    ihc_score="2+", ish_group="", review="optional",
                    must_not=["HER2-low", "ish_group 2", "HER2-negative"])),
    (r07("B26.04419", "RX1043673", "943 476 6755", "19/02/2026", "27/02/2026", 2, "Gastro-oesophageal junction", "Biopsy",
         "1+", "Negative"),
     "B26.04419", E("HER2-negative", "negative", "§6 GOJ: negative gastric case = HER2-negative (HER2-low not applicable)",
                    ihc_score="1+", ish_group="", review=False,
                    must_not=["HER2-low", "review reason ihc_score_unknown"])),
    (r07("B26.04420", "RX1043784", "943 476 6866", "19/02/2026", "02/03/2026", 0, "Breast, right", "Core biopsy",
         "1+", "Negative", er="8/8", pr="7/8"),
     "B26.04420", E("HER2-low", "negative", "§7 '1+'; interpretation 'Negative' agrees; §3 no ISH x 1+; §4 HER2-low",
                    ihc_score="1+", review=False, must_not=["HER2-negative", "HER2-0"])),
    (r07("B26.04421", "RX1043895", "943 476 6977", "20/02/2026", "03/03/2026", 1, "Breast, left", "Core biopsy",
         "Negative", "Negative", er="0/8", pr="0/8"),
     "B26.04421", E("HER2-negative", "negative",
                    "§3 program rule: IHC written only as 'negative' = negative, HER2-low level unknown: review; §4 HER2-negative",
                    ihc_score="", review=True, why="IHC 'Negative' without a score: 0 vs low unknown",
                    must_not=["HER2-0", "HER2-low", "HER2-null"])),
    (r07("B26.04422", "RX1044006", "943 476 7088", "20/02/2026", "03/03/2026", 2, "Breast, right", "Core biopsy",
         "2+", "Equivocal - referred for ISH", er="5/8", pr="2/8"),
     "B26.04422", E("HER2-equivocal", "equivocal", "§7 '2+'; no ISH numbers or result; §3 no ISH x 2+ = equivocal: ISH pending",
                    ihc_score="2+", review="optional", must_not=["HER2-low", "HER2-negative", "HER2-positive"])),
]
FILES.append((
    "07_uk_lis_tab_allred.tsv",
    "TSV (tab), UTF-8 no BOM, CRLF, UK dates DD/MM/YYYY (18/02/2026); NHS numbers; Allred scores for ER/PR",
    "read",
    "'HER2 Interpretation' agrees with 'HER2 IHC Result' in every row, so mapping it to the IHC, ISH-text or no column gives the "
    "same calls (row B26.04422's 'referred for ISH' may add a review). 'ER Allred'/'PR Allred' hold x/8 scores, not percentages: "
    "no reject. Leading apostrophes ('0, '1.99) are spreadsheet text markers copied into the export. "
    "'NHS No.' and 'Hospital No.' are patient identifiers: never in messages (contract).",
    write_delimited("07_uk_lis_tab_allred.tsv", h07, rows07, delim="\t", newline="\r\n")))

# =============================================================================================
# 08 Australian lab, two monthly exports concatenated (header repeated), DD/MM/YYYY, SISH
# =============================================================================================
h08 = ["Episode No.", "UR No.", "Collected", "Received", "Reported", "Pathologist", "Site",
       "HER2 IHC (4B5)", "HER2 SISH Ratio", "HER2 Copies/Cell", "Cells Counted", "HER2 SISH Result", "ER %", "PR %"]
AUP = ["Dr J. Nguyen", "Dr P. Castellano", "Dr R. Whitford"]
rows08 = [
    (["26-123401", "UR0881201", "02/03/2026", "03/03/2026", "06/03/2026", AUP[0], "Breast, left", "3+", "", "", "", "", "90", "70"],
     "26-123401", E("HER2-positive", "positive", "§1/§3 3+ positive", ihc_score="3+", review=False)),
    (["26-123402", "UR0881342", "03/03/2026", "03/03/2026", "09/03/2026", AUP[1], "Breast, right", "2+", "2.0", "4.0", "20", "Amplified", "95", "40"],
     "26-123402", E("HER2-positive", "positive",
                    "§2 ratio 2.0 (>=2.0), 4.0 copies (>=4.0), exactly 20 cells = group 1; §3 group 1 x 2+ = positive",
                    ihc_score="2+", ish_group="1", review=False,
                    must_not=["ish_group 2", "HER2-low", "review: fewer than 20 cells"])),
    (["26-123403", "UR0881467", "03/03/2026", "04/03/2026", "10/03/2026", AUP[2], "Breast, left", "0", "", "", "", "", "95", "80"],
     "26-123403", E("HER2-0", "negative", "§7 '0' = 0, sub-type unknown; ER 95% is not HER2 (§7); §4 HER2-0",
                    ihc_score="0", zero_subtype="", review=False, must_not=["HER2-null", "HER2-ultralow"])),
    (["26-123404", "UR0881590", "04/03/2026", "04/03/2026", "11/03/2026", AUP[0], "Breast, right", "2+", "1.8", "4.0", "20", "Not amplified", "80", "10"],
     "26-123404", E("HER2-low", "negative",
                    "§2 1.8 (<2.0) with 4.0 copies (>=4.0 <6.0) = group 4; §3 program rule groups 2-4 x 2+; §4 HER2-low",
                    ihc_score="2+", ish_group="4", review=True, why="group 4 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 5 (4.0 read as <4.0)"])),
    (["26-123405", "UR0881611", "05/03/2026", "05/03/2026", "12/03/2026", AUP[1], "Gastric cardia", "2+", "1.9", "6.2", "20", "Not amplified", "", ""],
     "26-123405", E("HER2-negative", "negative",
                    "§6 cardia (C16.0): ISH positive only when ratio >=2.0; 1.9 -> negative; breast group 3 does not apply; §6 HER2-negative",
                    ihc_score="2+", ish_group="", review="optional",
                    must_not=["HER2-positive", "ish_group 3", "HER2-low"])),
    (["26-123406", "UR0881722", "05/03/2026", "06/03/2026", "12/03/2026", AUP[2], "Stomach, body, resection", "0", "", "", "", "", "", ""],
     "26-123406", E("HER2-negative", "negative", "§6 stomach: negative case = HER2-negative (HER2-0/null/ultralow not applicable)",
                    ihc_score="0", ish_group="", review=False, must_not=["HER2-0", "HER2-null", "HER2-ultralow"])),
    (h08, "row 8 (repeated header)",
     REJ("contract: a repeated header row (two exports concatenated) is not a case",
         reject_or_skip=True, why="header line repeated where the second export was appended",
         must_not=["a case with id 'Episode No.' in cases.csv", "the file failing because of it"])),
    (["26-130117", "UR0890015", "01/04/2026", "01/04/2026", "07/04/2026", AUP[0], "Breast, left", "1+", "", "", "", "", "60", "30"],
     "26-130117", E("HER2-low", "negative", "§1 1+; §3 no ISH x 1+; §4 HER2-low", ihc_score="1+", review=False)),
    (["26-130118", "UR0890136", "03/04/2026", "03/04/2026", "09/04/2026", AUP[1], "Breast, right", "2+", "2.2", "3.8", "20", "Negative", "85", "60"],
     "26-130118", E("HER2-low", "negative",
                    "§2 2.2 (>=2.0) with 3.8 copies (<4.0) = group 2; §3 group 2 x 2+ negative with comment (recount review); §4",
                    ihc_score="2+", ish_group="2", review=True, why="group 2 with IHC 2+: confirm the blinded recount",
                    must_not=["HER2-positive", "ish_group 1"])),
    (["26-130119", "UR0890257", "06/04/2026", "07/04/2026", "13/04/2026", AUP[2], "Breast, left", "2+", "2.0", "3.9", "19", "Negative", "70", "50"],
     "26-130119", E("HER2-low", "negative",
                    "§2 2.0 / 3.9 = group 2; only 19 cells (<20) -> review; §3 group 2 x 2+ negative with comment",
                    ihc_score="2+", ish_group="2", review=True, why="19 cells counted (<20); group 2 with IHC 2+",
                    must_not=["HER2-positive", "ish_group 1"])),
    (["26-130120", "UR0890378", "07/04/2026", "07/04/2026", "14/04/2026", AUP[0], "GOJ", "3+", "", "", "", "", "", ""],
     "26-130120", E("HER2-positive", "positive", "§6 GOJ; 3+ positive; ish_group empty", ihc_score="3+", ish_group="", review=False)),
    (["26-130121", "UR0890499", "10/04/2026", "10/04/2026", "15/04/2026", AUP[1], "Breast, right", "2+", "", "", "", "", "100", "90"],
     "26-130121", E("HER2-equivocal", "equivocal", "§3 no ISH x 2+ = equivocal: ISH pending", ihc_score="2+", review="optional",
                    must_not=["HER2-low", "HER2-negative"])),
]
FILES.append((
    "08_au_concatenated_monthly.csv",
    "CSV, comma, UTF-8, CRLF, Australian dates DD/MM/YYYY; March and April exports concatenated: the header line repeats at line 8",
    "read",
    "Episode No. = case id, UR No. = patient id. The header repeated at line 8 is not a case (reject or skip with a warning; "
    "never a case, never a failed file). Dates such as 03/04/2026 are 3 April (DD/MM). SISH with ratio and copies but no CEP17 column "
    "is dual-probe. Cardia/stomach/GOJ rows follow §6.",
    write_delimited("08_au_concatenated_monthly.csv", h08, rows08, newline="\r\n")))

# =============================================================================================
# 09 XLSX from an LIS report writer: Excel serial dates, damage, quotePrefix, trailing spaces
# =============================================================================================
def build_09():
    wb = Workbook()
    ws = wb.active
    ws.title = "HER2 Results"
    head = ["Specimen ID ", "MRN", "Collected", "Signed Out", "Part", "Block", "Site ", "HER-2/neu (4B5) ",
            "HER2 Staining [% cells]", "HER2 ISH Ratio", "Avg HER2 Signals/Nucleus", "Avg CEP17 Signals/Nucleus",
            "Nuclei Scored", "ER %", "PR %", "Ki-67 %"]
    ws.append(head)
    base = dt.date(1899, 12, 30)

    def serial(d):
        return (d - base).days

    rows = []  # (values, key, exp, cell tweaks)
    def add(values, key, exp, tweak=None):
        rows.append((values, key, exp, tweak))

    d = dt.date
    add(["S26-9001", "M0099101", serial(d(2026, 1, 5)), d(2026, 1, 9), "A", "A1", "Breast, left", "1+", 40, None, None, None, None, 90, 60, 20],
        "S26-9001", E("HER2-low", "negative", "§1 1+ in 40% consistent; §4 HER2-low; Collected is a bare Excel serial (46027), not HER2",
                      ihc_score="1+", review=False))
    add(["S26-9002", "M0099102", serial(d(2026, 1, 6)), d(2026, 1, 12), "A", "A2", "Breast, right", d(2026, 1, 2), None, None, None, None, None, 80, 20, 15],
        "S26-9002", E("must_not_guess", "must_not_guess",
                      "§7 Excel damage: IHC cell is a date (2-Jan, from '1-2') -> unreadable: review; no status named",
                      review=True, why="IHC cell holds a date (Excel damage)",
                      must_not=["HER2-low", "HER2-equivocal", "HER2-positive", "HER2-negative", "ihc_score 1+ or 2+"]),
        tweak=("H", "d-mmm"))
    add(["S26-9003", "M0099103", serial(d(2026, 1, 7)), d(2026, 1, 13), "A", "A1", "Breast, left", 2, 60, 2, 4, 2, 20, 95, 85, 10],
        "S26-9003", E("HER2-positive", "positive",
                      "§7 IHC typed as the number 2 = 2+; §2 ratio 2 (>=2.0), 4 copies (>=4.0), 20 nuclei = group 1; §3 positive",
                      ihc_score="2+", ish_group="1", review=False, must_not=["ish_group 2", "HER2-low"]))
    add(["S26-9004", "M0099104", serial(d(2026, 1, 8)), d(2026, 1, 14), "B", "B1", "Breast, right", "0", 0, None, None, None, None, 0, 0, 70],
        "S26-9004", E("HER2-null", "negative", "§7 '0' (text cell with quotePrefix); §1 program rule 0% = null; §4 HER2-null",
                      ihc_score="0", zero_subtype="null", review=False, must_not=["HER2-0", "HER2-ultralow"]),
        tweak=("H", "quote"))
    add(["S26-9005", "M0099105", serial(d(2026, 1, 9)), d(2026, 1, 15), "A", "A3", "Breast, left", 0, 10, None, None, None, None, 85, 40, 12],
        "S26-9005", E("HER2-ultralow", "negative", "§7 number 0 = score 0; §1 program rule 10% (>0-10%) = ultralow; §4",
                      ihc_score="0", zero_subtype="ultralow", review=False, must_not=["HER2-low", "HER2-0"]))
    add(["S26-9006", "M0099106", serial(d(2026, 1, 12)), d(2026, 1, 16), "A", "A1", "Breast, right", "3+", 90, None, None, None, None, "N/A", "N/A", 35],
        "S26-9006", E("HER2-positive", "positive", "§1/§3 3+ positive; ER/PR 'N/A' are not HER2 and not a reason to reject",
                      ihc_score="3+", review=False, must_not=["reject (ER 'N/A')"]))
    add(["S26-9007", "M0099107", serial(d(2026, 1, 13)), d(2026, 1, 19), "A", "A1", "Breast, left", "2+", 30, 1.99, 4.5, 2.26, 20, 70, 30, 25],
        "S26-9007", E("HER2-low", "negative",
                      "§2 1.99 (<2.0), 4.5 copies = group 4 (4.5/2.26 = 1.99); §3 program rule groups 2-4 x 2+; §4",
                      ihc_score="2+", ish_group="4", review=True, why="group 4 with IHC 2+: confirm the blinded recount",
                      must_not=["HER2-positive", "ish_group 1"]))
    add(["S26-9008", "M0099108", serial(d(2026, 1, 14)), d(2026, 1, 20), "A", "A2", "Breast, right", "2+", 20, "Pending", "Pending", "Pending", None, 95, 90, 18],
        "S26-9008", E("HER2-equivocal", "equivocal",
                      "§3 no ISH x 2+ = equivocal: ISH pending; 'Pending' in the ISH number cells is a known word, not a bad number (§7 pending -> review)",
                      ihc_score="2+", review="optional", must_not=["HER2-low", "HER2-positive", "HER2-negative"],
                      acceptable="rejected with a reason naming the ratio column (contract 'a number that is not a number'; §7 reads 'pending' as review, so the two documents disagree)"))
    add(["S26-9009", "M0099109", serial(d(2026, 1, 15)), d(2026, 1, 21), "A", "A1", "Esophagus, distal", 3, None, None, None, None, None, None, None, None],
        "S26-9009", E("HER2-positive", "positive", "§7 number 3 = 3+; §6 oesophagus: ish_group empty",
                      ihc_score="3+", ish_group="", review=False))
    add(["S26-9010", "M0099110", serial(d(2026, 1, 16)), d(2026, 1, 22), "A", "A1", "Breast, left", 1, 5, None, None, None, None, 60, 10, 30],
        "S26-9010", E("HER2-low", "negative", "§7 number 1 = 1+; §1 program rule: 1+ with 5% (<=10%) -> review; §4 HER2-low",
                      ihc_score="1+", review=True, why="IHC 1+ with only 5% stained (<=10%): inconsistent",
                      must_not=["HER2-ultralow", "HER2-0"]))
    add(["S26-9011", "M0099111", serial(d(2026, 1, 19)), d(2026, 1, 23), "A", "A1", "Stomach, antrum, biopsy", "1+", None, None, None, None, None, None, None, None],
        "S26-9011", E("HER2-negative", "negative", "§6 stomach: negative = HER2-negative; HER2-low not applicable",
                      ihc_score="1+", ish_group="", review=False, must_not=["HER2-low"]))
    add(["S26-9012", "M0099112", serial(d(2026, 1, 20)), d(2026, 1, 26), "A", "A1", "Breast, right", "2+", 50, 2.0, 4.0, 2.0, 19, 90, 75, 12],
        "S26-9012", E("HER2-positive", "positive", "§2 2.0 / 4.0 = group 1 but 19 nuclei (<20) -> review; §3 group 1 x 2+",
                      ihc_score="2+", ish_group="1", review=True, why="only 19 nuclei scored (<20)",
                      must_not=["HER2-low", "ish_group 2"]))
    out = []
    for i, (values, key, exp, tweak) in enumerate(rows):
        r = i + 2
        ws.append(values)
        ws.cell(row=r, column=4).number_format = "mm/dd/yyyy"
        if isinstance(values[9], float):
            ws.cell(row=r, column=10).number_format = "0.00"
        if tweak:
            col, kind = tweak
            c = ws[f"{col}{r}"]
            if kind == "quote":
                c.quotePrefix = True
                c.data_type = "s"
            else:
                c.number_format = kind
        exp["source_row"] = r
        out.append((key, exp))
    info = wb.create_sheet("Report Info")
    info.append(["Report", "HER2 results by sign-out date"])
    info.append(["Run by", "APLIS report writer (scheduled)"])
    info.append(["Parameters", "Signed out 01/01/2026 - 01/31/2026; Stain = HER2"])
    wb.save(os.path.join(HERE, "09_xlsx_lis_report_serials.xlsx"))
    return out


FILES.append((
    "09_xlsx_lis_report_serials.xlsx",
    "XLSX, two sheets: 'HER2 Results' (header row 1, trailing spaces in 'Specimen ID ', 'Site ' and 'HER-2/neu (4B5) ') and 'Report Info' (text only)",
    "read",
    "'Collected' holds bare Excel date serials (46027...), 'Signed Out' real dates with an mm/dd/yyyy format. IHC typed as numbers 0-3 "
    "and as text; S26-9004's '0' is a quotePrefix text cell; S26-9002's IHC cell is a date (2-Jan) = Excel damage. "
    "'Report Info' holds no header row of cases: no cases from it. source_row = spreadsheet row.",
    build_09()))

# =============================================================================================
# 10 Gastroesophageal vs breast pairs with identical values
# =============================================================================================
h10 = ["Accession No.", "Part", "Primary Site", "Specimen Type", "HER2 IHC Result", "HER2 % Cells Stained",
       "HER2 ISH Ratio", "Avg HER2 Signals/Nucleus", "Avg CEP17 Signals/Nucleus", "Nuclei Scored",
       "HER2 FISH Interpretation"]
rows10 = [
    (["G26-7701", "A", "Stomach, antrum, biopsy", "Biopsy", "2+", "", "2.00", "3.70", "1.85", "20", "Amplified"],
     "G26-7701", E("HER2-positive", "positive", "§6 stomach: ISH positive when ratio >=2.0 (2.00); IHC 2+ + ISH+ = positive; ish_group empty",
                   ihc_score="2+", ish_group="", review="optional", must_not=["HER2-low", "ish_group 2"])),
    (["B26-7702", "A", "Breast, left", "Core biopsy", "2+", "", "2.00", "3.70", "1.85", "20", "Negative - Group 2"],
     "B26-7702", E("HER2-low", "negative", "breast, same numbers as G26-7701: §2 2.00 / 3.70 = group 2; §3 group 2 x 2+ negative with comment; §4",
                   ihc_score="2+", ish_group="2", review=True, why="group 2 with IHC 2+: confirm the blinded recount",
                   must_not=["HER2-positive"])),
    (["G26-7703", "A", "GE junction", "Biopsy", "2+", "", "1.95", "6.10", "3.13", "20", "Not amplified"],
     "G26-7703", E("HER2-negative", "negative", "§6 GE junction: ratio 1.95 < 2.0 = ISH negative; copies 6.10 do not matter (no group 3 outside breast)",
                   ihc_score="2+", ish_group="", review="optional", must_not=["HER2-positive", "ish_group 3", "HER2-low"])),
    (["B26-7704", "A", "Breast, right", "Core biopsy", "2+", "", "1.95", "6.10", "3.13", "20", "Positive - Group 3"],
     "B26-7704", E("HER2-positive", "positive", "breast: §2 1.95 / 6.10 = group 3; §3 group 3 x 2+ positive (after blinded recount)",
                   ihc_score="2+", ish_group="3", review=True, why="group 3 with IHC 2+: confirm the blinded recount",
                   must_not=["HER2-low", "HER2-negative"])),
    (["G26-7705", "A", "Esophagus, distal", "Resection", "0", "5", "", "", "", "", ""],
     "G26-7705", E("HER2-negative", "negative", "§6 oesophagus: ultralow not applicable; negative = HER2-negative",
                   ihc_score="0", ish_group="", review=False, must_not=["HER2-ultralow", "HER2-0", "HER2-null"])),
    (["B26-7706", "A", "Breast, left", "Excision", "0", "5", "", "", "", "", ""],
     "B26-7706", E("HER2-ultralow", "negative", "breast: §1 program rule 0 with 5% = ultralow; §4",
                   ihc_score="0", zero_subtype="ultralow", review=False, must_not=["HER2-negative", "HER2-0"])),
    (["G26-7707", "B", "Gastric cardia", "Biopsy", "1+", "10", "", "", "", "", ""],
     "G26-7707", E("HER2-negative", "negative",
                   "§6 cardia (C16.0): HER2-negative; biopsy IHC counts clusters 'whatever the percentage', so the §1 1+/<=10% check may not apply (review optional)",
                   ihc_score="1+", ish_group="", review="optional", must_not=["HER2-low"])),
    (["B26-7708", "A", "Breast, right", "Core biopsy", "1+", "10", "", "", "", "", ""],
     "B26-7708", E("HER2-low", "negative", "breast: §1 program rule 1+ with <=10% (10%) -> review; §4 HER2-low",
                   ihc_score="1+", review=True, why="IHC 1+ with only 10% stained (<=10%): inconsistent",
                   must_not=["HER2-negative", "HER2-ultralow"])),
    (["G26-7709", "A", "Stomach, body, resection", "Resection", "0", "0", "", "", "", "", ""],
     "G26-7709", E("HER2-negative", "negative", "§6 stomach: null not applicable; negative = HER2-negative",
                   ihc_score="0", ish_group="", review=False, must_not=["HER2-null", "HER2-0"])),
    (["B26-7710", "A", "Breast, left", "Mastectomy", "0", "0", "", "", "", "", ""],
     "B26-7710", E("HER2-null", "negative", "breast: §1 program rule 0 with 0% = null; §4",
                   ihc_score="0", zero_subtype="null", review=False, must_not=["HER2-negative", "HER2-0"])),
    (["X26-7711", "A", "", "Core biopsy", "2+", "", "2.00", "3.70", "1.85", "20", "Negative - Group 2"],
     "X26-7711", E("HER2-low", "negative",
                   "site blank: contract 'breast when absent' and §6 'follows the run's default and is noted'; §2 group 2; §3 group 2 x 2+",
                   ihc_score="2+", ish_group="2", review=True, why="site blank (breast default, noted); group 2 with IHC 2+",
                   must_not=["HER2-positive"])),
]
FILES.append((
    "10_gi_vs_breast_pairs.csv",
    "CSV, comma, UTF-8, LF; English site words ('Stomach, antrum, biopsy', 'GE junction', 'Esophagus, distal', 'Gastric cardia')",
    "read",
    "Five gastroesophageal/breast pairs with identical values (§6 changes the outcome): 2+ 2.00/3.70 (gastric positive vs group 2), "
    "2+ 1.95/6.10 (gastric negative vs group 3 positive), 0 with 5% (HER2-negative vs ultralow), 1+ with 10% (HER2-negative vs HER2-low "
    "with review), 0 with 0% (HER2-negative vs null); plus a blank site (breast default, noted). Gastric zero_subtype is not checked.",
    write_delimited("10_gi_vs_breast_pairs.csv", h10, rows10)))

# =============================================================================================
# 11 Pipe-delimited text extract, YYYYMMDD, ISH group given as text, single probe
# =============================================================================================
h11 = ["Med Rec #", "Case #", "Collected", "Signed Out", "Specimen", "HER2/neu IHC", "HER2/neu % Stained",
       "HER2 FISH Ratio", "HER2 Signals/Cell", "CEP17 Signals/Cell", "Cells Counted", "HER2 FISH Result", "Comments"]
rows11 = [
    (["MR0310001", "SP26-00811", "20260302", "20260305", "BREAST LT CORE BX", "Negative (1+)", "40", "", "", "", "", "",
      "HER2-low result. Report comment: may be relevant for trastuzumab deruxtecan eligibility (clinical correlation)."],
     "SP26-00811", E("HER2-low", "negative", "§7 'Negative (1+)' = 1+; §4 HER2-low (the program never claims eligibility, §4 note)",
                     ihc_score="1+", review=False, must_not=["HER2-positive"])),
    (["MR0310002", "SP26-00812", "20260302", "20260306", "BREAST RT CORE BX", "Equivocal (2+)", "30", "", "", "", "", "Group 2", ""],
     "SP26-00812", E("HER2-low", "negative", "§7 'Group 2' given directly; §3 group 2 x 2+ negative with comment (program rule: recount review); §4",
                     ihc_score="2+", ish_group="2", review=True, why="group 2 with IHC 2+: confirm the blinded recount",
                     must_not=["HER2-positive"])),
    (["MR0310003", "SP26-00813", "20260303", "20260309", "BREAST LT EXC", "2+", "50", "", "", "", "", "Group 3", ""],
     "SP26-00813", E("HER2-positive", "positive", "§7 'Group 3' directly; §3 group 3 x 2+ positive (after blinded recount)",
                     ihc_score="2+", ish_group="3", review=True, why="group 3 with IHC 2+: confirm the blinded recount",
                     must_not=["HER2-low"])),
    (["MR0310004", "SP26-00814", "20260303", "20260309", "BREAST RT CORE BX", "Positive (3+)", "95", "", "", "", "", "Group 5", ""],
     "SP26-00814", E("HER2-positive", "positive", "§3 group 5 x IHC 3+ = positive (review: discordant)",
                     ihc_score="3+", ish_group="5", review=True, why="IHC 3+ with ISH group 5: discordant",
                     must_not=["HER2-low", "HER2-negative"])),
    (["MR0310005", "SP26-00815", "20260304", "20260310", "BREAST LT CORE BX", "Negative (1+)", "20", "", "", "", "", "Group 1", ""],
     "SP26-00815", E("HER2-positive", "positive", "§3 group 1 x IHC 1+ = positive (review: discordant)",
                     ihc_score="1+", ish_group="1", review=True, why="IHC 1+ with ISH group 1: discordant",
                     must_not=["HER2-low"])),
    (["MR0310006", "SP26-00816", "20260304", "20260310", "BREAST RT EXC", "Negative (0)", "", "", "", "", "", "Group 4", ""],
     "SP26-00816", E("HER2-0", "negative", "§3 group 4 x IHC 0 = negative, with comment; §4 HER2-0 (sub-type not stated)",
                     ihc_score="0", zero_subtype="", ish_group="4", review="optional",
                     must_not=["HER2-positive", "HER2-equivocal", "HER2-low"])),
    (["MR0310007", "SP26-00817", "20260305", "20260311", "BREAST LT MAST", "0", "0", "1.30", "2.60", "2.00", "40", "Not amplified", ""],
     "SP26-00817", E("HER2-null", "negative", "§1 program rule 0 with 0% = null; §2 1.30 / 2.60 = group 5; §3 negative; §4 HER2-null",
                     ihc_score="0", zero_subtype="null", ish_group="5", review=False, must_not=["HER2-0", "HER2-low"])),
    (["MR0310008", "SP26-00818", "20260305", "20260312", "BREAST RT CORE BX", "Cannot be determined", "", "1.30", "2.60", "2.00", "40", "Not amplified",
      "IHC uninterpretable (edge artifact); FISH performed."],
     "SP26-00818", E("HER2-negative", "negative",
                     "§3 IHC indeterminate (never read as negative) -> column 'no IHC'; group 5 x no IHC = negative; IHC level unknown: review; §4 HER2-negative",
                     ihc_score="", ish_group="5", review=True, why="IHC cannot be determined: negative by ISH, 0 vs low unknown",
                     must_not=["HER2-0", "HER2-low", "HER2-null", "ihc_score 0"])),
    (["MR0310009", "SP26-00819", "20260306", "20260312", "BREAST LT CORE BX", "", "", "3.10", "7.40", "2.39", "40", "Amplified", ""],
     "SP26-00819", E("HER2-positive", "positive", "§2 3.10 / 7.40 = group 1; §3 group 1 x no IHC = positive",
                     ihc_score="", ish_group="1", review="optional")),
    (["MR0310010", "SP26-00820", "20260306", "20260313", "BREAST RT CORE BX", "", "", "1.70", "4.60", "2.71", "20", "Group 4", ""],
     "SP26-00820", E("HER2-equivocal", "equivocal", "§2 1.70 / 4.60 = group 4 (exactly 20 cells); §3 group 4 x no IHC = equivocal: IHC needed",
                     ihc_score="", ish_group="4", review="optional", must_not=["HER2-negative", "HER2-low", "HER2-positive"])),
    (["MR0310011", "SP26-00821", "20260309", "20260313", "BREAST LT EXC", "1+", "11", "", "", "", "", "", ""],
     "SP26-00821", E("HER2-low", "negative", "§1 1+ with 11% (>10%) consistent; §4 HER2-low",
                     ihc_score="1+", review=False, must_not=["review: 1+ inconsistent"])),
    (["MR0310012", "SP26-00822", "20260309", "20260316", "BREAST RT CORE BX", "2+", "30", "", "5.00", "", "60", "", "Single-probe HER2 ISH."],
     "SP26-00822", E("HER2-equivocal", "equivocal",
                     "contract: HER2 copies without ratio or CEP17 = single probe; §3 single probe >=4.0 <6.0 x 2+ = equivocal: dual-probe ISH needed",
                     ihc_score="2+", ish_group="", review="optional", must_not=["HER2-low", "HER2-positive", "an ISH group 1-5"])),
    (["MR0310013", "SP26-00823", "20260310", "20260316", "BREAST LT CORE BX", "1+", "30", "", "6.00", "", "60", "", "Single-probe HER2 ISH."],
     "SP26-00823", E("HER2-positive", "positive", "§3 single probe >=6.0 (exactly 6.00) x IHC 1+ = positive (review: discordant)",
                     ihc_score="1+", ish_group="", review=True, why="IHC 1+ with single-probe 6.00 copies: discordant",
                     must_not=["HER2-low", "HER2-equivocal"])),
    (["MR0310014", "SP26-00824", "20260310", "20260317", "BREAST RT EXC", "0", "", "", "3.99", "", "60", "", "Single-probe HER2 ISH."],
     "SP26-00824", E("HER2-0", "negative", "§3 single probe <4.0 (3.99) x IHC 0 = negative; §4 HER2-0",
                     ihc_score="0", zero_subtype="", ish_group="", review=False, must_not=["HER2-equivocal"])),
]
FILES.append((
    "11_pipe_extract_groups_single_probe.txt",
    "pipe-delimited .txt, ASCII, LF, dates YYYYMMDD; upper-case specimen descriptions",
    "read",
    "ISH given as 'Group n' text only (no numbers) for 5 rows; IHC 'Cannot be determined' with a negative FISH; ISH without IHC "
    "(group 1, group 4); single-probe copies exactly 6.00, 5.00 and 3.99 (no ratio, no CEP17: single probe per the contract). "
    "A T-DXd comment must not make the program claim eligibility.",
    write_delimited("11_pipe_extract_groups_single_probe.txt", h11, rows11, delim="|")))


# =============================================================================================
# expected.yaml
# =============================================================================================
ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "source_row", "why",
         "reject", "reject_or_skip", "acceptable", "must_not"]


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


HEADER = """\
# Expected outcomes for the fourth export corpus (corpus4).
# Derived only from her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests. Same format as tests/cases/exports/expected.yaml,
# exports2/expected.yaml and exports3/expected.yaml. Generated by make_exports.py together with the files,
# so case ids and source_row numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria, breast default site).
#
# Per-row keys (rows keyed by case id; multi-part rows by 'ACCESSION PART'; a repeated header by its row):
#   category   expected her2_category | "must_not_guess" when the rules do not settle it
#   status     expected her2_status | "must_not_guess"
#   review     true / false / optional (rules neither require nor forbid a flag)
#   why        the reason for review / rejection
#   reject     true = row must be in rejects.csv (not used in this corpus)
#   reject_or_skip  true = rejected, or skipped with a warning (a repeated header line)
#   ihc_score / zero_subtype / ish_group: expected annotation where the rules fix them ("" = must be empty)
#   acceptable the only alternative outcome a correct tool may give
#   must_not   outcomes that are always wrong for the row (the trap)
#   source_row CSV line of the record's first line (header = 1) or spreadsheet row; absent for folded
#              one-row-per-line cases (file 03)
#
# "must_not_guess": the row is accepted and sent to review (or rejected) and carries no category
# listed in must_not. Test: review_required is true and her2_category not in must_not.
#
# file_outcome:
#   read                  the file is read (exit 0); every data row is in cases.csv or rejects.csv
#   read_or_fail_naming   read it, OR fail the file (exit 1) naming the header(s) / layout it could not
#                         map. Silent partial reading (all rows not_tested, a wrong column used as HER2,
#                         one case per synoptic line, a NAACCR code read as a score) is wrong.
#
# Every row carries a comment citing the section of her2-rules.md (or the contract) that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects (+ rows_folded for the one-row-per-line file 03 and folded addenda in 04)  # contract"
  blank_rows: "fully blank rows, repeated header lines and text-only sheets are not cases; skipping them (with a warning) is correct"
  narrative_default_acceptable: "review true, no call (category unknown), when free text is not parsed  # §7"
  gastric_zero_subtype: "for gastric IHC 0 rows zero_subtype is not checked (§6 is silent)"
  registry_truncation: "NAACCR values are truncated (§7): 1.9 = 1.90-1.99, 2.0 = 2.00-2.09, 3.9 = 3.90-3.99, 4.0 = 4.00-4.09, 5.9 = 5.90-5.99, 6.0 = 6.00-6.09; none of these straddles 2.0, 4.0 or 6.0, so the group is settled"

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

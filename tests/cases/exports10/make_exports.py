# ruff: noqa: RUF001  (Turkish dotless i, Greek letters, cedilla s/t and en dashes are the point of this corpus)
"""Generate corpus10 (HER2 results in Norwegian, Swedish, Danish, Finnish, Polish, Czech, Slovak, Hungarian,
Romanian, Turkish and Greek lab-export conventions), its expected.yaml and its README.md.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)
The data files, expected.yaml and README.md are written from the same tables, so case ids and
source_row always match. Expected outcomes derive only from /work/shared/her2-rules.md ("§n") and
/work/shared/contract.md ("contract"). No her2batch code, tests or bench files were read; corpus 8
(tests/cases/exports8) was read for its file format only and its traps and phrasings are not repeated.
"""
import csv
import datetime as dt
import io
import json
import os
from collections import Counter

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))

NEG = ["HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-negative"]
CALLS = ["HER2-positive", *NEG]

ALT = "review true, no call (native words not in the tool's vocabulary: §7 unreadable)"
ALT_EQ = ("review true, no call; or HER2-equivocal with review true (the native ISH words not read, "
          "so the IHC 2+ is left at 'ISH pending')")
ALT_IND = "review true, no call (status indeterminate or not_tested with review: native words not read)"
ALT_NUM = "review true, no call (native copy-number header not mapped: the ratio alone does not settle the group)"

NOT_TESTED_MUST_NOT = ["HER2-negative", "HER2-0", "HER2-null", "HER2-low", "HER2-positive"]
INDET_MUST_NOT = ["HER2-negative", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive"]

C_NOTAMP = ("§7 negation has scope ('not amplified', 'no evidence of amplification', 'amplification not detected' = "
            "not amplified); §3 'text not amplified only' x IHC 2+ = negative; §4 HER2-low (2+ with 'not amplified')")
C_AMP = "§7 ISH text 'Amplified' / 'Positive'; §3 'text amplified only' x IHC 2+ = positive; §4 HER2-positive"
C_NOTPOS = ("§7 'Negation has scope': 'not positive' is not positive, and nothing more (0, 1+ or 2+ all fit); "
            "§3 'IHC written only as negative (no score)' would itself be review; must_not_guess")
C_PRIOR = ("§7 'Controls and other specimens are not the case': the 3+ belongs to another (earlier) specimen; "
           "this specimen's own result is not stated: review, never positive")
C_HEDGE = ("§7 'every word understood, or unreadable': a hedge is neither a score, a category word, a negation nor "
           "filler, and the rules give it no reading, so the value is unreadable: review, no call")
C_HEDGE_ISH = (C_HEDGE + "; the IHC 2+ stays without a valid ISH result (§3 'no ISH' x 2+ = equivocal), so "
               "HER2-equivocal with review is not wrong; any negative level or an unflagged positive is")
C_NT = "§7 'not performed' = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"
C_IND = ("§7 'Indeterminate / cannot be determined / uninterpretable' = indeterminate; §3 never read as negative, "
         "only an indeterminate test = indeterminate (the ISH was not performed: §7 no result); §4 unknown")
C_NULL = "§7 'no staining' / 'absent' = 0, null; §1 null = no membrane staining at all; §3 no ISH x 0 = negative; §4 HER2-null"
C_ULTRA = ("§1 ultralow = faint incomplete membrane staining in >0 and <=10 % of cells; §7 guideline words "
           "('faint/barely perceptible incomplete membrane staining in <=10%' = 0 ultralow); §4 HER2-ultralow")


def R(values, key, exp, comment):
    return dict(values=values, key=key, exp=exp, comment=comment)


def low_not_amp(word):
    """IHC 2+ with a native 'not amplified' ISH text."""
    return dict(category="HER2-low", status="negative", ihc_score="2+", review="optional", acceptable=ALT_EQ,
                must_not=[f"HER2-positive ('{word}' read without its negation)", "HER2-equivocal without review",
                          "HER2-negative", "HER2-0"])


def pos_amp(word):
    """IHC 2+ with a native 'amplified' ISH text."""
    return dict(category="HER2-positive", status="positive", ihc_score="2+", review="optional", acceptable=ALT_EQ,
                must_not=[f"HER2-low ('{word}' taken for a negation, or the word shared with the negated row)",
                          "HER2-negative", "HER2-equivocal without review"])


def notpos(why, trap="'positive' read without its negation"):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=[f"HER2-positive ({trap})", "HER2-low", "HER2-ultralow", "HER2-null", "HER2-0",
                          "HER2-negative without review"])


def prior(why, trap="the earlier specimen's 3+ taken as this case's result"):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=[f"HER2-positive ({trap})", *NEG])


def hedge(why):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=["HER2-positive without review (the hedge ignored)", *NEG])


def hedge_ish(why, extra=None):
    mn = ["HER2-positive without review (the hedge ignored)", "HER2-low", "HER2-negative", "HER2-0"]
    if extra:
        mn = [extra, *[m for m in mn if m != extra.split(" (")[0]]]
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why, must_not=mn)


def not_tested():
    return dict(category="unknown", status="not_tested", review="optional", acceptable=ALT_IND,
                must_not=NOT_TESTED_MUST_NOT)


def indeterminate():
    return dict(category="unknown", status="indeterminate", review="optional", acceptable=ALT_IND,
                must_not=INDET_MUST_NOT)


def null0(word):
    return dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional",
                acceptable=ALT,
                must_not=[f"HER2-ultralow ('{word}' = staining read without its negation)", "HER2-0 (the 'no staining' words dropped)",
                          "HER2-low", "HER2-positive"])


def ultra0(trap):
    return dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="optional",
                acceptable=ALT,
                must_not=["HER2-null", f"HER2-low ({trap})", "HER2-equivocal", "HER2-positive"])


def plain(category, status, score, subtype=None, extra=()):
    d = dict(category=category, status=status, ihc_score=score)
    if subtype is not None:
        d["zero_subtype"] = subtype
    d["review"] = "false"
    d["must_not"] = [*extra, "unknown (plain digits in a HER2 column not read)", "not_tested"]
    return d


def control(score, category, status, trap, others):
    d = dict(category=category, status=status, ihc_score=score)
    if score == "0":
        d["zero_subtype"] = ""
    d["review"] = "optional"
    d["acceptable"] = ALT
    d["must_not"] = [f"HER2-positive ({trap})", *others]
    return d


FILES = []

# ------------------------------------------------------------------ 01 Norwegian (bokmål)
FILES.append(dict(
    name="01_no_provesvar_cp1252.csv", kind="csv", delim=";", encoding="cp1252", eol="\r\n", lang="Norwegian (bokmål)",
    format="CSV, semicolon, Windows-1252 (æ ø å; en dash 0x96 in a cell), CRLF, Norwegian dates (DD.MM.YYYY), decimal commas; two cells quoted because they hold a semicolon",
    file_outcome="read_or_fail_naming",
    notes=("Norwegian LIS export: 'Prøvenr.' (sample no., native only), 'Materiale' (specimen), 'HER2 IHC (skår)' (score), "
           "'HER2-farging, andel tumorceller (%)', 'HER2 ISH-resultat', 'HER2-signaler per kjerne', 'Antall telte kjerner'. "
           "Norwegian negation: hyphen prefix 'Ikke-amplifisert', 'ikke-positiv'; after the noun 'HER2-amplifikasjon ble ikke "
           "påvist'; 'membranfarging mangler' (is lacking). NO10-09 'HER2-amplifikasjon kan ikke utelukkes' (cannot be "
           "excluded) holds an 'ikke' that does NOT negate the amplification. 'Kontrollvev 3+; svulst 2+' and NO10-06 are quoted "
           "(they hold the delimiter)."),
    header=["Prøvenr.", "Besvart dato", "Materiale", "HER2 IHC (skår)", "HER2-farging, andel tumorceller (%)",
            "HER2 ISH-resultat", "HER2/CEP17-ratio", "HER2-signaler per kjerne", "CEP17-signaler per kjerne",
            "Antall telte kjerner", "ER (%)", "PgR (%)"],
    rows=[
        R(["NO10-01", "02.03.2026", "Mamma, nålebiopsi", "3+", "90", "", "", "", "", "", "80", "40"], "NO10-01",
          plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
          "plain '3+' in a column whose header contains 'HER2': §7 '3+' = 3+; §1 3+ with 90 % consistent; §3 no ISH x 3+ = positive; §4 HER2-positive"),
        R(["NO10-02", "02.03.2026", "Mamma, nålebiopsi", "2+", "40", "Ikke-amplifisert", "", "", "", "", "95", "70"], "NO10-02",
          low_not_amp("amplifisert"),
          "'Ikke-amplifisert' = non-amplified (negation as a hyphenated prefix). " + C_NOTAMP),
        R(["NO10-03", "03.03.2026", "Mamma, reseksjon", "2+", "60", "HER2-amplifikasjon ble ikke påvist", "", "", "", "", "90", "60"], "NO10-03",
          low_not_amp("HER2-amplifikasjon ... påvist"),
          "'HER2-amplifikasjon ble ikke påvist' = HER2 amplification was not detected (negation AFTER the noun, between auxiliary and participle). " + C_NOTAMP),
        R(["NO10-04", "03.03.2026", "Mamma, nålebiopsi", "2+ (tvilsom)", "70", "HER2-genet er amplifisert", "", "", "", "", "0", "0"], "NO10-04",
          pos_amp("amplifisert"),
          "'tvilsom' = doubtful, the Norwegian word for equivocal, beside an explicit 2+ (§7 '2+ equivocal' = 2+); 'HER2-genet er amplifisert' = the HER2 gene is amplified. " + C_AMP),
        R(["NO10-05", "04.03.2026", "Mamma, nålebiopsi", "negativ – skår 0, membranfarging mangler", "0", "", "", "", "", "", "85", "50"], "NO10-05",
          null0("membranfarging"),
          "'negativ' = negative, 'skår 0' = score 0, 'membranfarging mangler' = membrane staining is lacking (negation AFTER the noun); 0 % stained agrees (§1 program rule: 0 % = null). " + C_NULL),
        R(["NO10-06", "04.03.2026", "Mamma, reseksjon", "Skår 0; svak ufullstendig membranfarging i 4 % av tumorcellene", "", "", "", "", "", "", "70", "30"], "NO10-06",
          ultra0("'svak' = faint read as 1+"),
          "'svak ufullstendig membranfarging i 4 % av tumorcellene' = faint incomplete membrane staining in 4 % of tumour cells, with 'Skår 0'. " + C_ULTRA),
        R(["NO10-07", "05.03.2026", "Mamma, nålebiopsi", "Kontrollvev 3+; svulst 2+", "", "", "", "", "", "", "60", "20"], "NO10-07",
          control("2+", "HER2-equivocal", "equivocal", "the control tissue's 3+ taken as the tumour's",
                  ["HER2-low", "HER2-negative", "HER2-0"]),
          "'Kontrollvev' = control tissue, 'svulst' = tumour: §7 'Controls ... are not the case'; tumour 2+ with no ISH: §3 no ISH x 2+ = equivocal (ISH pending); §4 HER2-equivocal"),
        R(["NO10-08", "06.03.2026", "Mamma, reseksjon", "1+ (nålebiopsi 2025: 3+)", "20", "", "", "", "", "", "90", "80"], "NO10-08",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the 2025 needle biopsy's 3+ taken as this resection's)", "HER2-equivocal",
                         "HER2-0", "HER2-null"]),
          "current resection 1+ first, the earlier needle biopsy ('nålebiopsi 2025') 3+ in parentheses: §7 other specimens are not the case; §1 1+ with 20 % consistent; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["NO10-09", "06.03.2026", "Mamma, nålebiopsi", "2+", "50", "HER2-amplifikasjon kan ikke utelukkes", "", "", "", "", "75", "40"], "NO10-09",
          hedge_ish("'HER2-amplifikasjon kan ikke utelukkes' = HER2 amplification cannot be excluded: a hedge, not a result",
                    extra="HER2-low ('ikke' read as negating the amplification: 'cannot be excluded' is not 'not amplified')"),
          "'kan ikke utelukkes' = cannot be excluded: the negation scopes over 'excluded', not over the amplification (§7 'A negation the reader cannot scope is unreadable'). " + C_HEDGE_ISH),
        R(["NO10-10", "09.03.2026", "Mamma, nålebiopsi", "ikke-positiv", "", "", "", "", "", "", "95", "90"], "NO10-10",
          notpos("'ikke-positiv' = not positive (hyphenated prefix): no score"),
          "'ikke-' = non-/not. " + C_NOTPOS),
        R(["NO10-11", "10.03.2026", "Mamma, reseksjon", "ikke mulig å vurdere (fikseringsartefakter)", "", "ikke utført", "", "", "", "", "50", "10"], "NO10-11",
          indeterminate(),
          "'ikke mulig å vurdere (fikseringsartefakter)' = not possible to assess (fixation artefacts); ISH 'ikke utført' = not performed. " + C_IND),
        R(["NO10-12", "11.03.2026", "Mamma, nålebiopsi", "ikke utført", "", "ikke utført", "", "", "", "", "", ""], "NO10-12",
          not_tested(),
          "'ikke utført' = not performed (IHC and ISH). " + C_NT),
    ]))

# ------------------------------------------------------------------ 02 Swedish (xlsx)
SE = "Mellannålsbiopsi"
SO = "Operationspreparat"
SV_HEADER = ["Remissnr", "Provtagningsdatum", "Preparattyp", "HER2 IHC", "HER2 andel infärgade tumörceller (%)",
             "HER2 SISH", "Kvot HER2/CEP17", "Medelantal HER2-signaler", "Medelantal CEP17-signaler", "Antal räknade celler"]
SV_ROWS = [
    (["SE10-01", dt.date(2026, 3, 2), SE, 3, 95, None, None, None, None, None], "SE10-01",
     plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
     "IHC typed as the number 3 in the 'HER2 IHC' column: §7 'typed as numbers in an IHC score column' = 3+; §1 95 % consistent; §3 no ISH x 3+ = positive; §4 HER2-positive"),
    (["SE10-02", dt.date(2026, 3, 2), SE, "2+", 50, "icke amplifierad", None, None, None, None], "SE10-02",
     low_not_amp("amplifierad"),
     "'icke amplifierad' = not amplified ('icke', the formal Swedish 'not', before the word). " + C_NOTAMP),
    (["SE10-03", dt.date(2026, 3, 3), SO, "2+", 40, "HER2-amplifikation föreligger inte", None, None, None, None], "SE10-03",
     low_not_amp("HER2-amplifikation föreligger"),
     "'HER2-amplifikation föreligger inte' = HER2 amplification is not present (negation at the END). " + C_NOTAMP),
    (["SE10-04", dt.date(2026, 3, 3), SE, "2+", 60, "HER2-genen är amplifierad", None, None, None, None], "SE10-04",
     pos_amp("amplifierad"),
     "'HER2-genen är amplifierad' = the HER2 gene is amplified (SE10-02 has the same 'amplifierad' after 'icke'). " + C_AMP),
    (["SE10-05", dt.date(2026, 3, 4), SE, "2+", 70, None, 2.4, 5.1, 2.1, 20], "SE10-05",
     dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT_NUM,
          must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
     "numbers in number cells: §2 ratio 2.4 >=2.0 and 5.1 >=4.0 (5.1/2.1 = 2.43 agrees within 0.1), 20 cells = group 1; §3 group 1 x 2+ = positive; §4 HER2-positive"),
    (["SE10-06", dt.date(2026, 3, 4), SE, "negativ (0), färgning saknas", 0, None, None, None, None, None], "SE10-06",
     null0("färgning"),
     "'negativ (0), färgning saknas' = negative (0), staining is absent ('saknas' = is lacking, AFTER the noun); 0 % agrees. " + C_NULL),
    (["SE10-07", dt.date(2026, 3, 5), SO, "0; svag ofullständig membranfärgning i 8 % av tumörcellerna", None, None, None, None, None, None], "SE10-07",
     ultra0("'svag' = faint read as 1+"),
     "'svag ofullständig membranfärgning i 8 % av tumörcellerna' = faint incomplete membrane staining in 8 % of the tumour cells, with score 0. " + C_ULTRA),
    (["SE10-08", dt.date(2026, 3, 5), SO, "Tumörceller 1+; positiv kontroll (3+) adekvat", None, None, None, None, None, None], "SE10-08",
     control("1+", "HER2-low", "negative", "the positive control's 3+, written AFTER the tumour score, taken as the case",
             ["HER2-equivocal", "HER2-0", "HER2-null"]),
     "'Tumörceller 1+' = tumour cells 1+; 'positiv kontroll (3+) adekvat' = positive control (3+) adequate: §7 'positive control' is not the case; §3 no ISH x 1+ = negative; §4 HER2-low"),
    (["SE10-09", dt.date(2026, 3, 6), SO, "3+ i mellannålsbiopsin", None, None, None, None, None, None], "SE10-09",
     prior("'3+ i mellannålsbiopsin' = 3+ in the core needle biopsy, on a resection ('Operationspreparat') row: another specimen's result",
           trap="the core biopsy's 3+ taken as this resection's result"),
     "'i mellannålsbiopsin' = in the core needle biopsy; this row is the resection. " + C_PRIOR),
    (["SE10-10", dt.date(2026, 3, 9), SE, "2+", 30, "troligen amplifierad", None, None, None, None], "SE10-10",
     hedge_ish("'troligen amplifierad' = probably amplified: a hedged ISH result"),
     "'troligen' = probably. " + C_HEDGE_ISH),
    (["SE10-11", dt.date(2026, 3, 10), SE, "HER2 inte positiv", None, None, None, None, None, None], "SE10-11",
     notpos("'HER2 inte positiv' = HER2 not positive: no score"),
     "'inte' = not. " + C_NOTPOS),
    (["SE10-12", dt.date(2026, 3, 11), SO, "går ej att bedöma", None, "ej utfört", None, None, None, None], "SE10-12",
     indeterminate(),
     "'går ej att bedöma' = cannot be assessed; ISH 'ej utfört' = not performed. " + C_IND),
]
FILES.append(dict(
    name="02_sv_remissvar.xlsx", kind="xlsx", lang="Swedish",
    sheet="HER2-svar", title=None, header_row=1, header=SV_HEADER, xrows=SV_ROWS, date_format="YYYY-MM-DD",
    format="XLSX, one sheet 'HER2-svar', header row 1; real Excel dates shown YYYY-MM-DD; IHC partly typed as a number; ISH numbers in number cells",
    file_outcome="read_or_fail_naming",
    notes=("Swedish LIS (SymPathy-style) export to Excel: 'Remissnr' (referral no., native only), 'Preparattyp' (core biopsy / "
           "resection), 'HER2 IHC', 'HER2 andel infärgade tumörceller (%)', 'HER2 SISH', 'Kvot HER2/CEP17', 'Medelantal "
           "HER2-signaler'. Swedish: 'icke amplifierad' (formal 'not' before), 'föreligger inte' (negation at the end), 'färgning "
           "saknas' (staining absent), 'positiv kontroll (3+)' AFTER the tumour score, '3+ i mellannålsbiopsin' on a resection row, "
           "'troligen amplifierad', 'inte positiv', 'går ej att bedöma'."),
))

# ------------------------------------------------------------------ 03 Danish
DK_B = "Nålebiopsi, mamma"
DK_R = "Resektat, mamma"
FILES.append(dict(
    name="03_da_patologisvar_latin1.csv", kind="csv", delim=";", encoding="latin-1", eol="\n", lang="Danish",
    format="CSV, semicolon, ISO-8859-1 (æ ø å), LF, Danish dates (DD.MM.YYYY), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Danish pathology export: 'Prøvenummer' (native id), 'HER2 IHC-score', 'Andel HER2-farvede tumorceller (%)', 'HER2 FISH', "
           "'HER2-kopier pr. kerne', 'Antal talte kerner'. Danish: 'Der er ikke påvist HER2-amplifikation' (negation before, "
           "separated from the noun by the verb), 'Amplifikation ses ikke' (after), 'Positiv (amplificeret)'; 'farvning fraværende' "
           "(absent); DK10-07 a guideline-worded description with NO score ('knapt synlig, ufuldstændig membranfarvning i 6 %'); "
           "'Tumorceller 0 (negativ), kontrol 3+'; 'Jf. tidligere nålebiopsi: 3+'; 'formentlig 3+'; 'Ingen HER2-overekspression' "
           "(no overexpression: contains the Latin-looking 'overekspression')."),
    header=["Prøvenummer", "Svardato", "Materiale", "HER2 IHC-score", "Andel HER2-farvede tumorceller (%)", "HER2 FISH",
            "HER2/CEP17-ratio", "HER2-kopier pr. kerne", "CEP17-kopier pr. kerne", "Antal talte kerner"],
    rows=[
        R(["DK10-01", "02.03.2026", DK_B, "1+", "30", "", "", "", "", ""], "DK10-01",
          plain("HER2-low", "negative", "1+", extra=["HER2-0", "HER2-negative", "HER2-positive"]),
          "plain '1+': §7 = 1+; §1 1+ with 30 % consistent; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["DK10-02", "02.03.2026", DK_B, "2+", "50", "Der er ikke påvist HER2-amplifikation", "", "", "", ""], "DK10-02",
          low_not_amp("påvist HER2-amplifikation"),
          "'Der er ikke påvist HER2-amplifikation' = no HER2 amplification has been demonstrated (negation before, two words from the noun). " + C_NOTAMP),
        R(["DK10-03", "03.03.2026", DK_R, "2+", "40", "Amplifikation ses ikke", "", "", "", ""], "DK10-03",
          low_not_amp("Amplifikation ses"),
          "'Amplifikation ses ikke' = amplification is not seen (negation AFTER the noun and verb). " + C_NOTAMP),
        R(["DK10-04", "03.03.2026", DK_B, "2+ (grænsetilfælde)", "60", "Positiv (amplificeret)", "", "", "", ""], "DK10-04",
          pos_amp("amplificeret"),
          "'grænsetilfælde' = borderline case, beside an explicit 2+ (the score decides, as '2+ equivocal', §7); ISH 'Positiv (amplificeret)' = positive (amplified): §7 ISH 'Positive' / 'Amplified'. " + C_AMP),
        R(["DK10-05", "04.03.2026", DK_B, "2+", "30", "", "1,4", "2,9", "2,1", "20"], "DK10-05",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional", acceptable=ALT_NUM,
               must_not=["HER2-positive (decimal comma lost: '1,4' read as 14)", "HER2-equivocal without review", "HER2-0"]),
          "§7 decimal commas; §2 ratio 1.4 <2.0 (2.9/2.1 = 1.38 agrees) and 2.9 <4.0, 20 nuclei = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["DK10-06", "05.03.2026", DK_B, "Score 0 (farvning fraværende)", "", "", "", "", "", ""], "DK10-06",
          null0("farvning"),
          "'farvning fraværende' = staining absent (§7 lists 'absent'). " + C_NULL),
        R(["DK10-07", "05.03.2026", DK_R, "Knapt synlig, ufuldstændig membranfarvning i 6 % af tumorcellerne", "", "", "", "", "", ""], "DK10-07",
          ultra0("'membranfarvning' with a percentage read as 1+, or the description read as a derived score above 0"),
          "NO score written: 'knapt synlig, ufuldstændig membranfarvning i 6 % af tumorcellerne' = barely perceptible incomplete membrane staining in 6 % of tumour cells. §7 'Descriptions in the guideline's words read as the score they define': 'faint/barely perceptible incomplete membrane staining in <=10%' = 0 ultralow (not a score derived from a % by the program, §1). " + C_ULTRA),
        R(["DK10-08", "06.03.2026", DK_R, "Tumorceller 0 (negativ), kontrol 3+", "", "", "", "", "", ""], "DK10-08",
          control("0", "HER2-0", "negative", "the control's 3+, written after the tumour score, taken as the case",
                  ["HER2-null", "HER2-ultralow", "HER2-low"]),
          "'Tumorceller 0 (negativ)' = tumour cells 0 (negative); 'kontrol 3+' = control: §7 controls are not the case; plain 0, sub-type unknown (§1); §4 HER2-0"),
        R(["DK10-09", "06.03.2026", DK_R, "Jf. tidligere nålebiopsi: 3+", "", "", "", "", "", ""], "DK10-09",
          prior("'Jf. tidligere nålebiopsi: 3+' = cf. the earlier needle biopsy: 3+; this resection's own result not stated"),
          "'Jf.' = cf., 'tidligere nålebiopsi' = earlier needle biopsy. " + C_PRIOR),
        R(["DK10-10", "09.03.2026", DK_B, "formentlig 3+", "", "", "", "", "", ""], "DK10-10",
          hedge("'formentlig 3+' = presumably 3+: a hedged score"),
          "'formentlig' = presumably. " + C_HEDGE),
        R(["DK10-11", "10.03.2026", DK_B, "Ingen HER2-overekspression", "", "", "", "", "", ""], "DK10-11",
          notpos("'Ingen HER2-overekspression' = no HER2 overexpression: not positive, no score",
                 trap="'overekspression' read as overexpression = positive without 'Ingen'"),
          "'Ingen' = no, 'overekspression' = overexpression: a 'not positive' statement (overexpression is what IHC 3+ shows) that gives no score; §7 has no vocabulary for it. " + C_NOTPOS),
        R(["DK10-12", "11.03.2026", DK_B, "Materialet uegnet til vurdering", "", "Ikke foretaget", "", "", "", ""], "DK10-12",
          indeterminate(),
          "'Materialet uegnet til vurdering' = the material is unsuitable for assessment; ISH 'Ikke foretaget' = not performed. " + C_IND),
    ]))

# ------------------------------------------------------------------ 04 Finnish
FI_B = "Paksuneulabiopsia"
FI_R = "Leikkausnäyte"
FILES.append(dict(
    name="04_fi_patologia_utf8bom.csv", kind="csv", delim=";", encoding="utf-8-sig", eol="\r\n", lang="Finnish",
    format="CSV, semicolon, UTF-8 with BOM, CRLF, Finnish dates (D.M.YYYY), decimal commas, Finnish case endings on percentages ('5 %:ssa')",
    file_outcome="read_or_fail_naming",
    notes=("Finnish LIS export: 'Näytenro' (sample no., native only), 'Näytetyyppi', 'HER2 (IHC)', 'HER2 värjäytyneet kasvainsolut (%)', "
           "'HER2 CISH', 'HER2/CEP17-suhde', 'HER2-kopiot/tuma', 'Laskettuja soluja'. Finnish negation by suffix and verb: "
           "'monistumaton' (non-amplified, caritive suffix -ton) vs 'monistunut' (amplified), 'amplifikaatio puuttuu' (is missing), "
           "'ei kalvovärjäytymistä', 'ei positiivinen'; '5 %:ssa' (in 5 %, with a case ending); 'Ks. edellinen näyte: 3+'; "
           "'mahdollisesti monistunut' (possibly amplified)."),
    header=["Näytenro", "Vastauspvm", "Näytetyyppi", "HER2 (IHC)", "HER2 värjäytyneet kasvainsolut (%)", "HER2 CISH",
            "HER2/CEP17-suhde", "HER2-kopiot/tuma", "CEP17-kopiot/tuma", "Laskettuja soluja"],
    rows=[
        R(["FI10-01", "2.3.2026", FI_B, "3+", "100", "", "", "", "", ""], "FI10-01",
          plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
          "plain '3+' (§7); §1 100 % consistent; §3 no ISH x 3+ = positive; §4 HER2-positive"),
        R(["FI10-02", "2.3.2026", FI_B, "2+", "40", "HER2-geeni monistumaton", "", "", "", ""], "FI10-02",
          low_not_amp("monistu-"),
          "'monistumaton' = non-amplified: the negation is the suffix -ton (without), on the stem of 'monistunut' (amplified, FI10-04). " + C_NOTAMP),
        R(["FI10-03", "3.3.2026", FI_R, "2+", "50", "amplifikaatio puuttuu", "", "", "", ""], "FI10-03",
          low_not_amp("amplifikaatio"),
          "'amplifikaatio puuttuu' = amplification is missing (negative verb AFTER the noun). " + C_NOTAMP),
        R(["FI10-04", "3.3.2026", FI_B, "2+ (epäselvä)", "60", "HER2-geeni monistunut", "", "", "", ""], "FI10-04",
          pos_amp("monistunut"),
          "'epäselvä' = unclear (equivocal) beside an explicit 2+ (score decides, §7 '2+ equivocal'); 'HER2-geeni monistunut' = HER2 gene amplified. " + C_AMP),
        R(["FI10-05", "4.3.2026", FI_B, "ei arvioitavissa", "", "", "", "", "", ""], "FI10-05",
          indeterminate(),
          "'ei arvioitavissa' = not assessable. " + C_IND.replace(" (the ISH was not performed: §7 no result)", " (no ISH given)")),
        R(["FI10-06", "4.3.2026", FI_B, "negatiivinen, 0 – ei kalvovärjäytymistä", "0", "", "", "", "", ""], "FI10-06",
          null0("kalvovärjäytymistä"),
          "'negatiivinen, 0 – ei kalvovärjäytymistä' = negative, 0 – no membrane staining; 0 % agrees. " + C_NULL),
        R(["FI10-07", "5.3.2026", FI_R, "0 – heikko epätäydellinen kalvovärjäytyminen 5 %:ssa kasvainsoluista", "", "", "", "", "", ""], "FI10-07",
          ultra0("'heikko' = faint read as 1+, or '%:ssa' breaking the percentage"),
          "'heikko epätäydellinen kalvovärjäytyminen 5 %:ssa kasvainsoluista' = faint incomplete membrane staining in 5 % of the tumour cells (the percentage carries the case ending ':ssa'), with score 0. " + C_ULTRA),
        R(["FI10-08", "5.3.2026", FI_R, "positiivinen kontrolli 3+, kasvainsolut 1+", "", "", "", "", "", ""], "FI10-08",
          control("1+", "HER2-low", "negative", "the positive control's 3+ taken as the case",
                  ["HER2-equivocal", "HER2-0", "HER2-null"]),
          "'positiivinen kontrolli 3+' = positive control 3+, 'kasvainsolut 1+' = tumour cells 1+: §7 controls are not the case; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["FI10-09", "6.3.2026", FI_R, "Ks. edellinen näyte: 3+", "", "", "", "", "", ""], "FI10-09",
          prior("'Ks. edellinen näyte: 3+' = see the previous sample: 3+"),
          "'Ks.' = see, 'edellinen näyte' = previous sample. " + C_PRIOR),
        R(["FI10-10", "9.3.2026", FI_B, "2+", "40", "mahdollisesti monistunut", "", "", "", ""], "FI10-10",
          hedge_ish("'mahdollisesti monistunut' = possibly amplified: a hedged ISH result"),
          "'mahdollisesti' = possibly. " + C_HEDGE_ISH),
        R(["FI10-11", "10.3.2026", FI_B, "ei positiivinen", "", "", "", "", "", ""], "FI10-11",
          notpos("'ei positiivinen' = not positive: no score"),
          "'ei' = not. " + C_NOTPOS),
        R(["FI10-12", "11.3.2026", FI_B, "ei suoritettu", "", "ei suoritettu", "", "", "", ""], "FI10-12",
          not_tested(),
          "'ei suoritettu' = not carried out (IHC and ISH). " + C_NT),
    ]))

# ------------------------------------------------------------------ 05 Polish
PL_B = "Biopsja gruboigłowa"
PL_R = "Materiał pooperacyjny"
FILES.append(dict(
    name="05_pl_preparaty_iso8859-2.csv", kind="csv", delim=";", encoding="iso-8859-2", eol="\r\n", lang="Polish",
    format="CSV, semicolon, ISO-8859-2 (Latin-2: ą = 0xB1, ś = 0xB6, ź = 0xBC, unlike CP1250), CRLF, Polish dates ('02.03.2026 r.'), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Polish LIS export in ISO-8859-2 (not CP1250: ą ś ź sit at other bytes, so a CP1250 or CP1252 decoder garbles them). "
           "'Numer preparatu' (native id), 'Ocena HER2 (IHC)', 'HER2 - odsetek wybarwionych komórek (%)', 'Iloraz HER2/CEP17' "
           "(quotient), 'Liczba kopii HER2/komórkę', 'Liczba policzonych komórek'. Polish: 'niezamplifikowany' (prefix nie- fused), "
           "'amplifikacja genu HER2 nieobecna' vs 'obecna amplifikacja genu HER2' ('nieobecna' = absent contains 'obecna' = present); "
           "'brak reakcji błonowej'; 'kontrola dodatnia 3+; komórki raka 1+'; '3+ wg wcześniejszej biopsji'; 'podejrzenie "
           "amplifikacji' (suspected); 'wynik nie jest dodatni'; PL10-05 only 18 cells counted."),
    header=["Numer preparatu", "Data wyniku", "Materiał", "Ocena HER2 (IHC)", "HER2 - odsetek wybarwionych komórek (%)",
            "HER2 ISH", "Iloraz HER2/CEP17", "Liczba kopii HER2/komórkę", "Liczba kopii CEP17/komórkę", "Liczba policzonych komórek"],
    rows=[
        R(["PL10-01", "02.03.2026 r.", PL_B, "0", "", "", "", "", "", ""], "PL10-01",
          plain("HER2-0", "negative", "0", subtype="", extra=["HER2-null", "HER2-ultralow", "HER2-negative"]),
          "plain '0': §7 '0' = 0, sub-type unknown (§1 'A plain 0 does not say which'); §3 no ISH x 0 = negative; §4 HER2-0"),
        R(["PL10-02", "02.03.2026 r.", PL_B, "2+", "30", "gen HER2 niezamplifikowany", "", "", "", ""], "PL10-02",
          low_not_amp("zamplifikowany"),
          "'niezamplifikowany' = not amplified: the negation 'nie' is fused to the participle as a prefix. " + C_NOTAMP),
        R(["PL10-03", "03.03.2026 r.", PL_R, "2+", "50", "amplifikacja genu HER2 nieobecna", "", "", "", ""], "PL10-03",
          low_not_amp("amplifikacja ... obecna"),
          "'amplifikacja genu HER2 nieobecna' = amplification of the HER2 gene absent ('nieobecna' = nie + obecna, present; after the noun). " + C_NOTAMP),
        R(["PL10-04", "03.03.2026 r.", PL_B, "wątpliwy (2+)", "60", "obecna amplifikacja genu HER2", "", "", "", ""], "PL10-04",
          pos_amp("obecna"),
          "'wątpliwy (2+)' = doubtful (2+): equivocal with an explicit score (§7 'Equivocal (2+)'); 'obecna amplifikacja genu HER2' = HER2 gene amplification present (the same words as PL10-03 without 'nie'). " + C_AMP),
        R(["PL10-05", "04.03.2026 r.", PL_B, "2+", "40", "", "2,2", "4,6", "2,1", "18"], "PL10-05",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="true",
               why="only 18 cells counted (§2: at least 20)",
               acceptable="review true, no call (too few cells counted, or the native copy-number header not mapped)",
               must_not=["HER2-positive without review (18 < 20 cells ignored)", "HER2-low", "HER2-negative"]),
          "§2 ratio 2.2 >=2.0 (4.6/2.1 = 2.19 agrees) and 4.6 >=4.0 = group 1, but 'At least 20 cells must be counted; fewer goes to review' (18); §3 group 1 x 2+ = positive; §4 HER2-positive, with review"),
        R(["PL10-06", "05.03.2026 r.", PL_B, "negatywny (0) - brak reakcji błonowej", "", "", "", "", "", ""], "PL10-06",
          null0("reakcji błonowej"),
          "'negatywny (0) - brak reakcji błonowej' = negative (0) - no membrane reaction ('brak' = lack of). " + C_NULL),
        R(["PL10-07", "05.03.2026 r.", PL_R, "0 - słaba, niepełna reakcja błonowa w 5% komórek nowotworowych", "", "", "", "", "", ""], "PL10-07",
          ultra0("'słaba' = faint read as 1+"),
          "'słaba, niepełna reakcja błonowa w 5% komórek nowotworowych' = faint, incomplete membrane reaction in 5 % of tumour cells, with score 0 ('niepełna' = incomplete, itself a nie- word). " + C_ULTRA),
        R(["PL10-08", "06.03.2026 r.", PL_R, "kontrola dodatnia 3+; komórki raka 1+", "", "", "", "", "", ""], "PL10-08",
          control("1+", "HER2-low", "negative", "the positive control's 3+ taken as the case",
                  ["HER2-equivocal", "HER2-0", "HER2-null"]),
          "'kontrola dodatnia 3+' = positive control 3+, 'komórki raka 1+' = carcinoma cells 1+: §7 controls are not the case; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["PL10-09", "06.03.2026 r.", PL_R, "3+ wg wcześniejszej biopsji", "", "", "", "", "", ""], "PL10-09",
          prior("'3+ wg wcześniejszej biopsji' = 3+ according to the earlier biopsy"),
          "'wg wcześniejszej biopsji' = according to the earlier biopsy. " + C_PRIOR),
        R(["PL10-10", "09.03.2026 r.", PL_B, "2+", "30", "podejrzenie amplifikacji", "", "", "", ""], "PL10-10",
          hedge_ish("'podejrzenie amplifikacji' = suspicion of amplification: a hedged ISH result"),
          "'podejrzenie' = suspicion. " + C_HEDGE_ISH),
        R(["PL10-11", "10.03.2026 r.", PL_B, "wynik nie jest dodatni", "", "", "", "", "", ""], "PL10-11",
          notpos("'wynik nie jest dodatni' = the result is not positive: no score"),
          "'nie jest' = is not, 'dodatni' = positive. " + C_NOTPOS),
        R(["PL10-12", "11.03.2026 r.", PL_R, "nie do oceny (artefakty utrwalenia)", "", "nie oznaczano", "", "", "", ""], "PL10-12",
          indeterminate(),
          "'nie do oceny (artefakty utrwalenia)' = not assessable (fixation artefacts); ISH 'nie oznaczano' = not determined. " + C_IND),
    ]))

# ------------------------------------------------------------------ 06 Czech
CZ_B = "Jehlová biopsie prsu"
CZ_R = "Resekát prsu"
FILES.append(dict(
    name="06_cs_bioptie_cp1250.csv", kind="csv", delim=";", encoding="cp1250", eol="\r\n", lang="Czech",
    format="CSV, semicolon, Windows-1250 (č ě ř ů ž; en dash 0x96 in two headers), CRLF, Czech dates (D.M.YYYY, no spaces), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Czech LIS export: 'Číslo bioptického vyšetření' (native id), 'HER2 IHC – skóre', 'Podíl HER2 pozitivních buněk (%)' (the % "
           "header contains 'pozitivních', positive: it is not a result column), 'HER2 SISH – výsledek', 'Kopie HER2 na jádro'. "
           "Czech: 'nebyla zjištěna amplifikace HER2' (negation before) vs 'zjištěna amplifikace HER2'; 'HER2 neamplifikovaný' "
           "(prefix); 'žádné barvení' (no staining); 'nádorové buňky 2+, externí kontrola 3+'; 'v předchozí biopsii 3+'; "
           "'pravděpodobně 3+'; 'není pozitivní'; CZ10-05 group 3 at ratio 1,95."),
    header=["Číslo bioptického vyšetření", "Datum uzavření", "Materiál", "HER2 IHC – skóre", "Podíl HER2 pozitivních buněk (%)",
            "HER2 SISH – výsledek", "Poměr HER2/CEP17", "Kopie HER2 na jádro", "Kopie CEP17 na jádro", "Počet hodnocených jader"],
    rows=[
        R(["CZ10-01", "2.3.2026", CZ_B, "3+", "95", "", "", "", "", ""], "CZ10-01",
          plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
          "plain '3+' (§7); the '95' is in the % column whose header says 'pozitivních' (contract her2_ihc_percent); §3 no ISH x 3+ = positive; §4 HER2-positive"),
        R(["CZ10-02", "2.3.2026", CZ_B, "2+", "40", "nebyla zjištěna amplifikace HER2", "", "", "", ""], "CZ10-02",
          low_not_amp("zjištěna amplifikace"),
          "'nebyla zjištěna amplifikace HER2' = no HER2 amplification was found (negation 'ne-' on the auxiliary, before the noun). " + C_NOTAMP),
        R(["CZ10-03", "3.3.2026", CZ_R, "2+", "30", "HER2 neamplifikovaný", "", "", "", ""], "CZ10-03",
          low_not_amp("amplifikovaný"),
          "'neamplifikovaný' = non-amplified (one word, prefix 'ne-'). " + C_NOTAMP),
        R(["CZ10-04", "3.3.2026", CZ_B, "nejednoznačný (2+)", "50", "zjištěna amplifikace HER2", "", "", "", ""], "CZ10-04",
          pos_amp("zjištěna"),
          "'nejednoznačný (2+)' = equivocal (2+) (§7 'Equivocal (2+)'); 'zjištěna amplifikace HER2' = HER2 amplification found (CZ10-02 without 'nebyla'). " + C_AMP),
        R(["CZ10-05", "4.3.2026", CZ_B, "2+", "60", "", "1,95", "6,3", "3,2", "20"], "CZ10-05",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review="true",
               why="group 3 with IHC 2+: confirm the blinded recount",
               acceptable="review true, no call (includes HER2-equivocal with review true; or the native copy-number header not mapped)",
               must_not=["HER2-low (group 4 or 5 assumed from the ratio <2.0 alone)", "HER2-positive without review",
                         "ish_group 1 ('1,95' read as 195 or rounded to 2,0)", "ish_group 4"]),
          "§2 compare unrounded: ratio 1.95 <2.0 (6.3/3.2 = 1.97 agrees) and 6.3 >=6.0, 20 nuclei = group 3; §3 group 3 x 2+ = positive (after blinded recount; program rule: review); §4 HER2-positive"),
        R(["CZ10-06", "4.3.2026", CZ_B, "negativní – 0 (žádné barvení)", "0", "", "", "", "", ""], "CZ10-06",
          null0("barvení"),
          "'negativní – 0 (žádné barvení)' = negative – 0 (no staining); 0 % agrees. " + C_NULL),
        R(["CZ10-07", "5.3.2026", CZ_R, "0, slabé neúplné membránové barvení v 5 % buněk", "", "", "", "", "", ""], "CZ10-07",
          ultra0("'slabé' = faint read as 1+"),
          "'slabé neúplné membránové barvení v 5 % buněk' = faint incomplete membrane staining in 5 % of cells, with score 0. " + C_ULTRA),
        R(["CZ10-08", "5.3.2026", CZ_R, "nádorové buňky 2+, externí kontrola 3+", "", "", "", "", "", ""], "CZ10-08",
          control("2+", "HER2-equivocal", "equivocal", "the external control's 3+ taken as the case",
                  ["HER2-low", "HER2-negative", "HER2-0"]),
          "'nádorové buňky 2+' = tumour cells 2+, 'externí kontrola 3+' = external control 3+: §7 controls are not the case; §3 no ISH x 2+ = equivocal (ISH pending); §4 HER2-equivocal"),
        R(["CZ10-09", "6.3.2026", CZ_R, "v předchozí biopsii 3+", "", "", "", "", "", ""], "CZ10-09",
          prior("'v předchozí biopsii 3+' = 3+ in the previous biopsy"),
          "'v předchozí biopsii' = in the previous biopsy. " + C_PRIOR),
        R(["CZ10-10", "9.3.2026", CZ_B, "pravděpodobně 3+", "", "", "", "", "", ""], "CZ10-10",
          hedge("'pravděpodobně 3+' = probably 3+: a hedged score"),
          "'pravděpodobně' = probably. " + C_HEDGE),
        R(["CZ10-11", "10.3.2026", CZ_B, "není pozitivní", "", "", "", "", "", ""], "CZ10-11",
          notpos("'není pozitivní' = is not positive: no score"),
          "'není' = is not. " + C_NOTPOS),
        R(["CZ10-12", "11.3.2026", CZ_R, "nelze hodnotit", "", "nevyšetřováno", "", "", "", ""], "CZ10-12",
          indeterminate(),
          "'nelze hodnotit' = cannot be evaluated; ISH 'nevyšetřováno' = not examined. " + C_IND),
    ]))

# ------------------------------------------------------------------ 07 Slovak (xlsx, title row)
SK_B = "Core-cut biopsia prsníka"
SK_R = "Resekát prsníka"
SK_HEADER = ["Bioptické číslo", "Dátum vydania", "Materiál", "HER2 IHC skóre", "Podiel farbiacich sa buniek HER2 (%)",
             "HER2 ISH", "Pomer HER2/CEP17", "Priemerný počet kópií HER2", "Priemerný počet kópií CEP17", "Počet hodnotených jadier"]
SK_TITLE = "Oddelenie patológie – prehľad výsledkov HER2 (export z NIS)"
SK_ROWS = [
    (["SK10-01", dt.date(2026, 3, 2), SK_B, 0, 0, None, None, None, None, None], "SK10-01",
     dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="false",
          acceptable="HER2-0 (the native % header not mapped; then a run.json warning names it)",
          must_not=["HER2-ultralow", "HER2-low", "HER2-negative", "unknown (plain numbers in a HER2 column not read)", "not_tested"]),
     "IHC typed as the number 0 and 0 % typed as the number 0: §7 number 0 in an IHC score column = 0; §1 program rule 0 % stained = null; §4 HER2-null"),
    (["SK10-02", dt.date(2026, 3, 2), SK_B, "2+", 40, "amplifikácia nebola zistená", None, None, None, None], "SK10-02",
     low_not_amp("amplifikácia ... zistená"),
     "'amplifikácia nebola zistená' = amplification was not found (negation AFTER the noun). " + C_NOTAMP),
    (["SK10-03", dt.date(2026, 3, 3), SK_R, "2+", 30, "nezistená amplifikácia", None, None, None, None], "SK10-03",
     low_not_amp("zistená amplifikácia"),
     "'nezistená amplifikácia' = unfound (not found) amplification: prefix 'ne-' on the participle BEFORE the noun. " + C_NOTAMP),
    (["SK10-04", dt.date(2026, 3, 3), SK_B, "hraničný (2+)", 60, "amplifikácia génu HER2 prítomná", None, None, None, None], "SK10-04",
     pos_amp("prítomná"),
     "'hraničný (2+)' = borderline (2+): the explicit score decides (§7 lists 'borderline' alone as ambiguous; with '(2+)' it reads as '2+ equivocal'); 'amplifikácia génu HER2 prítomná' = HER2 gene amplification present. " + C_AMP),
    (["SK10-05", dt.date(2026, 3, 4), SK_R, "predchádzajúca biopsia: 3+; aktuálne 2+", None, None, 1.3, 2.8, 2.2, 20], "SK10-05",
     dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional",
          acceptable=("review true, no call; or HER2-negative with review true (the IHC text not read, group 5 alone: "
                      "§3 group 5 x no IHC = negative, score unknown)"),
          must_not=["HER2-positive (the previous biopsy's 3+ taken as this case's)", "HER2-equivocal without review", "HER2-0"]),
     "'predchádzajúca biopsia: 3+' = previous biopsy 3+ (§7 other specimens are not the case); 'aktuálne 2+' = currently 2+; §2 ratio 1.3 (2.8/2.2 = 1.27 agrees), 2.8 copies, 20 nuclei = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
    (["SK10-06", dt.date(2026, 3, 4), SK_B, "negatívny, žiadne farbenie membrán", 0, None, None, None, None, None], "SK10-06",
     null0("farbenie membrán"),
     "'negatívny, žiadne farbenie membrán' = negative, no membrane staining; 0 % agrees. " + C_NULL),
    (["SK10-07", dt.date(2026, 3, 5), SK_R, "0 – slabé neúplné farbenie membrán v 7 % nádorových buniek", None, None, None, None, None, None], "SK10-07",
     ultra0("'slabé' = faint read as 1+"),
     "'slabé neúplné farbenie membrán v 7 % nádorových buniek' = faint incomplete membrane staining in 7 % of tumour cells, with score 0. " + C_ULTRA),
    (["SK10-08", dt.date(2026, 3, 5), SK_R, "nádor 1+ (pozitívna kontrola 3+ v poriadku)", None, None, None, None, None, None], "SK10-08",
     control("1+", "HER2-low", "negative", "the positive control's 3+, in parentheses after the tumour score, taken as the case",
             ["HER2-equivocal", "HER2-0", "HER2-null"]),
     "'nádor 1+' = tumour 1+, '(pozitívna kontrola 3+ v poriadku)' = (positive control 3+ in order): §7 controls are not the case; §3 no ISH x 1+ = negative; §4 HER2-low"),
    (["SK10-09", dt.date(2026, 3, 6), SK_B, "2+", 50, "podozrenie na amplifikáciu", None, None, None, None], "SK10-09",
     hedge_ish("'podozrenie na amplifikáciu' = suspicion of amplification: a hedged ISH result"),
     "'podozrenie' = suspicion. " + C_HEDGE_ISH),
    (["SK10-10", dt.date(2026, 3, 9), SK_B, "nie je pozitívny", None, None, None, None, None, None], "SK10-10",
     notpos("'nie je pozitívny' = is not positive: no score"),
     "'nie je' = is not. " + C_NOTPOS),
    (["SK10-11", dt.date(2026, 3, 10), SK_R, "nie je možné hodnotiť", None, "nevykonané", None, None, None, None], "SK10-11",
     indeterminate(),
     "'nie je možné hodnotiť' = it is not possible to evaluate; ISH 'nevykonané' = not performed. " + C_IND),
    (["SK10-12", dt.date(2026, 3, 11), SK_B, "pozitívny", 90, None, None, None, None, None], "SK10-12",
     dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional", acceptable=ALT,
          must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
     "'pozitívny' = positive, alone: §3 program rule 'IHC written only as positive is read as 3+'; §1 90 % consistent; §4 HER2-positive"),
]
FILES.append(dict(
    name="07_sk_biopticke_vysledky.xlsx", kind="xlsx", lang="Slovak",
    sheet="Výsledky HER2", title=SK_TITLE, header_row=2, header=SK_HEADER, xrows=SK_ROWS, date_format="D.M.YYYY",
    format="XLSX, one sheet 'Výsledky HER2'; merged title row 1, header row 2; real Excel dates shown D.M.YYYY; IHC and % partly typed as numbers; ISH numbers in number cells",
    file_outcome="read_or_fail_naming",
    notes=("Slovak hospital-information-system export: 'Bioptické číslo' (native id), 'HER2 IHC skóre', 'Podiel farbiacich sa buniek HER2 "
           "(%)', 'Pomer HER2/CEP17', 'Priemerný počet kópií HER2'. Slovak: 'amplifikácia nebola zistená' (after) and 'nezistená "
           "amplifikácia' (prefix, before) vs 'amplifikácia génu HER2 prítomná'; 'hraničný (2+)'; 'žiadne farbenie membrán'; "
           "'predchádzajúca biopsia: 3+; aktuálne 2+' with group 5 numbers; 'nádor 1+ (pozitívna kontrola 3+ v poriadku)'; "
           "'podozrenie na amplifikáciu'; 'nie je pozitívny'; 'pozitívny' alone (= 3+ by §3)."),
))

# ------------------------------------------------------------------ 08 Hungarian (TSV)
HU_B = "Core biopszia, emlő"
HU_R = "Műtéti resecatum, emlő"
FILES.append(dict(
    name="08_hu_mintak_utf8bom.tsv", kind="csv", delim="\t", encoding="utf-8-sig", eol="\r\n", lang="Hungarian",
    format="TSV (tab), UTF-8 with BOM, CRLF, Hungarian dates ('2026. 03. 02.' with spaces and a trailing dot), decimal commas, percentages with case endings ('5%-ában')",
    file_outcome="read_or_fail_naming",
    notes=("Hungarian LIS export: 'Minta azonosító' (sample identifier, native only), 'HER2 immunhisztokémia', 'HER2 festődő tumorsejtek "
           "aránya (%)', 'HER2 FISH', 'HER2/CEP17 hányados' (quotient), 'HER2 jel/sejtmag', 'Értékelt sejtmagok száma'. Hungarian: "
           "'amplifikációmentes' (suffix -mentes, free of), 'nem mutatható ki' (cannot be shown, after the noun) vs 'igazolódott' "
           "(was confirmed); 'festődés nélkül' (postposition 'without'); '5%-ában'; 'pozitív kontroll: 3+ / tumor: 0'; 'Előző "
           "vizsgálat szerint 3+'; 'feltehetően 3+'; 'HER2-pozitivitás nem igazolható' (HER2 positivity cannot be verified); "
           "'értékelhetetlen' (suffix negation); HU10-05 ratio exactly 2,0 with 3,9 copies (group 2)."),
    header=["Minta azonosító", "Leletezés dátuma", "Anyag", "HER2 immunhisztokémia", "HER2 festődő tumorsejtek aránya (%)",
            "HER2 FISH", "HER2/CEP17 hányados", "HER2 jel/sejtmag", "CEP17 jel/sejtmag", "Értékelt sejtmagok száma"],
    rows=[
        R(["HU10-01", "2026. 03. 02.", HU_B, "1+", "40", "", "", "", "", ""], "HU10-01",
          plain("HER2-low", "negative", "1+", extra=["HER2-0", "HER2-negative", "HER2-positive"]),
          "plain '1+' (§7); §1 1+ with 40 % consistent; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["HU10-02", "2026. 03. 02.", HU_B, "2+", "30", "amplifikációmentes", "", "", "", ""], "HU10-02",
          low_not_amp("amplifikáció"),
          "'amplifikációmentes' = amplification-free: the negation is the suffix '-mentes' (free of) on the noun. " + C_NOTAMP),
        R(["HU10-03", "2026. 03. 03.", HU_R, "2+", "50", "HER2-génamplifikáció nem mutatható ki", "", "", "", ""], "HU10-03",
          low_not_amp("HER2-génamplifikáció"),
          "'HER2-génamplifikáció nem mutatható ki' = HER2 gene amplification cannot be shown (negation AFTER the noun) = not detected. " + C_NOTAMP),
        R(["HU10-04", "2026. 03. 03.", HU_B, "2+ (határeset)", "60", "HER2-génamplifikáció igazolódott", "", "", "", ""], "HU10-04",
          pos_amp("igazolódott"),
          "'határeset' = borderline case beside an explicit 2+ (the score decides, §7 '2+ equivocal'); 'HER2-génamplifikáció igazolódott' = HER2 gene amplification was confirmed. " + C_AMP),
        R(["HU10-05", "2026. 03. 04.", HU_B, "2+", "40", "", "2,0", "3,9", "1,95", "20"], "HU10-05",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount", acceptable=ALT_NUM,
               must_not=["HER2-positive (group 1 assumed from the ratio >=2.0)", "ish_group 1",
                         "ish_group 5 (a ratio of exactly 2,0 taken as below 2.0)", "HER2-equivocal without review"]),
          "§2 ratio 2.0 is >=2.0 (3.9/1.95 = 2.00 agrees) and 3.9 <4.0, 20 nuclei = group 2; §3 program rule group 2 x 2+ = negative, with comment and recount review; §4 HER2-low"),
        R(["HU10-06", "2026. 03. 04.", HU_B, "negatív: 0, festődés nélkül", "0", "", "", "", "", ""], "HU10-06",
          null0("festődés"),
          "'negatív: 0, festődés nélkül' = negative: 0, without staining ('nélkül' = without, a postposition AFTER the noun); 0 % agrees. " + C_NULL),
        R(["HU10-07", "2026. 03. 05.", HU_R, "0 – halvány, inkomplett membránfestődés a tumorsejtek 5%-ában", "", "", "", "", "", ""], "HU10-07",
          ultra0("'halvány' = faint read as 1+, or '5%-ában' not read as 5 %"),
          "'halvány, inkomplett membránfestődés a tumorsejtek 5%-ában' = faint, incomplete membrane staining in 5 % of the tumour cells (case ending '-ában' on the percentage), with score 0. " + C_ULTRA),
        R(["HU10-08", "2026. 03. 05.", HU_R, "pozitív kontroll: 3+ / tumor: 0", "", "", "", "", "", ""], "HU10-08",
          control("0", "HER2-0", "negative", "the positive control's 3+ taken as the case",
                  ["HER2-null", "HER2-ultralow", "HER2-low"]),
          "'pozitív kontroll: 3+ / tumor: 0' = positive control 3+ / tumour 0: §7 controls are not the case; plain 0, sub-type unknown (§1); §4 HER2-0"),
        R(["HU10-09", "2026. 03. 06.", HU_R, "Előző vizsgálat szerint 3+", "", "", "", "", "", ""], "HU10-09",
          prior("'Előző vizsgálat szerint 3+' = 3+ according to the previous examination"),
          "'Előző vizsgálat szerint' = according to the previous examination. " + C_PRIOR),
        R(["HU10-10", "2026. 03. 09.", HU_B, "feltehetően 3+", "", "", "", "", "", ""], "HU10-10",
          hedge("'feltehetően 3+' = presumably 3+: a hedged score"),
          "'feltehetően' = presumably. " + C_HEDGE),
        R(["HU10-11", "2026. 03. 10.", HU_B, "HER2-pozitivitás nem igazolható", "", "", "", "", "", ""], "HU10-11",
          notpos("'HER2-pozitivitás nem igazolható' = HER2 positivity cannot be verified: not positive, no score",
                 trap="'HER2-pozitivitás' read without 'nem igazolható'"),
          "'pozitivitás' = positivity, 'nem igazolható' = cannot be verified. " + C_NOTPOS),
        R(["HU10-12", "2026. 03. 11.", HU_R, "értékelhetetlen", "", "nem készült", "", "", "", ""], "HU10-12",
          indeterminate(),
          "'értékelhetetlen' = unevaluable (negation as the suffix -hetetlen); ISH 'nem készült' = not made. " + C_IND),
    ]))

# ------------------------------------------------------------------ 09 Romanian (CP1250, cedilla s/t)
RO_B = "Biopsie core, sân"
RO_R = "Piesă de rezecţie, sân"
FILES.append(dict(
    name="09_ro_probe_cp1250_sedila.csv", kind="csv", delim=";", encoding="cp1250", eol="\r\n", lang="Romanian",
    format="CSV, semicolon, Windows-1250 with the legacy CEDILLA letters ş ţ (U+015F, U+0163; CP1250 has no comma-below ș ț), CRLF, Romanian dates (DD.MM.YYYY), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Romanian LIS export from a Windows-1250 system, written with the cedilla letters ş ţ that Windows Romanian used before "
           "comma-below ș ț (Unicode normalisation, NFC or NFKC, does not map one to the other). 'Nr. probă' (native id), 'HER2 IHC "
           "(scor)', 'Celule tumorale marcate HER2 (%)', 'HER2 CISH', 'Raport HER2/CEP17', 'Nr. mediu semnale HER2/nucleu', "
           "'Nuclei număraţi'. Romanian: 'nu s-a evidenţiat amplificarea' (before), 'amplificare absentă' (after) vs 'amplificare "
           "prezentă'; 'absenţa colorării membranare'; 'control pozitiv 3+, tumora 2+'; '3+ pe biopsia precedentă'; 'probabil "
           "amplificat'; 'nepozitiv' (one-word prefix negation); 'neinterpretabil', 'neefectuat'; RO10-05 group 4."),
    header=["Nr. probă", "Data rezultatului", "Tip probă", "HER2 IHC (scor)", "Celule tumorale marcate HER2 (%)", "HER2 CISH",
            "Raport HER2/CEP17", "Nr. mediu semnale HER2/nucleu", "Nr. mediu semnale CEP17/nucleu", "Nuclei număraţi"],
    rows=[
        R(["RO10-01", "02.03.2026", RO_B, "0", "", "", "", "", "", ""], "RO10-01",
          plain("HER2-0", "negative", "0", subtype="", extra=["HER2-null", "HER2-ultralow", "HER2-negative"]),
          "plain '0': §7 = 0, sub-type unknown (§1); §3 no ISH x 0 = negative; §4 HER2-0"),
        R(["RO10-02", "02.03.2026", RO_B, "2+", "40", "nu s-a evidenţiat amplificarea genei HER2", "", "", "", ""], "RO10-02",
          low_not_amp("evidenţiat amplificarea"),
          "'nu s-a evidenţiat amplificarea genei HER2' = amplification of the HER2 gene was not shown (negation 'nu' before the verb and noun; cedilla ţ). " + C_NOTAMP),
        R(["RO10-03", "03.03.2026", RO_R, "2+", "30", "amplificare absentă", "", "", "", ""], "RO10-03",
          low_not_amp("amplificare"),
          "'amplificare absentă' = amplification absent (AFTER the noun). " + C_NOTAMP),
        R(["RO10-04", "03.03.2026", RO_B, "2+ (la limită)", "60", "amplificare prezentă", "", "", "", ""], "RO10-04",
          pos_amp("amplificare"),
          "'la limită' = borderline, beside an explicit 2+ (the score decides, §7 '2+ equivocal'); 'amplificare prezentă' = amplification present (RO10-03 with 'prezentă' for 'absentă'). " + C_AMP),
        R(["RO10-05", "04.03.2026", RO_B, "2+", "50", "", "1,6", "4,8", "3,0", "20"], "RO10-05",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount", acceptable=ALT_NUM,
               must_not=["HER2-positive", "ish_group 3", "ish_group 5", "HER2-equivocal without review"]),
          "§2 ratio 1.6 <2.0 (4.8/3.0 = 1.6 agrees) and 4.0 <= 4.8 < 6.0, 20 nuclei = group 4; §3 program rule group 4 x 2+ = negative with recount review; §4 HER2-low"),
        R(["RO10-06", "04.03.2026", RO_B, "negativ (0), absenţa colorării membranare", "0", "", "", "", "", ""], "RO10-06",
          null0("colorării membranare"),
          "'negativ (0), absenţa colorării membranare' = negative (0), absence of membrane staining; 0 % agrees. " + C_NULL),
        R(["RO10-07", "05.03.2026", RO_R, "scor 0 – colorare membranară slabă şi incompletă în 6% din celulele tumorale", "", "", "", "", "", ""], "RO10-07",
          ultra0("'slabă' = faint read as 1+"),
          "'colorare membranară slabă şi incompletă în 6% din celulele tumorale' = faint and incomplete membrane staining in 6 % of tumour cells, with 'scor 0' (cedilla ş in 'şi'). " + C_ULTRA),
        R(["RO10-08", "05.03.2026", RO_R, "control pozitiv 3+, tumora 2+", "", "", "", "", "", ""], "RO10-08",
          control("2+", "HER2-equivocal", "equivocal", "the positive control's 3+ taken as the case",
                  ["HER2-low", "HER2-negative", "HER2-0"]),
          "'control pozitiv 3+' = positive control 3+, 'tumora 2+' = the tumour 2+: §7 controls are not the case; §3 no ISH x 2+ = equivocal (ISH pending); §4 HER2-equivocal"),
        R(["RO10-09", "06.03.2026", RO_R, "3+ pe biopsia precedentă", "", "", "", "", "", ""], "RO10-09",
          prior("'3+ pe biopsia precedentă' = 3+ on the preceding biopsy"),
          "'pe biopsia precedentă' = on the preceding biopsy. " + C_PRIOR),
        R(["RO10-10", "09.03.2026", RO_B, "2+", "40", "probabil amplificat", "", "", "", ""], "RO10-10",
          hedge_ish("'probabil amplificat' = probably amplified: a hedged ISH result"),
          "'probabil' = probably. " + C_HEDGE_ISH),
        R(["RO10-11", "10.03.2026", RO_B, "HER2 nepozitiv", "", "", "", "", "", ""], "RO10-11",
          notpos("'HER2 nepozitiv' = HER2 non-positive (one word, prefix 'ne-'): no score",
                 trap="'pozitiv' found inside 'nepozitiv'"),
          "'nepozitiv' = non-positive. " + C_NOTPOS),
        R(["RO10-12", "11.03.2026", RO_R, "neinterpretabil", "", "neefectuat", "", "", "", ""], "RO10-12",
          indeterminate(),
          "'neinterpretabil' = uninterpretable (prefix 'ne-'); ISH 'neefectuat' = not performed. " + C_IND),
    ]))

# ------------------------------------------------------------------ 10 Turkish (CP1254)
TR_B = "Tru-cut biyopsi, meme"
TR_R = "Rezeksiyon, meme"
FILES.append(dict(
    name="10_tr_numuneler_cp1254.csv", kind="csv", delim=";", encoding="cp1254", eol="\r\n", lang="Turkish",
    format="CSV, semicolon, Windows-1254 (ş ğ ı İ ç ö ü), CRLF, Turkish dates (DD.MM.YYYY), decimal commas, Turkish percent sign BEFORE the number with a case suffix ('%5'inde'); two cells quoted because they hold a semicolon",
    file_outcome="read_or_fail_naming",
    notes=("Turkish hospital LIS export: 'Numune No' (sample no., native only), 'HER2 İHK skoru' (dotted capital İ in the header), "
           "'HER2 boyanan hücre oranı (%)', 'HER2 FISH sonucu', 'Ort. HER2 kopya sayısı', 'Sayılan çekirdek'. Turkish: 'amplifikasyon "
           "izlenmedi' (suffix -me-) vs 'amplifikasyon izlendi'; 'HER2 gen amplifikasyonu yoktur' (after); 'boyanma izlenmedi' "
           "(no staining observed: the same verb); \"%5'inde\" (percent sign first, case suffix); 'Dış kontrol 3+; tümör 1+'; 'dış "
           "merkez biyopsisinde 3+' (an outside centre's biopsy); 'muhtemelen 3+'; 'pozitif kabul edilmedi' (was not considered "
           "positive); 'değerlendirilemedi' (could not be evaluated)."),
    header=["Numune No", "Onay Tarihi", "Materyal", "HER2 İHK skoru", "HER2 boyanan hücre oranı (%)", "HER2 FISH sonucu",
            "HER2/CEP17 Oranı", "Ort. HER2 kopya sayısı", "Ort. CEP17 kopya sayısı", "Sayılan çekirdek"],
    rows=[
        R(["TR10-01", "02.03.2026", TR_B, "2+", "60", "", "2,4", "5,1", "2,1", "20"], "TR10-01",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT_NUM,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
          "§7 decimal commas; §2 ratio 2.4 >=2.0 and 5.1 >=4.0 (5.1/2.1 = 2.43 agrees), 20 nuclei = group 1; §3 group 1 x 2+ = positive; §4 HER2-positive"),
        R(["TR10-02", "02.03.2026", TR_B, "3+", "90", "", "", "", "", ""], "TR10-02",
          plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
          "plain '3+' (§7); §1 90 % consistent; §3 no ISH x 3+ = positive; §4 HER2-positive"),
        R(["TR10-03", "03.03.2026", TR_R, "2+", "40", "amplifikasyon izlenmedi", "", "", "", ""], "TR10-03",
          low_not_amp("amplifikasyon izlen-"),
          "'amplifikasyon izlenmedi' = amplification was not observed (negation is the verb suffix -me-; TR10-05 'izlendi' without it). " + C_NOTAMP),
        R(["TR10-04", "03.03.2026", TR_B, "2+", "30", "HER2 gen amplifikasyonu yoktur", "", "", "", ""], "TR10-04",
          low_not_amp("amplifikasyonu"),
          "'HER2 gen amplifikasyonu yoktur' = there is no HER2 gene amplification ('yoktur' = there is not, AFTER the noun). " + C_NOTAMP),
        R(["TR10-05", "04.03.2026", TR_B, "2+ (sınırda)", "50", "amplifikasyon izlendi", "", "", "", ""], "TR10-05",
          pos_amp("izlendi"),
          "'sınırda' = at the borderline, beside an explicit 2+ (the score decides, §7 '2+ equivocal'); 'amplifikasyon izlendi' = amplification observed. " + C_AMP),
        R(["TR10-06", "04.03.2026", TR_B, "negatif; boyanma izlenmedi", "0", "", "", "", "", ""], "TR10-06",
          null0("boyanma"),
          "'negatif; boyanma izlenmedi' = negative; no staining observed (the same negated verb as TR10-03); 0 % agrees. " + C_NULL),
        R(["TR10-07", "05.03.2026", TR_R, "0 – tümör hücrelerinin %5'inde zayıf, tamamlanmamış membran boyanması", "", "", "", "", "", ""], "TR10-07",
          ultra0("'zayıf' = faint read as 1+, or \"%5'inde\" not read as 5 %"),
          "\"tümör hücrelerinin %5'inde zayıf, tamamlanmamış membran boyanması\" = faint, incomplete membrane staining in 5 % of tumour cells (Turkish writes the % sign first, with a case suffix), with score 0. " + C_ULTRA),
        R(["TR10-08", "05.03.2026", TR_R, "Dış kontrol 3+; tümör 1+", "", "", "", "", "", ""], "TR10-08",
          control("1+", "HER2-low", "negative", "the external control's 3+ taken as the case",
                  ["HER2-equivocal", "HER2-0", "HER2-null"]),
          "'Dış kontrol 3+' = external control 3+, 'tümör 1+' = tumour 1+: §7 controls are not the case; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["TR10-09", "06.03.2026", TR_R, "dış merkez biyopsisinde 3+", "", "", "", "", "", ""], "TR10-09",
          prior("'dış merkez biyopsisinde 3+' = 3+ in the outside centre's biopsy: another specimen, another lab",
                trap="the outside centre's biopsy 3+ taken as this case's result"),
          "'dış merkez biyopsisinde' = in the outside centre's biopsy. " + C_PRIOR),
        R(["TR10-10", "09.03.2026", TR_B, "muhtemelen 3+", "", "", "", "", "", ""], "TR10-10",
          hedge("'muhtemelen 3+' = probably 3+: a hedged score"),
          "'muhtemelen' = probably. " + C_HEDGE),
        R(["TR10-11", "10.03.2026", TR_B, "pozitif kabul edilmedi", "", "", "", "", "", ""], "TR10-11",
          notpos("'pozitif kabul edilmedi' = was not accepted as positive: no score"),
          "'kabul edilmedi' = was not accepted (negation is the suffix -me- on the verb after 'pozitif'). " + C_NOTPOS),
        R(["TR10-12", "11.03.2026", TR_R, "değerlendirilemedi", "", "yapılmadı", "", "", "", ""], "TR10-12",
          indeterminate(),
          "'değerlendirilemedi' = could not be evaluated (inability suffix -eme-); ISH 'yapılmadı' = not done. " + C_IND),
    ]))

# ------------------------------------------------------------------ 11 Greek (CP1253)
GR_B = "Βιοψία με βελόνα, μαστός"
GR_R = "Εκτομή, μαστός"
FILES.append(dict(
    name="11_el_deigmata_cp1253.csv", kind="csv", delim=";", encoding="cp1253", eol="\r\n", lang="Greek",
    format="CSV, semicolon, Windows-1253 (Greek with tonos), CRLF, Greek dates (DD/MM/YYYY), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Greek lab export in Windows-1253: 'Αρ. Δείγματος' (sample no., native id), 'HER2 (ανοσοϊστοχημεία)', 'Ποσοστό "
           "χρωματισμένων κυττάρων HER2 (%)', 'HER2 ISH', 'Πηλίκο HER2/CEP17' (quotient), 'Αντίγραφα HER2/πυρήνα'. Greek: 'Απουσία "
           "ενίσχυσης' (absence of amplification) vs 'Παρουσία ενίσχυσης' (presence); 'Ενίσχυση δεν παρατηρείται' (negation after the "
           "noun); 'καμία χρώση' (no staining); 'όγκος 2+ (μάρτυρας 3+)'; '3+ σε προηγούμενο δείγμα'; 'πιθανώς 3+'; 'όχι θετικό'; "
           "'Μη εκτιμήσιμο'; GR10-05 has no ratio: HER2 and CEP17 means only (derived ratio, §2)."),
    header=["Αρ. Δείγματος", "Ημ/νία απάντησης", "Υλικό", "HER2 (ανοσοϊστοχημεία)", "Ποσοστό χρωματισμένων κυττάρων HER2 (%)",
            "HER2 ISH", "Πηλίκο HER2/CEP17", "Αντίγραφα HER2/πυρήνα", "Αντίγραφα CEP17/πυρήνα", "Μετρηθέντες πυρήνες"],
    rows=[
        R(["GR10-01", "02/03/2026", GR_B, "3+", "90", "", "", "", "", ""], "GR10-01",
          plain("HER2-positive", "positive", "3+", extra=["HER2-equivocal", "HER2-low"]),
          "plain '3+' (§7); §1 90 % consistent; §3 no ISH x 3+ = positive; §4 HER2-positive"),
        R(["GR10-02", "02/03/2026", GR_B, "2+", "40", "Απουσία ενίσχυσης", "", "", "", ""], "GR10-02",
          low_not_amp("ενίσχυσης"),
          "'Απουσία ενίσχυσης' = absence of amplification (negating noun BEFORE). " + C_NOTAMP),
        R(["GR10-03", "03/03/2026", GR_R, "2+", "30", "Ενίσχυση δεν παρατηρείται", "", "", "", ""], "GR10-03",
          low_not_amp("Ενίσχυση"),
          "'Ενίσχυση δεν παρατηρείται' = amplification is not observed (negation AFTER the noun). " + C_NOTAMP),
        R(["GR10-04", "03/03/2026", GR_B, "οριακό (2+)", "60", "Παρουσία ενίσχυσης", "", "", "", ""], "GR10-04",
          pos_amp("ενίσχυσης"),
          "'οριακό (2+)' = borderline (2+): the explicit score decides (§7); 'Παρουσία ενίσχυσης' = presence of amplification (GR10-02 with 'Παρουσία' for 'Απουσία'). " + C_AMP),
        R(["GR10-05", "04/03/2026", GR_B, "2+", "50", "", "", "4,4", "2,0", "20"], "GR10-05",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT_NUM,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review (4,4 read as a single-probe count although CEP17 is given)"]),
          "no ratio written: §2 'When only HER2 and CEP17 means are given, the ratio is HER2/CEP17 (mark it derived)' = 4.4/2.0 = 2.2 >=2.0 and 4.4 >=4.0, 20 nuclei = group 1 (contract: single probe only with neither ratio nor CEP17); §3 group 1 x 2+ = positive; §4 HER2-positive"),
        R(["GR10-06", "04/03/2026", GR_B, "Αρνητικό – καμία χρώση", "0", "", "", "", "", ""], "GR10-06",
          null0("χρώση"),
          "'Αρνητικό – καμία χρώση' = negative – no staining; 0 % agrees. " + C_NULL),
        R(["GR10-07", "05/03/2026", GR_R, "0 – ασθενής ατελής μεμβρανική χρώση στο 5% των καρκινικών κυττάρων", "", "", "", "", "", ""], "GR10-07",
          ultra0("'ασθενής' = faint read as 1+"),
          "'ασθενής ατελής μεμβρανική χρώση στο 5% των καρκινικών κυττάρων' = faint incomplete membrane staining in 5 % of the carcinoma cells, with score 0. " + C_ULTRA),
        R(["GR10-08", "05/03/2026", GR_R, "όγκος 2+ (μάρτυρας 3+)", "", "", "", "", "", ""], "GR10-08",
          control("2+", "HER2-equivocal", "equivocal", "the control's 3+, in parentheses, taken as the case",
                  ["HER2-low", "HER2-negative", "HER2-0"]),
          "'όγκος 2+' = tumour 2+, '(μάρτυρας 3+)' = (control 3+): §7 controls are not the case; §3 no ISH x 2+ = equivocal (ISH pending); §4 HER2-equivocal"),
        R(["GR10-09", "06/03/2026", GR_R, "3+ σε προηγούμενο δείγμα", "", "", "", "", "", ""], "GR10-09",
          prior("'3+ σε προηγούμενο δείγμα' = 3+ in a previous sample"),
          "'σε προηγούμενο δείγμα' = in a previous sample. " + C_PRIOR),
        R(["GR10-10", "09/03/2026", GR_B, "πιθανώς 3+", "", "", "", "", "", ""], "GR10-10",
          hedge("'πιθανώς 3+' = probably 3+: a hedged score"),
          "'πιθανώς' = probably. " + C_HEDGE),
        R(["GR10-11", "10/03/2026", GR_B, "όχι θετικό", "", "", "", "", "", ""], "GR10-11",
          notpos("'όχι θετικό' = not positive: no score"),
          "'όχι' = not. " + C_NOTPOS),
        R(["GR10-12", "11/03/2026", GR_R, "Μη εκτιμήσιμο", "", "Δεν πραγματοποιήθηκε", "", "", "", ""], "GR10-12",
          indeterminate(),
          "'Μη εκτιμήσιμο' = not assessable; ISH 'Δεν πραγματοποιήθηκε' = not carried out. " + C_IND),
    ]))


# ------------------------------------------------------------------ writers
def write_csv(f):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=f["delim"], lineterminator=f["eol"], quoting=csv.QUOTE_MINIMAL)
    w.writerow(f["header"])
    for r in f["rows"]:
        assert len(r["values"]) == len(f["header"]), (f["name"], r["key"])
        assert "\n" not in "".join(r["values"])
        w.writerow(r["values"])
    with open(os.path.join(HERE, f["name"]), "w", encoding=f["encoding"], newline="") as fh:
        fh.write(buf.getvalue())  # raises if a character is not in the file's encoding
    for i, r in enumerate(f["rows"]):
        r["exp"]["source_row"] = i + 2


def write_xlsx(f):
    wb = Workbook()
    ws = wb.active
    ws.title = f["sheet"]
    if f["title"]:
        ws["A1"] = f["title"]
        ws["A1"].font = Font(bold=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(f["header"]))
    hr = f["header_row"]
    for c, h in enumerate(f["header"], 1):
        ws.cell(row=hr, column=c, value=h).font = Font(bold=True)
    f["rows"] = []
    for i, (vals, key, exp, comment) in enumerate(f["xrows"]):
        assert len(vals) == len(f["header"]), (f["name"], key)
        row = hr + 1 + i
        for c, v in enumerate(vals, 1):
            if v is None:
                continue
            cell = ws.cell(row=row, column=c, value=v)
            if isinstance(v, dt.date):
                cell.number_format = f["date_format"]
        exp = dict(exp)
        exp["source_row"] = row
        f["rows"].append(dict(key=key, values=vals, exp=exp, comment=comment))
    for col in "ABCDEFGHIJKL"[:len(f["header"])]:
        ws.column_dimensions[col].width = 24
    wb.save(os.path.join(HERE, f["name"]))


def yv(v):
    if v in ("true", "false", "optional"):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, ensure_ascii=False)


ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "reject_or_skip", "source_row", "why", "acceptable", "must_not"]

HEAD = """# Expected outcomes for corpus10: HER2 results in Norwegian (bokmål), Swedish, Danish, Finnish, Polish, Czech, Slovak,
# Hungarian, Romanian, Turkish and Greek, as LIS exports and report text in those countries write them.
# Derived only from /work/shared/her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests; corpus 8 (tests/cases/exports8) was read for its file format only and
# its traps and phrasings are not repeated. Generated by make_exports.py together with the files, so case ids and
# source_row numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria; breast when no site is given).
#
# Per-row keys (rows keyed by case id):
#   category   expected her2_category | "must_not_guess" when the rules do not settle it
#   status     expected her2_status | "must_not_guess"
#   review     true / false / optional (rules neither require nor forbid a flag)
#   why        the reason for review
#   reject_or_skip  the row is not a case: rejected, or skipped with a warning (not used in this corpus)
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
#
# file_outcome:
#   read                  the file is read (exit 0); every data row is in cases.csv or rejects.csv
#   read_or_fail_naming   read it, OR fail the file (exit 1) naming the header(s) it could not map (here: the native
#                         case-id header). Silent partial reading (every row not_tested, a % column used as the score,
#                         every row rejected for "no case_id" with exit 0) is wrong.
#
# Native words (§7 program rule "every word understood, or unreadable"): the rules give no vocabulary for these
# languages. A tool that does not know a word must send the value to review with no call (acceptable: "review
# true, no call"); a tool that does read it must make the call given. A native word that changes the meaning of
# a readable Latin token (a negation before/after/inside "amplif...", "not" before "positive", "control" or "previous
# biopsy" beside a score, "probably"/"suspected" before a score or "amplified", "cannot be excluded") must never yield
# the call the Latin token alone suggests.
# Plain digits/symbols ("3+", "0", "1+", the numbers 0 and 3 in an XLSX cell) in a column whose header contains "HER2"
# are read (no alternative).
# Every row carries a comment citing the section that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects  # contract (no row of this corpus is meant to be rejected or folded)"
  site_default: "no file has a site column; the specimen columns ('Materiale', 'Preparattyp', 'Näytetyyppi', 'Materiał', 'Materiál', 'Anyag', 'Tip probă', 'Materyal', 'Υλικό') all name breast specimens; every row is a breast case (contract 'tumor_site: breast when absent')"
  decimal_commas: "every number with a comma is a decimal comma (§7); there are no thousands separators in this corpus"
  native_id_headers: "the case-id headers are native ('Prøvenr.', 'Remissnr', 'Prøvenummer', 'Näytenro', 'Numer preparatu', 'Číslo bioptického vyšetření', 'Bioptické číslo', 'Minta azonosító', 'Nr. probă', 'Numune No', 'Αρ. Δείγματος'): a tool may fail a file naming them (file_outcome read_or_fail_naming)"
  encodings: "CP1252 (01), ISO-8859-1 (03), UTF-8 with BOM (04, 08 TSV), ISO-8859-2 (05), CP1250 (06, 09 with cedilla ş ţ), CP1254 (10), CP1253 (11); 02 and 07 are XLSX. A mis-decoded native word is an unknown word: review, never a call"

files:
"""


def main():
    out = [HEAD]
    nrows = 0
    cats = Counter()
    per_file = []
    for f in FILES:
        (write_xlsx if f["kind"] == "xlsx" else write_csv)(f)
        out.append("\n# " + "-" * 93 + "\n")
        out.append(f"- file: {f['name']}\n  format: {yv(f['format'])}\n  file_outcome: {f['file_outcome']}\n  notes: {yv(f['notes'])}\n  rows:\n")
        keys = set()
        for r in f["rows"]:
            assert r["key"] not in keys, r["key"]
            assert r["key"] == r["values"][0], r["key"]
            keys.add(r["key"])
            e = r["exp"]
            assert set(e) <= set(ORDER), set(e) - set(ORDER)
            assert "§" in r["comment"], r["key"]
            parts = [f"{k}: {yv(e[k])}" for k in ORDER if k in e]
            out.append(f"    {yv(r['key'])}: {{{', '.join(parts)}}}\n      # {r['comment']}\n")
            nrows += 1
            c = e.get("category")
            cats["unknown (" + e["status"] + ")" if c == "unknown" else c] += 1
        per_file.append((f["name"], f["lang"], len(f["rows"])))
    with open(os.path.join(HERE, "expected.yaml"), "w", encoding="utf-8") as fh:
        fh.write("".join(out))
    write_readme(per_file, nrows, cats)
    print(f"{len(FILES)} files, {nrows} expected rows")
    for k, v in sorted(cats.items()):
        print(f"  {k}: {v}")


README_TRAPS = {
    "01_no_provesvar_cp1252.csv": "Hyphen-prefix negation **'Ikke-amplifisert'**, **'ikke-positiv'**; negation after the noun **'HER2-amplifikasjon ble ikke påvist'** vs 'HER2-genet er amplifisert'; **'HER2-amplifikasjon kan ikke utelukkes'** (cannot be excluded: the 'ikke' does NOT negate the amplification; hedge, never HER2-low); 'membranfarging mangler' (null); **'Kontrollvev 3+; svulst 2+'** (quoted cell holding the delimiter; equivocal, not positive); **'1+ (nålebiopsi 2025: 3+)'** (current score first, earlier biopsy in parentheses); '2+ (tvilsom)'; 'ikke mulig å vurdere'; 'ikke utført'.",
    "02_sv_remissvar.xlsx": "IHC typed as the **number 3**; 'icke amplifierad' (formal 'not' before) and **'HER2-amplifikation föreligger inte'** (negation at the end) vs 'HER2-genen är amplifierad'; 'negativ (0), färgning saknas' (null); **'Tumörceller 1+; positiv kontroll (3+) adekvat'** (control after the tumour); **'3+ i mellannålsbiopsin'** on a resection row (the other specimen is named only by the specimen type); **'troligen amplifierad'** (hedged ISH); 'HER2 inte positiv'; 'går ej att bedöma'; ISH group 1 in number cells.",
    "03_da_patologisvar_latin1.csv": "**'Der er ikke påvist HER2-amplifikation'** (negation two words before the noun) and **'Amplifikation ses ikke'** (after) vs 'Positiv (amplificeret)'; **DK10-07: a guideline-worded description with NO score** ('knapt synlig, ufuldstændig membranfarvning i 6 %' = 0 ultralow, §7); 'farvning fraværende' (absent = null); **'Tumorceller 0 (negativ), kontrol 3+'**; **'Jf. tidligere nålebiopsi: 3+'**; 'formentlig 3+'; **'Ingen HER2-overekspression'** (no overexpression: 'overekspression' must not read as positive); group 5 with decimal commas.",
    "04_fi_patologia_utf8bom.csv": "Suffix negation **'monistumaton'** vs 'monistunut' (same stem); **'amplifikaatio puuttuu'** (is missing); 'negatiivinen, 0 – ei kalvovärjäytymistä' (null); **'5 %:ssa'** (percentage with a case ending); 'positiivinen kontrolli 3+, kasvainsolut 1+'; 'Ks. edellinen näyte: 3+'; **'mahdollisesti monistunut'** (possibly amplified); 'ei positiivinen'; 'ei arvioitavissa'; 'ei suoritettu'.",
    "05_pl_preparaty_iso8859-2.csv": "**ISO-8859-2**, not CP1250 (ą ś ź at other bytes); fused prefix **'niezamplifikowany'**; **'amplifikacja genu HER2 nieobecna'** vs **'obecna amplifikacja genu HER2'** ('nieobecna' contains 'obecna'); 'wątpliwy (2+)'; 'brak reakcji błonowej' (null); 'kontrola dodatnia 3+; komórki raka 1+'; '3+ wg wcześniejszej biopsji'; **'podejrzenie amplifikacji'** (suspected); 'wynik nie jest dodatni'; group 1 with only **18 cells** (review); dates '02.03.2026 r.'.",
    "06_cs_bioptie_cp1250.csv": "'nebyla zjištěna amplifikace HER2' vs 'zjištěna amplifikace HER2'; one-word **'neamplifikovaný'**; **% header 'Podíl HER2 pozitivních buněk (%)'** (contains 'positive'; not a result column); 'negativní – 0 (žádné barvení)'; **'nádorové buňky 2+, externí kontrola 3+'** (equivocal); 'v předchozí biopsii 3+'; 'pravděpodobně 3+'; 'není pozitivní'; 'nelze hodnotit'; **group 3 at ratio 1,95** / 6,3 copies (positive with recount review; never group 1 by reading '1,95' as 195 or rounding).",
    "07_sk_biopticke_vysledky.xlsx": "Merged title row above the header; IHC and % typed as **numbers 0 / 0** (null); **'amplifikácia nebola zistená'** (after) and **'nezistená amplifikácia'** (prefix, before) vs 'amplifikácia génu HER2 prítomná'; 'hraničný (2+)'; **'predchádzajúca biopsia: 3+; aktuálne 2+'** with group 5 numbers (HER2-low); 'nádor 1+ (pozitívna kontrola 3+ v poriadku)'; 'podozrenie na amplifikáciu'; 'nie je pozitívny'; **'pozitívny' alone** (= 3+ by §3).",
    "08_hu_mintak_utf8bom.tsv": "TSV; suffix negation **'amplifikációmentes'**; **'HER2-génamplifikáció nem mutatható ki'** vs 'HER2-génamplifikáció igazolódott'; 'festődés nélkül' (postposition); **'5%-ában'**; 'pozitív kontroll: 3+ / tumor: 0'; 'Előző vizsgálat szerint 3+'; 'feltehetően 3+'; **'HER2-pozitivitás nem igazolható'** (contains 'pozitivitás'); **'értékelhetetlen'** (suffix negation); **ratio exactly 2,0** with 3,9 copies = group 2.",
    "09_ro_probe_cp1250_sedila.csv": "**Cedilla ş ţ** (CP1250) instead of comma-below ș ț; 'nu s-a evidenţiat amplificarea' (before) and **'amplificare absentă'** vs **'amplificare prezentă'**; 'absenţa colorării membranare' (null); **'control pozitiv 3+, tumora 2+'** (equivocal); '3+ pe biopsia precedentă'; 'probabil amplificat'; one-word **'nepozitiv'**; 'neinterpretabil', 'neefectuat'; group 4 (1,6 / 4,8).",
    "10_tr_numuneler_cp1254.csv": "Header with dotted **'İHK'**; **'amplifikasyon izlenmedi'** vs 'amplifikasyon izlendi' (suffix -me-); 'HER2 gen amplifikasyonu yoktur'; **'boyanma izlenmedi'** (null, same verb); **\"%5'inde\"** (percent sign first, case suffix); 'Dış kontrol 3+; tümör 1+' (quoted); **'dış merkez biyopsisinde 3+'** (outside centre's biopsy); 'muhtemelen 3+'; **'pozitif kabul edilmedi'**; 'değerlendirilemedi' (could not be evaluated); plain group 1 row and plain '3+'.",
    "11_el_deigmata_cp1253.csv": "**Windows-1253**; **'Απουσία ενίσχυσης'** vs **'Παρουσία ενίσχυσης'**; 'Ενίσχυση δεν παρατηρείται' (after); 'οριακό (2+)'; 'Αρνητικό – καμία χρώση' (null); **'όγκος 2+ (μάρτυρας 3+)'**; '3+ σε προηγούμενο δείγμα'; 'πιθανώς 3+'; 'όχι θετικό'; 'Μη εκτιμήσιμο'; **no ratio, HER2 4,4 and CEP17 2,0 only** (derived ratio 2.2 = group 1; not single-probe).",
}

README_SILENT = """## Where her2-rules.md / the contract are silent (and what the expectations assume)

1. **Native case-id headers.** The contract requires `case_id` and matches "common synonyms" (its examples are English).
   Whether 'Prøvenr.', 'Remissnr', 'Näytenro', 'Numer preparatu', 'Bioptické číslo', 'Minta azonosító', 'Nr. probă',
   'Numune No' or 'Αρ. Δείγματος' must be recognised is not said; every file is `read_or_fail_naming`. Rejecting every
   row for "no case_id" with exit 0 is not listed as acceptable (the contract's rejects are for rows that "cannot be a
   case at all", not for a header the tool failed to map).
2. **Native vocabulary.** §7 lists English words only and makes every other word unreadable (review, no call). The
   expectations accept "review true, no call" for every row with a native word and give the call a tool must make if it
   does read the word. Native 'equivocal' / 'borderline' / 'doubtful' words WITH an explicit score ('2+ (tvilsom)',
   '2+ (grænsetilfælde)', '2+ (epäselvä)', 'wątpliwy (2+)', 'nejednoznačný (2+)', 'hraničný (2+)', '2+ (határeset)',
   '2+ (la limită)', '2+ (sınırda)', 'οριακό (2+)') are read like §7's '2+ equivocal': the score decides.
3. **Hedges have no rule.** §7 has no entry for 'probably', 'presumably', 'possibly', 'suspected' ('troligen',
   'formentlig', 'mahdollisesti', 'podejrzenie', 'pravděpodobně', 'podozrenie', 'feltehetően', 'probabil', 'muhtemelen',
   'πιθανώς'). They are neither a score, a category word, a negation nor filler, so under "every word understood, or
   unreadable" the value is unreadable: review, no call. A tool that "understands" them still has no rule that turns a
   hedged result into a call. For a hedged ISH beside IHC 2+ (SE10-10, FI10-10, PL10-10, SK10-09, RO10-10) HER2-equivocal
   with review is not listed as wrong (§3 'no ISH' x 2+); a positive without review, or any negative level, is.
4. **'Cannot be excluded'** (NO10-09 'HER2-amplifikasjon kan ikke utelukkes'): a negation word next to 'amplification'
   that negates 'excluded'. §7 "A negation the reader cannot scope is unreadable" covers it only if the tool notices; the
   expectations list HER2-low as the trap.
5. **'Not positive' in other words.** §7 only says "'not positive' is not positive". Besides the plain forms ('ikke-positiv',
   'inte positiv', 'ei positiivinen', 'nie jest dodatni', 'není pozitivní', 'nie je pozitívny', 'nepozitiv', 'όχι θετικό')
   the corpus has 'Ingen HER2-overekspression' (no overexpression; §7 knows no 'overexpression'), 'HER2-pozitivitás nem
   igazolható' (positivity cannot be verified) and 'pozitif kabul edilmedi' (not accepted as positive). All are
   must_not_guess; HER2-negative WITH review is not listed as wrong (§3 sends a scoreless "negative" to review anyway).
6. **A description with no score** (DK10-07): §7 reads "descriptions in the guideline's words" as the score they define,
   but gives them in English; §1 forbids deriving a score from percentages. The expectations treat a native rendering of
   'barely perceptible incomplete membrane staining in 6 %' as the §7 description (0, ultralow), not as a score derived by
   the program; a tool that does not read it gives review, no call.
7. **'Positive' alone** (SK10-12 'pozitívny'): §3 program rule 'IHC written only as "positive" is read as 3+' is applied to
   the native word.
8. **A prior or other specimen named only by context.** SE10-09 '3+ i mellannålsbiopsin' sits on a row whose specimen
   type is a resection; TR10-09 names an outside centre's biopsy; NO10-08 and SK10-05 give the current score next to the
   earlier one. §7 says other specimens are not the case; it does not say how a tool knows which specimen a row is.
9. **Fewer than 20 cells** (PL10-05, 18): §2 says "fewer goes to review" but not whether the group is still reported.
   The expectations keep the group-1 call with review and accept review with no call.
10. **Ratio exactly 2.0** (HU10-05) is >=2.0 (group 2 with 3,9 copies); **1,95** (CZ10-05) is <2.0 (group 3 with 6,3
    copies). §2 "compare unrounded" settles both; the traps are rounding and the decimal comma.
11. **Derived ratio** (GR10-05): §2 says "mark it derived"; the contract has no column for the mark, so it is not checked.
    The contract's single-probe rule applies only when there is neither a ratio nor CEP17; here CEP17 is given.
12. **Encodings and look-alike letters.** The contract names no encodings. ISO-8859-2 (Polish) differs from CP1250 at ą ś ź
    and their capitals; Romanian exported from CP1250 uses cedilla ş ţ (U+015F/U+0163), which NFC/NFKC do not map to
    comma-below ș ț (U+0219/U+021B); CP1253 Greek; UTF-8 BOM in a TSV. §7 "normalise Unicode" does not say whether
    ş = ș. The expectations require only that a mis-decoded or unmatched word is treated as unknown (review), never dropped.
13. **Percentages written the local way** ('5 %:ssa', '5%-ában', "%5'inde"): §7 normalises decimal commas but says nothing
    about case endings or a leading % sign. They occur only inside text values here (never in a % column), so a tool that
    cannot read them gives review, no call.
14. **A % header that says 'positive'** (CZ 'Podíl HER2 pozitivních buněk (%)') or 'stained' in a header beginning with
    'HER2' (NO, SE, PL, SK, HU, RO, TR, GR): the contract does not say how a tool tells the score column from the % column
    when both contain 'HER2'; taking the % column as the score, or as a result column, is wrong.
15. **Indeterminate IHC with ISH 'not performed'** (NO10-11, SE10-12, DK10-12, PL10-12, CZ10-12, SK10-11, HU10-12, RO10-12,
    TR10-12, GR10-12): §3 "with only an indeterminate test it is indeterminate"; the not-performed ISH is §7 "no result",
    so the status is indeterminate, not not_tested and never negative.
"""


def _span(per_file):
    lo, hi = min(n for _, _, n in per_file), max(n for _, _, n in per_file)
    return str(lo) if lo == hi else f"{lo}-{hi}"


def write_readme(per_file, nrows, cats):
    lines = ["# Corpus 10: HER2 results in eleven European and Turkish export conventions", "",
             f"Eleven small lab exports ({_span(per_file)} data rows each, "
             f"{nrows} expected rows in total), one per language: Norwegian (bokmål), Swedish, Danish, Finnish, Polish, "
             "Czech, Slovak, Hungarian, Romanian, Turkish and Greek. They are written the way LIS exports and report text "
             "in those countries write HER2 results: native case-id and result headers, native words for positive / "
             "negative / equivocal / borderline / amplified / not amplified / not performed / not assessable / no "
             "staining, negations before and after the word and as prefixes, suffixes and postpositions, hedges, controls "
             "and earlier specimens beside a score, decimal commas, local date and percentage formats, semicolons and a "
             "TSV, and the encodings these exports use (CP1252, ISO-8859-1, UTF-8 with BOM, ISO-8859-2, CP1250 with legacy "
             "cedilla letters, CP1254, CP1253, XLSX).",
             "",
             "Every row's expected outcome is in `expected.yaml`, derived only from `/work/shared/her2-rules.md` (cited as "
             "§n) and `/work/shared/contract.md`. No her2batch code, tests or bench files were read. Corpus 8 "
             "(`tests/cases/exports8/`) was read for its file format only; its traps and phrasings are not repeated "
             "(it had, for instance, 'ingen amplifiering', 'ei amplifikaatiota', 'nie stwierdzono amplifikacji', "
             "'amplifikace neprokázána', 'nem amplifikált', 'neamplificat', 'amplifikasyon saptanmadı', 'Χωρίς ενίσχυση').",
             "",
             "All ids are invented (prefixes NO10-, SE10-, DK10-, FI10-, PL10-, CZ10-, SK10-, HU10-, RO10-, TR10-, GR10-). "
             "There are no patient identifiers. Regenerate with `/work/main/.venv/bin/python make_exports.py` (needs "
             "openpyxl). The script writes the data files, `expected.yaml` and this README together, so ids and "
             "`source_row` always match. The XLSX files get new internal timestamps on each run; their cell contents do "
             "not change.",
             "",
             "## How to read the expectations",
             "",
             "- §7 program rule: a value is read only when every word is understood. For a language the tool may not "
             "know, the correct outcome is EITHER the call given OR `review true, no call` (listed under `acceptable`).",
             "- `must_not` lists the wrong calls, above all the call a readable Latin token suggests when a native word "
             "changes its meaning ('Ikke-amplifisert', 'monistumaton', 'nieobecna', 'amplifikációmentes', "
             "'amplifikasyon izlenmedi', 'Kontrollvev 3+; svulst 2+', '3+ i mellannålsbiopsin', 'kan ikke utelukkes', "
             "'Ingen HER2-overekspression'). 'X without review' is wrong only unflagged.",
             "- Each file has at least one plain row (digits only: '3+', '1+', '0', or the numbers 0 and 3 in an XLSX cell) in a "
             "column whose header contains 'HER2'; it must be read (no alternative), so a file cannot pass by being "
             "rejected or reported as unknown row by row.",
             "- Every file is `read_or_fail_naming`: its case-id header is native only. Failing a file with a message naming "
             "its headers is not a wrong call; a silent reading (every row not_tested, or every row rejected with exit 0) is.",
             "",
             "## Files and traps", "",
             "| file | language | rows | traps |", "|---|---|---|---|"]
    for name, lang, n in per_file:
        lines.append(f"| `{name}` | {lang} | {n} | {README_TRAPS[name]} |")
    lines += ["", "By expected outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())) + ".", "",
              "Trap families, one or more per file: a native negation of 'amplified' before the word, after it, as a "
              "prefix, as a suffix or as a postposition (22 rows of IHC 2+ that a substring reader would call positive), "
              "beside 11 rows where nearly the same words do mean amplified ('izlendi'/'izlenmedi', 'obecna'/'nieobecna', "
              "'Παρουσία'/'Απουσία', 'prezentă'/'absentă', 'monistunut'/'monistumaton'); a hedge on a score or on "
              "'amplified', including 'cannot be excluded' (11); 'not positive' in 11 forms, three of them without the word "
              "'not' before 'positive'; a control's 3+ beside a tumour 0, 1+ or 2+, before or after it (11, four of them "
              "with tumour 2+ = equivocal, not positive); an earlier or outside specimen's 3+ (11, two with the current "
              "score given); native 'no staining' (11, null) and 'faint incomplete staining in n %' (11, ultralow, one with "
              "no score); indeterminate IHC beside a not-performed ISH (10); ISH groups 1-5 with decimal commas, 18 "
              "cells, a ratio of exactly 2,0, 1,95 with 6,3 copies and a derived ratio.", "",
              README_SILENT]
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()

# ruff: noqa: RUF001  (Turkish dotless i, Greek letters and en dashes are the point of this corpus)
"""Generate corpus8 (HER2 results in Nordic, Central/Eastern European, Turkish and Greek conventions),
its expected.yaml and its README.md.

Run: /work/main/.venv/bin/python make_exports.py   (needs openpyxl)
The data files, expected.yaml and README.md are written from the same tables, so case ids and
source_row always match. Expected outcomes derive only from /work/shared/her2-rules.md ("§n") and
/work/shared/contract.md ("contract"). No her2batch code, tests or bench files were read.
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


def R(values, key, exp, comment):
    return dict(values=values, key=key, exp=exp, comment=comment)


def prior_must_not():
    return ["HER2-positive (the previous specimen's 3+ taken as this case's result)", *NEG]


def hedge_must_not():
    return ["HER2-positive without review", *NEG]


def notpos_must_not():
    return ["HER2-positive", "HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-negative without review"]


NOT_TESTED_MUST_NOT = ["HER2-negative", "HER2-0", "HER2-null", "HER2-low", "HER2-positive"]
INDET_MUST_NOT = ["HER2-negative", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive"]


def low_not_amp(word):
    """IHC 2+ with a native 'not amplified' ISH text."""
    return dict(category="HER2-low", status="negative", ihc_score="2+", review="optional",
                acceptable=ALT_EQ,
                must_not=[f"HER2-positive ('{word}' read without its negation)", "HER2-equivocal without review",
                          "HER2-negative", "HER2-0"])


def pos_amp(word):
    """IHC 2+ with a native 'amplified' ISH text."""
    return dict(category="HER2-positive", status="positive", ihc_score="2+", review="optional",
                acceptable=ALT_EQ,
                must_not=[f"HER2-low ('{word}' taken for a negation)", "HER2-negative", "HER2-equivocal without review"])


def notpos(why):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=notpos_must_not())


def prior(why):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=prior_must_not())


def hedge(why):
    return dict(category="must_not_guess", status="must_not_guess", review="true", why=why,
                must_not=hedge_must_not())


def not_tested():
    return dict(category="unknown", status="not_tested", review="optional", acceptable=ALT_IND,
                must_not=NOT_TESTED_MUST_NOT)


def indeterminate():
    return dict(category="unknown", status="indeterminate", review="optional", acceptable=ALT_IND,
                must_not=INDET_MUST_NOT)


C_NOTAMP = "§7 negation has scope ('not amplified', 'no evidence of amplification', 'amplification not detected' = not amplified); §3 'text not amplified only' x IHC 2+ = negative; §4 HER2-low (2+ with 'not amplified')"
C_AMP = "§7 ISH text 'Amplified'; §3 'text amplified only' x IHC 2+ = positive; §4 HER2-positive"
C_NOTPOS = "§7 'Negation has scope': 'not positive' is not positive, and nothing more (0, 1+ or 2+ all fit); §3 'IHC written only as negative (no score)' would itself be review"
C_PRIOR = "§7 'Controls and other specimens are not the case': the 3+ belongs to a previous specimen; this specimen's own result is not stated: review, never positive"
C_HEDGE = "§7 hedges/ambiguity ('probable' score = ambiguous: review) and 'every word understood, or unreadable'"
C_NT = "§7 'not performed' = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"
C_IND = "§7 'Indeterminate / cannot be determined / uninterpretable' = indeterminate; §3 never read as negative, only an indeterminate test = indeterminate; §4 unknown"

FILES = []

# ------------------------------------------------------------------ 01 Swedish
FILES.append(dict(
    name="01_sv_patologi_kvot_cp1252.csv", kind="csv", delim=";", encoding="cp1252", eol="\r\n", lang="Swedish",
    format="CSV, semicolon, Windows-1252 (å ä ö), CRLF, ISO dates (YYYY-MM-DD), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Swedish LIS export. Case id header 'PAD-nr' (Swedish pathology accession) is native only. Two headers begin with "
           "'HER2 IHC': 'HER2 IHC-poäng' (the score) and 'HER2 IHC andel färgade celler (%)' (% of cells stained): a tool that maps "
           "by prefix can take the % column for the score ('3' -> 3+). ISH text in Swedish: 'ingen amplifiering' (negation "
           "before), 'amplifiering påvisas ej' (negation after), 'amplifierad'. IHC cells: 'svagt positiv (1+)', 'tidigare biopsi 3+', "
           "'sannolikt 3+', 'ingen färgning', 'ej bedömbar'."),
    header=["PAD-nr", "Svarsdatum", "HER2 IHC-poäng", "HER2 IHC andel färgade celler (%)", "HER2 ISH-resultat",
            "HER2/CEP17-kvot", "HER2 medel per cellkärna", "CEP17 medel per cellkärna", "Antal räknade cellkärnor", "ER (%)", "PR (%)"],
    rows=[
        R(["SE8-101", "2026-03-02", "2+", "60", "ingen amplifiering", "", "", "", "", "90", "70"], "SE8-101",
          low_not_amp("amplifiering"),
          "'ingen amplifiering' = no amplification. " + C_NOTAMP + "; 60 % with 2+ raises no §1 check"),
        R(["SE8-102", "2026-03-02", "0", "3", "", "", "", "", "", "95", "80"], "SE8-102",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="optional",
               acceptable="HER2-0 (the native '% stained' header not mapped; then a run.json warning names it)",
               must_not=["HER2-positive (the % value '3' read as IHC 3: both headers begin 'HER2 IHC')", "HER2-null", "HER2-low", "HER2-equivocal"]),
          "§7 '0' = 0; §1 program rule: IHC 0 with >0-10 % stained (3 %) = ultralow; §4 HER2-ultralow. The % column is not the score (contract her2_ihc vs her2_ihc_percent)"),
        R(["SE8-103", "2026-03-03", "svagt positiv (1+)", "30", "", "", "", "", "", "80", "10"], "SE8-103",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-positive ('positiv' read, 'svagt' and '(1+)' ignored)", "HER2-equivocal", "HER2-0", "HER2-null", "HER2-negative"]),
          "'svagt positiv' = weakly positive: §7 'weakly positive' alone names no score, but the explicit '(1+)' does (like '1+ (low)'); §1 1+ in 30 % consistent; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["SE8-104", "2026-03-04", "2+", "70", "amplifierad", "2,4", "5,1", "2,1", "20", "0", "0"], "SE8-104",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional",
               acceptable=ALT_NUM,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
          "§7 decimal commas; §2 ratio 2.4 >=2.0 and 5.1 >=4.0 (5.1/2.1 = 2.43 agrees), 20 cells = group 1; §3 group 1 x 2+ = positive; 'amplifierad' agrees"),
        R(["SE8-105", "2026-03-05", "2+", "40", "", "1,8", "5,95", "3,3", "40", "85", "60"], "SE8-105",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="4", review="true",
               why="group 4 with IHC 2+: confirm the blinded recount", acceptable=ALT_NUM,
               must_not=["HER2-positive (5,95 rounded to 6,0 = group 3)", "ish_group 3", "HER2-equivocal without review"]),
          "§2 compare unrounded: 5.95 <6.0; ratio 1.8 (5.95/3.3 = 1.80) <2.0 and 4.0 <= 5.95 < 6.0 = group 4; §3 program rule group 4 x 2+ = negative with recount review; §4 HER2-low"),
        R(["SE8-106", "2026-03-06", "tidigare biopsi 3+", "", "", "", "", "", "", "70", "40"], "SE8-106",
          prior("'tidigare biopsi 3+' = previous biopsy 3+: not this specimen's result"),
          "'tidigare biopsi' = previous biopsy. " + C_PRIOR),
        R(["SE8-107", "2026-03-09", "sannolikt 3+", "80", "", "", "", "", "", "0", "0"], "SE8-107",
          hedge("'sannolikt 3+' = probably 3+: a hedged score"),
          "'sannolikt' = probably. " + C_HEDGE),
        R(["SE8-108", "2026-03-10", "ingen färgning", "0", "", "", "", "", "", "90", "90"], "SE8-108",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional", acceptable=ALT,
               must_not=["HER2-ultralow ('färgning' = staining read without 'ingen')", "HER2-low", "HER2-positive"]),
          "'ingen färgning' = no staining: §7 'no staining' = 0, null (0 % stained agrees, §1 program rule); §4 HER2-null"),
        R(["SE8-109", "2026-03-11", "ej bedömbar", "", "", "", "", "", "", "60", "5"], "SE8-109",
          indeterminate(),
          "'ej bedömbar' = not assessable. " + C_IND),
        R(["SE8-110", "2026-03-12", "2+", "50", "amplifiering påvisas ej", "", "", "", "", "95", "85"], "SE8-110",
          low_not_amp("amplifiering påvisas"),
          "'amplifiering påvisas ej' = amplification detected: not (negation AFTER the noun and verb). " + C_NOTAMP),
    ]))

# ------------------------------------------------------------------ 02 Danish free text
FILES.append(dict(
    name="02_da_patobank_fritekst_bom.csv", kind="csv", delim=";", encoding="utf-8-sig", eol="\r\n", lang="Danish",
    format="CSV, semicolon, UTF-8 with BOM, CRLF, Danish dates (DD-MM-YYYY); the HER2 result is a Danish sentence in 'HER2-resultat'",
    file_outcome="read_or_fail_naming",
    notes=("Danish report-text export: case id 'Rekvisitionsnr.' (native only), 'Materiale' (specimen, Danish), and one HER2 "
           "column 'HER2-resultat' holding the conclusion sentence (IHC and FISH together). §7: a tool that does not understand every "
           "word must send the row to review with no call; a tool that does read it must make the call given. Traps: 'Ikke positiv', "
           "'uden amplifikation', 'Tidligere biopsi ... 3+', 'Ekstern kontrol 3+', 'svagt positiv'."),
    header=["Rekvisitionsnr.", "Besvarelsesdato", "Materiale", "HER2-resultat"],
    rows=[
        R(["DK8-201", "02-03-2026", "Mammavæv, nålebiopsi", "HER2 score 1+ (negativ)."], "DK8-201",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-null", "HER2-positive"]),
          "§7 'Negative (1+)' = 1+ ('negativ' = negative); §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["DK8-202", "02-03-2026", "Mammavæv, nålebiopsi", "Ikke positiv for HER2."], "DK8-202",
          notpos("'Ikke positiv' = not positive: no score"),
          "'Ikke' = not. " + C_NOTPOS),
        R(["DK8-203", "03-03-2026", "Mammaresektat", "Tidligere biopsi (2025): HER2 3+. Aktuelle resektat: HER2 score 0, ingen membranfarvning."], "DK8-203",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the 2025 biopsy's 3+ taken as this case's)", "HER2-low", "HER2-ultralow", "HER2-equivocal"]),
          "§7 'Controls and other specimens are not the case' ('Tidligere biopsi' = previous biopsy); current resection: score 0 with 'ingen membranfarvning' (no membrane staining) = §7 0 null; §4 HER2-null"),
        R(["DK8-204", "04-03-2026", "Mammavæv, nålebiopsi", "HER2 score 2+. FISH: uden amplifikation."], "DK8-204",
          low_not_amp("amplifikation"),
          "'uden amplifikation' = without amplification. " + C_NOTAMP),
        R(["DK8-205", "04-03-2026", "Mammavæv, nålebiopsi", "HER2 score 2+. FISH: HER2-genamplifikation påvist."], "DK8-205",
          pos_amp("påvist"),
          "'HER2-genamplifikation påvist' = HER2 gene amplification demonstrated. " + C_AMP),
        R(["DK8-206", "05-03-2026", "Mammavæv, nålebiopsi", "HER2 svagt positiv."], "DK8-206",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'svagt positiv' = weakly positive, no score", must_not=CALLS),
          "§7 ''Weak', 'faint' or 'weakly positive' alone name no score: ambiguous' (1+ or 2+): review, no positive and no guessed level"),
        R(["DK8-207", "06-03-2026", "Mammavæv, nålebiopsi", "HER2 kan ikke vurderes (teknisk svigt)."], "DK8-207",
          indeterminate(),
          "'kan ikke vurderes (teknisk svigt)' = cannot be assessed (technical failure). " + C_IND),
        R(["DK8-208", "09-03-2026", "Mammavæv, nålebiopsi", "HER2 ikke udført (for lidt tumorvæv)."], "DK8-208",
          not_tested(),
          "'ikke udført (for lidt tumorvæv)' = not performed (too little tumour tissue, ~QNS). " + C_NT),
        R(["DK8-209", "10-03-2026", "Mammaresektat", "Ekstern kontrol 3+ som forventet; tumor: HER2 score 1+."], "DK8-209",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the external control's 3+ taken as the case)", "HER2-equivocal", "HER2-0", "HER2-null"]),
          "'Ekstern kontrol' = external control: §7 'external control 3+ ... not this case's result'; tumour 1+: §3 negative; §4 HER2-low"),
        R(["DK8-210", "11-03-2026", "Mammavæv, nålebiopsi", "HER2 score 0 med svag, inkomplet membranfarvning i 5 % af tumorcellerne (HER2-ultralav)."], "DK8-210",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="optional", acceptable=ALT,
               must_not=["HER2-null", "HER2-low ('ultralav'/'lav' = low read as HER2-low)", "HER2-positive"]),
          "score 0 with faint incomplete membrane staining in 5 % = §1 ultralow (>0 and <=10 %), §7 '0 with membrane staining'; 'HER2-ultralav' = HER2-ultralow; §4 HER2-ultralow"),
    ]))

# ------------------------------------------------------------------ 03 Finnish
FILES.append(dict(
    name="03_fi_patologia_sish_latin1.csv", kind="csv", delim=";", encoding="latin-1", eol="\n", lang="Finnish",
    format="CSV, semicolon, ISO-8859-1 (ä ö), LF, Finnish dates (D.M.YYYY, no leading zeros), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Finnish LIS export: 'Näytenumero' (sample number, native only), 'HER2 IHC -pistemäärä' (score), 'HER2 SISH -tulos' "
           "(SISH result), 'HER2/CEP17-suhde' (ratio), 'HER2-signaaleja/tuma' / 'CEP17-signaaleja/tuma' (signals per nucleus), "
           "'Laskettuja tumia' (nuclei counted). Finnish negates with the verb 'ei' before or after the noun: 'ei amplifikaatiota', "
           "'amplifikaatiota ei todettu', 'HER2-geeni ei ole monistunut' vs 'amplifikaatio todettu'. FI8-310: the lab's text "
           "'ei amplifikaatiota' with group 3 numbers and IHC 2+."),
    header=["Näytenumero", "Vastauspäivä", "HER2 IHC -pistemäärä", "HER2 SISH -tulos", "HER2/CEP17-suhde",
            "HER2-signaaleja/tuma", "CEP17-signaaleja/tuma", "Laskettuja tumia"],
    rows=[
        R(["FI8-301", "2.3.2026", "2+", "ei amplifikaatiota", "", "", "", ""], "FI8-301",
          low_not_amp("amplifikaatiota"),
          "'ei amplifikaatiota' = no amplification (negation before). " + C_NOTAMP),
        R(["FI8-302", "2.3.2026", "2+", "amplifikaatio todettu", "", "", "", ""], "FI8-302",
          pos_amp("todettu"),
          "'amplifikaatio todettu' = amplification found. " + C_AMP),
        R(["FI8-303", "3.3.2026", "2+", "amplifikaatiota ei todettu", "", "", "", ""], "FI8-303",
          low_not_amp("amplifikaatio ... todettu"),
          "'amplifikaatiota ei todettu' = amplification not found (negation between noun and verb; FI8-302 has the same words without 'ei'). " + C_NOTAMP),
        R(["FI8-304", "4.3.2026", "3+ aiemmassa koepalassa, nyt 1+", "", "", "", "", ""], "FI8-304",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the previous biopsy's 3+ taken as the case)", "HER2-equivocal", "HER2-0",
                         "review as heterogeneous 1+/3+ with a positive call"]),
          "'3+ aiemmassa koepalassa, nyt 1+' = 3+ in the previous biopsy, now 1+: §7 other specimens are not the case; current 1+: §3 negative; §4 HER2-low"),
        R(["FI8-305", "5.3.2026", "0", "", "", "", "", ""], "FI8-305",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="false",
               must_not=["HER2-null", "HER2-ultralow", "HER2-negative", "not_tested"]),
          "plain '0' in the HER2 IHC column: §7 '0' = 0, sub-type unknown (§1 'A plain 0 does not say which'); §4 HER2-0"),
        R(["FI8-306", "5.3.2026", "negatiivinen (1+)", "", "", "", "", ""], "FI8-306",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-null", "HER2-positive"]),
          "'negatiivinen (1+)' = Negative (1+): §7 = 1+; §3 no ISH x 1+ = negative; §4 HER2-low"),
        R(["FI8-307", "6.3.2026", "2+ (rajatapaus)", "", "1,2", "2,5", "2,1", "20"], "FI8-307",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="5", review="optional",
               acceptable=("review true, no call; or HER2-negative with review true (the IHC text not read, group 5 alone: "
                           "§3 group 5 x no IHC = negative, score unknown)"),
               must_not=["HER2-positive", "HER2-equivocal without review", "HER2-0"]),
          "'rajatapaus' = borderline case, beside an explicit 2+ (like '2+ equivocal', §7); §2 ratio 1.2 (2.5/2.1 = 1.19), 2.5 copies, 20 cells = group 5; §3 group 5 x 2+ = negative; §4 HER2-low"),
        R(["FI8-308", "9.3.2026", "ei tehty", "ei tehty", "", "", "", ""], "FI8-308",
          not_tested(),
          "'ei tehty' = not done. " + C_NT),
        R(["FI8-309", "10.3.2026", "2+", "HER2-geeni ei ole monistunut", "", "", "", ""], "FI8-309",
          low_not_amp("monistunut"),
          "'HER2-geeni ei ole monistunut' = the HER2 gene is not amplified ('monistunut' = amplified). " + C_NOTAMP),
        R(["FI8-310", "11.3.2026", "2+", "ei amplifikaatiota", "1,9", "6,2", "3,3", "20"], "FI8-310",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review="true",
               why="group 3 with IHC 2+: confirm the blinded recount (the lab's text 'no amplification' disagrees with the numbers)",
               acceptable="review true, no call (includes HER2-equivocal with review true)",
               must_not=["HER2-low (the text 'ei amplifikaatiota' taken over the §2 numbers)", "HER2-positive without review",
                         "ish_group 4", "ish_group 5"]),
          "§2 ratio 1.9 <2.0 (6.2/3.3 = 1.88 agrees) and 6.2 >=6.0, 20 cells = group 3; §3 group 3 x 2+ = positive (after blinded recount, program rule: review). §3's 'text not amplified only' row applies only when there are no numbers"),
        R(["FI8-311", "12.3.2026", "todennäköisesti 3+", "", "", "", "", ""], "FI8-311",
          hedge("'todennäköisesti 3+' = probably 3+: a hedged score"),
          "'todennäköisesti' = probably. " + C_HEDGE),
    ]))

# ------------------------------------------------------------------ 04 Polish
FILES.append(dict(
    name="04_pl_histopatologia_cp1250.csv", kind="csv", delim=";", encoding="cp1250", eol="\r\n", lang="Polish",
    format="CSV, semicolon, Windows-1250 (ą ę ó ś ł Ś; en dash 0x96 in a header), CRLF, Polish dates (DD.MM.YYYY), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Polish LIS export: 'Nr badania' (native id), 'Wynik HER2 (IHC)', 'Odsetek komórek z reakcją HER2 (%)', 'HER2 ISH – wynik' "
           "(en dash), 'Stosunek HER2/CEP17', 'Średnia liczba sygnałów HER2/jądro'. Polish negation 'nie stwierdzono amplifikacji' "
           "(before) and 'amplifikacji nie stwierdzono' (after) beside 'stwierdzono amplifikację' (found): the verb 'stwierdzono' "
           "occurs in both. 'ujemny' (negative) alone, 'niejednoznaczny' (equivocal) alone, 'słabo dodatni' (weakly positive), "
           "'w poprzednim badaniu 3+' (in the previous examination 3+). Decoded as CP1252 the Polish letters change: then unreadable."),
    header=["Nr badania", "Data wyniku", "Wynik HER2 (IHC)", "Odsetek komórek z reakcją HER2 (%)", "HER2 ISH – wynik",
            "Stosunek HER2/CEP17", "Średnia liczba sygnałów HER2/jądro", "Średnia liczba sygnałów CEP17/jądro",
            "Liczba ocenionych jąder", "ER (%)", "PgR (%)"],
    rows=[
        R(["PL8-401", "02.03.2026", "2+ (wynik niejednoznaczny)", "40", "nie stwierdzono amplifikacji genu HER2", "", "", "", "", "90", "60"], "PL8-401",
          low_not_amp("stwierdzono amplifikacji"),
          "'wynik niejednoznaczny' = equivocal result (agrees with 2+); 'nie stwierdzono amplifikacji genu HER2' = no amplification of the HER2 gene found. " + C_NOTAMP),
        R(["PL8-402", "02.03.2026", "2+", "60", "stwierdzono amplifikację genu HER2", "2,8", "6,1", "2,2", "20", "0", "0"], "PL8-402",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT_NUM,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
          "'stwierdzono amplifikację' = amplification found; §2 ratio 2.8 (6.1/2.2 = 2.77 agrees), 6.1 copies, 20 nuclei = group 1; §3 group 1 x 2+ = positive"),
        R(["PL8-403", "03.03.2026", "ujemny", "", "", "", "", "", "", "95", "90"], "PL8-403",
          dict(category="HER2-negative", status="negative", ihc_score="", review="true",
               why="IHC given only as 'ujemny' (negative), no score: HER2-low level unknown", acceptable=ALT,
               must_not=["HER2-0", "HER2-low", "HER2-null", "HER2-ultralow", "HER2-positive", "HER2-negative without review"]),
          "'ujemny' = negative. §3 program rule: IHC written only as 'negative' = negative, HER2-low level unknown: review; §4 HER2-negative"),
        R(["PL8-404", "03.03.2026", "1+", "8", "", "", "", "", "", "80", "30"], "PL8-404",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="true",
               why="IHC 1+ with only 8 % of cells stained (<=10 %): inconsistent", acceptable=ALT,
               must_not=["HER2-low without review", "HER2-0", "HER2-ultralow", "HER2-positive"]),
          "§1 program rule: IHC 1+ with <=10 % stained goes to review (the pathologist's score stands: 1+); §4 HER2-low"),
        R(["PL8-405", "04.03.2026", "0", "7", "", "", "", "", "", "70", "0"], "PL8-405",
          dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="optional",
               acceptable="HER2-0 (the native % header not mapped; then a run.json warning names it)",
               must_not=["HER2-null", "HER2-low", "HER2-positive"]),
          "§1 program rule: IHC 0 with 7 % stained (>0, <=10 %) = ultralow; §4 HER2-ultralow"),
        R(["PL8-406", "05.03.2026", "w poprzednim badaniu 3+", "", "nie wykonano", "", "", "", "", "60", "20"], "PL8-406",
          prior("'w poprzednim badaniu 3+' = 3+ in the previous examination; ISH 'nie wykonano' = not performed"),
          "'w poprzednim badaniu' = in the previous examination. " + C_PRIOR),
        R(["PL8-407", "05.03.2026", "słabo dodatni", "", "", "", "", "", "", "85", "70"], "PL8-407",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'słabo dodatni' = weakly positive, no score", must_not=CALLS),
          "§7 ''weakly positive' alone names no score: ambiguous': review; 'dodatni' (positive) must not make it 3+ (§3 'positive' = 3+ applies to plain 'positive' only)"),
        R(["PL8-408", "06.03.2026", "2+", "30", "amplifikacji nie stwierdzono", "", "", "", "", "75", "50"], "PL8-408",
          low_not_amp("amplifikacji ... stwierdzono"),
          "'amplifikacji nie stwierdzono' = amplification not found (negation after the noun). " + C_NOTAMP),
        R(["PL8-409", "09.03.2026", "nie wykonano", "", "nie wykonano", "", "", "", "", "", ""], "PL8-409",
          not_tested(),
          "'nie wykonano' = not performed. " + C_NT),
        R(["PL8-410", "10.03.2026", "niejednoznaczny", "", "", "", "", "", "", "40", "10"], "PL8-410",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional", acceptable=ALT,
               must_not=["HER2-low", "HER2-negative", "HER2-positive", "HER2-0"]),
          "'niejednoznaczny' = equivocal: §7 'Equivocal'/'EQUIV' = 2+; §3 no ISH x 2+ = equivocal: ISH pending; §4 HER2-equivocal"),
    ]))

# ------------------------------------------------------------------ 05 Czech
FILES.append(dict(
    name="05_cs_biopsie_skore_cp1250.csv", kind="csv", delim=";", encoding="cp1250", eol="\r\n", lang="Czech",
    format="CSV, semicolon, Windows-1250 (č ě ř ů í á), CRLF, Czech dates ('2. 3. 2026' with spaces), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Czech LIS export: 'Číslo biopsie' (native id), 'HER2 skóre', 'HER2 ISH', 'Poměr HER2/CEP17', 'Průměr HER2/jádro'. "
           "Czech negation is often a prefix: 'amplifikace neprokázána' (not proven) contains 'prokázána' (proven, CZ8-503); "
           "'bez amplifikace', 'gen HER2 není amplifikován', 'amplifikace: ne' (= 'Amplified: no'). 'hraniční' (borderline) is the "
           "Czech word often used for 2+; §7 lists 'borderline' as ambiguous."),
    header=["Číslo biopsie", "Datum vydání", "HER2 skóre", "HER2 ISH", "Poměr HER2/CEP17", "Průměr HER2/jádro",
            "Průměr CEP17/jádro", "Počet hodnocených jader"],
    rows=[
        R(["CZ8-501", "2. 3. 2026", "2+", "bez amplifikace", "", "", "", ""], "CZ8-501",
          low_not_amp("amplifikace"),
          "'bez amplifikace' = without amplification. " + C_NOTAMP),
        R(["CZ8-502", "2. 3. 2026", "2+", "amplifikace neprokázána", "", "", "", ""], "CZ8-502",
          low_not_amp("prokázána"),
          "'neprokázána' = not proven (negation is the prefix 'ne-' of 'prokázána', proven). " + C_NOTAMP),
        R(["CZ8-503", "3. 3. 2026", "2+", "amplifikace prokázána", "2,3", "4,6", "2,0", "20"], "CZ8-503",
          dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT_NUM,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
          "'amplifikace prokázána' = amplification proven; §2 ratio 2.3 (4.6/2.0 = 2.3), 4.6 copies, 20 nuclei = group 1; §3 x 2+ = positive"),
        R(["CZ8-504", "3. 3. 2026", "2+", "gen HER2 není amplifikován", "", "", "", ""], "CZ8-504",
          low_not_amp("amplifikován"),
          "'gen HER2 není amplifikován' = the HER2 gene is not amplified. " + C_NOTAMP),
        R(["CZ8-505", "4. 3. 2026", "kontrola 3+, nádor 0", "", "", "", "", ""], "CZ8-505",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the control's 3+ taken as the case)", "HER2-null", "HER2-ultralow", "HER2-low"]),
          "'kontrola' = control, 'nádor' = tumour: §7 controls are not the case; tumour '0' = 0, sub-type unknown; §4 HER2-0"),
        R(["CZ8-506", "5. 3. 2026", "hraniční", "", "", "", "", ""], "CZ8-506",
          dict(category="must_not_guess", status="must_not_guess", review="true",
               why="'hraniční' = borderline, no score", must_not=CALLS),
          "§7 'borderline': ambiguous, review (the rules list it with '2-3+', '+', 'weak'); HER2-equivocal with review is not excluded"),
        R(["CZ8-507", "5. 3. 2026", "1+ (negativní)", "", "", "", "", ""], "CZ8-507",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-positive"]),
          "'1+ (negativní)' = 1+ (negative): §7 'Negative (1+)' = 1+; §4 HER2-low"),
        R(["CZ8-508", "6. 3. 2026", "0", "nehodnotitelné", "", "", "", ""], "CZ8-508",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional",
               acceptable="HER2-0 with review true (the native ISH word not read), or review true, no call",
               must_not=["HER2-positive", "HER2-null", "HER2-ultralow", "HER2-low"]),
          "'nehodnotitelné' = not evaluable: §7 indeterminate ISH, never read as negative (§3); the IHC 0 alone decides: §3 no ISH x IHC 0 = negative; §4 HER2-0"),
        R(["CZ8-509", "9. 3. 2026", "neprovedeno", "neprovedeno", "", "", "", ""], "CZ8-509",
          not_tested(),
          "'neprovedeno' = not performed. " + C_NT),
        R(["CZ8-510", "10. 3. 2026", "2+", "amplifikace: ne", "", "", "", ""], "CZ8-510",
          low_not_amp("amplifikace"),
          "'amplifikace: ne' = 'Amplified: no' (§7 lists 'Amplified: no' as not amplified). " + C_NOTAMP),
    ]))

# ------------------------------------------------------------------ 06 Hungarian
FILES.append(dict(
    name="06_hu_szovettan_cp1250.csv", kind="csv", delim=";", encoding="cp1250", eol="\r\n", lang="Hungarian",
    format="CSV, semicolon, Windows-1250 (ő ű á é í ó ú ö ü), CRLF, Hungarian dates (YYYY.MM.DD. with a trailing dot), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Hungarian LIS export: 'Szövettani szám' (histology number, native id), 'HER2 IHC pontszám' (score), 'HER2 ISH eredmény', "
           "'HER2/CEP17 arány', 'HER2 átlag/sejtmag'. Hungarian 'nem' (not) before the Latin-looking word: 'nem amplifikált', "
           "'nem pozitív', 'nem értékelhető' (not evaluable). 'kétes' = equivocal, 'Külső kontroll' = external control, "
           "'valószínűleg' = probably, 'nincs membránfestődés' = no membrane staining. ő/ű exist only in Latin-2/CP1250: decoded as "
           "CP1252 they become õ/û."),
    header=["Szövettani szám", "Lelet dátuma", "HER2 IHC pontszám", "HER2 ISH eredmény", "HER2/CEP17 arány",
            "HER2 átlag/sejtmag", "CEP17 átlag/sejtmag", "Számolt sejtmagok", "ER (%)", "PR (%)"],
    rows=[
        R(["HU8-601", "2026.03.02.", "2+", "nem amplifikált", "", "", "", "", "90", "80"], "HU8-601",
          low_not_amp("amplifikált"),
          "'nem amplifikált' = not amplified. " + C_NOTAMP),
        R(["HU8-602", "2026.03.02.", "2+", "amplifikált", "", "", "", "", "0", "0"], "HU8-602",
          pos_amp("amplifikált"),
          "'amplifikált' = amplified. " + C_AMP),
        R(["HU8-603", "2026.03.03.", "nem pozitív", "", "", "", "", "", "85", "60"], "HU8-603",
          notpos("'nem pozitív' = not positive: no score"),
          "'nem' = not. " + C_NOTPOS),
        R(["HU8-604", "2026.03.04.", "kétes (2+)", "", "", "", "", "", "70", "30"], "HU8-604",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional", acceptable=ALT,
               must_not=["HER2-low", "HER2-negative", "HER2-positive"]),
          "'kétes (2+)' = equivocal (2+): §7 'Equivocal (2+)' = 2+; §3 no ISH x 2+ = equivocal, ISH pending; §4 HER2-equivocal"),
        R(["HU8-605", "2026.03.05.", "Külső kontroll 3+, daganat 1+", "", "", "", "", "", "95", "95"], "HU8-605",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the external control's 3+ taken as the case)", "HER2-equivocal", "HER2-0"]),
          "'Külső kontroll' = external control, 'daganat' = tumour: §7 controls are not the case; tumour 1+: §3 negative; §4 HER2-low"),
        R(["HU8-606", "2026.03.05.", "negatív (0)", "", "", "", "", "", "80", "20"], "HU8-606",
          dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional", acceptable=ALT,
               must_not=["HER2-null", "HER2-negative (the explicit 0 lost)", "HER2-low", "HER2-positive"]),
          "'negatív (0)' = Negative (0): §7 = 0, sub-type unknown; §4 HER2-0"),
        R(["HU8-607", "2026.03.06.", "nem értékelhető", "nem amplifikált", "", "", "", "", "90", "70"], "HU8-607",
          dict(category="HER2-negative", status="negative", ihc_score="", review="true",
               why="IHC not evaluable, ISH not amplified: negative with the IHC level unknown", acceptable=ALT,
               must_not=["HER2-positive", "HER2-0", "HER2-low", "HER2-null", "HER2-ultralow", "unknown without review"]),
          "IHC 'nem értékelhető' = not evaluable = §7 indeterminate (never negative, §3); ISH 'nem amplifikált' = not amplified; §3 'text not amplified only' x no (valid) IHC = negative; §4 HER2-negative (score unknown: review)"),
        R(["HU8-608", "2026.03.09.", "valószínűleg 3+", "", "", "", "", "", "0", "0"], "HU8-608",
          hedge("'valószínűleg 3+' = probably 3+: a hedged score"),
          "'valószínűleg' = probably. " + C_HEDGE),
        R(["HU8-609", "2026.03.10.", "nincs membránfestődés", "", "", "", "", "", "60", "40"], "HU8-609",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional", acceptable=ALT,
               must_not=["HER2-ultralow ('membránfestődés' = membrane staining read without 'nincs')", "HER2-low", "HER2-positive"]),
          "'nincs membránfestődés' = there is no membrane staining: §7 'no staining' = 0 null; §4 HER2-null"),
        R(["HU8-610", "2026.03.11.", "2+", "", "2,05", "3,7", "1,8", "20", "75", "55"], "HU8-610",
          dict(category="HER2-low", status="negative", ihc_score="2+", ish_group="2", review="true",
               why="group 2 with IHC 2+: confirm the blinded recount", acceptable=ALT_NUM,
               must_not=["HER2-positive (group 1 assumed from the ratio >=2.0)", "ish_group 1", "HER2-equivocal without review"]),
          "§2 ratio 2.05 >=2.0 (3.7/1.8 = 2.06 agrees) and 3.7 <4.0 = group 2; §3 program rule group 2 x 2+ = negative, with comment and recount review; §4 HER2-low"),
    ]))

# ------------------------------------------------------------------ 07 Romanian (xlsx, free text, no HER2 header)
RO_HEADER = ["Nr. buletin", "Data recoltării", "Localizare", "Rezultat imunohistochimie / FISH"]
RO_TITLE = "Laborator de Anatomie Patologică – Rezultate receptori mamari (export)"
RO_ROWS = [
    (["RO8-701", dt.date(2026, 3, 2), "Sân stâng", "Receptori HER2: scor 2+ (echivoc). FISH: neamplificat."], "RO8-701",
     low_not_amp("amplificat"),
     "'echivoc' = equivocal (agrees with 2+); 'neamplificat' = non-amplified, a one-word negation (prefix 'ne-') that contains 'amplificat'. " + C_NOTAMP),
    (["RO8-702", dt.date(2026, 3, 2), "Sân drept",
      "HER2 scor 2+. FISH: amplificat (raport HER2/CEP17 = 2,6; număr mediu de semnale HER2 = 6,1/nucleu; 40 de nuclei numărați)."], "RO8-702",
     dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="1", review="optional", acceptable=ALT,
          must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"]),
     "'amplificat' = amplified; §2 ratio 2.6 >=2.0 and 6.1 signals/nucleus >=4.0, 40 nuclei = group 1; §3 group 1 x 2+ = positive"),
    (["RO8-703", dt.date(2026, 3, 3), "Sân stâng", "HER2 negativ (scor 1+)."], "RO8-703",
     dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
          must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-positive"]),
     "'negativ (scor 1+)' = Negative (1+): §7 = 1+; §3 negative; §4 HER2-low"),
    (["RO8-704", dt.date(2026, 3, 4), "Sân drept", "Martor extern pozitiv (3+); celulele tumorale: scor 0."], "RO8-704",
     dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional", acceptable=ALT,
          must_not=["HER2-positive (the external control's 3+ taken as the case)", "HER2-null", "HER2-low"]),
     "'Martor extern pozitiv' = positive external control: §7 controls are not the case; tumour cells score 0 = 0, sub-type unknown; §4 HER2-0"),
    (["RO8-705", dt.date(2026, 3, 5), "Sân stâng",
      "Biopsia anterioară (2024): HER2 3+. Piesa operatorie actuală: HER2 scor 1+."], "RO8-705",
     dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
          must_not=["HER2-positive (the 2024 biopsy's 3+ taken as the case)", "HER2-equivocal", "HER2-0"]),
     "'Biopsia anterioară' = the previous biopsy: §7 other specimens are not the case; current resection 1+: §3 negative; §4 HER2-low"),
    (["RO8-706", dt.date(2026, 3, 5), "Sân drept", "HER2 nu este pozitiv."], "RO8-706",
     notpos("'nu este pozitiv' = is not positive: no score"),
     "'nu este' = is not. " + C_NOTPOS),
    (["RO8-707", dt.date(2026, 3, 6), "Sân stâng", "HER2: scor 0, fără colorare membranară."], "RO8-707",
     dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional", acceptable=ALT,
          must_not=["HER2-ultralow ('colorare membranară' read without 'fără')", "HER2-low", "HER2-positive"]),
     "'fără colorare membranară' = without membrane staining: §7 'no staining' = 0 null; §4 HER2-null"),
    (["RO8-708", dt.date(2026, 3, 9), "Sân drept",
      "HER2: scor 0 – colorare membranară incompletă, slabă, abia perceptibilă, în 5% din celulele tumorale invazive."], "RO8-708",
     dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review="optional", acceptable=ALT,
          must_not=["HER2-null", "HER2-low ('slabă' = faint read as 1+)", "HER2-positive"]),
     "score 0 with faint/barely perceptible incomplete membrane staining in 5 % = §7 guideline words for 0 ultralow (§1 >0 and <=10 %); §4 HER2-ultralow"),
    (["RO8-709", dt.date(2026, 3, 10), "Sân stâng", "HER2: neevaluabil (artefacte de fixare)."], "RO8-709",
     indeterminate(),
     "'neevaluabil (artefacte de fixare)' = not evaluable (fixation artefacts). " + C_IND),
    (["RO8-710", dt.date(2026, 3, 11), "Sân drept", "Testarea HER2 nu s-a efectuat (țesut tumoral insuficient)."], "RO8-710",
     not_tested(),
     "'nu s-a efectuat (țesut tumoral insuficient)' = not performed (insufficient tumour tissue). " + C_NT),
]
FILES.append(dict(
    name="07_ro_buletine_text.xlsx", kind="xlsx", lang="Romanian",
    sheet="Rezultate", title=RO_TITLE, header_row=3, header=RO_HEADER, xrows=RO_ROWS,
    format="XLSX, one sheet 'Rezultate'; title row 1, blank row 2, header row 3; real Excel dates; no header contains 'HER2': the result is a Romanian sentence in 'Rezultat imunohistochimie / FISH'",
    file_outcome="read_or_fail_naming",
    notes=("Romanian histopathology report extract. No column header names HER2: the only result column is 'Rezultat imunohistochimie "
           "/ FISH' (free text). A tool that maps no HER2 column may fail the file naming its headers; it must NOT silently report every "
           "row as not_tested. Site 'Sân stâng/drept' = left/right breast. Traps: 'neamplificat' (one word with the negation prefix ne-), "
           "'nu este pozitiv', 'Martor extern pozitiv (3+)', 'Biopsia anterioară ... 3+', 'fără colorare membranară'. Diacritics "
           "use comma-below ț (U+021B) as in modern Romanian."),
))
for _v, _k, _e, _c in RO_ROWS:
    if _e.get("status") != "not_tested":
        _e["must_not"] = [*_e["must_not"], "not_tested without review (the result column ignored)"]

# ------------------------------------------------------------------ 08 Turkish
FILES.append(dict(
    name="08_tr_patoloji_cp1254.csv", kind="csv", delim=";", encoding="cp1254", eol="\r\n", lang="Turkish",
    format="CSV, semicolon, Windows-1254 (ş ğ ı İ ç ö ü), CRLF, Turkish dates (DD.MM.YYYY), decimal commas",
    file_outcome="read_or_fail_naming",
    notes=("Turkish hospital LIS export: 'Protokol No' (native id), 'HER2 (IHC) skoru', 'HER2 SISH sonucu', 'HER2/CEP17 oranı', "
           "'Ort. HER2 sinyal/hücre'. Turkish negates with a verb suffix or a following word: 'amplifikasyon saptanmadı' (not "
           "detected) vs 'amplifikasyon saptandı' (detected); 'amplifiye değil' (amplified: not); 'pozitif değil' (not positive); "
           "'boyanma yok' (staining: none). Upper case uses dotted İ ('POZİTİF', 'NEGATİF'): Unicode lower-casing gives 'i' + "
           "combining dot. Decoded as CP1252, 'değil' becomes 'deðil' and 'saptanmadı' 'saptanmadý': the negation is then an "
           "unknown word (review), never dropped."),
    header=["Protokol No", "Rapor Tarihi", "HER2 (IHC) skoru", "HER2 SISH sonucu", "HER2/CEP17 oranı",
            "Ort. HER2 sinyal/hücre", "Ort. CEP17 sinyal/hücre", "Sayılan hücre", "ER (%)", "PR (%)"],
    rows=[
        R(["TR8-801", "02.03.2026", "2+", "amplifikasyon saptanmadı", "", "", "", "", "90", "80"], "TR8-801",
          low_not_amp("amplifikasyon saptan-"),
          "'saptanmadı' = was not detected (negation is the suffix -ma-). " + C_NOTAMP),
        R(["TR8-802", "02.03.2026", "2+", "amplifikasyon saptandı", "", "", "", "", "0", "0"], "TR8-802",
          pos_amp("saptandı"),
          "'amplifikasyon saptandı' = amplification detected. " + C_AMP),
        R(["TR8-803", "03.03.2026", "2+", "amplifiye değil", "", "", "", "", "85", "50"], "TR8-803",
          low_not_amp("amplifiye"),
          "'amplifiye değil' = not amplified (negation AFTER the word). " + C_NOTAMP),
        R(["TR8-804", "03.03.2026", "POZİTİF (3+)", "", "", "", "", "", "10", "0"], "TR8-804",
          dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional", acceptable=ALT,
               must_not=["HER2-low", "HER2-negative", "HER2-equivocal"]),
          "'POZİTİF (3+)' = Positive (3+): §7 = 3+; §3 no ISH x 3+ = positive"),
        R(["TR8-805", "04.03.2026", "pozitif değil", "", "", "", "", "", "70", "40"], "TR8-805",
          notpos("'pozitif değil' = not positive (negation after): no score"),
          "'değil' = not. " + C_NOTPOS),
        R(["TR8-806", "05.03.2026", "NEGATİF (1+)", "", "", "", "", "", "95", "90"], "TR8-806",
          dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
               must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-positive"]),
          "'NEGATİF (1+)' = Negative (1+): §7 = 1+; §4 HER2-low"),
        R(["TR8-807", "05.03.2026", "Pozitif kontrol 3+, tümör hücrelerinde boyanma yok", "", "", "", "", "", "80", "60"], "TR8-807",
          dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review="optional", acceptable=ALT,
               must_not=["HER2-positive (the positive control's 3+ taken as the case)", "HER2-ultralow", "HER2-low"]),
          "'Pozitif kontrol 3+' = positive control (§7 not the case); 'tümör hücrelerinde boyanma yok' = no staining in tumour cells = §7 0 null; §4 HER2-null"),
        R(["TR8-808", "06.03.2026", "önceki biyopsi: 3+", "", "", "", "", "", "60", "10"], "TR8-808",
          prior("'önceki biyopsi: 3+' = previous biopsy: 3+"),
          "'önceki biyopsi' = previous biopsy. " + C_PRIOR),
        R(["TR8-809", "09.03.2026", "çalışılmadı", "çalışılmadı", "", "", "", "", "", ""], "TR8-809",
          not_tested(),
          "'çalışılmadı' = not studied (not performed). " + C_NT),
        R(["TR8-810", "10.03.2026", "şüpheli (2+)", "", "", "", "", "", "50", "30"], "TR8-810",
          dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional", acceptable=ALT,
               must_not=["HER2-low", "HER2-negative", "HER2-positive"]),
          "'şüpheli (2+)' = equivocal/suspicious (2+): §7 'Equivocal (2+)' = 2+; §3 no ISH x 2+ = equivocal; §4 HER2-equivocal"),
    ]))

# ------------------------------------------------------------------ 09 Greek (xlsx, structured)
EL_HEADER = ["Αρ. Πρωτοκόλλου", "Ημερομηνία", "HER2 IHC βαθμολογία", "HER2 FISH αποτέλεσμα", "Λόγος HER2/CEP17",
             "HER2 σήματα/πυρήνα", "CEP17 σήματα/πυρήνα", "Αριθμός πυρήνων", "ER %", "PR %"]
EL_ROWS = [
    (["GR8-901", dt.date(2026, 3, 2), "2+ (αμφίβολο)", "Χωρίς ενίσχυση", None, None, None, None, 90, 70], "GR8-901",
     low_not_amp("ενίσχυση"),
     "'αμφίβολο' = equivocal (agrees with 2+); 'Χωρίς ενίσχυση' = without amplification. " + C_NOTAMP),
    (["GR8-902", dt.date(2026, 3, 2), "2+", "Ενίσχυση του γονιδίου HER2", None, None, None, None, 0, 0], "GR8-902",
     pos_amp("Ενίσχυση"),
     "'Ενίσχυση του γονιδίου HER2' = amplification of the HER2 gene. " + C_AMP),
    (["GR8-903", dt.date(2026, 3, 3), "2+", "Δεν ανιχνεύθηκε ενίσχυση", None, None, None, None, 80, 40], "GR8-903",
     low_not_amp("ενίσχυση"),
     "'Δεν ανιχνεύθηκε ενίσχυση' = no amplification was detected. " + C_NOTAMP),
    (["GR8-904", dt.date(2026, 3, 3), "Αρνητικό (1+)", None, None, None, None, None, 95, 80], "GR8-904",
     dict(category="HER2-low", status="negative", ihc_score="1+", review="optional", acceptable=ALT,
          must_not=["HER2-negative (the explicit 1+ lost)", "HER2-0", "HER2-positive"]),
     "'Αρνητικό (1+)' = Negative (1+): §7 = 1+; §4 HER2-low"),
    (["GR8-905", dt.date(2026, 3, 4), "ΘΕΤΙΚΟ (3+)", None, None, None, None, None, 20, 0], "GR8-905",
     dict(category="HER2-positive", status="positive", ihc_score="3+", review="optional", acceptable=ALT,
          must_not=["HER2-low", "HER2-negative", "HER2-equivocal"]),
     "'ΘΕΤΙΚΟ (3+)' = POSITIVE (3+): §7 = 3+; §3 positive"),
    (["GR8-906", dt.date(2026, 3, 5), "Μη θετικό", None, None, None, None, None, 85, 60], "GR8-906",
     notpos("'Μη θετικό' = not positive: no score"),
     "'Μη' = not/non-. " + C_NOTPOS),
    (["GR8-907", dt.date(2026, 3, 5), "Θετικός μάρτυρας 3+ / όγκος 0", None, None, None, None, None, 70, 50], "GR8-907",
     dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional", acceptable=ALT,
          must_not=["HER2-positive (the positive control's 3+ taken as the case)", "HER2-null", "HER2-low"]),
     "'Θετικός μάρτυρας' = positive control (§7 not the case); 'όγκος 0' = tumour 0, sub-type unknown; §4 HER2-0"),
    (["GR8-908", dt.date(2026, 3, 6), "Προηγούμενη βιοψία: 3+", None, None, None, None, None, 60, 30], "GR8-908",
     prior("'Προηγούμενη βιοψία: 3+' = previous biopsy: 3+"),
     "'Προηγούμενη βιοψία' = previous biopsy. " + C_PRIOR),
    (["GR8-909", dt.date(2026, 3, 9), 0, "Δεν έγινε", None, None, None, None, 90, 90], "GR8-909",
     dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional",
          acceptable="HER2-0 with review true (the native ISH words not read), or review true, no call",
          must_not=["HER2-null", "HER2-ultralow", "HER2-low", "HER2-positive"]),
     "IHC typed as the number 0: §7 = 0, sub-type unknown; ISH 'Δεν έγινε' = not done = §7 no result; §3 no ISH x 0 = negative; §4 HER2-0"),
    (["GR8-910", dt.date(2026, 3, 10), 1, None, "1,3", 2.6, 2.0, 20, 75, 45], "GR8-910",
     dict(category="HER2-low", status="negative", ihc_score="1+", ish_group="5", review="false",
          acceptable="ish_group empty with the same call (native copy-number header not mapped; 1+ with ratio <2.0 is negative in groups 3-5)",
          must_not=["HER2-positive", "HER2-0", "HER2-equivocal"]),
     "IHC typed as the number 1 = 1+ (§7); ratio '1,3' is a text cell with a decimal comma (§7) = 1.3 (2.6/2.0 = 1.3), 2.6 copies, 20 nuclei = group 5 (§2); §3 group 5 x 1+ = negative; §4 HER2-low"),
]
FILES.append(dict(
    name="09_el_pathologiko_ergastirio.xlsx", kind="xlsx", lang="Greek",
    sheet="Αποτελέσματα HER2", title=None, header_row=1, header=EL_HEADER, xrows=EL_ROWS,
    format="XLSX, one sheet 'Αποτελέσματα HER2', header row 1; Greek headers with Latin 'HER2 IHC'/'HER2 FISH'; real Excel dates; IHC partly typed as numbers; a ratio stored as text with a decimal comma",
    file_outcome="read_or_fail_naming",
    notes=("Greek pathology lab export: 'Αρ. Πρωτοκόλλου' (protocol no., native id), 'HER2 IHC βαθμολογία' (score), 'HER2 FISH "
           "αποτέλεσμα' (result), 'Λόγος HER2/CEP17' (ratio), 'HER2 σήματα/πυρήνα' (signals per nucleus). Greek values: 'αμφίβολο' "
           "(equivocal), 'Χωρίς ενίσχυση' (without amplification), 'Δεν ανιχνεύθηκε ενίσχυση' (no amplification detected), "
           "'Αρνητικό' / 'ΘΕΤΙΚΟ' (negative / POSITIVE), 'Μη θετικό' (not positive), 'μάρτυρας' (control), 'Προηγούμενη βιοψία' "
           "(previous biopsy), 'Δεν έγινε' (not done). No Latin token helps here except the score itself."),
))

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
                cell.number_format = "DD.MM.YYYY" if f["lang"] == "Romanian" else "D/M/YYYY"
        exp = dict(exp)
        exp["source_row"] = row
        f["rows"].append(dict(key=key, values=vals, exp=exp, comment=comment))
    for col in "ABCDEFGHIJ"[:len(f["header"])]:
        ws.column_dimensions[col].width = 22
    wb.save(os.path.join(HERE, f["name"]))


def yv(v):
    if v in ("true", "false", "optional"):
        return v
    if isinstance(v, bool):
        return "true" if v else "false"
    return json.dumps(v, ensure_ascii=False)


ORDER = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "reject_or_skip", "source_row", "why", "acceptable", "must_not"]

HEAD = """# Expected outcomes for corpus8: HER2 results in Swedish, Danish, Finnish, Polish, Czech, Hungarian, Romanian,
# Turkish and Greek, as LIS exports and report text in those countries write them.
# Derived only from /work/shared/her2-rules.md ("§n" = its section n) and contract.md ("contract").
# Written without reading any her2batch code or tests; the other corpora (tests/cases/exports*) were read for
# their file format only and their traps are not repeated. Generated by make_exports.py together with the files,
# so case ids and source_row numbers match the data.
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
#                         case-id header, or in file 07 the absence of any HER2 header). Silent partial reading (every
#                         row not_tested, or a % column used as the score) is wrong.
#
# Native words (§7 program rule "every word understood, or unreadable"): the rules give no vocabulary for these
# languages. A tool that does not know a word must send the value to review with no call (acceptable: "review
# true, no call"); a tool that does read it must make the call given. A native word that changes the meaning of
# a readable Latin token (a negation before/after "amplif...", "not" before "positive", "control" or "previous
# biopsy" before a score, "probably" before a score) must never yield the call the Latin token alone suggests.
# Plain digits/symbols ("0", "2+", "1,9") in a column whose header contains "HER2" are read (§7).
# Every row carries a comment citing the section that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects  # contract (no row of this corpus is meant to be rejected or folded)"
  site_default: "no file has a site column that §6 can read; every row is a breast case (contract 'tumor_site: breast when absent'; file 07's 'Localizare' says breast in Romanian)"
  decimal_commas: "every number with a comma is a decimal comma (§7); there are no thousands separators in this corpus"
  native_id_headers: "the case-id headers are native ('PAD-nr', 'Rekvisitionsnr.', 'Näytenumero', 'Nr badania', 'Číslo biopsie', 'Szövettani szám', 'Nr. buletin', 'Protokol No', 'Αρ. Πρωτοκόλλου'): a tool may fail a file naming them (file_outcome read_or_fail_naming)"
  encodings: "CP1252 (01), UTF-8 BOM (02), ISO-8859-1 (03), CP1250 (04, 05, 06), CP1254 (08); 07 and 09 are XLSX. A mis-decoded native word is an unknown word: review, never a call"

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
            keys.add(r["key"])
            e = r["exp"]
            assert set(e) <= set(ORDER), set(e) - set(ORDER)
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
    "01_sv_patologi_kvot_cp1252.csv": "Two headers beginning **'HER2 IHC'** (score, and % stained): the % '3' must not become IHC 3+ (SE8-102, 0 with 3 % = ultralow). ISH **'ingen amplifiering'** (negation before) and **'amplifiering påvisas ej'** (negation after); 'svagt positiv (1+)'; **'tidigare biopsi 3+'** (previous biopsy); **'sannolikt 3+'** (probably); 'ingen färgning' (null); 'ej bedömbar' (indeterminate); group 4 at **5,95** copies (not rounded to 6,0).",
    "02_da_patobank_fritekst_bom.csv": "Danish conclusion sentences in 'HER2-resultat': **'Ikke positiv for HER2'**; **'uden amplifikation'** vs 'HER2-genamplifikation påvist'; **'Tidligere biopsi (2025): HER2 3+'** before the current 0 with no membrane staining (null); **'Ekstern kontrol 3+'** before tumour 1+; 'svagt positiv' alone; 'kan ikke vurderes' (indeterminate); 'ikke udført' (not tested); score 0 with faint incomplete staining in 5 % (ultralow, 'HER2-ultralav').",
    "03_fi_patologia_sish_latin1.csv": "Finnish negation by the verb 'ei' before and after the noun: **'ei amplifikaatiota'**, **'amplifikaatiota ei todettu'** vs 'amplifikaatio todettu'; **'HER2-geeni ei ole monistunut'**; **'3+ aiemmassa koepalassa, nyt 1+'** (3+ in the previous biopsy, now 1+); **'todennäköisesti 3+'**; '2+ (rajatapaus)' with group 5; 'ei tehty'; **FI8-310: the lab's text 'ei amplifikaatiota' beside group 3 numbers with IHC 2+** (positive with review, never HER2-low).",
    "04_pl_histopatologia_cp1250.csv": "**'nie stwierdzono amplifikacji'** (before) and **'amplifikacji nie stwierdzono'** (after) vs 'stwierdzono amplifikację' (same verb); 'ujemny' alone (negative, score unknown); **'słabo dodatni'** (weakly positive, must not be 3+); **'w poprzednim badaniu 3+'**; 1+ with 8 % (review); 0 with 7 % (ultralow); 'niejednoznaczny' alone (= equivocal, 2+); 'nie wykonano'. CP1250 with an en dash in a header.",
    "05_cs_biopsie_skore_cp1250.csv": "Czech prefix negation **'amplifikace neprokázána'** (contains 'prokázána', proven, the positive row CZ8-503); 'bez amplifikace'; **'gen HER2 není amplifikován'**; **'amplifikace: ne'** ('Amplified: no'); **'kontrola 3+, nádor 0'**; **'hraniční'** (borderline) alone; '1+ (negativní)'; IHC 0 with ISH 'nehodnotitelné' (indeterminate ISH does not undo the 0); 'neprovedeno'.",
    "06_hu_szovettan_cp1250.csv": "Hungarian **'nem amplifikált'** vs 'amplifikált'; **'nem pozitív'**; 'kétes (2+)'; **'Külső kontroll 3+, daganat 1+'**; 'negatív (0)'; IHC **'nem értékelhető'** with ISH 'nem amplifikált' (negative, score unknown); **'valószínűleg 3+'**; 'nincs membránfestődés' (null); group 2 at ratio 2,05 / 3,7 copies. ő/ű only in CP1250/Latin-2.",
    "07_ro_buletine_text.xlsx": "**No header contains 'HER2'**: Romanian sentences in 'Rezultat imunohistochimie / FISH'. One-word negation **'neamplificat'** (contains 'amplificat'); **'nu este pozitiv'**; **'Martor extern pozitiv (3+)'** before tumour 0; **'Biopsia anterioară (2024): HER2 3+'** before current 1+; 'fără colorare membranară' (null); guideline words for ultralow; 'neevaluabil'; 'nu s-a efectuat'. A silent all-not_tested reading is wrong.",
    "08_tr_patoloji_cp1254.csv": "Turkish suffix negation **'amplifikasyon saptanmadı'** vs 'amplifikasyon saptandı'; **'amplifiye değil'** and **'pozitif değil'** (negation after); dotted capital İ in **'POZİTİF (3+)'**, 'NEGATİF (1+)'; **'Pozitif kontrol 3+, tümör hücrelerinde boyanma yok'** (null); **'önceki biyopsi: 3+'**; 'şüpheli (2+)'; 'çalışılmadı'. Mis-decoded as CP1252 the negation 'değil' becomes 'deðil'.",
    "09_el_pathologiko_ergastirio.xlsx": "Greek: '2+ (αμφίβολο)' with **'Χωρίς ενίσχυση'**, **'Δεν ανιχνεύθηκε ενίσχυση'** vs 'Ενίσχυση του γονιδίου HER2'; 'Αρνητικό (1+)', 'ΘΕΤΙΚΟ (3+)'; **'Μη θετικό'**; **'Θετικός μάρτυρας 3+ / όγκος 0'**; **'Προηγούμενη βιοψία: 3+'**; IHC typed as numbers 0 and 1; ISH 'Δεν έγινε'; ratio stored as text '1,3'.",
}

README_SILENT = """## Where her2-rules.md / the contract are silent (and what the expectations assume)

1. **Native case-id headers.** The contract requires `case_id` and matches "common synonyms" (its examples are
   English). Whether 'PAD-nr', 'Näytenumero', 'Szövettani szám', 'Protokol No' or 'Αρ. Πρωτοκόλλου' must be
   recognised is not said; every file is `read_or_fail_naming`. Whether rejecting every row for "no case_id"
   (exit 0) is an acceptable alternative to failing the file is also not said; the expectations do not list it.
2. **Native vocabulary.** §7 lists English words only and makes every other word unreadable (review, no call).
   The expectations therefore accept "review true, no call" for every row with a native word, and give the
   call a tool must make if it does read the word. Native equivalents of 'Equivocal' ('niejednoznaczny',
   'kétes', 'şüpheli', 'αμφίβολο') are read as §7's 'Equivocal' = 2+.
3. **'Not positive'** ('Ikke positiv', 'nem pozitív', 'nu este pozitiv', 'pozitif değil', 'Μη θετικό'): §7 only
   says "'not positive' is not positive". It may mean 0, 1+ or 2+. The rows are must_not_guess. HER2-negative
   with review is not listed as wrong (§3 would send "negative" with no score to review anyway); HER2-negative
   without review, every level (0/low/ultralow/null) and positive are wrong.
4. **One-word and suffix negations** ('neamplificat', 'neprokázána', 'saptanmadı', and Turkish/Finnish negation
   *after* the noun): §7 "negation has scope" gives phrase examples only. The expectations read them as the
   negations they are; a tool that does not know them has an unknown word (review).
5. **'Borderline' in a language where it is the usual word for 2+** (Czech 'hraniční'): §7 lists 'borderline'
   as ambiguous, so CZ8-506 is must_not_guess even though Czech reports often mean 2+ by it. With an explicit
   score ('2+ (rajatapaus)', FI8-307) the score decides.
6. **'Weakly positive' with an explicit score** ('svagt positiv (1+)', SE8-103): §7 says 'weakly positive'
   *alone* names no score; with '(1+)' the expectations read 1+ (as '1+ (low)').
7. **ISH text that contradicts the numbers** (FI8-310: 'ei amplifikaatiota' with ratio 1,9 and 6,2 copies and
   IHC 2+): §3's 'text "not amplified" only' row applies when there are no numbers; the expectations let the §2
   group (3) decide: positive, with review. Not stated outright.
8. **Indeterminate IHC beside a valid ISH** (HU8-607) and **indeterminate / not-done ISH beside IHC 0**
   (CZ8-508, GR8-909): §3 says indeterminate is never negative and "only an indeterminate test" gives
   indeterminate; the expectations use the §3 "no IHC" / "no ISH" columns for the valid test.
9. **Two headers that both begin with 'HER2 IHC'** (score and % stained, file 01): the contract does not say
   how a tool breaks such a tie; taking the % column as the score is wrong (SE8-102).
10. **Encodings.** The contract names no encodings. CP1250 (Polish, Czech, Hungarian ő/ű), CP1254 (Turkish) and
    Latin-1 are common in these countries' Windows LIS exports; decoded as CP1252 the letters change ('değil' ->
    'deðil'). The expectations require only that a mis-decoded word is treated as unknown (review), never dropped.
11. **Dotted capital İ** ('POZİTİF'): Unicode lower-casing gives 'i' + U+0307; §7 "normalise case, Unicode" does
    not say how. A tool that then fails to match gives review, no call (accepted).
12. **A file with no HER2 header at all** (07): the contract does not require any HER2 column. The expectations
    accept failing the file naming its headers, or reading the text; reporting every row not_tested without a
    warning or review is listed as wrong (`not_tested without review`).
13. **Native % headers** ('HER2 IHC andel färgade celler (%)', 'Odsetek komórek z reakcją HER2 (%)'): where the %
    only refines an IHC 0 (SE8-102, PL8-405) HER2-0 is accepted if the header is not mapped; where it triggers the
    §1 consistency review (PL8-404: 1+ with 8 %) a silent HER2-low is listed as wrong.
"""


def write_readme(per_file, nrows, cats):
    lines = ["# Corpus 8: HER2 results in nine more languages and their export conventions", "",
             f"Nine small lab exports ({min(n for _, _, n in per_file)}-{max(n for _, _, n in per_file)} data rows each, "
             f"{nrows} expected rows in total), one per language: Swedish, Danish, Finnish, Polish, Czech, Hungarian, "
             "Romanian, Turkish and Greek (Norwegian is not included). They are written the way LIS exports and report text "
             "in those countries write HER2 results: native column headers, native words for positive / negative / "
             "equivocal / amplified / not amplified / not performed, negations before and after the word and as "
             "prefixes or suffixes, hedges, controls and previous biopsies beside a score, decimal commas, local date "
             "formats, semicolons, and the encodings these exports use (CP1252, Latin-1, UTF-8 with BOM, CP1250, CP1254, XLSX).",
             "",
             "Every row's expected outcome is in `expected.yaml`, derived only from `/work/shared/her2-rules.md` (cited as "
             "§n) and `/work/shared/contract.md`. No her2batch code, tests or bench files were read. The other corpora "
             "(`tests/cases/exports*/`) were read for their file format only, and their traps are not repeated (exports3 "
             "already had Polish/Czech/Nordic report text with 'brak amplifikacji', 'prokázána', 'ikke amplificeret', "
             "'ei monistumaa'; exports/15 had Swedish 'ej amplifierad').",
             "",
             "All ids are invented (prefixes SE8-, DK8-, FI8-, PL8-, CZ8-, HU8-, RO8-, TR8-, GR8-). There are no patient "
             "identifiers. Regenerate with `/work/main/.venv/bin/python make_exports.py` (needs openpyxl). The script "
             "writes the data files, `expected.yaml` and this README together, so ids and `source_row` always match. "
             "The XLSX files get new internal timestamps on each run; their cell contents do not change.",
             "",
             "## How to read the expectations",
             "",
             "- §7 program rule: a value is read only when every word is understood. For a language the tool may not "
             "know, the correct outcome is EITHER the call given OR `review true, no call` (listed under `acceptable`).",
             "- `must_not` lists the wrong calls, above all the call a readable Latin token suggests when a native word "
             "changes its meaning ('ingen amplifiering', 'neamplificat', 'pozitif değil', 'Martor extern pozitiv (3+)', "
             "'tidigare biopsi 3+', 'sannolikt 3+'). 'X without review' is wrong only unflagged.",
             "- Plain digits and symbols ('0', '2+', '1,9', the numbers 0 and 1 in an XLSX cell) in a column whose header "
             "contains 'HER2' are expected to be read (no alternative).",
             "- Every file is `read_or_fail_naming`: its case-id header is native only, and file 07 has no header naming HER2. "
             "Failing a file with a message naming its headers is not a wrong call; a silent all-not_tested reading is.",
             "",
             "## Files and traps", "",
             "| file | language | rows | traps |", "|---|---|---|---|"]
    for name, lang, n in per_file:
        lines.append(f"| `{name}` | {lang} | {n} | {README_TRAPS[name]} |")
    lines += ["", "By expected outcome: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())) + ".", "",
              "Trap families across the languages: a native negation of 'amplified' before the word, after it, as a prefix or "
              "as a suffix (18 rows of IHC 2+ that a substring reader would call positive), beside 5 rows where the native "
              "words do mean amplified (same verb or noun without the negation) and one where the lab's 'no amplification' "
              "text contradicts group 3 numbers (FI8-310); 'not positive' (5); 'weakly positive' / 'borderline' alone (3); a "
              "control's 3+ beside the tumour score (6); a previous biopsy's 3+ (7, of which 4 give no current score); "
              "'probably 3+' (3).", "",
              README_SILENT]
    with open(os.path.join(HERE, "README.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


if __name__ == "__main__":
    main()

"""Generate corpus6: seven structured HER2 exports, one per language, and expected.yaml.

Run with /work/main/.venv/bin/python make_exports.py (standard library only).
Expectations are derived from her2-rules.md (cited as §n) and contract.md only; no her2batch code
or tests were read. Case ids and source_row numbers in expected.yaml are produced from the same
tables as the CSV files, so they always match.
"""
import csv
import io
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# ---------------------------------------------------------------------------------------------
# expectation shorthands
NONEG = ["HER2-negative", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-low"]
ALLCALLS = ["HER2-positive", "HER2-low", "HER2-ultralow", "HER2-null", "HER2-0", "HER2-negative"]


def pos3(**k):
    return dict(category="HER2-positive", status="positive", ihc_score="3+", review=False, **k)


def low1(**k):
    d = dict(category="HER2-low", status="negative", ihc_score="1+", review=False)
    d.setdefault("must_not", ["HER2-0", "HER2-negative", "HER2-null"])
    d.update(k)
    return d


def zero(**k):
    d = dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review=False,
             must_not=["HER2-null", "HER2-ultralow", "HER2-low"])
    d.update(k)
    return d


def null(**k):
    d = dict(category="HER2-null", status="negative", ihc_score="0", zero_subtype="null", review=False,
             must_not=["HER2-ultralow", "HER2-low", "HER2-positive"])
    d.update(k)
    return d


def ultra(**k):
    d = dict(category="HER2-ultralow", status="negative", ihc_score="0", zero_subtype="ultralow", review=False,
             must_not=["HER2-null", "HER2-low", "HER2-positive"])
    d.update(k)
    return d


def neg_unknown(word, **k):
    d = dict(category="HER2-negative", status="negative", ihc_score="", review=True,
             why=f"IHC written only as '{word}': negative, HER2-low level (0 vs 1+) unknown",
             must_not=["HER2-0", "HER2-low", "HER2-null", "HER2-ultralow", "HER2-positive"])
    d.update(k)
    return d


def zero_one(word, **k):
    d = dict(category="HER2-negative", status="negative", ihc_score="", review=True,
             why=f"'{word}': negative but 0 vs low unknown",
             must_not=["HER2-0", "HER2-low", "HER2-null", "HER2-ultralow", "HER2-positive"])
    d.update(k)
    return d


def zero_plus(**k):
    d = dict(category="HER2-0", status="negative", ihc_score="0", zero_subtype="", review="optional",
             why="'0+' is 0 in most labs, ultralow in some; no lab setting given",
             must_not=["HER2-ultralow", "HER2-null", "HER2-low", "HER2-positive"])
    d.update(k)
    return d


def low2_notamp(**k):
    d = dict(category="HER2-low", status="negative", ihc_score="2+", review=False,
             must_not=["HER2-positive", "HER2-equivocal without review"])
    d.update(k)
    return d


def pos2_amp(**k):
    d = dict(category="HER2-positive", status="positive", ihc_score="2+", review=False,
             must_not=["HER2-low", "HER2-negative"])
    d.update(k)
    return d


def indet(**k):
    d = dict(category="unknown", status="indeterminate", review="optional",
             must_not=["HER2-negative", "HER2-0", "HER2-null", "HER2-low"])
    d.update(k)
    return d


def not_tested(**k):
    d = dict(category="unknown", status="not_tested", review="optional", must_not=[*ALLCALLS, "HER2-equivocal"])
    d.update(k)
    return d


def guess(why, must_not, **k):
    d = dict(category="must_not_guess", status="must_not_guess", review=True, why=why, must_not=must_not)
    d.update(k)
    return d


def pending(word, **k):
    return guess(f"HER2 result '{word}' (pending): no result yet", [*ALLCALLS, "HER2-equivocal"], **k)


def see_comment(word, **k):
    return guess(f"HER2 result '{word}' (see comment): the result is elsewhere", [*ALLCALLS, "HER2-equivocal"], **k)


def weak(word, **k):
    return guess(f"'{word}'" + ("" if word == "weak" else " (weak)") + " alone names no score", [*ALLCALLS, "HER2-equivocal"], **k)


def other_marker(word, **k):
    return guess(f"'{word}' is another marker (ER/RE/ÖR), not HER2", [*ALLCALLS, "HER2-equivocal", "ihc_score 3+"], **k)


def one_two_open(word, **k):
    return guess(f"'{word}' without a settling ISH: 1+ would be negative (HER2-low), 2+ equivocal",
                 ["HER2-positive", "HER2-low", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"], **k)


def ambig(word, **k):
    return guess(f"'{word}' is ambiguous", ["HER2-positive", "HER2-low", "HER2-0", "HER2-null",
                                          "HER2-ultralow", "HER2-negative"], **k)


def nocall(word, lang):
    return (f"review true, no call (category unknown, status not positive/negative) if '{word}' is not in "
            f"the tool's {lang} vocabulary (§7 every word understood, or unreadable)")


def nocall_equiv(word, lang):
    return (f"review true with HER2-equivocal (IHC 2+ read, ISH word unreadable) or no call, if '{word}' is not in "
            f"the tool's {lang} vocabulary (§7); never the opposite call")


def nocall_keep(word, lang):
    return (f"review true with the same category (IHC read, ISH word ignored as unreadable) or no call, if '{word}' "
            f"is not in the tool's {lang} vocabulary (§7)")


# ---------------------------------------------------------------------------------------------
# Files. Row: (case id, ihc, pct, ish text, ratio, her2, cep17, cells, er, pr, expectation, comment)
FILES = []

# 01 English ---------------------------------------------------------------------------------
EN = dict(
    name="01_en_lis_structured.csv", delimiter=",", encoding="utf-8", newline="\n",
    fmt="CSV, comma, UTF-8 no BOM, LF, decimal points; US/UK LIS headers",
    lang="English",
    header=["Accession #", "HER2 IHC Result", "HER2 % Cells Stained", "HER2 ISH Result", "HER2/CEP17 Ratio",
            "Mean HER2 Copies/Cell", "Mean CEP17 Copies/Cell", "Nuclei Counted", "ER %", "PR %"],
    notes="Baseline: every §7 variant in the English spelling §7 itself uses. No alternative outcomes are listed "
          "(the words are the rules' own).",
    rows=[
        ("EN6-01", "Positive (3+)", "95", "", "", "", "", "", "90", "70", pos3(), "§7 'Positive (3+)' = 3+; §3 no ISH x 3+ = positive"),
        ("EN6-02", "Equivocal (2+)", "45", "Amplified", "2.62", "5.8", "2.21", "40", "95", "80",
         pos2_amp(ish_group="1"), "§7 'Equivocal (2+)' = 2+; §2 2.62 / 5.8 copies (5.8/2.21 = 2.62) = group 1; §3 group 1 x 2+ = positive"),
        ("EN6-03", "Negative (1+)", "25", "", "", "", "", "", "80", "10", low1(), "§7 'Negative (1+)' = 1+; 25% consistent (§1); §4 HER2-low"),
        ("EN6-04", "Negative (0)", "", "", "", "", "", "", "0", "0", zero(), "§7 'Negative (0)' = 0, sub-type unknown; §4 HER2-0"),
        ("EN6-05", "0 (null)", "0", "", "", "", "", "", "100", "90", null(), "§7 '0 (null)' = 0 null; 0% agrees (§1 program rule); §4 HER2-null"),
        ("EN6-06", "no staining", "", "", "", "", "", "", "85", "60", null(), "§7 'no staining' = 0 null; §4 HER2-null"),
        ("EN6-07", "ultralow", "", "", "", "", "", "", "90", "40", ultra(), "§7 'ultralow' = 0 ultralow; §4 HER2-ultralow"),
        ("EN6-08", "0 with membrane staining", "5", "", "", "", "", "", "70", "5", ultra(),
         "§7 '0 with membrane staining' = 0 ultralow; 5% (>0-10%) agrees (§1)"),
        ("EN6-09", "0+", "", "", "", "", "", "", "95", "95", zero_plus(),
         "§7 '0+' = 0 in most labs, ultralow in some: ambiguous unless the lab's settings say which -> sub-type not stated"),
        ("EN6-10", "0-1+", "", "", "", "", "", "", "60", "20", zero_one("0-1+"), "§7 '0-1+' = negative; 0 vs low unknown: review; §4 HER2-negative"),
        ("EN6-11", "1-2+", "", "no amplification", "", "", "", "", "90", "50",
         dict(category="HER2-low", status="negative", review="optional", why="'1-2+' ambiguous but settled by the negative ISH",
              must_not=["HER2-positive", "HER2-equivocal", "HER2-0", "HER2-negative"]),
         "§7 '1-2+' ISH may settle it (1+ and 2+/ISH-negative are both HER2-low); §7 negation scope: 'no amplification' = not amplified; §3/§4"),
        ("EN6-12", "1-2+", "", "", "", "", "", "", "80", "30", one_two_open("1-2+"),
         "§7 '1-2+' ambiguous; no ISH here, so not settled (1+ negative vs 2+ equivocal)"),
        ("EN6-13", "2-3+", "", "", "", "", "", "", "20", "0",
         guess("'2-3+' is ambiguous (2+ equivocal vs 3+ positive)", ["HER2-positive", *NONEG]),
         "§7 '2-3+ ... ambiguous: review'"),
        ("EN6-14", "++", "", "", "", "", "", "", "90", "80", ambig("++"), "§7 '++ ... ambiguous: review'"),
        ("EN6-15", "weak", "", "", "", "", "", "", "75", "40", weak("weak"), "§7 \"'Weak' ... alone name no score: ambiguous\""),
        ("EN6-16", "Negative", "", "", "", "", "", "", "95", "85", neg_unknown("Negative"),
         "§3 program rule: IHC written only as 'negative' = negative, HER2-low level unknown: review; §4 HER2-negative"),
        ("EN6-17", "Indeterminate", "", "", "", "", "", "", "90", "90", indet(),
         "§7 'Indeterminate' = indeterminate; §3 program rule: never negative; only an indeterminate test -> indeterminate; §4 unknown"),
        ("EN6-18", "Equivocal (2+)", "35", "amplification not detected", "", "", "", "", "100", "95", low2_notamp(),
         "§7 negation scope: 'amplification not detected' = not amplified; §3 text 'not amplified' x 2+ = negative; §4 HER2-low"),
        ("EN6-19", "Equivocal (2+)", "30", "Group 3", "1.72", "6.4", "3.72", "40", "95", "90",
         dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review=True,
              why="group 3 with IHC 2+: confirm the blinded recount", must_not=["HER2-low", "HER2-negative", "ish_group 4"]),
         "§7 'Group 3' given directly; §2 1.72 / 6.4 copies (6.4/3.72 = 1.72) = group 3 as well; §3 group 3 x 2+ = positive + program rule review"),
        ("EN6-20", "ER positive", "", "", "", "", "", "", "95", "70", other_marker("ER positive"),
         "§7 'Another marker is not HER2': 'ER positive' in a HER2 field = unreadable: review"),
    ])
FILES.append(EN)

# 02 German ----------------------------------------------------------------------------------
L = "German"
DE = dict(
    name="02_de_pathologie_semikolon.csv", delimiter=";", encoding="utf-8", newline="\r\n",
    fmt="CSV, semicolon, UTF-8 no BOM, CRLF, decimal commas; German headers (Fallnummer, ÖR/PR)",
    lang=L,
    header=["Fallnummer", "HER2 IHC (Score)", "HER2 Anteil markierter Tumorzellen (%)", "ISH-Ergebnis",
            "HER2/CEP17-Ratio", "HER2-Signale/Zelle", "CEP17-Signale/Zelle", "Ausgezählte Zellkerne", "ÖR (%)", "PR (%)"],
    notes="German value words (positiv, fraglich, negativ, neg., keine Färbung, schwach, nicht beurteilbar, ausstehend, "
          "nicht durchgeführt/durchgefuehrt, amplifiziert, nicht amplifiziert, keine Amplifikation, Amplifikation nicht "
          "nachgewiesen, Gruppe 3) and 'ÖR positiv' (Östrogenrezeptor) in the HER2 column. Decimal commas: 2,41 = 2.41. "
          "'0 (null)' is literally German for '0 (zero)' (see README ambiguity 1); its row carries 0% so the outcome is null either way.",
    rows=[
        ("DE6-01", "positiv (3+)", "90", "", "", "", "", "", "95", "80", pos3(acceptable=nocall("positiv", L)), "§7 'Positive (3+)' in German = 3+; §3"),
        ("DE6-02", "fraglich (2+)", "50", "amplifiziert", "2,41", "5,3", "2,2", "30", "90", "60",
         pos2_amp(ish_group="1", acceptable="review true with HER2-positive (numbers give group 1 whatever the words) or no call, if 'fraglich' is not in the tool's German vocabulary (§7)"),
         "§7 decimal comma 2,41 = 2.41; §2 5,3 copies (5.3/2.2 = 2.41) = group 1; 'amplifiziert' agrees; §3 group 1 x 2+ = positive"),
        ("DE6-03", "negativ (1+)", "20", "", "", "", "", "", "70", "30", low1(acceptable=nocall("negativ", L)), "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        ("DE6-04", "negativ (0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negativ", L)), "§7 'Negative (0)' = 0 sub-type unknown; §4 HER2-0"),
        ("DE6-05", "0 (null)", "0", "", "", "", "", "", "100", "100", null(),
         "§7 '0 (null)' = 0 null; 0% = null by §1 program rule too (German 'null' = zero, so the % decides here)"),
        ("DE6-06", "keine Färbung", "", "", "", "", "", "", "80", "20", null(acceptable=nocall("keine Färbung", L)),
         "§7 'no staining' = 0 null (German); §4 HER2-null"),
        ("DE6-07", "HER2-ultralow", "5", "", "", "", "", "", "90", "70", ultra(),
         "§7 'ultralow' (filler 'HER2') = 0 ultralow; 5% agrees (§1)"),
        ("DE6-08", "0 mit Membranfärbung", "", "", "", "", "", "", "60", "0", ultra(acceptable=nocall("mit Membranfärbung", L)),
         "§7 '0 with membrane staining' (German) = 0 ultralow"),
        ("DE6-09", "0-1+", "", "", "", "", "", "", "95", "90", zero_one("0-1+"), "§7 '0-1+' = negative, 0 vs low unknown: review; §4 HER2-negative"),
        ("DE6-10", "1+/2+", "", "nicht amplifiziert", "1,38", "2,9", "2,1", "20", "85", "40",
         dict(category="HER2-low", status="negative", ish_group="5", review="optional",
              why="'1+/2+' ambiguous but settled by ISH group 5",
              must_not=["HER2-positive", "HER2-equivocal", "HER2-0", "'amplifiziert' substring read as amplified"]),
         "§7 '1+/2+ ... ISH may settle it'; §2 1,38 / 2,9 copies (2.9/2.1 = 1.38), 20 cells = group 5; §3 group 5 x 1+ or 2+ = negative; §4 HER2-low"),
        ("DE6-11", "schwach", "", "", "", "", "", "", "90", "60", weak("schwach"), "§7 'weak' alone names no score: ambiguous"),
        ("DE6-12", "negativ", "", "", "", "", "", "", "95", "95", neg_unknown("negativ", acceptable=nocall("negativ", L)),
         "§3 program rule: 'negative' without a score = negative, level unknown: review; §4 HER2-negative"),
        ("DE6-13", "neg.", "", "", "", "", "", "", "50", "10", neg_unknown("neg.", acceptable=nocall("neg.", L)),
         "§7 'NEG' = negative, score unknown ('neg.' abbreviation); §4 HER2-negative, review"),
        ("DE6-14", "fraglich (2+)", "40", "keine Amplifikation", "", "", "", "", "90", "80",
         low2_notamp(acceptable=nocall_equiv("keine Amplifikation", L)),
         "§7 negation scope: 'keine Amplifikation' (no amplification) = not amplified; §3 'not amplified' x 2+ = negative; §4 HER2-low"),
        ("DE6-15", "Score 2+", "35", "Gruppe 3", "1,85", "6,2", "3,35", "25", "80", "50",
         dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review=True,
              why="group 3 with IHC 2+: confirm the blinded recount", must_not=["HER2-low", "HER2-negative", "ish_group 4"]),
         "§7 'Group 3' (German 'Gruppe 3'); §2 1,85 / 6,2 copies (6.2/3.35 = 1.85), 25 cells = group 3 from the numbers too; §3 positive + recount review"),
        ("DE6-16", "nicht beurteilbar", "", "", "", "", "", "", "90", "90", indet(acceptable=nocall("nicht beurteilbar", L)),
         "§7 'cannot be determined' (German 'nicht beurteilbar') = indeterminate; §3 never negative"),
        ("DE6-17", "ausstehend", "", "", "", "", "", "", "100", "95", pending("ausstehend"), "§7 'pending' (German) = review; status not stated"),
        ("DE6-18", "ÖR positiv", "", "", "", "", "", "", "95", "80", other_marker("ÖR positiv"),
         "§7 another marker ('ÖR' = oestrogen receptor) is not HER2: unreadable, review"),
        ("DE6-19", "Score 2+", "30", "Amplifikation nicht nachgewiesen", "", "", "", "", "85", "85",
         low2_notamp(acceptable=nocall_equiv("Amplifikation nicht nachgewiesen", L)),
         "§7 negation scope: 'amplification not detected' (German) = not amplified; §3 x 2+ = negative; §4 HER2-low"),
        ("DE6-20", "nicht durchgeführt", "", "nicht durchgefuehrt", "", "", "", "", "90", "70",
         not_tested(acceptable=nocall("nicht durchgeführt / durchgefuehrt", L)),
         "§7 'not performed' (German, with and without umlaut) = no result; §3 neither IHC nor ISH = not_tested; §4 unknown"),
    ])
FILES.append(DE)

# 03 French ----------------------------------------------------------------------------------
L = "French"
FR = dict(
    name="03_fr_anapath_bom.csv", delimiter=";", encoding="utf-8-sig", newline="\r\n",
    fmt="CSV, semicolon, UTF-8 with BOM, CRLF, decimal commas; French headers (Numéro de dossier, Résultat HIS, RE/RP)",
    lang=L,
    header=["Numéro de dossier", "HER2 IHC (score)", "% cellules tumorales marquées", "Résultat HIS", "Ratio HER2/CEP17",
            "Nb moyen copies HER2/noyau", "Nb moyen CEP17/noyau", "Noyaux comptés", "RE (%)", "RP (%)"],
    notes="French value words with and without accents (négatif/negatif, équivoque/equivoque, non amplifié/non amplifie), "
          "'absence de marquage' (absence = 0 null, not a negation of a score), 'absence d'amplification', 'amplification "
          "non détectée', 'groupe 3' without numbers, 'RE positif' (récepteurs aux oestrogènes) in the HER2 column.",
    rows=[
        ("FR6-01", "positif (3+)", "100", "", "", "", "", "", "90", "90", pos3(acceptable=nocall("positif", L)), "§7 'Positive (3+)' (French) = 3+; §3"),
        ("FR6-02", "équivoque (2+)", "40", "non amplifié", "1,52", "3,1", "2,04", "40", "95", "60",
         dict(low2_notamp(), ish_group="5", acceptable="review true with HER2-low (numbers give group 5 whatever the words) or no call (§7)"),
         "§2 1,52 / 3,1 copies (3.1/2.04 = 1.52) = group 5; 'non amplifié' agrees; §3 group 5 x 2+ = negative; §4 HER2-low"),
        ("FR6-03", "négatif (1+)", "30", "", "", "", "", "", "70", "40", low1(acceptable=nocall("négatif", L)), "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        ("FR6-04", "negatif (0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negatif (no accent)", L)),
         "§7 'Negative (0)' (French, accent-less) = 0 sub-type unknown; §4 HER2-0"),
        ("FR6-05", "0 (nul)", "0", "", "", "", "", "", "80", "20", null(acceptable=nocall("nul", L) + " (the 0% alone must not make a score, §1)"),
         "§7 '0 (null)' (French 'nul'); 0% = null (§1 program rule)"),
        ("FR6-06", "absence de marquage", "", "", "", "", "", "", "90", "85", null(acceptable=nocall("absence de marquage", L)),
         "§7 'no staining' / 'absent' = 0 null (French); not a negation to scope"),
        ("FR6-07", "0 avec marquage membranaire", "", "", "", "", "", "", "95", "70",
         ultra(acceptable=nocall("avec marquage membranaire", L)), "§7 '0 with membrane staining' (French) = 0 ultralow"),
        ("FR6-08", "0+", "", "", "", "", "", "", "85", "50", zero_plus(), "§7 '0+': ambiguous unless the lab's settings say which -> sub-type not stated"),
        ("FR6-09", "1-2+", "", "amplifié", "", "", "", "", "70", "10",
         dict(category="HER2-positive", status="positive", review=True,
              why="'1-2+' with amplified ISH: positive under either reading; 1+ with amplification is discordant",
              must_not=["HER2-low", "HER2-negative", "HER2-0"], acceptable=nocall("amplifié", L)),
         "§7 '1-2+' ISH may settle it; §3 text 'amplified' x 1+ = positive (review: discordant), x 2+ = positive -> positive either way"),
        ("FR6-10", "++", "", "", "", "", "", "", "90", "90", ambig("++"), "§7 '++': ambiguous: review"),
        ("FR6-11", "faible", "", "", "", "", "", "", "80", "60", weak("faible"), "§7 'weak' (French 'faible') names no score"),
        ("FR6-12", "négatif", "", "", "", "", "", "", "95", "90", neg_unknown("négatif", acceptable=nocall("négatif", L)),
         "§3 program rule: 'negative' without a score: negative, level unknown, review; §4 HER2-negative"),
        ("FR6-13", "non interprétable", "", "", "", "", "", "", "90", "80", indet(acceptable=nocall("non interprétable", L)),
         "§7 'uninterpretable' (French) = indeterminate; §3 never negative"),
        ("FR6-14", "équivoque (2+)", "40", "absence d'amplification", "", "", "", "", "100", "95",
         low2_notamp(acceptable=nocall_equiv("absence d'amplification", L)),
         "§7 negation scope: 'absence of amplification' = not amplified; §3 x 2+ = negative; §4 HER2-low"),
        ("FR6-15", "score 2+", "50", "amplification non détectée", "", "", "", "", "90", "30",
         low2_notamp(acceptable=nocall_equiv("amplification non détectée", L)),
         "§7 negation scope: 'amplification not detected' (French) = not amplified; §3; §4 HER2-low"),
        ("FR6-16", "voir commentaire", "", "", "", "", "", "", "85", "85", see_comment("voir commentaire"), "§7 'see comment': review"),
        ("FR6-17", "RE positif", "", "", "", "", "", "", "95", "90", other_marker("RE positif"),
         "§7 another marker (RE = oestrogen receptor) is not HER2: unreadable"),
        ("FR6-18", "score 2+", "30", "non amplifie", "", "", "", "", "60", "0",
         low2_notamp(acceptable=nocall_equiv("non amplifie (no accent)", L)),
         "§7 'Not amplified' (French, accent-less) = ISH text negative; §3 x 2+ = negative; §4 HER2-low"),
        ("FR6-19", "equivoque (2+)", "40", "Groupe 3", "", "", "", "", "90", "80",
         dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review=True,
              why="group 3 with IHC 2+: confirm the blinded recount", must_not=["HER2-low", "HER2-negative"],
              acceptable=nocall_equiv("Groupe 3 / equivoque", L)),
         "§7 'Group 1 ... Group 5' = group given directly (French 'Groupe 3', no numbers); §3 group 3 x 2+ = positive + recount review"),
    ])
FILES.append(FR)

# 04 Spanish ---------------------------------------------------------------------------------
L = "Spanish"
ES = dict(
    name="04_es_anatomia_patologica.csv", delimiter=";", encoding="utf-8", newline="\n",
    fmt="CSV, semicolon, UTF-8 no BOM, LF, decimal commas; Spanish headers (Nº de biopsia, IHQ, HIS, cociente)",
    lang=L,
    header=["Nº de biopsia", "HER2 IHQ (score)", "% células tumorales teñidas", "Resultado HIS", "Cociente HER2/CEP17",
            "Nº copias HER2/núcleo", "Nº copias CEP17/núcleo", "Núcleos contados", "RE (%)", "RP (%)"],
    notes="Spanish value words with and without accents (equívoco/equivoco, débil, sin tinción), 'no amplificado', 'sin "
          "amplificación', 'no se detecta amplificación', ISH 'indeterminado' with IHC 2+, '1-2+' with numeric group 3 "
          "(ISH does NOT settle it), 'RE positivo' in the HER2 column.",
    rows=[
        ("ES6-01", "positivo (3+)", "90", "", "", "", "", "", "95", "90", pos3(acceptable=nocall("positivo", L)), "§7 'Positive (3+)' = 3+; §3"),
        ("ES6-02", "equívoco (2+)", "40", "amplificado", "2,18", "4,6", "2,11", "30", "90", "70",
         pos2_amp(ish_group="1", acceptable="review true with HER2-positive (numbers give group 1) or no call (§7)"),
         "§2 2,18 / 4,6 copies (4.6/2.11 = 2.18) = group 1; 'amplificado' agrees; §3 group 1 x 2+ = positive"),
        ("ES6-03", "negativo (1+)", "15", "", "", "", "", "", "80", "50", low1(acceptable=nocall("negativo", L)), "§7 'Negative (1+)' = 1+; 15% consistent; §4 HER2-low"),
        ("ES6-04", "negativo (0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negativo", L)), "§7 'Negative (0)' = 0 sub-type unknown; §4 HER2-0"),
        ("ES6-05", "0 (nulo)", "0", "", "", "", "", "", "70", "40", null(acceptable=nocall("nulo", L) + " (the 0% alone must not make a score, §1)"),
         "§7 '0 (null)' (Spanish 'nulo'); 0% = null (§1)"),
        ("ES6-06", "sin tinción", "", "", "", "", "", "", "95", "95", null(acceptable=nocall("sin tinción", L)), "§7 'no staining' (Spanish) = 0 null"),
        ("ES6-07", "ultrabajo", "4", "", "", "", "", "", "90", "60", ultra(acceptable=nocall("ultrabajo", L) + " (the 4% must not be used to invent a score, §1)"),
         "§7 'ultralow' (Spanish 'ultrabajo') = 0 ultralow; 4% agrees"),
        ("ES6-08", "0 con tinción de membrana", "", "", "", "", "", "", "85", "80", ultra(acceptable=nocall("con tinción de membrana", L)),
         "§7 '0 with membrane staining' (Spanish) = 0 ultralow"),
        ("ES6-09", "0-1+", "", "", "", "", "", "", "90", "30", zero_one("0-1+"), "§7 '0-1+': negative, 0 vs low unknown: review; §4 HER2-negative"),
        ("ES6-10", "1-2+", "", "", "1,64", "6,4", "3,9", "40", "95", "85",
         guess("'1-2+' with ISH group 3: 1+ x group 3 = negative, 2+ x group 3 = positive; ISH does not settle it",
               ["HER2-positive", "HER2-low", "HER2-0", "HER2-null", "HER2-ultralow", "HER2-negative"], ish_group="3"),
         "§7 '1-2+ ... ISH MAY settle it'; §2 1,64 / 6,4 copies (6.4/3.9 = 1.64) = group 3; §3 group 3: negative with 1+, positive with 2+ -> not settled"),
        ("ES6-11", "débil", "", "", "", "", "", "", "80", "10", weak("débil"), "§7 'weak' (Spanish 'débil') names no score"),
        ("ES6-12", "negativo", "", "", "", "", "", "", "95", "95", neg_unknown("negativo", acceptable=nocall("negativo", L)),
         "§3 program rule: 'negative' without score, level unknown: review; §4 HER2-negative"),
        ("ES6-13", "indeterminado", "", "", "", "", "", "", "90", "90", indet(acceptable=nocall("indeterminado", L)),
         "§7 'Indeterminate' (Spanish) = indeterminate; §3 never negative"),
        ("ES6-14", "no realizado", "", "no realizado", "", "", "", "", "85", "60", not_tested(acceptable=nocall("no realizado", L)),
         "§7 'not performed' (Spanish) = no result; §3 neither test = not_tested; §4 unknown"),
        ("ES6-15", "equívoco (2+)", "35", "no amplificado", "", "", "", "", "70", "20", low2_notamp(acceptable=nocall_equiv("no amplificado", L)),
         "§7 'Not amplified' (Spanish) = ISH negative; §3 x 2+ = negative; §4 HER2-low"),
        ("ES6-16", "dudoso (2+)", "40", "sin amplificación", "", "", "", "", "90", "90", low2_notamp(acceptable=nocall_equiv("dudoso / sin amplificación", L)),
         "§7 negation scope: 'without amplification' = not amplified; 'dudoso' = equivocal with the score 2+ stated; §3; §4 HER2-low"),
        ("ES6-17", "2+", "40", "no se detecta amplificación", "", "", "", "", "95", "70", low2_notamp(acceptable=nocall_equiv("no se detecta amplificación", L)),
         "§7 negation scope: 'amplification is not detected' = not amplified; §3; §4 HER2-low"),
        ("ES6-18", "pendiente", "", "", "", "", "", "", "90", "80", pending("pendiente"), "§7 'pending' (Spanish): review"),
        ("ES6-19", "RE positivo", "", "", "", "", "", "", "95", "90", other_marker("RE positivo"), "§7 another marker (RE = receptor de estrógeno) is not HER2"),
        ("ES6-20", "equivoco (2+)", "45", "indeterminado", "", "", "", "", "80", "70",
         dict(category="HER2-equivocal", status="equivocal", ihc_score="2+", review="optional",
              must_not=["HER2-low", "HER2-negative", "HER2-positive"],
              acceptable="review true with HER2-equivocal, or no call, if 'equivoco'/'indeterminado' are not in the tool's Spanish vocabulary (§7)"),
         "§3 program rule: an indeterminate ISH is never read as negative; IHC 2+ without a valid ISH = equivocal; §4 HER2-equivocal"),
    ])
FILES.append(ES)

# 05 Italian ---------------------------------------------------------------------------------
L = "Italian"
IT = dict(
    name="05_it_anatomia_patologica.csv", delimiter=";", encoding="utf-8", newline="\n",
    fmt="CSV, semicolon, UTF-8 no BOM, LF, decimal commas; Italian headers (N. esame, Esito ISH, RPg)",
    lang=L,
    header=["N. esame", "HER2 IHC (score)", "% cellule neoplastiche positive", "Esito ISH", "Rapporto HER2/CEP17",
            "Copie HER2/nucleo", "Copie CEP17/nucleo", "Nuclei contati", "RE (%)", "RPg (%)"],
    notes="Italian value words ('positivo (score 3+)', 'negativo (score 0)', 'nullo', 'nessuna colorazione', 'debole', 'non "
          "valutabile', 'vedi commento', 'non amplificato', 'assenza di amplificazione', 'amplificazione non rilevata', "
          "'gruppo 3' with IHC 1+), '0/1+', '2-3+' with a group 1 ISH (positive under either reading), 'RE positivo (90%)'.",
    rows=[
        ("IT6-01", "positivo (score 3+)", "95", "", "", "", "", "", "90", "80", pos3(acceptable=nocall("positivo", L)), "§7 'Positive (3+)' = 3+; §3"),
        ("IT6-02", "equivoco (2+)", "50", "amplificato", "3,05", "7,6", "2,49", "20", "95", "60",
         pos2_amp(ish_group="1", acceptable="review true with HER2-positive (numbers give group 1) or no call (§7)"),
         "§2 3,05 / 7,6 copies (7.6/2.49 = 3.05), exactly 20 cells (enough) = group 1; §3 positive"),
        ("IT6-03", "negativo (1+)", "20", "", "", "", "", "", "70", "30", low1(acceptable=nocall("negativo", L)), "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        ("IT6-04", "negativo (score 0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negativo", L)), "§7 'Negative (0)' = 0 sub-type unknown; §4 HER2-0"),
        ("IT6-05", "0 (nullo)", "0", "", "", "", "", "", "90", "70", null(acceptable=nocall("nullo", L) + " (the 0% alone must not make a score, §1)"),
         "§7 '0 (null)' (Italian 'nullo'); 0% = null (§1)"),
        ("IT6-06", "nessuna colorazione", "", "", "", "", "", "", "85", "50", null(acceptable=nocall("nessuna colorazione", L)),
         "§7 'no staining' (Italian) = 0 null"),
        ("IT6-07", "ultralow", "", "", "", "", "", "", "95", "90", ultra(), "§7 'ultralow' (the English term, as Italian reports use it) = 0 ultralow"),
        ("IT6-08", "0 con colorazione di membrana", "8", "", "", "", "", "", "80", "60",
         ultra(acceptable=nocall("con colorazione di membrana", L) + " (never a score from the 8% alone, §1)"),
         "§7 '0 with membrane staining' (Italian) = 0 ultralow; 8% agrees (§1)"),
        ("IT6-09", "0/1+", "", "", "", "", "", "", "90", "90", zero_one("0/1+"), "§7 '0/1+': negative, 0 vs low unknown: review; §4 HER2-negative"),
        ("IT6-10", "2-3+", "", "amplificato", "2,55", "5,9", "2,31", "40", "60", "10",
         dict(category="HER2-positive", status="positive", ish_group="1", review=True,
              why="'2-3+' is ambiguous (review), but group 1 makes either reading positive",
              must_not=["HER2-low", "HER2-negative", "HER2-equivocal without review"],
              acceptable="review true with no call (the §7 'ambiguous: review' for 2-3+ taken as blocking)"),
         "§7 '2-3+ ... ambiguous: review'; §2 2,55 / 5,9 copies (5.9/2.31 = 2.55) = group 1; §3 group 1 x 2+ or 3+ = positive"),
        ("IT6-11", "debole", "", "", "", "", "", "", "90", "70", weak("debole"), "§7 'weak' (Italian 'debole') names no score"),
        ("IT6-12", "negativo", "", "", "", "", "", "", "95", "95", neg_unknown("negativo", acceptable=nocall("negativo", L)),
         "§3 program rule: 'negative' alone: negative, level unknown: review; §4 HER2-negative"),
        ("IT6-13", "non valutabile", "", "", "", "", "", "", "90", "80", indet(acceptable=nocall("non valutabile", L)),
         "§7 'cannot be determined' (Italian 'non valutabile') = indeterminate; §3 never negative"),
        ("IT6-14", "equivoco (2+)", "40", "non amplificato", "", "", "", "", "80", "40", low2_notamp(acceptable=nocall_equiv("non amplificato", L)),
         "§7 'Not amplified' (Italian); §3 x 2+ = negative; §4 HER2-low"),
        ("IT6-15", "2+", "30", "assenza di amplificazione", "", "", "", "", "95", "85", low2_notamp(acceptable=nocall_equiv("assenza di amplificazione", L)),
         "§7 negation scope: 'absence of amplification' = not amplified; §3; §4 HER2-low"),
        ("IT6-16", "score 2+", "40", "amplificazione non rilevata", "", "", "", "", "90", "90", low2_notamp(acceptable=nocall_equiv("amplificazione non rilevata", L)),
         "§7 negation scope: 'amplification not detected' (Italian) = not amplified; §3; §4 HER2-low"),
        ("IT6-17", "vedi commento", "", "", "", "", "", "", "85", "60", see_comment("vedi commento"), "§7 'see comment' (Italian): review"),
        ("IT6-18", "RE positivo (90%)", "", "", "", "", "", "", "90", "60", other_marker("RE positivo (90%)"),
         "§7 another marker (RE = recettori estrogenici) is not HER2, whatever its percentage"),
        ("IT6-19", "1+", "20", "gruppo 3", "", "", "", "", "95", "80",
         dict(category="HER2-low", status="negative", ihc_score="1+", ish_group="3", review="optional",
              must_not=["HER2-positive"], acceptable=nocall_keep("gruppo 3", L)),
         "§7 'Group 3' given directly (Italian 'gruppo 3'); §3 group 3 x IHC 0/1+ = negative, with comment; §4 HER2-low (1+)"),
    ])
FILES.append(IT)

# 06 Dutch -----------------------------------------------------------------------------------
L = "Dutch"
NL = dict(
    name="06_nl_pathologie_palga.csv", delimiter=";", encoding="utf-8", newline="\n",
    fmt="CSV, semicolon, UTF-8 no BOM, LF, decimal commas; Dutch headers (T-nummer, % aankleuring, ISH uitslag)",
    lang=L,
    header=["T-nummer", "HER2 IHC", "% aankleuring tumorcellen", "ISH uitslag", "HER2/CEP17 ratio",
            "HER2 kopieën/kern", "CEP17 kopieën/kern", "Aantal getelde kernen", "ER (%)", "PR (%)"],
    notes="Dutch value words ('positief', 'negatief', 'neg', '2+ (twijfelachtig)', 'geen aankleuring', 'ultralaag', 'zwak', "
          "'niet beoordeelbaar', 'niet verricht', 'volgt' = pending), ISH 'geamplificeerd' vs 'niet geamplificeerd' "
          "(substring trap), 'geen amplificatie', 'amplificatie niet aangetoond', 'groep 3' with numbers, 'ER positief'.",
    rows=[
        ("NL6-01", "positief (3+)", "90", "", "", "", "", "", "95", "80", pos3(acceptable=nocall("positief", L)), "§7 'Positive (3+)' (Dutch) = 3+; §3"),
        ("NL6-02", "2+ (twijfelachtig)", "40", "geamplificeerd", "", "", "", "", "80", "60",
         pos2_amp(acceptable=nocall_equiv("geamplificeerd / twijfelachtig", L)),
         "§7 'Amplified' (Dutch) = ISH text positive; §3 text 'amplified' x 2+ = positive (no numbers: ish_group empty)"),
        ("NL6-03", "negatief (1+)", "20", "", "", "", "", "", "70", "20", low1(acceptable=nocall("negatief", L)), "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        ("NL6-04", "negatief (0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negatief", L)), "§7 'Negative (0)' = 0 sub-type unknown; §4 HER2-0"),
        ("NL6-05", "0 (nul)", "0", "", "", "", "", "", "90", "90", null(acceptable=nocall("nul", L) + " (the 0% alone must not make a score, §1)"),
         "§7 '0 (null)' (Dutch 'nul'); 0% = null (§1)"),
        ("NL6-06", "geen aankleuring", "", "", "", "", "", "", "85", "70", null(acceptable=nocall("geen aankleuring", L)),
         "§7 'no staining' (Dutch) = 0 null"),
        ("NL6-07", "ultralaag", "6", "", "", "", "", "", "95", "60", ultra(acceptable=nocall("ultralaag", L) + " (never a score from the 6% alone, §1)"),
         "§7 'ultralow' (Dutch 'ultralaag') = 0 ultralow; 6% agrees"),
        ("NL6-08", "0 met membraankleuring", "", "", "", "", "", "", "80", "40", ultra(acceptable=nocall("met membraankleuring", L)),
         "§7 '0 with membrane staining' (Dutch) = 0 ultralow"),
        ("NL6-09", "0+", "", "", "", "", "", "", "90", "80", zero_plus(), "§7 '0+' ambiguous unless the lab's settings say which -> sub-type not stated"),
        ("NL6-10", "1-2+", "", "niet geamplificeerd", "", "", "", "", "95", "90",
         dict(category="HER2-low", status="negative", review="optional", why="'1-2+' ambiguous but settled by the negative ISH",
              must_not=["HER2-positive", "HER2-0", "HER2-negative", "'geamplificeerd' substring read as amplified"],
              acceptable=nocall("niet geamplificeerd", L)),
         "§7 '1-2+' ISH may settle it; 'niet geamplificeerd' = not amplified (negation scope); §3 1+ or 2+ x not amplified = negative; §4 HER2-low"),
        ("NL6-11", "zwak", "", "", "", "", "", "", "85", "50", weak("zwak"), "§7 'weak' (Dutch 'zwak') names no score"),
        ("NL6-12", "neg", "", "", "", "", "", "", "90", "90", neg_unknown("neg", acceptable=nocall("neg", L)),
         "§7 'NEG' = negative, score unknown; §4 HER2-negative, review"),
        ("NL6-13", "niet beoordeelbaar", "", "", "", "", "", "", "90", "70", indet(acceptable=nocall("niet beoordeelbaar", L)),
         "§7 'cannot be determined' (Dutch) = indeterminate; §3 never negative"),
        ("NL6-14", "niet verricht", "", "niet verricht", "", "", "", "", "80", "30", not_tested(acceptable=nocall("niet verricht", L)),
         "§7 'not performed' (Dutch) = no result; §3 neither test = not_tested; §4 unknown"),
        ("NL6-15", "2+ (twijfelachtig)", "35", "geen amplificatie", "1,3", "2,6", "2,0", "60", "95", "85",
         dict(low2_notamp(), ish_group="5", acceptable="review true with HER2-low (numbers give group 5 whatever the words) or no call (§7)"),
         "§2 1,3 / 2,6 copies (2.6/2.0 = 1.3), 60 cells = group 5; 'geen amplificatie' (no amplification) agrees; §3 negative; §4 HER2-low"),
        ("NL6-16", "2+", "40", "amplificatie niet aangetoond", "", "", "", "", "90", "80",
         low2_notamp(acceptable=nocall_equiv("amplificatie niet aangetoond", L)),
         "§7 negation scope: 'amplification not demonstrated' = not amplified; §3 x 2+ = negative; §4 HER2-low"),
        ("NL6-17", "volgt", "", "", "", "", "", "", "95", "95", pending("volgt"), "§7 'pending' (Dutch 'volgt' = to follow): review"),
        ("NL6-18", "ER positief", "", "", "", "", "", "", "95", "70", other_marker("ER positief"), "§7 another marker is not HER2: unreadable"),
        ("NL6-19", "2+", "45", "groep 3", "1,90", "6,1", "3,21", "22", "85", "60",
         dict(category="HER2-positive", status="positive", ihc_score="2+", ish_group="3", review=True,
              why="group 3 with IHC 2+: confirm the blinded recount", must_not=["HER2-low", "HER2-negative", "ish_group 4"]),
         "§2 1,90 / 6,1 copies (6.1/3.21 = 1.90), 22 cells (>=20) = group 3; 'groep 3' agrees; §3 positive + recount review"),
    ])
FILES.append(NL)

# 07 Portuguese ------------------------------------------------------------------------------
L = "Portuguese"
PT = dict(
    name="07_pt_anatomia_patologica.csv", delimiter=";", encoding="utf-8", newline="\r\n",
    fmt="CSV, semicolon, UTF-8 no BOM, CRLF, decimal commas; European Portuguese headers (N.º processo, IHQ, Razão)",
    lang=L,
    header=["N.º processo", "HER2 IHQ (score)", "% células tumorais marcadas", "Resultado ISH", "Razão HER2/CEP17",
            "Cópias HER2/núcleo", "Cópias CEP17/núcleo", "Núcleos contados", "RE (%)", "RP (%)"],
    notes="European Portuguese words with and without accents ('não amplificado'/'nao amplificado', 'equívoco'/'equivoco', "
          "'sem marcação', 'ultrabaixo', 'fraco', 'indeterminado', 'não realizado'/'nao realizado', 'pendente', 'ver "
          "comentário', 'ausência de amplificação', 'amplificação não detetada' - pt-PT spelling of 'detectada'), a "
          "group 1 at the edges (ratio 2,06, 4,2 copies, exactly 20 cells), 'RE positivo'.",
    rows=[
        ("PT6-01", "positivo (3+)", "100", "", "", "", "", "", "95", "90", pos3(acceptable=nocall("positivo", L)), "§7 'Positive (3+)' = 3+; §3"),
        ("PT6-02", "equívoco (2+)", "40", "amplificado", "2,06", "4,2", "2,04", "20", "90", "80",
         pos2_amp(ish_group="1", acceptable="review true with HER2-positive (numbers give group 1) or no call (§7)"),
         "§2 2,06 (>=2.0) / 4,2 copies (>=4.0) (4.2/2.04 = 2.06), exactly 20 cells = group 1; §3 positive"),
        ("PT6-03", "negativo (1+)", "20", "", "", "", "", "", "60", "10", low1(acceptable=nocall("negativo", L)), "§7 'Negative (1+)' = 1+; §4 HER2-low"),
        ("PT6-04", "negativo (0)", "", "", "", "", "", "", "0", "0", zero(acceptable=nocall("negativo", L)), "§7 'Negative (0)' = 0 sub-type unknown; §4 HER2-0"),
        ("PT6-05", "0 (nulo)", "0", "", "", "", "", "", "90", "70", null(acceptable=nocall("nulo", L) + " (the 0% alone must not make a score, §1)"),
         "§7 '0 (null)' (Portuguese 'nulo'); 0% = null (§1)"),
        ("PT6-06", "sem marcação", "", "", "", "", "", "", "85", "85", null(acceptable=nocall("sem marcação", L)),
         "§7 'no staining' (Portuguese 'sem marcação') = 0 null"),
        ("PT6-07", "ultrabaixo", "", "", "", "", "", "", "95", "60", ultra(acceptable=nocall("ultrabaixo", L)), "§7 'ultralow' (Portuguese) = 0 ultralow"),
        ("PT6-08", "0 com marcação membranar", "", "", "", "", "", "", "80", "50", ultra(acceptable=nocall("com marcação membranar", L)),
         "§7 '0 with membrane staining' (Portuguese) = 0 ultralow"),
        ("PT6-09", "0-1+", "", "", "", "", "", "", "90", "80", zero_one("0-1+"), "§7 '0-1+': negative, 0 vs low unknown: review; §4 HER2-negative"),
        ("PT6-10", "1-2+", "", "nao amplificado", "", "", "", "", "95", "90",
         dict(category="HER2-low", status="negative", review="optional", why="'1-2+' ambiguous but settled by the negative ISH",
              must_not=["HER2-positive", "HER2-0", "HER2-negative", "'amplificado' substring read as amplified"],
              acceptable=nocall("nao amplificado (no accent)", L)),
         "§7 '1-2+' ISH may settle it; 'nao amplificado' (accent-less 'não') = not amplified; §3; §4 HER2-low"),
        ("PT6-11", "fraco", "", "", "", "", "", "", "85", "40", weak("fraco"), "§7 'weak' (Portuguese 'fraco') names no score"),
        ("PT6-12", "negativo", "", "", "", "", "", "", "95", "95", neg_unknown("negativo", acceptable=nocall("negativo", L)),
         "§3 program rule: 'negative' alone: negative, level unknown: review; §4 HER2-negative"),
        ("PT6-13", "indeterminado", "", "", "", "", "", "", "90", "80", indet(acceptable=nocall("indeterminado", L)),
         "§7 'Indeterminate' (Portuguese) = indeterminate; §3 never negative"),
        ("PT6-14", "não realizado", "", "nao realizado", "", "", "", "", "80", "30",
         not_tested(acceptable=nocall("não realizado / nao realizado", L)),
         "§7 'not performed' (Portuguese, with and without accent) = no result; §3 neither test = not_tested; §4 unknown"),
        ("PT6-15", "equivoco (2+)", "35", "não amplificado", "", "", "", "", "70", "20",
         low2_notamp(acceptable=nocall_equiv("equivoco / não amplificado", L)),
         "§7 'Not amplified' (Portuguese); §3 x 2+ = negative; §4 HER2-low"),
        ("PT6-16", "2+", "40", "ausência de amplificação", "", "", "", "", "90", "90",
         low2_notamp(acceptable=nocall_equiv("ausência de amplificação", L)),
         "§7 negation scope: 'absence of amplification' = not amplified; §3; §4 HER2-low"),
        ("PT6-17", "2+", "30", "amplificação não detetada", "", "", "", "", "95", "70",
         low2_notamp(acceptable=nocall_equiv("amplificação não detetada", L)),
         "§7 negation scope: 'amplification not detected' (pt-PT 'detetada') = not amplified; §3; §4 HER2-low"),
        ("PT6-18", "pendente", "", "", "", "", "", "", "90", "60", pending("pendente"), "§7 'pending' (Portuguese): review"),
        ("PT6-19", "RE positivo", "", "", "", "", "", "", "95", "90", other_marker("RE positivo"), "§7 another marker (RE = recetores de estrogénio) is not HER2"),
        ("PT6-20", "ver comentário", "", "", "", "", "", "", "85", "80", see_comment("ver comentário"), "§7 'see comment' (Portuguese): review"),
    ])
FILES.append(PT)


# ---------------------------------------------------------------------------------------------
def write_csv(f):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=f["delimiter"], lineterminator=f["newline"], quoting=csv.QUOTE_MINIMAL)
    w.writerow(f["header"])
    for r in f["rows"]:
        w.writerow(r[:10])
    with open(os.path.join(HERE, f["name"]), "w", encoding=f["encoding"], newline="") as fh:
        fh.write(buf.getvalue())


def q(v):
    return json.dumps(v, ensure_ascii=False)


KEYS = ["category", "status", "ihc_score", "zero_subtype", "ish_group", "review", "source_row", "why",
        "acceptable", "must_not"]


def entry(cid, exp, source_row):
    exp = dict(exp)
    exp["source_row"] = source_row
    parts = []
    for k in KEYS:
        if k not in exp:
            continue
        v = exp[k]
        if k == "review":
            s = "optional" if v == "optional" else ("true" if v else "false")
        elif k == "source_row":
            s = str(v)
        elif k == "must_not":
            s = "[" + ", ".join(q(x) for x in v) + "]"
        elif k in ("category", "status") and isinstance(v, str) and v.replace("-", "").replace("_", "").isalnum():
            s = v
        else:
            s = q(v)
        parts.append(f"{k}: {s}")
    for k in exp:
        assert k in KEYS, (cid, k)
    return f"    {cid}: {{" + ", ".join(parts) + "}"


HEADER = """\
# Expected outcomes for the sixth export corpus (corpus6: the same structured columns in seven languages).
# Derived only from her2-rules.md ("§n" = its section n, mostly §7 "Values as lab exports write them" and its
# program rules) and contract.md ("contract"). Written without reading any her2batch code or tests; the
# other corpora (tests/cases/exports*) were read for their file format only and their rows are not repeated.
# Generated by make_exports.py together with the files, so case ids and source_row numbers match the data.
#
# Default run: `her2batch run FILE` (rule set asco-cap-2023 = 2018 criteria, breast default site: no file
# has a site column, so every row is breast).
#
# Per-row keys (rows keyed by case id):
#   category   expected her2_category | "must_not_guess" when the rules do not settle it
#   status     expected her2_status | "must_not_guess"
#   review     true / false / optional (rules neither require nor forbid a flag)
#   why        the reason for review
#   ihc_score / zero_subtype / ish_group: expected annotation where the rules fix them ("" = must be empty;
#              absent = not checked)
#   acceptable the only alternative outcome a correct tool may give: a word of that language that a tool
#              might reasonably not have in its vocabulary -> review true with no call (§7 "every word
#              understood, or unreadable"). It never covers a wrong call: a tool that makes a call must
#              make the expected one, and never one listed under must_not.
#   must_not   outcomes that are always wrong for the row (the trap)
#   source_row CSV line of the record (header = 1)
#
# "must_not_guess": the row is accepted and sent to review, and carries no category listed in must_not.
# Test: review_required is true and her2_category not in must_not. For the ambiguous IHC values whose
# readings straddle 2+ ("1-2+" without ISH, "2-3+", "++") HER2-equivocal WITH review is not listed under
# must_not: it is the conservative state (work-up needed), not a positive/negative call.
#
# No row is a reject: every value is either a number in range or text (contract: doubtful but readable
# rows are accepted and sent to review). Every row carries a comment citing the section that decides it.

conventions:
  rows_in_equation: "rows_in == cases + rejects  # contract"
  site_default: "no site column in any file: breast rules (contract 'tumor_site: breast when absent')"
  decimal_commas: "files 02-07 write decimal commas (2,41 = 2.41); a comma is never a thousands separator here  # §7"
  ihc_percent: "the % column is consistent with the score in every row; it must never be used to derive a score (§1 program rule), only to sub-type 0"
  ish_text_only: "rows with ISH text and no numbers have ish_group empty, except where the text names the group ('Group 3' and translations)  # §7"
  acceptable_no_call: "'review true, no call' = review_required true, her2_category unknown, her2_status neither positive nor negative nor equivocal (except where the row's acceptable says HER2-equivocal)"

files:
"""


def main():
    out = [HEADER]
    total = 0
    for f in FILES:
        write_csv(f)
        ids = [r[0] for r in f["rows"]]
        assert len(ids) == len(set(ids))
        assert 12 <= len(ids) <= 20, (f["name"], len(ids))
        out.append("# " + "-" * 93)
        out.append(f"- file: {f['name']}")
        out.append(f"  format: {q(f['fmt'])}")
        out.append("  file_outcome: " + ("read" if f["lang"] == "English" else "read_or_fail_naming"))
        out.append(f"  notes: {q(f['notes'])}")
        out.append("  rows:")
        for i, r in enumerate(f["rows"]):
            out.append(entry(r[0], r[10], i + 2))
            out.append(f"      # {r[11]}")
            total += 1
        out.append("")
    with open(os.path.join(HERE, "expected.yaml"), "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))
    print(f"{len(FILES)} files, {total} rows")


if __name__ == "__main__":
    main()

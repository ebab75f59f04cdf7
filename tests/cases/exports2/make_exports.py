"""Regenerate the second HER2 export corpus (exports2). All ids and names are invented.

Run: .venv/bin/python make_exports.py   (needs openpyxl for the one .xlsx file)
"""
import csv
import io
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write_csv(name, rows, delimiter=",", encoding="utf-8", newline="\n", prefix_lines=()):
    buf = io.StringIO()
    for line in prefix_lines:
        buf.write(line + newline)
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, name), "w", encoding=encoding, newline="") as f:
        f.write(buf.getvalue())


# 01 English synoptic / narrative reports (multi-line quoted text) -------------------------------
write_csv("01_en_synoptic_reports.csv", [
    ["Accession", "Specimen", "Final diagnosis"],
    ["E26-101", "Breast, left, core biopsy",
     "Invasive ductal carcinoma, grade 2.\nHER2 (IHC): 2+ (equivocal)\n"
     "HER2 by ISH: Not amplified, ratio 1.4, average HER2 copy number 2.9 signals/cell, 40 cells counted"],
    ["E26-102", "Breast, right, core biopsy",
     "Invasive carcinoma of no special type.\nHER2 (IHC): 2+ (equivocal); reflex FISH ordered.\n"
     "ADDENDUM: FISH shows amplification (HER2/CEP17 ratio 2.6, mean HER2 6.1 signals/cell, 20 cells counted)."],
    ["E26-103", "Breast, left, core biopsy",
     "Invasive lobular carcinoma. ER 95%, PR 0%, HER2 1+, Ki-67 30%."],
    ["E26-104", "Breast, right, excision",
     "Invasive carcinoma, NST. HER2 IHC: 0. Note: if HER2 is 2+ on the excision, reflex ISH will follow."],
    ["E26-105", "Breast, left, core biopsy",
     "Invasive ductal carcinoma. HER2 (4B5): faint, incomplete membrane staining in <=10% of tumour cells."],
    ["E26-106", "Breast, left, mastectomy",
     "Block A2 (prior biopsy S24-123): HER2 3+ (for comparison only).\nCurrent resection, block B3: HER2 IHC 1+."],
    ["E26-107", "Breast, right, excision",
     "Invasive carcinoma: HER2 IHC 1+. Associated high-grade DCIS: HER2 3+."],
    ["E26-108", "Breast, right, core biopsy",
     "HER2 IHC 1+.\nNo HER2 amplification identified (HER2/CEP17 ratio 1.2; mean HER2 copy number 2.4; 60 cells)."],
    ["E26-109", "Breast, left, core biopsy",
     "HER2 IHC: 0 (no membrane staining). Positive and negative controls stain appropriately."],
])

# 02 German report text, semicolon, UTF-8 --------------------------------------------------------
write_csv("02_de_befundtext.csv", [
    ["Eingangsnummer", "Material", "Befundtext"],
    ["D26-201", "Magen, Antrum, Biopsie",
     "Tubuläres Adenokarzinom des Magens. HER2 (IHC): Score 3+ in einem Cluster von mehr als 5 Tumorzellen."],
    ["D26-202", "Mamma links, Stanzbiopsie",
     "Invasives Karzinom NST. HER2-Score 2+; FISH: kein Nachweis einer Amplifikation "
     "(Ratio 1,6; 3,1 Signale/Zelle; 20 Zellen ausgezählt)."],
    ["D26-203", "Mamma rechts, Stanzbiopsie",
     "Invasives lobuläres Karzinom. ER 90 %, PR 40 %, HER2 negativ (Score 1+), Ki-67 10 %."],
    ["D26-204", "Magen, Cardia, Resektat",
     "Adenokarzinom der Cardia. HER2 IHC 2+; SISH: Ratio 2,0; 3,6 HER2-Signale/Zelle; 40 Zellen."],
    ["D26-205", "Mamma links, Exzisat", "Invasives Karzinom NST. HER2 Score 0, keine Membranfärbung."],
    ["D26-206", "Mamma rechts, Stanzbiopsie",
     "HER2 2+ (vorläufig).\nNachtrag vom 12.03.2026: ISH amplifiziert (Ratio 3,1; 7,4 Signale/Zelle; 20 Zellen)."],
], delimiter=";")

# 03 French compte rendu, semicolon, UTF-8 with BOM ----------------------------------------------
write_csv("03_fr_compte_rendu.csv", [
    ["N° examen", "Prélèvement", "Conclusion"],
    ["F26-301", "Estomac, biopsies",
     "Adénocarcinome de type intestinal. HER2 : score 2+ ; SISH : non amplifié (ratio 1,3)."],
    ["F26-302", "Sein gauche, microbiopsie",
     "Carcinome infiltrant de type non spécifique. RE 100 %, RP 5 %, HER2 : score 1+ "
     "(marquage membranaire faible et incomplet de 30 % des cellules), Ki-67 15 %."],
    ["F26-303", "Cardia, biopsies", "Adénocarcinome du cardia ; HER2 3+."],
    ["F26-304", "Sein droit, tumorectomie", "HER2 : score 0 ; absence d'amplification en FISH."],
    ["F26-305", "Sein gauche, microbiopsie", "HER2 ininterprétable (artefacts de fixation)."],
], delimiter=";", encoding="utf-8-sig")

# 04 Trial screening: Spanish / Italian / Dutch reports in one file -------------------------------
write_csv("04_trial_es_it_nl_reports.csv", [
    ["Screening ID", "Centre", "Language", "Pathology report (verbatim)"],
    ["ES26-401", "Madrid", "es",
     "Mama izquierda: carcinoma infiltrante NST. HER2 (IHQ): 2+ (dudoso). HER2 por SISH: no amplificado, "
     "cociente 1,5, número medio de copias de HER2 4,5 señales/célula, 40 células."],
    ["ES26-402", "Sevilla", "es",
     "Unión esofagogástrica (cardias): adenocarcinoma. HER2 IHQ 3+."],
    ["IT26-403", "Milano", "it",
     "Mammella destra: carcinoma duttale infiltrante. HER2 score 1+ "
     "(colorazione di membrana debole e incompleta nel 5% delle cellule)."],
    ["IT26-404", "Torino", "it",
     "HER2: negativo (score 0, nessuna colorazione di membrana). Controllo esterno: 3+."],
    ["NL26-405", "Utrecht", "nl",
     "Mamma links: invasief carcinoom NST. HER2 immunohistochemie 2+; ISH: geen amplificatie "
     "(ratio 1,1; 2,2 kopieën/cel; 20 cellen)."],
    ["NL26-406", "Leiden", "nl",
     "HER2 3+ in eerder biopt (T25-0456); huidige resectie: HER2 2+, ISH volgt."],
])

# 05 LIS one-row-per-test with test codes and units --------------------------------------------
L = [["ACCESSION", "ORDER_DT", "TEST_CODE", "TEST_NAME", "RESULT", "UNITS", "STATUS"]]
def t(acc, dt, code, name, res, units=""):
    L.append([acc, dt, code, name, res, units, "FINAL"])
t("L26-501", "2026-02-02", "HER2IHC", "HER2 IHC score", "2+")
t("L26-501", "2026-02-04", "HER2RATIO", "HER2/CEP17 ratio", "2.0", "ratio")
t("L26-501", "2026-02-04", "HER2CN", "HER2 mean copy number", "4.0", "signals/cell")
t("L26-501", "2026-02-04", "CEP17CN", "CEP17 mean copy number", "2.0", "signals/cell")
t("L26-501", "2026-02-04", "HER2CELLS", "Cells counted", "20", "cells")
t("L26-502", "2026-02-02", "HER2IHC", "HER2 IHC score", "0")
t("L26-502", "2026-02-02", "HER2PCT", "HER2 membrane staining", "10", "%")
t("L26-502", "2026-02-02", "ESR1", "Estrogen receptor", "80", "%")
t("L26-503", "2026-02-03", "HER2IHC", "HER2 IHC score", "0")
t("L26-503", "2026-02-03", "HER2PCT", "HER2 membrane staining", "11", "%")
t("L26-504", "2026-02-03", "HER2IHC", "HER2 IHC score", "1+")
t("L26-504", "2026-02-03", "HER2PCT", "HER2 membrane staining", "10", "%")
t("L26-504", "2026-02-03", "PGR", "Progesterone receptor", "0", "%")
t("L26-505", "2026-02-05", "HER2IHC", "HER2 IHC score", "3+")
t("L26-505", "2026-02-09", "HER2IHC", "HER2 IHC score", "3+")
t("L26-506", "2026-02-05", "HER2IHC", "HER2 IHC score", "1+")
t("L26-506", "2026-02-10", "HER2IHC", "HER2 IHC score", "2+")
t("L26-507", "2026-02-06", "HER2ISH", "HER2 ISH interpretation", "Not amplified")
t("L26-507", "2026-02-06", "HER2RATIO", "HER2/CEP17 ratio", "1.3", "ratio")
t("L26-507", "2026-02-06", "HER2CN", "HER2 mean copy number", "2.6", "signals/cell")
t("L26-507", "2026-02-06", "HER2CELLS", "Cells counted", "20", "cells")
t("L26-507", "2026-02-06", "HER2IHC", "HER2 IHC score", "1+")
t("L26-508", "2026-02-07", "ESR1", "Estrogen receptor", "95", "%")
t("L26-508", "2026-02-07", "MKI67", "Ki-67", "25", "%")
write_csv("05_lis_long_test_codes.csv", L)

# 06 Trial abstract: two-column key, YYYYMMDD, overall status column, ISH boundaries ------------
write_csv("06_trial_abstract_boundaries.csv", [
    ["Accession", "Block", "Collection Date", "Primary Site", "HER2 IHC Score", "ISH Probe",
     "HER2/CEP17 Ratio", "Mean HER2 Copies", "Mean CEP17 Copies", "Cells Counted", "Overall HER2 Status"],
    ["T26-601", "A1", "20260114", "Breast", "2+", "dual", "2.0", "4.0", "2.0", "20", "Positive"],
    ["T26-601", "B2", "20260114", "Breast", "1+", "", "", "", "", "", "Negative"],
    ["T26-602", "A1", "20260120", "Breast", "2+", "dual", "1.5", "6.0", "4.0", "20", "Positive"],
    ["T26-603", "A1", "20260121", "Breast", "2+", "dual", "1.7", "4.0", "2.35", "20", "Negative"],
    ["T26-604", "A1", "20260122", "Breast", "2+", "single", "", "4.0", "", "20", "Equivocal"],
    ["T26-605", "A1", "20260123", "Breast", "2+", "single", "", "6.0", "", "20", "Positive"],
    ["T26-606", "A1", "20260126", "Breast", "1+", "single", "", "4.0", "", "20", "Negative"],
    ["T26-607", "A1", "20260127", "Breast", "0", "single", "", "6.0", "", "20", "Positive"],
    ["T26-608", "A1", "20260128", "Breast", "2+", "dual", "2.0", "6.0", "3.0", "19", "Positive"],
    ["T26-609", "C1", "20260129", "Breast", "", "", "", "", "", "", "Negative"],
])

# 07 Semicolon CSV, BOM, decimal commas, quoted ; and line breaks, trailing empty columns -----------
write_csv("07_semicolon_quirks_bom.csv", [
    ["Case No", "Report Date", "HER2 IHC", "HER2 % cells", "HER2/CEP17 ratio", "HER2 copies/cell",
     "CEP17 copies/cell", "Cells counted", "Comment", "", ""],
    ["Q26-801", "03/02/2026", "  3 + ", "90", "", "", "", "", "", "", ""],
    ["Q26-802", "03/02/2026", "score 1", "30", "", "", "", "", "", "", ""],
    ["Q26-803", "04/02/2026", "1 +", "", "", "", "", "", "", "", ""],
    ["Q26-804", "04/02/2026", "(+)", "", "", "", "", "", "", "", ""],
    ["Q26-805", "05/02/2026", "+/-", "", "", "", "", "", "", "", ""],
    ["Q26-806", "05/02/2026", "neg", "", "", "", "", "", "", "", ""],
    ["Q26-807", "06/02/2026", "pos", "", "", "", "", "", "", "", ""],
    ["Q26-808", "06/02/2026", "2+", "", "2,0", "4,0", "2,0", "20",
     "FISH repeated; first run failed (no signals);\nsecond run valid", "", ""],
    ["Q26-809", "09/02/2026", "EQUIVOCAL (2+)", "", "1,95", "5,9", "3,03", "60", "ratio; copies\nverified", "", ""],
    ["Q26-810", "09/02/2026", "0 ", "0", "", "", "", "", "", "", ""],
], delimiter=";", encoding="utf-8-sig", newline="\r\n")

# 08 Title rows, header on row 4, trailing empty columns, gastric sites in several languages -------
write_csv("08_title_header_row4_gastric.csv", [
    ["Case", "Site", "Specimen", "HER2 IHC", "ISH ratio", "HER2 copies", "Clinical notes", "", "", ""],
    ["G26-901", "Magen", "Biopsie", "2+", "2.0", "3.6", "", "", "", ""],
    ["G26-902", "Breast, left", "Core biopsy", "2+", "2.0", "3.6", "", "", "", ""],
    ["G26-903", "estomac", "Résection", "1+", "", "", "", "", "", ""],
    ["G26-904", "cardias", "Biopsia", "0", "", "", "", "", "", ""],
    ["G26-905", "", "Biopsy", "1+", "", "", "Known adenocarcinoma of the gastro-oesophageal junction (GOJ)", "", "", ""],
    ["G26-906", "Stomach, body", "Resection", "2+", "1.9", "6.5", "", "", "", ""],
], prefix_lines=["Department of Pathology - HER2 quality export,,,,,,,,,",
                 "Generated 2026-03-01 06:00 by CoPath query HER2_QA_07,,,,,,,,,",
                 ",,,,,,,,,"])

# 09 XLSX with separate Addendum column ----------------------------------------------------------
try:
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reports"
    ws.append(["Accession", "Sign-out date", "Final Diagnosis", "Addendum"])
    for r in [
        ["X26-1101", "2026-02-11", "Invasive carcinoma. HER2 IHC 2+ (equivocal); FISH to follow.",
         "ADDENDUM: FISH shows amplification. HER2/CEP17 ratio 4.2, average HER2 copy number 9.1 signals/cell, 40 cells."],
        ["X26-1102", "2026-02-11", "Invasive carcinoma. HER2 IHC 2+; FISH pending.", ""],
        ["X26-1103", "2026-02-12", "Invasive carcinoma. HER2 1+ (see addendum).",
         "ADDENDUM (revised result): on review, HER2 IHC is re-scored as 0 with faint incomplete membrane "
         "staining in 5% of tumour cells (ultralow)."],
        ["X26-1104", "2026-02-12", "Invasive carcinoma. HER2 (IHC): 3+ (positive).",
         "ADDENDUM: block A2 (prior biopsy S24-123) HER2 1+, shown for comparison."],
        ["X26-1105", "2026-02-13",
         "Invasive carcinoma. HER2 by ISH: Not amplified, ratio 1.4, average HER2 copy number 2.9 signals/cell, 30 cells.",
         ""],
        ["X26-1106", "2026-02-13", "Invasive carcinoma. HER2 IHC 2+.",
         "ADDENDUM: dual-probe ISH: HER2/CEP17 ratio 1.2, average HER2 copy number 4.8 signals/cell, 20 cells."],
    ]:
        ws.append(r)
    wb.save(os.path.join(HERE, "09_xlsx_addenda.xlsx"))
except ImportError:
    print("openpyxl missing: 09_xlsx_addenda.xlsx not written")

# 10 Registry abstract: tab, two-column key, YYYYMMDD, path text + overall status ----------------
write_csv("10_registry_text_abstract.txt", [
    ["ACCESSION_NO", "PART", "DATE_OF_DX", "PRIMARY_SITE", "TEXT_PATH_FINAL_DX", "HER2_OVERALL_STATUS"],
    ["R26-1001", "A", "20250903", "C50.4", "Invasive ductal carcinoma. HER2 IHC 1+.", "Negative"],
    ["R26-1001", "B", "20250903", "C50.4", "Invasive ductal carcinoma, second focus. HER2 IHC 3+.", "Positive"],
    ["R26-1002", "A", "20251011", "C16.0", "Adenocarcinoma, cardia. HER2 IHC 2+, FISH ratio 2.3.", "Positive"],
    ["R26-1003", "A", "20251102", "C50.9", "Invasive carcinoma. HER2 IHC score 0, no staining.", "Negative"],
    ["R26-1004", "A", "20251215", "C50.2", "Invasive carcinoma. HER2 testing cancelled (QNS).", "Unknown"],
], delimiter="\t")


# 11 US LIS report with Microscopic / Final Diagnosis / Comment text columns ----------------------
write_csv("11_us_micro_final_comment.csv", [
    ["Accession", "Microscopic Description", "Final Diagnosis", "Comment"],
    ["M26-1201",
     "HER2 (IHC, clone 4B5): 2+ (equivocal), weak to moderate complete membrane staining in 40% of invasive tumour cells.",
     "HER2 by ISH: AMPLIFIED. HER2/CEP17 ratio 2.0; average HER2 copy number 6.0 signals/cell; "
     "average CEP17 copy number 3.0 signals/cell; 20 cells counted.", ""],
    ["M26-1202", "HER2 IHC 1+ (faint incomplete membrane staining in 60% of tumour cells).", "Invasive ductal carcinoma, grade 3.",
     "HER2-low result (IHC 1+): the patient may be eligible for trastuzumab deruxtecan; clinical correlation advised."],
    ["M26-1203", "", "Invasive carcinoma. HER2: Negative (score 0).",
     "Per ASCO/CAP 2023, IHC 0 should be carefully distinguished from 1+; IHC 3+ would be reported as positive."],
    ["M26-1204", "HER2 (IHC): 2+ (equivocal).",
     "HER2 by ISH: Not amplified, ratio 1.8, average HER2 copy number 6.2 signals/cell, 40 cells counted.", ""],
    ["M26-1205", "Tumour cells show no membranous staining for HER2 (score 0); normal ducts unstained.",
     "Invasive carcinoma, NST.", ""],
    ["M26-1206", "", "HER2 IHC: 2+. HER2 ISH: cannot be determined (insufficient tumour, QNS).",
     "Repeat ISH on the excision is recommended."],
])

# 12 Dutch / Italian conclusions with a separate addendum column, semicolon, UTF-8 ----------------
write_csv("12_nl_it_conclusie_aanvulling.csv", [
    ["Monsternummer", "Conclusie / Conclusione", "Aanvulling / Addendum"],
    ["NL26-1301", "Mammabiopt rechts: invasief carcinoom NST. ER 100%, PR 80%, HER2 0 (zwakke, incomplete "
     "membraankleuring in 5% van de tumorcellen; HER2-ultralow).", ""],
    ["NL26-1302", "Mammabiopt links: invasief carcinoom NST. HER2 2+.",
     "Aanvulling d.d. 20-02-2026: SISH: ratio 2,2; gemiddeld 4,4 HER2-kopieën per cel; 20 cellen; amplificatie aangetoond."],
    ["IT26-1303", "Stomaco (antro), biopsia: adenocarcinoma di tipo intestinale. HER2 score 1+.", ""],
    ["IT26-1304", "Mammella sinistra: carcinoma infiltrante. HER2 2+.",
     "FISH: assenza di amplificazione (rapporto 1,2; 2,1 copie/cellula; 20 cellule)."],
    ["IT26-1305", "Mammella destra: carcinoma infiltrante. HER2 non eseguito (materiale insufficiente).", ""],
], delimiter=";")

print("written to", HERE)

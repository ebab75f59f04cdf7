# Generates the export files of this corpus. Run with a Python that has openpyxl:
#   .venv/bin/python tests/cases/exports/make_exports.py
# Expectations are in expected.yaml (written by hand from her2-rules.md).
import csv
import datetime as _dt
import io
import os

import openpyxl
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))


def write_text(name, rows, delim, encoding, newline="\r\n", quote=csv.QUOTE_MINIMAL):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator=newline, quoting=quote)
    for r in rows:
        w.writerow(r)
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(buf.getvalue().encode(encoding))


# 01 US LIS, comma, UTF-8 -----------------------------------------------------------
write_text("01_us_lis_comma.csv", [
    ["Accession #", "MRN", "Collected", "Site", "HER2 (4B5) IHC score", "% cells w/ membrane staining",
     "HER2/CEP17 Ratio", "Avg HER2 copies/cell", "Avg CEP17 copies/cell", "# Nuclei counted", "ER %", "PR %"],
    ["S26-1001", "MRN0001", "01/05/2026", "Breast, left", "3+", "95", "", "", "", "", "90", "80"],
    ["S26-1002", "MRN0002", "01/06/2026", "Breast, right", "2+", "60", "2.35", "5.10", "2.17", "20", "95", "60"],
    ["S26-1003", "MRN0003", "01/06/2026", "Breast, right", "2+", "40", "1.45", "3.20", "2.20", "40", "80", "10"],
    ["S26-1004", "MRN0004", "01/07/2026", "Breast, left", "1+", "30", "", "", "", "", "99", "90"],
    ["S26-1005", "MRN0005", "01/07/2026", "Breast, left", "0", "5", "", "", "", "", "95", "95"],
    ["S26-1006", "MRN0006", "01/08/2026", "Breast", "0", "0", "", "", "", "", "0", "0"],
    ["S26-1007", "MRN0007", "01/08/2026", "Breast", "0", "", "", "", "", "", "70", "5"],
    ["S26-1008", "MRN0008", "01/09/2026", "Breast", "2+", "50", "", "", "", "", "90", "90"],
    ["S26-1009", "MRN0009", "01/09/2026", "Breast", "1+", "5", "", "", "", "", "60", "20"],
    ["S26-1010", "MRN0010", "01/12/2026", "Breast", "2+", "70", "1.99", "4.40", "2.21", "20", "85", "40"],
    ["S26-1011", "MRN0011", "01/12/2026", "Breast", "2+", "35", "2.0", "3.8", "1.9", "60", "90", "70"],
    ["S26-1012", "MRN0012", "01/13/2026", "Breast", "2+", "80", "1.5", "6.3", "4.2", "40", "10", "0"],
    ["S26-1013", "MRN0013", "01/13/2026", "Breast", "2+", "30", "2.4", "4.8", "2.0", "15", "95", "90"],
    ["S26-1014", "MRN0014", "01/14/2026", "Breast", "3+", "100", "", "", "", "", "150", "80"],
    ["S26-1015", "MRN0015", "01/14/2026", "Breast", "2+", "60", "2.6", "4.0", "2.0", "40", "70", "30"],
], ",", "utf-8", newline="\n")

# 02 UK NHS, tab, UTF-8 (no BOM), spelling zoo of UK reports ------------------------------
write_text("02_uk_nhs_tab.tsv", [
    ["Lab No.", "NHS Number", "Date Authorised", "Tumour site", "c-erbB-2 (HER2) IHC", "Her-2/neu ISH result",
     "Oestrogen receptor (Allred)", "Consultant"],
    ["H26/00101", "943 476 5919", "05/01/2026", "Breast", "Positive (3+)", "", "8/8", "Dr A Patel"],
    ["H26/00102", "943 476 5920", "05/01/2026", "Breast", "Negative (1+)", "", "7/8", "Dr A Patel"],
    ["H26/00103", "943 476 5921", "06/01/2026", "Breast", "Equivocal (2+)", "Not amplified", "8/8", "Dr B Jones"],
    ["H26/00104", "943 476 5922", "06/01/2026", "Breast", "Equivocal (2+)", "Amplified", "0/8", "Dr B Jones"],
    ["H26/00105", "943 476 5923", "07/01/2026", "Breast", "Negative (0)", "", "8/8", "Dr B Jones"],
    ["H26/00106", "943 476 5924", "07/01/2026", "Breast", "0 (null)", "", "6/8", "Dr C Smith"],
    ["H26/00107", "943 476 5925", "08/01/2026", "Breast", "ultra-low", "", "8/8", "Dr C Smith"],
    ["H26/00108", "943 476 5926", "08/01/2026", "Breast", "0-1+", "", "8/8", "Dr C Smith"],
    ["H26/00109", "943 476 5927", "09/01/2026", "Breast", "Indeterminate", "", "8/8", "Dr A Patel"],
    ["H26/00110", "943 476 5928", "09/01/2026", "Breast", "not performed", "", "2/8", "Dr A Patel"],
    ["H26/00111", "943 476 5929", "12/01/2026", "Breast", "pending", "", "8/8", "Dr A Patel"],
    ["H26/00112", "943 476 5930", "12/01/2026", "Breast", "2-Jan", "", "8/8", "Dr B Jones"],
    ["H26/00113", "943 476 5931", "13/01/2026", "Breast", "EQUIV", "Non-amplified", "5/8", "Dr B Jones"],
], "\t", "utf-8")

# 03 German, semicolon, CP1252, decimal comma ---------------------------------------------
write_text("03_de_pathologie_cp1252.csv", [
    ["Eingangsnummer", "Pat.-Nr.", "Befunddatum", "Lokalisation", "Ergebnis HER2 (IHC-Score)", "Anteil gefärbter Zellen (%)",
     "HER2/CEP17-Quotient", "HER2-Signale/Zellkern", "CEP17-Signale/Zellkern", "Ausgezählte Zellkerne", "ER (%)"],
    ["E/2026/0001", "P-7781", "02.02.2026", "Mamma links", "3+", "90", "", "", "", "", "95"],
    ["E/2026/0002", "P-7782", "02.02.2026", "Mamma rechts", "2+", "40", "2,45", "5,3", "2,16", "20", "90"],
    ["E/2026/0003", "P-7783", "03.02.2026", "Mamma rechts", "2+", "30", "1,32", "2,9", "2,2", "40", "80"],
    ["E/2026/0004", "P-7784", "03.02.2026", "Mamma links", "1+", "20", "", "", "", "", "100"],
    ["E/2026/0005", "P-7785", "04.02.2026", "Mamma", "0", "0", "", "", "", "", "0"],
    ["E/2026/0006", "P-7786", "04.02.2026", "Mamma", "0", "5", "", "", "", "", "70"],
    ["E/2026/0007", "P-7787", "05.02.2026", "Mamma", "Score 2+", "", "1,95", "4,1", "2,1", "20", "30"],
    ["E/2026/0008", "P-7788", "05.02.2026", "Mamma", "negativ", "", "", "", "", "", "95"],
    ["E/2026/0009", "P-7789", "06.02.2026", "Mamma", "2+", "50", "", "", "", "", "85"],
], ";", "cp1252")

# 04 French, UTF-8 BOM, semicolon, decimal comma --------------------------------------------
write_text("04_fr_anapath_utf8bom.csv", [
    ["N° d'examen", "Date du compte rendu", "Topographie", "Score HER2 IHC", "% cellules marquées",
     "Rapport HER2/CEP17", "Nb moyen de copies HER2/noyau", "Nb moyen CEP17/noyau", "Noyaux comptés", "Résultat HIS", "RE (%)"],
    ["F26-00021", "10/02/2026", "Sein gauche", "score 3", "100", "", "", "", "", "", "90"],
    ["F26-00022", "10/02/2026", "Sein droit", "score 2", "60", "1,6", "3,4", "2,1", "30", "non amplifié", "95"],
    ["F26-00023", "11/02/2026", "Sein droit", "score 2", "60", "3,1", "7,2", "2,3", "30", "amplifié", "0"],
    ["F26-00024", "11/02/2026", "Sein gauche", "1+", "15", "", "", "", "", "", "80"],
    ["F26-00025", "12/02/2026", "Sein", "0", "", "", "", "", "", "", "100"],
    ["F26-00026", "12/02/2026", "Sein", "2+", "40", "2,8", "", "", "25", "", "50"],
    ["F26-00027", "13/02/2026", "Sein", "négatif (1+)", "20", "", "", "", "", "", "90"],
], ";", "utf-8-sig")

# 05 Spanish, pipe, UTF-8 --------------------------------------------------------------------
write_text("05_es_ihq_pipe.txt", [
    ["Nº Biopsia", "Fecha informe", "Localización", "Código CIE-O", "Tipo de muestra", "Score HER2 IHQ",
     "Cociente HER2/CEP17", "Copias HER2/célula", "Resultado FISH", "RE %"],
    ["B26-3001", "15/01/2026", "Mama izquierda", "C50.4", "biopsia con aguja gruesa", "3+", "", "", "", "90"],
    ["B26-3002", "15/01/2026", "Mama derecha", "C50.9", "tumorectomía", "2+", "1,8", "3,5", "", "80"],
    ["B26-3003", "16/01/2026", "Estómago, antro", "C16.3", "gastrectomía", "1+", "", "", "", ""],
    ["B26-3004", "16/01/2026", "Unión gastroesofágica", "C16.0", "biopsia endoscópica", "2+", "2,2", "4,6", "", ""],
    ["B26-3005", "17/01/2026", "Mama", "C50.9", "biopsia con aguja gruesa", "0", "", "", "", "95"],
    ["B26-3006", "17/01/2026", "Mama", "C50.9", "biopsia con aguja gruesa", "2+", "", "", "amplificado", "60"],
], "|", "utf-8", newline="\n")


# 06 Italian XLSX: title rows, numbers typed as numbers, blank rows, totals row -----------------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Estrazione HER2"
ws["A1"] = "Azienda Ospedaliera - UOC Anatomia Patologica"
ws["A1"].font = Font(bold=True, size=14)
ws["A2"] = "Estrazione referti HER2 dal 01/01/2026 al 31/01/2026"
ws["A3"] = None
hdr = ["N. esame", "Data referto", "Sede", "HER2 score IHC", "% cellule con colorazione di membrana",
       "Rapporto HER2/CEP17", "N. medio copie HER2", "Nuclei contati", "ER %"]
ws.append([])  # row 4 empty (append goes after max row)
for c, h in enumerate(hdr, 1):
    ws.cell(row=5, column=c, value=h).font = Font(bold=True)
rows06 = [
    ["I26/0101", _dt.date(2026, 1, 8), "Mammella sx", 3, 95, None, None, None, 90],
    ["I26/0102", _dt.date(2026, 1, 8), "Mammella dx", 2, 40, 1.2, 2.5, 40, 85],
    ["I26/0103", _dt.date(2026, 1, 9), "Mammella", 1, 20, None, None, None, 70],
    None,  # blank row inside the data
    ["I26/0104", _dt.date(2026, 1, 12), "Mammella", 0, 0, None, None, None, 0],
    ["I26/0105", _dt.date(2026, 1, 12), "Mammella", 0, 8, None, None, None, 95],
    ["I26/0106", _dt.date(2026, 1, 13), "Mammella", 2, 60, 2.3, 4.9, 20, 90],
    ["I26/0107", _dt.date(2026, 1, 14), "Mammella", 2, 50, None, None, None, 80],
]
r = 6
for row in rows06:
    if row is not None:
        for c, v in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=v)
            if isinstance(v, _dt.date):
                cell.number_format = "DD/MM/YYYY"
    r += 1
r += 1  # blank row before footer
ws.cell(row=r, column=1, value="Totale casi: 7").font = Font(bold=True)
ws.cell(row=r, column=4, value="=COUNTA(D6:D13)")
wb.save(os.path.join(HERE, "06_it_xlsx_title_rows_footer.xlsx"))

# 07 Dutch XLSX: two-row header with merged group cells ----------------------------------------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Uitslagen"
top = ["Monsternummer", "Datum", "Locatie", "HER2", None, None, None, None, "ER"]
sub = [None, None, None, "IHC", "% aankleuring", "ISH ratio", "HER2 kopieën/cel", "ISH uitslag", "%"]
for c, v in enumerate(top, 1):
    ws.cell(row=1, column=c, value=v).font = Font(bold=True)
for c, v in enumerate(sub, 1):
    ws.cell(row=2, column=c, value=v).font = Font(bold=True)
for col in "ABC":
    ws.merge_cells(f"{col}1:{col}2")
ws.merge_cells("D1:H1")
rows07 = [
    ["T26-05001", _dt.date(2026, 2, 2), "mamma", "3+", 90, None, None, None, 100],
    ["T26-05002", _dt.date(2026, 2, 2), "mamma", "2+", 40, 1.1, 2.2, "niet geamplificeerd", 90],
    ["T26-05003", _dt.date(2026, 2, 3), "mamma", "2+", 70, 4.2, 10.5, "geamplificeerd", 5],
    ["T26-05004", _dt.date(2026, 2, 3), "mamma", "1+", 20, None, None, None, 80],
    ["T26-05005", _dt.date(2026, 2, 4), "mamma", "0", 0, None, None, None, 95],
    ["T26-05006", _dt.date(2026, 2, 4), "mamma", "negatief", None, None, None, None, 95],
]
for i, row in enumerate(rows07, 3):
    for c, v in enumerate(row, 1):
        cell = ws.cell(row=i, column=c, value=v)
        if isinstance(v, _dt.date):
            cell.number_format = "DD-MM-YYYY"
wb.save(os.path.join(HERE, "07_nl_two_row_header_merged.xlsx"))

# 08 English XLSX: visible results + hidden lookup sheet + very hidden old sheet ----------------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Results"
ws.append(["Specimen ID", "Report Date", "HER2 IHC Score", "HER2 IHC %", "HER2/CEP17 ratio", "Mean HER2 copies",
           "Cells scored", "ISH interpretation"])
ws.append(["M26-800", _dt.date(2026, 3, 2), 3, 90, None, None, None, None])
ws.append(["M26-801", _dt.date(2026, 3, 2), 1, 25, None, None, None, None])
ws.append(["M26-802", _dt.date(2026, 3, 3), 2, 45, 1.3, 3.0, 50, "Group 5"])
ws.append(["M26-803", _dt.date(2026, 3, 3), 0, 3, None, None, None, None])
lk = wb.create_sheet("Lookup")
lk.append(["Code", "Meaning"])
for code, m in [(0, "Score 0"), (1, "Score 1+"), (2, "Equivocal 2+"), (3, "Positive 3+")]:
    lk.append([code, m])
lk.sheet_state = "hidden"
old = wb.create_sheet("Results_2025_superseded")
old.append(["Specimen ID", "Report Date", "HER2 IHC Score", "HER2 IHC %", "HER2/CEP17 ratio", "Mean HER2 copies",
            "Cells scored", "ISH interpretation"])
old.append(["M26-801", _dt.date(2025, 12, 1), 3, 90, None, None, None, None])
old.sheet_state = "hidden"
wb.save(os.path.join(HERE, "08_xlsx_hidden_sheets.xlsx"))

# 09 long format, one row per test ---------------------------------------------------------------
write_text("09_long_format_per_test.csv", [
    ["Accession", "Patient ID", "Test Name", "Result", "Units", "Verified"],
    ["L26-0001", "P001", "HER2 IHC", "3+", "", "2026-02-10"],
    ["L26-0001", "P001", "ER", "95", "%", "2026-02-10"],
    ["L26-0001", "P001", "PR", "80", "%", "2026-02-10"],
    ["L26-0002", "P002", "HER2 IHC", "2+", "", "2026-02-11"],
    ["L26-0002", "P002", "HER2 FISH ratio", "1.6", "ratio", "2026-02-13"],
    ["L26-0002", "P002", "HER2 copies/cell", "3.3", "signals/cell", "2026-02-13"],
    ["L26-0002", "P002", "Nuclei counted", "40", "cells", "2026-02-13"],
    ["L26-0003", "P003", "HER2 IHC", "2+", "", "2026-02-11"],
    ["L26-0003", "P003", "HER2/CEP17", "2.9", "ratio", "2026-02-14"],
    ["L26-0003", "P003", "HER2 copies/cell", "6.8", "signals/cell", "2026-02-14"],
    ["L26-0004", "P004", "ER", "90", "%", "2026-02-12"],
    ["L26-0004", "P004", "Ki-67", "20", "%", "2026-02-12"],
    ["L26-0005", "P005", "HER2 IHC", "see comment", "", "2026-02-12"],
    ["L26-0006", "P006", "HER2 IHC", "0", "", "2026-02-12"],
    ["L26-0006", "P006", "HER2 % staining", "0", "%", "2026-02-12"],
], ",", "utf-8", newline="\n")

# 10 narrative report text only --------------------------------------------------------------------
write_text("10_narrative_reports.csv", [
    ["Accession", "Final Diagnosis"],
    ["N26-101", "Invasive ductal carcinoma, Nottingham grade 2. HER2 (4B5) by IHC: score 3+, positive. External control positive."],
    ["N26-102", "Invasive lobular carcinoma. HER2 IHC 2+ (equivocal). FISH: HER2/CEP17 ratio 1.3, mean HER2 copy number 2.6 signals/cell, 40 cells counted; not amplified. ER 90%, PR 40%."],
    ["N26-103", "Invasive carcinoma of no special type. HER2 IHC score 1+. External control 3+. ER positive (95%)."],
    ["N26-104", "No evidence of HER2 gene amplification by FISH (HER2/CEP17 ratio 1.1). HER2 IHC 0, no staining."],
    ["N26-105", "Prior core biopsy (S25-4410) was HER2 3+. Current excision: residual invasive carcinoma, HER2 IHC 1+."],
    ["N26-106", "Ductal carcinoma in situ, high grade; no invasive carcinoma identified. HER2 not performed."],
    ["N26-107", "Ductal carcinoma in situ only. HER2 IHC 3+ in the DCIS component."],
    ["N26-108", "Invasive ductal carcinoma. HER2 is not positive."],
    ["N26-109", "HER2: cannot be determined (inadequate fixation); repeat testing on the resection is recommended."],
    ["N26-110", "HER2 IHC 0 with membrane staining (faint incomplete membrane staining in <=10% of invasive tumour cells). ER 80%."],
    ["N26-111", "Ki-67 20%. ER positive. PR negative."],
    ["N26-112", "HER2 FISH: amplified (HER2/CEP17 ratio 4.6, mean HER2 9.8 signals/cell, 20 cells). IHC not performed."],
], ",", "utf-8", newline="\n")

# 11 NAACCR-style registry abstract, tab ---------------------------------------------------------
write_text("11_naaccr_registry.txt", [
    ["Accession Number--Hosp [550]", "Patient ID Number [20]", "Primary Site [400]", "Date of Diagnosis [390]",
     "HER2 IHC Summary [3850]", "HER2 ISH Dual Probe Copy Number [3851]", "HER2 ISH Dual Probe Ratio [3852]",
     "HER2 ISH Single Probe Copy Number [3853]", "HER2 ISH Summary [3854]", "HER2 Overall Summary [3855]"],
    ["202600001", "00010001", "C504", "20260105", "3", "XX.8", "XX.8", "XX.8", "8", "1"],
    ["202600002", "00010002", "C509", "20260106", "2", "5.2", "2.6", "XX.8", "3", "1"],
    ["202600003", "00010003", "C504", "20260107", "2", "3.1", "1.4", "XX.8", "0", "0"],
    ["202600004", "00010004", "C508", "20260108", "1", "XX.8", "XX.8", "XX.8", "8", "0"],
    ["202600005", "00010005", "C509", "20260109", "0", "XX.8", "XX.8", "XX.8", "8", "0"],
    ["202600006", "00010006", "C504", "20260112", "4", "XX.8", "XX.8", "XX.8", "8", "0"],
    ["202600007", "00010007", "C509", "20260113", "9", "XX.9", "XX.9", "XX.9", "9", "9"],
    ["202600008", "00010008", "C502", "20260114", "2", "4.4", "1.9", "XX.8", "2", "0"],
    ["202600009", "00010009", "C509", "20260115", "2", "XX.9", "XX.3", "XX.8", "9", "9"],
    ["202600010", "00010010", "C504", "20260116", "7", "XX.9", "XX.9", "XX.9", "9", "9"],
    ["202600011", "00010011", "C509", "20260119", "2", "XX.8", "XX.8", "6.4", "3", "1"],
    ["202600012", "00010012", "C509", "20260120", "2", "XX.8", "XX.8", "4.5", "2", "0"],
], "\t", "ascii", newline="\n")

# 12 gastric / GEJ -------------------------------------------------------------------------------
write_text("12_gastric_gej.csv", [
    ["Case", "Site", "Specimen", "HER2 IHC", "HER2 IHC % cells", "HER2:CEP17 ratio", "HER2 signals/nucleus", "Nuclei"],
    ["G26-01", "Stomach, antrum", "Resection", "3+", "40", "", "", ""],
    ["G26-02", "GOJ", "Biopsy", "2+", "", "2.4", "5.0", "20"],
    ["G26-03", "C16.0", "Biopsy", "1+", "", "", "", ""],
    ["G26-04", "Oesophagus, distal", "Resection", "0", "0", "", "", ""],
    ["G26-05", "Stomach, body", "Resection", "2+", "30", "1.5", "6.5", "40"],
    ["G26-06", "Gastroesophageal junction", "Biopsy", "2+", "", "", "", ""],
    ["G26-07", "C16.9", "Resection", "2+", "25", "1.6", "3.1", "40"],
    ["G26-08", "", "Biopsy", "1+", "", "", "", ""],
    ["G26-09", "Breast, left", "Biopsy", "2+", "30", "1.5", "6.5", "40"],
], ",", "utf-8", newline="\n")

# 13 UTF-16 tab: IHC spelling zoo -------------------------------------------------------------
write_text("13_utf16_spelling_zoo.txt", [
    ["CaseNo", "HER-2 result (IHC)", "HER2 ISH", "HER2/CEP17"],
    ["Z-01", "+3", "", ""],
    ["Z-02", "POS 3+", "", ""],
    ["Z-03", "3+ (90%)", "", ""],
    ["Z-04", "score 2", "Not amplified", ""],
    ["Z-05", "0 (no staining)", "", ""],
    ["Z-06", "0+", "", ""],
    ["Z-07", "++", "", ""],
    ["Z-08", "1-2+", "Not amplified", "1.2"],
    ["Z-09", "1+/2+", "", ""],
    ["Z-10", "1+ focal 2+", "", ""],
    ["Z-11", "weak", "", ""],
    ["Z-12", "NEG", "", ""],
    ["Z-13", "Positive", "", ""],
    ["Z-14", "ER positive", "", ""],
    ["Z-15", "45293", "", ""],
], "\t", "utf-16")  # Python's utf-16 writes a BOM (little-endian here)

# 14 Portuguese (Brazil), semicolon, UTF-8, decimal comma -----------------------------------------
write_text("14_pt_br_laudos.csv", [
    ["Nº do exame", "Data do laudo", "Sítio", "HER2 (IHQ)", "% de células marcadas", "Razão HER2/CEP17", "Resultado ISH", "RE (%)"],
    ["AP26-4401", "03/02/2026", "Mama esquerda", "3+", "90", "", "", "95"],
    ["AP26-4402", "03/02/2026", "Mama direita", "positivo (escore 3+)", "", "", "", "90"],
    ["AP26-4403", "04/02/2026", "Mama", "negativo (escore 1+)", "", "", "", "80"],
    ["AP26-4404", "04/02/2026", "Mama", "duvidoso (2+)", "", "1,4", "não amplificado", "70"],
    ["AP26-4405", "05/02/2026", "Mama", "escore 0 com marcação de membrana", "", "", "", "100"],
    ["AP26-4406", "05/02/2026", "Mama", "2+", "", "", "inconclusivo", "60"],
    ["AP26-4407", "06/02/2026", "Mama", "ausência de marcação", "", "", "", "90"],
], ";", "utf-8", newline="\n")

# 15 Swedish, semicolon, CP1252 --------------------------------------------------------------------
write_text("15_sv_kvot_cp1252.csv", [
    ["PAD-nummer", "Svarsdatum", "HER2 IHC", "HER2/CEP17-kvot", "ISH-resultat", "Östrogenreceptor (%)"],
    ["U26-11001", "2026-02-20", "3+", "", "", "90"],
    ["U26-11002", "2026-02-20", "2+", "2,7", "amplifierad", "80"],
    ["U26-11003", "2026-02-21", "svag (1+)", "", "", "95"],
    ["U26-11004", "2026-02-21", "2+", "", "ej amplifierad", "40"],
    ["U26-11005", "2026-02-22", "0", "", "", "0"],
], ";", "cp1252")

# 16 bad rows ------------------------------------------------------------------------------------
write_text("16_bad_rows.csv", [
    ["Accession No", "HER2 IHC Score", "HER2 IHC %", "HER2/CEP17 ratio", "HER2 copies", "CEP17 copies", "Cells counted", "ER %"],
    ["X26-01", "3+", "90", "", "", "", "", "90"],
    ["", "2+", "50", "2.2", "4.6", "2.1", "20", "80"],
    ["X26-03", "2+", "50", "abc", "", "", "", "80"],
    ["X26-04", "1+", "20", "", "", "", "", "150"],
    ["X26-05", "2+", "40", "-1.2", "3.0", "2.0", "20", "70"],
    ["X26-06", "0", "120", "", "", "", "", "90"],
    ["X26-07", "2+", "40", ">=2.0", "", "", "", "70"],
    ["X26-08", "2+", "40", "2,1", "4.3", "2.05", "20", "70"],
    ["X26-09", "2+", "40", "", "4.2", "2.0", "20", "60"],
    ["X26-10", "", "", "", "", "", "", "95"],
    ["X26-11", "0", "25", "", "", "", "", "80"],
    ["X26-12", "2+", "40", "1.7", "4.4", "2.6", "twenty", "60"],
    ["TOTAL: 12 rows", "", "", "", "", "", "", ""],
], ",", "utf-8", newline="\n")

print("ok")

# 17 archive re-classification under earlier rule sets ---------------------------------------------
write_text("17_archive_rulesets.csv", [
    ["Block ID", "Year", "HER2 IHC score", "HER2 IHC % stained", "HER2/CEP17 ratio", "HER2 mean copies",
     "CEP17 mean copies", "Cells counted"],
    ["A08-01", "2008", "1+", "20", "2.1", "4.5", "2.14", "40"],
    ["A08-02", "2008", "2+", "40", "1.6", "4.8", "3.0", "40"],
    ["A08-03", "2009", "3+", "20", "", "", "", ""],
    ["A10-04", "2010", "2+", "50", "2.2", "5.0", "2.27", "20"],
    ["A12-05", "2012", "2+", "60", "1.4", "6.2", "4.4", "40"],
    ["A14-06", "2014", "0", "5", "1.0", "2.0", "2.0", "20"],
    ["A15-07", "2015", "2+", "40", "", "6.0", "", "20"],
], ",", "utf-8", newline="\n")

# 18 XLSX with Excel damage: dates for scores, % as fractions, text numbers, display rounding -------
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "HER2"
ws.append(["Case Number", "HER2 IHC", "% tumour cells stained", "HER2/CEP17 ratio", "HER2 copies/cell",
           "CEP17 copies/cell", "Cells counted"])
ws.append(["D26-01", _dt.date(2026, 1, 2), None, None, None, None, None])
ws["B2"].number_format = "d-mmm"
ws.append(["D26-02", "1+", 0.3, None, None, None, None])
ws["C3"].number_format = "0%"
ws.append(["D26-03", "0", 0.5, None, None, None, None])
ws["C4"].number_format = "0%"
ws.append(["D26-04", "2+", 0.6, "2,3", 4.6, 2.0, 20])
ws["C5"].number_format = "0%"
ws.append(["D26-05", "3", 0.9, None, None, None, None])
ws["C6"].number_format = "0%"
ws.append(["D26-06", "2+", 0.4, 1.96, 4.3, 2.19, 40])
ws["C7"].number_format = "0%"
ws["D7"].number_format = "0.0"
wb.save(os.path.join(HERE, "18_xlsx_excel_damage.xlsx"))
print("ok2")

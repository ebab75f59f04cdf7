#!/usr/bin/env python3
"""Generate the third HER2 export corpus (corpus3).

All ids, dates, centres and texts are invented. Run with a Python that has openpyxl:
    /work/main/.venv/bin/python make_exports.py
The XLSX files carry new internal timestamps on each run; their cell contents do not change.
"""
import csv
import io
import os
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
NBSP = "\u00a0"


def write_delimited(name, header, rows, delimiter=",", encoding="utf-8", newline="\n", bom=False):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        assert len(r) == len(header), (name, r)
        w.writerow(r)
    data = buf.getvalue()
    raw = data.encode(encoding)
    if bom:
        raw = b"\xef\xbb\xbf" + raw
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(raw)


# ---------------------------------------------------------------------------------------------
# 01 Spanish / Portuguese full-sentence reports (cross-border referral network)
def f01():
    header = ["Nº informe", "Centro", "Fecha informe", "Diagnóstico anatomopatológico"]
    rows = [
        ["ES3-0101", "Hospital Comarcal del Norte", "02/03/2026",
         "Mama izquierda, BAG: carcinoma infiltrante de tipo no especial, grado histológico 2. "
         "Receptores de estrógeno positivos (90%), receptores de progesterona positivos (60%). "
         "HER2 (clon 4B5): tinción de membrana completa, débil a moderada, en el 40% de las células "
         "tumorales infiltrantes (score 2+, resultado dudoso). Se realiza hibridación in situ (SISH): "
         "cociente HER2/CEP17 2,00; número medio de copias de HER2 4,00 señales/célula; 20 células "
         "contadas. Resultado: amplificado."],
        ["ES3-0102", "Hospital Comarcal del Norte", "02/03/2026",
         "Mama derecha, tumorectomía: carcinoma lobulillar infiltrante. HER2: tinción de membrana "
         "incompleta, débil y apenas perceptible en el 8% de las células tumorales infiltrantes "
         "(score 0 con tinción de membrana, HER2-ultrabajo). RE 95%, RP 0%."],
        ["ES3-0103", "Hospital San Rafael de la Vega", "03/03/2026",
         "Carcinoma infiltrante de mama, tipo no especial. Ausencia de sobreexpresión de HER2 (score 1+)."],
        ["ES3-0104", "Hospital San Rafael de la Vega", "03/03/2026",
         "Mama izquierda: carcinoma infiltrante NST. HER2 por IHQ: 2+. FISH: no amplificado "
         "(cociente HER2/CEP17 1,99; 5,2 copias de HER2 por célula; 60 células evaluadas)."],
        ["PT3-0105", "Unidade Local de Saúde do Vale", "04/03/2026",
         "Mama direita, biópsia por agulha grossa: carcinoma invasivo de tipo não especial. "
         "Imuno-histoquímica para HER2: marcação de membrana completa, intensa e circunferencial em "
         "mais de 10% das células neoplásicas invasoras (escore 3+), positivo."],
        ["PT3-0106", "Unidade Local de Saúde do Vale", "04/03/2026",
         "HER2 (SP3): escore 2+ (duvidoso). Hibridização in situ (DISH): razão HER2/CEP17 1,6; "
         "número médio de cópias de HER2 6,0 sinais/núcleo; 40 núcleos avaliados."],
        ["PT3-0107", "Centro Hospitalar da Ribeira", "05/03/2026",
         "Carcinoma invasivo da mama. HER2: ausência de marcação membranar nas células neoplásicas "
         "(escore 0). Controlo externo com marcação 3+."],
        ["PT3-0108", "Centro Hospitalar da Ribeira", "05/03/2026",
         "Estômago, biópsia endoscópica (C16.2): adenocarcinoma de tipo intestinal. HER2 (4B5): "
         "escore 2+ (duvidoso). SISH: razão HER2/CEP17 2,0; 3,4 cópias de HER2 por núcleo; 20 núcleos."],
        ["ES3-0109", "Hospital Comarcal del Norte", "06/03/2026",
         "Mama izquierda, BAG: carcinoma infiltrante NST. HER2 (4B5): 2+ (dudoso). SISH: cociente "
         "HER2/CEP17 2,0; 3,4 copias de HER2 por núcleo; 20 núcleos."],
        ["ES3-0110", "Hospital San Rafael de la Vega", "06/03/2026",
         "Carcinoma infiltrante. HER2: resultado no valorable por artefacto de fijación; se recomienda "
         "repetir la determinación en la pieza quirúrgica."],
    ]
    write_delimited("01_es_pt_informes.csv", header, rows, delimiter=";", newline="\r\n")


# ---------------------------------------------------------------------------------------------
# 02 Polish / Czech consultation log, Windows-1250
def f02():
    header = ["Nr konsultacji", "Ośrodek kierujący", "Data wyniku", "Rozpoznanie"]
    rows = [
        ["PL3-0201", "Szpital Wojewódzki (Ośrodek A)", "09.03.2026",
         "Rak naciekający piersi NST, G2. HER2 (IHC): wynik 1+ (ujemny) \u2013 niepełne, słabe, ledwo "
         "dostrzegalne wybarwienie błony komórkowej w 30% komórek nowotworowych. ER 90%, PgR 50%, Ki-67 15%."],
        ["PL3-0202", "Szpital Wojewódzki (Ośrodek A)", "09.03.2026",
         "HER2: 2+ (wynik niejednoznaczny). FISH: brak amplifikacji genu HER2 (stosunek HER2/CEP17 1,4; "
         "średnia liczba kopii HER2 3,1; oceniono 40 jąder)."],
        ["PL3-0203", "Centrum Onkologii (Ośrodek B)", "10.03.2026",
         "Rak przewodowy naciekający. Nadekspresja białka HER2: 3+ (wynik dodatni)."],
        ["PL3-0204", "Centrum Onkologii (Ośrodek B)", "10.03.2026",
         "Rak zrazikowy naciekający. HER2: 0 \u2013 brak reakcji błonowej w komórkach nowotworowych."],
        ["PL3-0205", "Centrum Onkologii (Ośrodek B)", "11.03.2026",
         "Żołądek, wycinki endoskopowe (C16.0, wpust): gruczolakorak typu jelitowego. HER2: 1+. "
         "Kontrola zewnętrzna 3+."],
        ["CZ3-0206", "Fakultní nemocnice (Pracoviště C)", "11.03.2026",
         "Invazivní karcinom prsu NST. HER2 (IHC): skóre 2+ (hraniční). ISH: amplifikace genu HER2 "
         "prokázána (poměr HER2/CEP17 2,3; průměrný počet kopií HER2 5,6 na buňku; 30 buněk)."],
        ["CZ3-0207", "Fakultní nemocnice (Pracoviště C)", "12.03.2026",
         "HER2: negativní (skóre 0), slabé neúplné membránové barvení v 5" + NBSP + "% nádorových buněk."],
        ["CZ3-0208", "Krajská nemocnice (Pracoviště D)", "12.03.2026",
         "Invazivní lobulární karcinom. HER2 IHC 2+. ISH: poměr HER2/CEP17 1,8; průměrný počet kopií "
         "HER2 6,4 na buňku; 20 buněk; skupina 3 dle ASCO/CAP 2018."],
        ["CZ3-0209", "Krajská nemocnice (Pracoviště D)", "13.03.2026",
         "Stanovení HER2 nebylo provedeno (nedostatek nádorové tkáně)."],
    ]
    write_delimited("02_pl_cs_konsultacje_cp1250.csv", header, rows, delimiter=";", encoding="cp1250",
                    newline="\r\n")


# ---------------------------------------------------------------------------------------------
# 03 Nordic trial group: structured Swedish columns + free text in sv / da / no / fi
def f03():
    header = ["Studie-ID", "Land", "Provdatum", "HER2 IHC", "Andel färgade tumörceller (%)",
              "HER2/CEP17-kvot", "HER2 kopior/cell", "Antal räknade celler", "Utlåtande (fritext)"]
    rows = [
        ["SE3-0301", "SE", "2026-03-02", "0", "10", "", "", "",
         "Invasiv duktal cancer. HER2 0 med svag ofullständig membranfärgning i 10 % av tumörcellerna."],
        ["SE3-0302", "SE", "2026-03-02", "0", "11", "", "", "", ""],
        ["SE3-0303", "SE", "2026-03-03", "2+", "60", "2,0", "4,0", "20", "Amplifierad."],
        ["DK3-0304", "DK", "2026-03-03", "", "", "", "", "",
         "Invasivt duktalt karcinom. HER2: score 1+, svag inkomplet membranfarvning i 20 % af "
         "tumorcellerne. ER 95 %."],
        ["DK3-0305", "DK", "2026-03-04", "", "", "", "", "",
         "HER2 immunhistokemi 2+. ISH: ikke amplificeret (ratio 1,3; 2,8 HER2-kopier pr. celle; 20 celler)."],
        ["NO3-0306", "NO", "2026-03-04", "", "", "", "", "",
         "HER2: 3+ (positiv), sterk komplett membranfarging i 80 % av tumorcellene."],
        ["NO3-0307", "NO", "2026-03-05", "", "", "", "", "",
         "HER2: ingen membranfarging i tumorcellene (score 0). Positiv kontroll 3+."],
        ["FI3-0308", "FI", "2026-03-05", "", "", "", "", "",
         "Invasiivinen duktaalinen karsinooma. HER2 (IHC) 2+. SISH: ei monistumaa (HER2/CEP17-suhde 1,5; "
         "HER2-kopioita keskimäärin 4,5 / solu; 40 solua)."],
        ["FI3-0309", "FI", "2026-03-06", "", "", "", "", "",
         "HER2-värjäys epäonnistui teknisen virheen vuoksi; tulos ei ole arvioitavissa."],
        ["FI3-0310", "FI", "2026-03-06", "1+", "10", "", "", "", "HER2 1+."],
        ["SE3-0311", "SE", "2026-03-09", "2+", "50", "1,99", "6,0", "19", ""],
    ]
    write_delimited("03_nordic_trial_fritext.tsv", header, rows, delimiter="\t")


# ---------------------------------------------------------------------------------------------
# 04 English: staining described without a score, scores as words; HER2 IHC column left blank
def f04():
    header = ["Case Number", "Signed Out", "Diagnosis", "HER2 IHC", "HER2 Comment"]
    rows = [
        ["A3-0401", "03/02/2026",
         "Invasive ductal carcinoma, grade 2. HER2 (4B5): incomplete, faint/barely perceptible membrane "
         "staining in 5% of invasive tumour cells.", "", ""],
        ["A3-0402", "03/02/2026",
         "Invasive lobular carcinoma. HER2: weak to moderate complete membrane staining in 30% of "
         "invasive tumor cells.", "", "Reflex ISH ordered."],
        ["A3-0403", "03/03/2026",
         "Invasive carcinoma, no special type. HER2: circumferential, complete, intense membrane staining "
         "in >10% of invasive tumor cells.", "", ""],
        ["A3-0404", "03/03/2026",
         "Invasive ductal carcinoma. HER2: faint, barely perceptible, incomplete membrane staining in "
         "approximately 40% of invasive tumor cells.", "", ""],
        ["A3-0405", "03/04/2026",
         "Invasive ductal carcinoma. HER2: no membrane staining of invasive tumor cells.", "",
         "Positive control stains appropriately (3+)."],
        ["A3-0406", "03/04/2026", "Invasive ductal carcinoma. HER2: weak staining.", "", ""],
        ["A3-0407", "03/05/2026",
         "Invasive carcinoma. HER2: intense complete membrane staining in 8% of invasive tumor cells; "
         "remaining tumor cells unstained.", "", ""],
        ["A3-0408", "03/05/2026",
         "Invasive ductal carcinoma. HER2 IHC 1+: weak to moderate complete membrane staining in 60% of "
         "invasive tumor cells.", "", ""],
        ["A3-0409", "03/06/2026", "Invasive ductal carcinoma, grade 3.", "",
         "HER2 IHC performed on block A3; see addendum."],
        ["A3-0410", "03/06/2026",
         "Invasive ductal carcinoma. HER2: complete, weak to moderate membrane staining in 11% of invasive "
         "tumour cells (2+). FISH: HER2/CEP17 ratio 1.9, average HER2 copy number 3.9 signals per cell, "
         "20 cells.", "", ""],
        ["A3-0411", "03/09/2026", "Invasive ductal carcinoma. HER2 immunohistochemistry: score two.", "",
         "FISH pending."],
        ["A3-0412", "03/09/2026",
         "Invasive lobular carcinoma. HER2 one plus (faint incomplete membrane staining in 40% of cells).",
         "", ""],
    ]
    write_delimited("04_en_staining_described.csv", header, rows, delimiter=",")


# ---------------------------------------------------------------------------------------------
# 05 English (UK): negation scope, hedges, ranges, Unicode in the structured columns
def f05():
    header = ["Specimen No.", "Date Authorised", "HER2 IHC score", "HER2:CEP17 ratio",
              "Mean HER2 copies/cell", "HER2 ISH", "Conclusion"]
    rows = [
        ["U3-0501", "10/03/2026", "", "", "", "",
         "Invasive carcinoma of no special type. No HER2 overexpression (score 1+)."],
        ["U3-0502", "10/03/2026", "", "", "", "", "Invasive carcinoma NST. HER2 not amplified; IHC 2+."],
        ["U3-0503", "10/03/2026", "", "", "", "",
         "Negative for HER2 protein overexpression, IHC 0 with no staining."],
        ["U3-0504", "11/03/2026", "", "", "", "", "HER2 IHC: 1+ to 2+."],
        ["U3-0505", "11/03/2026", "", "", "", "", "HER2 IHC at least 2+; ISH to follow."],
        ["U3-0506", "11/03/2026", "", "", "", "", "HER2: probable 3+; confirmation by ISH requested."],
        ["U3-0507", "12/03/2026", "", "", "", "",
         "HER2 IHC 1+, cannot exclude 2+ (heterogeneous staining); ISH requested."],
        ["U3-0508", "12/03/2026", "3\uff0b", "", "", "", "HER2 positive."],
        ["U3-0509", "12/03/2026", "", "", "", "",
         "HER2: IHC 0 \u2013 faint, incomplete membrane staining in \u226410" + NBSP + "% of invasive "
         "tumour cells."],
        ["U3-0510", "13/03/2026", "1" + NBSP + "+", "", "", "", ""],
        ["U3-0511", "13/03/2026", "2+ \u2013 equivocal", "", "", "Not amplified", ""],
        ["U3-0512", "13/03/2026", "2+", "2.00", "3.99", "", "Dual-probe ISH, 40 nuclei scored."],
    ]
    write_delimited("05_uk_negation_hedges_unicode.csv", header, rows, delimiter=",", newline="\r\n")


# ---------------------------------------------------------------------------------------------
# 06 German report text: negations, hedges, boundary, gastric vs breast with the same numbers
def f06():
    header = ["Journalnummer", "Eingangsdatum", "Lokalisation", "Befund"]
    rows = [
        ["D3-0601", "16.03.2026", "Mamma links",
         "Invasives Karzinom NST. Keine HER2-Überexpression (Score 1+)."],
        ["D3-0602", "16.03.2026", "Mamma rechts", "Invasives Karzinom NST. HER2 nicht amplifiziert; IHC 2+."],
        ["D3-0603", "16.03.2026", "Mamma links", "HER2-Status: mindestens 2+, ISH folgt."],
        ["D3-0604", "17.03.2026", "Mamma rechts",
         "HER2: wahrscheinlich 3+ (2+ nicht sicher auszuschließen), ISH angefordert."],
        ["D3-0605", "17.03.2026", "Mamma rechts",
         "HER2: schwache bis mäßige vollständige Membranfärbung in 30 % der invasiven Tumorzellen "
         "(Score 2+). SISH: HER2/CEP17-Quotient 2,0; mittlere HER2-Kopienzahl 3,9 Signale/Zelle; 20 Zellen."],
        ["D3-0606", "18.03.2026", "Magen, Antrum (C16.3)",
         "Adenokarzinom des Magens, Resektat. HER2: Score 2+ (schwache bis mäßige vollständige bzw. "
         "basolaterale Membranfärbung in 20 % der Tumorzellen). SISH: HER2/CEP17-Quotient 2,0; "
         "mittlere HER2-Kopienzahl 3,9 Signale/Zelle; 20 Zellen."],
        ["D3-0607", "18.03.2026", "Mamma links",
         "HER2 (Klon 4B5): Score 0, keine Membranfärbung. Östrogenrezeptor 0 %, Progesteronrezeptor 0 % "
         "(triple-negativ). Externe Positivkontrolle 3+."],
        ["D3-0608", "19.03.2026", "Mamma links",
         "HER2: Score 1+ (schwache, unvollständige Membranfärbung in 10 % der Tumorzellen)."],
    ]
    write_delimited("06_de_befund_grenzfaelle.csv", header, rows, delimiter=";")


# ---------------------------------------------------------------------------------------------
# 07 HL7 v2 ORU^R01 flattened, one OBX per row, LOINC-coded (breast)
def f07():
    header = ["MSH-7 Message Date/Time", "OBR-2 Placer Order Number", "OBR-3 Filler Order Number",
              "OBR-4 Universal Service ID", "OBX-1 Set ID", "OBX-2 Value Type",
              "OBX-3 Observation Identifier", "OBX-5 Observation Value", "OBX-6 Units",
              "OBX-11 Observation Result Status"]
    svc = "BRBIO^Breast biomarker panel^L"
    ihc = "48676-1^HER2 [Interpretation] in Tissue^LN"
    rows = [
        ["20260302141500", "ORD771201", "SP26-30701", svc, "1", "ST", ihc, "3+", "", "F"],
        ["20260302141500", "ORD771201", "SP26-30701", svc, "2", "ST",
         "16112-5^Estrogen receptor [Interpretation] in Tissue^LN", "Positive", "", "F"],
        ["20260303092000", "ORD771202", "SP26-30702", svc, "1", "ST", ihc, "2+", "", "F"],
        ["20260303092000", "ORD771202", "SP26-30702", svc, "2", "ST",
         "85318-4^HER2 [Presence] in Breast cancer specimen by FISH^LN", "Not amplified", "", "F"],
        ["20260303092000", "ORD771202", "SP26-30702", svc, "3", "NM",
         "HER2CEPR^HER2/CEP17 ratio^L", "1.35", "{ratio}", "F"],
        ["20260303092000", "ORD771202", "SP26-30702", svc, "4", "NM",
         "HER2AVG^HER2 mean signals per nucleus^L", "2.8", "{signals}/{nucleus}", "F"],
        ["20260303092000", "ORD771202", "SP26-30702", svc, "5", "NM",
         "ISHCELL^Nuclei scored^L", "40", "{nuclei}", "F"],
        ["20260304110500", "ORD771203", "SP26-30703", svc, "1", "ST", ihc, "0", "", "F"],
        ["20260304110500", "ORD771203", "SP26-30703", svc, "2", "NM",
         "HER2PCT^HER2 membrane staining, % invasive cells^L", "0", "%", "F"],
        ["20260304110500", "ORD771203", "SP26-30703", svc, "3", "ST",
         "16113-3^Progesterone receptor [Interpretation] in Tissue^LN", "Negative", "", "F"],
        ["20260305083000", "ORD771204", "SP26-30704", svc, "1", "ST",
         "85319-2^HER2 [Presence] in Breast cancer specimen by Immune stain^LN", "Negative", "", "F"],
        ["20260305083000", "ORD771204", "SP26-30704", svc, "2", "NM",
         "KI67^Ki-67 proliferation index^L", "20", "%", "F"],
    ]
    write_delimited("07_hl7_obx_loinc_breast.csv", header, rows, delimiter=",")


# ---------------------------------------------------------------------------------------------
# 08 HL7 OBX flattened (tab), ISH numbers, gastric vs breast with the same numbers
def f08():
    header = ["Filler Order #", "SPM-8 Specimen Source Site", "OBX-3 Observation Identifier",
              "OBX-5 Observation Value", "OBX-6 Units", "OBX-11 Result Status"]
    ihc = "48676-1^HER2 [Interpretation] in Tissue^LN"
    rat = "HER2CEPR^HER2/CEP17 ratio^L"
    cn = "HER2AVG^HER2 mean signals per nucleus^L"
    cells = "ISHCELL^Nuclei scored^L"
    gsite = "Stomach, cardia (C16.0)"
    bsite = "Breast, left (C50.4)"
    b2site = "Breast, right (C50.9)"
    rows = [
        ["GX26-0801", gsite, ihc, "2+", "", "F"],
        ["GX26-0801", gsite, rat, "2.0", "{ratio}", "F"],
        ["GX26-0801", gsite, cn, "3.6", "{signals}/{nucleus}", "F"],
        ["GX26-0801", gsite, cells, "20", "{nuclei}", "F"],
        ["GX26-0802", bsite, ihc, "2+", "", "F"],
        ["GX26-0802", bsite, rat, "2.0", "{ratio}", "F"],
        ["GX26-0802", bsite, cn, "3.6", "{signals}/{nucleus}", "F"],
        ["GX26-0802", bsite, cells, "20", "{nuclei}", "F"],
        ["GX26-0803", b2site, ihc, "2+", "", "F"],
        ["GX26-0803", b2site, rat, "1.99", "{ratio}", "F"],
        ["GX26-0803", b2site, cn, "6.0", "{signals}/{nucleus}", "F"],
        ["GX26-0803", b2site, cells, "20", "{nuclei}", "F"],
    ]
    write_delimited("08_hl7_obx_ish_gastric.tsv", header, rows, delimiter="\t")


# ---------------------------------------------------------------------------------------------
FORMULA_CACHE = {}  # (sheet title, cell) -> cached value to patch into the XML


def title_block(ws, title, subtitle, ncols):
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    if subtitle:
        ws.cell(row=2, column=1, value=subtitle).font = Font(italic=True)


def put_row(ws, r, values, quote_cols=()):
    for c, v in enumerate(values, start=1):
        if v is None:
            continue
        cell = ws.cell(row=r, column=c, value=v)
        if c in quote_cols:
            cell.quotePrefix = True


def patch_formula_cache(path, sheet_index_by_title, cache):
    """openpyxl writes formulas without a cached value; Excel files always carry one.
    Add <v>...</v> so the workbook looks like one Excel saved."""
    if not cache:
        return
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            for (title, ref), val in cache.items():
                sheet_file = f"xl/worksheets/sheet{sheet_index_by_title[title]}.xml"
                if item.filename == sheet_file:
                    text = data.decode("utf-8")
                    pat = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)(<v\s*/>|<v></v>)?')
                    new, n = pat.subn(lambda m, val=val: m.group(1) + m.group(2) + f"<v>{val}</v>", text)
                    assert n == 1, (title, ref, n)
                    data = new.encode("utf-8")
            zout.writestr(item, data)
    os.replace(tmp, path)


# 09 UK workbook: one sheet per year (same layout, header on row 3 under a merged title),
#    a GI sheet with another layout, a Notes sheet
def f09():
    wb = openpyxl.Workbook()
    hdr = ["Lab No.", "Date reported", "Site", "HER2 IHC", "% cells stained", "Mean HER2 copies",
           "Mean CEP17 copies", "HER2/CEP17 ratio", "Nuclei counted", "ISH result"]
    import datetime as dt
    ws = wb.active
    ws.title = "2024"
    title_block(ws, "Breast HER2 log 2024 \u2013 Cellular Pathology", None, len(hdr))
    put_row(ws, 3, hdr)
    put_row(ws, 4, ["C24-1102", dt.date(2024, 5, 14), "Breast, R", "2+ ", None, 4.0, 2.0, 2.0, 20, "Amplified "])
    put_row(ws, 5, ["C24-1103", dt.date(2024, 6, 3), "Breast, L", "0", 10], quote_cols=(4,))
    put_row(ws, 6, ["C24-1104", dt.date(2024, 8, 21), "Breast, L", "1+", "25"])
    put_row(ws, 7, ["C24-1105", dt.date(2024, 11, 7), "Breast, R", "2+", None, "6.0", 3.2, 1.88, 40,
                    "Group 3"])
    for r in range(4, 8):
        ws.cell(row=r, column=2).number_format = "DD/MM/YYYY"

    ws = wb.create_sheet("2025")
    title_block(ws, "Breast HER2 log 2025 \u2013 Cellular Pathology", None, len(hdr))
    put_row(ws, 3, hdr)
    put_row(ws, 4, ["C25-0201", dt.date(2025, 1, 9), "Breast, L", "1+", 11])
    put_row(ws, 5, ["C25-0202", dt.date(2025, 2, 17), "Breast, R", "0", 11])
    put_row(ws, 6, ["C25-0203", dt.date(2025, 3, 4), "Breast, L", "2+", None, 4.2, 2.1, "=ROUND(F6/G6,2)", 30,
                    None])
    FORMULA_CACHE[("2025", "H6")] = "2"
    put_row(ws, 7, ["C25-0204", dt.date(2025, 4, 22), "Breast, R", "2+", None, 5.9, 3.0, 1.97, 19, None])
    put_row(ws, 8, ["C25-0205", dt.date(2025, 6, 30), "Breast, L", "Negative", None])
    for r in range(4, 9):
        ws.cell(row=r, column=2).number_format = "DD/MM/YYYY"

    ws = wb.create_sheet("GI")
    gh = ["Lab No.", "Specimen", "ICD-O-3 site", "HER2 IHC (ToGA)", "HER2:CEP17", "Comment"]
    put_row(ws, 1, gh)
    put_row(ws, 2, ["C25-G302", "Gastro-oesophageal junction, resection", "C16.0", "2+", "2.0",
                    "SISH, 20 nuclei"])
    put_row(ws, 3, ["C25-G303", "Stomach, body, biopsy", "C16.2", "1+", None, None])
    put_row(ws, 4, ["C25-G304", "Oesophagus, distal, biopsy", "C15.5", "0", None, "no staining in any tumour cells"])

    ws = wb.create_sheet("Notes")
    notes = [
        "Scoring per ASCO/CAP 2018 (breast) and ToGA / CAP-ASCP-ASCO 2016 (GI).",
        "Column E = % of invasive tumour cells with any membrane staining.",
        "ISH: dual-probe SISH; ratio column may hold a formula (HER2 / CEP17).",
        "Sheets 2024 and 2025 share one layout; GI has its own.",
        "Contact: cellular pathology office, ext. 4410",
    ]
    for i, t in enumerate(notes, start=1):
        ws.cell(row=i, column=1, value=t)

    path = os.path.join(HERE, "09_xlsx_per_year_sheets.xlsx")
    wb.save(path)
    patch_formula_cache(path, {"2024": 1, "2025": 2, "GI": 3, "Notes": 4},
                        {k: v for k, v in FORMULA_CACHE.items() if k[0] in ("2025",)})


# 10 Spanish hospital network workbook: one sheet per site, header on row 3 under a merged title,
#    text cells with apostrophe prefix, trailing spaces, numbers stored as text with decimal commas
def f10():
    wb = openpyxl.Workbook()
    hdr = ["Nº Biopsia", "Fecha", "Localización", "Topografía CIE-O", "HER2 IHQ", "% células teñidas",
           "Cociente HER2/CEP17", "Copias HER2/célula", "Núcleos contados", "Resultado ISH"]
    import datetime as dt

    def sheet(ws, title, rows):
        title_block(ws, "Registro HER2 \u2013 Servicio de Anatomía Patológica \u2013 " + title,
                    "Exportado el 12/03/2026", len(hdr))
        put_row(ws, 3, hdr)
        for i, (vals, qcols) in enumerate(rows, start=4):
            put_row(ws, i, vals, quote_cols=qcols)
            ws.cell(row=i, column=2).number_format = "DD/MM/YYYY"

    ws = wb.active
    ws.title = "Hospital Norte"
    sheet(ws, "Hospital Norte", [
        (["HN26-0001", dt.date(2026, 2, 2), "Mama izquierda", "C50.4", "3+", 95, None, None, None, None], ()),
        (["HN26-0002", dt.date(2026, 2, 3), "Mama derecha", "C50.9", "2+", None, "2,00", "4,00", "20",
          "Amplificado "], (7, 8, 9)),
        (["HN26-0003", dt.date(2026, 2, 4), "Mama", "C50.9", "0", "0", None, None, None, None], (5, 6)),
        (["HN26-0004", dt.date(2026, 2, 5), "Unión esofagogástrica", "C16.0", "2+", None, "2,00", "3,50", "20",
          None], (7, 8, 9)),
        (["HN26-0005", dt.date(2026, 2, 6), "Mama", "C50.9", "2+", None, "2,00", "3,50", "20", None], (7, 8, 9)),
    ])
    ws = wb.create_sheet("Hospital Sur")
    sheet(ws, "Hospital Sur", [
        (["HS26-0101", dt.date(2026, 2, 9), "Estómago", "C16.3", "1+", 30, None, None, None, None], ()),
        (["HS26-0102", dt.date(2026, 2, 9), "Mama", "C50.2", "1+", 30, None, None, None, None], ()),
        (["HS26-0103", dt.date(2026, 2, 10), "Mama ", "C50.4 ", "0", "5 ", None, None, None, None], ()),
        (["HS26-0104", dt.date(2026, 2, 11), "Esófago distal", "C15.5", "2+", None, 1.8, 6.2, 20,
          "No amplificado"], ()),
    ])
    ws = wb.create_sheet("Notas")
    for i, t in enumerate([
        "Valoración HER2 según ASCO/CAP 2018 (mama) y Bartley 2016 (gástrico / unión esofagogástrica).",
        "Las columnas G-I se rellenan solo si se realiza ISH.",
        "Revisado por: Dra. Ficticia, jefa de sección.",
    ], start=1):
        ws.cell(row=i, column=1, value=t)
    wb.save(os.path.join(HERE, "10_xlsx_es_hospitales_texto.xlsx"))


# ---------------------------------------------------------------------------------------------
# 11 Multinational screening file: gastroesophageal and breast rows with the same values
def f11():
    header = ["Subject ID", "Country", "Primary site (verbatim)", "ICD-O-3 topography", "Specimen",
              "HER2 IHC", "% cells stained", "HER2/CEP17 ratio", "Mean HER2 copies/cell", "Cells counted"]
    rows = [
        ["GI3-1101", "PL", "Żołądek \u2013 trzon", "C16.2", "biopsy", "2+", "", "2.0", "3.8", "20"],
        ["GI3-1102", "PL", "Pierś lewa", "C50.4", "core biopsy", "2+", "", "2.0", "3.8", "20"],
        ["GI3-1103", "CZ", "Žaludek, kardie", "C16.0", "resection", "2+", "", "1.9", "6.4", "20"],
        ["GI3-1104", "CZ", "Prs, pravý", "C50.9", "core biopsy", "2+", "", "1.9", "6.4", "20"],
        ["GI3-1105", "SE", "Magsäck", "C16.9", "biopsy", "0", "5", "", "", ""],
        ["GI3-1106", "SE", "Bröst, vänster", "C50.4", "core biopsy", "0", "5", "", "", ""],
        ["GI3-1107", "FI", "Ruokatorvi, distaalinen", "C15.5", "resection", "1+", "40", "", "", ""],
        ["GI3-1108", "FI", "Rinta", "C50.9", "resection", "1+", "40", "", "", ""],
        ["GI3-1109", "DK", "Mavesæk, antrum", "C16.3", "biopsy", "1+", "", "2.2", "3.0", "20"],
        ["GI3-1110", "DK", "Bryst, højre", "C50.9", "core biopsy", "1+", "", "2.2", "3.0", "20"],
        ["GI3-1111", "PT", "Junção esofagogástrica", "", "biopsy", "3+", "", "", "", ""],
    ]
    write_delimited("11_gastro_multilang_icdo.csv", header, rows, delimiter=",")


if __name__ == "__main__":
    for fn in (f01, f02, f03, f04, f05, f06, f07, f08, f09, f10, f11):
        fn()
    print("written:", sorted(n for n in os.listdir(HERE) if n[:2].isdigit()))

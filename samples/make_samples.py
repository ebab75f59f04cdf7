"""Regenerate the sample exports: python samples/make_samples.py

Two realistic exports of about 50 cases each, covering every HER2 category, several review
reasons and a few rejects. Identifiers and names are invented.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent

# (IHC as written, % stained, ratio, HER2/cell, CEP17/cell, cells, ISH text, site, ER %, PR %)
TEMPLATES = [
    ("Positive (3+)", "", "", "", "", "", "", "Breast", "90", "70"),
    ("3+ (90%)", "", "", "", "", "", "", "Breast", "0", "0"),
    ("Equivocal (2+)", "", "1,6", "4,8", "3,0", "40", "", "Breast", "95", "80"),  # group 4 -> HER2-low
    ("2+", "", "2,4", "6,1", "2,5", "40", "Amplified", "Breast", "80", "10"),  # group 1
    ("2+", "", "1,5", "6,5", "4,3", "20", "", "Breast", "60", "5"),  # group 3 -> positive, recount
    ("2+", "", "1,2", "2,4", "2,0", "60", "Not amplified", "Breast", "100", "90"),  # group 5 -> low
    ("2+", "", "", "", "", "", "", "Breast", "85", "40"),  # ISH pending -> equivocal
    ("Negative (1+)", "", "", "", "", "", "", "Breast", "98", "60"),
    ("1+", "15", "", "", "", "", "", "Breast", "75", "30"),
    ("0", "5", "", "", "", "", "", "Breast", "90", "85"),  # ultralow by percentage
    ("ultralow", "", "", "", "", "", "", "Breast", "70", "20"),
    ("0 (null)", "0", "", "", "", "", "", "Breast", "0", "0"),
    ("Negative (0)", "", "", "", "", "", "", "Breast", "50", "10"),  # HER2-0
    ("Negative", "", "", "", "", "", "", "Breast", "95", "95"),  # score unknown
    ("0-1+", "", "", "", "", "", "", "Breast", "80", "40"),
    ("1-2+", "", "1,3", "2,9", "2,2", "40", "", "Breast", "90", "60"),
    ("0+", "", "", "", "", "", "", "Breast", "65", "5"),
    ("Indeterminate", "", "", "", "", "", "", "Breast", "", ""),
    ("1+", "5", "", "", "", "", "", "Breast", "10", "0"),  # percentage inconsistent
    ("0", "", "2,6", "5,5", "2,1", "40", "", "Breast", "0", "0"),  # discordant
    ("2+", "", "2,1", "4,4", "2,1", "15", "", "Breast", "70", "50"),  # too few cells
    ("1+", "", "", "", "", "", "", "Stomach", "", ""),  # gastroesophageal rules
    ("3+", "", "", "", "", "", "", "Gastro-oesophageal junction", "", ""),
    ("", "", "", "", "", "", "", "Breast", "", ""),  # not tested
    ("2+", "", "", "", "", "", "see comment", "Breast", "90", "90"),
]
PATHOLOGISTS = ["Dr A. Lefèvre", "Dr B. Okafor", "Dr C. Müller", "Dr D. Tanaka"]
CLONES = ["4B5", "4B5", "HercepTest", "CB11"]


def cases(prefix: str, start: dt.date, count: int):
    for i in range(count):
        template = TEMPLATES[i % len(TEMPLATES)]
        day = start + dt.timedelta(days=3 * i)
        # every eighth case is a later specimen (resection, recurrence) of the patient three cases
        # earlier, so the Patients sheet shows patients whose HER2 call changed
        patient = i - 3 if i % 8 == 7 else i
        yield (f"{prefix}{i + 1:04d}", f"MRN{731000 + 37 * patient}", day, *template,
               CLONES[i % len(CLONES)], PATHOLOGISTS[i % len(PATHOLOGISTS)])


def write_lab_a() -> None:
    header = ("Accession No.;MRN;Report Date;Site;HER2 IHC Score;HER2 % stained;HER2/CEP17 Ratio;"
              "Avg HER2 Copy Number;Avg CEP17 Copy Number;Nuclei counted;ISH Result;ER %;PR %;Clone;Pathologist")
    lines = [header]
    for case_id, mrn, day, ihc, pct, ratio, her2, cep17, cells, ish, site, er, pr, clone, who in cases("S24-", dt.date(2024, 1, 8), 48):
        lines.append(";".join([case_id, mrn, day.strftime("%d/%m/%Y"), site, ihc, pct, ratio, her2, cep17, cells, ish,
                               er, pr, clone, who]))
    lines.append(";MRN999001;02/07/2024;Breast;1+;;;;;;;80;10;4B5;Dr B. Okafor")  # no accession: reject
    lines.append("S24-0051;MRN999002;03/07/2024;Breast;2+;;abc;4,1;;;;;;4B5;Dr B. Okafor")  # ratio not a number
    lines.append("S24-0052;MRN999003;04/07/2024;Breast;1+;;;;;;;150;;4B5;Dr B. Okafor")  # ER above 100
    (HERE / "lab_a_export.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def write_lab_b() -> None:
    workbook = openpyxl.Workbook()
    header = ["Specimen ID", "Patient", "Date Reported", "Site", "HER2 (IHC)", "HER2 % staining", "HER2:CEP17",
              "HER2 signals/cell", "CEP17 signals/cell", "Cells Counted", "FISH", "ER %", "PR %", "Antibody Clone",
              "Pathologist", "Lab"]
    rows = list(cases("B-", dt.date(2024, 9, 2), 52))
    for title, chunk in (("Results 2024", rows[:26]), ("Results 2025", rows[26:])):
        sheet = workbook.create_sheet(title)
        sheet.append([f"Riverside Hospital Pathology - HER2 {title.lower()}"])
        sheet.append(["Exported from the LIS; one row per block"])
        sheet.append([])
        sheet.append(header)
        for n, (case_id, mrn, day, ihc, pct, ratio, her2, cep17, cells, ish, site, er, pr, clone, who) in enumerate(chunk):
            numbers = [float(v.replace(",", ".")) if v else None for v in (ratio, her2, cep17)]
            score = {"3+": 3, "2+": 2, "1+": 1, "0": 0}.get(ihc, ihc)  # scores typed as Excel numbers
            sheet.append([case_id, mrn.replace("MRN", "P"), dt.datetime.combine(day, dt.time()), site.lower(), score,
                          int(pct) if pct else None, *numbers, int(cells) if cells else None, ish,
                          int(er) if er else None, int(pr) if pr else None, clone, who,
                          "Riverside" if n % 3 else "Satellite"])
        if title == "Results 2025":
            sheet.append(["B-0099", "P0099", dt.datetime(2025, 3, 1), "breast", 2, None, -1.2, 4.0, None, None, "",
                          None, None, "4B5", PATHOLOGISTS[0], "Riverside"])  # negative ratio: reject
    del workbook["Sheet"]
    legend = workbook.create_sheet("Legend")
    legend.append(["Column", "Meaning"])
    legend.append(["HER2 (IHC)", "ASCO/CAP 2018 IHC score"])
    workbook.save(HERE / "lab_b_results.xlsx")


if __name__ == "__main__":
    write_lab_a()
    write_lab_b()

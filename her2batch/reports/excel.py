"""her2_summary.xlsx: Summary, Cases, Review, Rejects, Run, Rules (openpyxl, write-only).

Write-only mode streams rows and keeps memory flat for large runs. Every text that came from an
input is written as a text cell (never a formula); characters XML forbids are replaced; cells are
cut at Excel's 32,767-character limit (cases.csv keeps the original).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from her2batch import __version__
from her2batch.decide.classify import ANNOTATION_COLUMNS, EXTRA_COLUMNS
from her2batch.decide.reasons import REASONS
from her2batch.pipeline import PROVENANCE_COLUMNS
from her2batch.read.narrative import EVIDENCE_COLUMN
from her2batch.reports.sheetxml import ILLEGAL_XML, DeferredRows, splice
from her2batch.rescore import why_counts
from her2batch.rollups import compute
from her2batch.rules import GASTROESOPHAGEAL, STATUS_NAMES, get_rule_set
from her2batch.rules.base import NO_IHC, RuleSet
from her2batch.summary import (
    PUBLISHED_RATES,
    QC_ALPHA,
    QC_GROUPINGS,
    QC_MIN_GROUP,
    TREND_RATES,
    boundary_table,
    category_counts,
    lab_rates,
    month_trends,
    priority_counts,
    qc_indicators,
    qc_table,
    reason_counts,
    status_counts,
)
from her2batch.understand.headers import CANONICAL_COLUMNS

SHEETS = ("Summary", "Cases", "Review", "Rejects", "Run", "Patients", "Re-score", "Rules")
REVIEW_VALUES = ("pathologist", "report_date", "her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies",
                 "ish_cep17_copies", "ish_result")
EXCEL_MAX_ROWS = 1_048_575  # data rows below one header row
EXCEL_MAX_COLUMNS = 16_384
KEPT_TAIL_COLUMNS = 60  # canonical, annotation and provenance columns stand at the end

CATEGORY_FILLS = {
    "HER2-positive": "F4CCCC",
    "HER2-low": "FCE5CD",
    "HER2-ultralow": "FFF2CC",
    "HER2-null": "D9EAD3",
    "HER2-0": "D0E0E3",
    "HER2-negative": "CFE2F3",
    "HER2-equivocal": "D9D2E9",
    "unknown": "EEEEEE",
}
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
NOTE_FONT = Font(italic=True, color="9C0006")
FLAG_FILL = PatternFill("solid", fgColor="FFC7CE")
WRAP = Alignment(wrap_text=True, vertical="top")


class SheetWriter:
    """Appends rows to a write-only sheet and remembers the row number for references."""

    def __init__(self, workbook: Workbook, title: str, widths: Sequence[float] = ()) -> None:
        self.sheet = workbook.create_sheet(title)
        self.row = 0
        for i, width in enumerate(widths, 1):
            self.sheet.column_dimensions[get_column_letter(i)].width = width

    def cell(self, value: Any, font: Font | None = None, fill: PatternFill | None = None,
             number_format: str | None = None, alignment: Alignment | None = None) -> WriteOnlyCell:
        if isinstance(value, str):
            value = re.sub(ILLEGAL_XML, "\ufffd", value)
        cell = WriteOnlyCell(self.sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula
        if font:
            cell.font = font
        if fill:
            cell.fill = fill
        if number_format:
            cell.number_format = number_format
        if alignment:
            cell.alignment = alignment
        return cell

    def append(self, values: Iterable[Any]) -> int:
        self.sheet.append(list(values))
        self.row += 1
        return self.row

    def table_view(self, header_row: int, columns: int, rows: int, freeze_first_column: bool = False) -> None:
        """Frozen header (and first column) and filter; write-only sheets take them only before the first row."""
        self.sheet.freeze_panes = f"{'B' if freeze_first_column else 'A'}{header_row + 1}"
        if columns:
            self.sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{header_row + rows}"
        print_setup(self.sheet, header_row)

    def note(self, text: str) -> int:
        return self.append([self.cell(text, font=NOTE_FONT)])

    def title(self, text: str, font: Font = SECTION_FONT) -> int:
        return self.append([self.cell(text, font=font)])

    def header(self, names: Iterable[str]) -> int:
        return self.append([self.cell(str(n), font=HEADER_FONT, fill=HEADER_FILL) for n in names])

    def blank(self) -> None:
        self.append([])


def print_setup(sheet, header_row: int | None = None) -> None:
    """Printed landscape, one page wide, the header row repeated on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    if header_row:
        sheet.print_title_rows = f"{header_row}:{header_row}"


# --- big sheets: header and placeholder here, data rows generated by sheetxml.splice -------

def deferred_table(writer: SheetWriter, frame: pd.DataFrame,
                   fills: dict[str, dict[str, str]] | None = None, wrap_columns: Sequence[str] = ()) -> DeferredRows:
    """Header row, then a placeholder row of style probes that the data rows will replace."""
    writer.header(frame.columns)
    deferred = DeferredRows(writer.sheet.title, frame, writer.row + 1, fills or {},
                            date_columns=tuple(c for c in map(str, frame.columns) if c.endswith("report_date")),
                            wrap_columns=tuple(c for c in wrap_columns if c in frame.columns))
    probes = []
    for key, value in deferred.probe_values():
        if key == "date":
            probes.append(writer.cell(value, number_format="yyyy-mm-dd"))
        elif key == "wrap":
            probes.append(writer.cell(value, alignment=WRAP))
        elif key == "bool":
            probes.append(writer.cell(value, number_format=BOOLEAN_FORMAT))
        else:
            _, column, _ = key.split(":", 2)
            probes.append(writer.cell(value, fill=PatternFill("solid", fgColor=deferred.fills[column][value])))
    writer.append(probes or [None])
    return deferred


def widths_for(frame: pd.DataFrame, sample: int = 200, cap: float = 60) -> list[float]:
    """Column widths from the header and the first rows' text length."""
    head = frame.head(sample)
    widths = []
    for name in frame.columns:
        lengths = head[name].astype("string").fillna("").str.len()
        longest = max(len(str(name)), int(lengths.max()) if len(lengths) else 0)
        widths.append(float(min(max(longest + 2, 8), cap)))
    return widths


# --- sheets ----------------------------------------------------------------------------------

PERCENT = "0.0%"
SHEET_LIMIT = "(sheet limit; set [run] cases_sheet_limit)"  # every big sheet, not only Cases
BOOLEAN_FORMAT = '"TRUE";"TRUE";"FALSE"'  # Excel shows booleans so anyway; LibreOffice needs it


def _share(value: float | None) -> float | None:
    """A percentage (0-100) as the fraction Excel's percent format expects."""
    return None if value is None or value != value else float(value) / 100


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def summary_sentences(result, rollups) -> list[str]:
    """The few plain sentences at the top of the Summary: what a lab director asks first."""
    cases = result.cases
    n = len(cases)
    categories = result.categories

    def share(k: int) -> str:
        return f" ({k / n:.1%})" if n else ""

    low, ultralow = categories.get("HER2-low", 0), categories.get("HER2-ultralow", 0)
    positive = categories.get("HER2-positive", 0)
    report = getattr(result, "history_report", None)
    lines = [f"Report from {report}: {_plural(n, 'current case')} (an amended result counts once, as its latest "
             f"version; {getattr(result, 'amended', 0):,} amended)." if report else
             f"{_plural(n, 'case')} from {_plural(len(result.sources), 'input file')}"
             + (f" ({len(result.failed)} could not be read)" if result.failed else "")
             + f"; {_plural(len(result.rejects), 'row')} rejected (Rejects sheet).",
             f"HER2-low: {low:,}{share(low)}; HER2-ultralow: {ultralow:,}{share(ultralow)}; "
             f"HER2-positive: {positive:,}{share(positive)}."]
    reasons = reason_counts(cases)
    top = "; ".join(f"{title} ({k:,})" for title, k in zip(reasons["title"][:3], reasons["cases"][:3], strict=True))
    priority = priority_counts(cases)
    lines.append(f"{_plural(result.review, 'case')} need review ({priority[1]:,} may change the call)"
                 + (f"; top reasons: {top}." if top else "."))
    history = " across the history" if getattr(result, "history_cases", None) is not None or report else ""
    lines.append(f"{_plural(len(rollups.rescore), 'negative')} on the re-scoring worklist{history} "
                 "(Re-score sheet: HER2-low/ultralow level unknown).")
    patients = rollups.patients
    lines.append(f"{_plural(len(patients.table), 'patient')}{history}; {patients.changed:,} with a HER2 category "
                 "that changed between specimens (Patients sheet)"
                 + (f"; {_plural(patients.cases_without_patient_id, 'case')} without a patient id not rolled up."
                    if patients.cases_without_patient_id else "."))
    if getattr(result, "history_cases", None) is not None:
        skipped = len(getattr(result, "skipped_inputs", []))
        lines.append(f"History: {rollups.history_cases:,} earlier cases included; {rollups.amended:,} amended "
                     f"result(s) in this run" + (f"; {_plural(skipped, 'input')} already recorded, skipped."
                                                  if skipped else "."))
    return lines + cut_sentences(result, rollups)


def sheet_rows(limit: int) -> int:
    """Data rows a big sheet holds: the run's cases_sheet_limit, within Excel's."""
    return min(limit, EXCEL_MAX_ROWS - 1)


def cut_sentences(result, rollups) -> list[str]:
    """One sentence per big sheet cut at the row limit, saying where every row is."""
    shown = sheet_rows(result.settings.cases_sheet_limit)
    sheets = [
        ("Cases", len(result.cases), "cases", "", "cases.csv"),
        ("Review", result.review, "cases needing review", ", most urgent first", "cases.csv (review_required = true)"),
        ("Rejects", len(result.rejects), "rejected rows", "", "rejects.csv"),
        ("Patients", len(rollups.patients.table), "patients", "", "patients.csv"),
        ("Re-score", len(rollups.rescore), "cases on the re-scoring worklist", ", HR-positive first", "rescore.csv"),
    ]
    return [f"{sheet} shows the first {shown:,} of {total:,} {what}{order}; all are in {where}."
            for sheet, total, what, order, where in sheets if total > shown]


def write_summary(workbook: Workbook, result) -> None:
    writer = SheetWriter(workbook, "Summary", widths=(46, 20, 18, 14, 16, 14, 14, 26))
    print_setup(writer.sheet)
    cases = result.cases
    rollups = compute(result)
    quality = rollups.span_cases
    writer.title("HER2 batch summary", TITLE_FONT)
    writer.append([writer.cell(f"her2batch {__version__}; rule set {result.settings.rule_set}; "
                               f"run {result.finished:%Y-%m-%d %H:%M} UTC")])
    writer.blank()
    writer.title("In short")
    for sentence in summary_sentences(result, rollups):
        writer.append([writer.cell(sentence)])
    writer.blank()
    writer.title("The run")
    headline = [
        ("Input files", len(result.sources)),
        ("Input files failed", len(result.failed)),
        ("Rows read", result.rows_in),
        ("Cases", len(cases)),
        ("Rejects", len(result.rejects)),
        ("Cases for review", result.review),
        ("Re-scoring worklist", len(rollups.rescore)),
        ("Patients", len(rollups.patients.table)),
        ("Patients whose HER2 changed", rollups.patients.changed),
        ("Rule set (breast)", result.settings.rule_set),
        ("Started (UTC)", result.started.replace(tzinfo=None)),
        ("Finished (UTC)", result.finished.replace(tzinfo=None)),
    ]
    if getattr(result, "history_cases", None) is not None:
        headline[9:9] = [("Cases from the history", rollups.history_cases), ("Amended results", rollups.amended)]
    for label, value in headline:
        number_format = "yyyy-mm-dd hh:mm:ss" if isinstance(value, dt.datetime) else None
        writer.append([writer.cell(label, font=Font(bold=True)), writer.cell(value, number_format=number_format)])
    writer.blank()

    writer.title("Cases by HER2 category")
    categories = category_counts(cases)
    first = writer.header(["HER2 category", "Cases", "% of cases"]) + 1
    for name, count, share in zip(categories["her2_category"], categories["cases"], categories["% of cases"], strict=True):
        writer.append([writer.cell(name, fill=PatternFill("solid", fgColor=CATEGORY_FILLS[name])), count,
                       writer.cell(_share(share) if len(cases) else "no cases", number_format=PERCENT)])
    last = writer.row
    chart = BarChart()
    chart.type = "bar"
    chart.title = "Cases by HER2 category"
    chart.y_axis.title = "Cases"
    chart.legend = None
    chart.x_axis.scaling.orientation = "maxMin"  # first category on top, as in the table
    chart.add_data(Reference(writer.sheet, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(writer.sheet, min_col=1, min_row=first, max_row=last))
    chart.height, chart.width = 8, 16
    writer.sheet.add_chart(chart, f"E{first - 1}")
    writer.blank()

    writer.title("Cases by HER2 status")
    statuses = status_counts(cases)
    writer.header(["HER2 status", "Cases", "% of cases"])
    for name, count, share in zip(statuses["her2_status"], statuses["cases"], statuses["% of cases"], strict=True):
        writer.append([writer.cell(name), count,
                       writer.cell(_share(share) if len(cases) else "no cases", number_format=PERCENT)])
    for _ in range(max(0, 12 - len(STATUS_NAMES))):  # leave room for the chart beside the tables
        writer.blank()

    _review_section(writer, cases, result.review)
    _rescore_section(writer, rollups)
    _boundary_sections(writer, quality)
    _trend_section(writer, quality)
    _published_section(writer, quality)

    indicators = qc_indicators(quality) if len(quality) else None
    for column, label in QC_GROUPINGS:
        source = "report_date" if column == "month" else column
        table = qc_table(quality, column, indicators) if len(quality) and source in quality else None
        if table is None:
            continue
        writer.blank()
        writer.title(f"Quality control by {label}")
        writer.append([writer.cell(
            f"Rates per group against the overall rate; a group of at least {QC_MIN_GROUP} cases whose "
            f"count lies outside the {100 * (1 - QC_ALPHA):.0f}% binomial range is marked.", font=Font(italic=True))])
        writer.header([label.capitalize(), "Cases", *table.columns[2:]])
        for values in zip(*(table[c].tolist() for c in table.columns), strict=True):
            group, n, *rates, flags = values
            row = [writer.cell(str(group)), n, *(writer.cell(_share(r), number_format=PERCENT) for r in rates)]
            if group == "(all cases)":
                row.append(None)
            elif flags:
                row.append(writer.cell(flags, fill=FLAG_FILL))
            else:
                row.append(writer.cell("no" if n >= QC_MIN_GROUP else f"not tested (< {QC_MIN_GROUP} cases)"))
            writer.append(row)


def _review_section(writer: SheetWriter, cases: pd.DataFrame, review: int) -> None:
    writer.blank()
    writer.title("Cases for review by reason")
    reasons = reason_counts(cases)
    writer.header(["Reason", "Cases", "Priority", "What it means"])
    if not len(reasons):
        writer.append([writer.cell("no case needs review")])
    for code, n, priority, title in zip(reasons["reason"], reasons["cases"], reasons["priority"], reasons["title"],
                                        strict=True):
        writer.append([writer.cell(code), int(n), int(priority), writer.cell(title)])
    writer.append([writer.cell("A case with several reasons counts under each.", font=Font(italic=True))])
    writer.blank()
    writer.title("Cases for review by priority")
    writer.header(["Priority", "Cases", "% of review"])
    words = {1: "1: may change the call", 2: "2: check before reporting", 3: "3: note"}
    for priority, n in priority_counts(cases).items():
        writer.append([writer.cell(words[priority]), n,
                       writer.cell(n / review if review else "no cases", number_format=PERCENT)])


def _rescore_section(writer: SheetWriter, rollups) -> None:
    writer.blank()
    writer.title("Re-scoring worklist by reason")
    writer.header(["Why listed", "Cases", "of them HR-positive"])
    table = rollups.rescore
    hr = table["hr_positive"].fillna(False).to_numpy(dtype=bool) if len(table) else np.zeros(0, dtype=bool)
    for why, n in why_counts(table).items():
        writer.append([writer.cell(why), n, int(hr[(table["why"] == why).to_numpy(dtype=bool)].sum()) if n else 0])
    writer.append([writer.cell("Since DESTINY-Breast06 and the FDA approval of January 2025, ultralow vs null "
                               "matters for HR-positive metastatic disease: these results cannot place it.",
                               font=Font(italic=True))])


def _boundary_sections(writer: SheetWriter, quality: pd.DataFrame) -> None:
    for column, label in (("pathologist", "pathologist"), ("antibody_clone", "antibody clone"), ("month", "report month")):
        table = boundary_table(quality, column)
        if table is None:
            continue
        writer.blank()
        writer.title(f"IHC 0 vs 1+ by {label}")
        writer.append([writer.cell(
            "Among cases scored 0 or 1+, the share scored 1+ (HER2-low). Agreement between pathologists on 0 vs 1+ "
            "is poor (Fernandez et al., JAMA Oncol 2022: <=70% concordance on 19% of cases); a group outside the "
            f"{100 * (1 - QC_ALPHA):.0f}% binomial range of the overall share is marked.", font=Font(italic=True))])
        writer.header([label.capitalize(), "Scored 0 or 1+", "Scored 1+", "% 1+", "Outside 99% range"])
        for group, n, k, share, mark in zip(*(table[c].tolist() for c in table.columns), strict=True):
            flag = mark in ("high", "low")
            writer.append([writer.cell(str(group)), int(n), int(k), writer.cell(_share(share), number_format=PERCENT),
                           writer.cell(mark, fill=FLAG_FILL) if flag else (writer.cell(mark) if mark else None)])


def _trend_section(writer: SheetWriter, quality: pd.DataFrame) -> None:
    trends = month_trends(quality) if len(quality) and "report_date" in quality else None
    if trends is None or not len(trends):
        return
    writer.blank()
    writer.title("Trends by report month")
    first = writer.header(["Month", "Cases", *TREND_RATES]) + 1
    for month, n, *rates in zip(*(trends[c].tolist() for c in trends.columns), strict=True):
        writer.append([writer.cell(month), int(n), *(writer.cell(_share(r), number_format=PERCENT) for r in rates)])
    last = writer.row
    chart = LineChart()
    chart.title = "Rates by report month"
    chart.y_axis.title = "% of cases"
    chart.y_axis.number_format = "0%"
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
    chart.add_data(Reference(writer.sheet, min_col=3, max_col=2 + len(TREND_RATES), min_row=first - 1, max_row=last),
                   titles_from_data=True)
    chart.set_categories(Reference(writer.sheet, min_col=1, min_row=first, max_row=last))
    for series in chart.series:
        series.smooth = False  # monthly rates: straight segments, no invented curve
    chart.height, chart.width = 8, 18
    writer.sheet.add_chart(chart, f"H{first - 1}")
    for _ in range(max(0, 16 - len(trends))):  # room for the chart below the table
        writer.blank()


def _published_section(writer: SheetWriter, quality: pd.DataFrame) -> None:
    writer.blank()
    writer.title("Published rates, for orientation")
    writer.append([writer.cell("Populations, methods and years differ: a difference is a question, not a verdict.",
                               font=Font(italic=True))])
    writer.header(["Measure", "This lab", "Published", "Population", "Source"])
    own = lab_rates(quality) if len(quality) else {}
    for measure, published, population, source in PUBLISHED_RATES:
        mine = own.get(measure)
        writer.append([writer.cell(measure), writer.cell(mine if mine is not None else "no cases",
                                                          number_format=PERCENT),
                       writer.cell(published), writer.cell(population), writer.cell(source)])


def limited_sheet(workbook: Workbook, title: str, frame: pd.DataFrame, limit: int, cut_note: str,
                  widths: Sequence[float] | None = None,
                  fills: dict[str, dict[str, str]] | None = None, ours_first: bool = False,
                  wrap_columns: Sequence[str] = (), extra_note: str = "") -> DeferredRows:
    """A big table sheet: at most ``limit`` rows, a note in row 1 when cut, frozen header, filter.

    ``cut_note`` is formatted with ``shown`` and ``total``. Our columns stand at the ends of the
    frame, or first with ``ours_first`` (then the first column is frozen too).
    """
    shown = frame.iloc[: sheet_rows(limit)]
    notes = [cut_note.format(shown=len(shown), total=len(frame))] if len(frame) > len(shown) else []
    if extra_note:
        notes.append(extra_note)
    if len(shown.columns) > EXCEL_MAX_COLUMNS:  # keep our columns, cut input columns
        width = len(shown.columns)
        keep = (list(range(EXCEL_MAX_COLUMNS)) if ours_first else
                [*range(EXCEL_MAX_COLUMNS - KEPT_TAIL_COLUMNS), *range(width - KEPT_TAIL_COLUMNS, width)])
        notes.append(f"{width - EXCEL_MAX_COLUMNS:,} input columns beyond Excel's "
                     f"{EXCEL_MAX_COLUMNS:,} are left out of this sheet; the CSV outputs have them all.")
        shown = shown.iloc[:, keep]
    writer = SheetWriter(workbook, title, widths=widths_for(shown) if widths is None else widths)
    writer.table_view(1 + bool(notes), len(shown.columns), len(shown), freeze_first_column=ours_first)
    if notes:
        writer.note(" ".join(notes))
    return deferred_table(writer, shown, fills, wrap_columns)


def cases_sheet_columns(columns: Sequence[str]) -> list[str]:
    """case_id and the annotation columns, then the canonical, then the original columns."""
    present = set(columns)
    ours = ["case_id", *ANNOTATION_COLUMNS, *EXTRA_COLUMNS, EVIDENCE_COLUMN, *PROVENANCE_COLUMNS,
            *(c for c in CANONICAL_COLUMNS if c != "case_id")]
    lead = [c for c in dict.fromkeys(ours) if c in present]
    taken = set(lead)
    return lead + [c for c in columns if c not in taken]


def write_cases(workbook: Workbook, cases: pd.DataFrame, limit: int, total: int | None = None) -> DeferredRows:
    """``total``: every case of the run, when ``cases`` holds only the first (a streamed run)."""
    shown = cases.iloc[: sheet_rows(limit)]
    shown = shown[cases_sheet_columns(list(shown.columns))]
    total = len(cases) if total is None else total
    note = "Showing the first {shown:,} of {total:,} cases (Cases sheet limit; set [run] " \
           "cases_sheet_limit). Every case is in cases.csv."
    if total > len(shown):
        note = note.format(shown=len(shown), total=total)
        return limited_sheet(workbook, "Cases", shown, limit, "", fills={"her2_category": CATEGORY_FILLS},
                             ours_first=True, extra_note=note)
    return limited_sheet(workbook, "Cases", shown, limit, note, fills={"her2_category": CATEGORY_FILLS},
                         ours_first=True)


def _ranked(values: pd.Series, rank_of) -> np.ndarray:
    """``rank_of`` applied once per distinct value, spread over the rows."""
    if isinstance(values.dtype, pd.CategoricalDtype):  # the categories are the distinct values
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, uniques = pd.factorize(values)
    ranks = np.array([rank_of(str(u)) for u in uniques] + [rank_of("")])
    return ranks[np.where(codes < 0, len(uniques), codes)]


def _text_order(values: pd.Series) -> np.ndarray:
    """Per row a number that sorts as the row's text (``astype(str)``) sorts; text once per distinct value."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return pd.factorize(values.astype(str), sort=True)[0]
    labels = [str(c) for c in values.cat.categories] + ["nan"]
    position = {label: i for i, label in enumerate(sorted(set(labels)))}
    codes = values.cat.codes.to_numpy()
    return np.array([position[label] for label in labels])[np.where(codes < 0, len(labels) - 1, codes)]


def _frame_text(values: pd.Series, text: bool = False) -> Any:
    """What ``values.to_numpy()`` (``values.astype(str).to_numpy()`` with ``text``) becomes in a new
    frame, gathered in Arrow from the categories or the Arrow text rather than made as one Python
    object per row. Text categories read the same either way (missing stays missing)."""
    if len(values) and isinstance(values.dtype, pd.CategoricalDtype) and (values.cat.codes >= 0).any() \
            and all(type(c) is str for c in values.cat.categories):
        codes = values.cat.codes.to_numpy()
        labels = pa.array(np.asarray(values.cat.categories, dtype=object), pa.large_string())
        return pd.array(labels.take(pa.array(codes, mask=codes < 0)), dtype="str")
    values = values.astype(str) if text else values
    if len(values) and isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "pyarrow" \
            and values.notna().any():
        return pd.array(values.array._pa_array, dtype="str")
    return values.to_numpy()


def review_table(cases: pd.DataFrame, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Cases needing review, most consequential first, each reason in words beside its code; the
    first ``limit`` of them and how many there are. Only the rows shown are built."""
    read = ("case_id", "review_reasons", "her2_status", "her2_category", *REVIEW_VALUES, "explanation",
            "source_file", "source_sheet", "source_row")
    review = cases[[c for c in dict.fromkeys(read) if c in cases]]
    review = review.iloc[np.flatnonzero(cases["review_required"].to_numpy(dtype=bool))]
    blank = pd.Series("", index=review.index)  # a column dropped with --drop-columns
    status_rank = {"positive": 0, "equivocal": 1, "indeterminate": 2, "negative": 3, "not_tested": 4}

    def priority_of(code: str) -> int:
        return min((REASONS[r].priority for r in code.split(";") if r in REASONS), default=3)

    priority = _ranked(review["review_reasons"], priority_of)
    rank = _ranked(review["her2_status"], lambda s: status_rank.get(s, 5))
    files = _text_order(review.get("source_file", blank))
    rows = pd.to_numeric(review.get("source_row", blank), errors="coerce").fillna(0).to_numpy()
    order = np.lexsort((rows, files, rank, priority))[:limit]
    shown = review.iloc[order]
    reasons = _frame_text(shown["review_reasons"], text=True)
    codes, distinct = pd.factorize(reasons)
    words = [" | ".join(f"{r}: {REASONS[r].title} - {REASONS[r].meaning}" if r in REASONS else r
                        for r in c.split(";")) for c in distinct]
    blank = pd.Series("", index=shown.index)
    table = pd.DataFrame({
        "case_id": _frame_text(shown.get("case_id", blank)),
        "priority": priority[order],
        "reasons in words": _frame_text(pd.Series(pd.Categorical.from_codes(codes, words))),
        **{name: _frame_text(shown.get(name, blank)) for name in REVIEW_VALUES},
        "her2_status": _frame_text(shown["her2_status"], text=True),
        "her2_category": _frame_text(shown["her2_category"], text=True),
        "review_reasons": reasons,
        "explanation": _frame_text(shown.get("explanation", blank), text=True),
        "source_file": _frame_text(shown.get("source_file", blank), text=True),
        "source_sheet": _frame_text(shown.get("source_sheet", blank), text=True),
        "source_row": shown.get("source_row", blank).to_numpy(),
    })
    return table, len(review)


def write_review(workbook: Workbook, cases: pd.DataFrame, limit: int) -> DeferredRows:
    table, total = review_table(cases, sheet_rows(limit)) if len(cases) else (
        pd.DataFrame(columns=["case_id", "priority", "review_reasons"]), 0)
    widths = [16, 9, 70, 18, 12, 14, 10, 10, 10, 10, 16, 13, 16, 30, 70, 20, 12, 10][: len(table.columns)]
    note = (f"Showing the first {len(table):,} of {total:,} cases for review, most urgent first {SHEET_LIMIT}; all "
            "are in cases.csv (review_required = true)." if total > len(table) else "")
    return limited_sheet(workbook, "Review", table, limit, "", widths=widths, fills={"her2_category": CATEGORY_FILLS},
                         ours_first=True, wrap_columns=("reasons in words", "explanation"), extra_note=note)


def write_patients(workbook: Workbook, rollups, limit: int) -> DeferredRows:
    patients = rollups.patients
    note = (f"{patients.cases_without_patient_id:,} case(s) without a patient_id are not rolled up. "
            if patients.cases_without_patient_id else "")
    note += ("Highest: positive > equivocal > low > ultralow > null > 0 > negative without score > unknown. "
             "Results only: this sheet does not say who is eligible for any treatment.")
    widths = [18, 10, 12, 12, 15, 15, 10, 10, 10, 10, 10, 90]
    return limited_sheet(workbook, "Patients", patients.table, limit,
                         "Showing the first {shown:,} of {total:,} patients " + SHEET_LIMIT + "; all are in patients.csv.",
                         widths=widths, ours_first=True, extra_note=note, wrap_columns=("her2_sequence",),
                         fills={"latest_category": CATEGORY_FILLS, "highest_category": CATEGORY_FILLS})


def write_rescore(workbook: Workbook, rollups, limit: int) -> DeferredRows:
    note = ("Negatives whose HER2-low or ultralow level is unknown: a worklist for re-scoring, "
            "HR-positive first, then the most recent. The reported call stands.")
    return limited_sheet(workbook, "Re-score", rollups.rescore, limit,
                         "Showing the first {shown:,} of {total:,} cases " + SHEET_LIMIT + "; all are in rescore.csv.",
                         widths=[18, 18, 12, 18, 18, 16, 60, 12], ours_first=True, extra_note=note)


def write_rejects(workbook: Workbook, rejects: pd.DataFrame, limit: int) -> DeferredRows:
    return limited_sheet(workbook, "Rejects", rejects, limit,
                         "Showing the first {shown:,} of {total:,} rejects " + SHEET_LIMIT + "; all are in rejects.csv.")


def write_run(workbook: Workbook, result, document: dict[str, Any]) -> None:
    writer = SheetWriter(workbook, "Run", widths=(36, 66, 10, 10, 12, 10, 24, 24, 10, 50))
    print_setup(writer.sheet)  # like every sheet: landscape, one page wide
    writer.title("Run", TITLE_FONT)
    for key in ("version", "rule_set", "default_site", "started", "finished", "rows_in", "cases", "rejects", "rows_folded",
                "review"):
        writer.append([writer.cell(key, font=Font(bold=True)), writer.cell(document[key])])
    writer.append([writer.cell("cases_sheet_limit", font=Font(bold=True)), result.settings.cases_sheet_limit])
    writer.blank()
    writer.title("Inputs")
    writer.header(["path", "sha256", "status", "rows", "encoding", "delimiter", "sheets read", "sheets skipped",
                   "error", "notes", "hidden sheets"])
    for item in document["inputs"]:
        delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(item["delimiter"], item["delimiter"])
        writer.append([writer.cell(item["path"]), writer.cell(item["sha256"]), writer.cell(item["status"]), item["rows"],
                       writer.cell(item["encoding"]), writer.cell(delimiter),
                       writer.cell(", ".join(item["sheets_read"])), writer.cell(", ".join(item["sheets_skipped"])),
                       writer.cell(item["error"]), writer.cell("; ".join(item["notes"])),
                       writer.cell(", ".join(item.get("sheets_hidden", [])))])
    writer.blank()
    writer.title("Columns: what became of every header")
    writer.header(["path", "sheet", "column", "header", "canonical", "how", "note"])
    for item in document["inputs"]:
        for column in item.get("columns", []):
            writer.append([writer.cell(item["path"]), writer.cell(column["sheet"]), writer.cell(column["column"]),
                           writer.cell(column["header"]), writer.cell(column["canonical"]), writer.cell(column["how"]),
                           writer.cell(column.get("note", ""))])
    if document.get("warnings"):
        writer.blank()
        writer.title("Warnings")
        for warning in document["warnings"]:
            writer.append([writer.cell(warning)])
    writer.blank()
    writer.title("Seconds per stage")
    for stage, seconds in result.timings.items():
        writer.append([writer.cell(stage), round(seconds, 3)])


def _cell_words(rule_set: RuleSet, ish_class: int, score: int | None) -> str:
    cell = rule_set.table[ish_class][score]
    return STATUS_NAMES[cell.status] + (f" ({', '.join(cell.reasons)})" if cell.reasons else "") + f": {cell.rule}"


def write_rules(workbook: Workbook, rule_set_name: str) -> None:
    writer = SheetWriter(workbook, "Rules", widths=(34, 40, 40, 40, 40, 40))
    print_setup(writer.sheet)
    writer.title("Review reasons", TITLE_FONT)
    writer.header(["code", "priority", "title", "meaning"])
    for reason in sorted(REASONS.values(), key=lambda r: r.priority):
        writer.append([writer.cell(reason.code), reason.priority, writer.cell(reason.title),
                       writer.cell(reason.meaning, alignment=WRAP)])
    writer.append([writer.cell("Priority 1 may change the call; 2 should be checked before reporting; 3 is a note.",
                               font=Font(italic=True))])
    for rule_set in (get_rule_set(rule_set_name), GASTROESOPHAGEAL):
        writer.blank()
        writer.title(f"Decision table: {rule_set.title} ({rule_set.name})")
        writer.append([writer.cell(rule_set.citation, font=Font(italic=True))])
        writer.header(["ISH result", "IHC 0", "IHC 1+", "IHC 2+", "IHC 3+", "no IHC"])
        for ish_class, label in enumerate(rule_set.ish_labels):
            writer.append([writer.cell(label, font=Font(bold=True))] + [
                writer.cell(_cell_words(rule_set, ish_class, score), alignment=WRAP) for score in (0, 1, 2, 3, NO_IHC)
            ])


def write_workbook(target: Path, result, document: dict[str, Any]) -> None:
    """The whole workbook at ``target`` (the writer stages it and renames it into place)."""
    workbook = Workbook(write_only=True)
    limit = result.settings.cases_sheet_limit
    try:
        write_summary(workbook, result)
        deferred = [
            write_cases(workbook, result.cases if getattr(result, "cases_sheet", None) is None else result.cases_sheet,
                        limit, total=len(result.cases)),
            write_review(workbook, result.cases, limit),
            write_rejects(workbook, result.rejects, limit),
        ]
        write_run(workbook, result, document)
        rollups = compute(result)
        deferred += [write_patients(workbook, rollups, limit), write_rescore(workbook, rollups, limit)]
        write_rules(workbook, result.settings.rule_set)
    except BaseException:
        _close_sheets(workbook)
        raise
    handle, skeleton = tempfile.mkstemp(prefix=".skeleton.", suffix=".xlsx", dir=Path(target).parent)
    os.close(handle)
    try:
        workbook.save(skeleton)
        splice(Path(skeleton), Path(target), deferred)
    finally:
        Path(skeleton).unlink(missing_ok=True)


def _close_sheets(workbook: Workbook) -> None:
    """Finish every streamed sheet so an aborted workbook leaves no half-run generator behind."""
    for sheet in workbook.worksheets:
        try:
            sheet.close()
        except Exception:  # the sheet's stream is already closed: nothing left to finish
            continue

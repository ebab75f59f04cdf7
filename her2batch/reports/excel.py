"""her2_summary.xlsx: Summary, Cases, Review, Rejects, Run, Rules (openpyxl, write-only).

Write-only mode streams rows and keeps memory flat for large runs. Every text that came from an
input is written as a text cell (never a formula); characters XML forbids are replaced; cells are
cut at Excel's 32,767-character limit (cases.csv keeps the original).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from her2batch import __version__
from her2batch.reasons import REASONS
from her2batch.rules import GASTROESOPHAGEAL, STATUS_NAMES, get_rule_set
from her2batch.rules.base import NO_IHC, RuleSet
from her2batch.summary import QC_ALPHA, QC_GROUPINGS, QC_MIN_GROUP, category_counts, qc_table, status_counts

SHEETS = ("Summary", "Cases", "Review", "Rejects", "Run", "Rules")
EXCEL_MAX_ROWS = 1_048_575  # data rows below one header row
EXCEL_MAX_CHARS = 32_767
_ILLEGAL = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"

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

    def table_view(self, header_row: int, columns: int, rows: int) -> None:
        """Frozen header and filter; write-only sheets take them only before the first row."""
        self.sheet.freeze_panes = f"A{header_row + 1}"
        if columns:
            self.sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{header_row + rows}"

    def note(self, text: str) -> int:
        return self.append([self.cell(text, font=NOTE_FONT)])

    def title(self, text: str, font: Font = SECTION_FONT) -> int:
        return self.append([self.cell(text, font=font)])

    def header(self, names: Iterable[str]) -> int:
        return self.append([self.cell(str(n), font=HEADER_FONT, fill=HEADER_FILL) for n in names])

    def blank(self) -> None:
        self.append([])


# --- column preparation (vectorised per column, then streamed row by row) -------------------

def safe_text(values: pd.Series) -> pd.Series:
    """Input text made writable: XML-forbidden characters replaced, cut at Excel's cell limit."""
    text = values.astype("string")
    if text.str.contains(_ILLEGAL, regex=True, na=False).any():
        text = text.str.replace(_ILLEGAL, "\ufffd", regex=True)
    long = text.str.len() > EXCEL_MAX_CHARS
    if long.fillna(False).any():
        marker = " [cut: see cases.csv]"
        text = text.where(~long.fillna(False), text.str.slice(0, EXCEL_MAX_CHARS - len(marker)) + marker)
    return text


def column_values(series: pd.Series, writer: SheetWriter, name: str) -> list[Any]:
    """One column as Python cell values: numbers as numbers, booleans, dates, text as text cells."""
    if series.dtype == bool:
        return series.tolist()
    if pd.api.types.is_float_dtype(series.dtype) or pd.api.types.is_integer_dtype(series.dtype):
        array = series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        values = array.astype(object)
        values[np.isnan(array)] = None
        whole = ~np.isnan(array) & (array == np.round(array)) & (np.abs(array) < 2**53)
        values[whole] = array[whole].astype(np.int64).astype(object)
        return values.tolist()
    if name == "report_date":
        text = series.astype("string").fillna("")
        dates = pd.to_datetime(text.where(text.str.match(r"^\d{4}-\d{2}-\d{2}$", na=False)), errors="coerce",
                               format="%Y-%m-%d")
        values = safe_text(series).astype(object).where(series.notna(), None).to_numpy(copy=True)
        known = dates.notna().to_numpy()
        values[known] = [d.date() for d in dates[known]]
        return values.tolist()
    text = safe_text(series)
    values = text.astype(object).where(text.notna() & (text != ""), None).to_numpy(copy=True)
    formula_like = text.str.startswith("=").fillna(False).to_numpy()
    for i in np.flatnonzero(formula_like):  # only the few cells openpyxl would read as formulas
        values[i] = writer.cell(values[i])
    return values.tolist()


def write_frame(writer: SheetWriter, frame: pd.DataFrame, fills: dict[str, dict[str, str]] | None = None,
                wrap: Sequence[str] = ()) -> None:
    """Header and rows; ``fills`` colours a column's cells by value (e.g. the category)."""
    writer.header(frame.columns)
    columns = []
    for name in frame.columns:
        values = column_values(frame[name], writer, str(name))
        if fills and name in fills:
            styles = {v: PatternFill("solid", fgColor=c) for v, c in fills[name].items()}
            values = [writer.cell(v, fill=styles[v]) if v in styles else v for v in values]
        if name in wrap:
            values = [writer.cell(v, alignment=WRAP) if isinstance(v, str) else v for v in values]
        columns.append(values)
    for row in zip(*columns, strict=True):
        writer.append(row)


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

def _percent(value: float) -> float:
    return round(float(value), 1)


def write_summary(workbook: Workbook, result) -> None:
    writer = SheetWriter(workbook, "Summary", widths=(28, 20, 14, 14, 14, 14, 14, 40))
    writer.sheet.page_setup.orientation = "landscape"  # printed: one page wide
    writer.sheet.sheet_properties.pageSetUpPr.fitToPage = True
    writer.sheet.page_setup.fitToWidth, writer.sheet.page_setup.fitToHeight = 1, 0
    cases = result.cases
    writer.title("HER2 batch summary", TITLE_FONT)
    writer.append([writer.cell(f"her2batch {__version__}; rule set {result.settings.rule_set}; "
                               f"run {result.finished:%Y-%m-%d %H:%M} UTC")])
    writer.blank()
    writer.title("The run")
    headline = [
        ("Input files", len(result.sources)),
        ("Input files failed", len(result.failed)),
        ("Rows read", result.rows_in),
        ("Cases", len(cases)),
        ("Rejects", len(result.rejects)),
        ("Cases for review", result.review),
        ("Rule set (breast)", result.settings.rule_set),
        ("Started (UTC)", result.started.replace(tzinfo=None)),
        ("Finished (UTC)", result.finished.replace(tzinfo=None)),
    ]
    for label, value in headline:
        number_format = "yyyy-mm-dd hh:mm:ss" if isinstance(value, dt.datetime) else None
        writer.append([writer.cell(label, font=Font(bold=True)), writer.cell(value, number_format=number_format)])
    writer.blank()

    writer.title("Cases by HER2 category")
    categories = category_counts(cases)
    first = writer.header(["HER2 category", "Cases", "% of cases"]) + 1
    for name, count, share in zip(categories["her2_category"], categories["cases"], categories["% of cases"], strict=True):
        writer.append([writer.cell(name, fill=PatternFill("solid", fgColor=CATEGORY_FILLS[name])), count,
                       _percent(share)])
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
        writer.append([writer.cell(name), count, _percent(share)])
    for _ in range(max(0, 12 - len(STATUS_NAMES))):  # leave room for the chart beside the tables
        writer.blank()

    for column, label in QC_GROUPINGS:
        table = qc_table(cases, column) if len(cases) and (column == "month" or column in cases) else None
        if table is None:
            continue
        writer.blank()
        writer.title(f"Quality control by {label}")
        writer.append([writer.cell(
            f"Rates per group against the run's overall rate; a group of at least {QC_MIN_GROUP} cases whose "
            f"count lies outside the {100 * (1 - QC_ALPHA):.0f}% binomial range is marked.", font=Font(italic=True))])
        writer.header([label.capitalize(), "Cases", *table.columns[2:]])
        for values in zip(*(table[c].tolist() for c in table.columns), strict=True):
            group, n, *rates, flags = values
            row = [writer.cell(str(group)), n, *(_percent(r) for r in rates)]
            row.append(writer.cell(flags, fill=FLAG_FILL) if flags else None)
            writer.append(row)


def write_cases(workbook: Workbook, cases: pd.DataFrame, limit: int) -> None:
    limit = min(limit, EXCEL_MAX_ROWS - 1)
    shown = cases.iloc[:limit]
    writer = SheetWriter(workbook, "Cases", widths=widths_for(shown))
    cut = len(cases) > len(shown)
    writer.table_view(2 if cut else 1, len(shown.columns), len(shown))
    if cut:
        writer.note(f"Showing the first {len(shown):,} of {len(cases):,} cases (Cases sheet limit; set [run] "
                    "cases_sheet_limit). Every case is in cases.csv.")
    write_frame(writer, shown, fills={"her2_category": CATEGORY_FILLS})


def review_table(cases: pd.DataFrame) -> pd.DataFrame:
    """Cases needing review, most consequential first, each reason in words beside its code."""
    review = cases.loc[cases["review_required"].to_numpy(dtype=bool)]
    codes = review["review_reasons"].astype(str)
    distinct = pd.Series(pd.unique(codes))
    priority = {c: min(REASONS[r].priority for r in c.split(";")) for c in distinct}
    words = {c: " | ".join(f"{r}: {REASONS[r].title} - {REASONS[r].meaning}" for r in c.split(";")) for c in distinct}
    status_rank = {"positive": 0, "equivocal": 1, "indeterminate": 2, "negative": 3, "not_tested": 4}
    table = pd.DataFrame({
        "priority": codes.map(priority).to_numpy(),
        "source_file": review["source_file"].astype(str).to_numpy(),
        "source_sheet": review["source_sheet"].astype(str).to_numpy(),
        "source_row": review["source_row"].to_numpy(),
        "case_id": review["case_id"].to_numpy(),
        "her2_ihc": review["her2_ihc"].to_numpy(),
        "her2_status": review["her2_status"].astype(str).to_numpy(),
        "her2_category": review["her2_category"].astype(str).to_numpy(),
        "review_reasons": codes.to_numpy(),
        "reasons in words": codes.map(words).to_numpy(),
        "explanation": review["explanation"].astype(str).to_numpy(),
    })
    rank = table["her2_status"].map(status_rank)
    order = np.lexsort((table["source_row"].to_numpy(), table["source_file"].to_numpy(), rank.to_numpy(),
                        table["priority"].to_numpy()))
    return table.iloc[order].reset_index(drop=True)


def write_review(workbook: Workbook, cases: pd.DataFrame, limit: int) -> None:
    table = review_table(cases) if len(cases) else pd.DataFrame(columns=["priority", "case_id", "review_reasons"])
    shown = table.iloc[: min(limit, EXCEL_MAX_ROWS - 1)]
    widths = [9, 24, 14, 11, 16, 18, 13, 16, 34, 80, 80][: len(shown.columns)]
    writer = SheetWriter(workbook, "Review", widths=widths)
    cut = len(table) > len(shown)
    writer.table_view(2 if cut else 1, len(shown.columns), len(shown))
    if cut:
        writer.note(f"Showing the first {len(shown):,} of {len(table):,} cases for review; "
                    "filter cases.csv on review_required for all.")
    write_frame(writer, shown, fills={"her2_category": CATEGORY_FILLS})


def write_rejects(workbook: Workbook, rejects: pd.DataFrame, limit: int) -> None:
    shown = rejects.iloc[: min(limit, EXCEL_MAX_ROWS - 1)]
    writer = SheetWriter(workbook, "Rejects", widths=widths_for(shown))
    cut = len(rejects) > len(shown)
    writer.table_view(2 if cut else 1, len(shown.columns), len(shown))
    if cut:
        writer.note(f"Showing the first {len(shown):,} of {len(rejects):,} rejects; all are in rejects.csv.")
    write_frame(writer, shown)


def write_run(workbook: Workbook, result, document: dict[str, Any]) -> None:
    writer = SheetWriter(workbook, "Run", widths=(36, 66, 10, 10, 12, 10, 24, 24, 10, 50))
    writer.title("Run", TITLE_FONT)
    for key in ("version", "rule_set", "default_site", "started", "finished", "rows_in", "cases", "rejects", "review"):
        writer.append([writer.cell(key, font=Font(bold=True)), writer.cell(document[key])])
    writer.append([writer.cell("cases_sheet_limit", font=Font(bold=True)), result.settings.cases_sheet_limit])
    writer.blank()
    writer.title("Inputs")
    writer.header(["path", "sha256", "status", "rows", "encoding", "delimiter", "sheets read", "sheets skipped",
                   "error", "notes"])
    for item in document["inputs"]:
        delimiter = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}.get(item["delimiter"], item["delimiter"])
        writer.append([writer.cell(item["path"]), writer.cell(item["sha256"]), writer.cell(item["status"]), item["rows"],
                       writer.cell(item["encoding"]), writer.cell(delimiter),
                       writer.cell(", ".join(item["sheets_read"])), writer.cell(", ".join(item["sheets_skipped"])),
                       writer.cell(item["error"]), writer.cell("; ".join(item["notes"]))])
    writer.blank()
    writer.title("Seconds per stage")
    for stage, seconds in result.timings.items():
        writer.append([writer.cell(stage), round(seconds, 3)])


def _cell_words(rule_set: RuleSet, ish_class: int, score: int | None) -> str:
    cell = rule_set.table[ish_class][score]
    return STATUS_NAMES[cell.status] + (f" ({', '.join(cell.reasons)})" if cell.reasons else "") + f": {cell.rule}"


def write_rules(workbook: Workbook, rule_set_name: str) -> None:
    writer = SheetWriter(workbook, "Rules", widths=(34, 40, 40, 40, 40, 40))
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
    write_summary(workbook, result)
    write_cases(workbook, result.cases, limit)
    write_review(workbook, result.cases, limit)
    write_rejects(workbook, result.rejects, limit)
    write_run(workbook, result, document)
    write_rules(workbook, result.settings.rule_set)
    workbook.save(target)

"""Percentages Excel stores as fractions: a cell showing "30%" holds 0.3 under a percent format.

calamine gives values without their number formats, so a percentage column whose numbers all lie
between 0 and 1 (some of them fractional) is checked against the workbook's own formats with
openpyxl, reading only those cells. Cells formatted as percentages are read as the lab saw them
(0.3 -> 30); a column whose formats are mixed is left as written, with a warning. Reading 0.3 as
0.3% would turn an inconsistent IHC 0 with 30% stained into HER2-ultralow without a word.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

PERCENT_FIELDS = ("her2_ihc_percent", "er_percent", "pr_percent")
SAMPLE = 50  # cells whose formats are checked per column
_LITERAL = re.compile(r'"[^"]*"|\\.')  # quoted text and escaped characters in a number format


def is_percent_format(number_format: str | None) -> bool:
    """'0%', '0.0%' and the like; not a '%' shown as literal text ('0"%"', '0\\%')."""
    return bool(number_format) and "%" in _LITERAL.sub("", number_format)


def fraction_columns(data: pd.DataFrame, columns: list[str], canonical_of: dict[int, str]) -> list[int]:
    """Positions of percentage columns whose numbers all lie in [0, 1], some fractional."""
    found = []
    for position, name in canonical_of.items():
        if name not in PERCENT_FIELDS or position >= len(columns):
            continue
        distinct = pd.unique(data[columns[position]].dropna())  # a share has few distinct values: read each once
        numbers = pd.to_numeric(pd.Series(distinct, dtype=object), errors="coerce").dropna().to_numpy(dtype=float)
        if len(numbers) and ((numbers >= 0) & (numbers <= 1)).all() and (numbers % 1 != 0).any():
            found.append(position)
    return found


def read_as_shown(path: Path, sheet: str, data: pd.DataFrame, columns: list[str], canonical_of: dict[int, str],
                  source_rows: np.ndarray) -> tuple[pd.DataFrame, list[str], list[str]]:
    """``data`` with percent-formatted fractions scaled to percentages; notes and warnings (no values)."""
    positions = fraction_columns(data, columns, canonical_of)
    if not positions:
        return data, [], []
    from openpyxl import load_workbook

    notes, warnings = [], []
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # calamine read it, openpyxl cannot: say so rather than fail the file
        return data, [], [f"{path.name}: sheet '{sheet}': the number formats of its percentage columns could not be "
                          "read; values between 0 and 1 were read as stored (0.3 as 0.3%): check them"]
    try:
        worksheet = workbook[sheet]
        for position in positions:
            name = columns[position]
            numbers = pd.to_numeric(data[name], errors="coerce")
            rows = source_rows[np.flatnonzero(numbers.notna().to_numpy())][:SAMPLE]
            formats = _formats(worksheet, position + 1, rows)
            percent = [is_percent_format(f) for f in formats]
            if percent and all(percent):
                data = _as_percentages(data, name, numbers)
                notes.append(f"column '{name}': cells formatted as percentages (0.3 shown as 30%) read as shown")
            elif any(percent):
                warnings.append(f"{path.name}: sheet '{sheet}' column '{name}': some cells are formatted as "
                                "percentages and some are not; values read as stored (0.3 as 0.3%): check them")
    finally:
        workbook.close()
    return data, notes, warnings


def _as_percentages(data: pd.DataFrame, name: str, numbers: pd.Series) -> pd.DataFrame:
    """``data`` with column ``name``'s fractions of 1 written as percentages (0.3 -> '30')."""
    scaled = (numbers * 100).round(10).to_numpy(dtype=float, na_value=np.nan)
    whole = np.isfinite(scaled) & (scaled % 1 == 0)
    text = np.where(whole, np.nan_to_num(scaled).astype(np.int64).astype(str), scaled.astype(str))
    return data.assign(**{name: data[name].where(numbers.isna(), pd.Series(text, index=data.index, dtype="string"))})


def _formats(worksheet, column: int, rows: np.ndarray) -> list[str]:
    """Number formats of one column's cells at ``rows`` (spreadsheet row numbers), in one pass."""
    if not len(rows):
        return []
    wanted = {int(r) for r in rows}
    formats = []
    for cells in worksheet.iter_rows(min_row=int(rows.min()), max_row=int(rows.max()), min_col=column, max_col=column):
        cell = cells[0] if cells else None
        if getattr(cell, "row", None) in wanted:
            formats.append(getattr(cell, "number_format", None) or "")
    return formats


# a header that states its column is a fraction of 1 ("fraction of tumour cells, 0-1", "proportion")
_FRACTION_HEADER = re.compile(r"fraction|proportion|anteil\s*\(0\s*-\s*1\)|\b0\s*[-\u2013]\s*1\b|\(0\s*,\s*1\)|\bof\s+1\b",
                              re.IGNORECASE)


def fractions_by_header(data: pd.DataFrame, columns: list[str], canonical_of: dict[int, str]
                        ) -> tuple[pd.DataFrame, dict[int, str], list[str], list[str]]:
    """Percentage columns whose numbers all lie between 0 and 1 (some fractional), in any source:
    scaled to percentages where the header says the column is a fraction of 1; otherwise the
    column is not read as a percentage (0.25 could be 25% or 0.25%) and a warning names it. Returns
    the data, the canonical map, notes and warnings (headers only, never values)."""
    positions = fraction_columns(data, columns, canonical_of)
    if not positions:
        return data, canonical_of, [], []
    notes, warnings = [], []
    canonical_of = dict(canonical_of)
    for position in positions:
        name = columns[position]
        if _FRACTION_HEADER.search(name):
            data = _as_percentages(data, name, pd.to_numeric(data[name], errors="coerce"))
            notes.append(f"column '{name}': fractions of 1, as its header says, read as percentages (0.25 as 25%)")
        else:
            field = canonical_of.pop(position)
            warnings.append(f"column '{name}': every value lies between 0 and 1, so 0.25 could mean 25% or 0.25%: "
                            f"not read as {field}; give percentages, or say 'fraction' in the header")
    return data, canonical_of, notes, warnings

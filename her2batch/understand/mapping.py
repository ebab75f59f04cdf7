"""The mapping report (issue 10 item 3): what became of every header of every table read, the
warnings it calls for, and the check that each table carries a HER2 result at all.

The no-HER2 check is its own step, run after the tables (and their layouts) are read, so a
layout that carries HER2 another way (test-name rows, report text) can satisfy it by setting
``Table.carries_her2``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from her2batch.read.sources import Source, Table
from her2batch.understand.headers import column_letter, no_her2_message


def _where(source: Source, table: Table) -> str:
    return source.display + (f" [{table.sheet}]" if table.sheet else "")


TEXT_NOTE = "read as report text"


def _text_positions(table: Table, text_columns: Collection[str]) -> set[int]:
    return {i for i, name in enumerate(table.columns) if name in text_columns}


def columns_report(source: Source, text_columns: Mapping[int, Collection[str]] | None = None) -> list[dict[str, Any]]:
    """Every header of every table of ``source``: sheet, column letter, header, canonical, how
    (and a note: why unmapped, or that the column is read as report text)."""
    report = []
    for table in source.tables:
        text = _text_positions(table, (text_columns or {}).get(id(table), ()))
        for fate in table.header_map.fates:
            note = TEXT_NOTE if fate.position in text and not fate.canonical else fate.note
            report.append({"sheet": table.sheet or "", "column": column_letter(fate.position), "header": fate.header,
                           "canonical": fate.canonical, "how": fate.how, **({"note": note} if note else {})})
    return report


def collect_warnings(source: Source, text_columns: Mapping[int, Collection[str]] | None = None) -> None:
    """The header warnings of each table, naming the file (and sheet): added to source.warnings.
    A column read as report text is not warned about: its results are read from the text."""
    for table in source.tables:
        text = {f"{_describe(table, i)} " for i in _text_positions(table, (text_columns or {}).get(id(table), ()))}
        for warning in table.header_map.warnings:
            if any(f"header {t}" in warning for t in text):
                continue
            message = f"{_where(source, table)}: {warning}"
            if message not in source.warnings:
                source.warnings.append(message)


def _describe(table: Table, position: int) -> str:
    header = next((f.header for f in table.header_map.fates if f.position == position), table.columns[position])
    return f"'{header}' (column {column_letter(position)})"


def carries_her2(table: Table) -> bool:
    return table.carries_her2 if table.carries_her2 is not None else table.header_map.carries_her2


def require_her2(source: Source) -> None:
    """Fail ``source`` when no table in it has a HER2 result field: nothing in it could be called,
    and classifying it would make every case 'not tested' without a word. A workbook sheet without
    one, beside sheets with one, is skipped with a warning (a patient list beside the results)."""
    if source.status != "ok" or not source.tables:
        return
    lacking = [t for t in source.tables if not carries_her2(t)]
    if not lacking:
        return
    if len(lacking) == len(source.tables):
        table = lacking[0]
        sheet = f"sheet '{table.sheet}': " if table.sheet else ""
        source.status, source.error = "failed", sheet + no_her2_message(table.header_map.fates)
        source.tables = []
        return
    for table in lacking:
        source.tables.remove(table)
        if table.sheet in source.sheets_read:
            source.sheets_read.remove(table.sheet)
        source.sheets_skipped.append(table.sheet or "")
        source.warnings.append(f"{_where(source, table)}: sheet skipped: no HER2 result column "
                               f"(its {table.rows} rows are not cases); map one with [columns] if it has one")


def check_source(source: Source, text_columns: Mapping[int, Collection[str]] | None = None) -> None:
    """The steps after reading (and finding report text): the mapping report, header warnings,
    then the HER2 check. ``text_columns``: id(table) -> its columns read as report text."""
    if source.status == "ok":
        source.columns = columns_report(source, text_columns)
        collect_warnings(source, text_columns)
        require_her2(source)

"""Headers made by hand: a group label over the columns it names ("HER2 FISH" over "Ratio",
"HER2 copies", "Cells"), merged or simply written once, combined into one label per column.

A second header row is taken only when the evidence says so: the cell under the case identifier is
blank (a data row always has one), every other cell is a word rather than a number or a date, and
the combined labels map more canonical columns than the first row alone. A row that looks like a
header but fails that test is read as data and noted, with the config setting that decides it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from her2batch.read.labels import field_of_label, looks_like_her2, vocabulary_label
from her2batch.understand.headers import HeaderConflict, HeaderMap, header_key, map_headers

Span = tuple[int, int]  # first and last column (0-based, inclusive) of a merged cell in one row

_DATA_LIKE = re.compile(r"^[\s<>=≤≥~+-]*\d[\d.,/:%\s+-]*$")  # numbers, dates, scores: never header words
HER2_FIELDS = frozenset({"her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies",
                         "ish_cells_counted", "ish_result", "ish_probe"})


@dataclass
class Header:
    """The header found: its first record, how many records it spans, a label per column."""

    index: int
    depth: int
    labels: list[str]  # what a person reads: the rows' words joined ("HER2 FISH Ratio")
    header_map: HeaderMap
    notes: list[str] = field(default_factory=list)
    naaccr_fields: set[str] = field(default_factory=set)  # canonical columns named by NAACCR item headers


def filled(upper: Sequence[str], lower: Sequence[str] | None, spans: Sequence[Span]) -> list[str]:
    """An upper header row with each merged cell's label repeated over the columns it covers, and
    (without merge information) a label repeated to the right over blank cells that have words
    beneath them: "HER2 FISH", "", "" over "Ratio", "Copies", "Cells"."""
    width = max(len(upper), len(lower or ()))
    row = [*upper, *[""] * (width - len(upper))]
    if lower is None:  # the lowest row: a merged cell here names one column group, not each column
        return row
    for first, last in spans:
        if first < width and row[first].strip():
            for column in range(first + 1, min(last, width - 1) + 1):
                row[column] = row[first]
    below = [*lower, *[""] * (width - len(lower))]
    for column in range(1, width):
        if not row[column].strip() and below[column].strip() and row[column - 1].strip() and below[column - 1].strip():
            row[column] = row[column - 1]
    return row


def combine(rows: Sequence[Sequence[str]], spans: Sequence[Sequence[Span]]) -> tuple[list[str], list[list[str]]]:
    """Labels per column from several header rows, and each column's parts (top first)."""
    width = max(len(r) for r in rows)
    levels = [filled(rows[i], rows[i + 1] if i + 1 < len(rows) else None, spans[i]) for i in range(len(rows))]
    parts: list[list[str]] = []
    for column in range(width):
        words: list[str] = []
        for level in levels:
            text = level[column].strip() if column < len(level) else ""
            if text and (not words or header_key(words[-1]) != header_key(text)):
                words.append(text)
        parts.append(words)
    return [" ".join(p) for p in parts], parts


def mapping_label(parts: Sequence[str], config_columns: Mapping[str, str] | None) -> str:
    """The text a column is mapped by: the whole label, or under a HER2 group label ("HER2 FISH")
    its last part alone when only that part names a HER2 field ("Ratio")."""
    whole = " ".join(parts)
    spelling = vocabulary_label(whole, config_columns)
    if spelling is not None or len(parts) < 2:
        return spelling or whole
    last = parts[-1]
    group = " ".join(parts[:-1])
    if looks_like_her2(group) and field_of_label(last, config_columns) in HER2_FIELDS:
        return vocabulary_label(last, config_columns) or last
    return whole


def map_rows(rows: Sequence[Sequence[str]], spans: Sequence[Sequence[Span]],
             config_columns: Mapping[str, str] | None) -> tuple[list[str], HeaderMap]:
    """Combined labels and their header map; raises HeaderConflict like ``map_headers``."""
    labels, parts = combine(rows, spans)
    header_map = map_headers([mapping_label(p, config_columns) for p in parts], config_columns)
    return labels, header_map


def header_like(record: Sequence[str], case_position: int) -> bool:
    """Words only, and nothing under the case identifier: what a second header row looks like."""
    if case_position < len(record) and record[case_position].strip():
        return False
    cells = [c.strip() for c in record if c.strip()]
    return bool(cells) and not any(_DATA_LIKE.match(c) for c in cells)


def _her2_count(header_map: HeaderMap) -> int:
    return len(header_map.names & HER2_FIELDS)


def _combined_if_better(records: Sequence[Sequence[str]], top: int, header_map: HeaderMap,
                        spans: Sequence[Sequence[Span]], config_columns: Mapping[str, str] | None,
                        lines: Sequence[int]) -> Header | None:
    try:
        labels, combined = map_rows([records[top], records[top + 1]], spans[top:top + 2], config_columns)
    except HeaderConflict:
        return None
    if "case_id" in combined.names and \
            (len(combined.names), _her2_count(combined)) > (len(header_map.names), _her2_count(header_map)):
        note = f"two-row header (rows {lines[top]} and {lines[top + 1]}) combined into one label per column"
        return Header(top, 2, labels, combined, [note])
    return None


def second_row(records: Sequence[Sequence[str]], lines: Sequence[int], index: int, header_map: HeaderMap,
               spans: Sequence[Sequence[Span]], config_columns: Mapping[str, str] | None) -> Header | None:
    """A two-row header around the header row at ``index``: words under it ("Ratio" under "HER2
    FISH"), or group labels over it (the case identifier's header then sits in the lower row).
    Returns a one-row Header carrying a note when the row below looks like header words but
    combining it maps nothing more; None when there is nothing to say."""
    case_position = next(p for p, name in header_map.canonical_of.items() if name == "case_id")
    below_ok = index + 1 < len(records) and lines[index + 1] == lines[index] + 1
    if below_ok and header_like(records[index + 1], case_position):
        found = _combined_if_better(records, index, header_map, spans, config_columns, lines)
        if found is not None:
            return found
        return Header(index, 1, [], header_map, [
            f"row {lines[index + 1]} under the header holds words, not data, but combining it with the header "
            "maps no more columns: read as data; if it is a second header row, set [run] header_rows = 2 in --config"])
    above_ok = index > 0 and lines[index - 1] == lines[index] - 1
    if above_ok and header_like(records[index - 1], case_position):
        return _combined_if_better(records, index - 1, header_map, spans, config_columns, lines)
    return None

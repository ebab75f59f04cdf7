"""Totals and footer rows ("Total", "Grand total", "n = 45", "Average") that hand-made workbooks
carry under their cases: never cases, rejected with one reason.

A row is a summary row when its first filled cell is such a label (optionally with ':' or '=', a
count and a word like 'cases') and the case identifier cell is blank or is that label; page
furniture ("End of report", "Page 2 of 3") counts only when it is the row's one filled cell.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.understand.textnorm import map_distinct, normalise

SUMMARY_REASON = "summary row, not a case"

SUMMARY_LABELS = (
    # en
    "total", "totals", "grand total", "sub total", "subtotal", "sum", "sums", "count", "counts", "number", "n", "average",
    "averages", "mean", "means", "median", "medians",
    "overall total",
    # de
    "summe", "gesamt", "gesamtsumme", "insgesamt", "zwischensumme", "anzahl", "durchschnitt", "mittelwert",
    # fr
    "total général", "total general", "totaux", "sous-total", "sous total", "somme", "nombre", "moyenne",
    # es
    "suma", "recuento", "cuenta", "promedio", "media", "total general",
    # it
    "totale", "totale generale", "totale complessivo", "subtotale", "somma", "conteggio",
    # nl
    "totaal", "eindtotaal", "subtotaal", "som", "aantal", "gemiddelde", "gemiddeld",
)
_COUNTED = r"(?:(?:de|des|di|dei|van|der|of)\s+)?(?:cases?|rows?|records?|patients?|specimens?|f[aä]lle|cas|casos|casi|gevallen|pati[eë]nten)"
_LABELS = "|".join(sorted((re.escape(w) for w in set(SUMMARY_LABELS) - {"n"}), key=len, reverse=True))
_COUNT = r"(?:\s*[:=]?\s*\(\s*(?:n\s*=\s*)?[\d.,]+\s*%?\s*\)|(?:\s*[:=]\s*|\s+)[\d.,]+\s*%?)"
# 'n' is a label only as 'n = 45' (a bare 'N1' is an identifier); a count needs a space, ':' or '='
# ... and the counted thing may come before the count: 'Totale casi: 7', 'Total cases = 45'
# ... and labels may come in pairs: 'Totals / means (n=9)', 'Summe/Mittelwert'
_SUMMARY = re.compile(rf"^(?:(?:{_LABELS})(?:\s*[/&+,]\s*(?:{_LABELS}))*(?:\s+{_COUNTED})?{_COUNT}?"
                      rf"|n\s*[:=]\s*[\d.,]+)(?:\s+{_COUNTED})?\s*:?$")


# Page furniture a report writer leaves in the case column: only when it is the row's one filled cell.
_FOOTER = re.compile(r"^(?:end of (?:report|list|data|file|export)|\*+ ?end ?\*+|page \d+(?: of \d+)?|"
                     r"(?:printed|generated|exported|report generated|run date|created)(?: on| by| at)?\s*:?(?:\s.*)?)$")


def is_footer_text(text: str) -> bool:
    """Page furniture ("End of report", "Page 2 of 3", "Printed on ...")."""
    value = normalise(text)
    return bool(value) and bool(_FOOTER.match(value))


def is_summary_label(text: str) -> bool:
    """Whether one cell's text is a totals/footer label ("Total", "n = 45", "Grand total: 12")."""
    value = normalise(text)
    return bool(value) and bool(_SUMMARY.match(value))


_PREFIX = "(?i)^\\s*(?:" + _LABELS + "|n\\s*[:=]|end|page|printed|generated|exported|report|run date|created|\\*)"


def _candidates(case: pd.Series) -> np.ndarray:
    """Rows that might be summary rows: the case cell blank or starting like a label (one pass in
    Arrow over the column, so a million cases cost a fraction of a second)."""
    values = pa.array(case.astype("string").array)
    blank = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(values), ""), True)
    labelled = pc.fill_null(pc.match_substring_regex(values, _PREFIX), False)
    return np.flatnonzero(pc.or_(blank, labelled).to_numpy(zero_copy_only=False))


def _first_filled(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per row, its first filled cell (trimmed; '' for none) and how many cells are filled."""
    first = np.full(len(rows), "", dtype=object)
    filled = np.zeros(len(rows), dtype=np.int64)
    for column in rows.columns:
        text = rows[column].fillna("").astype(str).str.strip().to_numpy()
        present = text != ""
        first = np.where(present & (filled == 0), text, first)
        filled += present
    return first, filled


def summary_rows(frame: pd.DataFrame, case_column: str) -> np.ndarray:
    """Per row: True for a totals/footer row (see module docstring)."""
    mask = np.zeros(len(frame), dtype=bool)
    if not len(frame):
        return mask
    at = _candidates(frame[case_column])
    if not len(at):
        return mask
    frame = frame.iloc[at]
    first, filled = _first_filled(frame)
    kinds = map_distinct(pd.Series(first, dtype="string"), lambda raw: (is_summary_label(raw), is_footer_text(raw)),
                         {"summary": bool, "footer": bool})
    case = frame[case_column].fillna("").astype(str).str.strip().to_numpy()
    labelled = (case == "") | (case == first)
    mask[at] = labelled & (kinds["summary"].to_numpy() | (kinds["footer"].to_numpy() & (filled == 1)))
    return mask


HEADER_AGAIN_REASON = "the header row again (exports joined together), not a case"


def repeated_header_rows(frame: pd.DataFrame, case_column: str) -> tuple[np.ndarray, np.ndarray]:
    """Where the header line comes again among the data, as when exports are concatenated: per
    row, (the same header again, another header line). A row is a header line when its case cell
    reads as the case column's header and most filled cells are header texts; the same one when
    every filled cell stands under its own header."""
    same_layout = np.zeros(len(frame), dtype=bool)
    other_layout = np.zeros(len(frame), dtype=bool)
    if not len(frame):
        return same_layout, other_layout
    # one Arrow pass finds the candidates (case-insensitive); the header reader's normalise confirms them
    values = pc.utf8_lower(pc.utf8_trim_whitespace(pa.array(frame[case_column].astype("string").array)))
    loose = pc.fill_null(pc.equal(values, str(case_column).strip().lower()), False).to_numpy(zero_copy_only=False)
    at = np.flatnonzero(loose)
    at = at[[normalise(str(v)) == normalise(str(case_column)) for v in frame[case_column].iloc[at]]]
    if not len(at):
        return same_layout, other_layout
    headers = [normalise(str(c)) for c in frame.columns]
    rows = frame.iloc[at]
    own = np.zeros(len(rows), dtype=np.int64)
    named = np.zeros(len(rows), dtype=np.int64)
    filled = np.zeros(len(rows), dtype=np.int64)
    for column, header in zip(rows.columns, headers, strict=True):
        text = rows[column].fillna("").astype(str).map(normalise).to_numpy()
        filled += text != ""
        own += text == header
        named += np.isin(text, headers) & (text != "")
    header_line = named * 2 > filled
    same_layout[at] = header_line & (own == filled)  # every filled cell under its own header
    other_layout[at] = header_line & (own != filled)  # moved, renamed or other columns
    return same_layout, other_layout


SECTION_REASON = "a section heading, not a case"
_DECORATED = re.compile(r"^\s*(?:[-=*#~_>•]{2,}|\[|\()|[-=*#~_<]{2,}\s*$")


def section_rows(frame: pd.DataFrame, case_column: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows that only carry a heading ("--- Stomach cases ---", "== Breast, 2025 =="): one filled
    cell with no digit in it, decorated or of several words. Returns the mask and, per row, the
    heading it sits under ('' before the first), which may name the rows' tumour site. Only rows
    whose case cell is blank or holds no digit are looked at (one Arrow pass over that column)."""
    mask = np.zeros(len(frame), dtype=bool)
    under = np.full(len(frame), "", dtype=object)
    if not len(frame):
        return mask, under
    case = pa.array(frame[case_column].astype("string").array)
    digit = pc.fill_null(pc.match_substring_regex(case, r"\d"), False).to_numpy(zero_copy_only=False)
    at = np.flatnonzero(~digit)
    if not len(at):
        return mask, under
    first, filled = _first_filled(frame.iloc[at])
    headings = {int(at[i]): str(first[i]) for i in np.flatnonzero(filled == 1)
                if not re.search(r"\d", str(first[i]))
                and (_DECORATED.search(str(first[i])) or len(str(first[i]).split()) >= 2)}
    if not headings:
        return mask, under
    rows = np.array(sorted(headings), dtype=np.int64)
    mask[rows] = True
    labels = np.array(["", *(headings[r] for r in rows)], dtype=object)  # '' before the first heading
    return mask, labels[np.searchsorted(rows, np.arange(len(frame)), side="right")]


NOTE_REASON = "a note, not a case"
# a footnote mark or a note label opening the cell, or a sentence: never a case identifier
_NOTE = re.compile(r"^(?:[*\u2020\u2021\u00a7\u00b6#\u00b9\u00b2\u00b3\u2074-\u2079]|"
                   r"(?:note|notes|nb|n\.b\.|comment|comments|footnote|remark|remarks|legend|key|abbreviations?)\s*[:.-])",
                   re.IGNORECASE)


def note_rows(frame: pd.DataFrame, case_column: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows whose one filled cell is the case column holding a note ("* Reflex FISH sent out",
    "Note: 3+ in block A1 only", "† Score revised to 0 after review"): a footnote mark or note
    label (the second mask: never a section heading), or a sentence of four words or more. Only
    case cells holding a space are looked at."""
    mask, marked = np.zeros(len(frame), dtype=bool), np.zeros(len(frame), dtype=bool)
    if not len(frame):
        return mask, marked
    case = pa.array(frame[case_column].astype("string").array)
    spaced = pc.fill_null(pc.match_substring_regex(case, r"\S\s+\S"), False).to_numpy(zero_copy_only=False)
    at = np.flatnonzero(spaced)
    if not len(at):
        return mask, marked
    first, filled = _first_filled(frame.iloc[at])
    for i in np.flatnonzero(filled == 1):
        text = str(first[i])
        if str(frame[case_column].iloc[at[i]]).strip() == text:
            marked[at[i]] = bool(_NOTE.match(text))
            mask[at[i]] = marked[at[i]] or len(text.split()) >= 4
    return mask, marked


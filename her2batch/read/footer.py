"""Totals and footer rows ("Total", "Grand total", "n = 45", "Average") that hand-made workbooks
carry under their cases: never cases, rejected with one reason.

A row is a summary row when its first filled cell is such a label (optionally with ':' or '=', a
count and a word like 'cases') and the case identifier cell is blank or is that label.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from her2batch.textnorm import map_distinct, normalise

SUMMARY_REASON = "summary row, not a case"

SUMMARY_LABELS = (
    # en
    "total", "totals", "grand total", "sub total", "subtotal", "sum", "count", "n", "average", "mean", "median",
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
_COUNTED = r"(?:cases?|rows?|records?|patients?|specimens?|f[aä]lle|cas|casos|casi|gevallen|pati[eë]nten)"
_LABELS = "|".join(sorted((re.escape(w) for w in set(SUMMARY_LABELS) - {"n"}), key=len, reverse=True))
_COUNT = r"(?:\s*[:=]?\s*\(\s*(?:n\s*=\s*)?[\d.,]+\s*%?\s*\)|(?:\s*[:=]\s*|\s+)[\d.,]+\s*%?)"
# 'n' is a label only as 'n = 45' (a bare 'N1' is an identifier); a count needs a space, ':' or '='
_SUMMARY = re.compile(rf"^(?:(?:{_LABELS}){_COUNT}?|n\s*[:=]\s*[\d.,]+)(?:\s+{_COUNTED})?\s*:?$")


def is_summary_label(text: str) -> bool:
    """Whether one cell's text is a totals/footer label ("Total", "n = 45", "Grand total: 12")."""
    value = normalise(text)
    return bool(value) and bool(_SUMMARY.match(value))


def summary_rows(frame: pd.DataFrame, case_column: str) -> np.ndarray:
    """Per row: True for a totals/footer row (see module docstring)."""
    if not len(frame):
        return np.zeros(0, dtype=bool)
    first = pd.Series("", index=frame.index, dtype=object)
    found = np.zeros(len(frame), dtype=bool)
    for column in frame.columns:
        text = frame[column].fillna("").astype(str).str.strip()
        take = ~found & (text != "").to_numpy()
        first[take] = text[take]
        found |= take
    summary = map_distinct(first.astype("string"), lambda raw: (is_summary_label(raw),), {"v": bool})["v"].to_numpy()
    case = frame[case_column].fillna("").astype(str).str.strip().to_numpy()
    return summary & ((case == "") | (case == first.to_numpy()))

"""NAACCR special codes in numeric columns: "not given", with what the code means.

Registry abstracts write what is not a number as a code: ``XX.9`` (not documented) in the
one-decimal items 3851-3853, ``XX9`` in three-character items, ``R90`` (stated only as a range,
81-90%) in the receptor percentages 3826/3915. Such a value must never reject the row: it is read
as not given and the meaning is noted per case (``registry_codes``). Codes that are ordinary
numbers elsewhere (999 is a valid cell count) are read as codes only for the items that define them.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.understand.fields import NUMBER_COLUMNS
from her2batch.understand.textnorm import map_distinct

_MEANING = {
    "1": "100 or more (stated as a bound)",
    "2": "stated only as less than a threshold",
    "3": "stated only as at or above a threshold",
    "4": "stated only as a range",
    "5": "stated only as a range",
    "6": "stated only as a range",
    "7": "test ordered, results not in chart",
    "8": "not applicable",
    "9": "not documented or unknown",
}
_XX = re.compile(r"^\s*xx\s*\.?\s*([0-9])\s*$", re.IGNORECASE)
_RANGE = re.compile(r"^\s*r\s*([0-9]{2})\s*$", re.IGNORECASE)
# Whole-number "unknown" codes, only for items that define them (canonical column -> codes).
ITEM_UNKNOWN: dict[str, dict[str, str]] = {
    "er_percent": {"999": "not documented or unknown", "998": "not applicable"},
    "pr_percent": {"999": "not documented or unknown", "998": "not applicable"},
}


def meaning(raw: str, column: str) -> str:
    """What a special code means in ``column``, or '' when the value is no special code."""
    text = raw.strip()
    match = _XX.match(text)
    if match:
        return f"{text} = {_MEANING[match.group(1)]}" if match.group(1) in _MEANING else f"{text} = registry code"
    match = _RANGE.match(text)
    if match:
        upper = int(match.group(1))
        if upper == 99:
            return f"{text} = stated only as a range (91-100%)"
        if upper % 10 == 0 and 10 <= upper <= 90:
            return f"{text} = stated only as a range ({max(upper - 9, 1)}-{upper}%)"
        return f"{text} = stated only as a range"
    code = ITEM_UNKNOWN.get(column, {}).get(text.removesuffix(".0"))
    return f"{text} = {code}" if code else ""


_LOOKS_CODED = r"(?i)^\s*(?:xx|r\s*[0-9])"


def _candidates(values: pd.Series, codes: dict[str, str]) -> np.ndarray:
    """Rows whose value could be a special code (Arrow passes over the distinct values only, so
    plain numbers cost nothing)."""
    array = pa.array(values.astype("string").array)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    encoded = array.dictionary_encode()
    distinct = encoded.dictionary
    found = pc.fill_null(pc.match_substring_regex(distinct, _LOOKS_CODED), False)
    if codes:
        trimmed = pc.utf8_trim_whitespace(distinct)
        found = pc.or_(found, pc.fill_null(pc.is_in(trimmed, pa.array([*codes, *(c + ".0" for c in codes)])), False))
    hits = np.flatnonzero(found.to_numpy(zero_copy_only=False))
    if not len(hits):
        return hits
    rows = pc.fill_null(pc.is_in(encoded.indices, pa.array(hits, type=encoded.indices.type)), False)
    return np.flatnonzero(rows.to_numpy(zero_copy_only=False))


def not_given(raw: pd.DataFrame, registry_columns: set[str], seen: dict[str, np.ndarray] | None = None,
              ) -> tuple[pd.DataFrame, pd.Series | None]:
    """``raw`` with special codes in numeric columns blanked, and a note per row (None if none).

    ``registry_columns`` are the canonical columns mapped from NAACCR items, where per-item codes
    (999) apply; the XX and R codes are codes wherever they appear, as no number looks like them.
    ``seen``: the rows that could hold a code, per column; filled on the first look at these rows
    and read on the next (a run passes over its chunks twice), so the search runs once.
    """
    notes: pd.Series | None = None
    for column in NUMBER_COLUMNS:
        if column not in raw:
            continue
        item = column if column in registry_columns else ""
        if seen is not None and column in seen:
            at = seen[column]
        else:
            at = _candidates(raw[column], ITEM_UNKNOWN.get(item, {}))
            if seen is not None:
                seen[column] = at
        if not len(at):
            continue
        subset = raw[column].iloc[at]
        found = map_distinct(subset, lambda text, item=item: (meaning(text, item),), {"v": object})["v"]
        coded = found != ""
        if not coded.any():
            continue
        if notes is None:
            raw = raw.copy()
            notes = pd.Series("", index=raw.index, dtype=object)
        rows = found.index[coded]
        raw.loc[rows, column] = ""
        text = column + ": " + found[coded]
        notes[rows] = (notes[rows] + "; ").where(notes[rows] != "", "") + text
    return raw, notes

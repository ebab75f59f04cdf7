"""Normalisation of messy cell text, and the distinct-value trick every parser relies on.

Lab exports hold a few hundred distinct spellings in a million rows, so each parser works on
the distinct values only and maps the result back with integer codes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-"))
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefolded, NFKC-normalised text with one space between words (≥ becomes >=)."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("≥", ">=").replace("≤", "<=").replace("\u00a0", " ")
    text = text.translate(_DASHES)
    return _SPACES.sub(" ", text).strip().casefold()


def map_distinct(
    values: pd.Series, parse: Callable[[str], Sequence[Any]], fields: Mapping[str, Any]
) -> pd.DataFrame:
    """Apply ``parse`` to each distinct value once and spread the results back over every row.

    ``parse`` receives the raw text ('' for missing) and returns one value per field;
    ``fields`` maps each field name to its numpy dtype (``object`` for text).
    """
    return pd.DataFrame(distinct_columns(values, parse, fields), index=values.index)


def distinct_columns(
    values: pd.Series, parse: Callable[[str], Sequence[Any]], fields: Mapping[str, Any]
) -> dict[str, Any]:
    """``map_distinct`` as a dict of columns (numpy arrays, or pandas' str for text), so several
    parsers' columns make one frame at once."""
    return spread(*distinct_table(values, parse, fields))


def distinct_table(
    values: pd.Series, parse: Callable[[str], Sequence[Any]], fields: Mapping[str, Any],
    coded: tuple[np.ndarray, list[str]] | None = None,
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Codes per row, and per field the parsed value of each distinct text (to adjust before
    ``spread``: work on a few hundred values instead of every row). ``coded``: ``distinct(values)``
    when the caller has it already."""
    codes, uniques = coded if coded is not None else distinct(values)
    parsed = [parse(u) for u in uniques] or [parse("")]
    return codes, {name: np.array([p[i] for p in parsed], dtype=dtype) for i, (name, dtype) in enumerate(fields.items())}


def spread(codes: np.ndarray, table: Mapping[str, np.ndarray]) -> dict[str, Any]:
    """Each field's distinct values spread over the rows by ``codes``."""
    columns: dict[str, Any] = {}
    codes = np.asarray(codes, dtype=np.intp)  # once, not per field
    for name, small in table.items():
        if small.dtype == object and len(codes):
            # typed once on the distinct values (text becomes pandas' str), then spread by codes: the
            # same column a DataFrame of the spread objects would infer, without boxing every row
            columns[name] = pd.Series(small).array.take(codes)
        else:
            columns[name] = small.take(codes)
    return columns


def distinct(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes per row and the distinct texts they index, missing read as '' (first-seen order)."""
    codes, uniques = pd.factorize(values.astype("string"), sort=False)
    texts = [str(u) for u in uniques]
    missing = codes < 0
    if missing.any():  # '' once, shared with any written ''
        blank = texts.index("") if "" in texts else len(texts)
        if blank == len(texts):
            texts.append("")
        codes[missing] = blank
    return codes, texts

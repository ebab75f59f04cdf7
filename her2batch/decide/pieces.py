"""Text built from a few distinct pieces instead of one format call per row.

A ``Piece`` is a code per row plus the table of strings the codes index. Pieces are formatted
once per distinct value and combined per distinct combination, so a million explanations cost
a few thousand string operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd


class Piece(NamedTuple):
    codes: np.ndarray  # int64, one per row
    strings: list[str]

    def categorical(self) -> pd.Categorical:
        """As a pandas Categorical (equal strings merged)."""
        unique: dict[str, int] = {}
        remap = np.fromiter((unique.setdefault(s, len(unique)) for s in self.strings), np.int64, len(self.strings))
        dtype = pd.CategoricalDtype(pd.Index(list(unique) or [""], dtype=object))
        return pd.Categorical.from_codes(remap[self.codes] if len(remap) else self.codes, dtype=dtype)


def from_table(codes: np.ndarray, strings: Sequence[str]) -> Piece:
    return Piece(np.asarray(codes, dtype=np.int64), list(strings))


def distinct(values: np.ndarray | pd.Series, fmt: Callable[[Any], str]) -> Piece:
    """Format each distinct value once (NaN included as a value). Text without missing values
    stays in its pandas array (factorized there, not boxed row by row)."""
    if isinstance(values, pd.Series) and values.dtype != object and not values.hasnans:
        codes, uniques = pd.factorize(values.array, use_na_sentinel=False)
    else:
        codes, uniques = pd.factorize(np.asarray(values), use_na_sentinel=False)
    return Piece(codes.astype(np.int64), [fmt(u) for u in uniques])


def first_seen(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(keys)`` for integer keys: codes and uniques in order of first appearance,
    by array lookups when the keys are small and not negative (no hash table)."""
    if not len(keys) or keys.min() < 0 or (bound := int(keys.max()) + 1) > max(4 * len(keys), 1 << 16):
        return pd.factorize(keys)
    first = np.full(bound, len(keys), dtype=np.int64)
    first[keys[::-1]] = np.arange(len(keys) - 1, -1, -1)  # the last write is each key's first row
    present = np.flatnonzero(first < len(keys))
    uniques = present[np.argsort(first[present], kind="stable")]
    rank = np.empty(bound, dtype=np.int64)
    rank[uniques] = np.arange(len(uniques))
    return rank[keys], uniques


def combine(pieces: Sequence[Piece], template: Callable[..., str]) -> Piece:
    """``template(*strings)`` once per distinct combination of the pieces' codes."""
    first, *rest = pieces
    codes = first.codes
    members = [np.arange(len(first.strings))]  # per distinct combination: its index in each piece
    for piece in rest:
        # Join one piece at a time and compact, so the key never overflows int64.
        width = max(len(piece.strings), 1)
        codes, uniques = first_seen(codes * width + piece.codes)
        members = [m[uniques // width] for m in members] + [uniques % width]
    tables = [p.strings for p in pieces]
    columns = [[table[i] for i in m.tolist()] for table, m in zip(tables, members, strict=True)]
    strings = list(map(template, *columns))
    return Piece(codes.astype(np.int64), strings)

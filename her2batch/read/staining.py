"""Staining described in columns of its own ('HER2 Intensity' = strong, 'Membrane Completeness' =
complete): checked against the stated IHC score (ASCO/CAP 2018 section 1), never used to set it.

A column counts when its header names HER2, it was not mapped, and every filled value is an
intensity or completeness word (or 'none'). Its words, with the row's % of cells stained, describe
the scores section 1 allows ('strong complete in 90%': 3+); a stated score outside them sends the
case to review (ihc_staining_disagrees).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from her2batch.codes import IhcKind
from her2batch.read.sources import Source, Table
from her2batch.understand.textnorm import distinct_columns, normalise
from her2batch.understand.values import described_scores
from her2batch.understand.wording import read_words

STAINING_TAGS = frozenset({"faint", "weak", "moderate", "strong", "complete", "incomplete"})
NONE_WORDS = frozenset({"none", "nil", "absent", "no staining", "n/a", "-"})  # no staining, in such a column
ALL_SCORES = 0b1111


def described(tables: Sequence[tuple[Source, Table]]) -> pd.Series | None:
    """Per row, aligned with the combined rows: the staining words of the table's staining columns,
    joined ('' for none); None when no table has such a column."""
    parts, found = [], False
    for _, table in tables:
        text = pd.Series("", index=range(len(table.data)), dtype=object)
        for header in table.unmapped_her2_columns():
            values = table.data[header].astype("string").str.strip().fillna("")
            distinct = [v for v in values.unique() if v]
            if not distinct or not all(staining_words(v) for v in distinct):
                continue
            text = (text + " " + values.to_numpy(dtype=object)).str.strip()
            found = True
        parts.append(text.to_numpy(dtype=object))
    return pd.Series(np.concatenate(parts), dtype=object) if found else None


def staining_words(raw: str) -> bool:
    """An intensity or completeness value ('strong', 'complete', 'weak to moderate'), or 'none'."""
    if normalise(raw) in NONE_WORDS:
        return True
    words = read_words(normalise(raw))
    return words.readable and bool(words.tags & STAINING_TAGS) and not (
        words.scores or words.numbers or words.percents or any(t.tag != "staining" for t in words.terms))


def disagrees(text: pd.Series | None, parsed: pd.DataFrame) -> np.ndarray:
    """Rows whose stated IHC score is not one their staining words (with the % stained) describe."""
    found = np.zeros(len(parsed), dtype=bool)
    if text is None or "ihc_mask" not in parsed:
        return found
    at = np.flatnonzero(text.to_numpy(dtype=object) != "")
    if not len(at):
        return found
    percent = (parsed["her2_ihc_percent"].to_numpy(dtype=float)[at] if "her2_ihc_percent" in parsed
               else np.full(len(at), np.nan))
    shares, which = np.unique(percent, return_inverse=True)  # each distinct share written once
    share = np.array([f" in {p:g}%" if np.isfinite(p) else "" for p in shares], dtype=object)[which.reshape(-1)]
    words = pd.Series(text.to_numpy(dtype=object)[at] + share, dtype="string")
    mask = distinct_columns(words, lambda raw: (described_scores(raw),), {"mask": np.int8})["mask"]
    stated = parsed["ihc_mask"].to_numpy()[at]
    scored = parsed["ihc_kind"].to_numpy()[at] == IhcKind.SCORE
    found[at] = (mask != 0) & (mask != ALL_SCORES) & scored & ((stated & mask) == 0)
    return found

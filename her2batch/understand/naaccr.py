"""NAACCR breast HER2 items 3850-3855 (her2-rules.md section 7, "Registry codes").

A bare code means nothing without its item ("1" is IHC 1+ in 3850 but positive in 3855), so the
items are recognised only by their own headers and translated here into the lab-style fields the
rules read. A lab's own column wins where both are filled. Registries truncate, never round: a
coded 1.9 is compared as 1.9, as reported.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from her2batch.understand.textnorm import map_distinct

REGISTRY_COLUMNS = {
    "naaccr_3850": ("her2 ihc summary", "naaccr 3850", "3850", "naaccr item 3850"),
    "naaccr_3851": ("her2 ish dual probe copy number", "naaccr 3851", "3851", "naaccr item 3851"),
    "naaccr_3852": ("her2 ish dual probe ratio", "naaccr 3852", "3852", "naaccr item 3852"),
    "naaccr_3853": ("her2 ish single probe copy number", "naaccr 3853", "3853", "naaccr item 3853"),
    "naaccr_3854": ("her2 ish summary", "naaccr 3854", "3854", "naaccr item 3854"),
    "naaccr_3855": ("her2 overall summary", "naaccr 3855", "3855", "naaccr item 3855"),
}

# 3850 HER2 IHC Summary -> IHC as a lab writes it
IHC_SUMMARY = {"0": "0", "1": "1+", "2": "2+", "3": "3+", "4": "Negative", "7": "pending", "8": "not applicable",
               "9": ""}
# 3854 HER2 ISH Summary -> ISH result as written
ISH_SUMMARY = {"0": "not amplified", "2": "equivocal", "3": "amplified", "7": "pending", "8": "not applicable",
               "9": ""}
# 3855 HER2 Overall Summary: 0 negative or equivocal, 1 positive, 7 ordered, 9 unknown
OVERALL_NEGATIVE_OR_EQUIVOCAL, OVERALL_POSITIVE, OVERALL_NONE = 0, 1, -1

_SPECIAL = re.compile(r"^\s*xx\.([1-9])\s*$", re.IGNORECASE)
# 3851-3853 special codes: XX.1 >=100; XX.2 ratio <2.0 and XX.3 ratio >=2.0 stated only as a range;
# XX.7 ordered, not in chart; XX.8 not applicable; XX.9 unknown
SPECIAL_CODES = {"1": ">=100", "2": "<2.0", "3": ">=2.0", "7": "pending", "8": "", "9": ""}


def _code(text: str, table: dict[str, str]) -> str:
    stripped = text.strip().removesuffix(".0")
    return table.get(stripped, text)  # an unknown code stays as written and is read (or refused) as such


def _measure(text: str) -> str:
    special = _SPECIAL.match(text)
    return SPECIAL_CODES.get(special.group(1), text) if special else text


def _translated(values: pd.Series, translate) -> pd.Series:
    return map_distinct(values, lambda raw: (translate(raw),), {"v": object})["v"].astype("string")


def _fill(raw: pd.DataFrame, target: str, values: pd.Series) -> None:
    """Fill ``target`` from ``values`` where the lab's own column is absent or blank."""
    if target in raw:
        own = raw[target].fillna("").str.strip() != ""
        raw[target] = raw[target].where(own, values)
    else:
        raw[target] = values


def translate(raw: pd.DataFrame) -> pd.DataFrame:
    """The canonical raw frame with registry items turned into lab-style fields."""
    present = [c for c in REGISTRY_COLUMNS if c in raw]
    if not present:
        return raw
    raw = raw.copy()
    if "naaccr_3850" in raw:
        _fill(raw, "her2_ihc", _translated(raw["naaccr_3850"], lambda t: _code(t, IHC_SUMMARY)))
    if "naaccr_3854" in raw:
        _fill(raw, "ish_result", _translated(raw["naaccr_3854"], lambda t: _code(t, ISH_SUMMARY)))
    if "naaccr_3852" in raw:
        _fill(raw, "ish_ratio", _translated(raw["naaccr_3852"], _measure))
    dual = single = None
    if "naaccr_3851" in raw:
        dual = _translated(raw["naaccr_3851"], _measure)
        _fill(raw, "ish_her2_copies", dual)
    if "naaccr_3853" in raw:
        single = _translated(raw["naaccr_3853"], _measure)
        _fill(raw, "ish_her2_copies", single)
    if single is not None:  # a single-probe count (and no dual-probe one) says the probe
        single_only = (single.fillna("").str.strip() != "") & (
            (dual.fillna("").str.strip() == "") if dual is not None else True)
        _fill(raw, "ish_probe", pd.Series(np.where(single_only, "single", ""), index=raw.index, dtype="string"))
    return raw


def overall_summary(raw: pd.DataFrame) -> np.ndarray:
    """3855 as a code per row: 1 positive, 0 negative or equivocal, -1 not given / 7 / 9."""
    if "naaccr_3855" not in raw:
        return np.full(len(raw), OVERALL_NONE, dtype=np.int8)
    codes = {"0": OVERALL_NEGATIVE_OR_EQUIVOCAL, "1": OVERALL_POSITIVE}
    return map_distinct(raw["naaccr_3855"], lambda t: (codes.get(t.strip().removesuffix(".0"), OVERALL_NONE),),
                        {"v": np.int8})["v"].to_numpy()

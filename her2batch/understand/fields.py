"""Canonical raw text columns -> the parsed frame the classifier reads."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from her2batch.codes import NumberKind, Site
from her2batch.understand.textnorm import distinct, spread
from her2batch.understand.values import (
    ihc_columns,
    ish_text_columns,
    number_columns,
    number_table,
    parse_small,
    read_probe,
    read_site,
    read_specimen_kind,
)

NUMBER_COLUMNS = (
    "her2_ihc_percent",
    "ish_ratio",
    "ish_her2_copies",
    "ish_cep17_copies",
    "ish_cells_counted",
    "er_percent",
    "pr_percent",
)
HER2_INPUT_COLUMNS = ("her2_ihc", *NUMBER_COLUMNS[:5], "ish_result", "ish_probe", "tumor_site")

# What the overrides table of the config may be keyed by.
OVERRIDABLE = ("her2_ihc", "ish_result", "tumor_site")


def _column(raw: pd.DataFrame, name: str) -> pd.Series:
    if name in raw.columns:
        return raw[name]
    return pd.Series(pd.NA, index=raw.index, dtype="string")


def parse_fields(
    raw: pd.DataFrame, overrides: Mapping[str, Mapping[str, str]] | None = None,
    numbers: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]] | None = None,
) -> pd.DataFrame:
    """Parse every HER2 field of the canonical raw text columns (absent columns read as blank).

    ``overrides`` maps a column (``her2_ihc``, ``ish_result``) to {lab spelling: meaning}.
    ``numbers``: the number columns' distinct tables (``values.number_table``) from an earlier
    parse of these very rows, used instead of parsing again; filled where empty.
    """
    overrides = overrides or {}
    # every column as an array first, then one frame (no frame per parser, no concat)
    parsed = {
        **ihc_columns(_column(raw, "her2_ihc"), overrides.get("her2_ihc")),
        **ish_text_columns(_column(raw, "ish_result"), overrides.get("ish_result")),
    }
    parsed.update(_number_columns(raw, numbers))
    _percent_from_ihc_text(parsed)
    parsed["ish_probe"] = parse_small(_column(raw, "ish_probe"), read_probe, "ish_probe")
    site_overrides = overrides.get("tumor_site")
    parsed["site"] = parse_small(_column(raw, "tumor_site"), lambda raw: read_site(raw, site_overrides), "site")
    # a blank site is noted only where the export has a site column (NA = no such column)
    parsed["site_column"] = _column(raw, "tumor_site").notna().to_numpy()
    # section 6, the tumour site chooses the rule set: with no site given, a specimen described by
    # one site family only ("Stomach, antrum, endoscopic biopsy", "Breast, left, core biopsy") gives it
    parsed["specimen_kind"] = (parse_small(_column(raw, "specimen_type"), read_specimen_kind, "kind")
                               if "specimen_type" in raw else np.zeros(len(raw), dtype=np.int8))
    blank = parsed["site"] == Site.BLANK
    parsed["site_from_specimen"] = np.zeros(len(raw), dtype=bool)
    if blank.any() and "specimen_type" in raw:
        specimen = parse_small(_column(raw, "specimen_type"), read_site, "site")
        named = blank & np.isin(specimen, (Site.BREAST, Site.GASTROESOPHAGEAL))
        parsed["site"] = np.where(named, specimen, parsed["site"]).astype(np.int8)
        parsed["site_from_specimen"] = named
    return pd.DataFrame(parsed, index=raw.index)


def parse_numbers(raw: pd.DataFrame, numbers: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]] | None = None,
                  coded: dict[str, tuple[np.ndarray, list[str]]] | None = None,
                  suffixes: Sequence[str] | None = None) -> pd.DataFrame:
    """The NUMBER_COLUMNS part of ``parse_fields`` as written in their own columns (no percentage
    read from the IHC text): all that validation reads. ``coded``: ``textnorm.distinct`` of each
    column, shared with other readers of these rows (filled where missing). ``suffixes``: only
    these of each number's columns ("" the value, "__kind" its kind...; default all)."""
    return pd.DataFrame(_number_columns(raw, numbers, coded, suffixes), index=raw.index)


def _number_columns(raw: pd.DataFrame, numbers: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]] | None,
                    coded: dict[str, tuple[np.ndarray, list[str]]] | None = None,
                    suffixes: Sequence[str] | None = None) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name in NUMBER_COLUMNS:
        wanted = None if suffixes is None else {name + suffix for suffix in suffixes}
        if numbers is None or name not in raw.columns:
            found = number_columns(_column(raw, name), name, integer_thousands=name == "ish_cells_counted")
            columns.update({k: v for k, v in found.items() if wanted is None or k in wanted})
            continue
        if name not in numbers:
            if coded is not None and name not in coded:
                coded[name] = distinct(raw[name])
            numbers[name] = number_table(raw[name], name, integer_thousands=name == "ish_cells_counted",
                                         coded=coded[name] if coded is not None else None)
        codes, table = numbers[name]
        columns.update(spread(codes, {k: v for k, v in table.items() if wanted is None or k in wanted}))
    return columns


def _percent_from_ihc_text(parsed: dict[str, np.ndarray]) -> None:
    """A percentage written in the IHC cell ('2+ (10%)', '1+ (<10%)') stands in for a blank percentage
    column, so the section 1 consistency checks and the bound review see it; a filled column wins."""
    text_percent = np.asarray(parsed.pop("ihc_text_percent"), dtype=float)
    operator = np.asarray(parsed.pop("ihc_text_percent_operator"))
    blank = np.asarray(parsed["her2_ihc_percent__kind"]) == NumberKind.BLANK
    fill = blank & ~np.isnan(text_percent) & (text_percent <= 100)
    if not fill.any():
        return
    number = fill & (operator == 0)
    parsed["her2_ihc_percent"] = np.where(number, text_percent, np.asarray(parsed["her2_ihc_percent"], dtype=float))
    parsed["her2_ihc_percent__bound"] = np.where(fill, text_percent, np.asarray(parsed["her2_ihc_percent__bound"], dtype=float))
    parsed["her2_ihc_percent__operator"] = np.where(fill, operator, parsed["her2_ihc_percent__operator"]).astype(np.int8)
    kind = np.where(number, NumberKind.NUMBER, NumberKind.RANGE)
    parsed["her2_ihc_percent__kind"] = np.where(fill, kind, parsed["her2_ihc_percent__kind"]).astype(np.int8)

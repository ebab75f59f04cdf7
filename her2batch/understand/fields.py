"""Canonical raw text columns -> the parsed frame the classifier reads."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from her2batch.codes import NumberKind
from her2batch.understand.values import (
    parse_ihc,
    parse_ish_text,
    parse_number,
    parse_small,
    read_probe,
    read_site,
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
    raw: pd.DataFrame, overrides: Mapping[str, Mapping[str, str]] | None = None
) -> pd.DataFrame:
    """Parse every HER2 field of the canonical raw text columns (absent columns read as blank).

    ``overrides`` maps a column (``her2_ihc``, ``ish_result``) to {lab spelling: meaning}.
    """
    overrides = overrides or {}
    parts = [
        parse_ihc(_column(raw, "her2_ihc"), overrides.get("her2_ihc")),
        parse_ish_text(_column(raw, "ish_result"), overrides.get("ish_result")),
    ]
    for name in NUMBER_COLUMNS:
        parts.append(parse_number(_column(raw, name), name, integer_thousands=name == "ish_cells_counted"))
    parsed = pd.concat(parts, axis=1)
    _percent_from_ihc_text(parsed)
    parsed["ish_probe"] = parse_small(_column(raw, "ish_probe"), read_probe, "ish_probe")
    site_overrides = overrides.get("tumor_site")
    parsed["site"] = parse_small(_column(raw, "tumor_site"), lambda raw: read_site(raw, site_overrides), "site")
    # a blank site is noted only where the export has a site column (NA = no such column)
    parsed["site_column"] = _column(raw, "tumor_site").notna().to_numpy()
    return parsed


def _percent_from_ihc_text(parsed: pd.DataFrame) -> None:
    """A percentage written in the IHC cell ('2+ (10%)', '1+ (<10%)') stands in for a blank percentage
    column, so the section 1 consistency checks and the bound review see it; a filled column wins."""
    text_percent = parsed.pop("ihc_text_percent").to_numpy(dtype=float)
    operator = parsed.pop("ihc_text_percent_operator").to_numpy()
    blank = parsed["her2_ihc_percent__kind"].to_numpy() == NumberKind.BLANK
    fill = blank & ~np.isnan(text_percent) & (text_percent <= 100)
    if not fill.any():
        return
    number = fill & (operator == 0)
    parsed["her2_ihc_percent"] = np.where(number, text_percent, parsed["her2_ihc_percent"].to_numpy(dtype=float))
    parsed["her2_ihc_percent__bound"] = np.where(fill, text_percent, parsed["her2_ihc_percent__bound"].to_numpy(dtype=float))
    parsed["her2_ihc_percent__operator"] = np.where(fill, operator, parsed["her2_ihc_percent__operator"].to_numpy()).astype(np.int8)
    kind = np.where(number, NumberKind.NUMBER, NumberKind.RANGE)
    parsed["her2_ihc_percent__kind"] = np.where(fill, kind, parsed["her2_ihc_percent__kind"].to_numpy()).astype(np.int8)

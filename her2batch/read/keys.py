"""Case keys: what makes two rows the same case.

The case identifier alone, unless the export says more: a NAACCR abstract numbers each primary of
one patient (item 550 Accession Number--Hosp + item 560 Sequence Number--Hospital), and a config's
``[key] columns = ["Accession", "Part", "Block"]`` names any other composite key.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from her2batch.headers import header_key, recognised_as

KEY_SEPARATOR = " / "

# NAACCR items by their standard names, XML ids and numbers; each only when the vocabulary does not
# already recognise the header (headers.py stays the authority).
NAACCR_ITEMS: dict[str, tuple[str, ...]] = {
    "case_id": ("accession number hosp", "accession number--hosp", "accessionnumberhosp", "naaccr 550",
                "naaccr item 550", "550"),
    "patient_id": ("patient id number", "patientidnumber", "naaccr 20", "naaccr item 20"),
    "report_date": ("date of diagnosis", "dateofdiagnosis", "naaccr 390", "naaccr item 390", "390"),
    "er_percent": ("estrogen receptor percent positive or range", "estrogenreceptorpercntposorrange",
                   "naaccr 3826", "naaccr item 3826", "3826"),
    "pr_percent": ("progesterone receptor percent positive or range", "progesteronerecepprcntposorrange",
                   "naaccr 3915", "naaccr item 3915", "3915"),
}
SEQUENCE_HEADERS = ("sequence number hospital", "sequence number--hospital", "sequencenumberhospital",
                    "naaccr 560", "naaccr item 560", "560")
_ITEM_KEYS = {header_key(name): canonical for canonical, names in NAACCR_ITEMS.items() for name in names}
_SEQUENCE_KEYS = frozenset(header_key(name) for name in SEQUENCE_HEADERS)


def naaccr_columns(labels: Sequence[str], config_columns: Mapping[str, str] | None) -> dict[str, str]:
    """The config with NAACCR item headers of this table added (the user's own mapping wins)."""
    found: dict[str, str] = {}
    for label in labels:
        canonical = _ITEM_KEYS.get(header_key(label))
        if canonical and recognised_as(label) is None and canonical not in found:
            found[canonical] = label
    return {**found, **(config_columns or {})}


def sequence_column(labels: Sequence[str]) -> str | None:
    """The NAACCR sequence number (item 560) header of a table, if it has one."""
    return next((label for label in labels if header_key(label) in _SEQUENCE_KEYS), None)


class KeyError_(ValueError):
    """A configured key column is not in a table."""


def key_columns(labels: Sequence[str], case_label: str, configured: Sequence[str]) -> list[str]:
    """The columns besides the case identifier that make a case's key, in key order."""
    if configured:
        by_key = {header_key(label): label for label in labels}
        missing = [name for name in configured if header_key(name) not in by_key]
        if missing:
            raise KeyError_(
                f"[key] columns names {', '.join(repr(m) for m in missing)}, not a header of this table "
                f"(headers: {', '.join(repr(label) for label in labels[:30])})")
        return [by_key[header_key(name)] for name in configured if by_key[header_key(name)] != case_label]
    sequence = sequence_column(labels)
    return [sequence] if sequence else []


def case_key(case_id: pd.Series, parts: Sequence[pd.Series]) -> pd.Series:
    """The key of each row: the case identifier and the key columns' values, trimmed, joined."""
    key = case_id.fillna("").astype(str).str.strip()
    for part in parts:
        key = key + KEY_SEPARATOR + part.fillna("").astype(str).str.strip()
    return key.astype("string")

"""Case keys: what makes two rows the same case.

The case identifier alone, unless the export says more: a NAACCR abstract numbers each primary of
one patient (item 550 Accession Number--Hosp + item 560 Sequence Number--Hospital), and a config's
``[key] columns = ["Accession", "Part", "Block"]`` names any other composite key.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace

import pandas as pd

from her2batch.understand.headers import HeaderMap, header_key, recognised_as
from her2batch.understand.headers import configured as configured_headers

KEY_SEPARATOR = " / "

# NAACCR items by their standard names and XML ids, or numbers ("550", "NAACCR 550", "[550] Accession
# Number--Hosp"); each only when the vocabulary does not already recognise the header (headers.py
# stays the authority). A name and a number that disagree are not read as either.
NAACCR_ITEMS: dict[str, tuple[str, tuple[str, ...]]] = {  # target -> (item number, names)
    "case_id": ("550", ("accession number hosp", "accessionnumberhosp")),
    "patient_id": ("20", ("patient id number", "patientidnumber")),
    "report_date": ("390", ("date of diagnosis", "dateofdiagnosis")),
    "er_percent": ("3826", ("estrogen receptor percent positive or range", "estrogenreceptorpercntposorrange")),
    "pr_percent": ("3915", ("progesterone receptor percent positive or range", "progesteronerecepprcntposorrange")),
    "sequence": ("560", ("sequence number hospital", "sequencenumberhospital")),
    "sequence_central": ("380", ("sequence number central", "sequencenumbercentral")),
}
_BY_NAME = {header_key(name): target for target, (_, names) in NAACCR_ITEMS.items() for name in names}
_BY_NUMBER = {number: target for target, (number, _) in NAACCR_ITEMS.items()}
_FILLER = re.compile(r"naaccr|item|\bno\b|\bnr\b|#", re.IGNORECASE)


def naaccr_item(label: str) -> str | None:
    """The NAACCR item a header names (a canonical column, 'sequence' or 'sequence_central'), or None."""
    numbers = re.findall(r"\d+", label)
    name = header_key(_FILLER.sub(" ", re.sub(r"\d+", " ", label)))
    if name:
        target = _BY_NAME.get(name)
        if target is None or any(_BY_NUMBER.get(n) != target for n in numbers):
            return None
        return target
    if len(numbers) == 1 and len(numbers[0]) >= 3:  # a bare '20' is too common to be item 20
        return _BY_NUMBER.get(numbers[0])
    return None


def naaccr_columns(labels: Sequence[str], config_columns: Mapping[str, str] | None) -> dict[str, str]:
    """The config with NAACCR item headers of this table added (the user's own mapping wins)."""
    found: dict[str, str] = {}
    for label in labels:
        target = naaccr_item(label)
        if target and not target.startswith("sequence") and recognised_as(label) is None and target not in found:
            found[target] = label
    return {**found, **(config_columns or {})}


def settle_naaccr(labels: Sequence[str], header_map: HeaderMap, config_columns: Mapping[str, str] | None,
                  injected: Collection[str]) -> HeaderMap:
    """A header named as a NAACCR item means that item: a sequence number read by its words as
    something else ('Sequence Number--Hospital' as a hospital number) is unmapped (it joins the case
    key), and columns found here by item are reported as 'naaccr', not 'config'."""
    configured = {header_key(h) for _, h in configured_headers(config_columns)}
    canonical_of = dict(header_map.canonical_of)
    fates = list(header_map.fates)
    for at, fate in enumerate(fates):
        label = labels[fate.position] if fate.position < len(labels) else fate.header
        item = naaccr_item(label)
        if fate.canonical and fate.canonical in injected and fate.how == "config":
            fates[at] = replace(fate, how="naaccr")
        elif item and fate.canonical and item != fate.canonical and header_key(label) not in configured:
            canonical_of.pop(fate.position, None)
            why = "part of the case key" if item.startswith("sequence") else f"it names {item}"
            fates[at] = replace(fate, canonical="", how="unmapped", note=f"a NAACCR item header: {why}")
    return replace(header_map, canonical_of=canonical_of, fates=tuple(fates))


def sequence_column(labels: Sequence[str]) -> str | None:
    """The NAACCR sequence number header (item 560, else 380) of a table, if it has one."""
    items = {naaccr_item(label): label for label in reversed(labels)}
    return items.get("sequence") or items.get("sequence_central")


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

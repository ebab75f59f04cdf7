"""One label (a header, a combined two-row header, a test name) -> the canonical field it names.

The single adapter between the layout readers and the header vocabulary: when headers.py gains
word-based scoring of one label, only ``field_of_label`` changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from her2batch.understand.headers import configured, header_key, recognised_as

# ISH measurements exist only for ISH, so a method word before them adds nothing ("HER2 FISH Ratio").
_METHOD = re.compile(r"\b(?:fish|sish|cish|ddish|ish|in situ hybridi[sz]ation)\b", re.IGNORECASE)
_ISH_MEASURES = frozenset({"ish_ratio", "ish_her2_copies", "ish_cep17_copies", "ish_cells_counted"})
# Tokens that make an unrecognised label look like HER2 data (warned about, never mapped by guess).
HER2_TOKENS = re.compile(r"her\s*-?\s*2|erb\s*-?\s*b\s*-?\s*2|\bneu\b|cep\s*-?\s*17|chr\s*-?\s*17|\bfish\b|\bsish\b|\bcish\b",
                         re.IGNORECASE)


def vocabulary_label(label: str, config_columns: Mapping[str, str] | None = None) -> str | None:
    """The spelling of ``label`` that the config or the header vocabulary maps, or None."""
    key = header_key(label)
    if not key:
        return None
    if any(header_key(header) == key for _, header in configured(config_columns)) or recognised_as(label):
        return label
    without_method = _METHOD.sub(" ", label)
    if without_method != label and recognised_as(without_method) in _ISH_MEASURES:
        return without_method
    return None


def field_of_label(label: str, config_columns: Mapping[str, str] | None = None) -> str | None:
    """The canonical column ``label`` names: the config first, then the header vocabulary."""
    spelling = vocabulary_label(label, config_columns)
    if spelling is None:
        return None
    key = header_key(spelling)
    for canonical, header in configured(config_columns):
        if header_key(header) == key:
            return canonical
    return recognised_as(spelling)


def looks_like_her2(label: str) -> bool:
    """Whether a label mentions HER2 or its ISH probes (an unmapped one deserves a warning)."""
    return bool(HER2_TOKENS.search(label))

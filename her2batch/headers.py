"""Lab headers -> canonical column names (contract: 'Canonical input columns').

Headers match ignoring case, spaces and punctuation, through synonym lists; a config file's
``[columns]`` table maps any other header. Priority: config, then a header spelled exactly as the
canonical name, then synonyms. Two headers claiming one name at the same priority is an error.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from her2batch.registry import REGISTRY_COLUMNS

CANONICAL_COLUMNS = (
    "case_id",
    "patient_id",
    "report_date",
    "tumor_site",
    "specimen_type",
    "her2_ihc",
    "her2_ihc_percent",
    "ish_ratio",
    "ish_her2_copies",
    "ish_cep17_copies",
    "ish_cells_counted",
    "ish_result",
    "ish_probe",
    "er_percent",
    "pr_percent",
    "antibody_clone",
    "pathologist",
    "lab",
)

SYNONYMS: dict[str, tuple[str, ...]] = {
    "case_id": (
        "case", "case id", "case no", "case number", "case #", "accession", "accession no",
        "accession no.", "accession number", "accession #", "accession id", "acc no", "acc #",
        "specimen id", "specimen no", "specimen number", "specimen #", "sample id", "sample no",
        "sample number", "block id", "block no", "lab ref", "lab reference", "lab no", "lab number",
        "lab id", "surgical pathology number", "surgical number", "sp number", "path no",
        "pathology number", "pathology no", "report id", "report number", "tumor id", "tumour id",
        "record id", "episode", "episode number", "request number", "request id", "tumor record id",
        "tumor record number", "tumour record number", "tumour record id", "registry number",
    ),
    "patient_id": (
        "patient", "patient id", "patient no", "patient number", "patient identifier", "mrn",
        "medical record number", "medical record no", "mr number", "mr no", "nhs number", "nhs no",
        "hospital number", "hospital no", "unit number", "urn", "pid", "chi", "chi number", "patient id number",
    ),
    "report_date": (
        "date", "report date", "date reported", "reported", "reported date", "result date",
        "date of report", "sign out date", "signout date", "signed out", "sign-out date",
        "verified date", "authorised date", "authorized date", "final date", "diagnosis date",
    ),
    "tumor_site": (
        "site", "tumor site", "tumour site", "primary site", "anatomic site", "anatomical site",
        "organ", "specimen site", "topography", "body site", "primary", "tumor location",
        "tumour location",
    ),
    "specimen_type": (
        "specimen type", "sample type", "procedure", "specimen source", "biopsy type", "tissue type",
    ),
    "her2_ihc": (
        "her2 ihc", "her2 ihc score", "her2 ihc result", "her2 (ihc)", "her2 score", "ihc score",
        "ihc her2", "her2", "her2 result", "her2 status ihc", "her2/neu ihc", "her2/neu",
        "her2 neu", "her2 immunohistochemistry", "her2 protein", "herceptest", "c-erbb-2",
        "cerbb2", "erbb2 ihc", "her-2 ihc", "her-2", "ihc", "ihc result", "her2 ihc interpretation",
    ),
    "her2_ihc_percent": (
        "her2 ihc percent", "her2 ihc %", "her2 %", "her2 percent", "% cells stained",
        "percent cells stained", "% stained", "percent stained", "her2 % staining",
        "her2 membrane staining %", "membrane staining %", "ihc %", "ihc percent", "% staining",
        "percentage stained", "her2 stained cells %", "% positive cells", "staining percent",
        "her2 % cells", "her2 staining %", "her2 % stained", "her2 percent stained", "% her2 staining",
        "% membrane staining", "her2 % positive cells", "% tumour cells stained", "% tumor cells stained",
    ),
    "ish_ratio": (
        "her2/cep17 ratio", "her2/cep17", "her2:cep17", "her2:cep17 ratio", "her2 cep17 ratio",
        "ratio", "ish ratio", "fish ratio", "sish ratio", "cish ratio", "ddish ratio", "her2 ratio",
        "dual probe ratio", "her2/cen17 ratio", "her2/chr17 ratio", "her2:chr17", "her2/cep 17 ratio",
        "her2 / cep17 ratio", "her2/cep17 signal ratio",
    ),
    "ish_her2_copies": (
        "her2 copies", "her2 copy number", "avg her2 copy number", "average her2 copy number",
        "mean her2 copy number", "her2 signals/cell", "her2 signals per cell", "mean her2 signals",
        "her2 signals", "her2 gene copies", "her2 copy no", "avg her2 signals per cell",
        "average her2 signals per cell", "mean her2 signals per cell", "her2 per cell",
        "mean her2 copies per cell", "her2 cn", "avg her2 copies", "average her2 copies",
        "mean her2 copies", "her2 gene copy number",
    ),
    "ish_cep17_copies": (
        "cep17 copies", "cep17 copy number", "avg cep17 copy number", "average cep17 copy number",
        "mean cep17 copy number", "mean cep17", "cep17 signals/cell", "cep17 signals per cell",
        "cep17 signals", "chr17 copies", "chromosome 17 copies", "cen17 copies",
        "mean cep17 signals per cell", "avg cep17 signals per cell", "average cep17 signals per cell",
        "cep17 per cell", "avg cep17 copies", "average cep17 copies", "mean cep17 copies", "cep17",
    ),
    "ish_cells_counted": (
        "cells counted", "nuclei counted", "cells", "number of cells", "no of cells",
        "no. of cells", "cell count", "cells scored", "nuclei scored", "ish cells counted",
        "cells analysed", "cells analyzed", "nuclei", "number of nuclei", "nuclei analysed",
        "nuclei analyzed", "# cells", "# nuclei",
    ),
    "ish_result": (
        "ish result", "ish", "fish result", "fish", "sish result", "sish", "cish", "cish result",
        "ddish", "ddish result", "her2 ish", "her2 fish", "her2 ish result", "her2 fish result",
        "ish interpretation", "fish interpretation", "her2 gene status", "amplification status",
        "her2 amplification", "ish status", "ish group", "asco cap group", "asco/cap group",
        "her2 ish interpretation", "ish her2",
    ),
    "ish_probe": ("probe", "ish probe", "probe type", "assay type", "ish assay", "fish probe", "ish method"),
    "er_percent": (
        "er %", "er percent", "er", "estrogen receptor", "oestrogen receptor", "er % positive",
        "er positive %", "er (%)", "er nuclear staining %", "er % cells", "estrogen receptor %",
        "oestrogen receptor %",
    ),
    "pr_percent": (
        "pr %", "pr percent", "pr", "pgr", "pgr %", "progesterone receptor", "pr % positive",
        "pr positive %", "pr (%)", "pr % cells", "progesterone receptor %",
    ),
    "antibody_clone": ("antibody clone", "clone", "antibody", "her2 clone", "ihc clone", "her2 antibody"),
    "pathologist": ("pathologist", "signing pathologist", "reporting pathologist", "signed by", "reported by"),
    "lab": (
        "lab", "laboratory", "lab name", "testing lab", "performing lab", "performing laboratory",
        "testing laboratory", "hospital", "institution", "centre", "center",
    ),
}


SYNONYMS.update(REGISTRY_COLUMNS)  # NAACCR items: recognised only by their own names or numbers
MAPPABLE_COLUMNS = (*CANONICAL_COLUMNS, *REGISTRY_COLUMNS)

# One-word headers that a more specific header beside them should win over (e.g. "HER2" beside
# "HER2 IHC Score" is probably an overall status, not the IHC result).
GENERIC = frozenset(
    {"case", "patient", "date", "reported", "site", "organ", "primary", "her2", "her2neu", "ihc", "ratio",
     "cells", "nuclei", "ish", "fish", "sish", "cish", "probe", "er", "pr", "clone", "antibody", "lab",
     "hospital", "cep17"}
)


def header_key(header: str) -> str:
    """What two spellings of one header share: casefolded letters and digits only."""
    text = unicodedata.normalize("NFKC", str(header)).casefold()
    text = text.replace("#", " no ").replace("%", " percent ")
    return re.sub(r"[^0-9a-z]+", "", text)


_SYNONYM_KEYS: dict[str, str] = {}
for _canonical, _names in SYNONYMS.items():
    for _name in (_canonical, *_names):
        _key = header_key(_name)
        if _SYNONYM_KEYS.setdefault(_key, _canonical) != _canonical:
            raise AssertionError(f"synonym {_name!r} claimed twice")


def recognised_as(header: str) -> str | None:
    """The column a header names by synonym (no config), or None."""
    return _SYNONYM_KEYS.get(header_key(header))


class HeaderConflict(ValueError):
    """Two headers claim one canonical name."""


@dataclass(frozen=True)
class HeaderMap:
    canonical_of: dict[int, str]  # column position -> canonical name

    @property
    def names(self) -> set[str]:
        return set(self.canonical_of.values())


def map_headers(headers: Sequence[str], config_columns: Mapping[str, str] | None = None) -> HeaderMap:
    """Assign canonical names to header positions; raise HeaderConflict naming both headers."""
    config_keys = {header_key(v): k for k, v in (config_columns or {}).items()}
    claims: dict[str, tuple[int, int]] = {}  # canonical -> (priority, position)
    canonical_of: dict[int, str] = {}

    def claim(position: int, canonical: str, priority: int) -> None:
        held = claims.get(canonical)
        if held is None or priority < held[0]:
            if held is not None:
                canonical_of.pop(held[1], None)
            claims[canonical] = (priority, position)
            canonical_of[position] = canonical
        elif priority == held[0]:
            raise HeaderConflict(
                f"two columns claim {canonical}: {_describe(headers, held[1])} and {_describe(headers, position)}"
            )

    for position, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        if key in config_keys:
            claim(position, config_keys[key], 0)
        elif str(header).strip() in MAPPABLE_COLUMNS:
            claim(position, str(header).strip(), 1)
        elif key in _SYNONYM_KEYS and _SYNONYM_KEYS[key] not in config_keys.values():
            claim(position, _SYNONYM_KEYS[key], 3 if key in GENERIC else 2)
    return HeaderMap(canonical_of)


def _describe(headers: Sequence[str], position: int) -> str:
    return f"'{headers[position]}' (column {column_letter(position)})"


def column_letter(position: int) -> str:
    """Spreadsheet column letters: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

"""Every review reason, computed in one place: a bitmask per case (codes in reasons.py).

The decision table gives the reasons its cells carry (discordant, recount, ISH needed, ...); this
module adds what the readings and facts say (unreadable values, percentages, cells counted, sites,
duplicates, the registry's own summary) and says why a reported ISH could not be used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from her2batch.codes import Category, IhcKind, IshKind, NumberKind, Site, Status, ZeroSubtype
from her2batch.decide.ish import IshFacts, text_conflict
from her2batch.decide.reasons import REASON_BIT
from her2batch.understand.textnorm import map_distinct, normalise
from her2batch.understand.values import ULTRALOW_MAX_PERCENT, SpecimenKind, score_mask

SCORED_ABOVE_ZERO = (score_mask(1), score_mask(2), score_mask(3))  # 1+ to 3+ need >10% of cells
GASTRIC_RESECTION_PERCENT = 10.0  # Bartley 2016 (section 6): a resection's score needs >=10% of cells
# Results compared to tell a repeated case_id with the same results from a conflicting one.
RESULT_COLUMNS = ("her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies",
                  "ish_cells_counted", "ish_result", "ish_probe")

# Why an ISH that was reported cannot be used (the explanation says "ISH reported but not usable: <why>").
UNUSABLE_WHY = (
    "",
    "it was reported as indeterminate",
    "an ISH number was written as a bound, not a number",
    "an ISH number could not be read",
    "CEP17 of 0 gives no ratio",
    "single-probe ISH is not read under this rule set",
    "a ratio without the HER2 copy number does not decide under this rule set",
    "HER2 copies without a ratio or CEP17 give no ratio",
    "CEP17 without HER2 copies gives no ratio",
    "a written ASCO/CAP 2018 group does not give this rule set's ratio band",
    "the written result could not be read",
    "it does not decide the call under this rule set",
)


def bit(code: str, where: np.ndarray) -> np.ndarray:
    """The reason's bit where ``where`` holds, else 0."""
    return np.where(where, np.int64(REASON_BIT[code]), np.int64(0))


def unusable_why(facts: IshFacts, unusable: np.ndarray) -> np.ndarray:
    """Per case, an index into UNUSABLE_WHY (0 where the ISH was usable or not reported)."""
    ratio_kind, her2_kind, cep17_kind = facts.number_kinds
    kinds = (ratio_kind, her2_kind, cep17_kind)
    has_ratio, has_her2, has_cep17 = (~np.isnan(v) for v in (facts.ratio, facts.her2, facts.cep17))
    dual = ~facts.single
    why = np.select(
        [
            facts.text_kind == IshKind.INDETERMINATE,
            np.logical_or.reduce([k == NumberKind.RANGE for k in kinds]),
            np.logical_or.reduce([k == NumberKind.INVALID for k in kinds]),
            facts.cep17 == 0,
            facts.single & has_her2,
            dual & has_ratio & ~has_her2,
            dual & has_her2 & ~has_ratio,
            has_cep17 & ~has_her2 & ~has_ratio,
            facts.text_kind == IshKind.GROUP,
            facts.text_kind == IshKind.UNREADABLE,
        ],
        list(range(1, 11)),
        default=len(UNUSABLE_WHY) - 1,
    )
    return np.where(unusable, why, 0).astype(np.int8)


@dataclass(frozen=True)
class CaseFacts:
    """What the reasons are read from, one entry per case."""

    table_reasons: np.ndarray  # the decision table cells' reasons
    category: np.ndarray
    ihc_kind: np.ndarray
    ihc_mask: np.ndarray
    zero_subtype: np.ndarray
    subtype_conflict: np.ndarray  # the percentage contradicts IHC 0 or its written sub-type
    percent: np.ndarray
    ihc3_min_percent: np.ndarray  # of the rule set each case follows
    breast_scoring: np.ndarray  # section 1 IHC-0 checks and HER2-low categories apply
    no_usable_ish: np.ndarray
    site: np.ndarray
    number_kinds: Sequence[np.ndarray]  # NumberKind of every ISH number and the IHC percentage
    specimen_kind: np.ndarray | None = None  # values.SpecimenKind per case (section 6 resection cut-off)


def case_reasons(facts: IshFacts, case: CaseFacts) -> np.ndarray:
    """Every per-case review reason as a bitmask (duplicates and the registry summary come later)."""
    kind, mask, percent = case.ihc_kind, case.ihc_mask, case.percent
    ihc_indeterminate = kind == IhcKind.INDETERMINATE
    ish_indeterminate = facts.text_kind == IshKind.INDETERMINATE
    with np.errstate(invalid="ignore"):
        scored_low_percent = np.isin(mask, SCORED_ABOVE_ZERO) & (percent <= ULTRALOW_MAX_PERCENT)
        weak_three = (mask == score_mask(3)) & (percent <= case.ihc3_min_percent)
    percent_inconsistent = case.breast_scoring & (case.subtype_conflict | scored_low_percent | weak_three)
    # section 6 (Bartley 2016): a gastroesophageal resection is scored on >=10% of cells (a biopsy on a
    # cluster of >=5 cells whatever the share, so it is not checked): 1+ or more in <10%, or 0 in >=10%
    with np.errstate(invalid="ignore"):
        kinds = case.specimen_kind if case.specimen_kind is not None else np.zeros(len(mask), dtype=np.int8)
        resection = ~case.breast_scoring & (kinds == SpecimenKind.RESECTION)
        percent_inconsistent |= resection & (
            (np.isin(mask, SCORED_ABOVE_ZERO) & (percent < GASTRIC_RESECTION_PERCENT))
            | ((mask == score_mask(0)) & (percent >= GASTRIC_RESECTION_PERCENT)))
    zero_plus_open = (kind == IhcKind.ZERO_PLUS) & (case.zero_subtype == ZeroSubtype.UNKNOWN)
    bound_only = np.logical_or.reduce([k == NumberKind.RANGE for k in case.number_kinds])
    number_pending = np.logical_or.reduce([k == NumberKind.PENDING for k in case.number_kinds])
    score_unknown_mask = (mask == score_mask(0, 1)) | (kind == IhcKind.NEGATIVE_UNSCORED)
    table_reasons = case.table_reasons
    # An unreadable IHC names no score: it is never called discordant with the ISH.
    table_reasons = np.where(kind == IhcKind.UNREADABLE, table_reasons & ~REASON_BIT["discordant_ihc_ish"],
                             table_reasons)
    return (
        table_reasons
        | bit("indeterminate_result", ihc_indeterminate | (ish_indeterminate & case.no_usable_ish))
        | bit("result_pending", (kind == IhcKind.PENDING) | (facts.text_kind == IshKind.PENDING) | number_pending)
        | bit("ihc_score_unknown", case.breast_scoring & (score_unknown_mask | (case.category == Category.NEGATIVE)))
        | bit("ihc_ambiguous", (kind == IhcKind.AMBIGUOUS) & ~score_unknown_mask)
        | bit("ihc_unreadable", kind == IhcKind.UNREADABLE)
        | bit("ihc_zero_plus", zero_plus_open & case.breast_scoring)
        | bit("ihc_percent_inconsistent", percent_inconsistent)
        | bit("ish_unreadable", facts.text_kind == IshKind.UNREADABLE)
        | bit("ish_incomplete", facts.numbers_present & case.no_usable_ish)
        | bit("ish_text_conflict", text_conflict(facts))
        | bit("ratio_inconsistent", facts.ratio_inconsistent)
        | bit("too_few_cells", facts.too_few_cells)
        | bit("value_range_only", bound_only)
        | bit("site_unrecognised", case.site == Site.OTHER)
    )


def registry_conflict(status: np.ndarray, overall_summary: np.ndarray) -> np.ndarray:
    """NAACCR 3855 (1 positive, 0 negative or equivocal, -1 not given) against our call. A summary
    beside no usable result (not tested, indeterminate) says a result exists that the row does not
    show: a person must look (the summary alone is never read as a call, section 7)."""
    no_call = (status == Status.NOT_TESTED) | (status == Status.INDETERMINATE)
    disagrees = ((overall_summary == 1) & (status != Status.POSITIVE)) | (
        (overall_summary == 0) & ((status == Status.POSITIVE) | no_call))
    return bit("registry_summary_conflict", disagrees)


def duplicate_reasons(raw: pd.DataFrame) -> np.ndarray:
    """Reason bits for case_ids seen more than once; 'conflict' where the results differ."""
    if not len(raw):
        return np.zeros(0, dtype=np.int64)
    key = raw["case_id"].fillna("").str.strip()
    if "case_key" in raw:  # tables with a composite key (read/keys.py); the others are keyed by case_id
        key = raw["case_key"].fillna(key).str.strip()
    repeated = key.duplicated(keep=False).to_numpy()
    bits = np.zeros(len(raw), dtype=np.int64)
    if not repeated.any():
        return bits
    subset = raw.loc[repeated]
    results = [map_distinct(subset[c], lambda raw: (normalise(raw),), {"v": object})["v"] if c in subset
               else pd.Series("", index=subset.index) for c in RESULT_COLUMNS]
    signature = pd.DataFrame({"key": key[repeated], **{str(i): r for i, r in enumerate(results)}})
    signature_id = signature.drop(columns="key").groupby(list(signature.columns[1:]), sort=False).ngroup()
    conflicting = signature_id.groupby(signature["key"].to_numpy()).transform("nunique").to_numpy() > 1
    bits[repeated] = duplicate_bits(np.ones(len(conflicting), dtype=bool), conflicting)
    return bits


def duplicate_bits(repeated: np.ndarray, conflicting: np.ndarray) -> np.ndarray:
    """The duplicate reasons, for a scan that has found which rows repeat a case_id and which of
    those differ in their results (a chunked pipeline finds them across the whole run)."""
    return np.where(conflicting, REASON_BIT["duplicate_conflict"], bit("duplicate_case_id", repeated))

"""Apply a rule set to the parsed frame: status, category, flags, reasons, explanation.

Every step works on whole columns: table lookups, ``numpy.select`` and per-distinct text pieces.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from her2batch.codes import (
    CATEGORY_NAMES,
    STATUS_NAMES,
    Category,
    IhcKind,
    IshKind,
    Site,
    Status,
    ZeroSubtype,
)
from her2batch.decide.explanation import explanations
from her2batch.decide.ish import IshFacts, ish_facts
from her2batch.decide.reasons import REASON_BIT, codes_of
from her2batch.decide.review import (
    CaseFacts,
    case_reasons,
    registry_conflict,
    unusable_why,
)
from her2batch.rules import choose
from her2batch.rules.base import (
    N_SLOTS,
    SLOT_IHC3_BELOW_MIN,
    SLOT_IHC_INDETERMINATE,
    SLOT_IHC_UNREADABLE,
    RuleSet,
)
from her2batch.understand.values import BOUND_OPERATORS, ULTRALOW_MAX_PERCENT, score_mask

CATEGORIES = CATEGORY_NAMES  # the contract's her2_category values, in summary order
ANNOTATION_COLUMNS = (
    "ihc_score",
    "ihc_zero_subtype",
    "ish_group",
    "her2_status",
    "her2_category",
    "her2_low",
    "her2_ultralow",
    "review_required",
    "review_reasons",
    "explanation",
    "rule_set",
)
EXTRA_COLUMNS = ("hr_positive",)

SINGLE_SCORE = {1: "0", 2: "1+", 4: "2+", 8: "3+"}  # IHC mask -> score

# an unmapped HER2 column's value that is a HER2 result the call did not see (pipeline._unread_her2)
UNREAD_VALUE = -2


@dataclass(frozen=True)
class Decision:
    """The per-row outcome of one rule set, before it is merged with the other sites'."""

    status: np.ndarray
    rule: np.ndarray
    reasons: np.ndarray
    ish_class: np.ndarray


def ihc_slot(mask: np.ndarray, kind: np.ndarray, percent: np.ndarray, ihc3_min_percent: float) -> np.ndarray:
    """The decision table column of each case: its score mask, or a special IHC column."""
    with np.errstate(invalid="ignore"):
        below_min = (mask == score_mask(3)) & (percent <= ihc3_min_percent)
    indeterminate = (kind == IhcKind.INDETERMINATE) & (mask == 0)
    unreadable = kind == IhcKind.UNREADABLE
    return np.select([below_min, indeterminate, unreadable],
                     [SLOT_IHC3_BELOW_MIN, SLOT_IHC_INDETERMINATE, SLOT_IHC_UNREADABLE], default=mask)


def decide(rule_set: RuleSet, facts: IshFacts, slot: np.ndarray) -> Decision:
    """Look every case up in the rule set's compiled decision table.

    An ISH that was reported but that the rule set cannot read takes its own row ("ISH reported
    but not usable"), never the row of no ISH at all.
    """
    table = rule_set.compiled
    ish_class = rule_set.classify_ish(facts)
    ish_class = np.where((ish_class == 0) & facts.reported, rule_set.unusable_class, ish_class).astype(np.int8)
    index = ish_class.astype(np.int64) * N_SLOTS + slot
    return Decision(table.status[index], table.rule[index], table.reasons[index], ish_class)


def zero_subtype(parsed: pd.DataFrame, single_zero: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sub-type of IHC 0 from the text and the stained percentage (section 1, program rule).

    Returns the sub-type and where the percentage contradicts the score or the written sub-type.
    """
    written = parsed["ihc_subtype"].to_numpy()
    percent = parsed["her2_ihc_percent"].to_numpy(dtype=float)
    known = ~np.isnan(percent)
    with np.errstate(invalid="ignore"):
        by_percent = np.select(
            [known & (percent == 0), known & (percent <= ULTRALOW_MAX_PERCENT)],
            [ZeroSubtype.NULL, ZeroSubtype.ULTRALOW],
            default=ZeroSubtype.UNKNOWN,
        )
        conflict = single_zero & (
            (known & (percent > ULTRALOW_MAX_PERCENT))
            | ((written != ZeroSubtype.UNKNOWN) & (by_percent != ZeroSubtype.UNKNOWN) & (written != by_percent))
        )
    subtype = np.where(written != ZeroSubtype.UNKNOWN, written, by_percent)
    subtype = np.where(single_zero & ~conflict, subtype, ZeroSubtype.UNKNOWN)
    return subtype.astype(np.int8), conflict


def classify(
    parsed: pd.DataFrame,
    rule_set_name: str = "asco-cap-2023",
    default_site: int = Site.BREAST,
    explain: bool = True,
    extra_reasons: np.ndarray | None = None,
    overall_summary: np.ndarray | None = None,
    unread_her2: np.ndarray | None = None,
    overall_status: np.ndarray | None = None,
    gastro_elsewhere: np.ndarray | None = None,
) -> pd.DataFrame:
    """The contract's annotation columns for every row of ``parsed`` (same index).

    ``extra_reasons`` are reason bitmasks found across rows (duplicates); ``overall_summary`` is
    NAACCR 3855 per row (1 positive, 0 negative or equivocal, -1 not given); ``unread_her2`` marks
    rows with a value in an unmapped HER2 column (review when nothing else was read);
    ``overall_status`` what that value states (a status, compared with the call; UNREAD_VALUE data
    the call did not see, always reviewed; -1 nothing);
    ``gastro_elsewhere`` rows whose other columns name a gastroesophageal site (review when the
    site is blank); ``explain=False``
    leaves the explanation empty, for measuring the decision alone.
    """
    n = len(parsed)
    facts = ish_facts(parsed)
    mask = parsed["ihc_mask"].to_numpy().astype(np.int64)
    kind = parsed["ihc_kind"].to_numpy()
    percent = parsed["her2_ihc_percent"].to_numpy(dtype=float)
    site = parsed["site"].to_numpy()

    # The tumour site chooses the rule set (section 6); each case is looked up in its own.
    rule_sets, which = choose(site, Site(default_site), rule_set_name)
    status = np.zeros(n, dtype=np.int8)
    rule = np.zeros(n, dtype=np.int16)
    reasons = np.zeros(n, dtype=np.int64)
    ish_class = np.zeros(n, dtype=np.int8)
    slot = mask.copy()
    unusable = np.zeros(n, dtype=bool)
    for i, rule_set in enumerate(rule_sets):
        rows = which == i
        if not rows.any():
            continue
        its_slot = ihc_slot(mask, kind, percent, rule_set.ihc3_min_percent)
        decision = decide(rule_set, facts, its_slot)
        if rows.all():  # the common case: one rule set for the whole chunk
            status, rule, reasons, ish_class, slot = (
                decision.status, decision.rule, decision.reasons, decision.ish_class, its_slot)
        else:
            status = np.where(rows, decision.status, status)
            rule = np.where(rows, decision.rule, rule)
            reasons = np.where(rows, decision.reasons, reasons)
            ish_class = np.where(rows, decision.ish_class, ish_class)
            slot = np.where(rows, its_slot, slot)
        unusable |= rows & (decision.ish_class == rule_set.unusable_class)
    breast_scoring = np.array([r.her2_low_categories for r in rule_sets])[which]
    ish_groups = np.array([r.ish_groups for r in rule_sets])[which]
    ihc3_min_percent = np.array([r.ihc3_min_percent for r in rule_sets])[which]

    # Indeterminate is never negative: with no other result, the status is indeterminate.
    ihc_indeterminate = kind == IhcKind.INDETERMINATE
    ish_indeterminate = facts.text_kind == IshKind.INDETERMINATE
    status = np.where(
        (status == Status.NOT_TESTED) & (ihc_indeterminate | ish_indeterminate), Status.INDETERMINATE, status
    ).astype(np.int8)

    # IHC-0 sub-type (section 1; breast only for the checks).
    subtype, subtype_conflict = zero_subtype(parsed, mask == score_mask(0))
    # An IHC 3+ the rule set reads as equivocal (2007: <=30% of cells) and a negative ISH settled
    # is an IHC 2+/ISH-negative case for the categories (section 5).
    category_mask = np.where((slot == SLOT_IHC3_BELOW_MIN) & (status == Status.NEGATIVE), score_mask(2), mask)
    category = _categories(status, category_mask, subtype, breast_scoring)

    number_kinds = [parsed[f"{c}__kind"].to_numpy()
                    for c in ("ish_ratio", "ish_her2_copies", "ish_cep17_copies", "her2_ihc_percent")]
    reasons = case_reasons(facts, CaseFacts(
        table_reasons=reasons,
        category=category,
        ihc_kind=kind,
        ihc_mask=mask,
        zero_subtype=subtype,
        subtype_conflict=subtype_conflict,
        percent=percent,
        ihc3_min_percent=ihc3_min_percent,
        breast_scoring=breast_scoring,
        no_usable_ish=(ish_class == 0) | unusable,
        site=site,
        number_kinds=number_kinds,
        specimen_kind=parsed["specimen_kind"].to_numpy() if "specimen_kind" in parsed else None,
    ))
    if extra_reasons is not None:
        reasons = reasons | extra_reasons
    if unread_her2 is not None:  # a HER2 column we did not read holds a value, and nothing else was read
        reasons = reasons | np.where(unread_her2 & (status == Status.NOT_TESTED), REASON_BIT["her2_value_not_read"], 0)
    if overall_status is not None:  # ... or states another status than our call ("Positive" beside IHC 1+),
        # or holds data the call did not see (a score, a ratio, another block's result)
        disagrees = ((overall_status >= 0) & (status != overall_status) & (status != Status.NOT_TESTED)) \
            | (overall_status == UNREAD_VALUE)
        reasons = reasons | np.where(disagrees, REASON_BIT["her2_value_not_read"], 0)
    if gastro_elsewhere is not None:  # section 6: the site decides the rule set; a blank one took the default
        reasons = reasons | np.where(gastro_elsewhere & (site == Site.BLANK), REASON_BIT["site_in_other_column"], 0)
    if overall_summary is not None:  # registry item 3855 against our call
        reasons = reasons | registry_conflict(status, overall_summary)

    reason_codes, reason_strings = pd.factorize(reasons)
    reason_text = pd.Categorical.from_codes(
        reason_codes, categories=[";".join(codes_of(int(m))) for m in reason_strings] or [""]
    ) if n else pd.Categorical([], categories=[""])

    group = np.where(
        facts.group > 0,
        facts.group,
        np.where((facts.text_kind == IshKind.GROUP) & ~facts.single, facts.text_group, 0),
    )
    group = np.where(ish_groups, group, 0)  # section 6: no breast groups for gastroesophageal cases
    explanation = pd.Categorical.from_codes(np.zeros(n, np.int8), categories=[""]) if not explain else explanations(
        parsed=parsed,
        facts=facts,
        rule_sets=rule_sets,
        which=which,
        ish_class=ish_class,
        unusable_why=unusable_why(facts, unusable),
        rule=rule,
        category=category,
        subtype=subtype,
        mask=mask,
        site_stated=parsed["site_column"].to_numpy(),
    )
    out = pd.DataFrame(
        {
            "ihc_score": _categorical_lookup(mask, SINGLE_SCORE),
            "ihc_zero_subtype": _categorical_lookup(subtype, {ZeroSubtype.NULL: "null", ZeroSubtype.ULTRALOW: "ultralow"}),
            "ish_group": _categorical_lookup(group, {g: str(g) for g in range(1, 6)}),
            "her2_status": pd.Categorical.from_codes(status, categories=STATUS_NAMES),
            "her2_category": pd.Categorical.from_codes(category, categories=CATEGORY_NAMES),
            "her2_low": category == Category.LOW,
            "her2_ultralow": category == Category.ULTRALOW,
            "review_required": reasons != 0,
            "review_reasons": reason_text,
            "explanation": explanation,
            "rule_set": pd.Categorical.from_codes(which, categories=[r.name for r in rule_sets]),
            "hr_positive": _hr_positive(parsed),
        },
        index=parsed.index,
    )
    return out


def _categories(status: np.ndarray, mask: np.ndarray, subtype: np.ndarray, breast_scoring: np.ndarray) -> np.ndarray:
    """Section 4 categories. A negative call with a possible 2+ implies a negative ISH."""
    negative = status == Status.NEGATIVE
    low_scores_only = (mask != 0) & ((mask & score_mask(0, 3)) == 0)  # only 1+ and/or 2+ possible
    breast_negative = negative & breast_scoring
    zero = mask == score_mask(0)
    return np.select(
        [
            status == Status.POSITIVE,
            status == Status.EQUIVOCAL,
            (status == Status.INDETERMINATE) | (status == Status.NOT_TESTED),
            breast_negative & low_scores_only,
            breast_negative & zero & (subtype == ZeroSubtype.ULTRALOW),
            breast_negative & zero & (subtype == ZeroSubtype.NULL),
            breast_negative & zero,
        ],
        [Category.POSITIVE, Category.EQUIVOCAL, Category.UNKNOWN, Category.LOW, Category.ULTRALOW, Category.NULL,
         Category.ZERO],
        default=Category.NEGATIVE,
    ).astype(np.int8)


def _categorical_lookup(codes: np.ndarray, labels: dict[int, str]) -> pd.Categorical:
    """Codes -> labels, empty (NaN) where a code has no label."""
    categories = list(labels.values())
    index = {code: i for i, code in enumerate(labels)}
    lookup = np.full(max(max(labels), int(codes.max(initial=0))) + 1, -1, dtype=np.int64)
    for code, i in index.items():
        lookup[code] = i
    return pd.Categorical.from_codes(lookup[codes.astype(np.int64)], categories=categories)


def _receptor(parsed: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray]:
    """(>=1%, <1%) per row for ER or PR; a bound such as '<1' or '>90' counts where it decides."""
    value = parsed[column].to_numpy(dtype=float)
    operator = parsed[f"{column}__operator"].to_numpy()
    limit = parsed[f"{column}__bound"].to_numpy(dtype=float)
    less, less_equal, more, more_equal = (BOUND_OPERATORS[o] for o in ("<", "<=", ">", ">="))
    with np.errstate(invalid="ignore"):
        at_least_one = (value >= 1) | (((operator == more) | (operator == more_equal)) & (limit >= 1))
        below_one = (value < 1) | ((operator == less) & (limit <= 1)) | ((operator == less_equal) & (limit < 1))
    return at_least_one, below_one


def _hr_positive(parsed: pd.DataFrame) -> pd.Categorical:
    """ER or PR >=1% (the 2025 T-DXd indication's HR-positive); false only when both are known <1%."""
    er_positive, er_negative = _receptor(parsed, "er_percent")
    pr_positive, pr_negative = _receptor(parsed, "pr_percent")
    codes = np.select([er_positive | pr_positive, er_negative & pr_negative], [0, 1], default=-1)
    return pd.Categorical.from_codes(codes, categories=["true", "false"])

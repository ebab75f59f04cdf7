"""Apply a rule set to the parsed frame: status, category, flags, reasons, explanation.

Every step works on whole columns: table lookups, ``numpy.select`` and per-distinct text pieces.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from her2batch.explain import explanations
from her2batch.ish import IshFacts, ish_facts, text_conflict
from her2batch.reasons import REASON_BIT, codes_of
from her2batch.rules import GASTROESOPHAGEAL, get_rule_set
from her2batch.rules.base import N_MASKS, RuleSet, Status
from her2batch.values import BOUND_OPERATORS, IhcKind, IshKind, NumberKind, Site, ZeroSubtype

CATEGORIES = (
    "HER2-positive",
    "HER2-low",
    "HER2-ultralow",
    "HER2-null",
    "HER2-0",
    "HER2-negative",
    "HER2-equivocal",
    "unknown",
)
POSITIVE, LOW, ULTRALOW, NULL, ZERO, NEGATIVE, EQUIVOCAL, UNKNOWN = range(len(CATEGORIES))
STATUS_NAMES = ("positive", "negative", "equivocal", "indeterminate", "not_tested")
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
ULTRALOW_MAX_PERCENT = 10.0  # section 1: faint incomplete staining in >0% and <=10%


@dataclass(frozen=True)
class Decision:
    """The per-row outcome of one rule set, before it is merged with the other sites'."""

    status: np.ndarray
    rule: np.ndarray
    reasons: np.ndarray
    ish_class: np.ndarray


def decide(rule_set: RuleSet, facts: IshFacts, ihc_mask: np.ndarray) -> Decision:
    """Look every case up in the rule set's compiled decision table."""
    table = rule_set.compiled
    ish_class = rule_set.classify_ish(facts)
    index = ish_class.astype(np.int64) * N_MASKS + ihc_mask
    return Decision(table.status[index], table.rule[index], table.reasons[index], ish_class)


def _bit(code: str, where: np.ndarray) -> np.ndarray:
    return np.where(where, np.int64(REASON_BIT[code]), np.int64(0))


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
) -> pd.DataFrame:
    """The contract's annotation columns for every row of ``parsed`` (same index).

    ``extra_reasons`` are reason bitmasks found across rows (duplicates); ``overall_summary`` is
    NAACCR 3855 per row (1 positive, 0 negative or equivocal, -1 not given); ``explain=False``
    leaves the explanation empty, for measuring the decision alone.
    """
    rule_set = get_rule_set(rule_set_name)
    n = len(parsed)
    facts = ish_facts(parsed)
    mask = parsed["ihc_mask"].to_numpy().astype(np.int64)
    kind = parsed["ihc_kind"].to_numpy()
    site = parsed["site"].to_numpy()
    gastro = (site == Site.GASTROESOPHAGEAL) | (
        np.isin(site, (Site.BLANK, Site.OTHER)) & (default_site == Site.GASTROESOPHAGEAL)
    )

    breast = decide(rule_set, facts, mask)
    status, rule, reasons, ish_class = breast.status, breast.rule, breast.reasons, breast.ish_class
    rule_texts = list(rule_set.compiled.rule_texts)
    if gastro.any():
        other = decide(GASTROESOPHAGEAL, facts, mask)
        offset = len(rule_texts)
        rule_texts += GASTROESOPHAGEAL.compiled.rule_texts
        status = np.where(gastro, other.status, status)
        rule = np.where(gastro, other.rule + offset, rule)
        reasons = np.where(gastro, other.reasons, reasons)
        ish_class = np.where(gastro, other.ish_class, ish_class)

    # Indeterminate is never negative: with no other result, the status is indeterminate.
    ihc_indeterminate = kind == IhcKind.INDETERMINATE
    ish_indeterminate = facts.text_kind == IshKind.INDETERMINATE
    status = np.where(
        (status == Status.NOT_TESTED) & (ihc_indeterminate | ish_indeterminate), Status.INDETERMINATE, status
    ).astype(np.int8)

    # IHC-0 sub-type and the percentage checks (section 1; breast only).
    single_zero = mask == 1
    subtype, subtype_conflict = zero_subtype(parsed, single_zero)
    percent = parsed["her2_ihc_percent"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        scored_low_percent = np.isin(mask, (2, 4, 8)) & (percent <= ULTRALOW_MAX_PERCENT)
        weak_three = (mask == 8) & (percent <= rule_set.ihc3_min_percent)
    percent_inconsistent = ~gastro & (subtype_conflict | scored_low_percent | weak_three)
    zero_plus_open = (kind == IhcKind.ZERO_PLUS) & (subtype == ZeroSubtype.UNKNOWN)

    category = _categories(status, mask, subtype, gastro, rule_set)
    no_usable_ish = ish_class == 0
    number_kinds = [parsed[f"{c}__kind"].to_numpy() for c in ("ish_ratio", "ish_her2_copies", "ish_cep17_copies", "her2_ihc_percent")]
    bound_only = np.logical_or.reduce([k == NumberKind.RANGE for k in number_kinds])
    number_pending = np.logical_or.reduce([k == NumberKind.PENDING for k in number_kinds])
    score_unknown_mask = (mask == 3) | (kind == IhcKind.NEGATIVE_UNSCORED)

    reasons = (
        reasons
        | _bit("indeterminate_result", ihc_indeterminate | (ish_indeterminate & no_usable_ish))
        | _bit("result_pending", (kind == IhcKind.PENDING) | (facts.text_kind == IshKind.PENDING) | number_pending)
        | _bit("ihc_score_unknown", ~gastro & (score_unknown_mask | (category == NEGATIVE)))
        | _bit("ihc_ambiguous", (kind == IhcKind.AMBIGUOUS) & ~score_unknown_mask)
        | _bit("ihc_unreadable", kind == IhcKind.UNREADABLE)
        | _bit("ihc_zero_plus", zero_plus_open & ~gastro)
        | _bit("ihc_percent_inconsistent", percent_inconsistent)
        | _bit("ish_unreadable", facts.text_kind == IshKind.UNREADABLE)
        | _bit("ish_incomplete", facts.numbers_present & no_usable_ish)
        | _bit("ish_text_conflict", text_conflict(facts))
        | _bit("ratio_inconsistent", facts.ratio_inconsistent)
        | _bit("too_few_cells", facts.too_few_cells)
        | _bit("value_range_only", bound_only)
        | _bit("site_unrecognised", site == Site.OTHER)
    )
    if extra_reasons is not None:
        reasons = reasons | extra_reasons
    if overall_summary is not None:  # registry item 3855 against our call
        disagrees = ((overall_summary == 1) & (status != Status.POSITIVE) & (status < Status.INDETERMINATE)) | (
            (overall_summary == 0) & (status == Status.POSITIVE))
        reasons = reasons | _bit("registry_summary_conflict", disagrees)

    reason_codes, reason_strings = pd.factorize(reasons)
    reason_text = pd.Categorical.from_codes(
        reason_codes, categories=[";".join(codes_of(int(m))) for m in reason_strings] or [""]
    ) if n else pd.Categorical([], categories=[""])

    group = np.where(
        facts.group > 0,
        facts.group,
        np.where((facts.text_kind == IshKind.GROUP) & ~facts.single, facts.text_group, 0),
    )
    explanation = pd.Categorical.from_codes(np.zeros(n, np.int8), categories=[""]) if not explain else explanations(
        parsed=parsed,
        facts=facts,
        rule_set=rule_set,
        gastro=gastro,
        ish_class=ish_class,
        rule=rule,
        rule_texts=rule_texts,
        category=category,
        subtype=subtype,
        mask=mask,
        site_stated=parsed["site_column"].to_numpy(),
    )
    out = pd.DataFrame(
        {
            "ihc_score": _categorical_lookup(mask, SINGLE_SCORE),
            "ihc_zero_subtype": _categorical_lookup(subtype, {1: "null", 2: "ultralow"}),
            "ish_group": _categorical_lookup(group, {g: str(g) for g in range(1, 6)}),
            "her2_status": pd.Categorical.from_codes(status, categories=STATUS_NAMES),
            "her2_category": pd.Categorical.from_codes(category, categories=CATEGORIES),
            "her2_low": category == LOW,
            "her2_ultralow": category == ULTRALOW,
            "review_required": reasons != 0,
            "review_reasons": reason_text,
            "explanation": explanation,
            "rule_set": pd.Categorical.from_codes(
                gastro.astype(np.int8), categories=[rule_set.name, GASTROESOPHAGEAL.name]
            ),
            "hr_positive": _hr_positive(parsed),
        },
        index=parsed.index,
    )
    return out


def _categories(
    status: np.ndarray, mask: np.ndarray, subtype: np.ndarray, gastro: np.ndarray, rule_set: RuleSet
) -> np.ndarray:
    """Section 4 categories. A negative call with a possible 2+ implies a negative ISH."""
    negative = status == Status.NEGATIVE
    low_scores_only = (mask != 0) & ((mask & 0b1001) == 0)  # only 1+ and/or 2+ possible
    breast_negative = negative & ~gastro & rule_set.her2_low_categories
    return np.select(
        [
            status == Status.POSITIVE,
            status == Status.EQUIVOCAL,
            (status == Status.INDETERMINATE) | (status == Status.NOT_TESTED),
            breast_negative & low_scores_only,
            breast_negative & (mask == 1) & (subtype == ZeroSubtype.ULTRALOW),
            breast_negative & (mask == 1) & (subtype == ZeroSubtype.NULL),
            breast_negative & (mask == 1),
        ],
        [POSITIVE, EQUIVOCAL, UNKNOWN, LOW, ULTRALOW, NULL, ZERO],
        default=NEGATIVE,
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

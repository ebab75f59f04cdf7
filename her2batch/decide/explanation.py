"""The one-sentence explanation of each call, assembled from per-distinct pieces."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from her2batch.codes import CATEGORY_NAMES, Category, Site
from her2batch.decide import pieces
from her2batch.decide.ish import IshFacts
from her2batch.decide.review import UNUSABLE_WHY
from her2batch.rules.base import RuleSet
from her2batch.understand.values import score_mask

# Words for a category where the IHC mask says more than the category's name.
CATEGORY_WORDS = {
    (Category.LOW, score_mask(1)): "HER2-low (IHC 1+)",
    (Category.LOW, score_mask(2)): "HER2-low (IHC 2+, ISH negative)",
    (Category.LOW, score_mask(1, 2)): "HER2-low (IHC 1+, or 2+ with negative ISH)",
    # ASCO/CAP 2007: IHC 3+ in <=30% of cells is equivocal; a negative ISH makes it 2+/ISH-negative
    (Category.LOW, score_mask(3)): "HER2-low (IHC 3+ in too few cells read as equivocal, ISH negative)",
}
CATEGORY_DEFAULT = {
    **{c: CATEGORY_NAMES[c] for c in Category},
    Category.ULTRALOW: "HER2-ultralow (IHC 0 with faint incomplete staining in <=10% of cells)",
    Category.NULL: "HER2-null (IHC 0 without membrane staining)",
    Category.ZERO: "HER2-0 (IHC 0, null or ultralow not stated)",
    Category.NEGATIVE: "HER2-negative (IHC score not known: 0 or low cannot be told)",
}
NO_LOW_CATEGORIES = "HER2-negative (HER2-low categories do not apply to this site)"
RULE_STRIDE = 1 << 12  # per-rule-set keys: rule set index * stride + rule or ISH class
UNUSABLE = "ISH reported but not usable"


def number(value: float) -> str:
    """A reported number as a person reads it: two decimals unless more were given."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.2f}"
    return text if float(text) == value else repr(float(value))


@functools.lru_cache(maxsize=1 << 16)  # a chunked run meets the same combinations in every chunk
def _ish_text(kind: str, ratio: str, her2: str, cep17: str, written: str, label: str, why: str) -> str:
    if kind == "single":
        described = f"single-probe ISH {her2} HER2 signals/cell" if her2 else ""
    elif kind == "derived":
        described = f"dual-probe ISH ratio {ratio} (HER2 {her2} / CEP17 {cep17})"
    elif kind == "dual":
        parts = [f"ratio {ratio}" if ratio else "", f"{her2} HER2 signals/cell" if her2 else "",
                 f"{cep17} CEP17 signals/cell" if cep17 and not ratio else ""]
        described = "dual-probe ISH " + ", ".join(p for p in parts if p)
    else:
        described = ""
    described = " and ".join(p for p in (described, written) if p)
    if why:
        return f"{described + ': ' if described else ''}{UNUSABLE}: {why}"
    if not described:
        return "no ISH"
    if not label:  # written but pending: nothing to read yet
        return f"{described}, which does not decide the call"
    return f"{described} = {label}"


def explanations(
    *,
    parsed: pd.DataFrame,
    facts: IshFacts,
    rule_sets: Sequence[RuleSet],
    which: np.ndarray,
    ish_class: np.ndarray,
    unusable_why: np.ndarray,
    rule: np.ndarray,
    category: np.ndarray,
    subtype: np.ndarray,
    mask: np.ndarray,
    site_stated: np.ndarray,
) -> pd.Categorical:
    """One sentence per case: site, IHC read, ISH read, the rule that decided, the category."""
    site = parsed["site"].to_numpy()
    low_categories = np.array([r.her2_low_categories for r in rule_sets])[which]
    from_specimen = (parsed["site_from_specimen"].to_numpy() if "site_from_specimen" in parsed
                     else np.zeros(len(site), dtype=bool))
    site_code = np.select(
        [~low_categories & (site == Site.GASTROESOPHAGEAL) & from_specimen,
         ~low_categories & (site == Site.GASTROESOPHAGEAL), site == Site.OTHER, (site == Site.BLANK) & site_stated],
        [4, 1, 2, 3],
        default=0,
    )
    site_piece = pieces.from_table(
        site_code,
        ["", "gastroesophageal site", "site not recognised: run default rules", "site not stated: run default rules",
         "gastroesophageal site (from the specimen type)"],
    )

    percent = pieces.distinct(parsed["her2_ihc_percent"].to_numpy(dtype=float), number)
    reading = pieces.distinct(parsed["ihc_reading"], str)
    ihc_piece = pieces.combine(
        [reading, percent],
        lambda r, p: f"{r}, {p.removesuffix('.00')}% of cells stained" if p else r,
    )

    has_numbers = facts.numbers_present
    number_kind = np.select(
        [has_numbers & facts.single, has_numbers & facts.ratio_derived, has_numbers], [1, 2, 3], default=0
    )
    label_key = which.astype(np.int64) * RULE_STRIDE + ish_class
    ish_piece = pieces.combine(
        [
            pieces.from_table(number_kind, ["", "single", "derived", "dual"]),
            pieces.distinct(facts.ratio, number),
            pieces.distinct(facts.her2, number),
            pieces.distinct(facts.cep17, number),
            pieces.distinct(parsed["ish_text_reading"], str),
            pieces.distinct(label_key, lambda k: _ish_label(rule_sets[k // RULE_STRIDE], k % RULE_STRIDE)),
            pieces.from_table(unusable_why, UNUSABLE_WHY),
        ],
        _ish_text,
    )

    rule_key = which.astype(np.int64) * RULE_STRIDE + rule
    rule_piece = pieces.distinct(rule_key, lambda k: _rule_text(rule_sets[k // RULE_STRIDE], k % RULE_STRIDE))

    key = (category.astype(np.int64) * RULE_STRIDE + mask) * len(rule_sets) + which
    category_piece = pieces.distinct(key, lambda k: _category_text(int(k), rule_sets))

    combined = pieces.combine(
        [site_piece, ihc_piece, ish_piece, rule_piece, category_piece],
        _sentence,
    )
    return combined.categorical()


@functools.lru_cache(maxsize=1 << 16)
def _sentence(*parts: str) -> str:
    return "; ".join(p for p in parts if p) + "."


def _ish_label(rule_set: RuleSet, ish_class: int) -> str:
    return rule_set.ish_labels[ish_class] if ish_class else ""


def _rule_text(rule_set: RuleSet, rule: int) -> str:
    return f"{rule_set.title}: {rule_set.compiled.rule_texts[rule]}"


def _category_text(key: int, rule_sets: Sequence[RuleSet]) -> str:
    rest, which = divmod(key, len(rule_sets))
    category, mask = divmod(rest, RULE_STRIDE)
    rule_set = rule_sets[which]
    if not rule_set.her2_low_categories and category == Category.NEGATIVE:
        return NO_LOW_CATEGORIES
    text = CATEGORY_WORDS.get((category, mask), CATEGORY_DEFAULT[category])
    if category == Category.LOW and rule_set.report_comment:
        text += f"; {rule_set.report_comment}"
    return text

"""The one-sentence explanation of each call, assembled from per-distinct pieces."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from her2batch import pieces
from her2batch.ish import IshFacts
from her2batch.rules import GASTROESOPHAGEAL
from her2batch.rules.base import RuleSet
from her2batch.values import Site

CATEGORY_WORDS = {
    # (category index, IHC mask) -> words; see classify.CATEGORIES for the order
    (1, 2): "HER2-low (IHC 1+)",
    (1, 4): "HER2-low (IHC 2+, ISH negative)",
    (1, 6): "HER2-low (IHC 1+, or 2+ with negative ISH)",
}
CATEGORY_DEFAULT = (
    "HER2-positive",
    "HER2-low",
    "HER2-ultralow (IHC 0 with faint incomplete staining in <=10% of cells)",
    "HER2-null (IHC 0 without membrane staining)",
    "HER2-0 (IHC 0, null or ultralow not stated)",
    "HER2-negative (IHC score not known: 0 or low cannot be told)",
    "HER2-equivocal",
    "unknown",
)


def number(value: float) -> str:
    """A reported number as a person reads it: two decimals unless more were given."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{value:.2f}"
    return text if float(text) == value else repr(float(value))


def _ish_text(kind: str, ratio: str, her2: str, cep17: str, written: str, label: str) -> str:
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
    if not described:
        return "no ISH"
    if label == "no usable ISH":
        return f"{described}, which does not decide the call"
    return f"{described} = {label}"


def explanations(
    *,
    parsed: pd.DataFrame,
    facts: IshFacts,
    rule_set: RuleSet,
    gastro: np.ndarray,
    ish_class: np.ndarray,
    rule: np.ndarray,
    rule_texts: list[str],
    category: np.ndarray,
    subtype: np.ndarray,
    mask: np.ndarray,
    site_stated: np.ndarray,
) -> pd.Categorical:
    site = parsed["site"].to_numpy()
    site_code = np.select(
        [gastro & (site == Site.GASTROESOPHAGEAL), site == Site.OTHER, (site == Site.BLANK) & site_stated],
        [1, 2, 3],
        default=0,
    )
    site_piece = pieces.from_table(
        site_code,
        ["", "gastroesophageal site", "site not recognised: run default rules", "site not stated: run default rules"],
    )

    percent = pieces.distinct(parsed["her2_ihc_percent"].to_numpy(dtype=float), number)
    reading = pieces.distinct(parsed["ihc_reading"].to_numpy(dtype=object), str)
    ihc_piece = pieces.combine(
        [reading, percent],
        lambda r, p: f"{r}, {p.removesuffix('.00')}% of cells stained" if p else r,
    )

    has_numbers = facts.numbers_present
    number_kind = np.select(
        [has_numbers & facts.single, has_numbers & facts.ratio_derived, has_numbers], [1, 2, 3], default=0
    )
    ish_labels = list(rule_set.ish_labels) + list(GASTROESOPHAGEAL.ish_labels)
    label_code = np.where(gastro, ish_class + len(rule_set.ish_labels), ish_class)
    ish_piece = pieces.combine(
        [
            pieces.from_table(number_kind, ["", "single", "derived", "dual"]),
            pieces.distinct(facts.ratio, number),
            pieces.distinct(facts.her2, number),
            pieces.distinct(facts.cep17, number),
            pieces.distinct(parsed["ish_text_reading"].to_numpy(dtype=object), str),
            pieces.from_table(label_code, ish_labels),
        ],
        _ish_text,
    )

    titles = [rule_set.title] * len(rule_set.compiled.rule_texts)
    titles += [GASTROESOPHAGEAL.title] * (len(rule_texts) - len(titles))
    rule_piece = pieces.from_table(rule, [f"{t}: {text}" for t, text in zip(titles, rule_texts, strict=True)])

    key = (category.astype(np.int64) * 16 + mask) * 2 + gastro
    category_piece = pieces.distinct(key, lambda k: _category_text(int(k), rule_set))

    combined = pieces.combine(
        [site_piece, ihc_piece, ish_piece, rule_piece, category_piece],
        lambda *parts: "; ".join(p for p in parts if p) + ".",
    )
    return combined.categorical()


def _category_text(key: int, rule_set: RuleSet) -> str:
    gastro, rest = key % 2, key // 2
    category, mask = divmod(rest, 16)
    if gastro and category == 5:
        return "HER2-negative (HER2-low categories do not apply to this site)"
    text = CATEGORY_WORDS.get((category, mask), CATEGORY_DEFAULT[category])
    if category == 1 and rule_set.report_comment:
        text += f"; {rule_set.report_comment}"
    return text

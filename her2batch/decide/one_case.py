"""One case through the same pipeline as a batch, with the reasoning laid out step by step."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from her2batch.codes import Site
from her2batch.decide.classify import ANNOTATION_COLUMNS, EXTRA_COLUMNS, classify
from her2batch.decide.explanation import UNUSABLE, number
from her2batch.decide.ish import MIN_CELLS, IshFacts, ish_facts
from her2batch.decide.reasons import REASONS
from her2batch.decide.review import UNUSABLE_WHY, unusable_why
from her2batch.rules import applicable
from her2batch.rules.base import RuleSet
from her2batch.understand.fields import parse_fields
from her2batch.validate import reject_reasons

CASE_ID = "explain"  # the one case needs an id only to pass the run's validation


class Refused(ValueError):
    """A value a run would reject (the row would go to rejects.csv): the run's reason, word for word."""


def classify_one(values: Mapping[str, str | None], rule_set_name: str) -> tuple[dict[str, Any], list[str]]:
    """Annotations of one case (the contract's columns) and the steps that led to them.

    Values are validated exactly as ``run`` validates a row; :class:`Refused` carries the reason.
    """
    row = {"case_id": CASE_ID, **{k: v if v is not None else "" for k, v in values.items()}}
    raw = pd.DataFrame({k: [v] for k, v in row.items()}, dtype="string")
    parsed = parse_fields(raw)
    rejected = reject_reasons(raw, parsed).iloc[0]
    if rejected:
        raise Refused(rejected)
    out = classify(parsed, rule_set_name)
    record = {c: _plain(out[c].iloc[0]) for c in (*ANNOTATION_COLUMNS, *EXTRA_COLUMNS)}
    facts = ish_facts(parsed)
    rule_set = {r.name: r for r in applicable(rule_set_name)}[record["rule_set"]]

    steps = [f"Rule set: {rule_set.title} ({rule_set.citation})."]
    site = parsed["site"].iloc[0]
    if site == Site.OTHER:
        steps.append("Tumour site not recognised: the run's default (breast) rules apply.")
    elif not rule_set.her2_low_categories:
        steps.append(f"Tumour site is gastroesophageal: {rule_set.title} rules; no ISH group, no HER2-low categories.")
    steps.append(f"IHC read as: {parsed['ihc_reading'].iloc[0]}.")
    percent = parsed["her2_ihc_percent"].iloc[0]
    if not np.isnan(percent):
        steps.append(f"Stained cells: {number(percent)}% (used for the IHC 0 sub-type and the consistency check; "
                     f"IHC 3+ needs >{rule_set.ihc3_min_percent:.0f}% under {rule_set.title}).")
    steps.append(_ish_step(facts, parsed, rule_set))
    steps.append(f"Decision: {record['her2_status']}. {record['explanation']}")
    steps.append(f"Category: {record['her2_category']}; HER2-low {record['her2_low']}, HER2-ultralow {record['her2_ultralow']}.")
    if record["review_reasons"]:
        for code in str(record["review_reasons"]).split(";"):
            steps.append(f"Review: {code} - {REASONS[code].title}: {REASONS[code].meaning}")
    else:
        steps.append("Review: none needed.")
    return record, steps


def _ish_step(facts: IshFacts, parsed: pd.DataFrame, rule_set: RuleSet) -> str:
    """What ISH was read as, against the thresholds of the rule set applied."""
    ratio, her2, cep17, cells = facts.ratio[0], facts.her2[0], facts.cep17[0], facts.cells[0]
    ish_class = int(rule_set.classify_ish(facts)[0])
    written = parsed["ish_text_reading"].iloc[0]
    if not facts.reported[0]:
        return f"ISH: {written}; nothing to read yet." if written else "ISH: none reported."
    if ish_class:
        label = rule_set.ish_labels[ish_class]
    else:
        label = f"{UNUSABLE}: {UNUSABLE_WHY[int(unusable_why(facts, np.ones(1, dtype=bool))[0])]}"
    thresholds = rule_set.thresholds
    if facts.single[0]:
        read = f"single-probe, {number(her2)} HER2 signals/cell (thresholds: {thresholds.single_text()})"
    else:
        source = "HER2/CEP17, derived" if facts.ratio_derived[0] else "as reported"
        read = (
            f"dual-probe, ratio {number(ratio) or 'not given'} ({source}), HER2 {number(her2) or 'not given'}"
            f" signals/cell, CEP17 {number(cep17) or 'not given'}; thresholds: {thresholds.dual_text()}"
        )
    if not np.isnan(cells):
        read += f"; {number(cells).removesuffix('.00')} cells counted (minimum {MIN_CELLS})"
    if written:
        read += f"; written result: {written}"
    return f"ISH: {read} -> {label}."


def _plain(value: Any) -> Any:
    if isinstance(value, np.bool_ | bool):
        return "true" if value else "false"
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return ""
    return str(value)

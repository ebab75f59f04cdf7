"""The registry of rule sets (one module per guideline)."""

from __future__ import annotations

from her2batch.rules import asco_cap_2007, asco_cap_2013, asco_cap_2018, asco_cap_2023, gastroesophageal
from her2batch.rules.base import STATUS_NAMES, RuleSet, Status

DEFAULT_RULE_SET = "asco-cap-2023"

BREAST_RULE_SETS: dict[str, RuleSet] = {
    r.name: r
    for r in (
        asco_cap_2023.RULE_SET,
        asco_cap_2018.RULE_SET,
        asco_cap_2013.RULE_SET,
        asco_cap_2007.RULE_SET,
    )
}
GASTROESOPHAGEAL = gastroesophageal.RULE_SET


def get_rule_set(name: str) -> RuleSet:
    """The breast rule set of that name; KeyError lists the valid names."""
    try:
        return BREAST_RULE_SETS[name]
    except KeyError:
        raise KeyError(f"unknown rule set {name!r}; choose one of {', '.join(BREAST_RULE_SETS)}") from None


__all__ = ["BREAST_RULE_SETS", "DEFAULT_RULE_SET", "GASTROESOPHAGEAL", "STATUS_NAMES", "RuleSet", "Status", "get_rule_set"]

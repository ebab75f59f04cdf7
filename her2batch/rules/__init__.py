"""The registry of rule sets (one module per guideline) and which one each tumour site follows."""

from __future__ import annotations

import numpy as np

from her2batch.codes import DEFAULT_RULE_SET, STATUS_NAMES, Site, Status
from her2batch.rules import asco_cap_2007, asco_cap_2013, asco_cap_2018, asco_cap_2023, gastroesophageal
from her2batch.rules.base import RuleSet

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

# Site -> rule set (her2-rules.md section 6: the tumour site chooses). None = the run's breast rule set.
# A blank or unrecognised site follows the run's default site.
SITE_RULE_SETS: dict[Site, RuleSet | None] = {
    Site.BREAST: None,
    Site.GASTROESOPHAGEAL: GASTROESOPHAGEAL,
}


def get_rule_set(name: str) -> RuleSet:
    """The breast rule set of that name; KeyError lists the valid names."""
    try:
        return BREAST_RULE_SETS[name]
    except KeyError:
        raise KeyError(f"unknown rule set {name!r}; choose one of {', '.join(BREAST_RULE_SETS)}") from None


def applicable(name: str) -> tuple[RuleSet, ...]:
    """Every rule set a run with breast rule set ``name`` may apply, in SITE_RULE_SETS order."""
    breast = get_rule_set(name)
    by_name = {(r or breast).name: r or breast for r in SITE_RULE_SETS.values()}
    return tuple(by_name.values())


def choose(site: np.ndarray, default_site: Site, name: str) -> tuple[tuple[RuleSet, ...], np.ndarray]:
    """The applicable rule sets and, per row, the index of the one its site follows."""
    rule_sets = applicable(name)
    names = [r.name for r in rule_sets]
    lookup = np.full(max(Site) + 1, -1, dtype=np.int8)
    for known, rule_set in SITE_RULE_SETS.items():
        lookup[known] = names.index(rule_set.name if rule_set else name)
    lookup[lookup < 0] = lookup[default_site]  # blank and unrecognised sites follow the default
    return rule_sets, lookup[np.asarray(site, dtype=np.int64)]


__all__ = [
    "BREAST_RULE_SETS",
    "DEFAULT_RULE_SET",
    "GASTROESOPHAGEAL",
    "SITE_RULE_SETS",
    "STATUS_NAMES",
    "RuleSet",
    "Status",
    "applicable",
    "choose",
    "get_rule_set",
]

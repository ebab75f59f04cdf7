"""The shared vocabulary (codes.py), rule sets' own thresholds, and the site -> rule set table."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from her2batch import codes, rules
from her2batch.codes import CATEGORY_NAMES, STATUS_NAMES, Category, Site, Status
from her2batch.decide import classify
from her2batch.decide.ish import ish_facts
from her2batch.rules import BREAST_RULE_SETS, GASTROESOPHAGEAL, SITE_RULE_SETS, choose
from her2batch.understand.fields import parse_fields


def test_status_and_category_names_are_defined_once():
    assert [s.name.lower() for s in Status] == list(STATUS_NAMES)
    assert [CATEGORY_NAMES[c] for c in Category] == list(CATEGORY_NAMES)
    assert CATEGORY_NAMES[Category.LOW] == "HER2-low" and CATEGORY_NAMES[Category.UNKNOWN] == "unknown"
    assert classify.STATUS_NAMES is codes.STATUS_NAMES and rules.STATUS_NAMES is codes.STATUS_NAMES
    assert classify.CATEGORIES is codes.CATEGORY_NAMES


@pytest.mark.parametrize("default_site", [Site.BREAST, Site.GASTROESOPHAGEAL])
@pytest.mark.parametrize("name", list(BREAST_RULE_SETS))
def test_site_chooses_the_rule_set(name, default_site):
    sites = np.array([Site.BLANK, Site.BREAST, Site.GASTROESOPHAGEAL, Site.OTHER], dtype=np.int8)
    rule_sets, which = choose(sites, default_site, name)
    chosen = [rule_sets[i].name for i in which]
    default = GASTROESOPHAGEAL.name if default_site == Site.GASTROESOPHAGEAL else name
    assert chosen == [default, name, GASTROESOPHAGEAL.name, default]
    assert SITE_RULE_SETS[Site.GASTROESOPHAGEAL] is GASTROESOPHAGEAL


def _ish_class(rule_set, **numbers: str) -> int:
    parsed = parse_fields(pd.DataFrame({k: [v] for k, v in numbers.items()}, dtype="string"))
    return int(rule_set.classify_ish(ish_facts(parsed))[0])


ALL_RULE_SETS = [*BREAST_RULE_SETS.values(), GASTROESOPHAGEAL]


@pytest.mark.parametrize("rule_set", ALL_RULE_SETS, ids=lambda r: r.name)
def test_each_ratio_threshold_is_where_the_call_changes(rule_set):
    """The thresholds a rule set carries (and explain prints) are the ones its ISH reading compares."""
    copies = "5.0" if rule_set.thresholds.her2 else None
    for cut in rule_set.thresholds.ratio:
        # 2007 reads >2.2 as positive: the class changes just above that cut, at the others on it.
        below, at, above = (f"{cut - 0.01:.2f}", f"{cut:.2f}", f"{cut + 0.01:.2f}")
        extra = {"ish_her2_copies": copies} if copies else {}
        classes = [_ish_class(rule_set, ish_ratio=r, **extra) for r in (below, at, above)]
        assert classes[0] != classes[2], (rule_set.name, cut, classes)


@pytest.mark.parametrize("rule_set", [r for r in ALL_RULE_SETS if r.thresholds.single], ids=lambda r: r.name)
def test_each_single_probe_threshold_is_where_the_call_changes(rule_set):
    for cut in rule_set.thresholds.single:
        below, above = (_ish_class(rule_set, ish_her2_copies=f"{cut + d:.2f}", ish_probe="single") for d in (-0.01, 0.01))
        assert below != above, (rule_set.name, cut)


@pytest.mark.parametrize("rule_set", ALL_RULE_SETS, ids=lambda r: r.name)
def test_every_rule_set_has_a_row_for_an_unusable_ish(rule_set):
    assert rule_set.ish_labels[rule_set.unusable_class] == "ISH reported but not usable"
    assert rule_set.unusable_class in rule_set.table


def test_thresholds_as_printed():
    printed = {r.name: (r.thresholds.dual_text(), r.thresholds.single_text()) for r in ALL_RULE_SETS}
    assert printed["asco-cap-2023"] == ("ratio 2.0, HER2 4.0 and 6.0", "HER2 4.0 and 6.0 signals/cell")
    assert printed["asco-cap-2013"] == ("ratio 2.0, HER2 4.0 and 6.0", "HER2 4.0 and 6.0 signals/cell")
    assert printed["asco-cap-2007"] == ("ratio 1.8 and 2.2 (HER2 signals/cell not used)",
                                        "HER2 4.0 and 6.0 signals/cell")
    assert printed[GASTROESOPHAGEAL.name] == ("ratio 2.0 (HER2 signals/cell not used)", "single-probe ISH is not read")
    assert BREAST_RULE_SETS["asco-cap-2007"].ihc3_min_percent == 30.0
    assert BREAST_RULE_SETS["asco-cap-2018"].ihc3_min_percent == 10.0

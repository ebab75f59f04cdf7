"""Gastroesophageal adenocarcinoma: Bartley et al., CAP/ASCP/ASCO, Arch Pathol Lab Med
2016;140:1345-63 (her2-rules.md section 6). ISH positive at HER2/CEP17 ratio >=2.0; the breast
groups and the HER2-low/ultralow categories do not apply: ``ish_group`` stays empty and a negative
case is HER2-negative (meaning "negative, low/ultralow not applicable", not "score unknown").
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from her2batch.codes import IshKind
from her2batch.decide.ish import IshFacts
from her2batch.rules.base import (
    RuleSet,
    Thresholds,
    equivocal,
    indeterminate,
    negative,
    not_tested,
    positive,
    row,
)

RATIO = 2.0  # ISH positive at ratio >=2.0
THRESHOLDS = Thresholds(ratio=(RATIO,), her2=(), single=())


class Ish(IntEnum):
    NONE = 0
    POSITIVE = 1
    NEGATIVE = 2
    EQUIVOCAL = 3
    UNUSABLE = 4  # reported, but nothing here decides (single probe, a bound, no ratio)


def classify_ish(facts: IshFacts) -> np.ndarray:
    ratio, kind, group = facts.ratio, facts.text_kind, facts.text_group
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                ratio >= RATIO,
                ratio < RATIO,
                (kind == IshKind.AMPLIFIED) | ((kind == IshKind.GROUP) & (group <= 2)),
                (kind == IshKind.NOT_AMPLIFIED) | ((kind == IshKind.GROUP) & (group >= 3)),
                kind == IshKind.EQUIVOCAL,
            ],
            [Ish.POSITIVE, Ish.NEGATIVE, Ish.POSITIVE, Ish.NEGATIVE, Ish.EQUIVOCAL],
            default=Ish.NONE,
        ).astype(np.int8)


DISCORDANT = "discordant_ihc_ish"
_POS_IHC3 = positive("IHC 3+ makes the case positive")
_NEG = negative("IHC 0/1+ is negative")

TABLE = {
    Ish.POSITIVE: row(
        positive("ratio >=2.0 makes the case positive despite IHC 0/1+ (discordant)", DISCORDANT),
        positive("ratio >=2.0 makes the case positive despite IHC 0/1+ (discordant)", DISCORDANT),
        positive("IHC 2+ with ratio >=2.0 is positive"),
        _POS_IHC3,
        positive("ratio >=2.0 is positive"),
    ),
    Ish.NEGATIVE: row(
        _NEG, _NEG,
        negative("IHC 2+ with ratio <2.0 is negative"),
        positive("IHC 3+ makes the case positive despite ratio <2.0 (discordant)", DISCORDANT),
        negative("ratio <2.0 is negative"),
    ),
    Ish.EQUIVOCAL: row(
        _NEG, _NEG,
        equivocal("IHC 2+ with equivocal ISH stays equivocal", "ish_equivocal"),
        _POS_IHC3,
        equivocal("equivocal ISH without IHC stays equivocal", "ish_equivocal"),
    ),
    Ish.NONE: row(
        _NEG, _NEG,
        equivocal("IHC 2+ is equivocal: ISH pending", "ish_needed"),
        _POS_IHC3,
        not_tested("neither IHC nor ISH was reported"),
        ihc_indeterminate=indeterminate("IHC indeterminate and no ISH: no call"),
    ),
    Ish.UNUSABLE: row(
        _NEG, _NEG,
        equivocal("IHC 2+ is equivocal: ISH reported but not usable", "ish_not_usable"),
        _POS_IHC3,
        not_tested("no IHC, and the ISH reported is not usable: no call"),
        ihc_indeterminate=indeterminate("IHC indeterminate and the ISH reported is not usable: no call"),
    ),
}

RULE_SET = RuleSet(
    name="cap-ascp-asco-2016-gea",
    title="CAP/ASCP/ASCO 2016 gastroesophageal",
    summary="Applied automatically to gastroesophageal sites: ISH positive at ratio >=2.0. The breast ISH groups "
            "and HER2-low/ultralow categories do not apply: ish_group stays empty, and a negative case is "
            "HER2-negative (negative; low/ultralow not applicable, not 'score unknown').",
    citation="Bartley et al., Arch Pathol Lab Med 2016;140:1345-63",
    ish_labels=("no ISH", "ISH positive (ratio >=2.0)", "ISH negative (ratio <2.0)", "ISH equivocal (text only)",
                "ISH reported but not usable"),
    table=TABLE,
    classify_ish=classify_ish,
    thresholds=THRESHOLDS,
    unusable_class=Ish.UNUSABLE,
    her2_low_categories=False,
    ish_groups=False,
)

"""Gastroesophageal adenocarcinoma: Bartley et al., CAP/ASCP/ASCO, Arch Pathol Lab Med
2016;140:1345-63 (her2-rules.md section 6). ISH positive at HER2/CEP17 ratio >=2.0; the breast
groups and the HER2-low/ultralow categories do not apply.
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from her2batch.ish import IshFacts
from her2batch.rules.base import RuleSet, equivocal, negative, not_tested, positive, row
from her2batch.values import IshKind


class Ish(IntEnum):
    NONE = 0
    POSITIVE = 1
    NEGATIVE = 2
    EQUIVOCAL = 3


def classify_ish(facts: IshFacts) -> np.ndarray:
    ratio, kind, group = facts.ratio, facts.text_kind, facts.text_group
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                ratio >= 2.0,
                ratio < 2.0,
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
    ),
}

RULE_SET = RuleSet(
    name="cap-ascp-asco-2016-gea",
    title="CAP/ASCP/ASCO 2016 gastroesophageal",
    summary="Applied automatically to gastroesophageal sites: ISH positive at ratio >=2.0; no HER2-low categories.",
    citation="Bartley et al., Arch Pathol Lab Med 2016;140:1345-63",
    ish_labels=("no usable ISH", "ISH positive (ratio >=2.0)", "ISH negative (ratio <2.0)", "ISH equivocal (text only)"),
    table=TABLE,
    classify_ish=classify_ish,
    ish_negative=frozenset({Ish.NEGATIVE}),
    her2_low_categories=False,
)

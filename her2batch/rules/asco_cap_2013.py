"""ASCO/CAP 2013 (Wolff et al., J Clin Oncol 2013;31:3997-4013): her2-rules.md section 5.

Dual-probe ISH is positive at ratio >=2.0 (any copy number) or HER2 >=6.0, equivocal at ratio <2.0
with HER2 >=4.0 and <6.0, negative below; a valid positive by either test makes the case positive.
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

RATIO = 2.0  # dual probe: positive at ratio >=2.0 ...
HER2_LOW, HER2_HIGH = 4.0, 6.0  # ... or HER2 >=6.0; equivocal 4.0-<6.0 (also the single-probe cut-offs)
THRESHOLDS = Thresholds(ratio=(RATIO,), her2=(HER2_LOW, HER2_HIGH), single=(HER2_LOW, HER2_HIGH))


class Ish(IntEnum):
    NONE = 0
    POSITIVE = 1
    EQUIVOCAL = 2
    NEGATIVE = 3
    UNUSABLE = 4  # reported, but nothing here decides


LABELS = ("no ISH", "ISH positive", "ISH equivocal", "ISH negative", "ISH reported but not usable")


def classify_ish(facts: IshFacts) -> np.ndarray:
    ratio, her2, single, kind, group = facts.ratio, facts.her2, facts.single, facts.text_kind, facts.text_group
    dual = ~single
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                dual & ((ratio >= RATIO) | (her2 >= HER2_HIGH)),
                dual & (ratio < RATIO) & (her2 >= HER2_LOW),
                dual & (ratio < RATIO) & (her2 < HER2_LOW),
                single & (her2 >= HER2_HIGH),
                single & (her2 >= HER2_LOW),
                single & (her2 < HER2_LOW),
                # written results: 2018 groups 1-3 are 2013-positive, 4 equivocal, 5 negative
                (kind == IshKind.AMPLIFIED) | ((kind == IshKind.GROUP) & (group <= 3)),
                (kind == IshKind.EQUIVOCAL) | ((kind == IshKind.GROUP) & (group == 4)),
                (kind == IshKind.NOT_AMPLIFIED) | ((kind == IshKind.GROUP) & (group == 5)),
            ],
            [Ish.POSITIVE, Ish.EQUIVOCAL, Ish.NEGATIVE] * 3,
            default=Ish.NONE,
        ).astype(np.int8)


DISCORDANT = "discordant_ihc_ish"
_POS_ISH = positive("a positive ISH makes the case positive")
_POS_ISH_DISCORDANT = positive("a positive ISH makes the case positive despite IHC 0/1+ (discordant)", DISCORDANT)
_POS_IHC3 = positive("IHC 3+ makes the case positive")
_NEG = negative("IHC 0/1+ is negative")

# Either valid positive test makes the case positive; columns IHC 0, 1+, 2+, 3+, no IHC.
TABLE = {
    Ish.POSITIVE: row(_POS_ISH_DISCORDANT, _POS_ISH_DISCORDANT, _POS_ISH, _POS_ISH, _POS_ISH),
    Ish.EQUIVOCAL: row(
        negative("IHC 0/1+ with equivocal ISH is negative", "ish_equivocal"),
        negative("IHC 0/1+ with equivocal ISH is negative", "ish_equivocal"),
        equivocal("IHC 2+ with equivocal ISH stays equivocal: new test", "ish_equivocal"),
        _POS_IHC3,
        equivocal("equivocal ISH without IHC stays equivocal", "ish_equivocal", "ihc_needed"),
    ),
    Ish.NEGATIVE: row(
        _NEG, _NEG,
        negative("a negative ISH settles IHC 2+ as negative"),
        positive("IHC 3+ makes the case positive despite a negative ISH (discordant)", DISCORDANT),
        negative("negative ISH is negative"),
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
    name="asco-cap-2013",
    title="ASCO/CAP 2013",
    summary="ISH positive at ratio >=2.0 or HER2 >=6.0; ratio <2.0 with HER2 4.0-<6.0 is equivocal.",
    citation="Wolff et al., J Clin Oncol 2013;31:3997-4013",
    ish_labels=LABELS,
    table=TABLE,
    classify_ish=classify_ish,
    thresholds=THRESHOLDS,
    unusable_class=Ish.UNUSABLE,
)

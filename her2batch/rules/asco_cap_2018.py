"""ASCO/CAP 2018 (Wolff et al., J Clin Oncol 2018;36:2105-22): her2-rules.md sections 1-3."""

from __future__ import annotations

from enum import IntEnum

import numpy as np

from her2batch.codes import IshKind
from her2batch.decide.ish import GROUP_HER2_HIGH, GROUP_HER2_LOW, GROUP_RATIO, IshFacts
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

# Section 2: groups by ratio 2.0 and HER2 4.0/6.0 (ish.dual_probe_group); single probe 4.0/6.0.
SINGLE_LOW, SINGLE_HIGH = GROUP_HER2_LOW, GROUP_HER2_HIGH
THRESHOLDS = Thresholds(ratio=(GROUP_RATIO,), her2=(GROUP_HER2_LOW, GROUP_HER2_HIGH), single=(SINGLE_LOW, SINGLE_HIGH))


class Ish(IntEnum):
    NONE = 0
    GROUP_1 = 1
    GROUP_2 = 2
    GROUP_3 = 3
    GROUP_4 = 4
    GROUP_5 = 5
    SINGLE_HIGH = 6  # single probe >= 6.0 HER2 signals/cell
    SINGLE_MID = 7  # single probe >= 4.0 and < 6.0
    SINGLE_LOW = 8  # single probe < 4.0
    AMPLIFIED = 9  # text only
    NOT_AMPLIFIED = 10  # text only
    EQUIVOCAL = 11  # text only; not a 2018 category (program rule: IHC decides where it can)
    UNUSABLE = 12  # reported, but nothing here decides (a bound, a ratio without HER2 copies, ...)


LABELS = (
    "no ISH",
    "ASCO/CAP group 1 (ratio >=2.0, HER2 >=4.0)",
    "ASCO/CAP group 2 (ratio >=2.0, HER2 <4.0)",
    "ASCO/CAP group 3 (ratio <2.0, HER2 >=6.0)",
    "ASCO/CAP group 4 (ratio <2.0, HER2 >=4.0 and <6.0)",
    "ASCO/CAP group 5 (ratio <2.0, HER2 <4.0)",
    "single-probe >=6.0 signals/cell",
    "single-probe >=4.0 and <6.0 signals/cell",
    "single-probe <4.0 signals/cell",
    "amplified (text only)",
    "not amplified (text only)",
    "equivocal (text only)",
    "ISH reported but not usable",
)


def classify_ish(facts: IshFacts) -> np.ndarray:
    """Section 2 groups from the numbers; the written result only where the numbers do not decide."""
    single, her2, kind = facts.single, facts.her2, facts.text_kind
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                facts.group > 0,
                single & (her2 >= SINGLE_HIGH),
                single & (her2 >= SINGLE_LOW),
                single & (her2 < SINGLE_LOW),
                kind == IshKind.GROUP,
                kind == IshKind.AMPLIFIED,
                kind == IshKind.NOT_AMPLIFIED,
                kind == IshKind.EQUIVOCAL,
            ],
            [
                facts.group,
                Ish.SINGLE_HIGH,
                Ish.SINGLE_MID,
                Ish.SINGLE_LOW,
                facts.text_group,
                Ish.AMPLIFIED,
                Ish.NOT_AMPLIFIED,
                Ish.EQUIVOCAL,
            ],
            default=Ish.NONE,
        ).astype(np.int8)


DISCORDANT = "discordant_ihc_ish"
RECOUNT = "confirm_blinded_recount"

# Section 3: final status by ISH result (rows) and concurrent IHC (columns 0, 1+, 2+, 3+, none).
_POS_DISCORDANT = positive("ISH amplified decides: positive despite IHC 0/1+ (discordant)", DISCORDANT)
_POS_ISH = positive("amplified ISH makes the case positive")
_POS_IHC3 = positive("IHC 3+ makes the case positive")
_POS_IHC3_DISCORDANT = positive("IHC 3+ makes the case positive despite non-amplified ISH (discordant)", DISCORDANT)
_NEG_COMMENT = negative("with IHC 0/1+ the call is negative, with a comment")
_NEG = negative("non-amplified ISH with IHC 0-2+ is negative")
_NEG_IHC = negative("IHC 0/1+ is negative")
_IHC_NEEDED = equivocal("this ISH group is read only with concurrent IHC: IHC needed", "ihc_needed")

TABLE = {
    Ish.GROUP_1: row(_POS_DISCORDANT, _POS_DISCORDANT, _POS_ISH, _POS_ISH, _POS_ISH),
    Ish.GROUP_2: row(_NEG_COMMENT, _NEG_COMMENT,
                     negative("with IHC 2+ the call is negative after a blinded recount", RECOUNT),
                     _POS_IHC3, _IHC_NEEDED),
    Ish.GROUP_3: row(_NEG_COMMENT, _NEG_COMMENT,
                     positive("with IHC 2+ the call is positive after a blinded recount", RECOUNT),
                     _POS_IHC3, _IHC_NEEDED),
    Ish.GROUP_4: row(_NEG_COMMENT, _NEG_COMMENT,
                     negative("with IHC 2+ the call is negative after a blinded recount", RECOUNT),
                     _POS_IHC3, _IHC_NEEDED),
    Ish.GROUP_5: row(_NEG, _NEG, _NEG, _POS_IHC3_DISCORDANT, negative("group 5 is negative")),
    Ish.SINGLE_HIGH: row(_POS_DISCORDANT, _POS_DISCORDANT, _POS_ISH, _POS_ISH, _POS_ISH),
    Ish.SINGLE_MID: row(_NEG_IHC, _NEG_IHC,
                        equivocal("single-probe 4.0-<6.0 with IHC 2+: dual-probe ISH needed", "dual_probe_needed"),
                        _POS_IHC3,
                        equivocal("single-probe 4.0-<6.0 without IHC is equivocal", "ihc_needed")),
    Ish.SINGLE_LOW: row(_NEG, _NEG, _NEG, _POS_IHC3_DISCORDANT, negative("single-probe <4.0 is negative")),
    Ish.AMPLIFIED: row(_POS_DISCORDANT, _POS_DISCORDANT, _POS_ISH, _POS_ISH, _POS_ISH),
    Ish.NOT_AMPLIFIED: row(_NEG, _NEG, _NEG, _POS_IHC3_DISCORDANT, negative("non-amplified ISH is negative")),
    Ish.EQUIVOCAL: row(_NEG_IHC, _NEG_IHC,
                       equivocal("IHC 2+ with equivocal ISH stays equivocal", "ish_equivocal"),
                       _POS_IHC3,
                       equivocal("equivocal ISH without IHC stays equivocal", "ish_equivocal")),
    Ish.NONE: row(_NEG_IHC, _NEG_IHC,
                  equivocal("IHC 2+ is equivocal: ISH pending", "ish_needed"),
                  _POS_IHC3,
                  not_tested("neither IHC nor ISH was reported"),
                  ihc_indeterminate=indeterminate("IHC indeterminate and no ISH: no call")),
    Ish.UNUSABLE: row(_NEG_IHC, _NEG_IHC,
                      equivocal("IHC 2+ is equivocal: ISH reported but not usable", "ish_not_usable"),
                      _POS_IHC3,
                      not_tested("no IHC, and the ISH reported is not usable: no call"),
                      ihc_indeterminate=indeterminate("IHC indeterminate and the ISH reported is not usable: no call")),
}

RULE_SET = RuleSet(
    name="asco-cap-2018",
    title="ASCO/CAP 2018",
    summary="ISH groups 1-5 read with concurrent IHC; same calls as 2023, without the 2023 report comment.",
    citation="Wolff et al., J Clin Oncol 2018;36:2105-22; Arch Pathol Lab Med 2018;142:1364-82",
    ish_labels=LABELS,
    table=TABLE,
    classify_ish=classify_ish,
    thresholds=THRESHOLDS,
    unusable_class=Ish.UNUSABLE,
)

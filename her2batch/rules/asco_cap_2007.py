"""ASCO/CAP 2007 (Wolff et al., J Clin Oncol 2007;25:118-45): her2-rules.md section 5.

Dual-probe ISH is read on the ratio alone: >2.2 positive, 1.8-2.2 equivocal, <1.8 negative; single
probe >6.0 positive, 4.0-6.0 equivocal, <4.0 negative. IHC 3+ needs uniform intense complete
staining in >30% of cells: a 3+ in 30% or fewer is not positive but equivocal, settled by ISH.
Tests combine as in 2013.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from her2batch.codes import IshKind
from her2batch.decide.ish import IshFacts
from her2batch.rules.asco_cap_2013 import RULE_SET as ASCO_CAP_2013
from her2batch.rules.asco_cap_2013 import Ish
from her2batch.rules.base import IHC3_BELOW_MIN, Thresholds, equivocal, negative, positive

RATIO_LOW, RATIO_HIGH = 1.8, 2.2  # <1.8 negative, 1.8-2.2 equivocal, >2.2 positive
SINGLE_LOW, SINGLE_HIGH = 4.0, 6.0  # <4.0 negative, 4.0-6.0 equivocal, >6.0 positive
IHC3_MIN_PERCENT = 30.0  # IHC 3+ needs >30% of cells
THRESHOLDS = Thresholds(ratio=(RATIO_LOW, RATIO_HIGH), her2=(), single=(SINGLE_LOW, SINGLE_HIGH),
                        ihc3_min_percent=IHC3_MIN_PERCENT)


def classify_ish(facts: IshFacts) -> np.ndarray:
    ratio, her2, single, kind = facts.ratio, facts.her2, facts.single, facts.text_kind
    dual = ~single
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                dual & (ratio > RATIO_HIGH),
                dual & (ratio >= RATIO_LOW),
                dual & (ratio < RATIO_LOW),
                single & (her2 > SINGLE_HIGH),
                single & (her2 >= SINGLE_LOW),
                single & (her2 < SINGLE_LOW),
                # a written 2018 group does not give the 2007 ratio band: only plain words count
                kind == IshKind.AMPLIFIED,
                kind == IshKind.EQUIVOCAL,
                kind == IshKind.NOT_AMPLIFIED,
            ],
            [Ish.POSITIVE, Ish.EQUIVOCAL, Ish.NEGATIVE] * 3,
            default=Ish.NONE,
        ).astype(np.int8)


# IHC 3+ in <=30% of cells is equivocal under 2007: the IHC 2+ column's calls, in words that say why.
_WEAK = f"IHC 3+ in {IHC3_MIN_PERCENT:.0f}% of cells or fewer is equivocal (3+ needs >{IHC3_MIN_PERCENT:.0f}%)"
_IHC3_BELOW_MIN = {
    Ish.POSITIVE: positive(f"{_WEAK}; a positive ISH makes the case positive"),
    Ish.EQUIVOCAL: equivocal(f"{_WEAK}, and ISH is equivocal: new test", "ish_equivocal"),
    Ish.NEGATIVE: negative(f"{_WEAK}; a negative ISH settles it as negative"),
    Ish.NONE: equivocal(f"{_WEAK}: ISH pending", "ish_needed"),
    Ish.UNUSABLE: equivocal(f"{_WEAK}: ISH reported but not usable", "ish_not_usable"),
}
TABLE = {ish: {**cells, IHC3_BELOW_MIN: _IHC3_BELOW_MIN[Ish(ish)]} for ish, cells in ASCO_CAP_2013.table.items()}

RULE_SET = replace(
    ASCO_CAP_2013,
    name="asco-cap-2007",
    title="ASCO/CAP 2007",
    summary="ISH on the ratio alone: >2.2 positive, 1.8-2.2 equivocal, <1.8 negative; IHC 3+ needs >30% of cells "
            "(3+ in 30% or fewer is equivocal, settled by ISH).",
    citation="Wolff et al., J Clin Oncol 2007;25:118-45",
    table=TABLE,
    classify_ish=classify_ish,
    thresholds=THRESHOLDS,
)

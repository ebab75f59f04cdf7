"""ASCO/CAP 2007 (Wolff et al., J Clin Oncol 2007;25:118-45): her2-rules.md section 5.

Dual-probe ISH is read on the ratio alone: >2.2 positive, 1.8-2.2 equivocal, <1.8 negative; single
probe >6.0 positive, 4.0-6.0 equivocal, <4.0 negative. IHC 3+ needs >30% of cells. Tests combine as
in 2013.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from her2batch.ish import IshFacts
from her2batch.rules.asco_cap_2013 import RULE_SET as ASCO_CAP_2013
from her2batch.rules.asco_cap_2013 import Ish
from her2batch.values import IshKind


def classify_ish(facts: IshFacts) -> np.ndarray:
    ratio, her2, single, kind = facts.ratio, facts.her2, facts.single, facts.text_kind
    dual = ~single
    with np.errstate(invalid="ignore"):
        return np.select(
            [
                dual & (ratio > 2.2),
                dual & (ratio >= 1.8),
                dual & (ratio < 1.8),
                single & (her2 > 6.0),
                single & (her2 >= 4.0),
                single & (her2 < 4.0),
                # a written 2018 group does not give the 2007 ratio band: only plain words count
                kind == IshKind.AMPLIFIED,
                kind == IshKind.EQUIVOCAL,
                kind == IshKind.NOT_AMPLIFIED,
            ],
            [Ish.POSITIVE, Ish.EQUIVOCAL, Ish.NEGATIVE] * 3,
            default=Ish.NONE,
        ).astype(np.int8)


RULE_SET = replace(
    ASCO_CAP_2013,
    name="asco-cap-2007",
    title="ASCO/CAP 2007",
    summary="ISH on the ratio alone: >2.2 positive, 1.8-2.2 equivocal, <1.8 negative; IHC 3+ needs >30% of cells.",
    citation="Wolff et al., J Clin Oncol 2007;25:118-45",
    classify_ish=classify_ish,
    ish_labels=("no usable ISH", "ISH positive", "ISH equivocal", "ISH negative"),
    ihc3_min_percent=30.0,
)

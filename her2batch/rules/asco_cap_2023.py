"""ASCO/CAP 2023 update (Wolff et al., J Clin Oncol 2023;41:3867-72): the 2018 algorithm affirmed
unchanged, plus the recommended report comment on trastuzumab deruxtecan for IHC 1+ and IHC
2+/ISH-negative results. The 2023 update finds separate HER2-low result categories premature; the
HER2-low/ultralow/null categories here are the program's (her2-rules.md section 4).
"""

from __future__ import annotations

from dataclasses import replace

from her2batch.rules.asco_cap_2018 import RULE_SET as ASCO_CAP_2018

RULE_SET = replace(
    ASCO_CAP_2018,
    name="asco-cap-2023",
    title="ASCO/CAP 2023",
    summary="Default. The 2018 algorithm affirmed in 2023; HER2-low results carry the 2023 T-DXd comment.",
    citation="Wolff et al., J Clin Oncol 2023;41:3867-72; Arch Pathol Lab Med 2023;147:993",
    report_comment="report comment per ASCO/CAP 2023: possible trastuzumab deruxtecan eligibility to be considered",
)

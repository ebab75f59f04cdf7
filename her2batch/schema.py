"""The data contract of a parsed row, as pandera schemas: what a case must be to be accepted.

A row failing here cannot be a case at all (no case_id, a number that is not a number, a value
outside what is physically possible) and goes to the rejects with the failing check's reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera import Check

from her2batch.understand.values import NumberKind


def _present(values: pd.Series) -> pd.Series:
    return values.fillna("").str.strip() != ""


def _whole(values: pd.Series) -> pd.Series:
    return values == np.floor(values)


PRESENT = Check(_present, name="present")
IS_NUMBER = Check.ne(int(NumberKind.INVALID))
WHOLE = Check(_whole, name="whole_number")

PERCENT = [Check.ge(0), Check.le(100)]
SIGNALS = [Check.gt(0), Check.lt(100)]  # ratio and mean signals per cell

NUMBER_CHECKS: dict[str, list[Check]] = {
    "her2_ihc_percent": PERCENT,
    "ish_ratio": SIGNALS,
    "ish_her2_copies": SIGNALS,
    "ish_cep17_copies": SIGNALS,
    "ish_cells_counted": [Check.ge(1), Check.le(1_000_000), WHOLE],
    "er_percent": PERCENT,
    "pr_percent": PERCENT,
}


def _schema() -> pa.DataFrameSchema:
    columns: dict[str, pa.Column] = {"case_id": pa.Column("string", PRESENT, nullable=False)}
    for name, checks in NUMBER_CHECKS.items():
        columns[name] = pa.Column(float, checks, nullable=True)
        columns[f"{name}__kind"] = pa.Column("int8", IS_NUMBER)
    return pa.DataFrameSchema(columns, strict=False, coerce=False)


ROW_SCHEMA = _schema()

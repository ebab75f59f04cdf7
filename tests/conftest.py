from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from her2batch.decide.classify import classify
from her2batch.understand.fields import parse_fields

CASES = Path(__file__).parent / "cases"


def classify_inputs(inputs: list[dict[str, str]], rule_set: str = "asco-cap-2023") -> pd.DataFrame:
    """Classify rows given as {canonical column: raw text}."""
    columns = sorted({k for row in inputs for k in row})
    raw = pd.DataFrame([{c: row.get(c, "") for c in columns} for row in inputs], columns=columns, dtype="string")
    if raw.empty and inputs:
        raw = pd.DataFrame(index=range(len(inputs)))
    return classify(parse_fields(raw), rule_set)


@pytest.fixture
def classify_rows():
    return classify_inputs

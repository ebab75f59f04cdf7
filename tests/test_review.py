"""review.py: the reasons decided across rows (duplicates) and against the registry's own summary."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from her2batch.codes import Status
from her2batch.decide.reasons import codes_of
from her2batch.decide.review import duplicate_bits, duplicate_reasons, registry_conflict


def _codes(bits: np.ndarray) -> list[str]:
    return [";".join(codes_of(int(b))) for b in bits]


def test_duplicate_reasons_same_and_conflicting_results():
    raw = pd.DataFrame(
        {"case_id": ["A", "A ", "B", "B", "C"], "her2_ihc": ["2+", "2+", "1+", "3+", "0"]}, dtype="string"
    )
    assert _codes(duplicate_reasons(raw)) == [
        "duplicate_case_id", "duplicate_case_id", "duplicate_conflict", "duplicate_conflict", ""]


def test_duplicate_bits_from_a_scan():
    repeated = np.array([False, True, True])
    conflicting = np.array([False, False, True])
    assert _codes(duplicate_bits(repeated, conflicting)) == ["", "duplicate_case_id", "duplicate_conflict"]


@pytest.mark.parametrize(
    ("summary", "status", "conflict"),
    [
        (1, Status.POSITIVE, False),
        (1, Status.NEGATIVE, True),
        (1, Status.EQUIVOCAL, True),
        # no call of ours, but the registry states a result the row does not show: a person looks
        (1, Status.INDETERMINATE, True),
        (1, Status.NOT_TESTED, True),
        (0, Status.NOT_TESTED, True),
        (0, Status.POSITIVE, True),
        (0, Status.NEGATIVE, False),
        (0, Status.EQUIVOCAL, False),  # 3855 code 0 is "negative or equivocal"
        (-1, Status.POSITIVE, False),
        (-1, Status.NOT_TESTED, False),
    ],
)
def test_registry_summary_conflict(summary, status, conflict):
    bits = registry_conflict(np.array([status]), np.array([summary]))
    assert _codes(bits) == (["registry_summary_conflict"] if conflict else [""])

"""The shared vocabulary of codes: statuses, categories, reading kinds, IHC-0 sub-types, probes, sites.

Every stage passes these small integers between whole columns; their names live here once.
"""

from __future__ import annotations

from enum import IntEnum


class IhcKind(IntEnum):
    NONE = 0  # blank, not performed, QNS, cancelled
    SCORE = 1
    NEGATIVE_UNSCORED = 2
    POSITIVE_UNSCORED = 3
    INDETERMINATE = 4
    PENDING = 5
    AMBIGUOUS = 6
    ZERO_PLUS = 7
    UNREADABLE = 8


class ZeroSubtype(IntEnum):
    UNKNOWN = 0
    NULL = 1
    ULTRALOW = 2


class IshKind(IntEnum):
    NONE = 0
    AMPLIFIED = 1
    NOT_AMPLIFIED = 2
    EQUIVOCAL = 3
    GROUP = 4
    INDETERMINATE = 5
    PENDING = 6
    UNREADABLE = 7


class NumberKind(IntEnum):
    BLANK = 0
    NUMBER = 1
    RANGE = 2  # ">=2.0": a bound, not a number
    NOT_DONE = 3
    PENDING = 4
    INVALID = 5


class Probe(IntEnum):
    UNKNOWN = 0
    DUAL = 1
    SINGLE = 2


class Site(IntEnum):
    BLANK = 0
    BREAST = 1
    GASTROESOPHAGEAL = 2
    OTHER = 3


class Status(IntEnum):
    """her2_status (contract); the value is the index into STATUS_NAMES."""

    POSITIVE = 0
    NEGATIVE = 1
    EQUIVOCAL = 2
    INDETERMINATE = 3
    NOT_TESTED = 4


STATUS_NAMES = ("positive", "negative", "equivocal", "indeterminate", "not_tested")


class Category(IntEnum):
    """her2_category (her2-rules.md section 4); the value is the index into CATEGORY_NAMES."""

    POSITIVE = 0
    LOW = 1
    ULTRALOW = 2
    NULL = 3
    ZERO = 4
    NEGATIVE = 5
    EQUIVOCAL = 6
    UNKNOWN = 7


CATEGORY_NAMES = (
    "HER2-positive",
    "HER2-low",
    "HER2-ultralow",
    "HER2-null",
    "HER2-0",
    "HER2-negative",
    "HER2-equivocal",
    "unknown",
)

# The breast rule sets by name, newest first, and the default: her2batch.rules holds the rule sets
# themselves (a test checks the two agree); the names live here so that the command line can offer
# them without loading the rule tables, numpy and pandas.
BREAST_RULE_SET_NAMES = ("asco-cap-2023", "asco-cap-2018", "asco-cap-2013", "asco-cap-2007")
DEFAULT_RULE_SET = "asco-cap-2023"

__all__ = [
    "BREAST_RULE_SET_NAMES",
    "CATEGORY_NAMES",
    "DEFAULT_RULE_SET",
    "STATUS_NAMES",
    "Category",
    "IhcKind",
    "IshKind",
    "NumberKind",
    "Probe",
    "Site",
    "Status",
    "ZeroSubtype",
]

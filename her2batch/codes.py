"""The shared vocabulary of codes: reading kinds, IHC-0 sub-types, probes and sites.

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


__all__ = ["IhcKind", "IshKind", "NumberKind", "Probe", "Site", "ZeroSubtype"]

"""What a rule set is: a guideline's decision table, compiled to whole-column lookups.

A rule module writes its table the way the guideline prints it: one row per ISH result, one cell
per concurrent IHC score (and one for "no IHC"). Ambiguous IHC values (``1-2+``) name several
scores; their cell is derived here: the call stands when every possible score gives it, and is
equivocal otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property

import numpy as np

from her2batch.ish import IshFacts
from her2batch.reasons import bits
from her2batch.values import mask_scores, score_label

N_MASKS = 16  # every subset of the IHC scores {0, 1+, 2+, 3+}
NO_IHC = None


class Status(IntEnum):
    POSITIVE = 0
    NEGATIVE = 1
    EQUIVOCAL = 2
    INDETERMINATE = 3
    NOT_TESTED = 4


STATUS_NAMES = ("positive", "negative", "equivocal", "indeterminate", "not_tested")


@dataclass(frozen=True)
class Cell:
    """One cell of a guideline table: the call, the rule's words, and any review reasons."""

    status: Status
    rule: str
    reasons: tuple[str, ...] = ()


def positive(rule: str, *reasons: str) -> Cell:
    return Cell(Status.POSITIVE, rule, reasons)


def negative(rule: str, *reasons: str) -> Cell:
    return Cell(Status.NEGATIVE, rule, reasons)


def equivocal(rule: str, *reasons: str) -> Cell:
    return Cell(Status.EQUIVOCAL, rule, reasons)


def not_tested(rule: str, *reasons: str) -> Cell:
    return Cell(Status.NOT_TESTED, rule, reasons)


Row = Mapping[int | None, Cell]  # IHC score (0-3) or NO_IHC -> cell


def row(ihc_0: Cell, ihc_1: Cell, ihc_2: Cell, ihc_3: Cell, no_ihc: Cell) -> Row:
    """A table row in the guideline's column order: IHC 0, 1+, 2+, 3+, no IHC."""
    return {0: ihc_0, 1: ihc_1, 2: ihc_2, 3: ihc_3, NO_IHC: no_ihc}


@dataclass(frozen=True)
class CompiledTable:
    """Flat lookups indexed by ``ish_class * N_MASKS + ihc_mask``."""

    status: np.ndarray
    rule: np.ndarray
    reasons: np.ndarray
    rule_texts: tuple[str, ...]


@dataclass(frozen=True)
class RuleSet:
    name: str
    title: str
    summary: str  # what distinguishes it, one line
    citation: str
    ish_labels: tuple[str, ...]  # index = ISH class; class 0 means no usable ISH
    table: Mapping[int, Row]
    classify_ish: Callable[[IshFacts], np.ndarray]
    ish_negative: frozenset[int]  # ISH classes that settle IHC 2+ as negative
    ihc3_min_percent: float = 10.0  # 2007: >30%
    her2_low_categories: bool = True
    report_comment: str = ""
    notes: tuple[str, ...] = field(default=())

    @cached_property
    def compiled(self) -> CompiledTable:
        texts: list[str] = []
        size = len(self.ish_labels) * N_MASKS
        status = np.empty(size, dtype=np.int8)
        rule = np.empty(size, dtype=np.int16)
        reasons = np.empty(size, dtype=np.int64)
        for ish_class in range(len(self.ish_labels)):
            for mask in range(N_MASKS):
                cell = self._cell(ish_class, mask)
                if cell.rule not in texts:
                    texts.append(cell.rule)
                i = ish_class * N_MASKS + mask
                status[i], rule[i], reasons[i] = cell.status, texts.index(cell.rule), bits(*cell.reasons)
        return CompiledTable(status, rule, reasons, tuple(texts))

    def _cell(self, ish_class: int, mask: int) -> Cell:
        table_row = self.table[ish_class]
        scores = mask_scores(mask)
        if not scores:
            return table_row[NO_IHC]
        if len(scores) == 1:
            return table_row[scores[0]]
        cells = [table_row[s] for s in scores]
        either = " or ".join(score_label(s) for s in scores)
        statuses = {c.status for c in cells}
        if len(statuses) == 1:
            reasons = tuple(dict.fromkeys(r for c in cells for r in c.reasons))
            call = STATUS_NAMES[cells[0].status]
            return Cell(cells[0].status, f"every possible IHC score ({either}) gives {call}", reasons)
        return equivocal(f"the possible IHC scores ({either}) give different calls: equivocal until settled")

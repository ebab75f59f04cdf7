"""What a rule set is: a guideline's decision table and thresholds, compiled to whole-column lookups.

A rule module writes its table the way the guideline prints it: one row per ISH result, one cell
per concurrent IHC score (and one for "no IHC"). Ambiguous IHC values (``1-2+``) name several
scores; their cell is derived here: the call stands when every possible score gives it; otherwise
there is no call (indeterminate, category unknown, with review). More IHC columns exist for the
few rows that need them: IHC 3+ below the rule set's minimum percentage (ASCO/CAP 2007: >30%), an
indeterminate IHC (a row that does not write these falls back to its "IHC 3+" and "no IHC" cells)
and an unreadable one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from her2batch.codes import STATUS_NAMES, Status
from her2batch.decide.ish import IshFacts
from her2batch.decide.reasons import bits
from her2batch.understand.values import mask_scores, score_label

N_MASKS = 16  # every subset of the IHC scores {0, 1+, 2+, 3+}
NO_IHC = None
# IHC slots beyond the 16 score masks (the column index of a compiled table)
IHC3_BELOW_MIN = "ihc3_below_min"  # IHC 3+ in no more than the rule set's ihc3_min_percent of cells
IHC_INDETERMINATE = "ihc_indeterminate"
SLOT_IHC3_BELOW_MIN = N_MASKS
SLOT_IHC_INDETERMINATE = N_MASKS + 1
SLOT_IHC_UNREADABLE = N_MASKS + 2  # an IHC value that could not be read at all (every score possible)
N_SLOTS = N_MASKS + 3


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


def indeterminate(rule: str, *reasons: str) -> Cell:
    return Cell(Status.INDETERMINATE, rule, reasons)


def not_tested(rule: str, *reasons: str) -> Cell:
    return Cell(Status.NOT_TESTED, rule, reasons)


Row = Mapping[int | str | None, Cell]  # IHC score (0-3), NO_IHC or a special IHC column -> cell


def row(ihc_0: Cell, ihc_1: Cell, ihc_2: Cell, ihc_3: Cell, no_ihc: Cell, *,
        ihc_indeterminate: Cell | None = None) -> Row:
    """A table row in the guideline's column order: IHC 0, 1+, 2+, 3+, no IHC (and, where the row
    needs words of its own, an indeterminate IHC)."""
    cells: dict[int | str | None, Cell] = {0: ihc_0, 1: ihc_1, 2: ihc_2, 3: ihc_3, NO_IHC: no_ihc}
    if ihc_indeterminate is not None:
        cells[IHC_INDETERMINATE] = ihc_indeterminate
    return cells


def _values(values: tuple[float, ...]) -> str:
    return " and ".join(f"{v:.1f}" for v in values)


@dataclass(frozen=True)
class Thresholds:
    """The cut-offs a rule set reads ISH and IHC by, as its guideline prints them.

    ``classify_ish`` compares with these same constants; ``explain`` prints them.
    """

    ratio: tuple[float, ...]  # dual-probe HER2/CEP17 ratio
    her2: tuple[float, ...]  # dual-probe mean HER2 signals/cell; () = not read
    single: tuple[float, ...]  # single-probe mean HER2 signals/cell; () = single probe not read
    ihc3_min_percent: float = 10.0  # IHC 3+ needs more than this % of cells (2007: 30)

    def dual_text(self) -> str:
        her2 = f", HER2 {_values(self.her2)}" if self.her2 else " (HER2 signals/cell not used)"
        return f"ratio {_values(self.ratio)}{her2}"

    def single_text(self) -> str:
        return f"HER2 {_values(self.single)} signals/cell" if self.single else "single-probe ISH is not read"


@dataclass(frozen=True)
class CompiledTable:
    """Flat lookups indexed by ``ish_class * N_SLOTS + ihc_slot``."""

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
    ish_labels: tuple[str, ...]  # index = ISH class; class 0 means no ISH reported
    table: Mapping[int, Row]
    classify_ish: Callable[[IshFacts], np.ndarray]
    thresholds: Thresholds
    unusable_class: int  # the ISH class of an ISH reported but not usable under this rule set
    her2_low_categories: bool = True  # section 4 categories and the section 1 IHC-0 checks apply
    ish_groups: bool = True  # the ASCO/CAP 2018 group is reported in ish_group (not gastroesophageal)
    report_comment: str = ""

    @property
    def ihc3_min_percent(self) -> float:
        return self.thresholds.ihc3_min_percent

    @cached_property
    def compiled(self) -> CompiledTable:
        texts: list[str] = []
        size = len(self.ish_labels) * N_SLOTS
        status = np.empty(size, dtype=np.int8)
        rule = np.empty(size, dtype=np.int16)
        reasons = np.empty(size, dtype=np.int64)
        for ish_class in range(len(self.ish_labels)):
            for slot in range(N_SLOTS):
                cell = self.cell(ish_class, slot)
                if cell.rule not in texts:
                    texts.append(cell.rule)
                i = ish_class * N_SLOTS + slot
                status[i], rule[i], reasons[i] = cell.status, texts.index(cell.rule), bits(*cell.reasons)
        return CompiledTable(status, rule, reasons, tuple(texts))

    def cell(self, ish_class: int, slot: int) -> Cell:
        """The cell of an ISH class and an IHC slot (a score mask, or one of the special columns)."""
        table_row = self.table[ish_class]
        if slot == SLOT_IHC3_BELOW_MIN:
            return table_row.get(IHC3_BELOW_MIN, table_row[3])
        if slot == SLOT_IHC_INDETERMINATE:
            return table_row.get(IHC_INDETERMINATE, table_row[NO_IHC])
        if slot == SLOT_IHC_UNREADABLE:
            return self._unreadable_ihc(ish_class)
        scores = mask_scores(slot)
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
        # section 7 gives an ambiguous value ("1-2+", "weak", "++") no status: no call (category unknown),
        # never "equivocal", which would claim an IHC 2+ awaiting ISH; an ISH that settles it decides
        return indeterminate(f"the possible IHC scores ({either}) give different calls: no call until the score "
                             "is settled")

    def _unreadable_ihc(self, ish_class: int) -> Cell:
        """An IHC value that could not be read (spreadsheet damage, unknown words; section 7: review)
        names no score. Where the ISH decides whatever the score, that call stands; otherwise the
        status is indeterminate (category unknown), never equivocal, which would claim an IHC 2+."""
        every = self.cell(ish_class, N_MASKS - 1)
        if len({self.table[ish_class][s].status for s in range(4)}) == 1:
            return every
        return indeterminate("the IHC value could not be read and the possible scores give different calls: "
                             "unknown until it is read")

"""ISH facts shared by every rule set: the ratio used, the probe, the ASCO/CAP 2018 group."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from her2batch.codes import IshKind, NumberKind, Probe

MIN_CELLS = 20  # ASCO/CAP 2018: at least 20 cells counted
RATIO_TOLERANCE = 0.1  # her2-rules.md section 2: more than rounding
GROUP_RATIO = 2.0  # ASCO/CAP 2018 dual-probe groups (section 2): ratio cut-off
GROUP_HER2_LOW, GROUP_HER2_HIGH = 4.0, 6.0  # ... and mean HER2 signals/cell cut-offs
ISH_NUMBERS = ("ish_ratio", "ish_her2_copies", "ish_cep17_copies")


@dataclass(frozen=True)
class IshFacts:
    """Whole-column ISH facts; every array has one entry per case."""

    ratio: np.ndarray  # reported, else HER2/CEP17 (NaN when neither)
    ratio_derived: np.ndarray
    her2: np.ndarray
    cep17: np.ndarray
    cells: np.ndarray
    single: np.ndarray  # single-probe assay
    numbers_present: np.ndarray
    text_kind: np.ndarray
    text_group: np.ndarray
    group: np.ndarray  # ASCO/CAP 2018 dual-probe group 1-5 from the numbers, 0 when they do not decide
    ratio_inconsistent: np.ndarray
    too_few_cells: np.ndarray
    number_kinds: tuple[np.ndarray, np.ndarray, np.ndarray]  # NumberKind of ratio, HER2, CEP17
    reported: np.ndarray  # some ISH result was given (a number, a bound, any written result but pending)


def dual_probe_group(ratio: np.ndarray, her2: np.ndarray) -> np.ndarray:
    """ASCO/CAP 2018 dual-probe groups (her2-rules.md section 2), unrounded comparisons."""
    with np.errstate(invalid="ignore"):
        amplified_ratio = ratio >= GROUP_RATIO
        known = ~np.isnan(ratio) & ~np.isnan(her2)
        group = np.select(
            [
                amplified_ratio & (her2 >= GROUP_HER2_LOW),  # group 1
                amplified_ratio & (her2 < GROUP_HER2_LOW),  # group 2
                ~amplified_ratio & (her2 >= GROUP_HER2_HIGH),  # group 3
                ~amplified_ratio & (her2 >= GROUP_HER2_LOW),  # group 4
                ~amplified_ratio & (her2 < GROUP_HER2_LOW),  # group 5
            ],
            [1, 2, 3, 4, 5],
            default=0,
        )
    return np.where(known, group, 0).astype(np.int8)


def ish_facts(parsed: pd.DataFrame) -> IshFacts:
    """Derive the facts every rule set reads from the parsed ISH columns."""
    reported = parsed["ish_ratio"].to_numpy(dtype=float)
    her2 = parsed["ish_her2_copies"].to_numpy(dtype=float)
    cep17 = parsed["ish_cep17_copies"].to_numpy(dtype=float)
    cells = parsed["ish_cells_counted"].to_numpy(dtype=float)
    probe = parsed["ish_probe"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = np.round(her2 / cep17, 9)  # rounding removes float noise only
    quotient[~np.isfinite(quotient)] = np.nan

    # ish_probe column absent or blank: HER2 copies with neither ratio nor CEP17 is single-probe
    # (a ratio written as a bound still says the assay was dual-probe)
    no_ratio = parsed["ish_ratio__kind"].to_numpy() == NumberKind.BLANK
    no_cep17 = parsed["ish_cep17_copies__kind"].to_numpy() == NumberKind.BLANK
    implicit_single = (probe == Probe.UNKNOWN) & ~np.isnan(her2) & no_ratio & no_cep17
    single = (probe == Probe.SINGLE) | implicit_single
    ratio_derived = np.isnan(reported) & ~np.isnan(quotient) & ~single
    ratio = np.where(single, np.nan, np.where(ratio_derived, quotient, reported))
    numbers_present = ~(np.isnan(reported) & np.isnan(her2) & np.isnan(cep17))
    kinds = tuple(parsed[f"{c}__kind"].to_numpy() for c in ISH_NUMBERS)
    text_kind = parsed["ish_text_kind"].to_numpy()
    written_off = np.logical_or.reduce([(k == NumberKind.RANGE) | (k == NumberKind.INVALID) for k in kinds])
    given = numbers_present | written_off | ~np.isin(text_kind, (IshKind.NONE, IshKind.PENDING))
    with np.errstate(invalid="ignore"):
        inconsistent = (
            ~single & ~np.isnan(reported) & (np.round(np.abs(reported - quotient), 9) > RATIO_TOLERANCE)
        )
        too_few = numbers_present & (cells < MIN_CELLS)
    return IshFacts(
        ratio=ratio,
        ratio_derived=ratio_derived,
        her2=her2,
        cep17=cep17,
        cells=cells,
        single=single,
        numbers_present=numbers_present,
        text_kind=text_kind,
        text_group=parsed["ish_text_group"].to_numpy(),
        group=np.where(single, 0, dual_probe_group(np.where(np.isnan(ratio), _ratio_side(parsed), ratio), her2)
                       ).astype(np.int8),
        ratio_inconsistent=inconsistent,
        too_few_cells=too_few,
        number_kinds=kinds,
        reported=given,
    )


def _ratio_side(parsed: pd.DataFrame) -> np.ndarray:
    """A stand-in for a ratio written only as a bound on the right side of 2.0 (">=2.0", "<2.0",
    NAACCR 3852 XX.3 / XX.2): 2.0 or 0.0, so that the copy number alone places the group when the
    side is all a group needs; NaN otherwise. The bound still goes to review (value_range_only)."""
    from her2batch.understand.values import BOUND_OPERATORS

    kind = parsed["ish_ratio__kind"].to_numpy()
    operator = parsed["ish_ratio__operator"].to_numpy()
    bound = parsed["ish_ratio__bound"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        at_least = (kind == NumberKind.RANGE) & (
            ((operator == BOUND_OPERATORS[">="]) | (operator == BOUND_OPERATORS[">"])) & (bound >= GROUP_RATIO))
        below = (kind == NumberKind.RANGE) & (((operator == BOUND_OPERATORS["<"]) & (bound <= GROUP_RATIO))
                                              | ((operator == BOUND_OPERATORS["<="]) & (bound < GROUP_RATIO)))
    return np.select([at_least, below], [GROUP_RATIO, 0.0], default=np.nan)


def text_conflict(facts: IshFacts) -> np.ndarray:
    """ISH text that contradicts the numbers (the numbers win; her2-rules.md section 7)."""
    kind, group = facts.text_kind, facts.group
    with np.errstate(invalid="ignore"):
        single_high = facts.single & (facts.her2 >= GROUP_HER2_HIGH)
        single_low = facts.single & (facts.her2 < GROUP_HER2_LOW)
    amplified_numbers = (group == 1) | single_high
    negative_numbers = (group == 5) | single_low
    return (
        ((kind == IshKind.GROUP) & (group > 0) & (facts.text_group != group))
        | ((kind == IshKind.AMPLIFIED) & negative_numbers)
        | ((kind == IshKind.NOT_AMPLIFIED) & amplified_numbers)
    )

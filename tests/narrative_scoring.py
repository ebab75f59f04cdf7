"""Per-field scoring of the report-text extractor against expected fields (the corpus format:
ihc_score, ihc_subtype, ihc_percent, ish_result, ish_ratio, ish_her2_copies, ish_cep17_copies,
ish_cells_counted, ish_probe, antibody_clone, er_percent, pr_percent; absent = blank)."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from her2batch.codes import IhcKind, IshKind, NumberKind
from her2batch.read.narrative import FIELDS, Extraction
from her2batch.understand.values import read_ihc, read_ish_text, read_number

SCORED = ("ihc_score", "ihc_subtype", "ihc_percent", "ish_result", "ish_ratio", "ish_her2_copies",
          "ish_cep17_copies", "ish_cells_counted", "ish_probe", "antibody_clone", "er_percent", "pr_percent")
NUMERIC = {"ihc_percent": "her2_ihc_percent", "ish_ratio": "ish_ratio", "ish_her2_copies": "ish_her2_copies",
           "ish_cep17_copies": "ish_cep17_copies", "ish_cells_counted": "ish_cells_counted",
           "er_percent": "er_percent", "pr_percent": "pr_percent"}
_SCORE = {1: "0", 2: "1+", 4: "2+", 8: "3+"}
_ISH = {IshKind.AMPLIFIED: "amplified", IshKind.NOT_AMPLIFIED: "not_amplified", IshKind.EQUIVOCAL: "equivocal",
        IshKind.INDETERMINATE: "indeterminate"}


def observed(result: Extraction) -> dict[str, object]:
    """The scored fields as the pipeline would read the extracted raw text."""
    raw = dict(zip(FIELDS, result.values, strict=True))
    out: dict[str, object] = {}
    if raw["her2_ihc"]:
        reading = read_ihc(raw["her2_ihc"])
        if reading.kind in (IhcKind.SCORE, IhcKind.POSITIVE_UNSCORED) and reading.mask in _SCORE:
            out["ihc_score"] = _SCORE[reading.mask]
            if reading.subtype:
                out["ihc_subtype"] = {1: "null", 2: "ultralow"}[reading.subtype]
    if raw["ish_result"]:
        reading = read_ish_text(raw["ish_result"])
        if reading.kind == IshKind.GROUP:
            out["ish_result"] = f"group{reading.group}"
        elif reading.kind in _ISH:
            out["ish_result"] = _ISH[reading.kind]
    for name, column in NUMERIC.items():
        if raw[column]:
            number = read_number(raw[column].replace("%", ""))
            if number.kind == NumberKind.NUMBER:
                out[name] = number.value
    for name in ("ish_probe", "antibody_clone"):
        if raw[name]:
            out[name] = raw[name]
    return out


def same(name: str, want: object, got: object) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if name in NUMERIC:
        return math.isclose(float(want), float(got), abs_tol=1e-6)
    return str(want).casefold() == str(got).casefold()


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    wrong: Counter = field(default_factory=Counter)  # a value that differs from the expected one
    missed: Counter = field(default_factory=Counter)  # blank where a value was expected
    missed_unflagged: list = field(default_factory=list)
    wrong_cases: list = field(default_factory=list)
    stated: Counter = field(default_factory=Counter)  # fields with an expected or extracted value

    def add(self, case_id: str, expected: dict, result: Extraction, skip: tuple[str, ...] = ()) -> None:
        got = observed(result)
        for name in SCORED:
            if name in skip:
                continue
            want, have = expected.get(name), got.get(name)
            if want is not None or have is not None:
                self.stated[name] += 1
            if same(name, want, have):
                self.right[name] += 1
            elif have is None:
                self.missed[name] += 1
                if not result.flags:
                    self.missed_unflagged.append((case_id, name, want))
            else:
                self.wrong[name] += 1
                self.wrong_cases.append((case_id, name, want, have))

    def accuracy(self, name: str | None = None) -> float:
        names = [name] if name else SCORED
        right = sum(self.right[n] for n in names)
        total = right + sum(self.wrong[n] + self.missed[n] for n in names)
        return right / total if total else 1.0

    def stated_accuracy(self, name: str) -> float:
        """Accuracy over reports where the field is stated or was extracted (blank-blank not counted)."""
        wrong = self.wrong[name] + self.missed[name]
        return 1 - wrong / self.stated[name] if self.stated[name] else 1.0

    def table(self) -> str:
        lines = [f"{'field':<20}{'stated':>8}{'right':>8}{'wrong':>7}{'missed':>8}{'acc(stated)':>13}"]
        for n in SCORED:
            lines.append(f"{n:<20}{self.stated[n]:>8}{self.stated[n] - self.wrong[n] - self.missed[n]:>8}"
                         f"{self.wrong[n]:>7}{self.missed[n]:>8}{self.stated_accuracy(n):>13.3f}")
        lines.append(f"all fields accuracy: {self.accuracy():.4f}")
        return "\n".join(lines)

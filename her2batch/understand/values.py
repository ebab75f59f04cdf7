"""Messy HER2 text -> canonical values (her2-rules.md section 7).

Each ``read_*`` function parses one raw string; each ``parse_*`` function runs it over the
distinct values of a column and maps the result back (``textnorm.map_distinct``).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from her2batch.codes import IhcKind, IshKind, NumberKind, Probe, Site, ZeroSubtype
from her2batch.understand.textnorm import distinct_columns, distinct_table, normalise, spread
from her2batch.understand.wording import Words, read_words, tags_in

ALL_SCORES = 0b1111  # bit i set = IHC score i possible


def score_mask(*scores: int) -> int:
    return sum(1 << s for s in set(scores))


def mask_scores(mask: int) -> list[int]:
    return [s for s in range(4) if mask >> s & 1]


def score_label(score: int) -> str:
    return "0" if score == 0 else f"{score}+"


# --- phrases shared by IHC and ISH text (section 7) -----------------------------------------

_NO_RESULT = re.compile(
    r"^(?:|-+|\.|n/?a|nd|n\.d\.?|none|null|nan|nil|not (?:done|performed|requested|applicable"
    r"|ordered|available)|qns|quantity not sufficient|insufficient(?: (?:tissue|material|sample|specimen|tumou?r|cells))*|cancel+ed|test cancel+ed"
    r"|no result|not tested)$"
)
_PENDING = re.compile(
    r"\b(?:pending|see (?:comment|report|note|text|below|addendum)|to follow|in progress|sent out"
    r"|referred|awaiting|to be reported)\b"
)
_INDETERMINATE = re.compile(
    r"\b(?:indeterminate|cannot be (?:determined|assessed|evaluated)|can ?not be determined"
    r"|can't be determined|uninterpretable|not interpretable|inconclusive|technical failure"
    r"|failed|unsatisfactory|non-?diagnostic|not evaluable|unevaluable)\b"
)

# --- IHC ----------------------------------------------------------------------------------

_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_EXCEL_DAMAGE = re.compile(
    rf"^(?:\d{{1,2}}[- ]{_MONTHS}(?:[- ]\d{{2,4}})?|{_MONTHS}[- ]\d{{1,4}}"
    r"|\d{4}-\d{2}-\d{2}(?:[ t]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}/\d{1,2}/\d{2,4}|\d{4,})$"
)
_BARE_NUMBER = re.compile(r"^\+?(\d+(?:[.,]\d+)?)$")
ISH_TERMS = ("amplified", "not_amplified", "amplification", "normal")
IHC_ONLY_TERMS = ("overexpression", "staining", "null", "ultralow", "low")
# An intensity alone names no score (section 7): the scores it could describe.
INTENSITY_MASKS = {"faint": 0b0011, "weak": 0b0110, "moderate": 0b0110, "strong": 0b1100}
ULTRALOW_MAX_PERCENT = 10.0  # ASCO/CAP 2018 section 1: >10% of cells separates 0 from 1+, 2+, 3+


class IhcReading(NamedTuple):
    mask: int
    subtype: int
    kind: int
    reading: str  # how the value was read, for the explanation
    percent: float = math.nan  # a percentage of stained cells written beside the score
    percent_operator: int = 0  # BOUND_OPERATORS code when it was written as a bound ('<10%')


def _unreadable_ihc(quoted: str, why: str) -> IhcReading:
    return IhcReading(ALL_SCORES, 0, IhcKind.UNREADABLE, f"IHC {quoted} ({why})")


def _refusal(words: Words, field_words: tuple[str, ...], field: str) -> str:
    """Why a value cannot be read at all, or ''."""
    if words.unknown:
        return f"not understood: '{words.unknown[0]}' is not in the vocabulary"
    if words.has("other_marker"):
        return "names another marker, not HER2"
    if words.has("control"):
        return "speaks of a control, not this case"
    if words.problems:
        return words.problems[0]
    if any(words.said(t) for t in field_words):
        return f"{field} wording in this field"
    return ""


def _plain_percent(words: Words) -> float:
    """The one percentage written beside the score ('3+ (90%)', '1+ (<10%)'), else NaN; its bound
    operator is ``_percent_operator``."""
    return words.percents[0][1] if len(words.percents) == 1 else math.nan


def _percent_operator(words: Words) -> int:
    return BOUND_OPERATORS[words.percents[0][0]] if len(words.percents) == 1 else 0


def _above_ten(words: Words) -> bool | None:
    """Whether the stated share of stained cells is >10% (section 1), None when not stated."""
    if len(words.percents) != 1:
        return None
    operator, value = words.percents[0]
    if value > 100:
        return None
    if operator in ("", ">=") and value != ULTRALOW_MAX_PERCENT:
        return value > ULTRALOW_MAX_PERCENT
    if operator == ">" and value >= ULTRALOW_MAX_PERCENT:
        return True
    if operator in ("<", "<=", "") and value <= ULTRALOW_MAX_PERCENT + (operator == "<"):
        return False
    return None


def _description(words: Words) -> tuple[int, int, str]:
    """Staining described in the guideline's words (ASCO/CAP 2018 section 1) -> (mask, sub-type, text).

    A definite description gives one score; a partial one the scores it could mean; mask 0 = none.
    """
    intensities = [t for t in ("faint", "weak", "moderate", "strong") if words.has(t)]
    complete, incomplete = words.has("complete"), words.has("incomplete")
    if not intensities and not (complete or incomplete):
        return 0, 0, ""
    above = _above_ten(words)
    share = "" if above is None else (" in >10%" if above else " in <=10%")
    if len(intensities) > 1 or (complete and incomplete):
        return ALL_SCORES, 0, ""
    intensity = intensities[0] if intensities else ""
    if intensity == "faint" and incomplete:
        if above is True:
            return score_mask(1), 0, f"faint incomplete membrane staining{share}"
        if above is False:
            return score_mask(0), ZeroSubtype.ULTRALOW, f"faint incomplete membrane staining{share}"
        return score_mask(0, 1), 0, ""
    if intensity in ("weak", "moderate") and complete:
        return (score_mask(2), 0, f"weak to moderate complete membrane staining{share}") if above else (
            score_mask(1, 2), 0, "")
    if intensity == "strong" and complete:
        return (score_mask(3), 0, f"intense complete membrane staining{share}") if above else (
            score_mask(2, 3), 0, "")
    if intensity:
        return INTENSITY_MASKS[intensity], 0, ""
    return ALL_SCORES, 0, ""


def described_scores(text: str) -> int:
    """The IHC scores (a mask) that staining described in words allows ("strong complete in 90%":
    3+; "faint incomplete": 0 or 1+), read against ASCO/CAP 2018 section 1; 0 when the text is not
    only such a description (a score, another word)."""
    words = read_words(normalise(text))
    if not words.readable or words.scores or words.numbers or any(t.tag != "staining" or t.negated for t in words.terms):
        return 0
    return _description(words)[0]


def read_ihc(raw: str, overrides: Mapping[str, str] | None = None) -> IhcReading:
    """Read one IHC value as written (section 7). Never raises; text not fully understood is UNREADABLE."""
    text = normalise(raw)
    if overrides and text in overrides:
        text = normalise(overrides[text])
    quoted = f"'{raw.strip()}'"
    if _NO_RESULT.match(text):
        return IhcReading(0, 0, IhcKind.NONE, "no IHC result")
    bare = _BARE_NUMBER.match(text)
    if bare:
        value = float(bare.group(1).replace(",", "."))
        if value in (0.0, 1.0, 2.0, 3.0):
            score = int(value)
            return IhcReading(score_mask(score), 0, IhcKind.SCORE, f"IHC {score_label(score)}")
        return _unreadable_ihc(quoted, "not a score")
    if _EXCEL_DAMAGE.match(text):
        return _unreadable_ihc(quoted, "looks like spreadsheet damage")

    words = read_words(text)
    refusal = _refusal(words, ISH_TERMS, "ISH") or (
        "an ISH group in this field" if words.group else "") or (
        "a number that is neither a score nor a percentage" if words.numbers else "")
    if refusal:
        return _unreadable_ihc(quoted, refusal)
    if words.has("pending") and words.has("ish_method") and len(set(words.scores)) == 1:
        # "2+, FISH pending": the pending test is the ISH; the IHC score stands
        words.tags.discard("pending")
    if words.has("pending"):
        return IhcReading(0, 0, IhcKind.PENDING, f"IHC {quoted} (pending)")
    if words.has("indeterminate"):
        return IhcReading(0, 0, IhcKind.INDETERMINATE, f"IHC {quoted} (indeterminate)")
    return _ihc_from_words(words, quoted)


def _ihc_from_words(words: Words, quoted: str) -> IhcReading:
    reading = _ihc_reading(words, quoted)
    if words.has("see") and reading.kind in (IhcKind.SCORE, IhcKind.NEGATIVE_UNSCORED, IhcKind.POSITIVE_UNSCORED):
        # "3+ (see note)": the note it points to may qualify the result (another block, a revision): kept, reviewed
        return IhcReading(reading.mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (points to a note that may qualify it)")
    if not math.isnan(reading.percent) and words.said("staining", True) and not words.said("staining", False):
        return reading._replace(percent=math.nan)  # "no staining in 100% of cells": not the share stained
    if not math.isnan(reading.percent):
        operator = _percent_operator(words)
        if (operator and reading.percent == ULTRALOW_MAX_PERCENT and reading.kind == IhcKind.SCORE
                and _description(words)[2]):  # "... in <=10%", "... in >10%": the guideline's own cut-off,
            return reading._replace(percent=math.nan)  # which placed the score: no share to check or review
        return reading._replace(percent_operator=operator)
    return reading


def _ihc_reading(words: Words, quoted: str) -> IhcReading:
    percent = _plain_percent(words)
    said = words.said
    # what the words other than the score say, as the scores each allows
    word_masks: list[int] = []
    if said("positive", False) or said("overexpression", False):
        word_masks.append(score_mask(3))
    if said("negative", False) or said("overexpression", True):
        word_masks.append(score_mask(0, 1))
    if said("positive", True):  # "not positive": 0, 1+ or 2+
        word_masks.append(score_mask(0, 1, 2))
    if said("negative", True):  # "not negative": 2+ or 3+
        word_masks.append(score_mask(2, 3))
    if said("equivocal", False):
        word_masks.append(score_mask(2))
    if said("low", False):  # HER2-low: 1+, or 2+ with negative ISH
        word_masks.append(score_mask(1, 2))
    if any(said(t, True) for t in ("equivocal", "low", "null", "ultralow")):
        return _unreadable_ihc(quoted, "a negation that names no score")

    subtype = ZeroSubtype.UNKNOWN
    description_mask, description_subtype, description = _description(words)
    if said("staining", True) and description_mask:
        # "no complete membrane staining" denies the qualified staining only: the scores it leaves
        return _denied_staining(words, quoted)
    if said("null", False) or said("staining", True):
        subtype = ZeroSubtype.NULL
    if said("ultralow", False):
        subtype = ZeroSubtype.ULTRALOW if subtype == ZeroSubtype.UNKNOWN else -1
    if description_subtype:
        subtype = description_subtype if subtype in (ZeroSubtype.UNKNOWN, description_subtype) else -1
    if subtype == -1:
        return IhcReading(score_mask(0), 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (null and ultralow both written)")

    scores = set(words.scores) | ({0} if words.zero_plus and (words.scores or subtype) else set())
    if subtype:
        scores.add(0)
    heterogeneous = words.has("heterogeneous") or words.has("borderline") or words.has("doubtful")

    if len(scores) > 1 or (scores and heterogeneous):
        mask = score_mask(*range(min(scores), max(scores) + 1))
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (heterogeneous: {_either(mask)})")
    if len(scores) == 1:
        (score,) = scores
        # "0 with membrane staining", "0, faint incomplete staining" (section 7): staining present at 0
        # is ultralow, unless a percentage says otherwise
        stained = words.has("with_staining") or (description_mask & 1 and any(
            words.has(t) for t in INTENSITY_MASKS))
        if score == 0 and subtype == ZeroSubtype.UNKNOWN and stained and _above_ten(words) is not True:
            subtype = ZeroSubtype.ULTRALOW
        if score == 0 and subtype == ZeroSubtype.UNKNOWN and percent == 0 and not _percent_operator(words):
            subtype = ZeroSubtype.NULL
        if description_mask and not description_mask >> score & 1:
            word_masks.append(description_mask)
        disagree = [m for m in word_masks if not m >> score & 1]
        if disagree:
            mask = score_mask(score)
            for m in disagree:
                mask |= m
            return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (words and score disagree)")
        label = score_label(score)
        if subtype == ZeroSubtype.ULTRALOW:
            label += " (ultralow)"
        elif subtype == ZeroSubtype.NULL:
            label += " (null)"
        if description and description_mask == score_mask(score):
            label += f", read from a description: {description}"
        return IhcReading(score_mask(score), int(subtype), IhcKind.SCORE, f"IHC {label}", percent)

    if words.zero_plus:
        return IhcReading(score_mask(0), 0, IhcKind.ZERO_PLUS,
                          f"IHC {quoted} (0 or ultralow: the lab's meaning is not set)", percent)
    if description and description_mask in (1, 2, 4, 8):
        score = mask_scores(description_mask)[0]
        if any(not m >> score & 1 for m in word_masks):
            return IhcReading(description_mask | _union(word_masks), 0, IhcKind.AMBIGUOUS,
                              f"IHC {quoted} (words and description disagree)")
        label = score_label(score) + (" (ultralow)" if subtype == ZeroSubtype.ULTRALOW else "")
        return IhcReading(description_mask, int(subtype), IhcKind.SCORE,
                          f"IHC {label}, read from a description: {description}", percent)
    if words.plus_only:
        return IhcReading(ALL_SCORES, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (plus notation, no score)")
    if heterogeneous:
        return IhcReading(ALL_SCORES, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (no single score)")
    if description_mask:  # weak, faint, "weakly positive": no score named (section 7)
        mask = description_mask
        for m in word_masks:
            mask = mask & m if mask & m else mask | m
        if mask == score_mask(3) and said("positive", False):  # "strongly positive"
            return IhcReading(mask, 0, IhcKind.POSITIVE_UNSCORED, f"IHC {quoted} (read as 3+)", percent)
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} ({_either(mask)})")
    if len(word_masks) > 1 and len({*word_masks}) > 1:
        mask = _union(word_masks)
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (words disagree: {_either(mask)})")
    if word_masks:
        mask = word_masks[0]
        if said("equivocal", False):
            return IhcReading(mask, 0, IhcKind.SCORE, "IHC 2+ (written as equivocal)", percent)
        if (mask == score_mask(0, 1) and said("negative", False)) or said("overexpression", True):
            return IhcReading(mask, 0, IhcKind.NEGATIVE_UNSCORED, f"IHC {quoted} (negative, no score)", percent)
        if mask == score_mask(3):
            return IhcReading(mask, 0, IhcKind.POSITIVE_UNSCORED, f"IHC {quoted} (read as 3+)", percent)
        if said("positive", True):
            return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (not positive: {_either(mask)})")
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} ({_either(mask)})")
    if words.has("see"):
        return IhcReading(0, 0, IhcKind.PENDING, f"IHC {quoted} (refers to other text)")
    if words.has("no_result"):
        return IhcReading(0, 0, IhcKind.NONE, "no IHC result")
    return _unreadable_ihc(quoted, "names no result")


def _denied_staining(words: Words, quoted: str) -> IhcReading:
    """No complete staining leaves 0 or 1+; no intense staining leaves 0, 1+ or 2+ (section 1)."""
    intensities = {t for t in INTENSITY_MASKS if words.has(t)}
    if words.scores or words.has("incomplete") or intensities - {"strong"}:
        return _unreadable_ihc(quoted, "a negation whose scope is unclear")
    mask = score_mask(0, 1) if words.has("complete") else score_mask(0, 1, 2)
    return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (denies {_either(ALL_SCORES & ~mask)}: {_either(mask)})")


def _union(masks: list[int]) -> int:
    union = 0
    for m in masks:
        union |= m
    return union


def _either(mask: int) -> str:
    return " or ".join(score_label(s) for s in mask_scores(mask))


def parse_ihc(values: pd.Series, overrides: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Columns ihc_mask, ihc_subtype, ihc_kind (int8), ihc_reading (text) and ihc_text_percent."""
    return pd.DataFrame(ihc_columns(values, overrides), index=values.index)


def ihc_columns(values: pd.Series, overrides: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``parse_ihc`` as a dict of columns."""
    return distinct_columns(
        values,
        lambda raw: read_ihc(raw, overrides),
        {"ihc_mask": np.int8, "ihc_subtype": np.int8, "ihc_kind": np.int8, "ihc_reading": object,
         "ihc_text_percent": np.float64, "ihc_text_percent_operator": np.int8},
    )


# --- ISH text ------------------------------------------------------------------------------

class IshReading(NamedTuple):
    kind: int
    group: int  # 1-5 when a group is written, else 0
    reading: str


def _unreadable_ish(quoted: str, why: str) -> IshReading:
    return IshReading(IshKind.UNREADABLE, 0, f"ISH {quoted} ({why})")


# A written group followed by its own definition, as the CAP biomarker template prints it
_GROUP_DEFINED = re.compile(r"^group\s*([1-5])\s*[:(]\s*(.*?)\)?\s*$")
_DEFINITION_WORDS = re.compile(
    r"her-?2|cep\s?17|ratio|average|mean|number|copy|copies|signals?|per|cells?|nucle(?:us|i)|with|and|of|/|[<>=≤≥]"
    r"|\d+(?:\.\d+)?|\s|,|;|-")
# section 2: each group's ratio and copy-number bounds, as (ratio >= 2.0, copies bound) pairs
_GROUP_BOUNDS = {1: ({">=2.0"}, {">=4.0"}), 2: ({">=2.0"}, {"<4.0"}), 3: ({"<2.0"}, {">=6.0"}),
                 4: ({"<2.0"}, {">=4.0", "<6.0"}), 5: ({"<2.0"}, {"<4.0"})}


def _restates_group(group: int, definition: str) -> bool:
    """Whether the words after a written group only restate section 2's definition of that group:
    nothing but ratio/copy-number words, and exactly that group's bounds."""
    if _DEFINITION_WORDS.sub("", definition.replace("≥", ">=").replace("≤", "<=")).strip():
        return False
    bounds = {f"{op}{float(n):.1f}" for op, n in re.findall(r"(>=|<=|<|>)\s*(\d+(?:\.\d+)?)",
                                                            definition.replace("≥", ">=").replace("≤", "<="))}
    ratio, copies = _GROUP_BOUNDS[group]
    return bool(bounds) and bounds == ratio | copies


def read_ish_text(raw: str, overrides: Mapping[str, str] | None = None) -> IshReading:
    """Read an ISH result written as text (section 7), negations scoped. Never raises."""
    text = normalise(raw)
    if overrides and text in overrides:
        text = normalise(overrides[text])
    quoted = f"'{raw.strip()}'"
    if _NO_RESULT.match(text):
        return IshReading(IshKind.NONE, 0, "")
    defined = _GROUP_DEFINED.match(text)
    if defined and _restates_group(int(defined.group(1)), defined.group(2)):
        text = f"group {defined.group(1)}"  # "Group 3 (HER2/CEP17 ratio <2.0 with ... >=6.0 ...)": CAP's wording
    words = read_words(text)
    refusal = _refusal(words, IHC_ONLY_TERMS, "IHC") or (
        "an IHC score in this field" if words.plus_scores or words.zero_plus or words.plus_only else "")
    if not refusal and words.has("heterogeneous"):
        refusal = "heterogeneous: a person must read it"
    if not refusal and words.has("doubtful"):  # 'unclear', 'doubtful': not the guideline's 'equivocal'
        refusal = "doubtful: a person must read it"
    if not refusal and words.has("positive") and any(words.has(t) for t in INTENSITY_MASKS):
        refusal = "'weakly/strongly positive' describes staining, not an ISH result"  # not 'strongly amplified'
    if refusal:
        return _unreadable_ish(quoted, refusal)
    if words.has("pending"):
        return IshReading(IshKind.PENDING, 0, f"ISH {quoted} (pending)")
    if words.has("indeterminate"):
        return IshReading(IshKind.INDETERMINATE, 0, f"ISH {quoted} (indeterminate)")
    said = words.said
    if any(said(t, True) for t in ("not_amplified", "negative", "normal", "equivocal")):
        return _unreadable_ish(quoted, "a negation that names no result")
    if said("positive", True):
        return _unreadable_ish(quoted, "'not positive' does not say whether not amplified or equivocal")
    calls = set()
    if said("amplified", False) or said("amplification", False) or said("positive", False):
        calls.add(IshKind.AMPLIFIED)
    if (said("amplified", True) or said("amplification", True) or said("not_amplified", False)
            or said("negative", False) or said("normal", False)):
        calls.add(IshKind.NOT_AMPLIFIED)
    if said("equivocal", False) or words.has("borderline"):
        calls.add(IshKind.EQUIVOCAL)
    if words.group:
        group = words.group
        contradicted = group == -1 or (group == 1 and calls - {IshKind.AMPLIFIED}) or (
            group == 5 and calls - {IshKind.NOT_AMPLIFIED}) or (IshKind.AMPLIFIED in calls and IshKind.NOT_AMPLIFIED in calls)
        if contradicted:
            return _unreadable_ish(quoted, "the group and the words disagree")
        return IshReading(IshKind.GROUP, group, f"ISH written as group {group}")
    if len(calls) > 1:
        return _unreadable_ish(quoted, "contradictory words")
    if calls and words.has("see"):  # "not amplified (see comment)": the comment may qualify it
        return _unreadable_ish(quoted, "points to a note that may qualify it")
    if calls:
        (kind,) = calls
        label = {IshKind.AMPLIFIED: "amplified", IshKind.NOT_AMPLIFIED: "not amplified",
                 IshKind.EQUIVOCAL: "equivocal"}[kind]
        return IshReading(kind, 0, f"ISH {quoted} ({label})")
    if words.has("see"):
        return IshReading(IshKind.PENDING, 0, f"ISH {quoted} (refers to other text)")
    if words.has("no_result"):
        return IshReading(IshKind.NONE, 0, "")
    return _unreadable_ish(quoted, "names no result")


def parse_ish_text(values: pd.Series, overrides: Mapping[str, str] | None = None) -> pd.DataFrame:
    return pd.DataFrame(ish_text_columns(values, overrides), index=values.index)


def ish_text_columns(values: pd.Series, overrides: Mapping[str, str] | None = None) -> dict[str, Any]:
    """``parse_ish_text`` as a dict of columns."""
    return distinct_columns(
        values,
        lambda raw: read_ish_text(raw, overrides),
        {"ish_text_kind": np.int8, "ish_text_group": np.int8, "ish_text_reading": object},
    )


# --- numbers -------------------------------------------------------------------------------

_UNITS = re.compile(
    r"(?:signals?|copies|copy number|dots)?\s*(?:/|per)\s*(?:cell|nucleus|nuclei)\b"
    r"|\b(?:signals?|copies|copy|cells?|nuclei|nucleus|percent|pct)\b|%|\bx\b"
)
_NUMBER = re.compile(r"^(<=|>=|=<|=>|<|>|=)?\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)$")
_DECIMAL_COMMA = re.compile(r"^([<>=]*\s*[+-]?\d*),(\d+)$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")
_SPAN = re.compile(r"^\d+(?:\.\d+)?\s*(?:-|to)\s*\d+(?:\.\d+)?$")


_NOT_FINITE = {"nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity"}


BOUND_OPERATORS = {"": 0, "<": 1, "<=": 2, ">": 3, ">=": 4}


class NumberReading(NamedTuple):
    value: float  # NaN unless kind is NUMBER (or RANGE: the bound)
    kind: int
    detail: str  # for messages: the comparison of a range, or why it is invalid
    operator: int = 0  # BOUND_OPERATORS code of a bound such as <1


def _ascii_digits(text: str) -> str:
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


@functools.lru_cache(maxsize=1 << 16)  # a chunked run meets the same spellings in every chunk
def read_number(raw: str, integer_thousands: bool = False) -> NumberReading:
    """Read a number as a lab writes it: decimal commas, units, ``>=2.0`` bounds. Never raises."""
    text = _ascii_digits(normalise(raw)).replace("\u066b", ".")
    if text.startswith("'"):  # a spreadsheet's "store as text" mark ('1.99), not part of the number
        text = text[1:].strip()
    if text in _NOT_FINITE:
        return NumberReading(math.nan, NumberKind.INVALID, "not a finite number")
    if _NO_RESULT.match(text):
        kind = NumberKind.BLANK if text == "" else NumberKind.NOT_DONE
        return NumberReading(math.nan, kind, "")
    if _PENDING.search(text):
        return NumberReading(math.nan, NumberKind.PENDING, "")
    text = _UNITS.sub(" ", text).strip().replace(" ", "")
    text = text.replace("=<", "<=").replace("=>", ">=")
    if integer_thousands and _THOUSANDS.match(text):
        text = text.replace(",", "")
    text = _DECIMAL_COMMA.sub(r"\1.\2", text)
    if _SPAN.match(text):
        return NumberReading(math.nan, NumberKind.RANGE, "a span, not one number")
    match = _NUMBER.match(text)
    if not match:
        return NumberReading(math.nan, NumberKind.INVALID, "not a number")
    value = float(match.group(2))
    if not math.isfinite(value):
        return NumberReading(math.nan, NumberKind.INVALID, "not a finite number")
    operator = match.group(1)
    if operator and operator != "=":
        return NumberReading(value, NumberKind.RANGE, f"a bound ({operator}{match.group(2)}), not a number",
                             BOUND_OPERATORS[operator])
    return NumberReading(value, NumberKind.NUMBER, "")


RECEPTOR_COLUMNS = ("er_percent", "pr_percent")


def read_receptor(raw: str) -> NumberReading:
    """ER or PR as an export gives it: a percentage, or a status word alone ("Positive", "neg",
    "positiv"), read as the bound it states (>= 1% or < 1%: the cut-off of the HR-positive flag,
    her2-rules.md section 4), never as a number; a row is not rejected for writing the status."""
    reading = read_number(raw)
    if reading.kind != NumberKind.INVALID:
        return reading
    words = read_words(normalise(raw))
    if (not words.readable or words.scores or words.numbers or words.plus_only or len(words.percents) > 1
            or any(t.tag not in ("positive", "negative") for t in words.terms)):
        return reading
    positive = words.said("positive", False) or words.said("negative", True)
    negative = words.said("negative", False) or words.said("positive", True)
    if positive == negative:
        return reading
    if words.percents:  # "Positive (90%)": the share, where the word agrees with it
        operator, value = words.percents[0]
        if not operator and 0 <= value <= 100 and (value >= 1) == positive:
            return NumberReading(value, NumberKind.NUMBER, "")
        return reading
    if positive:
        return NumberReading(1.0, NumberKind.RANGE, "a status word: >= 1%", BOUND_OPERATORS[">="])
    return NumberReading(1.0, NumberKind.RANGE, "a status word: < 1%", BOUND_OPERATORS["<"])


def parse_number(values: pd.Series, name: str, integer_thousands: bool = False) -> pd.DataFrame:
    """Columns ``name`` (float, NaN unless a number), ``name__kind``, ``name__detail``, and for a
    bound such as <1 its ``name__operator`` code (BOUND_OPERATORS) and ``name__bound`` value."""
    return pd.DataFrame(number_columns(values, name, integer_thousands), index=values.index)


def number_columns(values: pd.Series, name: str, integer_thousands: bool = False) -> dict[str, Any]:
    """``parse_number`` as a dict of columns."""
    return spread(*number_table(values, name, integer_thousands))


def number_table(values: pd.Series, name: str, integer_thousands: bool = False,
                 coded: tuple[np.ndarray, list[str]] | None = None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """``parse_number`` before it is spread: codes per row (as small an integer as fits, to be
    kept between a run's passes) and each column's value per distinct text."""
    reader = read_receptor if name in RECEPTOR_COLUMNS else (lambda raw: read_number(raw, integer_thousands))
    codes, table = distinct_table(
        values,
        reader,
        {name: np.float64, f"{name}__kind": np.int8, f"{name}__detail": object, f"{name}__operator": np.int8},
        coded,
    )
    bound = table[name]
    table[name] = np.where(table[f"{name}__kind"] != NumberKind.NUMBER, np.nan, bound)
    table[f"{name}__bound"] = bound
    return codes.astype(np.int16 if len(bound) <= np.iinfo(np.int16).max else np.int32), table


# --- probe and site ------------------------------------------------------------------------

def read_probe(raw: str) -> int:
    text = normalise(raw)
    if re.search(r"\bsingle\b|\bsingle-probe\b|\bmono\b", text):
        return Probe.SINGLE
    if re.search(r"\bdual\b|\bdual-probe\b|\btwo\b|cep ?17|\b2[- ]?probe", text):
        return Probe.DUAL
    return Probe.UNKNOWN


_ICD_BREAST = re.compile(r"\bc\s?50(?:\.?\d)?\b")
_ICD_GASTRO = re.compile(r"\bc\s?1[56](?:\.?\d)?\b")
_SITE_UNKNOWN = re.compile(r"^(?:unknown|not (?:stated|specified|known|given|recorded)|unspecified|n/?k|\?)$")
SITE_NAMES = {"breast": Site.BREAST, "gastroesophageal": Site.GASTROESOPHAGEAL, "other": Site.OTHER}


def read_site(raw: str, overrides: Mapping[str, str] | None = None) -> int:
    """Breast, gastroesophageal (section 6: ICD-O-3 C15/C16, GE junction spellings, six languages),
    other, or blank. Words of both kinds ('gastric metastasis of breast carcinoma') are OTHER: the
    run's default applies and the case goes to review rather than to a guessed rule set."""
    text = normalise(raw)
    if overrides and text in overrides:
        return read_site(overrides[text])
    if not text or _NO_RESULT.match(text) or _SITE_UNKNOWN.match(text):
        return Site.BLANK
    if text in SITE_NAMES:
        return SITE_NAMES[text]
    found = tags_in(text, "sites")
    if _ICD_BREAST.search(text):
        found.add("breast")
    if _ICD_GASTRO.search(text):
        found.add("gastroesophageal")
    if found == {"breast"}:
        return Site.BREAST
    if found == {"gastroesophageal"}:
        return Site.GASTROESOPHAGEAL
    return Site.OTHER


class SpecimenKind:
    """What a specimen type says about how IHC is scored at a gastroesophageal site (section 6)."""

    UNKNOWN, BIOPSY, RESECTION = 0, 1, 2


_RESECTION = re.compile(
    r"resect|ectomy\b|excision|exzis|surgical|operat|resektat|r[ée]section|resecci[oó]n|resezion|resectie"
    r"|ressec[cç][ãa]o|ivor\s*lewis|pi[eè]ce\s+op[ée]ratoire|op[-\s]?pr[äa]parat")
_BIOPSY = re.compile(r"biop|endoscop|gastroscop|\bogd\b|\begd\b|forceps|\bbx\b|\bpe\b|punch|cytolog")


def read_specimen_kind(raw: str) -> int:
    """Biopsy or resection, as the words of a specimen type say it (neither, or both: unknown). Section
    6 scores them differently: a cluster of >=5 cells in a biopsy, >=10% of cells in a resection."""
    text = normalise(raw)
    resection, biopsy = bool(_RESECTION.search(text)), bool(_BIOPSY.search(text))
    if resection == biopsy:
        return SpecimenKind.UNKNOWN
    return SpecimenKind.RESECTION if resection else SpecimenKind.BIOPSY


def parse_small(values: pd.Series, reader, name: str) -> np.ndarray:
    """An int8 code per row from a reader of one value (probe, site)."""
    return distinct_columns(values, lambda raw: (int(reader(raw)),), {name: np.int8})[name]


# --- dates ---------------------------------------------------------------------------------

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH_NAMES = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
_NAMED_DATE = re.compile(r"^(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -,]*(\d{4})$")


def _iso(year: int, month: int, day: int) -> str:
    import datetime as dt

    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return ""


def day_first_of(values: pd.Series) -> bool | None:
    """Whether d/m/y dates in this column put the day first: True, False, or None when unknowable."""
    firsts, seconds = [], []
    for text in pd.unique(values.dropna().astype(str)):
        match = _NUMERIC_DATE.match(text.strip())
        if match:
            firsts.append(int(match.group(1)))
            seconds.append(int(match.group(2)))
    day_first = any(f > 12 for f in firsts)
    month_first = any(s > 12 for s in seconds)
    if day_first == month_first:
        return None
    return day_first


@functools.lru_cache(maxsize=1 << 16)  # a chunked run meets the same dates in every chunk
def read_date(raw: str, day_first: bool | None) -> str:
    """ISO date, or '' when the text is no date or its day/month order cannot be known."""
    text = normalise(raw)
    for pattern in (_ISO_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = _NAMED_DATE.match(text)
    if match and match.group(2) in _MONTH_NAMES:
        return _iso(int(match.group(3)), _MONTH_NAMES[match.group(2)], int(match.group(1)))
    match = _NUMERIC_DATE.match(text)
    if match:
        first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
        year += 2000 if year < 100 and year < 70 else 1900 if year < 100 else 0
        if first == second:
            return _iso(year, first, second)
        if day_first is None:
            return ""
        return _iso(year, second, first) if day_first else _iso(year, first, second)
    return ""


def parse_dates(values: pd.Series, day_first: bool | type[Ellipsis] | None = ...) -> pd.Series:
    """ISO dates where readable (text kept as written elsewhere); day/month order per column,
    or as given (a chunked run decides it once over every chunk's dates)."""
    if day_first is ...:
        day_first = day_first_of(values)
    # each distinct text once: its ISO date, or the text as written ('' for missing)
    dates = distinct_columns(values, lambda raw: (read_date(raw, day_first) or raw,), {"date": object})["date"]
    return pd.Series(dates, index=values.index)

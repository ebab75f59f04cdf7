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
from typing import NamedTuple

import numpy as np
import pandas as pd

from her2batch.codes import IhcKind, IshKind, NumberKind, Probe, Site, ZeroSubtype
from her2batch.textnorm import map_distinct, normalise

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
    r"|ordered|available)|qns|quantity not sufficient|insufficient(?: \w+)*|cancel+ed|test cancel+ed"
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
_HER2_NAMES = re.compile(r"\b(?:c-?erb-?b-?2|erbb-?2|her-? ?2(?:/neu)?|neu|ihc|herceptest|score\s*:)")
_PERCENTS = re.compile(r"\d+(?:[.,]\d+)?\s*%|\d+\s*(?:-|to)\s*\d+\s*%")
_ULTRALOW = re.compile(
    r"ultra\s*-?\s*low|>\s*0\s*(?:but\s*)?(?:and\s*)?<\s*1\s*\+?"
    r"|0\s*with\s*(?:faint\s*|weak\s*)?(?:incomplete\s*)?(?:membrane\s*)?staining"
    r"|0\s*with\s*membrane"
)
_NULL = re.compile(
    r"\bnull\b|\bno\s*(?:membrane\s*)?staining\b|\babsent\b|\bcompletely negative\b|\bno expression\b"
)
_ZERO_PLUS = re.compile(r"(?<![\d.,<>])0\s*\+(?!\s*\d)")
_RANGE = re.compile(r"(?<![\d.,<>])([0-3])\s*\+?\s*(?:-|/|to|or)\s*\+?\s*([0-3])\s*\+?(?![\d%])")
_PLUS_SCORE = re.compile(r"(?<![\d.,<>])([0-3])\s*\+|(?<![\d+])\+\s*([0-3])(?![\d.,%])")
_LONE_DIGIT = re.compile(r"(?<![\d.,%/<>+-])([0-3])(?![\d.,%/+])")
_PLUS_ONLY = re.compile(r"^\(?\+{1,3}\)?$|^\+/-$")
_WORD_POS = re.compile(r"\bpos(?:itive)?\b")
_WORD_NEG = re.compile(r"\bneg(?:ative)?\b")
_WORD_EQUIV = re.compile(r"\bequiv(?:ocal)?\b|^eq$")
_WORD_LOW = re.compile(r"\blow\b")
_WORD_WEAK = re.compile(r"\bweak\b|\bfaint\b")
_WORD_HETERO = re.compile(r"\bheterogene|\bfocal\b|\bfocally\b|\bpatchy\b|\bborderline\b")


class IhcReading(NamedTuple):
    mask: int
    subtype: int
    kind: int
    reading: str  # how the value was read, for the explanation


def read_ihc(raw: str, overrides: Mapping[str, str] | None = None) -> IhcReading:
    """Read one IHC value as written. Never raises; unknown text is UNREADABLE."""
    text = normalise(raw)
    if overrides and text in overrides:
        text = normalise(overrides[text])
    quoted = f"'{raw.strip()}'"
    if _NO_RESULT.match(text):
        return IhcReading(0, 0, IhcKind.NONE, "no IHC result")
    if _PENDING.search(text):
        return IhcReading(0, 0, IhcKind.PENDING, f"IHC {quoted} (pending)")
    if _INDETERMINATE.search(text):
        return IhcReading(0, 0, IhcKind.INDETERMINATE, f"IHC {quoted} (indeterminate)")
    bare = _BARE_NUMBER.match(text)
    if bare:
        value = float(bare.group(1).replace(",", "."))
        if value in (0.0, 1.0, 2.0, 3.0):
            score = int(value)
            return IhcReading(score_mask(score), 0, IhcKind.SCORE, f"IHC {score_label(score)}")
        return IhcReading(ALL_SCORES, 0, IhcKind.UNREADABLE, f"IHC {quoted} (not a score)")
    if _EXCEL_DAMAGE.match(text):
        return IhcReading(ALL_SCORES, 0, IhcKind.UNREADABLE, f"IHC {quoted} (looks like spreadsheet damage)")

    text = _PERCENTS.sub(" ", _HER2_NAMES.sub(" ", text))
    subtype = ZeroSubtype.UNKNOWN
    if _ULTRALOW.search(text):
        subtype, text = ZeroSubtype.ULTRALOW, _ULTRALOW.sub(" 0 ", text)
    elif _NULL.search(text):
        subtype, text = ZeroSubtype.NULL, _NULL.sub(" 0 ", text)

    ranged = _RANGE.search(text)
    if ranged:
        low, high = sorted((int(ranged.group(1)), int(ranged.group(2))))
        mask = score_mask(*range(low, high + 1))
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} ({_either(mask)})")
    if subtype == ZeroSubtype.UNKNOWN and _ZERO_PLUS.search(text) and not _PLUS_SCORE.search(
        _ZERO_PLUS.sub(" ", text)
    ):
        return IhcReading(score_mask(0), 0, IhcKind.ZERO_PLUS, f"IHC {quoted} (0 or ultralow: the lab's meaning is not set)")

    scores = {int(a or b) for a, b in _PLUS_SCORE.findall(text)}
    scores |= {int(d) for d in _LONE_DIGIT.findall(_PLUS_SCORE.sub(" ", text))}
    if subtype != ZeroSubtype.UNKNOWN:
        scores.add(0)
    positive, negative = bool(_WORD_POS.search(text)), bool(_WORD_NEG.search(text))
    equivocal = bool(_WORD_EQUIV.search(text))

    if len(scores) > 1 or (scores and _WORD_HETERO.search(text)):
        mask = score_mask(*range(min(scores), max(scores) + 1))
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (heterogeneous: {_either(mask)})")
    if len(scores) == 1:
        (score,) = scores
        conflict = (
            (negative and score >= 2) or (positive and score != 3) or (equivocal and score != 2)
        )
        if conflict:
            implied = 3 if positive else 2 if equivocal else 1
            mask = score_mask(score, implied) | (score_mask(0, 1) if negative else 0)
            return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (words and score disagree)")
        label = score_label(score)
        if subtype == ZeroSubtype.ULTRALOW:
            label += " (ultralow)"
        elif subtype == ZeroSubtype.NULL:
            label += " (null)"
        return IhcReading(score_mask(score), int(subtype), IhcKind.SCORE, f"IHC {label}")
    if _PLUS_ONLY.match(text.strip()):
        return IhcReading(ALL_SCORES, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (plus notation, no score)")
    if _WORD_HETERO.search(text):
        return IhcReading(ALL_SCORES, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} (no single score)")
    if _WORD_WEAK.search(text) or _WORD_LOW.search(text):
        mask = score_mask(1, 2)
        return IhcReading(mask, 0, IhcKind.AMBIGUOUS, f"IHC {quoted} ({_either(mask)})")
    if equivocal and not (positive or negative):
        return IhcReading(score_mask(2), 0, IhcKind.SCORE, "IHC 2+ (written as equivocal)")
    if negative and not positive:
        return IhcReading(score_mask(0, 1), 0, IhcKind.NEGATIVE_UNSCORED, f"IHC {quoted} (negative, no score)")
    if positive and not negative:
        return IhcReading(score_mask(3), 0, IhcKind.POSITIVE_UNSCORED, f"IHC {quoted} (read as 3+)")
    return IhcReading(ALL_SCORES, 0, IhcKind.UNREADABLE, f"IHC {quoted} (not recognised)")


def _either(mask: int) -> str:
    return " or ".join(score_label(s) for s in mask_scores(mask))


def parse_ihc(values: pd.Series, overrides: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Columns ihc_mask, ihc_subtype, ihc_kind (int8) and ihc_reading (text), one row per value."""
    parsed = map_distinct(
        values,
        lambda raw: read_ihc(raw, overrides),
        {"ihc_mask": np.int8, "ihc_subtype": np.int8, "ihc_kind": np.int8, "ihc_reading": object},
    )
    return parsed


# --- ISH text ------------------------------------------------------------------------------

_GROUP = re.compile(r"\b(?:group|grp|gr)\.?\s*(?:#\s*)?([1-5]|i{1,3}|iv|v)\b")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
_NOT_AMPLIFIED = re.compile(
    r"\b(?:not|non|no|un)[\s-]*amp(?:lified|lification)?\b|\bneg(?:ative)?\b|\bnormal\b"
)
_AMPLIFIED = re.compile(r"\bamp(?:lified|lification)?\b|\bpos(?:itive)?\b")
_EQUIVOCAL = re.compile(r"\bequiv(?:ocal)?\b|\bborderline\b")


class IshReading(NamedTuple):
    kind: int
    group: int  # 1-5 when a group is written, else 0
    reading: str


def read_ish_text(raw: str, overrides: Mapping[str, str] | None = None) -> IshReading:
    """Read an ISH result written as text (section 7). Never raises."""
    text = normalise(raw)
    if overrides and text in overrides:
        text = normalise(overrides[text])
    quoted = f"'{raw.strip()}'"
    if _NO_RESULT.match(text):
        return IshReading(IshKind.NONE, 0, "")
    if _PENDING.search(text):
        return IshReading(IshKind.PENDING, 0, f"ISH {quoted} (pending)")
    if _INDETERMINATE.search(text):
        return IshReading(IshKind.INDETERMINATE, 0, f"ISH {quoted} (indeterminate)")
    group = _GROUP.search(text)
    if group:
        token = group.group(1)
        number = int(token) if token.isdigit() else _ROMAN[token]
        return IshReading(IshKind.GROUP, number, f"ISH written as group {number}")
    if _NOT_AMPLIFIED.search(text):
        return IshReading(IshKind.NOT_AMPLIFIED, 0, f"ISH {quoted} (not amplified)")
    if _EQUIVOCAL.search(text):
        return IshReading(IshKind.EQUIVOCAL, 0, f"ISH {quoted} (equivocal)")
    if _AMPLIFIED.search(text):
        return IshReading(IshKind.AMPLIFIED, 0, f"ISH {quoted} (amplified)")
    return IshReading(IshKind.UNREADABLE, 0, f"ISH {quoted} (not recognised)")


def parse_ish_text(values: pd.Series, overrides: Mapping[str, str] | None = None) -> pd.DataFrame:
    return map_distinct(
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


def parse_number(values: pd.Series, name: str, integer_thousands: bool = False) -> pd.DataFrame:
    """Columns ``name`` (float, NaN unless a number), ``name__kind``, ``name__detail``, and for a
    bound such as <1 its ``name__operator`` code (BOUND_OPERATORS) and ``name__bound`` value."""
    parsed = map_distinct(
        values,
        lambda raw: read_number(raw, integer_thousands),
        {name: np.float64, f"{name}__kind": np.int8, f"{name}__detail": object, f"{name}__operator": np.int8},
    )
    parsed[f"{name}__bound"] = parsed[name]
    not_number = parsed[f"{name}__kind"].to_numpy() != NumberKind.NUMBER
    parsed.loc[not_number, name] = np.nan
    return parsed


# --- probe and site ------------------------------------------------------------------------

def read_probe(raw: str) -> int:
    text = normalise(raw)
    if re.search(r"\bsingle\b|\bsingle-probe\b|\bmono\b", text):
        return Probe.SINGLE
    if re.search(r"\bdual\b|\bdual-probe\b|\btwo\b|cep ?17|\b2[- ]?probe", text):
        return Probe.DUAL
    return Probe.UNKNOWN


_BREAST = re.compile(r"\bbreast|\bmamm|\bc50\b|^brst$|^br$")
_GASTRO = re.compile(
    r"gastr|stomach|o?esophag|oesoph|\bgej\b|\begj\b|cardia|\bc1[56](?:\.\d)?\b|\bgea\b"
)


def read_site(raw: str) -> int:
    text = normalise(raw)
    if not text or _NO_RESULT.match(text):
        return Site.BLANK
    if _BREAST.search(text):
        return Site.BREAST
    if _GASTRO.search(text):
        return Site.GASTROESOPHAGEAL
    return Site.OTHER


def parse_small(values: pd.Series, reader, name: str) -> np.ndarray:
    """An int8 code per row from a reader of one value (probe, site)."""
    return map_distinct(values, lambda raw: (int(reader(raw)),), {name: np.int8})[name].to_numpy()


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
    iso = map_distinct(values, lambda raw: (read_date(raw, day_first),), {"date": object})["date"]
    return iso.where(iso != "", values.fillna("").astype(object))

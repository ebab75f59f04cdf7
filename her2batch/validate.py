"""The reject mask and its reasons, row by row, built from pandera's failure cases.

Nothing is dropped here: every row gets either an empty reason (accepted) or the reasons it
cannot be a case, each naming the column and the value ('blank' rather than an empty string).
"""

from __future__ import annotations

import operator
import re

import numpy as np
import pandas as pd
import pandera.pandas as pa

from her2batch.schema import ROW_SCHEMA
from her2batch.understand.fields import NUMBER_COLUMNS

# check name -> reason template; {column}, {raw} (the text as written) and {value} (parsed)
TEMPLATES = {
    "present": "{column}: blank",
    "not_nullable": "{column}: blank",
    "not_equal_to(5)": "{column}: not a number ({raw})",
    "greater_than(0)": "{column}: not above 0 ({raw})",
    "greater_than_or_equal_to(0)": "{column}: below 0 ({raw})",
    "greater_than_or_equal_to(1)": "{column}: below 1 ({raw})",
    "less_than(100)": "{column}: 100 or more ({raw})",
    "less_than_or_equal_to(100)": "{column}: above 100 ({raw})",
    "less_than_or_equal_to(1000000)": "{column}: more than 1,000,000 ({raw})",
    "whole_number": "{column}: not a whole number ({raw})",
}
MAX_ECHO = 40


class FileProblem(Exception):
    """A failure that belongs to no row (a missing column): the whole input is unusable."""


def echo(raw: object) -> str:
    """A raw value as a reason quotes it: 'blank' for empty, shortened, without control characters."""
    if raw is None or raw is pd.NA or (isinstance(raw, float) and raw != raw):
        return "blank"
    text = "".join(c if c.isprintable() else " " for c in str(raw)).strip()
    if not text:
        return "blank"
    return repr(text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…")


def reject_reasons(raw: pd.DataFrame, parsed: pd.DataFrame) -> pd.Series:
    """'' for a row that can be a case, else its reasons joined by '; ' (index of ``raw``)."""
    frame = pd.DataFrame(index=raw.index)
    frame["case_id"] = raw["case_id"] if "case_id" in raw else pd.Series(pd.NA, index=raw.index, dtype="string")
    for name in NUMBER_COLUMNS:
        frame[name] = parsed[name]
        frame[f"{name}__kind"] = parsed[f"{name}__kind"]
    reasons = pd.Series("", index=raw.index, dtype=object)
    failures = _failures(frame)
    if not failures:
        return reasons

    messages: list[pd.Series] = []
    for column, check, index in failures:
        column = str(column).removesuffix("__kind")
        template = TEMPLATES.get(str(check), "{column}: fails " + str(check) + " ({raw})")
        raw_values = raw[column].reindex(index) if column in raw else pd.Series(pd.NA, index=index)
        codes, uniques = pd.factorize(raw_values.astype(object), use_na_sentinel=False)
        texts = pd.Series([template.format(column=column, raw=echo(u)) for u in uniques], dtype=object)
        messages.append(pd.Series(texts.to_numpy()[codes], index=index))
    joined = pd.concat(messages)
    repeated = joined.index.duplicated(keep=False)
    if repeated.any():  # a row failing more than one check: its reasons joined in check order
        joined = pd.concat([joined[~repeated], joined[repeated].groupby(level=0, sort=False).agg("; ".join)])
    reasons.loc[joined.index] = joined
    return reasons


# built-in pandera checks by name: (numpy operator, the statistic it compares with)
_BUILT_IN = {
    "greater_than": (operator.gt, "min_value"),
    "greater_than_or_equal_to": (operator.ge, "min_value"),
    "less_than": (operator.lt, "max_value"),
    "less_than_or_equal_to": (operator.le, "max_value"),
    "not_equal_to": (operator.ne, "value"),
    "equal_to": (operator.eq, "value"),
}


Failure = tuple[str, str, pd.Index]  # column, check (as pandera names it), the failing rows' labels


def _failures(frame: pd.DataFrame) -> list[Failure]:
    """What ROW_SCHEMA.validate(frame, lazy=True) reports, in its order (per column in schema
    order: a missing value of a column that must have one, then each check), paid only where a
    row could fail: the column types are validated by pandera once per set of types (on no rows),
    then the schema's own Check objects run on the suspect rows of each column. Anything unusual
    (a type that fails, a check that raises) validates the whole frame with pandera instead."""
    suspects = _suspects(frame)
    types = tuple((name, str(frame[name].dtype)) for name in ROW_SCHEMA.columns) if suspects is not None else ()
    if suspects is not None and (types in _TYPES_PASSED or _types_pass(frame)):
        _TYPES_PASSED.add(types)
        try:
            return _checked(frame, suspects)
        except Exception:  # pandera's own run below reports it as it always has
            pass
    try:
        ROW_SCHEMA.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    if failures["index"].isna().any():
        problem = failures.loc[failures["index"].isna()].iloc[0]
        raise FileProblem(f"{problem['column']}: {problem['check']}")
    return [(str(column), str(check), pd.Index(group["index"].astype("int64")))
            for (column, check), group in failures.groupby(["column", "check"], sort=False)]


def _checked(frame: pd.DataFrame, suspects: dict[str, np.ndarray]) -> list[Failure]:
    found: list[Failure] = []
    for name, column in ROW_SCHEMA.columns.items():
        if not len(suspects[name]):
            continue
        values = frame[name].iloc[suspects[name]]
        if not column.nullable:
            missing = values.isna().to_numpy()
            if missing.any():
                found.append((name, "not_nullable", values.index[missing]))
        for check in column.checks:  # a check leaves out missing values itself (ignore_na)
            output = check(values).check_output
            failed = output.index[~output.to_numpy(dtype=bool)]
            if len(failed):
                found.append((name, check.error or check.name or str(check), failed))
    return found


_TYPES_PASSED: set[tuple[tuple[str, str], ...]] = set()


def _types_pass(frame: pd.DataFrame) -> bool:
    try:
        ROW_SCHEMA.validate(frame.iloc[:0], lazy=True)
        return True
    except pa.errors.SchemaErrors:
        return False


def _suspects(frame: pd.DataFrame) -> dict[str, np.ndarray] | None:
    """Per schema column, the positions of the rows that may fail its checks, found with numpy on
    the parsed values (the same comparisons as the schema's checks; missing values pass where the
    schema ignores them). None when a column is missing or a check is unknown here: then the whole
    frame is validated. Only pandera's verdict counts, so a row found here that passes is harmless."""
    if not all(name in frame.columns for name in ROW_SCHEMA.columns):
        return None
    found: dict[str, np.ndarray] = {}
    for name, column in ROW_SCHEMA.columns.items():
        values = frame[name]
        missing = values.isna().to_numpy()
        suspect = missing.copy() if not column.nullable else np.zeros(len(frame), dtype=bool)
        for check in column.checks:
            if not check.ignore_na or check.element_wise:
                return None
            if check.name in _BUILT_IN:
                compare, statistic = _BUILT_IN[check.name]
                with np.errstate(invalid="ignore"):
                    passed = compare(values.to_numpy(), check.statistics[statistic])
            elif callable(function := getattr(check, "_check_fn", None)):  # a custom vectorised check
                try:
                    passed = np.asarray(function(values), dtype=bool)
                except Exception:  # pandera reports a check that cannot run: validate it all there
                    return None
            else:
                return None
            suspect |= ~(np.asarray(passed, dtype=bool) | missing)
        found[name] = np.flatnonzero(suspect)
    return found


_QUOTED_VALUE = re.compile(r""" \((?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)""")


def hide_values(reasons: pd.Series) -> pd.Series:
    """Reasons as a terminal may show them: each quoted value (see ``echo``) left out, so a shifted
    column never prints a patient identifier. 'blank' stays: it is no value."""
    return reasons.astype(object).map(lambda text: _QUOTED_VALUE.sub("", text))

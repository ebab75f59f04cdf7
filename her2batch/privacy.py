"""What leaves the machine: keyed pseudonyms, dropped columns, and CSV cells that cannot run.

Pseudonyms are HMAC-SHA256 of the value under a secret key, so the same patient gets the same
pseudonym in every run (files can still be joined) and nobody without the key can reverse or
recompute them. The key never comes from the command line (it would sit in shell history and
the process list): it comes from an environment variable or a key file.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.understand.headers import header_key

KEY_VARIABLE = "HER2BATCH_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
PSEUDONYM_PREFIX = "ps_"


class PrivacyError(ValueError):
    """A privacy option that cannot be honoured: the run must not go ahead."""


def load_key(key_file: str | Path | None) -> bytes:
    """The pseudonymisation key from --key-file or $HER2BATCH_PSEUDONYM_KEY; refuse without one."""
    if key_file is not None:
        try:
            key = Path(key_file).read_bytes().strip()
        except OSError as problem:
            raise PrivacyError(f"key file {key_file}: cannot be read ({type(problem).__name__})") from problem
    else:
        key = os.environ.get(KEY_VARIABLE, "").strip().encode("utf-8")
    if not key:
        raise PrivacyError(f"--pseudonymize needs a key: set {KEY_VARIABLE} or pass --key-file FILE "
                           "(never the key itself on the command line)")
    if len(key) < MIN_KEY_BYTES:
        raise PrivacyError(f"the pseudonymisation key must be at least {MIN_KEY_BYTES} bytes")
    return key


def pseudonym(value: str, key: bytes) -> str:
    digest = hmac.new(key, value.strip().encode("utf-8"), hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:32]


def pseudonymise(frame: pd.DataFrame, columns: Iterable[str], key: bytes) -> pd.DataFrame:
    """Replace every non-blank value of ``columns`` by its pseudonym (once per distinct value)."""
    out = frame.copy()
    for name in columns:
        if name not in out:
            continue
        text = out[name].astype("string")
        codes, uniques = pd.factorize(text.fillna(""), sort=False)
        replaced = np.array([pseudonym(u, key) if str(u).strip() else "" for u in uniques] or [""], dtype=object)
        out[name] = pd.array(replaced[codes], dtype="string") if len(codes) else text
    return out


def columns_to_drop(frame_columns: Iterable[str], names: Iterable[str], carriers: Mapping[str, set[str]]) -> list[str]:
    """Columns named (by their header, ignoring case and punctuation, or by a canonical name,
    which also drops the input columns that carry it)."""
    wanted = {header_key(n) for n in names}
    dropped = []
    for column in frame_columns:
        if header_key(column) in wanted:
            dropped.append(column)
    for canonical, carried in carriers.items():
        if header_key(canonical) in wanted:
            dropped += [c for c in carried if c in frame_columns and c not in dropped]
    return dropped


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?"  # '-1.2', '+3': left alone
_FORMULA_BYTE = np.zeros(256, dtype=bool)
_FORMULA_BYTE[[ord(c) for c in FORMULA_START]] = True


def escape_formulas(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """OWASP CSV injection guidance: text cells that a spreadsheet would run as a formula get a
    leading apostrophe. Plain numbers ('-1.2', '+3') are left alone. Returns the count changed."""
    out, changed = frame, 0
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column.dtype) or column.dtype == bool:
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):  # look at the few categories, not every row
            categories = pd.Series(column.cat.categories.astype(str))
            if not categories.str.startswith(FORMULA_START).any():
                continue
        text = column.astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False)
        if not risky.any():
            continue
        number = text.str.strip().str.fullmatch(PLAIN_NUMBER).fillna(False)
        risky &= ~number
        if risky.any():
            if out is frame:
                out = frame.copy()
            out[name] = text.where(~risky, "'" + text)
            changed += int(risky.sum())
    return out, changed


def escape_formula_cells(values: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """``escape_formulas`` on one column of text in Arrow (large_string), for the CSV writer:
    the values with the apostrophe added, and which values were changed. Only the values whose
    first byte is a formula lead are looked at in pandas, with escape_formulas' own test."""
    from her2batch.reports.csvtext import all_bytes, edge_bytes, valid

    changed = np.zeros(len(values), dtype=bool)
    text = all_bytes(values)
    if not any(lead.encode() in text for lead in FORMULA_START):
        return values, changed
    first, _, filled = edge_bytes(values)
    risky = np.flatnonzero(_FORMULA_BYTE[first] & filled & valid(values))
    if not len(risky):
        return values, changed
    text = pd.Series(values.take(pa.array(risky)).to_pylist(), dtype="string")
    number = text.str.strip().str.fullmatch(PLAIN_NUMBER).fillna(False).to_numpy(dtype=bool)
    changed[risky[~number]] = True
    if not changed.any():
        return values, changed
    mask = pa.array(changed)
    escaped = pc.binary_join_element_wise(pa.scalar("'", values.type), values.filter(mask), pa.scalar("", values.type))
    return pc.replace_with_mask(values, mask, escaped), changed


PROTECTED = frozenset({"case_id", "source_file", "source_row", "source_sheet", "reasons"})


def check_drop(names: Iterable[str], annotation_columns: Iterable[str]) -> None:
    keep = {header_key(n) for n in (*PROTECTED, *annotation_columns)}
    refused = [n for n in names if header_key(n) in keep]
    if refused:
        raise PrivacyError(f"--drop-columns cannot drop {', '.join(refused)}: outputs need it "
                           "(pseudonymise case_id with --pseudonymize-case-id instead)")


def protect_frame(frame: pd.DataFrame, settings, carriers: Mapping[str, set[str]], key: bytes | None) -> pd.DataFrame:
    """--drop-columns and --pseudonymize applied to one output frame (a whole one or a chunk)."""
    if settings.drop_columns:
        frame = frame.drop(columns=columns_to_drop(frame.columns, settings.drop_columns, carriers))
    if settings.pseudonymize or settings.pseudonymize_case_id:
        if key is None:
            raise PrivacyError("pseudonymisation needs a key")
        targets = set(carriers.get("patient_id", ())) if settings.pseudonymize else set()
        if settings.pseudonymize_case_id:
            targets |= set(carriers.get("case_id", ()))
        frame = pseudonymise(frame, targets, key)
    return frame


def protect(result, key: bytes | None) -> None:
    """Apply --drop-columns and --pseudonymize to every output frame of ``result``, in place
    (a streamed run's cases were protected chunk by chunk as they were written)."""
    if getattr(result, "streamed", None) is None:
        result.cases = protect_frame(result.cases, result.settings, result.carriers, key)
    result.rejects = protect_frame(result.rejects, result.settings, result.carriers, key)

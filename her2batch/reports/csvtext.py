"""The text of a CSV file, built column by column in Arrow (no Python loop over rows).

Each cell is formatted as pyarrow's CSV writer formatted it before (numbers and booleans by
pyarrow's cast to text: 1.5, 1e+16, true; text as it is), formula-like text escaped
(privacy.escape_formula_cells) and quoted only where a reader needs it: a value holding a quote,
comma, CR or LF, one that starts or ends with a space or a tab, and empty text. Empty text is
written "" and a missing value as nothing, as before: the two stay apart for a reader that tells
them apart (pyarrow with quoted_strings_can_be_null=False); Python's csv module, pandas and Excel
read both as empty, as before. Everything else is written bare, which the same readers read back
to the same values; the old writer quoted every text value (cases.csv 507 MB at a million rows).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

TEXT = pa.large_string()
_EMPTY = pa.scalar("", TEXT)
_QUOTE = pa.scalar('"', TEXT)
_STRUCTURAL = ('"', ",", "\r", "\n")
_EDGE = np.zeros(256, dtype=bool)
_EDGE[[ord(" "), ord("\t")]] = True


def arrow_type(dtype) -> pa.DataType:
    """The type a column is written as (fixed by a file's first chunk): booleans, integers,
    floats; anything else as text."""
    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    return pa.string()


@dataclass
class Cells:
    """One column of a batch as text (null = missing), taken at ``codes`` when given (a
    categorical column's categories, each handled once); ``text``: escaped and quoted as text
    (numbers and booleans never need quotes)."""

    values: pa.Array
    codes: np.ndarray | None = None
    text: bool = True

    def fields(self) -> pa.Array:
        """The column as the row joiner takes it (see ``fields``)."""
        if self.codes is None:
            return fields(self.values, self.text)
        # the categories' fields, one more for a missing value, spread over the rows
        spread = pa.concat_arrays([fields(self.values, self.text), pa.array([""], TEXT)])
        codes = np.where(self.codes < 0, len(self.values), self.codes)
        return spread.take(pa.array(codes))


def _whole(array: pa.Array | pa.ChunkedArray) -> pa.Array:
    if isinstance(array, pa.ChunkedArray):
        return array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    return array


def _string_categories(column: pd.Series) -> bool:
    if not isinstance(column.dtype, pd.CategoricalDtype):
        return False
    categories = column.cat.categories
    return pd.api.types.is_string_dtype(categories.dtype) and (
        categories.dtype != object or pd.api.types.infer_dtype(categories, skipna=False) in ("string", "empty"))


def cells(column: pd.Series, target: pa.DataType) -> Cells:
    """A column in the file's type ``target`` as text, as the old writer converted it
    (``astype("string")`` for text; categories of text converted once, not per row)."""
    if target != pa.string():
        array = _whole(pa.array(column, type=target, from_pandas=True))
        return Cells(pc.cast(array, TEXT), text=False)
    if _string_categories(column):
        categories = column.cat.categories
        values = _whole(pa.array(pd.Series(categories, dtype=object).astype("string"), type=TEXT, from_pandas=True))
        return Cells(values, np.asarray(column.cat.codes, dtype=np.int64))
    return Cells(_whole(pa.array(column.astype("string"), type=TEXT, from_pandas=True)))


def is_text(column: pd.Series) -> bool:
    """Whether formula escaping looks at this column (privacy.escape_formulas: not numbers or booleans)."""
    return not (pd.api.types.is_numeric_dtype(column.dtype) or column.dtype == bool)


def offsets(values: pa.Array) -> np.ndarray:
    """The value offsets of a large_string array (len + 1 of them), without a copy."""
    return np.frombuffer(values.buffers()[1], dtype=np.int64)[values.offset : values.offset + len(values) + 1]


def value_bytes(values: pa.Array) -> np.ndarray:
    data = values.buffers()[2]
    return np.frombuffer(data, dtype=np.uint8) if data is not None and data.size else np.zeros(1, dtype=np.uint8)


def valid(values: pa.Array) -> np.ndarray:
    if values.null_count == 0:
        return np.ones(len(values), dtype=bool)
    return values.is_valid().to_numpy(zero_copy_only=False)


def edge_bytes(values: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each value's first and last byte (0 for an empty value) and whether it has any."""
    ends = offsets(values)
    data = value_bytes(values)
    filled = ends[1:] > ends[:-1]
    first = data[np.minimum(ends[:-1], len(data) - 1)]
    last = data[np.maximum(ends[1:] - 1, 0)]
    return np.where(filled, first, 0), np.where(filled, last, 0), filled


def all_bytes(values: pa.Array) -> bytes:
    """The values' bytes, one after another (a copy: searched at memchr speed)."""
    ends = offsets(values)
    return value_bytes(values)[ends[0] : ends[-1]].tobytes() if len(values) else b""


def needs_quotes(values: pa.Array) -> np.ndarray:
    """Per value: whether it holds a quote, comma, CR or LF or starts or ends with a space or a
    tab. The values' bytes are searched for each character first (memchr speed); only where one
    occurs are the values holding it found, by position."""
    needed = np.zeros(len(values), dtype=bool)
    text = all_bytes(values)
    if not text:
        return needed
    if b" " in text or b"\t" in text:
        first, last, _ = edge_bytes(values)
        needed = _EDGE[first] | _EDGE[last]
    ends = offsets(values)
    for char in _STRUCTURAL:
        if char.encode() in text:  # (an ASCII byte is never part of a longer UTF-8 character)
            at = np.flatnonzero(np.frombuffer(text, dtype=np.uint8) == ord(char)) + ends[0]
            needed[np.searchsorted(ends, at, side="right") - 1] = True
    return needed & valid(values)


def fields(values: pa.Array, text: bool = True) -> pa.Array:
    """CSV fields for the row joiner (``lines``): with ``text``, the values that need it quoted
    (inner quotes doubled); then empty text as null, which the joiner writes as "", and a
    missing value as empty text, which it writes as nothing."""
    if values.null_count and np.diff(offsets(values))[~valid(values)].any():  # a missing value must hold no bytes
        values = values.take(pa.array(np.arange(len(values))))  # (a copy whose missing values are empty)
    if text:
        needed = needs_quotes(values)
        if needed.any():
            mask = pa.array(needed)
            chosen = pc.replace_substring(values.filter(mask), '"', '""')
            values = pc.replace_with_mask(values, mask, pc.binary_join_element_wise(_QUOTE, chosen, _QUOTE, _EMPTY))
    ends = offsets(values)
    empty = valid(values) & (ends[1:] == ends[:-1]) if text else np.zeros(len(values), dtype=bool)
    bitmap = pa.py_buffer(np.packbits(~empty, bitorder="little")) if empty.any() else None
    data = values.buffers()[2] or pa.py_buffer(b"")
    return pa.Array.from_buffers(TEXT, len(values), [bitmap, values.buffers()[1].slice(values.offset * 8), data],
                                 null_count=int(empty.sum()))


def field(name: str) -> str:
    """A header cell, quoted as a value would be, and also when it starts with U+FEFF (at the
    start of the file a reader would take it for a byte order mark and drop it)."""
    if name.startswith("\ufeff"):
        return '"' + name.replace('"', '""') + '"'
    (cell,) = fields(pa.array([name], TEXT)).to_pylist()
    return '""' if cell is None else cell


def lines(columns: list[pa.Array]) -> pa.Array:
    """One text per row: the fields (``fields``) joined by commas, ending in a line feed. Their
    bytes follow each other in one buffer: the file's text (``text_buffer``)."""
    last = pc.binary_join_element_wise(columns[-1], _EMPTY, pa.scalar("\n", TEXT),
                                       null_handling="replace", null_replacement='""')
    if len(columns) == 1:
        return last
    return pc.binary_join_element_wise(*columns[:-1], last, pa.scalar(",", TEXT),
                                       null_handling="replace", null_replacement='""')


def text_buffer(rows: pa.Array) -> pa.Buffer:
    """The bytes of all ``rows`` (no copy)."""
    ends = offsets(rows)
    if not len(rows) or ends[-1] == ends[0]:
        return pa.py_buffer(b"")
    return rows.buffers()[2].slice(int(ends[0]), int(ends[-1] - ends[0]))

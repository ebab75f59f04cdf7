"""The text reader and CSV writer as they were before the performance round (issue 13 item 3),
kept as oracles: tests check that the faster code gives the same tables, row numbers, rejects and
cell values on generated inputs. Not used by the product."""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from her2batch.read import encoding as encodings
from her2batch.read.sources import (
    HEADER_SEARCH_ROWS,
    InputError,
    ReadOptions,
    Source,
    Table,
    _looks_binary,
    _no_header_message,
    finish_table,
    header_width,
    locate_header,
    sniff_delimiter,
    text_lines,
    unique_names,
)

_LINE_BREAK = r"\r\n|\r|\n"


def read_text(source: Source, data: bytes, config_columns: Mapping[str, str] | None,
              options: ReadOptions = ReadOptions()) -> None:  # noqa: B008
    text, found = encodings.decode(data, options.encoding)
    source.encoding, source.encoding_confidence = found.encoding, found.confidence
    if _looks_binary(text, source.encoding):
        raise InputError("does not look like a text export (binary content)")
    if found.confidence < encodings.LOW_CONFIDENCE:
        source.warnings.append(
            f"{source.display}: encoding guessed as {found.encoding} with low confidence ({found.confidence:.2f}); "
            "if names look wrong in the outputs, set [run] encoding = \"...\" in --config")
    if "\x00" in text:
        source.notes.append(f"{text.count(chr(0))} NUL characters removed")
        text = text.replace("\x00", "")
    source.delimiter = sniff_delimiter(text, source.path.suffix.lower())
    table = read_delimited(text, source.delimiter, config_columns, options)
    if table is None:
        prefix = list(itertools.islice(csv.reader(text_lines(text), delimiter=source.delimiter),
                                       HEADER_SEARCH_ROWS))
        raise InputError(_no_header_message(prefix, config_columns))
    table = finish_table(table, config_columns, options)
    source.notes.extend(table.notes)
    source.tables.append(table)


def read_delimited(text: str, delimiter: str, config_columns: Mapping[str, str] | None,
                   options: ReadOptions = ReadOptions()) -> Table | None:  # noqa: B008
    reader = csv.reader(text_lines(text), delimiter=delimiter)
    prefix, ends = [], []
    for record in itertools.islice(reader, HEADER_SEARCH_ROWS):
        prefix.append(record)
        ends.append(reader.line_num)
    found = locate_header(prefix, np.asarray(ends), config_columns, options.header_rows)
    if found is None:
        return None
    index, header_map = found.index, found.header_map
    last = index + found.depth - 1
    header = found.labels
    first_data_line = ends[last] + 1
    names = [f"c{i}" for i in range(len(header))]

    invalid: list[tuple[int, str]] = []

    def set_aside(row) -> str:
        invalid.append((row.number, row.text))
        return "skip"

    body = pacsv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        read_options=pacsv.ReadOptions(skip_rows=last + 1, column_names=names, use_threads=False,
                                       block_size=1 << 24),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                         newlines_in_values='"' in text, ignore_empty_lines=False,
                                         invalid_row_handler=set_aside),
        convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.large_string()),
                                             strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    columns = [body.column(i) for i in range(len(names))]
    count = body.num_rows + len(invalid)
    invalid_at = np.array([number - last - 2 for number, _ in invalid], dtype=np.int64)
    valid_at = np.setdiff1d(np.arange(count, dtype=np.int64), invalid_at, assume_unique=True)

    breaks = np.zeros(count, dtype=np.int64)
    if '"' in text:
        for column in columns:
            breaks[valid_at] += pc.count_substring_regex(column, _LINE_BREAK).to_numpy(zero_copy_only=False)
        for at, (_, raw) in zip(invalid_at, invalid, strict=True):
            breaks[at] = len(re.findall(_LINE_BREAK, raw))
    lines = first_data_line + np.arange(count) + np.concatenate(([0], np.cumsum(breaks)[:-1]))

    width = header_width(header, header_map)
    blank = np.ones(body.num_rows, dtype=bool)
    beyond = np.zeros(body.num_rows, dtype=bool)
    for position, column in enumerate(columns):
        empty = pc.equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False)
        blank &= empty
        if position >= width:
            beyond |= ~empty
    frame = body.select(names[:width]).to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = unique_names(header[:width])

    ragged = [(int(lines[at]), f"row has values beyond the last of the {width} header columns",
               [str(v) for v in frame.iloc[i]] + [str(c[i]) for c in columns[width:]])
              for i, at in zip(np.flatnonzero(beyond), valid_at[beyond], strict=True)]
    keep = ~blank & ~beyond
    if not keep.all():
        frame, kept_at = frame.loc[keep], valid_at[keep]
    else:
        kept_at = valid_at

    repaired, repaired_at = [], []
    for at, (_, raw) in zip(invalid_at, invalid, strict=True):
        cells = next(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter), [])
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            repaired.append(cells[:width])
            repaired_at.append(at)
        else:
            ragged.append((int(lines[at]), f"row has {len(cells)} cells, the header has {width}", cells))
    if repaired:
        extra = pd.DataFrame(repaired, columns=frame.columns, dtype=pd.StringDtype("pyarrow"))
        frame = pd.concat([frame, extra], ignore_index=True)
        kept_at = np.concatenate([kept_at, repaired_at])
        order = np.argsort(kept_at, kind="stable")
        frame, kept_at = frame.iloc[order], kept_at[order]
    ragged.sort(key=lambda r: r[0])
    frame = frame.reset_index(drop=True)
    header_row = ends[last] - sum(len(re.findall(_LINE_BREAK, cell)) for cell in prefix[last])
    table = Table(None, list(frame.columns), header_map, header_row, frame, lines[kept_at], ragged)
    table.naaccr_fields, table.notes = found.naaccr_fields, found.notes
    return table


# --- the CSV writer ------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formulas(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    out, changed = frame, 0
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column.dtype) or column.dtype == bool:
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            categories = pd.Series(column.cat.categories.astype(str))
            if not categories.str.startswith(FORMULA_START).any():
                continue
        text = column.astype("string")
        risky = text.str.startswith(FORMULA_START).fillna(False)
        if not risky.any():
            continue
        number = text.str.strip().str.fullmatch(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?").fillna(False)
        risky &= ~number
        if risky.any():
            if out is frame:
                out = frame.copy()
            out[name] = text.where(~risky, "'" + text)
            changed += int(risky.sum())
    return out, changed


def _arrow_type(dtype) -> pa.DataType:
    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    return pa.string()


def arrow_batch(frame: pd.DataFrame, schema: pa.Schema) -> pa.RecordBatch:
    arrays = []
    for name, target in zip(frame.columns, schema.types, strict=True):
        column = frame[name]
        if target == pa.string():
            column = column.astype("string")
        array = pa.array(column, type=target, from_pandas=True)
        arrays.append(array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array)
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def write_csv(target: Path, frames: list[pd.DataFrame], escape: bool = False, batch_rows: int = 100_000) -> int:
    """The frames (chunks of one table) as the old CsvStream wrote them; returns the cells escaped."""
    escaped = 0
    schema = pa.schema([(str(name), _arrow_type(frames[0][name].dtype)) for name in frames[0].columns])
    with pacsv.CSVWriter(str(target), schema, write_options=pacsv.WriteOptions(quoting_style="needed")) as writer:
        for frame in frames:
            for start in range(0, max(len(frame), 1), batch_rows):
                batch = frame.iloc[start : start + batch_rows]
                if escape:
                    batch, count = escape_formulas(batch)
                    escaped += count
                writer.write_batch(arrow_batch(batch, schema))
    return escaped

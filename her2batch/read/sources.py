"""Find and read CSV/TSV/TXT/XLSX/XLSM exports as text, with the row numbers a person sees.

Every cell is read as text first; parsing comes later. Problems with a whole file raise
``InputError`` (its message names no patient data); problems with one row travel with the table.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import itertools
import math
import re
import threading
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from her2batch.read import encoding as encodings
from her2batch.read import footer, keys, long, percent_cells
from her2batch.read.header_rows import Header, Span, map_rows, second_row
from her2batch.read.labels import looks_like_her2
from her2batch.understand.headers import (
    HeaderConflict,
    HeaderMap,
    column_letter,
    mappable_cells,
    missing_config_message,
)

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + WORKBOOK_SUFFIXES
HEADER_SEARCH_ROWS = 20
DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARACTERS = 65536  # the delimiter is sniffed on the first lines of this much text
HEAD_BYTES = 1 << 18  # decoded first to sniff and find the header (more if the first records need it)
MAX_UNCOMPRESSED_BYTES = 2 * 1024**3  # a workbook may not inflate past this (zip bombs)
MAX_COMPRESSION_RATIO = 200

csv.field_size_limit(256 * 1024**2)


class InputError(Exception):
    """A whole input cannot be read. The message names the problem, never patient data."""


@dataclass(frozen=True)
class ReadOptions:
    """What the config says about layouts (see README "Layouts")."""

    header_rows: int = 0  # 0: one header row, or two where the second is clearly header words
    include_hidden_sheets: bool = False
    key_columns: tuple[str, ...] = ()  # [key] columns: a composite case key
    layout: str = "auto"  # auto | wide | long
    long_columns: Mapping[str, str] = field(default_factory=dict)  # [long] test_column, result_column, ...
    test_names: Mapping[str, str] = field(default_factory=dict)  # [tests]: test name -> canonical field
    encoding: str | None = None  # [run] encoding: text files' encoding (None: detected, encoding.py)


@dataclass
class Table:
    """One header row of cases and the rows below it, all text."""

    sheet: str | None
    columns: list[str]  # unique original column names, in file order
    header_map: HeaderMap
    header_row: int
    data: pd.DataFrame  # original columns, string dtype
    source_row: np.ndarray  # the row number a person sees, per data row
    ragged: list[tuple[int, str, list[str]]] = field(default_factory=list)  # (row, reason, cells)
    # Whether the table carries a HER2 result: None = a mapped HER2 column decides (see
    # mapping.require_her2); a layout that carries HER2 otherwise (test-name rows, report text) sets True.
    carries_her2: bool | None = None
    folded: int = 0  # input rows folded into another row's case (one row per test)
    ragged_columns: list[str] | None = None  # the input's columns, when ``columns`` are the folded ones
    review_bits: np.ndarray | None = None  # reason bits per data row found while reading
    key_columns: list[str] = field(default_factory=list)  # besides case_id, what makes a case's key
    naaccr_fields: set[str] = field(default_factory=set)  # canonical columns mapped from NAACCR items
    notes: list[str] = field(default_factory=list)  # what reading decided (two-row header, folding...)

    def unmapped_her2_columns(self) -> list[str]:
        """Columns whose header names HER2 but that were not mapped (an overall status, a comment,
        another block's score, a staining column; report-text columns are read, so not listed)."""
        return [fate.header for fate in self.header_map.fates
                if fate.how == "unmapped" and "report text" not in fate.note and fate.position < len(self.columns)
                and self.columns[fate.position] == fate.header and looks_like_her2(fate.header)]

    @property
    def rows(self) -> int:
        """Input rows of this table: data, ragged and folded rows (blank rows are not rows)."""
        if self.row_count is not None:
            return self.row_count
        return len(self.data) + len(self.ragged) + self.folded

    row_count: int | None = None  # kept when ``data`` is released after the tables are combined

    def release(self) -> None:
        """Drop the table's own copy of the data once the run has combined it."""
        self.row_count = self.rows
        self.data = pd.DataFrame({name: pd.Series([], dtype=dtype) for name, dtype in self.data.dtypes.items()},
                                 columns=self.data.columns)  # new: an empty slice would keep the buffers
        self.source_row, self.review_bits = self.source_row[:0].copy(), None  # per-row arrays: done with too


@dataclass
class Source:
    """One input path and what reading it found (recorded in run.json)."""

    path: Path
    display: str
    sha256: str = ""
    status: str = "ok"
    error: str = ""
    encoding: str = ""
    encoding_confidence: float | None = None  # the detector's confidence (1.0 for a BOM, UTF-8 or config)
    delimiter: str = ""
    sheets_read: list[str] = field(default_factory=list)
    sheets_skipped: list[str] = field(default_factory=list)
    sheets_hidden: list[str] = field(default_factory=list)  # hidden or very hidden (skipped unless configured)
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # plain messages: file, header, row; never a value
    columns: list[dict] = field(default_factory=list)  # the mapping report (mapping.columns_report)
    tables: list[Table] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


def _what_it_holds(path: Path) -> str:
    """A hint for a file of another type: LIS systems save HTML or text tables as '.xls'."""
    try:
        with path.open("rb") as stream:
            head = stream.read(2048)
    except OSError:
        return ""
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ": an Excel 97-2003 workbook; save it as .xlsx or CSV"
    if head.startswith(b"PK\x03\x04") and path.suffix.lower() in (".xls", ".ods"):
        return ": a zipped workbook (OpenDocument, or an .xlsx under another name); save it as .xlsx"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        return ": it holds an HTML or XML table, not a workbook; save it as .xlsx or CSV"
    if head and b"\x00" not in head and (b"\t" in head or b";" in head or b"," in head):
        return ": it looks like delimited text; rename it to .txt or .csv"
    return ""


def read_source(source: Source, config_columns: Mapping[str, str] | None = None,
                options: ReadOptions | None = None) -> None:
    """Fill ``source`` with its tables, or mark it failed with a message."""
    options = options or ReadOptions()
    try:
        from her2batch.read.discover import check_unchanged, read_regular

        if source.path.suffix.lower() not in SUPPORTED_SUFFIXES and source.path.exists():
            raise InputError(f"unsupported file type (use {', '.join(SUPPORTED_SUFFIXES)}){_what_it_holds(source.path)}")
        data, opened = read_regular(source.path)  # regular files only; a FIFO never blocks
        digest = hashlib.sha256()  # hashed in a thread while the file is parsed (hashlib releases the GIL)
        hashing = threading.Thread(target=digest.update, args=(data,), name="her2batch-sha256", daemon=True)
        hashing.start()
        try:
            if source.path.suffix.lower() in WORKBOOK_SUFFIXES:
                _read_workbook(source, data, config_columns, options)
            else:
                handed, data = [data], b""  # the only reference: the reader drops the bytes once parsed
                _read_text(source, handed, config_columns, options)
        finally:
            hashing.join()
            source.sha256 = digest.hexdigest()
        check_unchanged(source.path, opened)
    except InputError as problem:
        source.status, source.error, source.tables = "failed", str(problem), []
    except (OSError, MemoryError) as problem:
        source.status, source.error, source.tables = "failed", f"cannot be read ({type(problem).__name__})", []


# --- text files ----------------------------------------------------------------------------

def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding used (encoding.py: BOMs, UTF-8, else charset-normalizer). Never raises."""
    text, found = encodings.decode(data)
    return text, found.encoding


def sniff_delimiter(text: str, suffix: str) -> str:
    """The delimiter that splits the first lines most consistently into several fields."""
    lines = [line for line in text[:SNIFF_CHARACTERS].splitlines()[:40] if line.strip()]
    if not lines:
        return "\t" if suffix == ".tsv" else ","
    best, best_score = ("\t" if suffix == ".tsv" else ","), (0, 0)
    for delimiter in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        mode = max(set(counts), key=counts.count)
        score = (counts.count(mode) if mode > 1 else 0, mode)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _looks_binary(text: str, encoding: str) -> bool:
    """Binary junk: not valid UTF-8/16 text and full of control characters or undecodable bytes."""
    if encoding.startswith("utf"):
        return False
    sample = text[:8192]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\r\n\x00")
    return bool(sample) and (controls > len(sample) * 0.05 or sample.count("\ufffd") > len(sample) * 0.3)


def _read_text(source: Source, handed: list[bytes], config_columns: Mapping[str, str] | None,
               options: ReadOptions = ReadOptions()) -> None:
    """``handed`` holds the file's bytes, taken out here so that they are freed once parsed."""
    data = handed.pop()
    utf8 = encodings.utf8_start(data, options.encoding)
    if utf8 is not None:  # the bytes are the text's UTF-8 already: parsed as they are, never a whole str
        start, found = utf8
        nuls, text = data.count(b"\x00", start), None
    else:
        text, found = encodings.decode(data, options.encoding)
        nuls, start = text.count("\x00"), 0
    source.encoding, source.encoding_confidence = found.encoding, found.confidence
    if text is not None and _looks_binary(text, source.encoding):  # (UTF-8 is never binary junk)
        raise InputError("does not look like a text export (binary content)")
    if found.confidence < encodings.LOW_CONFIDENCE:
        source.warnings.append(
            f"{source.display}: encoding guessed as {found.encoding} with low confidence ({found.confidence:.2f}); "
            "if names look wrong in the outputs, set [run] encoding = \"...\" in --config")
    if nuls:
        source.notes.append(f"{nuls} NUL characters removed")
        if text is None:
            data, start = data[start:].replace(b"\x00", b""), 0
        else:
            text = text.replace("\x00", "")
    if text is not None:
        data, start, text = text.encode("utf-8"), 0, None
    head = Head(data, start)
    source.delimiter = sniff_delimiter(head.text, source.path.suffix.lower())
    head.complete(source.delimiter)
    quoted = data.find(b'"', start) >= 0
    body = [Body(data, start)]  # the only reference once ``data`` goes: read_delimited drops it once parsed
    del data
    head.data = b""  # (whole now)
    table = read_delimited(head.text, body, quoted, source.delimiter, config_columns, options)
    if table is None:
        prefix = list(itertools.islice(csv.reader(text_lines(head.text), delimiter=source.delimiter),
                                       HEADER_SEARCH_ROWS))
        raise InputError(_no_header_message(prefix, config_columns))
    table = finish_table(table, config_columns, options)
    source.notes.extend(table.notes)
    source.tables.append(table)


class Head:
    """The first lines of a UTF-8 text, decoded: enough for the delimiter sniffer (its first
    SNIFF_CHARACTERS characters) and for the header search (the first HEADER_SEARCH_ROWS records,
    which a multi-line quoted value can make long). It is cut after a line break; the first
    records are whole once a further record starts, so they read as in the whole text."""

    def __init__(self, data: bytes, start: int) -> None:
        self.data, self.start, self.size = data, start, HEAD_BYTES
        self.text, self.whole = self._decode()
        while not self.whole and len(self.text) < SNIFF_CHARACTERS:
            self._grow()

    def _decode(self) -> tuple[str, bool]:
        end = self.start + self.size
        if end >= len(self.data):
            return str(memoryview(self.data)[self.start :], "utf-8"), True
        cut = max(self.data.rfind(b"\n", self.start, end), self.data.rfind(b"\r", self.start, end)) + 1
        if cut <= self.start:  # no line break yet
            return "", False
        if self.data[cut - 1 : cut + 1] == b"\r\n":  # never between CR and LF
            cut += 1
        return str(memoryview(self.data)[self.start : cut], "utf-8"), False

    def _grow(self) -> None:
        self.size *= 4
        self.text, self.whole = self._decode()

    def complete(self, delimiter: str) -> None:
        """Grow until the first HEADER_SEARCH_ROWS records are whole (a record starts after them)."""
        while not self.whole and sum(1 for _ in itertools.islice(
                csv.reader(text_lines(self.text), delimiter=delimiter), HEADER_SEARCH_ROWS + 1)) <= HEADER_SEARCH_ROWS:
            self._grow()


_LINE_BREAK = r"\r\n|\r|\n"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, one at a time, as io.StringIO(text, newline="")
    gives them, without its copy of the whole text (4 bytes a character)."""
    for match in _LINE.finditer(text):
        if match.group(0):
            yield match.group(0)


def _has_line_break(column: pa.ChunkedArray) -> bool:
    """Whether any value of a string column holds a line break: one scan of each chunk's bytes."""
    for chunk in column.chunks:
        if len(chunk) == 0:
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + len(chunk) + 1]
        values = chunk.buffers()[2]
        if values is None or offsets[-1] == offsets[0]:
            continue
        span = values.slice(int(offsets[0]), int(offsets[-1] - offsets[0])).to_pybytes()
        if b"\n" in span or b"\r" in span:
            return True
    return False


def _blank_rows(columns: Sequence[pa.ChunkedArray], rows: int) -> np.ndarray:
    """Rows whose every cell is empty or white space. Each column is looked at only in the rows
    still blank after the columns before it: after the first column, usually none."""
    candidates = np.arange(rows, dtype=np.int64)
    for column in columns:
        if not len(candidates):
            break
        cells = column if len(candidates) == rows else column.take(candidates)
        candidates = candidates[pc.equal(pc.utf8_trim_whitespace(cells), "").to_numpy(zero_copy_only=False)]
    blank = np.zeros(rows, dtype=bool)
    blank[candidates] = True
    return blank


BLOCK_BYTES = 1 << 20  # pyarrow parses this much at a time: small blocks, small transient memory


class Body(io.RawIOBase):
    """The text after its start in ``data`` (UTF-8), read by pyarrow a block at a time. Each block
    ends after a line feed where it can: pyarrow drops the LF of a CR LF inside a quoted value
    when a block ends between the two."""

    def __init__(self, data: bytes, start: int) -> None:
        super().__init__()
        self.data, self.start, self.at = data, start, start

    @property
    def size(self) -> int:
        return len(self.data) - self.start

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        begin, end = self.at, len(self.data) if size is None or size < 0 else min(self.at + size, len(self.data))
        if end < len(self.data):
            feed = self.data.rfind(b"\n", begin, end)
            if feed >= begin:
                end = feed + 1
            elif self.data[end - 1 : end + 1] == b"\r\n" and end - 1 > begin:  # no LF: a record longer than a block
                end -= 1
        self.at = end
        return self.data[begin:end]

    def readinto(self, target) -> int:
        chunk = self.read(len(target))
        target[: len(chunk)] = chunk
        return len(chunk)

    def stream(self, block: int):
        """What pyarrow reads: these blocks, or the whole text at once (no copy)."""
        self.at = self.start
        if block > self.size:
            return pa.BufferReader(pa.py_buffer(self.data).slice(self.start))
        return pa.PythonFile(self, mode="r")


def _parse(body: list[Body], header: str, skip: int, names: list[str], delimiter: str,
           quoted: bool) -> tuple[pa.Table, list[tuple[int, str]]]:
    """The records after ``header`` (the text up to the end of the header, ``skip`` records),
    every value as text, and the invalid ones (0-based position, text).

    pyarrow reads from the first data record on: its own skip_rows counts lines, not records, and
    misplaces a header under a title cell of several lines. Only where the first data record
    starts with a byte order mark, which pyarrow would drop at the start, it reads from the start
    and skips. A record longer than a block is read again in one block (pyarrow cannot split it).
    """
    text = body.pop()
    after = len(header.encode("utf-8"))
    if text.data.startswith(codecs.BOM_UTF8, text.start + after):
        after = 0
    else:
        skip = 0
    text.start += after
    block = BLOCK_BYTES
    while True:
        invalid: list[tuple[int, str]] = []

        def set_aside(row, invalid=invalid) -> str:
            invalid.append((row.number, row.text))
            return "skip"

        try:
            table = pacsv.read_csv(
                text.stream(block),
                read_options=pacsv.ReadOptions(skip_rows=skip, column_names=names, use_threads=False,
                                               block_size=block),
                parse_options=pacsv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                                 newlines_in_values=quoted, ignore_empty_lines=False,
                                                 invalid_row_handler=set_aside),
                convert_options=pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.large_string()),
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False),
            )
        except pa.ArrowInvalid as problem:
            whole = min(text.size + 1, 2**31 - 1)  # (pyarrow's block size is a 32-bit number)
            short = str(problem).startswith("Could not skip initial")  # header longer than a block, or no row after it
            if (block >= whole and short) or str(problem) == "Empty CSV file":  # the header ends the file: no rows
                return pa.table({name: pa.array([], pa.large_string()) for name in names}), []
            if block >= whole or not (short or "straddl" in str(problem)):
                raise
            block = whole
            continue
        return table, [(number - skip - 1, row) for number, row in invalid]


def read_delimited(head: str, body: list[Body], quoted: bool, delimiter: str,
                   config_columns: Mapping[str, str] | None, options: ReadOptions = ReadOptions()) -> Table | None:
    """The header (found with the csv module in ``head``, the first lines of the text), then the
    body with pyarrow (``body`` holds the whole text as UTF-8, dropped once parsed; ``quoted``: the
    text holds a quote).

    Row numbers are exact: pyarrow counts records (invalid ones included, by number); each
    record's line is its position plus the line breaks inside the quoted values before it.
    """
    reader = csv.reader(text_lines(head), delimiter=delimiter)
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

    header_text = "".join(itertools.islice(text_lines(head), ends[last]))
    table, invalid = _parse(body, header_text, skip=last + 1, names=names, delimiter=delimiter, quoted=quoted)
    columns = [table.column(i) for i in range(len(names))]
    count = table.num_rows + len(invalid)
    invalid_at = np.array([at for at, _ in invalid], dtype=np.int64)  # 0-based data records
    valid_at = np.arange(count, dtype=np.int64)
    if invalid:
        valid_at = np.setdiff1d(valid_at, invalid_at, assume_unique=True)

    lines = np.arange(first_data_line, first_data_line + count, dtype=np.int64)
    breaks = np.zeros(count, dtype=np.int64) if quoted else None  # line breaks inside each record's quoted values
    if breaks is not None:
        for column in columns:
            if _has_line_break(column):  # most columns have none: no count for them
                breaks[valid_at] += pc.count_substring_regex(column, _LINE_BREAK).to_numpy(zero_copy_only=False)
        for at, (_, raw) in zip(invalid_at, invalid, strict=True):
            breaks[at] = len(re.findall(_LINE_BREAK, raw))
        lines[1:] += np.cumsum(breaks[:-1])
        del breaks

    width = header_width(header, header_map)
    blank = _blank_rows(columns, table.num_rows)
    beyond = np.zeros(table.num_rows, dtype=bool)  # values under no header
    for column in columns[width:]:
        beyond |= ~pc.equal(pc.utf8_trim_whitespace(column), "").to_numpy(zero_copy_only=False)
    frame = table.select(names[:width]).to_pandas(types_mapper={pa.large_string(): pd.StringDtype("pyarrow")}.get)
    frame.columns = unique_names(header[:width])

    ragged = [(int(lines[at]), f"row has values beyond the last of the {width} header columns",
               [str(v) for v in frame.iloc[i]] + [str(c[i]) for c in columns[width:]])
              for i, at in zip(np.flatnonzero(beyond), valid_at[beyond], strict=True)]
    del table, columns
    keep = ~blank & ~beyond
    if not keep.all():  # a copy of every column only when some row goes
        frame, kept_at = frame.loc[keep], valid_at[keep]
    else:
        kept_at = valid_at

    repaired, repaired_at = [], []
    for at, (_, raw) in zip(invalid_at, invalid, strict=True):
        cells = next(csv.reader(io.StringIO(raw, newline=""), delimiter=delimiter), [])
        if not any(c.strip() for c in cells):
            continue  # a blank line
        if len(cells) > width and not any(c.strip() for c in cells[width:]):
            repaired.append(cells[:width])  # trailing empty delimiters are harmless
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
    result = Table(None, list(frame.columns), header_map, header_row, frame, lines[kept_at], ragged)
    result.naaccr_fields, result.notes = found.naaccr_fields, found.notes
    return result


# --- workbooks -----------------------------------------------------------------------------

def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as problem:
        raise InputError("not a valid workbook (not a zip archive)") from problem
    inflated = sum(i.file_size for i in infos)
    packed = max(sum(i.compress_size for i in infos), 1)
    if inflated > MAX_UNCOMPRESSED_BYTES or (inflated > 100 * 1024**2 and inflated / packed > MAX_COMPRESSION_RATIO):
        raise InputError(f"refused: the workbook would inflate to {inflated:,} bytes (zip bomb guard)")
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputError("not a valid workbook (a zip archive without Excel content)")


def _read_workbook(source: Source, data: bytes, config_columns: Mapping[str, str] | None,
                   options: ReadOptions = ReadOptions()) -> None:
    from python_calamine import CalamineWorkbook

    del data  # calamine reads the path itself
    _check_zip(source.path)
    try:
        workbook = CalamineWorkbook.from_path(str(source.path))
        names = list(workbook.sheet_names)
        hidden = hidden_sheets(workbook)
    except Exception as problem:  # calamine raises its own error types
        raise InputError(f"not a readable workbook ({type(problem).__name__})") from problem
    for name in names:
        if name in hidden:
            source.sheets_hidden.append(name)
            if not options.include_hidden_sheets:
                source.sheets_skipped.append(name)
                source.notes.append(f"sheet '{name}' skipped: {hidden[name]} (include hidden sheets with "
                                    "[run] include_hidden_sheets = true in --config)")
                continue
            source.notes.append(f"sheet '{name}' is {hidden[name]}: read, as [run] include_hidden_sheets is set")
        try:
            sheet = workbook.get_sheet_by_name(name)
            records, lines = sheet_records(sheet)
            spans = merged_spans(sheet, lines)
            merges = list(sheet.merged_cell_ranges or ())
        except Exception as problem:  # calamine refuses entity bombs and broken XML with its own errors
            source.sheets_skipped.append(name)
            source.notes.append(f"sheet '{name}' unreadable ({type(problem).__name__}: {str(problem)[:80]})")
            continue
        try:
            table = build_table(records, lines, name, config_columns, options, spans, merges)
            if table is not None:
                table.data, notes, warnings = percent_cells.read_as_shown(
                    source.path, name, table.data, table.columns, table.header_map.canonical_of, table.source_row)
                table.notes.extend(notes)
                source.warnings.extend(warnings)
                table = finish_table(table, config_columns, options)
        except InputError as problem:
            source.sheets_skipped.append(name)
            source.notes.append(f"sheet '{name}' not read: {problem}")
            continue
        if table is None:
            source.sheets_skipped.append(name)
            source.notes.append(f"sheet '{name}' skipped: no header row with a case identifier")
            continue
        source.sheets_read.append(name)
        source.notes.extend(f"sheet '{name}': {note}" for note in table.notes)
        source.tables.append(table)
    if not source.tables:
        raise InputError("no sheet has a header row with a case identifier (" + "; ".join(source.notes) + ")")


def hidden_sheets(workbook) -> dict[str, str]:
    """Sheet name -> 'hidden' or 'very hidden', from the workbook's sheet metadata."""
    from python_calamine import SheetVisibleEnum

    states = ((SheetVisibleEnum.Hidden, "hidden"), (SheetVisibleEnum.VeryHidden, "very hidden"))  # not hashable
    return {m.name: word for m in workbook.sheets_metadata for state, word in states if m.visible == state}


def merged_spans(sheet, lines: np.ndarray) -> list[list[Span]]:
    """Per record: the column spans of merged cells that start in its row (positions as in the records)."""
    at_line = {int(line): i for i, line in enumerate(lines[:HEADER_SEARCH_ROWS + 2])}
    spans: list[list[Span]] = [[] for _ in range(min(len(lines), HEADER_SEARCH_ROWS + 2))]
    for (first_row, first_column), (_, last_column) in sheet.merged_cell_ranges or ():
        record = at_line.get(first_row + 1)
        if record is not None and last_column > first_column:
            spans[record].append((first_column, last_column))
    return spans


def fill_merged_down(records: list[list[str]], lines: np.ndarray, merges, first_record: int) -> int:
    """Give every cell of a merged cell one column wide (a case number merged over the rows of its
    parts) the merged cell's value, as Excel shows it; wider merges are left as read. Returns the
    number of cells filled."""
    filled = 0
    for (first_row, first_column), (last_row, last_column) in merges:
        if last_row <= first_row or last_column != first_column:
            continue
        start, stop = np.searchsorted(lines, [first_row + 1, last_row + 1], side="left")
        stop = min(stop + int(stop < len(lines) and lines[stop] == last_row + 1), len(lines))
        if start < first_record or start >= len(lines) or lines[start] != first_row + 1:
            continue
        top = records[start]
        value = top[first_column] if first_column < len(top) else ""
        for record in records[start + 1:stop]:
            if first_column >= len(record):
                record.extend([""] * (first_column + 1 - len(record)))
            if not record[first_column].strip():
                record[first_column] = value
                filled += 1
    return filled


def cell_text(value: object) -> str:
    """An Excel cell as faithful text: 2 stays '2', 1.5 stays '1.5', dates become ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_records(sheet) -> tuple[list[list[str]], np.ndarray]:
    """A sheet's non-blank rows as text and their spreadsheet row numbers, streamed row by row
    (a used range that claims a million rows costs one pass, not a million stored rows)."""
    cache: dict[tuple[type, object], str] = {}

    def text(value: object) -> str:
        key = (type(value), value)
        converted = cache.get(key)
        if converted is None:
            converted = cache[key] = cell_text(value)
        return converted

    pad = [""] * (sheet.start[1] if sheet.start else 0)  # calamine starts rows at the first used column
    records, lines = [], []
    for number, row in enumerate(sheet.iter_rows(), 1):
        if all(v == "" or v is None for v in row):
            continue
        records.append(pad + [text(v) for v in row])
        lines.append(number)
    return records, np.asarray(lines, dtype=np.int64)


# --- header row and the table below it -----------------------------------------------------

def _no_header_message(records: list[list[str]], config_columns: Mapping[str, str] | None = None) -> str:
    """Why no header was found, naming only the headers we recognise: an export without a
    header row would otherwise print patient data to the terminal."""
    from her2batch.understand.headers import EXAMPLES, has_header_words, recognised_as

    first = next((r for r in records[:HEADER_SEARCH_ROWS] if any(c.strip() for c in r)), [])
    recognised = [f"'{c.strip()}' ({recognised_as(c)})" for c in first if recognised_as(c)]
    seen = f"{len(first)} columns, recognised: {', '.join(recognised) or 'none'}"
    looked = ", ".join(f"'{s}'" for s in EXAMPLES["case_id"])
    if config_columns and "case_id" in config_columns:  # the configured header is not there
        import difflib

        from her2batch.understand.headers import configured

        wanted = [h for _, h in configured({"case_id": config_columns["case_id"]})]
        # only cells with a header word in them: in a file without a header row the rows are data
        texts = {c.strip().casefold(): c.strip() for r in records for c in r if c.strip() and has_header_words(c)}
        close = list(dict.fromkeys(c for w in wanted for c in difflib.get_close_matches(w.casefold(), list(texts), n=3,
                                                                                         cutoff=0.4)))[:3]
        hint = ", ".join(f"'{texts[c]}'" for c in close) or "none close among the recognised headers"
        named = f'"{wanted[0]}"' if len(wanted) == 1 else "[" + ", ".join(f'"{w}"' for w in wanted) + "]"
        return (f"[columns] case_id = {named} names no header in the first {HEADER_SEARCH_ROWS} rows "
                f"(closest: {hint}; first row: {seen})")
    return (
        f"no case identifier column in the first {HEADER_SEARCH_ROWS} rows (first row: {seen}). "
        f"Looked for case_id or a header like {looked}, ...; map yours with [columns] case_id = \"...\" in --config"
    )


def locate_header(records: list[list[str]], lines: Sequence[int], config_columns: Mapping[str, str] | None,
                  header_rows: int = 0, spans: Sequence[Sequence[Span]] | None = None) -> Header | None:
    """The header (within the first rows) that maps case_id and the most other columns.

    ``header_rows`` 0 reads one header row, or two where the row under it is clearly header words
    (see read/header_rows.py); a number fixes how many rows the header has.
    """
    spans = list(spans or [])[:HEADER_SEARCH_ROWS + 2]
    spans += [[] for _ in range(min(len(records), HEADER_SEARCH_ROWS + 2) - len(spans))]
    depth = max(header_rows, 1)
    best: Header | None = None
    conflict: HeaderConflict | None = None
    for index, record in enumerate(records[:HEADER_SEARCH_ROWS]):
        if not any(c.strip() for c in record) or index + depth > len(records):
            continue
        if depth == 1 and not spans[index] and best is not None \
                and mappable_cells(record, config_columns) <= len(best.header_map.names):
            continue  # cannot map more columns than the best row so far: not read in full
        rows = records[index:index + depth]
        try:
            plain, _ = map_rows(rows, spans[index:index + depth], None)
            config = keys.naaccr_columns(plain, config_columns)
            labels, header_map = map_rows(rows, spans[index:index + depth], config)
        except HeaderConflict as problem:
            conflict = conflict or problem
            continue
        naaccr = set(config) - set(config_columns or {})  # found by NAACCR item, not given in [columns]
        header_map = keys.settle_naaccr(labels, header_map, config_columns, naaccr)
        if "case_id" in header_map.names and (best is None or len(header_map.names) > len(best.header_map.names)):
            best = Header(index, depth, labels, header_map, naaccr_fields=naaccr & header_map.names)
    if best is None and conflict is not None:
        raise InputError(str(conflict))
    if best is not None and header_rows == 0:
        deeper = second_row(records, lines, best.index, best.header_map, spans, keys.naaccr_columns(
            best.labels, config_columns))
        if deeper is not None and deeper.depth == 2:
            deeper.naaccr_fields = best.naaccr_fields
            best = deeper
        elif deeper is not None:
            best.notes = deeper.notes
    if best is not None and best.header_map.missing_config:  # a [columns] header this file does not have
        raise InputError(missing_config_message(best.header_map, best.labels))
    return best


def find_header(records: list[list[str]], config_columns: Mapping[str, str] | None) -> tuple[int, HeaderMap] | None:
    """The record (within the first rows) that maps case_id and the most other columns."""
    found = locate_header(records, range(1, len(records) + 1), config_columns, 1)
    return None if found is None else (found.index, found.header_map)


def header_width(header: Sequence[str], header_map: HeaderMap) -> int:
    """Columns of the header row, trailing blank header cells not counted."""
    width = len(header)
    while width > 1 and not header[width - 1].strip() and (width - 1) not in header_map.canonical_of:
        width -= 1
    return width


def unique_names(headers: Sequence[str]) -> list[str]:
    """Header texts made unique and non-empty: a blank header becomes 'column C'."""
    names: list[str] = []
    seen: set[str] = set()
    for position, header in enumerate(headers):
        base = header.strip() or f"column {column_letter(position)}"
        name, n = base, 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name)
        names.append(name)
    return names


def build_table(
    records: list[list[str]], lines: np.ndarray, sheet: str | None, config_columns: Mapping[str, str] | None,
    options: ReadOptions = ReadOptions(), spans: Sequence[Sequence[Span]] | None = None, merges=(),
) -> Table | None:
    """The header row(s) and the data rows below; ragged rows set aside with their reason."""
    found = locate_header(records, lines, config_columns, options.header_rows, spans)
    if found is None:
        return None
    filled = fill_merged_down(records, lines, merges, found.index + found.depth) if merges else 0
    if filled:
        found.notes.append(f"{filled} cells under merged cells given the merged cell's value (as Excel shows it)")
    index, header_map = found.index, found.header_map
    header = found.labels
    width = header_width(header, header_map)
    columns = unique_names(header[:width])
    body = records[index + found.depth :]
    body_lines = lines[index + found.depth :]

    lengths = np.fromiter(map(len, body), dtype=np.int64, count=len(body))
    blank = np.fromiter((not any(c.strip() for c in r) for r in body), dtype=bool, count=len(body))
    too_long = lengths > width
    if too_long.any():  # extra cells that are all empty are harmless trailing delimiters
        for i in np.flatnonzero(too_long):
            if not any(c.strip() for c in body[i][width:]):
                too_long[i] = False
    too_short = (lengths < width) & ~blank
    ragged = [
        (int(body_lines[i]), f"row has {lengths[i]} cells, the header has {width}", list(body[i]))
        for i in np.flatnonzero(too_long | too_short)
    ]
    keep = ~(blank | too_long | too_short)
    kept = [r[:width] for r, k in zip(body, keep, strict=True) if k] if not keep.all() else [
        r[:width] if len(r) != width else r for r in body
    ]
    data = pd.DataFrame(
        {name: pd.array(list(cells), dtype="string") for name, cells in zip(columns, zip(*kept, strict=True), strict=True)}
        if kept
        else {name: pd.array([], dtype="string") for name in columns},
        columns=columns,
    )
    table = Table(sheet, columns, header_map, int(lines[index + found.depth - 1]), data, body_lines[keep], ragged)
    table.naaccr_fields, table.notes = found.naaccr_fields, found.notes
    return table


# --- after the header: summary rows, case keys, one row per test ---------------------------

# a "% stained" header that counts the cells of one score or intensity ("HER2 % (3+ cells)", "% strong
# complete"): not the share of all stained cells that sub-types an IHC 0 (section 1)
_SCORE_SHARE = re.compile(r"[0-3]\s*\+|\bstrong\w*|\bintens\w*|\bcomplete\w*|\bcircumferential", re.IGNORECASE)


def _site_from_headings(table: Table, under: np.ndarray, sections: np.ndarray) -> None:
    """Rows under a section heading that names a gastroesophageal site ("--- Stomach cases ---"),
    with no site of their own, go to review (site_in_other_column): the heading is not taken as
    their site, and the default rules must not apply silently (section 6)."""
    if not sections.any():
        return
    from her2batch.decide.reasons import REASON_BIT
    from her2batch.understand.values import Site, read_site

    codes, headings = pd.factorize(under)  # each distinct heading read once
    gastric = np.array([bool(h) and read_site(h) == Site.GASTROESOPHAGEAL for h in headings], dtype=bool)
    flagged = gastric[codes] & ~sections
    site_at = [p for p, n in table.header_map.canonical_of.items() if n == "tumor_site"]
    for position in site_at:
        values = table.data[table.columns[position]].astype("string").str.strip()
        flagged &= (values.isna() | (values == "")).to_numpy(dtype=bool, na_value=True)
    if flagged.any():
        bits = table.review_bits if table.review_bits is not None else np.zeros(len(table.data), dtype=np.int64)
        table.review_bits = bits | np.where(flagged, REASON_BIT["site_in_other_column"], 0)


def _score_share_columns(table: Table) -> None:
    """A her2_ihc_percent column whose header names a score or an intensity is not read as the
    share of stained cells; a warning names it."""
    canonical_of = table.header_map.canonical_of
    dropped = {p for p, name in canonical_of.items() if name == "her2_ihc_percent" and p < len(table.columns)
               and _SCORE_SHARE.search(table.columns[p])}
    if not dropped:
        return
    note = "the share of one score or intensity, not of all stained cells"
    _unmap(table, dropped, note,
           [f"column '{table.columns[p]}': {note}: not read as her2_ihc_percent" for p in sorted(dropped)])


def _fraction_columns(table: Table) -> None:
    """Percentage columns holding fractions of 1 (percent_cells.fractions_by_header): scaled where
    the header says so, else no longer read as percentages, with a warning."""
    data, canonical_of, notes, warnings = percent_cells.fractions_by_header(
        table.data, table.columns, table.header_map.canonical_of)
    if canonical_of is table.header_map.canonical_of and not notes:
        return
    table.data, table.notes = data, [*table.notes, *notes]
    _unmap(table, set(table.header_map.canonical_of) - set(canonical_of), "values look like fractions of 1", warnings)


WORDLESS_MIN_ROWS = 3


def _wordless_number_columns(table: Table) -> None:
    """A number column (ER %, ratio, copies...) none of whose values is a number, a bound or (ER/PR)
    a status word, and some of whose values no reader knows ("Final", "Cancelled": an order-status
    column that a header like "Test: 88360 ER" mapped), is not read as that field, with a warning:
    otherwise every row would be rejected for the column's words. One number keeps the column (its
    other values are then judged row by row, as the contract says)."""
    from her2batch.read.naaccr_codes import meaning
    from her2batch.understand.fields import NUMBER_COLUMNS
    from her2batch.understand.values import RECEPTOR_COLUMNS, NumberKind, read_number, read_receptor

    dropped = set()
    for position, name in table.header_map.canonical_of.items():
        if name not in NUMBER_COLUMNS or position >= len(table.columns):
            continue
        read = read_receptor if name in RECEPTOR_COLUMNS else read_number

        def number(value, read=read, name=name) -> bool:  # a number, a bound or a registry's special code
            return read(str(value)).kind in (NumberKind.NUMBER, NumberKind.RANGE) or bool(meaning(str(value), name))

        column = table.data[table.columns[position]]
        if any(number(v) for v in _filled(column.iloc[:2_000]).iloc[:200].unique()):  # most columns end here
            continue
        values = _filled(column)
        if len(values) < WORDLESS_MIN_ROWS:  # a few bad values are the rows' own fault: rejected
            continue
        distinct = values.unique()[:10_000]
        if not any(number(v) for v in distinct) and any(read(str(v)).kind == NumberKind.INVALID for v in distinct):
            dropped.add(position)
    if dropped:
        note = "holds no number in any row"
        _unmap(table, dropped, note, [f"column '{table.columns[p]}' {note}: not read as "
                                      f"{table.header_map.canonical_of[p]}; map the right column with [columns] in --config"
                                      for p in sorted(dropped)])


def _filled(column: pd.Series) -> pd.Series:
    """The column's values trimmed, without blanks."""
    values = column.dropna().astype("string").str.strip()
    return values[values != ""]


def _unmap(table: Table, positions: set[int], note: str, warnings: Sequence[str]) -> None:
    """Columns at ``positions`` no longer read as their canonical field: their fate says why, and
    the warnings join the table's."""
    header_map = table.header_map
    table.header_map = replace(
        header_map, canonical_of={p: n for p, n in header_map.canonical_of.items() if p not in positions},
        fates=tuple(replace(f, canonical="", how="unmapped", note=note) if f.position in positions else f
                    for f in header_map.fates),
        warnings=(*header_map.warnings, *warnings))


def finish_table(table: Table, config_columns: Mapping[str, str] | None, options: ReadOptions) -> Table:
    """Totals rows set aside, the case key's columns found, one-row-per-test tables folded."""
    case_column = table.columns[next(p for p, n in table.header_map.canonical_of.items() if n == "case_id")]
    _score_share_columns(table)
    _fraction_columns(table)
    _wordless_number_columns(table)
    summary = footer.summary_rows(table.data, case_column)
    sections, under = footer.section_rows(table.data, case_column)
    notes, marked = footer.note_rows(table.data, case_column)
    sections &= ~summary & ~marked  # a footnote is never a heading
    notes &= ~summary & ~sections
    _site_from_headings(table, under, sections)
    again, moved = footer.repeated_header_rows(table.data, case_column)
    if moved.any():  # the rows below it would stand under the wrong headers: never read them so
        raise InputError(f"line {int(table.source_row[np.flatnonzero(moved)[0]])} is another header line, with columns "
                         "moved, renamed or added (exports of two layouts joined together): split the file at that line")
    again &= ~summary & ~sections & ~notes
    if summary.any() or again.any() or sections.any() or notes.any():
        at = np.flatnonzero(summary | again | sections | notes)
        reason = np.select([again[at], sections[at], notes[at]],
                           [footer.HEADER_AGAIN_REASON, footer.SECTION_REASON, footer.NOTE_REASON],
                           default=footer.SUMMARY_REASON)
        table.ragged = sorted([*table.ragged, *((int(table.source_row[i]), str(why),
                                                 [str(v) for v in table.data.iloc[i].fillna("")])
                                                for i, why in zip(at, reason, strict=True))],
                              key=lambda r: r[0])
        keep = np.flatnonzero(~(summary | again | sections | notes))
        table.data = table.data.iloc[keep].reset_index(drop=True)
        table.source_row = table.source_row[keep]
        if table.review_bits is not None:
            table.review_bits = table.review_bits[keep]
        if summary.any():
            table.notes.append(f"{int(summary.sum())} totals/footer row(s) rejected: {footer.SUMMARY_REASON}")
        if again.any():
            table.notes.append(f"{int(again.sum())} row(s) rejected: {footer.HEADER_AGAIN_REASON}")
        if sections.any():
            table.notes.append(f"{int(sections.sum())} row(s) rejected: {footer.SECTION_REASON}")
        if notes.any():  # a footnote may qualify a result above it: said where people look
            table.notes.append(f"{int(notes.sum())} row(s) rejected: {footer.NOTE_REASON} (a note may qualify a result "
                               "above it, such as a revised score: check the cases it names)")
    try:
        table.key_columns = keys.key_columns(table.columns, case_column, options.key_columns)
        found, notes = long.detect(table.columns, table.header_map, options.long_columns, options.layout)
        table.notes.extend(notes)
        if found is None:
            if table.key_columns:
                table.notes.append(f"case key: {' + '.join([case_column, *table.key_columns])}")
            else:
                table.notes.extend(long.key_hint(table.data, case_column, table.columns))
            return table
        folded = long.fold(table.data, table.source_row, table.header_map, table.columns, found, config_columns,
                           table.key_columns, options.test_names)
    except (keys.KeyError_, long.LongLayoutError) as problem:
        raise InputError(str(problem)) from problem
    table.key_columns = [c for c in dict.fromkeys([*found.parts, *table.key_columns]) if c != case_column]
    table.notes.extend(folded.notes)
    table.ragged_columns = table.columns
    # the mapping report stays about the input's own headers (the folded columns are named in the notes)
    folded_map = replace(folded.header_map, fates=table.header_map.fates, warnings=table.header_map.warnings)
    table.columns, table.header_map, table.data = folded.columns, folded_map, folded.data
    table.source_row, table.folded, table.review_bits = folded.source_row, folded.folded, folded.review_bits
    table.ragged = sorted([*table.ragged, *folded.rejected], key=lambda r: r[0])
    if folded.her2_tests:  # else HER2 is only in report text, which the report-text reader judges
        table.carries_her2 = True
    return table

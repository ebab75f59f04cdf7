"""Rows of the big sheets (Cases, Review, Rejects, Patients, Re-score) as worksheet XML, built column by column.

openpyxl streams about 130,000 cells a second here, so 100,000 cases of 47 columns took 36 s.
openpyxl still writes the workbook, its styles and each big sheet's header; the data rows are
generated with whole-column Arrow operations and spliced into the saved file in place of a one-row
placeholder whose cells also tell us openpyxl's style ids.

Why it is fast: each column becomes one array of finished ``<c>`` elements, and one join per chunk
lays them side by side. Cells carry no ``r`` attribute (optional in
ECMA-376: a cell without one is the next column), so an empty cell is written ``<c/>`` to keep its
place. A column whose values repeat within a chunk is built from its distinct values only (then
taken by index), and its text goes to the shared-strings table (xl/sharedStrings.xml), written
once however often it appears. Deflating runs in a worker thread (zlib and crc32 release the GIL)
while the next chunk is generated.
Every value is a shared or inline string, number, boolean or date: never a formula.
"""

from __future__ import annotations

import datetime as dt
import queue
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

CHUNK_ROWS = 20_000  # rows generated at once, fewer for wide sheets: bounds memory
CHUNK_CELLS = 1_000_000  # 20 MB or so of XML
EXCEL_EPOCH = dt.date(1899, 12, 30)
ILLEGAL_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
ILLEGAL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
EXCEL_MAX_CHARS = 32_767
CUT_MARKER = " [cut: see cases.csv]"
COMPRESS_LEVEL = 2  # measured on 220 MB of sheet XML: as fast as 1 and 12% smaller; 3 is 30% slower
EMPTY_CELL = "<c/>"
SHARED_STRINGS = "xl/sharedStrings.xml"
SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_ID = "rIdHer2batchSharedStrings"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class DeferredRows:
    """A sheet whose data rows are spliced in after openpyxl has saved the workbook."""

    title: str
    frame: pd.DataFrame
    probe_row: int  # the placeholder row (style probes) that the data rows replace
    fills: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # column -> value -> colour
    date_columns: tuple[str, ...] = ("report_date",)
    wrap_columns: tuple[str, ...] = ()  # long text that wraps within its column

    def probe_values(self) -> list[tuple[str, object]]:
        """(key, value) of the probe cells, in order: the date style, the wrap style, then one per fill."""
        probes: list[tuple[str, object]] = [("date", dt.date(2000, 1, 1)), ("bool", True)]
        if self.wrap_columns:
            probes.append(("wrap", "wrap"))
        for column, colours in self.fills.items():
            probes += [(f"fill:{column}:{value}", value) for value in colours]
        return probes


class SharedStrings:
    """The workbook's shared-strings table: each distinct text once, cells refer to it by index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.index)

    def indices(self, texts: pa.Array) -> pa.Array:
        """The index of each (distinct, non-null) text, added when new."""
        index = self.index
        return pa.array([index.setdefault(t, len(index)) for t in texts.to_pylist()], pa.int64())

    def xml(self) -> bytes:
        texts = pa.array(list(self.index), pa.string())
        items = _join("<si><t xml:space=\"preserve\">", _escape(texts), "</t></si>") if len(texts) else texts
        head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN_NS}" ' \
               f'uniqueCount="{len(texts)}">'
        return head.encode("utf-8") + bytes(_data(items)) + b"</sst>"


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _data(value: pa.Array) -> memoryview | bytes:
    """The UTF-8 bytes of a string array's values laid end to end, without a copy."""
    if not len(value):
        return b""
    offsets = np.frombuffer(value.buffers()[1], dtype=np.int64 if pa.types.is_large_string(value.type) else np.int32,
                            count=len(value) + 1, offset=value.offset * (8 if pa.types.is_large_string(value.type)
                                                                         else 4))
    return memoryview(value.buffers()[2])[offsets[0] : offsets[-1]]


def _may_hold(text: pa.Array, chars: bytes) -> bool:
    """Whether any value may hold one of ``chars`` (single bytes): one scan of the values' bytes in C,
    not a regex per value (the range may hold bytes beyond the values: a false yes costs the exact pass)."""
    if not len(text):
        return False
    data = bytes(_data(text))
    if len(chars) <= 3:
        return any(data.find(chars[i : i + 1]) >= 0 for i in range(len(chars)))  # memchr: fastest
    return len(data.translate(None, chars)) != len(data)


def _escape(text: pa.Array) -> pa.Array:
    if not _may_hold(text, b"&<>"):
        return text
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, raw, escaped)
    return text


def _safe(text: pa.Array) -> pa.Array:
    """Input text made writable: XML-forbidden characters replaced, cut at Excel's cell limit."""
    if _may_hold(text, ILLEGAL_BYTES) and pc.any(pc.match_substring_regex(text, ILLEGAL_XML)).as_py():
        text = pc.replace_substring_regex(text, ILLEGAL_XML, "\ufffd")
    if not len(text) or (pc.max(pc.binary_length(text)).as_py() or 0) <= EXCEL_MAX_CHARS:  # bytes >= characters
        return text
    long = pc.greater(pc.utf8_length(text), EXCEL_MAX_CHARS)
    if pc.any(long).as_py():
        cut = _join(pc.utf8_slice_codeunits(text, 0, EXCEL_MAX_CHARS - len(CUT_MARKER)), CUT_MARKER)
        text = pc.if_else(long, cut, text)
    return text


def _number_text(series: pd.Series) -> pa.Array:
    values = series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    whole = np.isfinite(values) & (values == np.round(values)) & (np.abs(values) < 2**53)
    text = pa.array(values, from_pandas=True).cast(pa.string())
    if whole.any():  # 40.0 -> 40
        integers = pa.array(np.where(whole, values, 0).astype(np.int64)).cast(pa.string())
        text = pc.if_else(pa.array(whole), integers, text)
    return text


def boolean_flags(series: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(value, present) for a true/false column of any dtype (bool, nullable, 'true'/'false' categories)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        present = series.notna().to_numpy(dtype=bool)
        return series.fillna(False).to_numpy(dtype=bool), present
    if isinstance(series.dtype, pd.CategoricalDtype) and 0 < len(series.cat.categories) <= 2 and \
            set(map(str, series.cat.categories)) <= {"true", "false"}:
        text = series.astype("string")
        return (text == "true").fillna(False).to_numpy(dtype=bool), text.notna().to_numpy(dtype=bool)
    return None


def _strings(series: pd.Series) -> pa.Array:
    """A column as Arrow strings (null where missing), as pandas' ``astype("string")`` spells each value."""
    text = series if isinstance(series.dtype, pd.StringDtype) else series.astype("string")
    array = pa.array(text, pa.string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _category_names(categories: pd.Index) -> pa.Array:
    return _strings(pd.Series(categories))


@dataclass(frozen=True)
class Styles:
    """openpyxl's style ids for one column's cells (None: the default style)."""

    date: int | None = None  # text dates (yyyy-mm-dd) become date cells of this style
    fills: Mapping[str, int] | None = None  # value -> style of its fill
    wrap: int | None = None
    boolean: int | None = None


def _style_of(text: pa.Array, styles: Styles) -> pa.Array | str:
    """The ``s`` attribute of each text cell, or one for all."""
    if styles.fills:
        known = pa.array(list(styles.fills), pa.string())
        chosen = pa.array([f' s="{s}"' for s in styles.fills.values()] + [""], pa.string())
        position = pc.fill_null(pc.index_in(text, value_set=known), len(known))
        return pc.take(chosen, position)
    return f' s="{styles.wrap}"' if styles.wrap is not None else ""


def _text_cells(raw: pa.Array, styles: Styles, strings: SharedStrings | None) -> pa.Array:
    """``<c>`` elements of text values (an empty cell where missing or empty); dates as date cells."""
    text = _safe(raw)
    present = pc.fill_null(pc.not_equal(raw, ""), False)
    dates = None
    if styles.date is not None:
        iso = pc.and_(present, pc.fill_null(pc.match_substring_regex(text, r"^\d{4}-\d{2}-\d{2}$"), False))
        if pc.any(iso).as_py():
            candidates = pd.Series(text.filter(iso).to_pandas(), dtype="string")
            days = (pd.to_datetime(candidates, format="%Y-%m-%d", errors="coerce") - pd.Timestamp(EXCEL_EPOCH)).dt.days
            serial = pa.array(days.astype("Int64").astype("string"), pa.string())
            dates = _scatter(_join(f'<c s="{styles.date}"><v>', serial, "</v></c>"), iso)  # null: not a date
    style = _style_of(raw, styles)
    if strings is not None:
        shared = present if dates is None else pc.and_(present, pc.is_null(dates))
        index = _scatter(strings.indices(text.filter(shared)).cast(pa.string()), shared)
        xml = _join("<c", style, ' t="s"><v>', index, "</v></c>")
    else:
        xml = _join("<c", style, ' t="inlineStr"><is>', _text_element(text), "</is></c>")
    if dates is not None:
        xml = pc.coalesce(dates, xml)
    return pc.if_else(present, xml, EMPTY_CELL)


def _text_element(text: pa.Array) -> pa.Array:
    """``<t>`` elements; xml:space="preserve" only where whitespace could otherwise be lost (as openpyxl does)."""
    if _may_hold(text, b"\t\n\r"):
        plain = pc.fill_null(pc.match_substring_regex(text, r"^\S([^\t\n\r]*\S)?$"), False)
    else:
        plain = pc.invert(pc.fill_null(pc.or_(pc.starts_with(text, " "), pc.ends_with(text, " ")), True))
    if pc.all(plain).as_py():
        return _join("<t>", _escape(text), "</t>")
    start = pc.if_else(plain, "<t>", '<t xml:space="preserve">')
    return _join(start, _escape(text), "</t>")


def _scatter(values: pa.Array, where: pa.Array) -> pa.Array:
    """``values`` placed at the true positions of ``where``, null elsewhere."""
    mask = where.to_numpy(zero_copy_only=False)
    position = np.full(len(mask), -1, dtype=np.int64)
    position[mask] = np.arange(int(mask.sum()))
    return pc.take(values, pa.array(position, mask=position < 0))


def _taken(pieces: pa.Array, codes: np.ndarray) -> pa.Array:
    """``pieces[code]`` for each row: an empty cell where the code is negative or the piece null."""
    choices = pa.concat_arrays([pc.fill_null(pieces, EMPTY_CELL), pa.array([EMPTY_CELL], pa.string())])
    return pc.take(choices, pa.array(np.where(codes < 0, len(pieces), codes)))


def _repeats(count: int, rows: int) -> bool:
    """Whether a column whose rows hold ``count`` distinct values is built from those values."""
    return 2 * count <= rows


def cells(series: pd.Series, styles: Styles, strings: SharedStrings | None = None) -> pa.Array:
    """One column's ``<c>`` elements (``<c/>`` where the cell is empty: cells are placed by order).

    A column whose values repeat is built from its distinct values, then taken by row."""
    flags = boolean_flags(series)
    if flags is not None:  # a real Excel boolean, blank where unknown
        values, present = flags
        style = f' s="{styles.boolean}"' if styles.boolean is not None else ""  # shown TRUE/FALSE everywhere
        choices = pa.array([f'<c{style} t="b"><v>0</v></c>', f'<c{style} t="b"><v>1</v></c>'])
        return _taken(choices, np.where(present, values.astype(np.int64), -1))
    if pd.api.types.is_numeric_dtype(series.dtype):
        values = series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        distinct, codes = np.unique(values, return_inverse=True)  # NaN last, once
        pieces = _join("<c><v>", _number_text(pd.Series(distinct)), "</v></c>")  # t="n" is the default
        return _taken(pieces, codes.reshape(-1))
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy().astype(np.int64)
        used = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(series.cat.categories)))
        if strings is not None and _repeats(len(used), len(series)):
            position = np.full(len(series.cat.categories) + 1, -1, dtype=np.int64)
            position[used] = np.arange(len(used))
            pieces = _text_cells(_category_names(series.cat.categories[used]), styles, strings)
            return _taken(pieces, position[codes])  # code -1 reads the last position: -1
        names = _category_names(series.cat.categories[used])
        position = np.full(len(series.cat.categories), -1, dtype=np.int64)
        position[used] = np.arange(len(used))
        taken = position[np.where(codes < 0, 0, codes)] if len(used) else np.zeros(len(series), np.int64)
        raw = pc.take(names, pa.array(taken, mask=codes < 0)) if len(used) else pa.nulls(len(series), pa.string())
        return _text_cells(raw, styles, None)
    raw = _strings(series)
    sample = raw.slice(0, 512)
    if strings is not None and _repeats(pc.count_distinct(sample, mode="all").as_py(), len(sample)):
        encoded = pc.dictionary_encode(raw)
        if _repeats(len(encoded.dictionary), len(raw)):
            codes = pc.fill_null(encoded.indices, -1).to_numpy(zero_copy_only=False).astype(np.int64)
            return _taken(_text_cells(encoded.dictionary, styles, strings), codes)
    return _text_cells(raw, styles, None)


def rows_xml(frame: pd.DataFrame, first_row: int, styles: Mapping[str, Styles],
             strings: SharedStrings | None = None) -> pa.Array:
    """``<row>`` elements for every row of ``frame``, numbered from ``first_row``: a string array
    (see ``_data`` for its bytes)."""
    if not len(frame):
        return pa.array([], pa.string())
    rows = pa.array(np.arange(first_row, first_row + len(frame), dtype=np.int64)).cast(pa.string())
    columns = [cells(frame.iloc[:, i], styles.get(str(name), Styles()), strings) for i, name in enumerate(frame.columns)]
    return _join('<row r="', rows, '">', *columns, "</row>")


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> path inside the archive."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    targets = {m.group(2): m.group(1) for m in re.finditer(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
    paths = {}
    for match in re.finditer(r'<sheet name="([^"]*)"[^>]*r:id="([^"]+)"', workbook):
        target = targets[match.group(2)]
        paths[_unescape(match.group(1))] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return paths


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


class Deflater:
    """Writes a zip member's chunks from a worker thread, so that deflating one chunk (zlib and
    crc32 release the GIL) overlaps generating the next. At most one chunk waits; an error in the
    worker is raised in the caller's thread at its next write or at close."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.waiting: queue.Queue = queue.Queue(maxsize=1)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._work, name="her2batch-deflate", daemon=True)
        self.thread.start()

    def _work(self) -> None:
        while (data := self.waiting.get()) is not None:
            if self.error is None:  # after an error keep draining, so the caller never blocks
                try:
                    self.stream.write(data)
                except BaseException as error:  # raised again in the caller's thread
                    self.error = error

    def write(self, data) -> None:
        if self.error is not None:
            raise self.error
        self.waiting.put(data)

    def close(self, raise_error: bool = True) -> None:
        """Wait for the worker; raise what it met (unless the caller is already raising its own)."""
        self.waiting.put(None)
        self.thread.join()
        if raise_error and self.error is not None:
            raise self.error


def _column_styles(spec: DeferredRows, found: Mapping[str, int]) -> dict[str, Styles]:
    styles = {}
    for name in map(str, spec.frame.columns):
        fills = spec.fills.get(name)
        styles[name] = Styles(date=found["date"] if name in spec.date_columns else None,
                              fills={value: found[f"fill:{name}:{value}"] for value in fills} if fills else None,
                              wrap=found["wrap"] if name in spec.wrap_columns else None,
                              boolean=found.get("bool"))
    return styles


def _write_rows(out: zipfile.ZipFile, name: str, xml: str, spec: DeferredRows, strings: SharedStrings | None) -> None:
    probe = re.search(rf'<row r="{spec.probe_row}"[^>]*>(.*?)</row>', xml)
    if probe is None:
        raise RuntimeError(f"sheet {spec.title}: placeholder row not found")
    found = [int(s) if s else 0 for s in re.findall(r'<c r="[A-Z]+\d+"(?: s="(\d+)")?', probe.group(1))]
    styles = _column_styles(spec, dict(zip([key for key, _ in spec.probe_values()], found, strict=True)))
    large = len(spec.frame) * max(len(spec.frame.columns), 1) * 120 > 2**31  # bytes, generously
    step = max(1, min(CHUNK_ROWS, CHUNK_CELLS // max(len(spec.frame.columns), 1)))
    with out.open(name, "w", force_zip64=large) as stream:
        deflater = Deflater(stream)
        try:
            deflater.write(xml[: probe.start()].encode("utf-8"))
            for start in range(0, len(spec.frame), step):
                rows = rows_xml(spec.frame.iloc[start : start + step], spec.probe_row + start, styles, strings)
                deflater.write(_data(rows))
            deflater.write(xml[probe.end() :].encode("utf-8"))
        except BaseException:
            deflater.close(raise_error=False)  # the worker stopped; this error (a signal too) goes on
            raise
        deflater.close()


def _with_shared_strings(name: str, text: str) -> str:
    """[Content_Types].xml or the workbook's relationships, naming the shared-strings part."""
    if name == "[Content_Types].xml":
        return text.replace("</Types>", f'<Override PartName="/{SHARED_STRINGS}" ContentType="{SST_TYPE}"/></Types>')
    return text.replace("</Relationships>",
                        f'<Relationship Id="{SST_ID}" Type="{SST_RELATION}" Target="sharedStrings.xml"/></Relationships>')


def splice(saved: Path, target: Path, deferred: list[DeferredRows]) -> None:
    """Copy the saved workbook to ``target`` with each deferred sheet's rows generated in."""
    by_title = {d.title: d for d in deferred}
    with zipfile.ZipFile(saved) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL) as out:
        paths = {path: title for title, path in _sheet_paths(source).items() if title in by_title}
        names = set(source.namelist())
        strings = SharedStrings() if SHARED_STRINGS not in names else None  # openpyxl wrote none: ours
        naming = ("[Content_Types].xml", "xl/_rels/workbook.xml.rels")
        for info in source.infolist():
            if info.filename in naming:
                continue  # written last, naming the shared strings once they are known
            data = source.read(info.filename)
            if info.filename in paths:
                _write_rows(out, info.filename, data.decode("utf-8"), by_title[paths[info.filename]], strings)
            else:
                out.writestr(info, data)
        if strings is not None and len(strings):
            out.writestr(SHARED_STRINGS, strings.xml())
        for info in source.infolist():
            if info.filename in naming:
                text = source.read(info.filename).decode("utf-8")
                out.writestr(info, _with_shared_strings(info.filename, text) if strings and len(strings) else text)

"""REFERENCE ONLY (tests): the big-sheet writer as it was before shared strings and cells without `r`, kept
so tests/test_sheetxml.py can check that the current one reads back the same. Not used by her2batch.

Rows of the big sheets (Cases, Review, Rejects) as worksheet XML built column by column.

openpyxl streams about 130,000 cells a second here, so 100,000 cases of 47 columns took 36 s.
openpyxl still writes the workbook, its styles and each big sheet's header; the data rows are
generated with whole-column Arrow string operations (about 15x faster) and spliced into the
saved file in place of a one-row placeholder whose cells also tell us openpyxl's style ids.
Every value is an inline string, number, boolean or date: never a formula.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from openpyxl.utils import get_column_letter

CHUNK_ROWS = 20_000  # rows generated at once: bounds memory
EXCEL_EPOCH = dt.date(1899, 12, 30)
ILLEGAL_XML = r"[\x00-\x08\x0b\x0c\x0e-\x1f]"
EXCEL_MAX_CHARS = 32_767
CUT_MARKER = " [cut: see cases.csv]"


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


def safe_text(values: pd.Series) -> pd.Series:
    """Input text made writable: XML-forbidden characters replaced, cut at Excel's cell limit."""
    text = values.astype("string")
    if text.str.contains(ILLEGAL_XML, regex=True, na=False).any():
        text = text.str.replace(ILLEGAL_XML, "\ufffd", regex=True)
    long = (text.str.len() > EXCEL_MAX_CHARS).fillna(False)
    if long.any():
        text = text.where(~long, text.str.slice(0, EXCEL_MAX_CHARS - len(CUT_MARKER)) + CUT_MARKER)
    return text


def _join(*parts) -> pa.Array:
    return pc.binary_join_element_wise(*parts, "")


def _escape(text: pa.Array) -> pa.Array:
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        text = pc.replace_substring(text, raw, escaped)
    return text


def _number_text(series: pd.Series) -> pa.Array:
    values = series.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    whole = np.isfinite(values) & (values == np.round(values)) & (np.abs(values) < 2**53)
    text = pa.array(values, from_pandas=True).cast(pa.string())
    if whole.any():  # 40.0 -> 40
        integers = pa.array(np.where(whole, values, 0).astype(np.int64)).cast(pa.string())
        text = pc.if_else(pa.array(whole), integers, text)
    return text


def _style_attribute(values: pd.Series, styles: Mapping[str, int]) -> pa.Array:
    attribute = values.astype(object).map({v: f' s="{s}"' for v, s in styles.items()})
    return pa.array(attribute.fillna("").astype(str).to_numpy(), type=pa.string())


def boolean_flags(series: pd.Series) -> tuple[np.ndarray, np.ndarray] | None:
    """(value, present) for a true/false column of any dtype (bool, nullable, 'true'/'false' categories)."""
    if pd.api.types.is_bool_dtype(series.dtype):
        present = series.notna().to_numpy(dtype=bool)
        return series.fillna(False).to_numpy(dtype=bool), present
    if isinstance(series.dtype, pd.CategoricalDtype) and len(series.cat.categories) and \
            set(map(str, series.cat.categories)) <= {"true", "false"}:
        text = series.astype("string")
        return (text == "true").fillna(False).to_numpy(dtype=bool), text.notna().to_numpy(dtype=bool)
    return None


def cells(series: pd.Series, letter: str, rows: pa.Array, date_style: int | None,
          fill_styles: Mapping[str, int] | None, wrap_style: int | None = None, bool_style: int | None = None) -> pa.Array:
    """One column's cells (empty string where the value is missing)."""
    n = len(series)
    head = pa.array([f'<c r="{letter}'] * n) if n else pa.array([], pa.string())
    start = _join(head, rows)
    flags = boolean_flags(series)
    if flags is not None:  # a real Excel boolean, blank where unknown
        values, present = flags
        style = f'" s="{bool_style}' if bool_style is not None else ""  # shown TRUE/FALSE everywhere
        xml = _join(start, style + '" t="b"><v>', pa.array(np.where(values, "1", "0")), "</v></c>")
        return pc.if_else(pa.array(present), xml, "")
    if pd.api.types.is_numeric_dtype(series.dtype):
        text = _number_text(series)
        present = pc.is_valid(text)
        return pc.if_else(present, _join(start, '" t="n"><v>', pc.fill_null(text, ""), "</v></c>"), "")
    text = safe_text(series)
    present = (text.notna() & (text != "")).to_numpy(dtype=bool, na_value=False)
    if fill_styles:
        style = _style_attribute(series, fill_styles)
    else:
        style = pa.array([f' s="{wrap_style}"' if wrap_style is not None else ""] * n, pa.string())
    escaped = _escape(pa.array(text.fillna(""), type=pa.string()))
    xml = _join(start, '"', style, ' t="inlineStr"><is><t xml:space="preserve">', escaped, "</t></is></c>")
    if date_style is not None:
        iso = text.fillna("").str.fullmatch(r"\d{4}-\d{2}-\d{2}").to_numpy(dtype=bool, na_value=False)
        if iso.any():
            dates = pd.to_datetime(text.where(iso), format="%Y-%m-%d", errors="coerce")
            serial = ((dates - pd.Timestamp(EXCEL_EPOCH)).dt.days).astype("Int64").astype("string").fillna("")
            as_date = _join(start, f'" s="{date_style}" t="n"><v>', pa.array(serial, type=pa.string()), "</v></c>")
            xml = pc.if_else(pa.array(iso & dates.notna().to_numpy()), as_date, xml)
    return pc.if_else(pa.array(present), xml, "")


def rows_xml(frame: pd.DataFrame, first_row: int, date_style: int, fill_styles: Mapping[str, Mapping[str, int]],
             date_columns: tuple[str, ...], wrap: Mapping[str, int] | None = None,
             bool_style: int | None = None) -> bytes:
    """``<row>`` elements for every row of ``frame``, numbered from ``first_row``."""
    rows = pa.array((np.arange(len(frame)) + first_row).astype(str))
    columns = [
        cells(frame[name], get_column_letter(i + 1), rows,
              date_style if name in date_columns else None, fill_styles.get(str(name)), (wrap or {}).get(str(name)),
              bool_style)
        for i, name in enumerate(frame.columns)
    ]
    joined = _join('<row r="', rows, '">', *columns, "</row>") if len(frame) else pa.array([], pa.string())
    return "".join(joined.to_pylist()).encode("utf-8")


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


def splice(saved: Path, target: Path, deferred: list[DeferredRows]) -> None:
    """Copy the saved workbook to ``target`` with each deferred sheet's rows generated in."""
    by_title = {d.title: d for d in deferred}
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=3) as out:
        paths = {path: title for title, path in _sheet_paths(source).items() if title in by_title}
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename not in paths:
                out.writestr(info, data)
                continue
            spec = by_title[paths[info.filename]]
            xml = data.decode("utf-8")
            probe = re.search(rf'<row r="{spec.probe_row}"[^>]*>(.*?)</row>', xml)
            if probe is None:
                raise RuntimeError(f"sheet {spec.title}: placeholder row not found")
            found = [int(s) if s else 0 for s in re.findall(r'<c r="[A-Z]+\d+"(?: s="(\d+)")?', probe.group(1))]
            keys = [key for key, _ in spec.probe_values()]
            styles = dict(zip(keys, found, strict=True))
            fill_styles = {column: {value: styles[f"fill:{column}:{value}"] for value in colours}
                           for column, colours in spec.fills.items()}
            large = len(spec.frame) * max(len(spec.frame.columns), 1) * 120 > 2**31  # bytes, generously
            with out.open(info.filename, "w", force_zip64=large) as stream:
                stream.write(xml[: probe.start()].encode("utf-8"))
                for start in range(0, len(spec.frame), CHUNK_ROWS):
                    chunk = spec.frame.iloc[start : start + CHUNK_ROWS]
                    wrap = {column: styles["wrap"] for column in spec.wrap_columns}
                    stream.write(rows_xml(chunk, spec.probe_row + start, styles["date"], fill_styles, spec.date_columns,
                                          wrap, styles.get("bool")))
                stream.write(xml[probe.end() :].encode("utf-8"))

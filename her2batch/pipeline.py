"""The whole flow in one readable function:

    discover -> read as text -> map headers -> parse -> validate (cases | rejects)
      -> classify -> (summarise and write: reports)
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.codes import Status
from her2batch.config import Settings
from her2batch.decide.classify import ANNOTATION_COLUMNS, EXTRA_COLUMNS, UNREAD_VALUE, classify
from her2batch.decide.reasons import REASON_BIT
from her2batch.decide.review import RESULT_COLUMNS, duplicate_bits
from her2batch.read import keys, naaccr_codes, narrative, staining
from her2batch.read.discover import Skipped, find_inputs
from her2batch.read.sources import ReadOptions, Source, Table, read_source
from her2batch.understand import mapping, naaccr
from her2batch.understand.fields import NUMBER_COLUMNS, parse_fields, parse_numbers
from her2batch.understand.headers import CANONICAL_COLUMNS, MAPPABLE_COLUMNS
from her2batch.understand.textnorm import distinct, distinct_columns, normalise
from her2batch.understand.values import Site, day_first_of, parse_dates
from her2batch.understand.wording import read_words, tags_in

PROVENANCE_COLUMNS = ("source_file", "source_sheet", "source_row")
OUTPUT_ANNOTATIONS = (*ANNOTATION_COLUMNS, *EXTRA_COLUMNS, narrative.EVIDENCE_COLUMN, *PROVENANCE_COLUMNS)
REJECT_LEAD = ("source_file", "source_row", "reasons")
CHUNK_ROWS = 100_000  # rows carried together from mapping to the written CSV: bounds memory
# What a streamed run keeps of every case (the rest, the input's own columns, is only in cases.csv):
# the canonical and annotation columns, which the Summary, Review and QC tables, run.json, the
# patient roll-ups and the history read. Text that repeats is held as categories.
COMPACT_COLUMNS = (*CANONICAL_COLUMNS, *OUTPUT_ANNOTATIONS)
COMPACT_TEXT = (*(c for c in CANONICAL_COLUMNS if c not in (*NUMBER_COLUMNS, "case_id", "patient_id")),
                narrative.EVIDENCE_COLUMN)


class AccountingError(RuntimeError):
    """rows_in != cases + rejects + rows_folded: a bug, never written out."""


@dataclass
class RunResult:
    settings: Settings
    sources: list[Source]
    cases: pd.DataFrame
    rejects: pd.DataFrame
    started: dt.datetime
    finished: dt.datetime
    rows_in: int
    timings: dict[str, float] = field(default_factory=dict)
    carriers: dict[str, set[str]] = field(default_factory=dict)  # canonical -> output columns with its values
    skipped: list[Skipped] = field(default_factory=list)  # inputs and directory entries not read, with why
    rows_folded: int = 0  # input rows folded into another row's case (one row per test)
    # A streamed run (a sink was given): ``cases`` holds COMPACT_COLUMNS of every case, ``cases_sheet``
    # the first cases with all their columns, and ``streamed`` the sink that wrote cases.csv.
    cases_sheet: pd.DataFrame | None = None
    streamed: Any = None

    @property
    def warnings(self) -> list[str]:
        """Plain messages (file, header; never a value): unmapped data headers, ties, encodings."""
        return [w for s in self.sources for w in s.warnings]

    @property
    def failed(self) -> list[Source]:
        return [s for s in self.sources if s.status != "ok"]

    @property
    def review(self) -> int:
        return int(self.cases["review_required"].sum()) if len(self.cases) else 0

    @property
    def categories(self) -> dict[str, int]:
        if not len(self.cases):
            return {}
        counts = self.cases["her2_category"].value_counts(sort=False)
        return {str(k): int(v) for k, v in counts.items()}


class _Clock:
    def __init__(self) -> None:
        self.timings: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.timings[stage] = self.timings.get(stage, 0.0) + now - self._last
        self._last = now


class CaseSink(Protocol):
    """Receives each chunk's cases (all columns) and returns them as written (protected)."""

    def __call__(self, cases: pd.DataFrame, carriers: dict[str, set[str]]) -> pd.DataFrame: ...


def run(
    inputs: Iterable[str | Path],
    settings: Settings,
    on_source: Callable[[Source], None] | None = None,
    outdir: str | Path | None = None,
    sink: CaseSink | None = None,
    chunk_rows: int | None = None,
) -> RunResult:
    """Read, validate and classify every input (never anything in ``outdir``), chunk by chunk.

    Without ``sink`` nothing is written and ``cases`` holds every column. With one, each chunk's
    cases go to the sink as soon as they are classified and only compact columns stay in memory.
    """
    started = dt.datetime.now(dt.UTC)
    clock = _Clock()
    found = find_inputs(inputs, outdir)
    sources, read_first = [], {}
    text_columns_of: dict[int, list[str]] = {}  # id(table) -> its report-text columns
    for source in found.sources:
        if source.status == "ok":
            read_source(source, settings.columns, read_options(settings))
            if source.status == "ok" and source.sha256 in read_first:  # the same export twice: read once
                found.skipped.append(Skipped(source.display, f"the same content as {read_first[source.sha256]}: "
                                                             "read once", warn=True))
                continue
            read_first.setdefault(source.sha256, source.display)
            _find_report_text(source, settings, text_columns_of)  # before any no-HER2-column check
            # the mapping report and header warnings; a table without a HER2 result fails its input
            mapping.check_source(source, {id(t): text_columns_of.get(id(t), []) for t in source.tables})
        sources.append(source)
        if on_source:
            on_source(source)
    clock.lap("read")

    tables = [(s, t) for s in sources if s.status == "ok" for t in s.tables]
    text_columns = {number: [input_name(name, table.columns) for name in text_columns_of[id(table)]]
                    for number, (_, table) in enumerate(tables) if text_columns_of.get(id(table))}
    naaccr_fields = set().union(*(t.naaccr_fields for _, t in tables))
    keyed = any(t.key_columns for _, t in tables)  # a composite key anywhere: every chunk has case_key
    coded = False  # a NAACCR special code anywhere: every chunk has registry_codes
    chunks = list(table_chunks(tables, chunk_rows or CHUNK_ROWS))
    layout = _output_columns(tables)
    whole = WholeRun()
    verdicts: list[tuple[np.ndarray, pd.Series]] = []  # per chunk: accepted, and the rejected rows' reasons
    carriers: dict[str, set[str]] = {}
    prepared = None
    seen_codes: list[dict[str, np.ndarray]] = []  # per chunk: rows that could hold a NAACCR code
    numbers: list[dict[str, Any]] = []  # per chunk: its number columns parsed (codes and distinct values)
    for chunk in chunks:  # the passes that need every row: duplicates, the day/month order of dates
        # the input's own columns only where report text is read or this chunk is the only one
        originals, raw, chunk_carriers = _combine([(s, t) for _, s, t in chunk], numbers=[n for n, _, _ in chunk],
                                                  with_originals=bool(text_columns) or len(chunks) == 1)
        raw = naaccr.translate(_keyed(raw, keyed))
        seen_codes.append({})
        raw, registry_codes = naaccr_codes.not_given(raw, naaccr_fields, seen_codes[-1])
        coded |= registry_codes is not None
        for name, carried in chunk_carriers.items():
            carriers.setdefault(name, set()).update(carried)
        clock.lap("map")
        text = narrative.apply(raw, originals, text_columns)  # results in report text fill blank fields
        clock.lap("report text")
        checked = text.raw[[c for c in ("case_id", *NUMBER_COLUMNS) if c in text.raw]]  # all validation reads
        numbers.append({})
        distinct_of: dict[str, Any] = {}  # distinct values per column, read by validation and the scan alike
        values = parse_numbers(checked, numbers[-1], distinct_of, suffixes=("", "__kind"))  # what validation reads
        reasons = _reasons_or_fail(sources, tables, checked, values)
        accepted = (reasons == "").to_numpy()
        verdicts.append((accepted, reasons.loc[~accepted]))
        clock.lap("validate")
        whole.add(text.raw, accepted, distinct_of)
        if len(chunks) == 1:
            prepared = originals, text, registry_codes
        clock.lap("scan")
    duplicates, day_first = whole.duplicate_bits(), whole.day_first()
    del whole  # its keys and signatures are not needed past this point
    for names in text_columns.values():  # dropping a text column also drops its evidence
        carriers.update({name: {name, narrative.EVIDENCE_COLUMN} for name in names})
    clock.lap("scan")

    default_site = Site.GASTROESOPHAGEAL if settings.default_site == "gastroesophageal" else Site.BREAST
    cases_parts: list[pd.DataFrame] = []
    rejects_parts: list[pd.DataFrame] = []
    sheet_parts: list[pd.DataFrame] = []
    done, sheet_rows = 0, 0
    for number, chunk in enumerate(chunks):
        if prepared is None:
            originals, raw, _ = _combine([(s, t) for _, s, t in chunk], numbers=[n for n, _, _ in chunk])
            raw = naaccr.translate(_keyed(raw, keyed))
            raw, registry_codes = naaccr_codes.not_given(raw, naaccr_fields, seen_codes[number])
            clock.lap("map")
            text = narrative.apply(raw, originals, text_columns)
            clock.lap("report text")
        else:
            originals, text, registry_codes = prepared
        raw = text.raw
        accepted, rejected = verdicts[number]
        reasons = pd.Series("", index=raw.index, dtype=object)
        reasons.loc[rejected.index] = rejected
        kept = np.flatnonzero(accepted)
        kept_raw = raw.iloc[kept]
        if len(kept):  # only the accepted rows are parsed; numbers from the first pass's tables
            kept_numbers = {name: (codes[kept], table) for name, (codes, table) in numbers[number].items()}
            kept_parsed = parse_fields(kept_raw, settings.values, numbers=kept_numbers)
        else:
            kept_parsed = parse_fields(raw, settings.values).iloc[kept]
        numbers[number] = {}
        clock.lap("parse")
        unread, stated = _unread_her2([(s, t) for _, s, t in chunk], settings.drop_columns)
        described = staining.described([(s, t) for _, s, t in chunk])
        described = described.iloc[kept].reset_index(drop=True) if described is not None else None
        annotations = classify(
            kept_parsed,
            settings.rule_set,
            default_site=default_site,
            extra_reasons=(duplicates[done : done + len(kept)] | _text_reasons(text)[kept]
                           | _review_bits([(s, t) for _, s, t in chunk])[kept]
                           | np.where(staining.disagrees(described, kept_parsed), REASON_BIT["ihc_staining_disagrees"], 0)),
            overall_summary=naaccr.overall_summary(kept_raw),
            unread_her2=unread[kept],
            overall_status=stated[kept],
            gastro_elsewhere=_gastro_elsewhere([(s, t) for _, s, t in chunk])[kept],
        )
        annotations["explanation"] = narrative.explain_source(annotations["explanation"], text.used[kept])
        annotations[narrative.EVIDENCE_COLUMN] = text.evidence[kept]
        done += len(kept)
        clock.lap("classify")
        originals = originals.reindex(columns=layout).astype(
            {c: "string" for c in layout if c not in originals.columns})
        cases = _cases_frame(originals.iloc[kept], kept_raw, kept_parsed, annotations, day_first)
        if coded:  # NAACCR special codes read as not given, with their meaning
            at = cases.columns.get_loc("ihc_score") if "ihc_score" in cases else len(cases.columns)
            codes = registry_codes.iloc[kept].to_numpy() if registry_codes is not None else np.full(len(kept), "", object)
            cases.insert(at, "registry_codes", codes)
        rejects_parts.append(_rejects_frame([(s, t) for _, s, t in chunk], originals, reasons, accepted,
                                            numbers=[n for n, _, _ in chunk]))
        clock.lap("assemble")
        if sink is None:
            cases_parts.append(cases)
            continue
        written = sink(cases, carriers)
        clock.lap("write cases.csv")
        if sheet_rows < settings.cases_sheet_limit:
            part = written.iloc[: settings.cases_sheet_limit - sheet_rows]
            sheet_parts.append(own(part) if len(part) < len(written) else part)  # not the whole chunk's text
            sheet_rows += len(part)
        cases_parts.append(compact(written))
        if number + 1 < len(chunks):  # a table whose last rows are done leaves memory
            for table_number, _, _ in chunk:
                if table_number < chunks[number + 1][0][0]:
                    tables[table_number][1].release()
        chunks[number], prepared = [], None
        del originals, raw, text, kept_raw, kept_parsed, annotations, cases, written
        _give_back()
        clock.lap("assemble")
    for _, table in tables:
        table.release()
    del chunks, verdicts, duplicates, prepared, chunk, seen_codes, numbers
    cases, rejects = stack(cases_parts), _order_rejects(pd.concat(rejects_parts, ignore_index=True, sort=False))
    del cases_parts, rejects_parts
    rows_in = sum(s.rows for s in sources if s.status == "ok")
    rows_folded = sum(t.folded for _, t in tables)
    check_accounting(rows_in, len(cases), len(rejects), rows_folded)
    clock.lap("assemble")
    result = RunResult(settings, sources, cases, rejects, started, dt.datetime.now(dt.UTC), rows_in, clock.timings,
                       carriers, found.skipped, rows_folded=rows_folded)
    if sink is not None:
        result.cases_sheet = stack(sheet_parts) if sheet_parts else cases.iloc[:0]
        result.streamed = sink
    del sheet_parts
    _give_back()  # what the chunks used, back to the system: the reports start from the result alone
    return result


def _keyed(raw: pd.DataFrame, keyed: bool) -> pd.DataFrame:
    """``case_key`` in every chunk when any table of the run has one (blank: keyed by case_id)."""
    if keyed and "case_key" not in raw:
        raw = raw.assign(case_key=pd.Series(pd.NA, index=raw.index, dtype="string"))
    return raw


def _give_back() -> None:
    """Freed memory back to the system, not kept pooled: the next chunk and the workbook then
    start from what is really in use (Arrow's pool, and glibc's heap where there is one)."""
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to trim
        ctypes.CDLL(None).malloc_trim(0)


def give_back() -> None:
    """``_give_back`` for a caller that has let go of what a run used (api.process, once cases.csv
    is complete and its writer closed)."""
    _give_back()


def table_chunks(tables: Sequence[tuple[Source, Table]], chunk_rows: int) -> Iterator[list[tuple[int, Source, Table]]]:
    """The tables cut into chunks of at most ``chunk_rows`` data rows, in file order; small tables
    share a chunk. Each piece keeps its table's number; a ragged row travels with the piece whose
    rows it sits among, so rejects stay in file order chunk after chunk. Always at least one chunk."""
    chunk: list[tuple[int, Source, Table]] = []
    size, any_yielded = 0, False
    for number, (source, table) in enumerate(tables):
        ragged = sorted(table.ragged, key=lambda r: r[0])
        n, position, taken = len(table.data), 0, 0
        while True:
            end = position + min(chunk_rows - size, n - position)
            stop = len(ragged)
            if end < n:
                stop = taken
                while stop < len(ragged) and ragged[stop][0] < table.source_row[end]:
                    stop += 1
            bits = table.review_bits[position:end] if table.review_bits is not None else None
            piece = replace(table, data=table.data.iloc[position:end], source_row=table.source_row[position:end],
                            ragged=ragged[taken:stop], review_bits=bits)
            chunk.append((number, source, piece))
            size += end - position
            position, taken = end, stop
            if size >= chunk_rows:
                yield chunk
                chunk, size, any_yielded = [], 0, True
            if position >= n:
                break
    if chunk or not any_yielded:
        yield chunk


def _output_columns(tables: Sequence[tuple[Source, Table]]) -> list[str]:
    """The columns of the combined originals over every table, as one concat of all would give."""
    columns = ["source_file", "source_sheet", "source_row", "_table"]
    seen = set(columns)
    for _, table in tables:
        for name in table.columns:
            renamed = input_name(name, table.columns)
            if renamed not in seen:
                seen.add(renamed)
                columns.append(renamed)
    return columns


class WholeRun:
    """What must be seen over every accepted row before any chunk is classified: case_ids repeated
    anywhere in the run (with whether their results differ) and the day/month order of dates.
    Holds a key and one integer per row (its chunk's distinct result row), each chunk's distinct
    result rows, and the distinct dates."""

    def __init__(self) -> None:
        self.keys: list[pd.Series] = []
        self.signatures: list[np.ndarray] = []  # per chunk: each row's number in its chunk's table
        self.tables: list[np.ndarray] = []  # per chunk: its distinct rows of result-text numbers
        self.text_ids: list[dict[str, int]] = [{} for _ in RESULT_COLUMNS]  # normalised result -> number
        self.spelling_ids: list[dict[str, int]] = [{} for _ in RESULT_COLUMNS]  # result as written -> number
        self.dates: set[str] = set()

    def add(self, raw: pd.DataFrame, accepted: np.ndarray | None = None, coded: dict[str, Any] | None = None) -> None:
        """One chunk (canonical raw text) and which of its rows are accepted (default: all); only
        accepted rows count. Worked on whole columns and masked, so no frame is copied.
        ``coded``: ``textnorm.distinct`` of columns of ``raw`` already known."""
        accepted = np.ones(len(raw), dtype=bool) if accepted is None else accepted
        if not accepted.any():
            return
        key = raw["case_id"].fillna("").str.strip()
        if "case_key" in raw:  # tables with a composite key (read/keys.py); the others are keyed by case_id
            key = raw["case_key"].fillna(key).str.strip()
        self.keys.append(key[accepted].reset_index(drop=True))
        codes = np.zeros((len(raw), len(RESULT_COLUMNS)), dtype=np.int64)
        for i, name in enumerate(RESULT_COLUMNS):  # each distinct spelling normalised once in the run
            if name in raw:
                local, uniques = coded[name] if coded and name in coded else distinct(raw[name])
                ids, seen = self.text_ids[i], self.spelling_ids[i]
                lookup = np.array([seen[u] if u in seen else seen.setdefault(u, ids.setdefault(normalise(u), len(ids)))
                                   for u in uniques] or [0])
                codes[:, i] = lookup[local]
            else:
                codes[:, i] = self.text_ids[i].setdefault("", len(self.text_ids[i]))
        codes = codes[accepted]
        local = _row_groups(codes)
        first = np.zeros(local.max() + 1, dtype=np.int64)
        first[local[::-1]] = np.arange(len(local) - 1, -1, -1)  # each group's first row
        self.tables.append(codes[first])
        self.signatures.append(local.astype(np.int32))
        if "report_date" in raw:
            self.dates.update(str(d) for d in raw["report_date"][accepted].dropna().unique())

    def duplicate_bits(self) -> np.ndarray:
        """Reason bits per accepted row, in run order: 'conflict' where the results differ."""
        if not self.keys:
            return np.zeros(0, dtype=np.int64)
        key = pd.concat(self.keys, ignore_index=True)
        numbered = pd.factorize(key, use_na_sentinel=False)[0]  # key.duplicated(keep=False), cheaper
        repeated = np.bincount(numbered)[numbered] > 1
        bits = np.zeros(len(key), dtype=np.int64)
        if repeated.any():  # the repeated rows' results, numbered over the whole run
            offsets = np.cumsum([0, *(len(t) for t in self.tables[:-1])])
            row = np.concatenate([local + offset for local, offset in zip(self.signatures, offsets, strict=True)])
            signature = _row_groups(np.concatenate(self.tables)[row[repeated]])
            differing = pd.Series(signature).groupby(key[repeated].to_numpy()).transform("nunique")
            bits[repeated] = duplicate_bits(np.ones(int(repeated.sum()), dtype=bool), differing.to_numpy() > 1)
        return bits

    def day_first(self) -> bool | None:
        return day_first_of(pd.Series(sorted(self.dates), dtype=object))


def _row_groups(codes: np.ndarray) -> np.ndarray:
    """One dense group number per row of a small-integer matrix, equal rows equal numbers: the
    columns folded into one int64 (re-numbered densely before it could overflow)."""
    combined = np.zeros(len(codes), dtype=np.int64)
    for column in codes.T:
        base = int(column.max()) + 1
        if int(combined.max()) >= (2**62) // base:
            combined = pd.factorize(combined)[0].astype(np.int64)
        combined = combined * base + column
    return pd.factorize(combined)[0]


def compact(cases: pd.DataFrame) -> pd.DataFrame:
    """The COMPACT_COLUMNS of written cases; repeated text as categories."""
    kept = cases[[c for c in dict.fromkeys(COMPACT_COLUMNS) if c in cases.columns]].reset_index(drop=True)
    return kept.astype({c: "category" for c in COMPACT_TEXT if c in kept.columns})


def stack(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Chunks one below the other; categorical columns stay categorical (categories united)."""
    if len(frames) == 1:
        return frames[0]
    first = frames[0]
    categorical = [c for c in first.columns
                   if all(isinstance(f[c].dtype, pd.CategoricalDtype) for f in frames if c in f.columns)
                   and all(c in f.columns for f in frames)]
    out = pd.concat([f.drop(columns=categorical) for f in frames], ignore_index=True, sort=False)
    for name in categorical:
        out[name] = _united([f[name] for f in frames])
    return out[[*first.columns, *(c for c in out.columns if c not in first.columns)]]


def _united(parts: Sequence[pd.Series]) -> pd.Categorical:
    """Categorical chunks as one, categories in first-seen order (as union_categoricals unites
    them): each chunk's categories are looked up once and its codes mapped by array, instead of
    re-indexing every chunk's categories as Python objects (0.3 s for 1M rows' explanations)."""
    categories = [np.asarray(part.cat.categories, dtype=object) for part in parts]  # a chunk's may be typed differently
    position, united = pd.factorize(np.concatenate(categories))
    starts = np.cumsum([0, *(len(c) for c in categories)])
    codes = np.concatenate([np.append(position[start:end], -1)[part.cat.codes.to_numpy()]  # -1 (missing) stays -1
                            for part, start, end in zip(parts, starts[:-1], starts[1:], strict=True)])
    kinds = {part.cat.categories.dtype for part in parts}
    typed = kinds.pop() if len(kinds) == 1 else None
    index = pd.Index(united, dtype=typed) if isinstance(typed, pd.StringDtype) else pd.Index(united)  # text stays Arrow text
    return pd.Categorical.from_codes(codes, categories=index, validate=False)


def own(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its Arrow columns copied into buffers of their own size: a slice of a chunk
    would otherwise keep the whole chunk's text in memory."""
    out = frame.copy(deep=False)
    for at in range(frame.shape[1]):
        values = frame.iloc[:, at].array
        if isinstance(values, pd.arrays.ArrowExtensionArray):
            out.isetitem(at, pd.array(values._pa_array.combine_chunks(), dtype=values.dtype))
    return out


def check_accounting(rows_in: int, cases: int, rejects: int, rows_folded: int) -> None:
    """Every input row is a case, a reject, or folded into exactly one case (one row per test):
    ``rows_in == cases + rejects + rows_folded``, checked before anything is written."""
    if rows_in != cases + rejects + rows_folded:
        raise AccountingError(f"rows_in {rows_in} != cases {cases} + rejects {rejects} + rows_folded {rows_folded}")


def read_options(settings: Settings) -> ReadOptions:
    """What the readers need from the settings."""
    return ReadOptions(header_rows=getattr(settings, "header_rows", 0),
                       include_hidden_sheets=getattr(settings, "include_hidden_sheets", False),
                       key_columns=tuple(getattr(settings, "key_columns", ())),
                       layout=getattr(settings, "layout", "auto"),
                       long_columns=dict(getattr(settings, "long_columns", {})),
                       test_names={name: field for field, names in getattr(settings, "test_names", {}).items()
                                   for name in names},
                       encoding=getattr(settings, "encoding", None))


def _review_bits(tables: Sequence[tuple[Source, Table]]) -> np.ndarray:
    """Reason bits found while reading (a test given twice), aligned with the combined rows."""
    parts = [t.review_bits if t.review_bits is not None else np.zeros(len(t.data), dtype=np.int64)
             for _, t in tables]
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)


def _unread_her2(tables: Sequence[tuple[Source, Table]], ignored: Sequence[str] = ()) -> tuple[np.ndarray, np.ndarray]:
    """Per row, aligned with the combined rows: whether a column whose header names HER2 but that was
    not mapped (an overall status, a comment; report-text columns are read, so not counted) holds a
    value, and what such a value states: a status alone ("Positive", "Negative", "Equivocal"),
    UNREAD_VALUE for a HER2 result the call did not see (another block's or primary's score, a
    repeat test's ratio), -1 nothing (see _stated_status). Columns the run drops
    (``ignored``, drop_columns) were set aside on purpose and are not counted."""
    set_aside = {name.strip().casefold() for name in ignored}
    parts, statuses = [], []
    for _, table in tables:
        found = np.zeros(len(table.data), dtype=bool)
        status = np.full(len(table.data), -1, dtype=np.int8)
        for header in table.unmapped_her2_columns():
            if header.strip().casefold() in set_aside:
                continue
            values = table.data[header].astype("string").str.strip()
            filled = (values.notna() & (values != "")).to_numpy(dtype=bool, na_value=False)
            found |= filled
            if filled.any():
                data = _data_header(header)
                said = distinct_columns(values.iloc[np.flatnonzero(filled)], lambda raw, data=data: (_stated_status(raw, data),),
                                        {"status": np.int8})["status"]
                at = np.flatnonzero(filled)
                status[at] = np.where(said == UNREAD_VALUE, said, np.where(status[at] == -1, said, status[at]))
        parts.append(found)
        statuses.append(status)
    if not parts:
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int8)
    return np.concatenate(parts), np.concatenate(statuses)


# A header naming another marker too ("ER/PR/HER2": '+/+/-') or a share ("HER2 % (3+ cells)", warned
# about where it is unmapped) holds no HER2 result of its own: only a status word there is compared.
_DATE_LIKE = re.compile(r"^\d{1,4}([./-])\d{1,2}\1\d{1,4}(?:[ t]\d{1,2}:\d{2}(?::\d{2})?)?$")
_OTHER_MARKER_OR_SHARE = re.compile(r"%|\b(?:er|pr|pgr|ki-?67|ar)\b|oestrogen|estrogen|progesteron", re.IGNORECASE)
_GROUP_WORD = re.compile(r"\bgroup\s*[1-5]\b")


def _data_header(header: str) -> bool:
    return not _OTHER_MARKER_OR_SHARE.search(header)


def _stated_status(raw: str, data_column: bool = False) -> int:
    """The HER2 status a value states by one status word alone ("Positive", "neg", "Equivocal"),
    compared with the program's own call; in a ``data_column``, UNREAD_VALUE for a value holding a
    HER2 result the call did not see (a score, plus signs, a number, amplification, a group);
    else -1. Staining words ("strong", "complete") and dates are not counted: they state no result."""
    text = normalise(raw)
    words = read_words(text)
    holds_result = bool(words.scores or words.plus_only or words.numbers or words.percents
                        or any(t.tag == "amplified" for t in words.terms) or _GROUP_WORD.search(text))
    if not words.readable or words.scores or words.numbers or words.percents or words.plus_only:
        return UNREAD_VALUE if data_column and holds_result and not _DATE_LIKE.match(text.strip()) else -1
    said = {Status.POSITIVE: words.said("positive", False), Status.NEGATIVE: words.said("negative", False),
            Status.EQUIVOCAL: words.said("equivocal", False)}
    if sum(said.values()) != 1 or any(t.negated for t in words.terms):
        return UNREAD_VALUE if data_column and holds_result else -1
    return int(next(status for status, yes in said.items() if yes))


# A loose, accent-free prefilter (one Arrow pass per column) for the site vocabulary's gastroesophageal
# words; tags_in, which decides, then reads only the texts it lets through.
_GASTRO_HINT = (r"g.str|stomac|st.mag|magen|sophag|es.f.g|speiser|cardi|antrum|antro|pylor|fundus|fundic|ivor|siewert|barrett"
                r"|\bgej\b|\begj\b|\bgoj\b|\bogj\b|junction|jonction|giunzione|uni.n|overgang|maag|slokdarm|kardia")


def _gastro_elsewhere(tables: Sequence[tuple[Source, Table]]) -> np.ndarray:
    """Rows without a tumour site whose other text (specimen type, report text, unmapped columns)
    names a gastroesophageal site (section 6), aligned with the combined rows. Only blank-site rows
    are looked at, each distinct text once."""
    parts = []
    for _, table in tables:
        found = np.zeros(len(table.data), dtype=bool)
        site_at = [p for p, name in table.header_map.canonical_of.items() if name == "tumor_site"]
        blank = np.ones(len(table.data), dtype=bool)
        for position in site_at:
            values = table.data[table.columns[position]].astype("string").str.strip()
            blank &= (values.isna() | (values == "")).to_numpy(dtype=bool, na_value=True)
        if blank.any():
            rows = np.flatnonzero(blank)
            for position, name in enumerate(table.columns):
                mapped = table.header_map.canonical_of.get(position)
                if mapped not in (None, "specimen_type"):
                    continue
                text = table.data[name].iloc[rows].astype("string")
                hint = pc.match_substring_regex(pa.array(text.array, type=pa.large_string()), _GASTRO_HINT,
                                                ignore_case=True)
                near = np.flatnonzero(pc.fill_null(hint, False).to_numpy(zero_copy_only=False))
                if len(near):  # only texts with a site-like word are read word by word
                    gastro = distinct_columns(text.iloc[near], lambda raw: ("gastroesophageal" in tags_in(raw, "sites"),),
                                              {"gastro": bool})["gastro"]
                    found[rows[near]] |= gastro
        parts.append(found)
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


RESERVED = frozenset((*CANONICAL_COLUMNS, *OUTPUT_ANNOTATIONS, "reasons", "_table", "case_key", "registry_codes"))


def input_name(name: str, taken: Iterable[str]) -> str:
    """An input column named like one we add keeps its values as '<name> (input)'."""
    taken = set(taken)
    if name not in RESERVED:
        return name
    new, n = f"{name} (input)", 2
    while new in taken or new in RESERVED:
        new, n = f"{name} (input {n})", n + 1
    return new


def _combine(tables: Sequence[tuple[Source, Table]], numbers: Sequence[int] | None = None,
             with_originals: bool = True) -> tuple[pd.DataFrame | None, pd.DataFrame, dict[str, set[str]]]:
    """All tables stacked: original columns (union, file order), canonical raw text, and for each
    canonical column the original columns that carry its values. ``numbers``: the tables' numbers
    in the whole run (a chunk holds a few). Without ``with_originals`` the first is None (a pass
    that reads only the canonical columns copies no input column)."""
    originals, canonicals = [], []
    carriers: dict[str, set[str]] = {name: {name} for name in MAPPABLE_COLUMNS}
    for number, (source, table) in zip(numbers if numbers is not None else range(len(tables)), tables, strict=True):
        renamed = {c: input_name(c, table.columns) for c in table.columns}
        for position, canonical in table.header_map.canonical_of.items():
            carriers[canonical].add(renamed[table.columns[position]])
        if with_originals:
            frame = table.data.copy().rename(columns=renamed)
            frame.insert(0, "_table", number)
            frame.insert(0, "source_row", table.source_row.astype(np.int64))
            frame.insert(0, "source_sheet", table.sheet or "")
            frame.insert(0, "source_file", source.display)
            originals.append(frame)
        canonical = pd.DataFrame(
            {name: table.data[table.columns[position]] for position, name in table.header_map.canonical_of.items()},
            index=table.data.index,
        )
        if table.key_columns:  # a composite key (NAACCR 550 + 560, [key] columns, part/block)
            canonical["case_key"] = keys.case_key(canonical["case_id"], [table.data[c] for c in table.key_columns])
        canonicals.append(canonical)
    if not canonicals:
        empty = pd.DataFrame({c: pd.Series(dtype="string") for c in ("source_file", "source_sheet")})
        empty["source_row"] = pd.Series(dtype=np.int64)
        empty["_table"] = pd.Series(dtype=np.int64)
        return empty, pd.DataFrame({"case_id": pd.Series(dtype="string")}), carriers
    combined = pd.concat(originals, ignore_index=True, sort=False) if with_originals else None
    for name in ("source_file", "source_sheet") if with_originals else ():
        combined[name] = combined[name].astype("category")
    raw = pd.concat(canonicals, ignore_index=True, sort=False)
    for name in MAPPABLE_COLUMNS:
        if name in raw:
            raw[name] = raw[name].astype("string")
    return combined, raw, carriers


def _find_report_text(source: Source, settings: Settings, found: dict[int, list[str]]) -> None:
    """Each table's report-text columns, noted per input; a table whose report text states HER2
    carries HER2 (``Table.carries_her2``, the hook of the no-HER2-column check)."""
    wanted = narrative.TextSettings(settings.text_columns, settings.text_exclude)
    for table in source.tables:
        names = narrative.text_columns(table.columns, table.data, table.header_map.canonical_of, wanted)
        if names:
            found[id(table)] = names
            source.notes.append(f"report text read from column(s): {', '.join(names)}")
            if narrative.carries_her2_in_text(table.data, names):
                table.carries_her2 = True


def _text_reasons(text: narrative.TextResult) -> np.ndarray:
    return (np.where(text.conflict, REASON_BIT["report_text_conflict"], 0)
            | np.where(text.unreadable, REASON_BIT["report_text_unreadable"], 0)
            | np.where(text.disagrees, REASON_BIT["report_text_disagrees"], 0)
            | np.where(text.in_situ, REASON_BIT["report_text_in_situ"], 0)).astype(np.int64)


def _reasons_or_fail(sources, tables, raw: pd.DataFrame, parsed: pd.DataFrame) -> pd.Series:
    from her2batch.validate import FileProblem, reject_reasons  # pandera: imported while the inputs are read

    try:
        return reject_reasons(raw, parsed)
    except FileProblem as problem:  # no row to blame: every input with rows fails
        for source, _ in tables:
            source.status, source.error = "failed", f"validation failed: {problem}"
        raise


def canonical_output(raw: pd.DataFrame, parsed: pd.DataFrame, day_first: bool | type[Ellipsis] | None = ...,
                     ) -> dict[str, pd.Series | np.ndarray]:
    """The canonical columns as written out: numbers as numbers, dates as ISO, text trimmed.
    ``day_first``: the run's day/month order (default: decided from these rows' dates)."""
    columns: dict[str, pd.Series | np.ndarray] = {}
    for name in CANONICAL_COLUMNS:
        if name in NUMBER_COLUMNS:
            values = parsed[name]
            columns[name] = values.round().astype("Int64") if name == "ish_cells_counted" else values
        elif name == "ish_probe":
            columns[name] = pd.Categorical.from_codes(parsed["ish_probe"].to_numpy(), categories=["", "dual", "single"])
        elif name not in raw:
            columns[name] = pd.Series("", index=raw.index, dtype="string")
        elif name == "report_date":
            columns[name] = parse_dates(raw[name], day_first).astype("string")
        else:
            columns[name] = raw[name].fillna("").str.strip()
    return columns


def _cases_frame(originals: pd.DataFrame, raw: pd.DataFrame, parsed: pd.DataFrame, annotations: pd.DataFrame,
                 day_first: bool | type[Ellipsis] | None = ...) -> pd.DataFrame:
    provenance = originals[list(PROVENANCE_COLUMNS)].reset_index(drop=True)
    originals = originals.drop(columns=[*PROVENANCE_COLUMNS, "_table"]).reset_index(drop=True)
    canonical = pd.DataFrame(canonical_output(raw.reset_index(drop=True), parsed.reset_index(drop=True), day_first))
    if "case_key" in raw:
        key = raw["case_key"].reset_index(drop=True)
        canonical.insert(1, "case_key", key.fillna(canonical["case_id"]).astype("string"))
    annotations = annotations.reset_index(drop=True)
    return pd.concat([originals, canonical, annotations, provenance], axis=1)


def _rejects_frame(tables: Sequence[tuple[Source, Table]], originals: pd.DataFrame, reasons: pd.Series, accepted: np.ndarray,
                   numbers: Sequence[int] | None = None) -> pd.DataFrame:
    """Rejected rows with their reasons beside every original value, in file order."""
    failed = originals.loc[~accepted].copy()
    failed.insert(2, "reasons", reasons.loc[~accepted].to_numpy())
    ragged_rows = []
    for number, (source, table) in zip(numbers if numbers is not None else range(len(tables)), tables, strict=True):
        names = table.ragged_columns or table.columns  # a folded table's set-aside rows are input rows
        for row, reason, cells in table.ragged:
            record = {"_table": number, "source_file": source.display, "source_sheet": table.sheet or "",
                      "source_row": row, "reasons": reason}
            record.update({input_name(name, names): value for name, value in zip(names, cells, strict=False)})
            extra = cells[len(names):]
            record.update({f"extra cell {i}": value for i, value in enumerate(extra, 1)})
            ragged_rows.append(record)
    if ragged_rows:
        failed = pd.concat([failed, pd.DataFrame(ragged_rows)], ignore_index=True, sort=False)
    return _order_rejects(failed)


def _order_rejects(failed: pd.DataFrame) -> pd.DataFrame:
    """File order; the lead columns first, the sheet last."""
    if "_table" in failed.columns:
        failed = failed.sort_values(["_table", "source_row"], kind="stable")
    rest = [c for c in failed.columns if c not in (*REJECT_LEAD, "_table", "source_sheet")]
    return failed[[*REJECT_LEAD, *rest, "source_sheet"]].reset_index(drop=True)


def classify_frame(raw: pd.DataFrame, settings: Settings | None = None,
                   day_first: bool | type[Ellipsis] | None = ...) -> pd.DataFrame:
    """The classifier as a pure function of one chunk, for engines that split the work (dask's
    ``map_partitions``, Spark's ``mapInPandas``): canonical raw text columns in (named as in
    CANONICAL_COLUMNS or NAACCR items; a missing column reads as blank), one row out per row in,
    same index: the canonical values as written to cases.csv, the annotation columns and
    ``reject_reasons`` ('' when the row can be a case). Every column is text, bool or number, so an
    engine's schema can be declared once (see ``classify_frame(empty)``).

    Two questions belong to the whole run, not to a chunk, and are the caller's: case_ids repeated
    across chunks (flag them with a group-by on case_id) and the day/month order of numeric dates
    (pass ``day_first``; by default each chunk decides from its own dates).
    """
    from her2batch.validate import reject_reasons

    settings = settings or Settings()
    raw = raw.astype({c: "string" for c in raw.columns})
    if "case_id" not in raw:
        raw["case_id"] = pd.Series(pd.NA, index=raw.index, dtype="string")
    raw = naaccr.translate(raw)
    parsed = parse_fields(raw, settings.values)
    reasons = reject_reasons(raw, parsed)
    annotations = classify(
        parsed,
        settings.rule_set,
        default_site=Site.GASTROESOPHAGEAL if settings.default_site == "gastroesophageal" else Site.BREAST,
        overall_summary=naaccr.overall_summary(raw),
    )
    out = pd.DataFrame(canonical_output(raw, parsed, day_first), index=raw.index)
    for name in annotations.columns:
        column = annotations[name]
        out[name] = column.astype("string") if isinstance(column.dtype, pd.CategoricalDtype) else column
    out["ish_probe"] = out["ish_probe"].astype("string")
    out["reject_reasons"] = reasons.astype("string")
    return out

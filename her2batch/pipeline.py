"""The whole flow in one readable function:

    discover -> read as text -> map headers -> parse -> validate (cases | rejects)
      -> classify -> (summarise and write: reports)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from her2batch import mapping, registry
from her2batch.classify import ANNOTATION_COLUMNS, EXTRA_COLUMNS, classify
from her2batch.config import Settings
from her2batch.discover import Skipped, find_inputs
from her2batch.fields import NUMBER_COLUMNS, parse_fields
from her2batch.headers import CANONICAL_COLUMNS, MAPPABLE_COLUMNS
from her2batch.read import keys, naaccr_codes, narrative
from her2batch.reasons import REASON_BIT
from her2batch.review import duplicate_reasons
from her2batch.sources import ReadOptions, Source, Table, read_source
from her2batch.validate import FileProblem, reject_reasons
from her2batch.values import Site, parse_dates

PROVENANCE_COLUMNS = ("source_file", "source_sheet", "source_row")
OUTPUT_ANNOTATIONS = (*ANNOTATION_COLUMNS, *EXTRA_COLUMNS, narrative.EVIDENCE_COLUMN, *PROVENANCE_COLUMNS)
REJECT_LEAD = ("source_file", "source_row", "reasons")


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


def run(
    inputs: Iterable[str | Path],
    settings: Settings,
    on_source: Callable[[Source], None] | None = None,
    outdir: str | Path | None = None,
) -> RunResult:
    """Read, validate and classify every input (never anything in ``outdir``); nothing is written here."""
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
    originals, raw, carriers = _combine(tables)
    review_bits = _review_bits(tables)
    naaccr_fields = set().union(*(t.naaccr_fields for _, t in tables))
    for _, table in tables:
        table.release()
    raw = registry.translate(raw)
    raw, registry_codes = naaccr_codes.not_given(raw, naaccr_fields)
    clock.lap("map")

    text = narrative.apply(raw, originals, text_columns)  # results in report text fill blank fields
    raw = text.raw
    for names in text_columns.values():  # dropping a text column also drops its evidence
        carriers.update({name: {name, narrative.EVIDENCE_COLUMN} for name in names})
    clock.lap("report text")

    parsed = parse_fields(raw, settings.values)
    clock.lap("parse")

    reasons = _reasons_or_fail(sources, tables, raw, parsed)
    accepted = (reasons == "").to_numpy()
    clock.lap("validate")

    kept = np.flatnonzero(accepted)
    kept_raw, kept_parsed = raw.iloc[kept], parsed.iloc[kept]
    annotations = classify(
        kept_parsed,
        settings.rule_set,
        default_site=Site.GASTROESOPHAGEAL if settings.default_site == "gastroesophageal" else Site.BREAST,
        extra_reasons=duplicate_reasons(kept_raw) | _text_reasons(text)[kept] | review_bits[kept],
        overall_summary=registry.overall_summary(kept_raw),
    )
    annotations["explanation"] = narrative.explain_source(annotations["explanation"], text.used[kept])
    annotations[narrative.EVIDENCE_COLUMN] = text.evidence[kept]
    clock.lap("classify")

    cases = _cases_frame(originals.iloc[kept], kept_raw, kept_parsed, annotations)
    if registry_codes is not None:  # NAACCR special codes read as not given, with their meaning
        at = cases.columns.get_loc("ihc_score") if "ihc_score" in cases else len(cases.columns)
        cases.insert(at, "registry_codes", registry_codes.iloc[kept].to_numpy())
    rejects = _rejects_frame(tables, originals, reasons, accepted)
    rows_in = sum(s.rows for s in sources if s.status == "ok")
    rows_folded = sum(t.folded for _, t in tables)
    check_accounting(rows_in, len(cases), len(rejects), rows_folded)
    clock.lap("assemble")
    return RunResult(settings, sources, cases, rejects, started, dt.datetime.now(dt.UTC), rows_in, clock.timings,
                     carriers, found.skipped, rows_folded=rows_folded)


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


def _combine(tables: Sequence[tuple[Source, Table]]) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, set[str]]]:
    """All tables stacked: original columns (union, file order), canonical raw text, and for each
    canonical column the original columns that carry its values."""
    originals, canonicals = [], []
    carriers: dict[str, set[str]] = {name: {name} for name in MAPPABLE_COLUMNS}
    for number, (source, table) in enumerate(tables):
        frame = table.data.copy()
        renamed = {c: input_name(c, table.columns) for c in table.columns}
        frame = frame.rename(columns=renamed)
        for position, canonical in table.header_map.canonical_of.items():
            carriers[canonical].add(renamed[table.columns[position]])
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
    if not originals:
        empty = pd.DataFrame({c: pd.Series(dtype="string") for c in ("source_file", "source_sheet")})
        empty["source_row"] = pd.Series(dtype=np.int64)
        empty["_table"] = pd.Series(dtype=np.int64)
        return empty, pd.DataFrame({"case_id": pd.Series(dtype="string")}), carriers
    combined = pd.concat(originals, ignore_index=True, sort=False)
    for name in ("source_file", "source_sheet"):
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
    try:
        return reject_reasons(raw, parsed)
    except FileProblem as problem:  # no row to blame: every input with rows fails
        for source, _ in tables:
            source.status, source.error = "failed", f"validation failed: {problem}"
        raise


def canonical_output(raw: pd.DataFrame, parsed: pd.DataFrame) -> dict[str, pd.Series | np.ndarray]:
    """The canonical columns as written out: numbers as numbers, dates as ISO, text trimmed."""
    columns: dict[str, pd.Series | np.ndarray] = {}
    for name in CANONICAL_COLUMNS:
        if name in NUMBER_COLUMNS:
            values = parsed[name]
            columns[name] = values.round().astype("Int64") if name == "ish_cells_counted" else values
        elif name == "ish_probe":
            labels = np.array(["", "dual", "single"], dtype=object)
            columns[name] = pd.Categorical(labels[parsed["ish_probe"].to_numpy()], categories=["", "dual", "single"])
        elif name not in raw:
            columns[name] = pd.Series("", index=raw.index, dtype="string")
        elif name == "report_date":
            columns[name] = parse_dates(raw[name]).astype("string")
        else:
            columns[name] = raw[name].fillna("").str.strip()
    return columns


def _cases_frame(originals: pd.DataFrame, raw: pd.DataFrame, parsed: pd.DataFrame, annotations: pd.DataFrame) -> pd.DataFrame:
    provenance = originals[list(PROVENANCE_COLUMNS)].reset_index(drop=True)
    originals = originals.drop(columns=[*PROVENANCE_COLUMNS, "_table"]).reset_index(drop=True)
    canonical = pd.DataFrame(canonical_output(raw.reset_index(drop=True), parsed.reset_index(drop=True)))
    if "case_key" in raw:
        key = raw["case_key"].reset_index(drop=True)
        canonical.insert(1, "case_key", key.fillna(canonical["case_id"]).astype("string"))
    annotations = annotations.reset_index(drop=True)
    return pd.concat([originals, canonical, annotations, provenance], axis=1)


def _rejects_frame(tables: Sequence[tuple[Source, Table]], originals: pd.DataFrame, reasons: pd.Series, accepted: np.ndarray) -> pd.DataFrame:
    """Rejected rows with their reasons beside every original value, in file order."""
    failed = originals.loc[~accepted].copy()
    failed.insert(2, "reasons", reasons.loc[~accepted].to_numpy())
    ragged_rows = []
    for number, (source, table) in enumerate(tables):
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
    failed = failed.sort_values(["_table", "source_row"], kind="stable")
    rest = [c for c in failed.columns if c not in (*REJECT_LEAD, "_table", "source_sheet")]
    return failed[[*REJECT_LEAD, *rest, "source_sheet"]].reset_index(drop=True)

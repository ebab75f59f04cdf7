"""One row per test -> one row per case.

LIS result extracts list tests, not cases: ``Accession, Part, Test Name, Result, Units``. When a
table has a test-name column and a result column (by header words) and no HER2 result columns of
its own, its rows are folded per case key (the case identifier, plus part and block where present):
each test becomes a column, named by the test as written and mapped to a canonical field by the
header vocabulary ("HER2 IHC" -> her2_ihc); other tests (Ki-67, ...) stay as extra columns.

Row accounting stays exact: every input row is folded into exactly one case (the case keeps the
first row's number; the others count as ``rows_folded``) or rejected with its reason. The same test
twice for one case with different results leaves that field blank, shows both results in a
'(conflicting results)' column and sends the case to review (``repeated_test_conflict``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch.decide.reasons import REASON_BIT
from her2batch.read.labels import HER2_TOKENS, field_of_label, looks_like_her2
from her2batch.understand.headers import HeaderMap, header_key
from her2batch.understand.textnorm import map_distinct, normalise
from her2batch.understand.values import parse_dates

# Header words, best first within each tuple of equals (casefolded letters and digits only).
TEST_HEADERS = (
    ("testname", "componentname", "analytename", "testdescription", "observationname", "markername",
     "observationidentifier", "observationtext", "resultname", "resultdescription", "testnamedescription",
     "biomarkername", "assayname", "testnaam", "nomdutest", "nombredelaprueba", "nometest", "testbezeichnung",
     "synopticquestion", "synopticitem", "synopticelement", "checklistitem", "dataelement", "questiontext"),
    ("test", "component", "analyte", "marker", "biomarker", "assay", "observation", "parameter",
     "untersuchung", "analyt", "analyse", "examen", "prueba", "determinacion", "analito", "esame", "analita",
     "bepaling", "onderzoek", "question", "item", "element"),
)
RESULT_HEADERS = (
    ("result", "testresult", "resultvalue", "observationvalue", "finalresult", "reportedresult", "reportedvalue",
     "ergebnis", "resultat", "resultats", "resultado", "risultato", "resultaat", "uitslag",
     "synopticanswer", "synopticresponse", "answertext", "selectedanswer"),
    ("value", "results", "wert", "valeur", "valor", "valore", "waarde", "befund", "answer", "response", "selection"),
)
UNIT_HEADERS = ("units", "unit", "uom", "resultunits", "resultunit", "unitsofmeasure", "unitofmeasure", "einheit", "unite", "unites", "unidad", "unidades",
                "unita", "eenheid")
PART_HEADERS = ("part", "partno", "partnumber", "partid", "specimenpart", "partdesignator", "teil", "partie",
                "parte", "deel", "block", "blockno", "blocknumber", "blocknr", "blockid", "block", "bloc",
                "bloque", "blocco", "blok")
RESULT_FIELDS = frozenset({"her2_ihc", "her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies",
                           "ish_cells_counted", "ish_result", "ish_probe", "er_percent", "pr_percent",
                           "antibody_clone"})
HER2_FIELDS = RESULT_FIELDS - {"er_percent", "pr_percent", "antibody_clone"}
CONFLICT_SUFFIX = " (conflicting results)"
FOLDED_ROWS = "folded_rows"


class LongLayoutError(ValueError):
    """The table is one row per test but cannot be folded without a guess; the message says how
    to configure it (never patient data)."""


@dataclass
class LongColumns:
    test: str
    result: str
    units: str | None
    parts: list[str]  # part / block columns that join the case identifier in the key


def _pick(columns: Sequence[str], ranks: Sequence[Sequence[str]], taken: set[str], what: str,
          setting: str) -> str | None:
    for rank in ranks:
        found = [c for c in columns if header_key(c) in rank and c not in taken]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise LongLayoutError(
                f"one row per test, but {len(found)} columns could hold the {what} "
                f"({', '.join(repr(c) for c in found)}); name yours with [long] {setting} = \"...\" in --config")
    return None


def detect(columns: Sequence[str], header_map: HeaderMap, long_config: Mapping[str, str] | None = None,
           layout: str = "auto") -> tuple[LongColumns | None, list[str]]:
    """The long layout's columns, or None for a wide table, with notes on anything doubtful.

    Raises LongLayoutError when a test column and a result column are found but which is which is
    not clear, or a configured column is missing."""
    config = dict(long_config or {})
    mapped = {columns[p] for p in header_map.canonical_of}
    by_key = {header_key(c): c for c in columns}
    chosen: dict[str, str] = {}
    for setting in ("test_column", "result_column", "units_column"):
        if setting in config:
            column = by_key.get(header_key(config[setting]))
            if column is None:
                raise LongLayoutError(f"[long] {setting} names {config[setting]!r}, not a header of this table")
            chosen[setting] = column
    if layout == "wide":
        return None, []
    test = chosen.get("test_column") or _pick(columns, TEST_HEADERS, mapped, "test name", "test_column")
    result = chosen.get("result_column") or _pick(columns, RESULT_HEADERS, mapped | {test or ""}, "result",
                                                  "result_column")
    if test is None or result is None:
        if layout == "long":
            raise LongLayoutError("[run] layout = \"long\" but no test name and result columns were found; "
                                  "name them with [long] test_column and result_column")
        return None, []
    wide_her2 = sorted(header_map.names & HER2_FIELDS)
    if wide_her2 and layout != "long" and not chosen:
        return None, [f"columns {test!r} and {result!r} look like one row per test, but the table also has HER2 "
                      f"columns ({', '.join(wide_her2)}): read as one row per case; set [run] layout = \"long\" "
                      "in --config to fold the tests instead"]
    taken = {test, result}
    units = chosen.get("units_column") or next(
        (c for c in columns if header_key(c) in UNIT_HEADERS and c not in taken | mapped), None)
    taken.add(units or "")
    parts = [c for c in columns if header_key(c) in PART_HEADERS and c not in taken | mapped]
    return LongColumns(test, result, units, parts), []


def key_hint(data: pd.DataFrame, case_column: str, columns: Sequence[str]) -> list[str]:
    """A note for a one-row-per-case table whose repeated case numbers are told apart by part or
    block columns: they stay duplicates (the key is not guessed), and the note says how to key them."""
    parts = [c for c in columns if header_key(c) in PART_HEADERS and c != case_column]
    if not parts or not len(data):
        return []
    case = data[case_column].fillna("").astype(str).str.strip()
    repeated = case.duplicated(keep=False)
    if not repeated.any():
        return []
    keyed = pd.DataFrame({c: data[c].fillna("").astype(str).str.strip() for c in (case_column, *parts)})
    if keyed.loc[repeated.to_numpy()].duplicated(keep=False).all():
        return []
    listed = ", ".join(f'"{c}"' for c in (case_column, *parts))
    return [f"repeated {case_column!r} values differ in {', '.join(repr(p) for p in parts)}: read as duplicates; "
            f"if each part is its own case, set [key] columns = [{listed}] in --config"]


def _blank(values: pd.Series) -> np.ndarray:
    return (values.fillna("").astype(str).str.strip() == "").to_numpy()


def _distinct_joined(values: pd.Series, groups: np.ndarray, separator: str) -> pd.Series:
    """Per group: its distinct non-blank values in order of appearance, joined (groups without
    one are absent). Grouped in Arrow, so a million test rows cost no Python loop."""
    text = pc.utf8_trim_whitespace(pa.array(values.astype("string").array).cast(pa.string()))
    table = pa.table({"g": pa.array(np.asarray(groups, dtype=np.int64)), "v": pc.fill_null(text, "")})
    table = table.filter(pc.not_equal(table["v"], ""))
    distinct = table.group_by(["g", "v"], use_threads=False).aggregate([])
    lists = distinct.group_by("g", use_threads=False).aggregate([("v", "list")])
    joined = pc.binary_join(lists["v_list"], separator)
    return pd.Series(joined.to_numpy(zero_copy_only=False), index=lists["g"].to_numpy(), dtype=object)


def _latest_dates(values: pd.Series, case_of_row: np.ndarray, cases: int) -> pd.Series | None:
    """Per case the latest date of its rows, when some case has several and all are readable dates;
    None when no case has more than one date (the column is kept as it is)."""
    iso = parse_dates(values).astype(str).str.strip()
    frame = pd.DataFrame({"case": case_of_row, "iso": iso.to_numpy()})
    frame = frame.loc[frame["iso"] != ""]
    if not len(frame) or frame.groupby("case")["iso"].nunique().max() < 2:
        return None
    if not frame["iso"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").all():
        return None  # a date that cannot be read: every value stays, joined, in the column itself
    return pd.Series(frame.groupby("case")["iso"].max().reindex(range(cases)).fillna("").to_numpy(), dtype="string")


def _units_by_test(tests: pd.Series, units: pd.Series) -> dict[str, set[str]]:
    """Each test name's distinct non-blank units (a few dozen names: one group-by)."""
    frame = pd.DataFrame({"test": tests.to_numpy(), "unit": units.fillna("").astype(str).str.strip().to_numpy()})
    frame = frame.loc[frame["unit"] != ""].drop_duplicates()
    return {name: set(group) for name, group in frame.groupby("test", sort=False)["unit"]}


def _mentions_her2(results: pd.Series) -> bool:
    """Whether any result text names HER2 (one Arrow pass; report text carried as a test result)."""
    array = pa.array(results.astype("string").array)
    return bool(pc.any(pc.match_substring_regex(array, HER2_TOKENS.pattern, ignore_case=True)).as_py())


@dataclass
class Folded:
    data: pd.DataFrame  # one row per case
    columns: list[str]
    header_map: HeaderMap
    her2_tests: bool  # some test name is a HER2 test
    source_row: np.ndarray
    rejected: list[tuple[int, str, list[str]]]
    folded: int
    review_bits: np.ndarray
    notes: list[str]


def fold(data: pd.DataFrame, source_row: np.ndarray, header_map: HeaderMap, columns_in: Sequence[str],
         long: LongColumns, config_columns: Mapping[str, str] | None, key_columns: Sequence[str] = (),
         test_names: Mapping[str, str] | None = None) -> Folded:
    """Fold a one-row-per-test table into one row per case (see the module docstring).

    ``test_names`` is the config's ``[tests]`` table turned around: test name -> canonical field."""
    configured = {header_key(name): field for name, field in (test_names or {}).items()}
    columns_in = list(columns_in)
    case_column = columns_in[next(p for p, n in header_map.canonical_of.items() if n == "case_id")]
    key_parts = [c for c in (*long.parts, *key_columns) if c != case_column]
    key_parts = list(dict.fromkeys(key_parts))
    test_text = data[long.test].fillna("").astype(str).str.strip()
    result_text = data[long.result].fillna("").astype(str).str.strip()

    no_case = _blank(data[case_column])
    no_test = (test_text == "").to_numpy() & (result_text != "").to_numpy()
    reject = no_case | no_test
    rejected = [(int(source_row[i]), "case_id: blank" if no_case[i] else
                 f"{long.test}: blank, a result without a test name", [str(v) for v in data.iloc[i].fillna("")])
                for i in np.flatnonzero(reject)]
    keep = np.flatnonzero(~reject)
    data, source_row = data.iloc[keep].reset_index(drop=True), source_row[keep]
    test_text, result_text = test_text.iloc[keep].reset_index(drop=True), result_text.iloc[keep].reset_index(drop=True)

    key_frame = pd.DataFrame({c: data[c].fillna("").astype(str).str.strip() for c in (case_column, *key_parts)})
    case_of_row = key_frame.groupby(list(key_frame.columns), sort=False).ngroup().to_numpy() if len(data) else \
        np.zeros(0, dtype=np.int64)
    cases = int(case_of_row.max()) + 1 if len(case_of_row) else 0
    first_row = np.full(cases, -1, dtype=np.int64)
    first_row[case_of_row[::-1]] = np.arange(len(case_of_row))[::-1]  # earliest row of each case
    notes: list[str] = []

    # Each distinct test name -> the field it fills: a canonical name, or its own (first) spelling.
    names = pd.unique(test_text[test_text != ""])
    field_of: dict[str, str] = {}
    display: dict[str, str] = {}
    attribute_fields = set(header_map.names)
    units_of = _units_by_test(test_text, data[long.units]) if long.units else {}
    for name in names:
        canonical = configured.get(header_key(name)) or field_of_label(name, config_columns)
        if canonical == "her2_ihc" and units_of.get(name) == {"%"} and header_key(name) not in configured:
            canonical = "her2_ihc_percent"  # "HER2 membrane staining" in % is the share of cells stained, not the score
        if canonical in RESULT_FIELDS and canonical not in attribute_fields:
            field_of[name] = canonical
        else:
            field_of[name] = "test:" + header_key(name)
            if looks_like_her2(name):
                notes.append(f"test name {name!r} looks like HER2 but names no field: kept as its own column; "
                             f"map it with [tests] <field> = {name!r} in --config")
        display.setdefault(field_of[name], name)
    her2_tests = any(f in HER2_FIELDS for f in field_of.values())
    if not her2_tests and _mentions_her2(result_text):  # HER2 only in report text: read_narrative decides
        notes.append("no test name is a HER2 test; results that mention HER2 are left to the report-text reader")
    elif not her2_tests:
        raise LongLayoutError(
            f"one row per test ({long.test!r} names the test, {long.result!r} the result) but no test name is a HER2 "
            f"test ({len(names)} test names); map yours with [tests] her2_ihc = \"<test name>\" (or ish_ratio, "
            "ish_result, ...) in --config")

    field_text = test_text.map(field_of).fillna("")
    normal = map_distinct(result_text, lambda raw: (normalise(raw),), {"v": object})["v"]
    tests = pd.DataFrame({"case": case_of_row, "field": field_text.to_numpy(), "result": result_text.to_numpy(),
                          "normal": normal.to_numpy(), "at": np.arange(len(data))})
    tests = tests.loc[(tests["field"] != "") & (tests["result"] != "")]
    grouped = tests.groupby(["case", "field"], sort=False)
    first = grouped["result"].first()
    distinct = grouped["normal"].nunique()
    conflicted = distinct[distinct > 1]

    out: dict[str, pd.Series] = {}
    for column in columns_in:  # case attributes: one value, or every distinct value joined
        if column in (long.test, long.result, long.units):
            continue
        values = _distinct_joined(data[column], case_of_row, "; ")
        out[column] = pd.Series(values.reindex(range(cases)).fillna("").to_numpy(), dtype="string")
    date_column = next((columns_in[p] for p, n in header_map.canonical_of.items() if n == "report_date"), None)
    latest = _latest_dates(data[date_column], case_of_row, cases) if date_column in out else None
    if latest is not None:  # tests reported on several days: the case's date is its last result's
        out[f"{date_column} (latest)"] = latest
        notes.append(f"report_date: the latest of each case's {date_column!r} values (all kept in {date_column!r})")
    order = list(pd.unique(tests["field"].to_numpy()))
    review = np.zeros(cases, dtype=np.int64)
    for field in order:
        values = first.xs(field, level="field").reindex(range(cases)).fillna("")
        name = display[field]
        if name in out:  # a test spelled like a column of the export
            name = f"{name} (test)"
        these = tests.loc[tests["field"] == field]
        bad = conflicted.xs(field, level="field").index.to_numpy() if field in conflicted.index.get_level_values(
            "field") else np.zeros(0, dtype=np.int64)
        if len(bad):  # the same test twice with different results: neither is used
            clash = these.loc[np.isin(these["case"].to_numpy(), bad)]
            shown = _distinct_joined(clash["result"], clash["case"].to_numpy(), " | ")
            values[bad] = ""
            review[bad] |= REASON_BIT["repeated_test_conflict"]
            out[name] = pd.Series(values.to_numpy(), dtype="string")
            out[name + CONFLICT_SUFFIX] = pd.Series(shown.reindex(range(cases)).fillna("").to_numpy(), dtype="string")
        else:
            out[name] = pd.Series(values.to_numpy(), dtype="string")
        display[field] = name
        if long.units:
            unit = _distinct_joined(data[long.units].iloc[these["at"].to_numpy()],
                                    case_of_row[these["at"].to_numpy()], "; ")
            if len(unit):
                out[f"{name} ({long.units})"] = pd.Series(unit.reindex(range(cases)).fillna("").to_numpy(),
                                                          dtype="string")
    rows_of_case = _distinct_joined(pd.Series(source_row.astype(str)), case_of_row, ", ")
    out[FOLDED_ROWS] = pd.Series(rows_of_case.reindex(range(cases)).fillna("").to_numpy(), dtype="string")

    frame = pd.DataFrame(out)
    columns = list(frame.columns)
    canonical_of = {columns.index(columns_in[p]): n for p, n in header_map.canonical_of.items()
                    if columns_in[p] in columns and not (n == "report_date" and latest is not None)}
    if latest is not None:
        canonical_of[columns.index(f"{date_column} (latest)")] = "report_date"
    for field in order:
        if not field.startswith("test:"):
            canonical_of[columns.index(display[field])] = field
    if len(conflicted):
        notes.append(f"{int((review != 0).sum())} cases have one test twice with different results: "
                     "sent to review (repeated_test_conflict)")
    notes.insert(0, f"one row per test: {len(data)} rows folded into {cases} cases by "
                    f"{' + '.join([case_column, *key_parts])} ({len(rejected)} rows rejected); tests from "
                    f"{long.test!r}, results from {long.result!r}")
    # the input header's own mapping facts stay (what each input header became); positions are the folded ones
    return Folded(frame, columns, replace(header_map, canonical_of=canonical_of), her2_tests, source_row[first_row] if cases else source_row[:0],
                  rejected, len(data) - cases, review, notes)

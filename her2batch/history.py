"""The history across nights: an embedded SQLite database (standard library, WAL) of every run.

It keeps runs, inputs (sha256) and each case's canonical and annotation columns, never the
original columns. A case id seen before with the same results is not stored twice; a changed
result (an amended report) becomes the current version and the old one is kept.

A run holds the database's write lock from start to end (``BEGIN IMMEDIATE``): a second run on
the same file waits ``history_wait`` seconds, then fails with a clear message. The run's cases are
written in that one transaction, committed only after the outputs are in place: a crash leaves
the history as it was, and a rerun repeats nothing. Readers (``her2batch history``, ``report``)
are never blocked (WAL).

Categorical annotations are stored as small integer codes, described by the ``labels`` table,
so a history of millions of cases stays compact and quick to read back.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from her2batch import __version__
from her2batch.classify import CATEGORIES, STATUS_NAMES

SCHEMA_VERSION = 1
APPLICATION = "her2batch history"
FETCH_ROWS = 200_000  # rows read back at once: bounds memory on large histories
INSERT_ROWS = 100_000

TEXT_COLUMNS = ("case_id", "patient_id", "report_date", "tumor_site", "specimen_type", "her2_ihc", "ish_result",
                "ish_probe", "antibody_clone", "pathologist", "lab", "review_reasons", "explanation", "rule_set",
                "source_file")
REAL_COLUMNS = ("her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies", "er_percent", "pr_percent")
INT_COLUMNS = ("ish_cells_counted", "ish_group", "source_row", "rescore_why")
FLAG_COLUMNS = ("her2_low", "her2_ultralow", "review_required", "hr_positive")  # 1, 0, NULL (hr unknown)
CODES = {  # column -> labels by code, stored in the labels table
    "ihc_score": ("0", "1+", "2+", "3+"),
    "ihc_zero_subtype": ("null", "ultralow"),
    "her2_status": STATUS_NAMES,
    "her2_category": CATEGORIES,
}
CASE_COLUMNS = (*TEXT_COLUMNS, *REAL_COLUMNS, *INT_COLUMNS, *FLAG_COLUMNS, *CODES)
# The columns whose change makes a new version of a case (an amended report).
RESULT_COLUMNS = ("patient_id", "report_date", "tumor_site", "specimen_type", "her2_ihc", *REAL_COLUMNS,
                  "ish_cells_counted", "ish_result", "ish_probe", "antibody_clone", "pathologist", "lab",
                  "her2_status", "her2_category", "ihc_zero_subtype", "rule_set")
LOW_CARDINALITY = ("report_date", "tumor_site", "specimen_type", "her2_ihc", "ish_result", "ish_probe",
                   "antibody_clone", "pathologist", "lab", "review_reasons", "rule_set", "source_file")


class HistoryError(RuntimeError):
    """The history file cannot be used (not a history, a newer schema, locked by another run)."""


def _v1(db: sqlite3.Connection) -> None:
    columns = ",\n".join(
        [f"{c} TEXT" for c in TEXT_COLUMNS] + [f"{c} REAL" for c in REAL_COLUMNS]
        + [f"{c} INTEGER" for c in (*INT_COLUMNS, *FLAG_COLUMNS, *CODES)]
    )
    script = f"""
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE labels (column_name TEXT NOT NULL, code INTEGER NOT NULL, label TEXT NOT NULL,
                             PRIMARY KEY (column_name, code));
        CREATE TABLE runs (run_id INTEGER PRIMARY KEY, started TEXT, finished TEXT, recorded TEXT, version TEXT,
                           rule_set TEXT, rows_in INTEGER, cases INTEGER, rejects INTEGER, review INTEGER,
                           new_cases INTEGER, amended INTEGER, unchanged INTEGER, inputs_skipped INTEGER);
        CREATE TABLE inputs (run_id INTEGER NOT NULL REFERENCES runs(run_id), path TEXT, sha256 TEXT,
                             rows INTEGER, status TEXT);
        CREATE INDEX inputs_sha256 ON inputs (sha256);
        CREATE TABLE cases (version INTEGER NOT NULL, current INTEGER NOT NULL,
                            run_id INTEGER NOT NULL REFERENCES runs(run_id), signature INTEGER NOT NULL,
                            {columns});
        CREATE UNIQUE INDEX cases_current ON cases (case_id) WHERE current = 1;
    """
    for statement in script.split(";"):  # not executescript: it would commit the caller's transaction
        if statement.strip():
            db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))
    db.executemany("INSERT INTO labels VALUES (?, ?, ?)",
                   [(column, code, label) for column, labels in CODES.items() for code, label in enumerate(labels)])


MIGRATIONS = {1: _v1}  # schema version -> the step that reaches it from the one before


@dataclass
class Recorded:
    run_id: int
    new_cases: int
    amended: int
    unchanged: int


def _create_file(path: Path, mode: int) -> None:
    """The database file (and its WAL companions) with the outputs' permissions."""
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, mode))
    for companion in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if companion.exists():
            os.chmod(companion, mode)


def _version(db: sqlite3.Connection, path: Path) -> int:
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as problem:
        raise HistoryError(f"{path}: not a her2batch history ({problem})") from None
    if version == 0 and tables:
        raise HistoryError(f"{path}: an SQLite database, but not a her2batch history")
    if version > SCHEMA_VERSION:
        raise HistoryError(f"{path}: written by a newer her2batch (history schema {version}; this version reads "
                           f"up to {SCHEMA_VERSION}); upgrade her2batch")
    if version and "meta" in tables:
        application = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        if not application or application[0] != APPLICATION:
            raise HistoryError(f"{path}: an SQLite database, but not a her2batch history")
    return version


def migrate(db: sqlite3.Connection, path: Path) -> bool:
    """Bring the schema to SCHEMA_VERSION, step by step, inside the caller's transaction; True if it changed."""
    version = _version(db, path)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](db)
        db.execute(f"PRAGMA user_version = {step}")
    return version < SCHEMA_VERSION


class History:
    """One run's hold on a history file: opened and locked at the start, recorded at the end."""

    def __init__(self, path: str | Path, mode: int = 0o600, wait: float = 60.0) -> None:
        self.path = Path(path)
        try:
            _create_file(self.path, mode)
            self.db = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
        except (OSError, sqlite3.Error) as problem:
            raise HistoryError(f"{self.path}: cannot be opened ({type(problem).__name__})") from None
        try:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("BEGIN IMMEDIATE")  # the write lock, held until record() or close()
        except sqlite3.OperationalError as problem:
            self.db.close()
            if "locked" in str(problem) or "busy" in str(problem):
                raise HistoryError(f"{self.path}: another her2batch run is using this history; waited {wait:g} s. "
                                   "Run again when it has finished.") from None
            raise HistoryError(f"{self.path}: cannot be used ({problem})") from None
        except sqlite3.DatabaseError as problem:
            self.db.close()
            raise HistoryError(f"{self.path}: not a her2batch history ({problem})") from None
        try:
            if migrate(self.db, self.path):  # a schema change is kept even if the run then fails
                self.db.execute("COMMIT")
                self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as problem:
            self.close()
            raise HistoryError(f"{self.path}: another her2batch run took this history; waited {wait:g} s "
                               f"({problem})") from None
        except BaseException:
            self.close()
            raise
        _create_file(self.path, mode)
        self.mode = mode

    def close(self) -> None:
        """Leave without recording: the history stays as it was (safe to call twice)."""
        try:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
        except sqlite3.ProgrammingError:  # already closed
            return
        self.db.close()

    def recorded_inputs(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT DISTINCT sha256 FROM inputs WHERE status = 'ok'")}

    def current(self, columns: Iterable[str] = (), since: str | None = None) -> pd.DataFrame:
        return read_cases(self.db, tuple(columns), since)

    def record(self, result, codes: np.ndarray | None = None) -> Recorded:
        """Store the run and its cases, then commit: call only once the outputs are in place."""
        try:
            recorded = _record(self.db, result, codes)
            self.db.execute("COMMIT")
        except BaseException:
            self.close()
            raise
        self.db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        _create_file(self.path, self.mode)
        self.db.close()
        return recorded


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# --- writing ---------------------------------------------------------------------------------

def signatures(frame: pd.DataFrame) -> np.ndarray:
    """A 64-bit hash per case of its results (RESULT_COLUMNS), stable across runs."""
    columns = {}
    for name in RESULT_COLUMNS:
        column = frame[name] if name in frame else pd.Series("", index=frame.index)
        if isinstance(column.dtype, pd.CategoricalDtype) or column.dtype == object:
            column = column.astype("string")
        if pd.api.types.is_string_dtype(column.dtype):
            column = column.fillna("")
        columns[name] = column
    hashed = pd.util.hash_pandas_object(pd.DataFrame(columns, index=frame.index), index=False)
    return hashed.to_numpy().view(np.int64)


def _column_values(frame: pd.DataFrame, name: str) -> np.ndarray:
    """Python values for sqlite (None where missing) of one column in storage form."""
    n = len(frame)
    if name not in frame:
        return np.full(n, None, dtype=object)
    column = frame[name]
    if name in CODES:
        lookup = {label: code for code, label in enumerate(CODES[name])}
        codes = column.astype("string").map(lookup)
        return codes.astype(object).where(codes.notna(), None).to_numpy(dtype=object)
    if name in FLAG_COLUMNS:
        text = column.astype("string").str.lower()
        yes, no = (text == "true").fillna(False).to_numpy(dtype=bool), (text == "false").fillna(False).to_numpy(dtype=bool)
        return np.where(yes, 1, np.where(no, 0, None)).astype(object)
    if name in REAL_COLUMNS:
        values = column.astype("Float64")
        return values.astype(object).where(values.notna(), None).to_numpy(dtype=object)
    if name in INT_COLUMNS:
        if not pd.api.types.is_integer_dtype(column.dtype):
            column = pd.to_numeric(column.astype("string"), errors="coerce")
        values = column.astype("Int64")
        present = values.notna().to_numpy()
        out = values.fillna(0).to_numpy(dtype=np.int64).astype(object)
        out[~present] = None
        return out
    text = column.astype("string")
    return text.astype(object).where(text.notna(), None).to_numpy(dtype=object)


def _rows(frame: pd.DataFrame, lead: list[np.ndarray]) -> Iterator[tuple]:
    for start in range(0, len(frame), INSERT_ROWS):
        part = frame.iloc[start : start + INSERT_ROWS]
        arrays = [a[start : start + INSERT_ROWS] for a in lead] + [_column_values(part, c) for c in CASE_COLUMNS]
        yield from zip(*arrays, strict=True)


def _record(db: sqlite3.Connection, result, codes: np.ndarray | None) -> Recorded:
    cases = result.cases
    if codes is not None:
        cases = cases.assign(rescore_why=codes)
    keys = cases["case_id"].astype("string").fillna("").str.strip() if len(cases) else pd.Series(dtype="string")
    last = ~keys.duplicated(keep="last").to_numpy()  # a case repeated within the run: its last row
    cases, keys = cases.loc[last], keys[last]
    signature = signatures(cases) if len(cases) else np.zeros(0, dtype=np.int64)
    known = pd.DataFrame(db.execute("SELECT case_id, signature, version FROM cases WHERE current = 1").fetchall(),
                         columns=["case_id", "signature", "version"])
    known = known.set_index("case_id")
    before_sig = known["signature"].reindex(keys.to_numpy()).to_numpy()
    before_version = known["version"].reindex(keys.to_numpy()).fillna(0).to_numpy(dtype=np.int64)
    seen = ~pd.isna(before_sig)
    same = seen & (before_sig == signature)
    amended = seen & ~same
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    cursor = db.execute(
        "INSERT INTO runs (started, finished, recorded, version, rule_set, rows_in, cases, rejects, review, new_cases, "
        "amended, unchanged, inputs_skipped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (result.started.isoformat(timespec="seconds"), result.finished.isoformat(timespec="seconds"), now,
         __version__, result.settings.rule_set, result.rows_in, len(result.cases), len(result.rejects), result.review,
         int((~seen).sum()), int(amended.sum()), int(same.sum()), len(getattr(result, "skipped_inputs", []))))
    run_id = int(cursor.lastrowid)
    db.executemany("INSERT INTO inputs VALUES (?, ?, ?, ?, ?)",
                   [(run_id, s.display, s.sha256, s.rows if s.status == "ok" else 0, s.status) for s in result.sources])
    if amended.any():
        db.executemany("UPDATE cases SET current = 0 WHERE case_id = ? AND current = 1",
                       ((k,) for k in keys.to_numpy(dtype=object)[amended]))
    write = np.flatnonzero(~same)
    if len(write):
        subset = cases.iloc[write]
        lead = [(before_version[write] + 1).astype(object), np.full(len(write), 1, dtype=object),
                np.full(len(write), run_id, dtype=object), signature[write].astype(object)]
        names = ", ".join(("version", "current", "run_id", "signature", *CASE_COLUMNS))
        marks = ", ".join("?" * (4 + len(CASE_COLUMNS)))
        db.executemany(f"INSERT INTO cases ({names}) VALUES ({marks})", _rows(subset, lead))
    return Recorded(run_id, int((~seen).sum()), int(amended.sum()), int(same.sum()))


def amended_count(result, past: pd.DataFrame) -> int:
    """Cases of this run whose results differ from the history's current version."""
    if not len(result.cases) or not len(past) or "signature" not in past:
        return 0
    keys = result.cases["case_id"].astype("string").fillna("").str.strip()
    last = ~keys.duplicated(keep="last").to_numpy()
    mine = pd.Series(signatures(result.cases.loc[last]), index=keys[last].to_numpy())
    theirs = pd.Series(past["signature"].to_numpy(), index=past["case_id"].astype(str).to_numpy())
    common = mine.index.intersection(theirs.index)
    return int((mine.loc[common].to_numpy() != theirs.loc[common].to_numpy()).sum())


# --- reading ---------------------------------------------------------------------------------

def _labels(db: sqlite3.Connection) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for column, code, label in db.execute("SELECT column_name, code, label FROM labels ORDER BY column_name, code"):
        labels.setdefault(column, []).append(label)
        assert len(labels[column]) == code + 1, "labels must be numbered from 0"
    return labels


def read_cases(db: sqlite3.Connection, columns: tuple[str, ...] = (), since: str | None = None) -> pd.DataFrame:
    """The current version of every case (reported on or after ``since``), in compact dtypes.

    Rows are fetched in blocks and turned into Arrow columns at once, so memory stays close to
    the size of the result; low-cardinality text becomes categories.
    """
    wanted = [c for c in dict.fromkeys(columns or CASE_COLUMNS) if c in CASE_COLUMNS]
    selected = ["signature", *wanted]
    query = f"SELECT {', '.join(selected)} FROM cases WHERE current = 1"
    parameters: tuple = ()
    if since:
        query += " AND report_date >= ?"
        parameters = (since,)
    query += " ORDER BY rowid"
    cursor = db.execute(query, parameters)
    types = {name: pa.int64() if name in (*INT_COLUMNS, *FLAG_COLUMNS, *CODES, "signature")
             else pa.float64() if name in REAL_COLUMNS else pa.string() for name in selected}
    batches = []
    while rows := cursor.fetchmany(FETCH_ROWS):
        transposed = list(zip(*rows, strict=True))
        arrays = [pa.array(values, type=types[name]) for name, values in zip(selected, transposed, strict=True)]
        del rows, transposed
        batches.append(pa.RecordBatch.from_arrays(arrays, names=selected))
    table = pa.Table.from_batches(batches, schema=pa.schema([(n, types[n]) for n in selected]))
    return _decode(table, _labels(db))


def _decode(table: pa.Table, labels: dict[str, list[str]]) -> pd.DataFrame:
    """Storage form -> the dtypes of a run's cases frame (categories, booleans, 'true'/'false')."""
    frame: dict[str, object] = {}
    for name in table.column_names:
        column = table.column(name)
        if name in labels:
            codes = column.to_numpy(zero_copy_only=False)
            codes = np.where(pd.isna(codes), -1, codes).astype(np.int64)
            frame[name] = pd.Categorical.from_codes(codes, categories=labels[name])
        elif name == "hr_positive":
            values = column.to_numpy(zero_copy_only=False)
            codes = np.where(pd.isna(values), -1, np.where(values == 1, 0, 1)).astype(np.int64)
            frame[name] = pd.Categorical.from_codes(codes, categories=["true", "false"])
        elif name in FLAG_COLUMNS:
            frame[name] = column.fill_null(0).to_numpy().astype(bool)
        elif name in ("signature", "source_row", "rescore_why", "ish_cells_counted", "ish_group"):
            frame[name] = column.to_pandas().astype("Int64") if column.null_count else column.to_numpy()
        elif name in LOW_CARDINALITY:
            frame[name] = column.dictionary_encode().combine_chunks().to_pandas()
        elif name in REAL_COLUMNS:
            frame[name] = column.to_numpy()
        else:
            frame[name] = column.to_pandas(types_mapper=pd.ArrowDtype).astype("string")
    return pd.DataFrame(frame)


def open_read_only(path: str | Path) -> sqlite3.Connection:
    path = Path(path)
    if not path.is_file():
        raise HistoryError(f"{path}: no such history file")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as problem:
        raise HistoryError(f"{path}: cannot be opened ({type(problem).__name__})") from None
    version = _version(db, path)
    if version == 0:
        db.close()
        raise HistoryError(f"{path}: an empty file, not a her2batch history")
    if version < SCHEMA_VERSION:
        db.close()
        raise HistoryError(f"{path}: history schema {version}; run `her2batch run --history` once to migrate it")
    return db


def runs_table(db: sqlite3.Connection) -> pd.DataFrame:
    """Runs with their counts, oldest first."""
    return pd.read_sql_query(
        "SELECT run_id, started, rule_set, cases, rejects, review, new_cases, amended, unchanged, inputs_skipped, "
        "(SELECT COUNT(*) FROM inputs i WHERE i.run_id = r.run_id) AS inputs FROM runs r ORDER BY run_id", db)


def totals(db: sqlite3.Connection) -> dict[str, int]:
    one = db.execute("SELECT COUNT(*), SUM(version > 1) FROM cases WHERE current = 1").fetchone()
    old = db.execute("SELECT COUNT(*) FROM cases WHERE current = 0").fetchone()[0]
    return {"current cases": int(one[0]), "amended cases": int(one[1] or 0), "superseded versions": int(old)}


# --- a run with a history ----------------------------------------------------------------------

def begin(settings, inputs: Iterable[str]) -> tuple[History, list[str], list[str]]:
    """Open and lock the history; the inputs still to read, and those already recorded (skipped)."""
    from her2batch.sources import discover

    history = History(settings.history, settings.file_mode, settings.history_wait)
    if settings.reprocess:
        return history, list(inputs), []
    try:
        recorded = history.recorded_inputs()
        keep, skipped = [], []
        for source in discover(inputs):
            if source.status == "ok" and source.path.is_file() and sha256_of(source.path) in recorded:
                skipped.append(source.display)
            else:
                keep.append(str(source.path))
    except BaseException:
        history.close()
        raise
    return history, keep, skipped


def attach(history: History, result, skipped: list[str]) -> None:
    """Give ``result`` what the outputs show of the history: its current cases, amended count, skips."""
    from her2batch.rollups import SPAN_COLUMNS

    past = history.current(("case_id", *SPAN_COLUMNS, "rescore_why"))
    result.amended = amended_count(result, past)
    result.history_cases = past.drop(columns="signature")
    result.skipped_inputs = skipped
    result.rollups = None  # computed again over the history


def finish(history: History, result) -> Recorded:
    """Record the run (one transaction); call after the outputs are in place."""
    from her2batch.rescore import why_codes

    return history.record(result, why_codes(result.cases, result.settings.values.get("her2_ihc")))

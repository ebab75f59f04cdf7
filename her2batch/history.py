"""The history across nights: an embedded SQLite database (standard library, WAL) of every run.

It keeps runs, inputs (sha256) and each case's canonical and annotation columns, never the
original columns. A case id seen before with the same results is not stored twice; a changed
result (an amended report) becomes the current version and the old one is kept.

A run holds the database's write lock from start to end (``BEGIN IMMEDIATE``): a second run on
the same file waits ``history_wait`` seconds, then fails with a clear message. The run's cases are
written in that one transaction, committed only after the outputs are in place: a crash leaves
the history as it was, and a rerun repeats nothing. Readers (``her2batch history``, ``report``)
are never blocked (WAL).

Cases are stored column-wise: each run's new and amended cases as Parquet blobs in the
``case_batches`` table (row-wise SQLite inserts and reads ran at about 25,000 cases a second;
a history of millions of cases is read back in seconds this way). A case's current version is
its latest stored row; ``her2batch report`` and ``her2batch history`` read them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from her2batch import __version__
from her2batch.decide.classify import CATEGORIES, STATUS_NAMES

SCHEMA_VERSION = 1
APPLICATION = "her2batch history"
BATCH_ROWS = 1_000_000  # cases per stored blob (SQLite blobs stay far below their 1 GB limit)

TEXT_COLUMNS = ("case_id", "patient_id", "report_date", "tumor_site", "specimen_type", "her2_ihc", "ish_result",
                "ish_probe", "antibody_clone", "pathologist", "lab", "review_reasons", "explanation", "rule_set",
                "source_file")
REAL_COLUMNS = ("her2_ihc_percent", "ish_ratio", "ish_her2_copies", "ish_cep17_copies", "er_percent", "pr_percent")
INT_COLUMNS = ("ish_cells_counted", "ish_group", "source_row", "rescore_why")
FLAG_COLUMNS = ("her2_low", "her2_ultralow", "review_required", "hr_positive")  # 1, 0, NULL (hr unknown)
CODES = {  # categorical annotations: their categories, in order
    "ihc_score": ("0", "1+", "2+", "3+"),
    "ihc_zero_subtype": ("null", "ultralow"),
    "her2_status": STATUS_NAMES,
    "her2_category": CATEGORIES,
}
CASE_COLUMNS = (*TEXT_COLUMNS, *REAL_COLUMNS, *INT_COLUMNS, *FLAG_COLUMNS, *CODES)
STORED = pa.schema(
    [("run_id", pa.int64()), ("version", pa.int32()), ("signature", pa.int64())]
    + [(c, pa.string()) for c in (*TEXT_COLUMNS, *CODES)] + [(c, pa.float64()) for c in REAL_COLUMNS]
    + [(c, pa.int64()) for c in INT_COLUMNS] + [(c, pa.bool_()) for c in FLAG_COLUMNS]
)
# The columns whose change makes a new version of a case (an amended report).
RESULT_COLUMNS = ("patient_id", "report_date", "tumor_site", "specimen_type", "her2_ihc", *REAL_COLUMNS,
                  "ish_cells_counted", "ish_result", "ish_probe", "antibody_clone", "pathologist", "lab",
                  "her2_status", "her2_category", "ihc_zero_subtype", "rule_set")
LOW_CARDINALITY = ("report_date", "tumor_site", "specimen_type", "her2_ihc", "ish_result", "ish_probe",
                   "antibody_clone", "pathologist", "lab", "review_reasons", "rule_set", "source_file")


class HistoryError(RuntimeError):
    """The history file cannot be used (not a history, a newer schema, locked by another run)."""


def _v1(db: sqlite3.Connection) -> None:
    for statement in (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE runs (run_id INTEGER PRIMARY KEY, started TEXT, finished TEXT, recorded TEXT, version TEXT, "
        "rule_set TEXT, rows_in INTEGER, cases INTEGER, rejects INTEGER, review INTEGER, new_cases INTEGER, "
        "amended INTEGER, unchanged INTEGER, inputs_skipped INTEGER)",
        "CREATE TABLE inputs (run_id INTEGER NOT NULL REFERENCES runs(run_id), path TEXT, sha256 TEXT, rows INTEGER, "
        "status TEXT)",
        "CREATE INDEX inputs_sha256 ON inputs (sha256)",
        "CREATE TABLE case_batches (run_id INTEGER NOT NULL REFERENCES runs(run_id), part INTEGER NOT NULL, "
        "rows INTEGER NOT NULL, format TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (run_id, part))",
    ):  # one statement at a time: executescript would commit the caller's transaction
        db.execute(statement)
    db.execute("INSERT INTO meta VALUES ('application', ?)", (APPLICATION,))


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
        """Current cases with their ``signature`` (for the amended count)."""
        return read_versions(self.db, tuple(columns), current_only=True, keep_versions=False)

    def record(self, result, codes: np.ndarray | None = None) -> Recorded:
        """Store the run and its cases, then commit: call only once the outputs are in place."""
        if codes is None:
            from her2batch.rescore import why_codes

            codes = why_codes(result.cases, result.settings.values.get("her2_ihc"))
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
    for name in RESULT_COLUMNS:  # categories hash by value, so a category and its text hash alike
        column = frame[name] if name in frame else pd.Series("", index=frame.index)
        if pd.api.types.is_string_dtype(column.dtype) and not isinstance(column.dtype, pd.CategoricalDtype):
            column = column.fillna("")
        elif isinstance(column.dtype, pd.CategoricalDtype) and column.isna().any():
            column = column.cat.add_categories([""]).fillna("") if "" not in column.cat.categories else column.fillna("")
        columns[name] = column
    hashed = pd.util.hash_pandas_object(pd.DataFrame(columns, index=frame.index), index=False)
    return hashed.to_numpy().view(np.int64)


def stored_table(frame: pd.DataFrame, lead: dict[str, np.ndarray]) -> pa.Table:
    """The cases in storage form (STORED schema): text as text, flags as booleans."""
    n = len(frame)
    arrays = []
    for field in STORED:
        name = field.name
        if name in lead:
            arrays.append(pa.array(lead[name], type=field.type))
        elif name not in frame:
            arrays.append(pa.nulls(n, type=field.type))
        elif name in FLAG_COLUMNS:
            text = frame[name].astype("string").str.lower()
            flag = pd.array(np.where((text == "true").fillna(False), True, False), dtype="boolean")
            flag[~text.isin(["true", "false"]).fillna(False).to_numpy()] = pd.NA
            arrays.append(pa.array(flag, type=field.type))
        elif field.type == pa.string():
            column = frame[name]
            if isinstance(column.dtype, pd.CategoricalDtype):  # codes and categories: no per-row text
                arrays.append(pa.DictionaryArray.from_arrays(
                    pa.array(column.cat.codes.to_numpy().astype(np.int32), mask=column.isna().to_numpy()),
                    pa.array(column.cat.categories.astype(str).to_numpy(dtype=object), pa.string()),
                ).cast(pa.string()))
            elif pd.api.types.is_string_dtype(column.dtype) and column.dtype != object:
                arrays.append(pa.array(column, type=pa.string(), from_pandas=True))
            else:
                arrays.append(pa.array(column.astype("string"), type=pa.string(), from_pandas=True))
        elif field.type == pa.int64() and not pd.api.types.is_integer_dtype(frame[name].dtype):
            arrays.append(pa.array(pd.to_numeric(frame[name].astype("string"), errors="coerce").astype("Int64"),
                                   type=field.type, from_pandas=True))
        else:
            arrays.append(pa.array(frame[name], type=field.type, from_pandas=True))
    return pa.Table.from_arrays(arrays, schema=STORED)


def _blob(table: pa.Table) -> bytes:
    import pyarrow.parquet as pq  # here: a run without a history does not load Parquet

    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="lz4")  # reads back about twice as fast as zstd
    return sink.getvalue().to_pybytes()


def _record(db: sqlite3.Connection, result, codes: np.ndarray | None) -> Recorded:
    cases = result.cases
    if codes is not None:
        cases = cases.assign(rescore_why=codes)
    keys = cases["case_id"].astype("string").fillna("").str.strip() if len(cases) else pd.Series(dtype="string")
    last = ~keys.duplicated(keep="last").to_numpy()  # a case repeated within the run: its last row
    cases, keys = cases.loc[last], keys[last]
    signature = signatures(cases) if len(cases) else np.zeros(0, dtype=np.int64)
    known = read_versions(db, ("case_id",), current_only=True)
    if len(known):
        known = known.set_index("case_id")
        key_values = keys.to_numpy(dtype=object)
        before_sig = known["signature"].reindex(key_values).to_numpy()
        before_version = known["version"].reindex(key_values).fillna(0).to_numpy(dtype=np.int64)
    else:  # a new history: every case is new
        before_sig = np.full(len(keys), np.nan)
        before_version = np.zeros(len(keys), dtype=np.int64)
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
    write = np.flatnonzero(~same)
    for part, start in enumerate(range(0, len(write), BATCH_ROWS)):
        chosen = write[start : start + BATCH_ROWS]
        lead = {"run_id": np.full(len(chosen), run_id), "version": before_version[chosen] + 1,
                "signature": signature[chosen]}
        table = stored_table(cases.iloc[chosen], lead)
        db.execute("INSERT INTO case_batches VALUES (?, ?, ?, 'parquet', ?)", (run_id, part, len(chosen), _blob(table)))
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

def read_versions(db: sqlite3.Connection, columns: Iterable[str] = (), current_only: bool = False,
                  keep_versions: bool = True, skip: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every stored version of every case (run_id, version, signature, ``columns``), oldest first,
    with ``current`` true on each case's latest version; or the current versions only."""
    import pyarrow.parquet as pq  # here: a run without a history does not load Parquet

    lead = ["run_id", "version", "signature"] if keep_versions or not current_only else ["signature"]
    wanted = [*(c for c in lead if c != "signature" or "signature" not in skip),
              *(c for c in dict.fromkeys((*columns, "case_id")) if c in CASE_COLUMNS)]
    dictionary = [c for c in wanted if c in (*LOW_CARDINALITY, *CODES)]
    query = "SELECT data FROM case_batches ORDER BY run_id, part"
    # first pass, case ids only: each case's latest stored row is its current version
    ids = [pq.read_table(pa.BufferReader(data), columns=["case_id"]).column("case_id")
           for (data,) in db.execute(query)]
    sizes = [len(i) for i in ids]
    ids = pa.chunked_array([c for i in ids for c in i.chunks], type=pa.string()).combine_chunks()
    # a stable sort (no hash table of every id: far less memory): the last of each run of equal ids
    order = pc.sort_indices(ids)
    ordered = ids.take(order)
    del ids
    n = len(ordered)
    last_of_run = np.ones(n, dtype=bool)
    if n > 1:
        last_of_run[:-1] = ~pc.equal(ordered.slice(0, n - 1), ordered.slice(1)).to_numpy(zero_copy_only=False)
    del ordered
    current = np.zeros(n, dtype=bool)
    current[order.to_numpy()[last_of_run]] = True
    del order, last_of_run
    # second pass, the columns wanted: each blob filtered and turned into pandas before the next is
    # read, so only one blob is ever held in Arrow form (bounds memory)
    pieces, offset = [], 0
    for size, (data,) in zip(sizes, db.execute(query), strict=True):
        table = pq.read_table(pa.BufferReader(data), columns=wanted, read_dictionary=dictionary)
        del data
        if current_only:
            table = table.filter(pa.array(current[offset : offset + size]))
        pieces.append(_decode(table))
        del table
        offset += size
    if not pieces:
        pieces = [_decode(pa.Table.from_batches([], schema=pa.schema([STORED.field(c) for c in wanted])))]
    frame = _concat(pieces)
    del pieces
    if not current_only:
        frame["current"] = current
    return frame


def _concat(pieces: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames stacked, categories kept as categories (their union), not turned into text."""
    if len(pieces) == 1:
        return pieces[0]
    for name in pieces[0].columns:
        if isinstance(pieces[0][name].dtype, pd.CategoricalDtype):
            union = list(dict.fromkeys(c for piece in pieces for c in piece[name].cat.categories))
            for piece in pieces:
                piece[name] = piece[name].cat.set_categories(union)
    return pd.concat(pieces, ignore_index=True)


def read_cases(db: sqlite3.Connection, columns: Iterable[str] = (), since: str | None = None,
               with_signature: bool = True) -> pd.DataFrame:
    """The current version of every case (reported on or after ``since``), in a run's dtypes."""
    frame = read_versions(db, (*(columns or CASE_COLUMNS), "report_date") if since else (columns or CASE_COLUMNS),
                          current_only=True, keep_versions=False, skip=() if with_signature else ("signature",))
    if since:
        dates = frame["report_date"].astype("string").fillna("")
        frame = frame.loc[(dates >= since).to_numpy(dtype=bool)].reset_index(drop=True)
    return frame


def _decode(table: pa.Table) -> pd.DataFrame:
    """Storage form -> the dtypes of a run's cases frame (categories, booleans, 'true'/'false')."""
    frame: dict[str, object] = {}
    for name in table.column_names:
        column = table.column(name)
        table = table.drop_columns([name])  # each Arrow column is released once converted
        if name in CODES:
            text = column.cast(pa.string()).to_pandas()
            frame[name] = pd.Categorical(text, categories=list(CODES[name]))
        elif name == "hr_positive":
            values = column.to_pandas()
            codes = np.where(values.isna(), -1, np.where(values.fillna(False).astype(bool), 0, 1)).astype(np.int8)
            frame[name] = pd.Categorical.from_codes(codes, categories=["true", "false"])
        elif name in FLAG_COLUMNS:
            frame[name] = column.fill_null(False).to_numpy().astype(bool)
        elif name in LOW_CARDINALITY:
            frame[name] = column.to_pandas()
        elif name in (*INT_COLUMNS, "run_id", "version", "signature"):
            frame[name] = column.to_pandas().astype("Int64") if column.null_count else column.to_numpy()
        elif name in REAL_COLUMNS:
            frame[name] = column.to_numpy()
        else:
            frame[name] = pd.Series(pd.arrays.ArrowStringArray(column.combine_chunks()) if column.num_chunks != 1
                                    else pd.arrays.ArrowStringArray(column.chunk(0)))
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
    versions = read_versions(db)
    current = versions["current"].to_numpy(dtype=bool)
    amended = int((versions["version"].to_numpy()[current] > 1).sum())
    return {"current cases": int(current.sum()), "amended cases": amended, "superseded versions": int((~current).sum())}


# --- a run with a history ----------------------------------------------------------------------

def begin(settings, inputs: Iterable[str], outdir: str | Path | None = None) -> tuple[History, list[str], list[str]]:
    """Open and lock the history; the inputs still to read, and those already recorded (skipped).

    Directories are listed as a run lists them (never OUTDIR's own files); what that listing leaves
    out is passed on as given, so the run still names it in run.json."""
    from her2batch.read.discover import find_inputs

    history = History(settings.history, settings.file_mode, settings.history_wait)
    inputs = list(inputs)
    if settings.reprocess:
        return history, inputs, []
    try:
        recorded = history.recorded_inputs()
        found = find_inputs(inputs, outdir)
        known = [source.status == "ok" and sha256_of(source.path) in recorded for source in found.sources]
        if not any(known):
            return history, inputs, []
        keep = [str(source.path) for source, seen in zip(found.sources, known, strict=True) if not seen]
        skipped = [source.display for source, seen in zip(found.sources, known, strict=True) if seen]
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
    try:
        return history.record(result)
    except (sqlite3.Error, OSError) as problem:
        raise HistoryError(f"{history.path}: the outputs are written but the history could not be updated "
                           f"({type(problem).__name__}); it stays as it was and the next run records these "
                           "inputs") from None

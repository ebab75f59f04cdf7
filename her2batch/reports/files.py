"""cases.csv, rejects.csv and run.json, each written atomically (temp file + rename)."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from her2batch import __version__

FILE_MODE = 0o600  # outputs hold patient data: owner only unless configured otherwise


@contextmanager
def staged_path(target: Path, mode: int = FILE_MODE):
    """A temporary path beside ``target`` (same directory, so a rename is atomic).

    The caller renames it into place; it is removed if still there when the block ends.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    os.chmod(temporary, mode)
    try:
        yield Path(temporary)
    finally:
        Path(temporary).unlink(missing_ok=True)


def sync(path: Path) -> None:
    """Flush a written file to disk before it is renamed into place."""
    with open(path, "rb") as written:
        os.fsync(written.fileno())


def write_stream(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    with open(path, "wb") as stream:
        write(stream)
    sync(path)


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow columns of plain types: categories as text, anything odd as text."""
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype("string")
        try:
            array = pa.array(column, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            array = pa.array(column.astype("string"), from_pandas=True)
        if pa.types.is_dictionary(array.type):
            array = array.cast(pa.string())
        columns[str(name)] = array
    return pa.table(columns)


def write_csv(target: Path, frame: pd.DataFrame) -> None:
    """UTF-8, comma-separated, header row; booleans true/false; missing values empty.

    pyarrow writes a million rows about 8x faster than pandas; it quotes every text value,
    which every CSV reader accepts.
    """
    table = arrow_table(frame)
    pacsv.write_csv(table, str(target), write_options=pacsv.WriteOptions(quoting_style="needed"))
    sync(target)


def run_document(result: Any) -> dict[str, Any]:
    """The run.json document (contract keys first, then details)."""
    return {
        "version": __version__,
        "rule_set": result.settings.rule_set,
        "started": result.started.isoformat(timespec="seconds"),
        "finished": result.finished.isoformat(timespec="seconds"),
        "inputs": [
            {
                "path": s.display,
                "sha256": s.sha256,
                "rows": s.rows if s.status == "ok" else 0,
                "status": s.status,
                "error": s.error,
                "encoding": s.encoding,
                "delimiter": s.delimiter,
                "sheets_read": s.sheets_read,
                "sheets_skipped": s.sheets_skipped,
                "notes": s.notes,
            }
            for s in result.sources
        ],
        "rows_in": result.rows_in,
        "cases": len(result.cases),
        "rejects": len(result.rejects),
        "review": result.review,
        "categories": result.categories,
        "default_site": result.settings.default_site,
        "pseudonymized": sorted(
            (["patient_id"] if result.settings.pseudonymize else [])
            + (["case_id"] if result.settings.pseudonymize_case_id else [])
        ),
        "dropped_columns": list(result.settings.drop_columns),
        "csv_formula_cells_escaped": getattr(result, "csv_escaped", 0),
        "timings_seconds": {k: round(v, 3) for k, v in result.timings.items()},
    }


def write_json(target: Path, document: dict[str, Any]) -> None:
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_stream(target, lambda stream: stream.write(data))

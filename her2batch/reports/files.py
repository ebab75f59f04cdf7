"""cases.csv, rejects.csv and run.json as files (reports.writer stages them; reports.commit publishes)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from her2batch import __version__

FILE_MODE = 0o600  # outputs hold patient data: owner only unless configured otherwise


def sync(path: Path) -> None:
    """Flush a written file to disk before it is renamed into place."""
    with open(path, "rb") as written:
        os.fsync(written.fileno())


def write_stream(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    with open(path, "wb") as stream:
        write(stream)
    sync(path)


CSV_BATCH_ROWS = 100_000  # rows converted at once: bounds memory on large runs


def _arrow_type(dtype) -> pa.DataType:
    if pd.api.types.is_bool_dtype(dtype):
        return pa.bool_()
    if pd.api.types.is_integer_dtype(dtype):
        return pa.int64()
    if pd.api.types.is_float_dtype(dtype):
        return pa.float64()
    return pa.string()


def arrow_batch(frame: pd.DataFrame, schema: pa.Schema) -> pa.RecordBatch:
    """Rows of ``frame`` as Arrow columns of the schema's plain types (categories as text)."""
    arrays = []
    for name, target in zip(frame.columns, schema.types, strict=True):
        column = frame[name]
        if target == pa.string():
            column = column.astype("string")
        array = pa.array(column, type=target, from_pandas=True)
        arrays.append(array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array)
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


class CsvStream:
    """A CSV file written frame after frame (chunks of one table, same columns): UTF-8,
    comma-separated, header row; booleans true/false; missing values empty.

    pyarrow writes a million rows about 8x faster than pandas; it quotes every text value,
    which every CSV reader accepts. With ``escape``, formula-like text gets an apostrophe
    (privacy.escape_formulas); ``escaped`` counts the cells changed.
    """

    def __init__(self, target: Path, escape: bool = False) -> None:
        self.target, self.escape, self.escaped = target, escape, 0
        self._writer: pacsv.CSVWriter | None = None
        self._schema: pa.Schema | None = None

    def write(self, frame: pd.DataFrame) -> None:
        from her2batch.privacy import escape_formulas

        if self._writer is None:
            self._schema = pa.schema([(str(name), _arrow_type(frame[name].dtype)) for name in frame.columns])
            self._writer = pacsv.CSVWriter(str(self.target), self._schema,
                                           write_options=pacsv.WriteOptions(quoting_style="needed"))
        if [str(c) for c in frame.columns] != self._schema.names:  # a bug: never shift values under headers
            raise RuntimeError(f"{self.target.name}: a chunk's columns differ from the first chunk's")
        for start in range(0, max(len(frame), 1), CSV_BATCH_ROWS):  # a header even with no rows
            batch = frame.iloc[start : start + CSV_BATCH_ROWS]
            if self.escape:
                batch, count = escape_formulas(batch)
                self.escaped += count
            self._writer.write_batch(arrow_batch(batch, self._schema))

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None  # its buffer (the largest batch as CSV text) leaves memory now
        sync(self.target)

    def abandon(self) -> None:
        """Close without flushing to disk: the file is about to be removed."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def write_csv(target: Path, frame: pd.DataFrame, escape: bool = False) -> int:
    """``frame`` as one CSV file (see CsvStream); returns how many cells were escaped."""
    stream = CsvStream(target, escape)
    stream.write(frame)
    stream.close()
    return stream.escaped


def run_description(result: Any, notes: Sequence[str] = ()) -> dict[str, Any]:
    """What run.json says about the run itself (contract keys first, then details), built once:
    the workbook's Run sheet shows it, and run.json adds what was written (``run_document``)."""
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
                "encoding_confidence": s.encoding_confidence,
                "delimiter": s.delimiter,
                "sheets_read": s.sheets_read,
                "sheets_skipped": s.sheets_skipped,
                "sheets_hidden": getattr(s, "sheets_hidden", []),
                "notes": s.notes,
                "columns": s.columns,
            }
            for s in result.sources
        ],
        "warnings": list(getattr(result, "warnings", [])),
        "rows_in": result.rows_in,
        "cases": len(result.cases),
        "rejects": len(result.rejects),
        "rows_folded": getattr(result, "rows_folded", 0),  # rows_in == cases + rejects + rows_folded
        "review": result.review,
        "categories": result.categories,
        "default_site": result.settings.default_site,
        "pseudonymized": sorted(
            (["patient_id"] if result.settings.pseudonymize else [])
            + (["case_id"] if result.settings.pseudonymize_case_id else [])
        ),
        "dropped_columns": list(result.settings.drop_columns),
        "skipped": [s.as_dict() for s in getattr(result, "skipped", ())],
        "outdir_notes": list(notes),
        **rollup_document(result),
    }


def run_document(description: dict[str, Any], written: Sequence[Any], timings: dict[str, float]) -> dict[str, Any]:
    """run.json: the description, then what each output writer wrote and each file's sha256
    (so any reader can check that the set is whole: run.json is published last)."""
    return {
        **description,
        "csv_formula_cells_escaped": sum(w.escaped_cells for w in written),
        "timings_seconds": {k: round(v, 3) for k, v in timings.items()}
        | {f"write {w.name}": round(w.seconds, 3) for w in written},
        "outputs": {w.name: {"sha256": w.sha256, "bytes": w.bytes} for w in written},
    }


def rollup_document(result: Any) -> dict[str, Any]:
    """run.json's patients, rescore and history keys."""
    from her2batch.rollups import compute

    rollups = compute(result)
    document = {
        "patients": {"patients": len(rollups.patients.table), "her2_changed": rollups.patients.changed,
                     "cases_without_patient_id": rollups.patients.cases_without_patient_id},
        "rescore": len(rollups.rescore),
    }
    if getattr(result, "history_cases", None) is not None:
        document["history"] = {"cases_from_history": rollups.history_cases, "amended": rollups.amended,
                               "inputs_skipped": list(getattr(result, "skipped_inputs", []))}
    return document


def write_json(target: Path, document: dict[str, Any]) -> None:
    data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    write_stream(target, lambda stream: stream.write(data))

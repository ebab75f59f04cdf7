"""cases.csv, rejects.csv and run.json as files (reports.writer stages them; reports.commit publishes)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import pandas as pd
import pyarrow as pa

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


class CsvStream:
    """A CSV file written frame after frame (chunks of one table, same columns): UTF-8,
    comma-separated, header row; booleans true/false; missing values empty; quotes only where
    needed (reports.csvtext). With ``escape``, formula-like text gets an apostrophe
    (privacy.escape_formulas); ``escaped`` counts the cells changed.

    Each batch is converted to Arrow text in the calling thread; quoting, joining and writing it
    (pyarrow compute and file writes release the GIL) run in one worker thread while the caller
    goes on, one batch at a time. A worker's error is raised in the caller by the next ``write``
    or by ``close``, which also waits for the last batch.
    """

    def __init__(self, target: Path, escape: bool = False) -> None:
        self.target, self.escape, self.escaped = target, escape, 0
        self._file: IO[bytes] | None = None
        self._schema: pa.Schema | None = None
        self._worker: ThreadPoolExecutor | None = None
        self._pending: Future | None = None

    def write(self, frame: pd.DataFrame) -> None:
        from her2batch.privacy import escape_formula_cells
        from her2batch.reports import csvtext

        if self._file is None:
            self._schema = pa.schema([(str(name), csvtext.arrow_type(frame[name].dtype)) for name in frame.columns])
            self._file = open(self.target, "wb")  # noqa: SIM115 (closed by close or abandon)
            self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="her2batch-csv")
            header = (",".join(csvtext.field(name) for name in self._schema.names) + "\n").encode("utf-8")
            self._submit(lambda: self._file.write(header))
        if [str(c) for c in frame.columns] != self._schema.names:  # a bug: never shift values under headers
            raise RuntimeError(f"{self.target.name}: a chunk's columns differ from the first chunk's")
        for start in range(0, len(frame), CSV_BATCH_ROWS):
            batch = frame.iloc[start : start + CSV_BATCH_ROWS]
            columns = []
            for name, target in zip(batch.columns, self._schema.types, strict=True):
                cells = csvtext.cells(batch[name], target)
                if self.escape and csvtext.is_text(batch[name]):
                    cells.values, changed = escape_formula_cells(cells.values)
                    self.escaped += int(changed.sum() if cells.codes is None else changed[cells.codes[cells.codes >= 0]].sum())
                columns.append(cells)
            self._submit(lambda columns=columns: self._write_rows(columns))

    def _write_rows(self, columns: list) -> None:
        from her2batch.reports import csvtext

        rows = csvtext.lines([cells.fields() for cells in columns])
        self._file.write(memoryview(csvtext.text_buffer(rows)))

    def _submit(self, job: Callable[[], object]) -> None:
        """Run ``job`` in the worker once the previous one is done (its error raised here)."""
        self._wait()
        self._pending = self._worker.submit(job)

    def _wait(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            pending.result()

    def close(self) -> None:
        """Wait for the last batch and close the file. Flushing it to disk is the caller's: an
        output is flushed when it is sealed (reports.writer), in a thread, while the next one is
        written; a 500 MB cases.csv flushed here would hold the run up."""
        if self._file is None:
            raise RuntimeError(f"{self.target.name}: nothing was written")
        try:
            self._wait()
        finally:
            self._stop()

    def _stop(self) -> None:
        if self._worker is not None:
            self._worker.shutdown(wait=True)
            self._worker = None
        if self._file is not None and not self._file.closed:
            self._file.close()

    def abandon(self) -> None:
        """Close without flushing to disk: the file is about to be removed (a worker's error, if
        any, goes with it)."""
        try:
            self._wait()
        except Exception:  # the file is being discarded: the run raises its own error
            pass
        finally:
            self._stop()


def write_csv(target: Path, frame: pd.DataFrame, escape: bool = False) -> int:
    """``frame`` as one CSV file (see CsvStream); returns how many cells were escaped."""
    stream = CsvStream(target, escape)
    try:
        stream.write(frame)
        stream.close()
    except BaseException:
        stream.abandon()
        raise
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

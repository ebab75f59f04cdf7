"""cases.csv written while the run goes, chunk by chunk, so that memory does not grow with it.

The file is written into a staging directory inside OUTDIR (swept like any other staging if the
run dies); ``write_outputs`` moves it into the output set's staging and publishes it with the other
outputs, all or nothing, or it is removed when the run fails.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from her2batch.privacy import protect_frame
from her2batch.reports.commit import discard, new_staging
from her2batch.reports.files import CsvStream


class CasesCsv:
    """The pipeline's sink: protects each chunk of cases (--drop-columns, --pseudonymize),
    escapes formula-like cells and appends it to the staged cases.csv."""

    def __init__(self, outdir: Path, settings, key: bytes | None) -> None:
        self.settings, self.key = settings, key
        self.outdir = Path(outdir)
        self._staging: Path | None = None  # made at the first chunk: after the inputs were found
        self._csv: CsvStream | None = None
        self.closed = False

    def __call__(self, cases: pd.DataFrame, carriers: dict[str, set[str]]) -> pd.DataFrame:
        protected = protect_frame(cases, self.settings, carriers, self.key)
        if self._csv is None:
            self.outdir.mkdir(parents=True, exist_ok=True)
            self._staging = new_staging(self.outdir)
            self._csv = CsvStream(self._staging / "cases.csv", escape=getattr(self.settings, "csv_escape", True))
        self._csv.write(protected)
        return protected

    @property
    def escaped(self) -> int:
        return self._csv.escaped if self._csv is not None else 0

    def finish(self) -> Path:
        """The complete staged file (the pipeline hands over at least one chunk, if empty)."""
        if self._csv is None:
            raise RuntimeError("cases.csv: no chunk was written")
        if not self.closed:
            self._csv.close()
            self.closed = True
        return self._csv.target

    def discard(self) -> None:
        """Remove the staging (and the file, if it was not published)."""
        if self._csv is not None and not self.closed:
            self._csv.abandon()
        self.closed = True
        if self._staging is not None and self._staging.exists():
            discard(self._staging)

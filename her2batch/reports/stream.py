"""cases.csv written while the run goes, chunk by chunk, so that memory does not grow with it.

The file is staged in OUTDIR under a temporary name; ``write_outputs`` publishes it with the
other outputs (all or nothing) or it is removed when the run fails.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path

import pandas as pd

from her2batch.privacy import protect_frame
from her2batch.reports.files import FILE_MODE, CsvStream, staged_path


class CasesCsv:
    """The pipeline's sink: protects each chunk of cases (--drop-columns, --pseudonymize),
    escapes formula-like cells and appends it to the staged cases.csv."""

    def __init__(self, outdir: Path, settings, key: bytes | None) -> None:
        self.settings, self.key = settings, key
        self._stack = ExitStack()
        self.path = self._stack.enter_context(staged_path(Path(outdir) / "cases.csv",
                                                          getattr(settings, "file_mode", FILE_MODE)))
        self._csv = CsvStream(self.path, escape=getattr(settings, "csv_escape", True))
        self.closed = False

    def __call__(self, cases: pd.DataFrame, carriers: dict[str, set[str]]) -> pd.DataFrame:
        protected = protect_frame(cases, self.settings, carriers, self.key)
        self._csv.write(protected)
        return protected

    @property
    def escaped(self) -> int:
        return self._csv.escaped

    def finish(self) -> Path:
        """The complete staged file."""
        if not self.closed:  # the pipeline hands over at least one chunk, if empty
            self._csv.close()
            self.closed = True
        return self.path

    def discard(self) -> None:
        """Remove the staged file if it was not published."""
        self._stack.close()

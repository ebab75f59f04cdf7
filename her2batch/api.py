"""The library entry point: ``process(inputs, outdir, settings)`` does everything ``her2batch run``
does (read, classify, protect, write the output set atomically) and returns a ``RunReport``.

No click, no subprocess, no signal handlers (the caller owns the process): a notebook, an Airflow
task or a registry's own Python calls it directly. Outcomes a caller acts on are either the
report's ``outcome`` or one of the exceptions below; ``cli`` maps both to exit statuses.
"""

from __future__ import annotations

import enum
import importlib
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from her2batch.config import ConfigError, Settings, check_settings
from her2batch.lock import LockHeld, locked
from her2batch.pipeline import RunResult
from her2batch.read.discover import Skipped
from her2batch.read.sources import Source
from her2batch.reports.commit import UNTOUCHED, OutputError, recover, why
from her2batch.signals import Interrupted

__all__ = ["Interrupted", "LockHeld", "Outcome", "OutputError", "RunReport", "Settings", "SettingsError",
           "check", "process"]


class SettingsError(ValueError):
    """Settings that cannot be honoured (unknown rule set, a column that may not be dropped,
    pseudonymisation without a key). Nothing was read or written."""


class Outcome(enum.Enum):
    OK = "ok"  # every input read, outputs written
    INPUTS_FAILED = "inputs_failed"  # some inputs could not be read; outputs written for the others
    NOTHING_READ = "nothing_read"  # every input failed: nothing written, the previous outputs kept
    TOO_MANY_REJECTS = "too_many_rejects"  # outputs written; rejects above settings.max_reject_percent


@dataclass(frozen=True)
class RunReport:
    """What ``process`` did. The frames are the outputs as written (after pseudonymisation)."""

    outdir: Path
    outcome: Outcome
    result: RunResult
    outputs: tuple[Any, ...] = ()  # reports.writer.Written: name, path, bytes, sha256, seconds, ...
    document: Mapping[str, Any] = field(default_factory=dict)  # run.json as written ({} if nothing was)
    notes: tuple[str, ...] = ()  # what was done to OUTDIR first (a commit finished, staging swept)
    seconds: float = 0.0
    history: Any = None  # history.Recorded (new, amended, unchanged cases) when settings.history is set
    history_skipped: tuple[str, ...] = ()  # inputs the history had already recorded (not read)

    @property
    def written(self) -> bool:
        return bool(self.outputs)

    @property
    def cases(self) -> pd.DataFrame:
        return self.result.cases

    @property
    def rejects(self) -> pd.DataFrame:
        return self.result.rejects

    @property
    def rows_in(self) -> int:
        return self.result.rows_in

    @property
    def review(self) -> int:
        return self.result.review

    @property
    def failed(self) -> list[Source]:
        return self.result.failed

    @property
    def skipped(self) -> list[Skipped]:
        return self.result.skipped

    @property
    def reject_percent(self) -> float:
        return 100 * len(self.rejects) / self.rows_in if self.rows_in else 0.0

    @property
    def escaped_cells(self) -> int:
        return sum(w.escaped_cells for w in self.outputs)


def prepare(settings: Settings | None) -> tuple[Settings, bytes | None]:
    """Checked settings and the pseudonymisation key (if asked for), or SettingsError."""
    from her2batch.decide.classify import ANNOTATION_COLUMNS
    from her2batch.privacy import PrivacyError, check_drop, load_key

    settings = settings if settings is not None else Settings()
    try:
        check_settings(settings)
        check_drop(settings.drop_columns, ANNOTATION_COLUMNS)
        key = load_key(settings.key_file) if settings.pseudonymize or settings.pseudonymize_case_id else None
    except (ConfigError, PrivacyError) as problem:
        raise SettingsError(str(problem)) from None
    return settings, key


def check(inputs: Iterable[str | Path], settings: Settings | None = None,
          on_source: Callable[[Source], None] | None = None) -> RunResult:
    """Read, map, validate and classify; write nothing (``her2batch validate``)."""
    from her2batch.pipeline import run

    settings, _ = prepare(settings)
    return run(inputs, settings, on_source=on_source)


BEHIND = ("her2batch.validate", "pandera.backends.pandas.register", "pandera.backends.pandas.builtin_checks",
          "her2batch.reports.excel")  # used once the inputs are read: pandera (0.4 s), openpyxl (0.1 s)


def _import_behind() -> None:
    """Import BEHIND in a thread while the main one reads the inputs (pyarrow parses without the
    GIL): the run does not wait for them later. A failure here is left to the main thread's own
    import, which raises it where it is needed."""

    def load() -> None:
        for name in BEHIND:
            try:
                importlib.import_module(name)
            except BaseException:  # raised again by the main thread's own import
                return

    threading.Thread(target=load, name="her2batch-imports", daemon=True).start()


def process(inputs: Iterable[str | Path], outdir: str | Path, settings: Settings | None = None, *,
            on_source: Callable[[Source], None] | None = None) -> RunReport:
    """Everything ``her2batch run`` does, as a function.

    Holds OUTDIR's lock (waiting ``settings.wait`` seconds), first finishes or undoes a commit
    that a crash interrupted and sweeps leftover staging, then reads every input (never OUTDIR's
    own files), classifies, pseudonymises and drops columns as set, and publishes the output set
    as one commit. When every input failed, nothing is written and the previous outputs stay.

    With ``settings.history`` the SQLite history is held from the start, inputs it already recorded
    are skipped (unless ``settings.reprocess``), and the run is recorded in one transaction after
    the outputs are in place.

    Raises SettingsError (nothing done), LockHeld (another run holds OUTDIR), history.HistoryError
    (the history is held by another run or unusable; it stays as it was), OutputError (the
    outputs could not be written; ``state`` says what OUTDIR holds), Interrupted (a handled signal;
    staging removed, ``state`` says what OUTDIR holds); anything else is a bug or MemoryError,
    and leaves OUTDIR all-old or all-new.
    """
    from her2batch import history as past
    from her2batch.pipeline import give_back, run
    from her2batch.privacy import protect
    from her2batch.reports.stream import CasesCsv

    start = time.perf_counter()
    _import_behind()
    settings, key = prepare(settings)
    outdir = Path(outdir)
    inputs = list(inputs)
    held = ExitStack()
    try:
        outdir.mkdir(parents=True, exist_ok=True)
        held.enter_context(locked(outdir, settings.wait))
    except LockHeld:
        raise
    except OSError as problem:
        raise OutputError(f"cannot be used as the output directory ({why(problem)})", UNTOUCHED) from None
    history, skipped, recorded, sink = None, [], None, None
    with held:
        try:
            notes = tuple(_outdir_step(recover, outdir, "cannot be repaired"))
            if settings.history:  # held from here until recorded: a second run waits, then fails
                history, inputs, skipped = past.begin(settings, inputs, outdir)
            sink = CasesCsv(outdir, settings, key)  # cases.csv is written chunk by chunk
            result = run(inputs, settings, on_source=on_source, outdir=outdir, sink=sink)
            every_input_known = bool(skipped) and not result.sources  # the history has them all
            if not any(s.status == "ok" for s in result.sources) and not every_input_known:
                return RunReport(outdir, Outcome.NOTHING_READ, result, notes=notes,
                                 seconds=time.perf_counter() - start, history_skipped=tuple(skipped))
            begun = time.perf_counter()
            sink.finish()  # cases.csv complete: its writer's buffers leave memory before the reports
            result.timings["write cases.csv"] = result.timings.get("write cases.csv", 0.0) + time.perf_counter() - begun
            give_back()
            protect(result, key)
            from her2batch.reports.writer import write_outputs
            if history is not None:
                past.attach(history, result, skipped)
            written, document = _outdir_step(lambda d: write_outputs(result, d, notes), outdir,
                                              "outputs cannot be written")
            if history is not None:  # one transaction, after the outputs are in place (issue 12)
                try:
                    recorded = past.finish(history, result)
                except past.HistoryError:
                    raise
                except Exception as problem:  # rolled back: the outputs stand, the history is as it was
                    raise past.HistoryError(
                        f"{settings.history}: not updated ({type(problem).__name__}); the outputs in {outdir} "
                        "are written and the history is as it was: the next run records these inputs") from problem
                history = None
        except Interrupted as stop:
            stop.state = stop.state or f"{UNTOUCHED}; this run's staging was removed"
            raise
        finally:
            if sink is not None:  # published, or not wanted: its staging goes
                sink.discard()
            if history is not None:  # not recorded: the history stays as it was
                history.close()
    rejects = 100 * len(result.rejects) / result.rows_in if result.rows_in else 0.0
    limit = settings.max_reject_percent
    outcome = (Outcome.INPUTS_FAILED if result.failed
               else Outcome.TOO_MANY_REJECTS if limit is not None and rejects > limit
               else Outcome.OK)
    return RunReport(outdir, outcome, result, tuple(written), document, notes, time.perf_counter() - start,
                     recorded, tuple(skipped))


def _outdir_step(step: Callable[[Path], Any], outdir: Path, what: str) -> Any:
    """A step that touches OUTDIR: a plain OSError becomes an OutputError saying OUTDIR is unchanged."""
    try:
        return step(outdir)
    except OutputError:
        raise
    except OSError as problem:
        raise OutputError(f"{what} ({why(problem)})", UNTOUCHED) from None

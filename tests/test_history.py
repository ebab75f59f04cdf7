"""history.py: the SQLite history across nights, and the history/report commands."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from her2batch import history as past
from her2batch.cli import main

HEADER = "Accession,MRN,Report Date,HER2 IHC,ER %,Pathologist\n"
NIGHT_1 = HEADER + "A1,P1,2025-01-05,0,90,Dr A\nA2,P2,2025-01-06,1+,0,Dr B\nA3,P3,2025-01-07,3+,80,Dr A\n"
NIGHT_2 = HEADER + "A1,P1,2025-01-05,1+,90,Dr A\nA4,P1,2025-02-01,2+,90,Dr B\nA3,P3,2025-01-07,3+,80,Dr A\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path: Path, *args: str, history: Path | None = None, out: str = "out"):
    history = history or tmp_path / "history.sqlite"
    result = CliRunner().invoke(main, ["run", *args, "-o", str(tmp_path / out), "--history", str(history)])
    return result


def rows(history: Path, query: str) -> list[tuple]:
    with sqlite3.connect(history) as db:
        return db.execute(query).fetchall()


def versions(history: Path, *columns: str) -> pd.DataFrame:
    db = sqlite3.connect(history)
    try:
        return past.read_versions(db, columns)
    finally:
        db.close()


def test_same_input_twice_is_skipped_and_not_duplicated(tmp_path):
    export = write(tmp_path / "night1.csv", NIGHT_1)
    first = run(tmp_path, str(export))
    assert first.exit_code == 0, first.output
    second = run(tmp_path, str(export))
    assert second.exit_code == 0, second.output
    assert "already in the history, skipped" in second.output
    history = tmp_path / "history.sqlite"
    assert len(versions(history)) == 3
    assert rows(history, "SELECT COUNT(*), SUM(inputs_skipped) FROM runs") == [(2, 1)]
    summary = json.loads((tmp_path / "out" / "run.json").read_text())
    assert summary["cases"] == 0 and summary["history"]["inputs_skipped"] == [str(export)]
    assert summary["patients"]["patients"] == 3  # the roll-up spans the history
    again = run(tmp_path, str(export), "--reprocess")
    assert again.exit_code == 0 and "0 new, 0 amended, 3 unchanged" in again.output
    assert len(versions(history)) == 3


def test_amended_report_becomes_current_and_old_is_kept(tmp_path):
    assert run(tmp_path, str(write(tmp_path / "night1.csv", NIGHT_1))).exit_code == 0
    result = run(tmp_path, str(write(tmp_path / "night2.csv", NIGHT_2)))
    assert result.exit_code == 0, result.output
    assert "1 new, 1 amended, 1 unchanged" in result.output
    history = tmp_path / "history.sqlite"
    stored = versions(history, "her2_ihc", "her2_category")
    a1 = stored.loc[stored["case_id"] == "A1"]
    assert a1[["version", "current", "her2_ihc"]].values.tolist() == [[1, False, "0"], [2, True, "1+"]]
    assert a1["her2_category"].astype(str).tolist() == ["HER2-0", "HER2-low"]
    workbook = openpyxl.load_workbook(tmp_path / "out" / "her2_summary.xlsx")
    labels = {r[0]: r[1] for r in workbook["Summary"].iter_rows(values_only=True) if r and r[0]}
    assert labels["Amended results"] == 1 and labels["Cases from the history"] == 1  # A2 from night 1
    patients = pd.read_csv(tmp_path / "out" / "patients.csv").set_index("patient_id")
    assert set(patients.index) == {"P1", "P2", "P3"}
    assert patients.loc["P1", "specimens"] == 2 and patients.loc["P1", "latest_category"] == "HER2-equivocal"
    run_json = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run_json["history"]["amended"] == 1


def test_second_run_waits_then_fails_clearly(tmp_path):
    history = tmp_path / "history.sqlite"
    config = write(tmp_path / "c.toml", "[run]\nhistory_wait = 0.2\n")
    holder = past.History(history, wait=0.2)  # another run holds the history
    try:
        result = CliRunner().invoke(main, ["run", str(write(tmp_path / "n.csv", NIGHT_1)), "-o", str(tmp_path / "o"),
                                           "--history", str(history), "--config", str(config)])
        assert result.exit_code == 1
        assert "another her2batch run is using this history" in result.output
        assert not (tmp_path / "o" / "cases.csv").exists()
    finally:
        holder.close()
    assert run(tmp_path, str(tmp_path / "n.csv")).exit_code == 0  # free again
    assert rows(history, "PRAGMA integrity_check") == [("ok",)]


def test_crash_between_outputs_and_history_leaves_it_as_it_was(tmp_path, monkeypatch):
    export = write(tmp_path / "night1.csv", NIGHT_1)
    original = past._record

    def crash(db, result, codes):
        original(db, result, codes)  # everything written, then the disk fails before COMMIT
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(past, "_record", crash)
    result = run(tmp_path, str(export))
    assert result.exit_code == 1 and "the outputs are written but the history could not be updated" in result.output
    assert (tmp_path / "out" / "cases.csv").exists()  # the outputs were already in place
    history = tmp_path / "history.sqlite"
    assert rows(history, "SELECT COUNT(*) FROM runs") == [(0,)]
    assert rows(history, "SELECT COUNT(*) FROM case_batches") == [(0,)]
    monkeypatch.setattr(past, "_record", original)
    rerun = run(tmp_path, str(export))  # the input is not yet recorded: read again, once
    assert rerun.exit_code == 0 and "3 new, 0 amended, 0 unchanged" in rerun.output
    assert len(versions(history)) == 3


def test_schema_version_and_foreign_files(tmp_path):
    export = write(tmp_path / "night1.csv", NIGHT_1)
    history = tmp_path / "history.sqlite"
    assert run(tmp_path, str(export)).exit_code == 0
    assert rows(history, "PRAGMA user_version") == [(past.SCHEMA_VERSION,)]
    assert rows(history, "PRAGMA journal_mode") == [("wal",)]
    with sqlite3.connect(history) as db:
        db.execute("PRAGMA user_version = 99")
    newer = run(tmp_path, str(export))
    assert newer.exit_code == 1 and "newer her2batch" in newer.output
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    foreign = run(tmp_path, str(export), history=other)
    assert foreign.exit_code == 1 and "not a her2batch history" in foreign.output
    garbage = write(tmp_path / "garbage.sqlite", "not a database at all " * 100)
    result = run(tmp_path, str(export), history=garbage)
    assert result.exit_code == 1 and "not a her2batch history" in result.output


def test_migrations_run_in_order(tmp_path, monkeypatch):
    steps = []
    monkeypatch.setattr(past, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(past, "MIGRATIONS", {1: past._v1, 2: lambda db: steps.append(2)})
    history = past.History(tmp_path / "h.sqlite")
    history.close()
    assert steps == [2] and rows(tmp_path / "h.sqlite", "PRAGMA user_version") == [(2,)]


def test_file_mode_as_the_outputs(tmp_path):
    history = tmp_path / "history.sqlite"
    result = CliRunner().invoke(main, ["run", str(write(tmp_path / "n.csv", NIGHT_1)), "-o", str(tmp_path / "o"),
                                       "--history", str(history), "--file-mode", "640"])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(history).st_mode) == 0o640


def test_original_columns_are_not_kept(tmp_path):
    export = write(tmp_path / "n.csv", "Accession,MRN,HER2 IHC,Patient Name\nA1,P1,1+,Jane Doe\n")
    assert run(tmp_path, str(export)).exit_code == 0
    stored = versions(tmp_path / "history.sqlite", *past.CASE_COLUMNS)
    assert set(stored.columns) == {"run_id", "version", "signature", "current", *past.CASE_COLUMNS}
    assert stored["patient_id"].tolist() == ["P1"] and stored["her2_ihc"].astype(str).tolist() == ["1+"]
    assert "Jane Doe" not in stored.astype(str).to_numpy().ravel().tolist()


def test_history_command_and_report_from_history_alone(tmp_path):
    history = tmp_path / "history.sqlite"
    assert run(tmp_path, str(write(tmp_path / "night1.csv", NIGHT_1))).exit_code == 0
    assert run(tmp_path, str(write(tmp_path / "night2.csv", NIGHT_2))).exit_code == 0
    listing = CliRunner().invoke(main, ["history", str(history)])
    assert listing.exit_code == 0
    assert "current cases: 4" in listing.output and "amended cases: 1" in listing.output
    assert "P1" not in listing.output and "A1" not in listing.output  # counts, never identifiers
    report = CliRunner().invoke(main, ["report", "--history", str(history), "-o", str(tmp_path / "monthly")])
    assert report.exit_code == 0, report.output
    workbook = openpyxl.load_workbook(tmp_path / "monthly" / "her2_summary.xlsx")
    assert "Report from the history" in [r[0] for r in workbook["Summary"].iter_rows(values_only=True) if r][4]
    assert workbook["Cases"].max_row == 1 + 4
    assert len(pd.read_csv(tmp_path / "monthly" / "patients.csv")) == 3
    since = CliRunner().invoke(main, ["report", "--history", str(history), "-o", str(tmp_path / "feb"),
                                      "--since", "2025-02-01"])
    assert since.exit_code == 0
    assert pd.read_csv(tmp_path / "feb" / "patients.csv")["specimens"].tolist() == [1]
    missing = CliRunner().invoke(main, ["report", "--history", str(tmp_path / "nope.sqlite"), "-o", str(tmp_path / "x")])
    assert missing.exit_code == 1 and "no such history" in missing.output


def test_without_history_nothing_changes(tmp_path):
    result = CliRunner().invoke(main, ["run", str(write(tmp_path / "n.csv", NIGHT_1)), "-o", str(tmp_path / "o")])
    assert result.exit_code == 0
    assert "history" not in json.loads((tmp_path / "o" / "run.json").read_text())
    assert not list(tmp_path.glob("*.sqlite"))


@pytest.mark.parametrize("text", ["abc", "-1"])
def test_history_wait_must_be_seconds(tmp_path, text):
    config = write(tmp_path / "c.toml", f"[run]\nhistory_wait = {json.dumps(text) if text == 'abc' else text}\n")
    result = CliRunner().invoke(main, ["run", str(write(tmp_path / "n.csv", NIGHT_1)), "--config", str(config)])
    assert result.exit_code == 2 and "history_wait" in result.output


def test_history_lists_input_directories_as_a_run_does(tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    write(exports / "night1.csv", NIGHT_1)
    history = tmp_path / "history.sqlite"
    for night in (1, 2):
        result = run(exports, str(exports), history=history)  # OUTDIR is exports/out
        assert result.exit_code == 0, result.output
        assert "cases.csv" not in result.output and "an output of this run" not in result.output
        if night == 1:  # nothing recorded yet: the directory is listed as a run lists it, skipped entries named
            skipped = json.loads((exports / "out" / "run.json").read_text())["skipped"]
            assert any(Path(s["path"]).name == "out" for s in skipped)
            write(exports / "night2.csv", NIGHT_2)
    document = json.loads((exports / "out" / "run.json").read_text())
    assert [Path(i["path"]).name for i in document["inputs"]] == ["night2.csv"]  # night1 skipped: recorded
    assert rows(history, "SELECT COUNT(*) FROM runs") == [(2,)]

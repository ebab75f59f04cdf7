"""her2batch.process: everything `her2batch run` does, called as a function, with outcomes and
exceptions a caller can act on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import her2batch
from her2batch.api import LockHeld, Outcome, OutputError, SettingsError, check
from her2batch.lock import locked

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"


def test_process_writes_the_set_and_reports_what_it_wrote(tmp_path):
    report = her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path)
    assert report.outcome is Outcome.OK and report.written
    assert (report.rows_in, len(report.cases), len(report.rejects)) == (8, 6, 2)
    assert [w.name for w in report.outputs] == ["cases.csv", "rejects.csv", "patients.csv", "rescore.csv",
                                               "her2_summary.xlsx", "run.json"]
    for written in report.outputs:
        assert hashlib.sha256(written.path.read_bytes()).hexdigest() == written.sha256
    assert report.outputs[0].rows == 6 and report.outputs[1].rows == 2
    assert json.loads((tmp_path / "run.json").read_text()) == json.loads(json.dumps(report.document))
    assert report.document["outputs"]["cases.csv"]["sha256"] == report.outputs[0].sha256


def test_settings_are_the_command_lines(tmp_path):
    settings = her2batch.Settings(rule_set="asco-cap-2018", drop_columns=("Pathologist",))
    report = her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path, settings)
    assert report.document["rule_set"] == "asco-cap-2018" and set(report.cases["rule_set"]) == {"asco-cap-2018"}
    assert "Pathologist" not in report.cases.columns


def test_pseudonymises_like_the_command_line(tmp_path, monkeypatch):
    monkeypatch.setenv("HER2BATCH_PSEUDONYM_KEY", "a key of at least sixteen bytes")
    report = her2batch.process([SAMPLES], tmp_path, her2batch.Settings(pseudonymize=True))
    patients = report.cases["patient_id"].dropna().astype(str)
    assert len(patients) and patients.str.startswith("ps_").all()
    assert "ps_" in (tmp_path / "cases.csv").read_text()


def test_outcomes(tmp_path):
    missing = tmp_path / "missing.csv"
    assert her2batch.process([missing, FIXTURES / "lab_tab.tsv"], tmp_path / "a").outcome is Outcome.INPUTS_FAILED
    limited = her2batch.Settings(max_reject_percent=10)
    assert her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path / "b", limited).outcome is Outcome.TOO_MANY_REJECTS


def test_every_input_failing_keeps_the_previous_outputs(tmp_path):
    her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path)
    before = (tmp_path / "run.json").read_bytes()
    report = her2batch.process([tmp_path / "missing.csv"], tmp_path)
    assert report.outcome is Outcome.NOTHING_READ and not report.written
    assert (tmp_path / "run.json").read_bytes() == before


def test_errors_a_caller_can_act_on(tmp_path, monkeypatch):
    with pytest.raises(SettingsError, match="unknown rule set"):
        her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path, her2batch.Settings(rule_set="nope"))
    monkeypatch.delenv("HER2BATCH_PSEUDONYM_KEY", raising=False)
    with pytest.raises(SettingsError, match="needs a key"):
        her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path, her2batch.Settings(pseudonymize=True))
    with locked(tmp_path), pytest.raises(LockHeld):
        her2batch.process([FIXTURES / "lab_tab.tsv"], tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(OutputError) as caught:
        her2batch.process([FIXTURES / "lab_tab.tsv"], blocker / "out")
    assert "nothing was replaced" in caught.value.state
    assert not list(tmp_path.glob("*.csv"))  # none of these wrote anything


def test_check_reads_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = check([FIXTURES / "lab_tab.tsv"])
    assert (result.rows_in, len(result.rejects)) == (8, 2) and list(tmp_path.iterdir()) == []

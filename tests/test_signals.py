"""SIGTERM, SIGHUP and SIGINT stop a run with 143, 129, 130 and leave no staging; a signal during
the commit's renames waits until the set is whole."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import her2batch.reports.excel as excel
from her2batch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"

def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def outdir_files(outdir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in outdir.iterdir() if p.name != ".her2batch.lock"}


@pytest.mark.parametrize(("name", "status"), [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
def test_signal_while_writing_removes_staging_and_keeps_previous_outputs(tmp_path, monkeypatch, name, status):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    before = outdir_files(tmp_path)
    real = excel.write_workbook

    def write_then_signal(path, result, document):
        real(path, result, document)
        os.kill(os.getpid(), getattr(signal, name))  # as if sent from outside, mid-write

    monkeypatch.setattr(excel, "write_workbook", write_then_signal)
    stopped = invoke("run", SAMPLES, "-o", tmp_path)
    assert stopped.exit_code == status
    assert f"stopped by {name}" in stopped.output and "the previous outputs are intact" in stopped.output
    assert "Traceback" not in stopped.output
    assert outdir_files(tmp_path) == before  # no staging left, nothing replaced


def test_sigterm_during_the_renames_waits_for_a_whole_set(tmp_path, monkeypatch):
    real, calls = os.replace, []

    def signal_on_first(source, target):
        if ".her2batch-staging-" in str(source):
            calls.append(target)
            if len(calls) == 1:
                os.kill(os.getpid(), signal.SIGTERM)
        return real(source, target)

    monkeypatch.setattr(os, "replace", signal_on_first)
    stopped = invoke("run", SAMPLES, "-o", tmp_path)
    assert stopped.exit_code == 143
    assert "OUTDIR holds this run's complete outputs" in stopped.output
    document = json.loads((tmp_path / "run.json").read_text())
    assert [Path(i["path"]).name for i in document["inputs"]] == ["lab_a_export.csv", "lab_b_results.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".her2batch.lock", "cases.csv", "her2_summary.xlsx",
                                                            "patients.csv", "rejects.csv", "rescore.csv", "run.json"]


def test_sigterm_from_outside_while_reading(tmp_path):
    """A real kill from another process once the run holds OUTDIR: whatever it was doing, no staging
    is left and OUTDIR holds no set or a whole one."""
    big = tmp_path / "big.csv"
    big.write_text("Case ID,HER2 IHC\n" + "".join(f"C{i},1+\n" for i in range(200_000)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "her2batch", "run", str(big), "-o", str(tmp_path / "out")],
                               stderr=subprocess.PIPE, text=True)
    out = tmp_path / "out"
    deadline = time.monotonic() + 60
    while not (out / ".her2batch.lock").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=120)[1]
    if process.returncode == 0:
        pytest.skip("the run finished before the signal arrived")
    assert process.returncode == 143, stderr
    left = sorted(p.name for p in out.iterdir())
    assert left in ([".her2batch.lock"], [".her2batch.lock", "cases.csv", "her2_summary.xlsx", "patients.csv",
                                          "rejects.csv", "rescore.csv", "run.json"])

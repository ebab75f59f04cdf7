"""What a scheduler and a person at a terminal rely on: exit statuses, messages, determinism,
config precedence, and outputs that survive a failed write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from her2batch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_samples_run(tmp_path):
    result = invoke("run", SAMPLES, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "run.json").read_text())
    assert all(run["categories"][c] > 0 for c in run["categories"])  # every category exercised
    assert run["rejects"] >= 3 and run["review"] > 0


def test_identical_inputs_give_identical_files(tmp_path):
    for out in ("a", "b"):
        assert invoke("run", SAMPLES, FIXTURES, "-o", tmp_path / out).exit_code == 0
    for name in ("cases.csv", "rejects.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_inputs_never_modified(tmp_path):
    before = {p: p.read_bytes() for p in SAMPLES.iterdir() if p.is_file()}
    invoke("run", SAMPLES, "-o", tmp_path)
    assert before == {p: p.read_bytes() for p in SAMPLES.iterdir() if p.is_file()}


def test_failed_write_leaves_previous_outputs(tmp_path, monkeypatch):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    before = outdir_files(tmp_path)

    def broken(target, result, document):
        Path(target).write_bytes(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("her2batch.reports.excel.write_workbook", broken)
    result = invoke("run", SAMPLES, "-o", tmp_path)
    assert result.exit_code == 4
    assert "No space left on device" in result.output and "nothing was replaced" in result.output
    assert outdir_files(tmp_path) == before  # and no temporary files left


def outdir_files(outdir: Path) -> dict[str, bytes]:
    """Every entry of OUTDIR but the lock file (which each run stamps with its pid)."""
    return {p.name: p.read_bytes() for p in outdir.iterdir() if p.name != ".her2batch.lock"}


def test_internal_error_is_one_line_without_traceback(tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise ValueError("patient M1001 broke it")

    monkeypatch.setattr("her2batch.pipeline.classify", boom)
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path)
    assert result.exit_code == 4
    assert "internal error (ValueError)" in result.output
    assert "Traceback" not in result.output and "M1001" not in result.output


def test_summary_line_quiet_and_verbose(tmp_path):
    normal = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path)
    assert normal.output.count("\n") == 1 and "8 rows: 6 cases, 2 rejects" in normal.output
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "-q").output == ""
    verbose = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "-v").output
    assert "delimiter '\\t'" in verbose and "classify:" in verbose


def test_log_file(tmp_path):
    log = tmp_path / "her2batch.log"
    invoke("run", FIXTURES / "lab_tab.tsv", tmp_path / "missing.csv", "-o", tmp_path / "out", "-q", "--log-file", log)
    text = log.read_text()
    assert "missing.csv: no such file" in text and "6 cases" in text


def test_reject_threshold_exit_3(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "--max-reject-percent", "50").exit_code == 0
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "--max-reject-percent", "10")
    assert result.exit_code == 3 and "above the 10% limit" in result.output


def test_command_line_beats_config(tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('[run]\nrules = "asco-cap-2007"\n')
    invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path / "a", "--config", config)
    invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path / "b", "--config", config, "--rules", "asco-cap-2018")
    assert json.loads((tmp_path / "a" / "run.json").read_text())["rule_set"] == "asco-cap-2007"
    assert json.loads((tmp_path / "b" / "run.json").read_text())["rule_set"] == "asco-cap-2018"


def test_messages_never_show_identifiers(tmp_path):
    """A run full of bad rows and a headerless file: stderr names files, rows, columns only."""
    bad = tmp_path / "bad.csv"
    rows = ["Case ID,MRN,Patient Name,HER2 IHC,HER2/CEP17 Ratio,ER %"]
    rows += [f"CASE{i:05d},MRN{i:06d},Jane Doe{i},2+,abc{i},{150 + i}" for i in range(50)]
    rows += [",MRN999999,John Roe,1+,,"]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    headerless = tmp_path / "headerless.csv"
    headerless.write_text("CASE77777,MRN777777,Jane Q Public,2+\n", encoding="utf-8")
    log = tmp_path / "log.txt"
    result = invoke("run", bad, headerless, "-o", tmp_path / "out", "-v", "--log-file", log)
    assert result.exit_code == 1
    for text in (result.output, log.read_text()):
        # headers ('MRN', 'Patient Name') are named by the mapping report; their values never are
        for secret in ("CASE0", "MRN0", "MRN9", "MRN7", "Jane", "John", "CASE77777", "Public"):
            assert secret not in text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_outputs_readable_by_owner_only(tmp_path):
    invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path)
    for name in ("cases.csv", "rejects.csv", "her2_summary.xlsx", "run.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600


def test_default_site_applies_to_blank_and_unrecognised_sites(tmp_path):
    export = tmp_path / "sites.csv"
    export.write_text("Case ID,Site,HER2 IHC\nA,,1+\nB,Lung,1+\nC,Breast,1+\n", encoding="utf-8")
    invoke("run", export, "-o", tmp_path / "out", "--default-site", "gastroesophageal")
    cases = pd.read_csv(tmp_path / "out" / "cases.csv", dtype=str, keep_default_na=False)
    assert list(cases["rule_set"]) == ["cap-ascp-asco-2016-gea", "cap-ascp-asco-2016-gea", "asco-cap-2023"]
    assert list(cases["her2_category"]) == ["HER2-negative", "HER2-negative", "HER2-low"]
    assert cases.loc[1, "review_reasons"] == "site_unrecognised"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_log_file_on_a_full_device_is_one_warning_and_the_run_goes_on(tmp_path):
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "--log-file", "/dev/full")
    assert result.exit_code == 0
    warnings = [line for line in result.output.splitlines() if "log file" in line]
    assert warnings == ["her2batch: warning: log file /dev/full cannot be written (No space left on device); "
                        "continuing without it"]
    assert "Traceback" not in result.output and (tmp_path / "run.json").exists()


def test_log_file_that_cannot_be_opened_is_one_warning(tmp_path):
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path / "out", "--log-file", tmp_path / "no" / "log")
    assert result.exit_code == 0 and (tmp_path / "out" / "run.json").exists()
    assert "cannot be written (No such file or directory); continuing without it" in result.output

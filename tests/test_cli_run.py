"""`run`, `validate` and `config` through CliRunner: exit statuses, messages, outputs."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from her2batch.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_run_writes_the_contract_files(tmp_path):
    result = invoke("run", FIXTURES / "lab_semicolon_cp1252.csv", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("cases.csv", "rejects.csv", "run.json"):
        assert (tmp_path / name).exists()
    run = json.loads((tmp_path / "run.json").read_text())
    assert run["rows_in"] == run["cases"] + run["rejects"] == 12
    assert run["inputs"][0]["status"] == "ok"
    assert set(run) >= {"version", "rule_set", "started", "finished", "inputs", "rows_in", "cases", "rejects",
                        "review", "categories"}
    assert "12 rows: 9 cases, 3 rejects" in result.output


def test_run_exit_1_when_an_input_fails_but_others_run(tmp_path):
    result = invoke("run", tmp_path / "missing.csv", FIXTURES / "lab_tab.tsv", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "missing.csv: no such file" in result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert [i["status"] for i in run["inputs"]] == ["failed", "ok"]
    assert run["cases"] == 6


def test_usage_errors_exit_2(tmp_path):
    assert invoke("run").exit_code == 2
    assert invoke("run", "x.csv", "--rules", "nope").exit_code == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[columns]\nnot_a_column = 'x'\n")
    result = invoke("run", FIXTURES / "lab_tab.tsv", "--config", bad, "-o", tmp_path)
    assert result.exit_code == 2 and "not_a_column" in result.output


def test_validate_prints_rejects_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", FIXTURES / "lab_semicolon_cp1252.csv")
    assert result.exit_code == 0
    assert "row 7: ish_ratio: not a number\n" in result.output and "abc" not in result.output  # no values
    assert "row 8: case_id: blank" in result.output
    assert "12 rows: 9 would be cases, 3 rejected" in result.output
    assert list(tmp_path.iterdir()) == []
    shown = invoke("validate", FIXTURES / "lab_semicolon_cp1252.csv", "--show-values")
    assert "row 7: ish_ratio: not a number ('abc')" in shown.output


def test_config_example_is_valid_toml(tmp_path):
    import tomllib

    result = invoke("config")
    assert result.exit_code == 0
    tomllib.loads(result.output)

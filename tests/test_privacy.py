"""--pseudonymize, --drop-columns, CSV formula escaping and file permissions."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from her2batch.cli import main
from her2batch.privacy import escape_formulas, pseudonym

SAMPLES = Path(__file__).parent.parent / "samples"
KEY = "a-long-enough-secret-key-for-tests"


def invoke(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env or {})


def all_output_text(outdir: Path) -> str:
    parts = [(outdir / n).read_text(encoding="utf-8") for n in ("cases.csv", "rejects.csv", "run.json")]
    book = openpyxl.load_workbook(outdir / "her2_summary.xlsx", read_only=True)
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            parts.extend(str(v) for v in row if v is not None)
    return "\n".join(parts)


def test_refuses_without_key(tmp_path):
    result = invoke("run", SAMPLES, "-o", tmp_path, "--pseudonymize", env={"HER2BATCH_PSEUDONYM_KEY": ""})
    assert result.exit_code == 2 and "needs a key" in result.output
    assert not (tmp_path / "cases.csv").exists()


def test_short_key_refused(tmp_path):
    result = invoke("run", SAMPLES, "-o", tmp_path, "--pseudonymize", env={"HER2BATCH_PSEUDONYM_KEY": "short"})
    assert result.exit_code == 2 and "at least 16 bytes" in result.output


def test_no_key_option_on_the_command_line():
    assert "--key " not in invoke("run", "--help").output
    assert invoke("run", "x.csv", "--key", KEY).exit_code == 2


def test_patient_ids_replaced_everywhere_and_stable(tmp_path):
    env = {"HER2BATCH_PSEUDONYM_KEY": KEY}
    for out in ("a", "b"):
        assert invoke("run", SAMPLES, "-o", tmp_path / out, "--pseudonymize", env=env).exit_code == 0
    text = all_output_text(tmp_path / "a")
    for mrn in ("MRN731000", "MRN999001", "P731037"):  # lab A MRNs (cases and rejects), lab B patients
        assert mrn not in text
    assert pseudonym("MRN731000", KEY.encode()) in text
    assert (tmp_path / "a" / "cases.csv").read_bytes() == (tmp_path / "b" / "cases.csv").read_bytes()
    cases = pd.read_csv(tmp_path / "a" / "cases.csv", dtype=str, keep_default_na=False)
    assert cases["case_id"].str.startswith("S24-").any()  # case_id kept unless asked


def test_case_ids_too_with_key_file(tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text(KEY)
    result = invoke("run", SAMPLES, "-o", tmp_path / "out", "--pseudonymize", "--pseudonymize-case-id",
                    "--key-file", key_file)
    assert result.exit_code == 0
    text = all_output_text(tmp_path / "out")
    assert "S24-0001" not in text and "B-0001" not in text
    assert pseudonym("S24-0001", KEY.encode()) in text


def test_drop_columns_from_every_output(tmp_path):
    result = invoke("run", SAMPLES, "-o", tmp_path, "--drop-columns", "Pathologist", "--drop-columns", "patient_id,Lab")
    assert result.exit_code == 0
    text = all_output_text(tmp_path)
    assert "Okafor" not in text and "MRN731000" not in text and "Riverside" not in text
    cases = pd.read_csv(tmp_path / "cases.csv", dtype=str)
    assert not {"Pathologist", "pathologist", "MRN", "Patient", "patient_id", "Lab", "lab"} & set(cases.columns)


def test_drop_columns_refuses_contract_columns(tmp_path):
    result = invoke("run", SAMPLES, "-o", tmp_path, "--drop-columns", "her2_status")
    assert result.exit_code == 2 and "cannot drop" in result.output


def test_escape_leaves_numbers_and_plain_text():
    frame = pd.DataFrame({"a": ["=1+1", "-1.5", "+3", "@x", "ok", "-abc", None]})
    escaped, changed = escape_formulas(frame)
    assert list(escaped["a"].fillna("")) == ["'=1+1", "-1.5", "+3", "'@x", "ok", "'-abc", ""]
    assert changed == 3


def test_no_csv_escape_keeps_text(tmp_path):
    export = tmp_path / "f.csv"
    export.write_text("Case ID,HER2 IHC\n=1+1,2+\n", encoding="utf-8")
    invoke("run", export, "-o", tmp_path / "out", "--no-csv-escape")
    cases = pd.read_csv(tmp_path / "out" / "cases.csv", dtype=str, keep_default_na=False)
    assert cases.loc[0, "Case ID"] == "=1+1"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_file_mode_can_be_configured(tmp_path):
    assert invoke("run", SAMPLES, "-o", tmp_path, "--file-mode", "640").exit_code == 0
    assert (tmp_path / "cases.csv").stat().st_mode & 0o777 == 0o640
    assert invoke("run", SAMPLES, "-o", tmp_path, "--file-mode", "044").exit_code == 2

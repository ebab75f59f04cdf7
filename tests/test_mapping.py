"""The mapping report, header warnings, the no-HER2 failure, config mistakes and encodings
(issue 10 items 2-4), through the command line as a user meets them."""

from __future__ import annotations

import json
import tomllib

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from her2batch.cli import main
from her2batch.config import ConfigError, load_settings
from her2batch.pipeline import run


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_run_json_records_every_header_and_warns_about_unmapped_data(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Accession #,HercepTest Score,CEP17 Copy #,ER Status,Notes\nS1,2+,2.1,Positive,x\n",
                      encoding="utf-8")
    result = invoke("run", export, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    columns = [(c["header"], c["canonical"], c["how"]) for c in run["inputs"][0]["columns"]]
    assert columns == [("Accession #", "case_id", "words"), ("HercepTest Score", "her2_ihc", "words"),
                       ("CEP17 Copy #", "ish_cep17_copies", "words"), ("ER Status", "", "unmapped"),
                       ("Notes", "", "unmapped")]
    warning = f"{export}: header 'ER Status' (column D) looks like HER2/ISH/ER/PR data but was not mapped"
    assert any(w.startswith(warning) for w in run["warnings"])
    assert warning in result.output and "Positive" not in result.output  # the header, never a value
    sheet = load_workbook(tmp_path / "out" / "her2_summary.xlsx", read_only=True)["Run"]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    assert (str(export), None, "D", "ER Status", None, "unmapped", "no column reads this way") in rows
    assert any(r and r[0] and r[0].startswith(warning) for r in rows)


def test_validate_verbose_prints_the_mapping_report(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Fallnummer;HER2-Score;Quotient HER2/CEP17\nS1;2+;2,3\n", encoding="utf-8")
    result = invoke("validate", export, "-v")
    assert result.exit_code == 0, result.output
    assert "column A 'Fallnummer' -> case_id (words)" in result.output
    assert "column C 'Quotient HER2/CEP17' -> ish_ratio (words)" in result.output


def test_no_her2_column_fails_the_input_with_a_ready_to_paste_snippet(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,Her Two Verdict,Ratio Thing X\nS1,2+,2.3\n", encoding="utf-8")
    other = tmp_path / "good.csv"
    other.write_text("Case ID,HER2 IHC\nS2,1+\n", encoding="utf-8")
    result = invoke("run", export, other, "-o", tmp_path / "out")
    assert result.exit_code == 1
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    failed = run["inputs"][0]
    assert failed["status"] == "failed" and run["cases"] == 1  # the other input still ran
    assert "no HER2 result column found" in failed["error"] and "recognised: 'Case ID' (case_id)" in failed["error"]
    snippet = failed["error"][failed["error"].index("[columns]"):]
    assert tomllib.loads(snippet) == {"columns": {}}  # ready to paste: valid TOML, nothing guessed
    assert '"Her Two Verdict"' in snippet  # the unmapped headers are listed to choose from
    filled = snippet.replace('# her2_ihc = ""', 'her2_ihc = "Her Two Verdict"')
    assert tomllib.loads(filled)["columns"] == {"her2_ihc": "Her Two Verdict"}
    assert {"# ish_ratio", "# ish_result"} <= {line[:12].rstrip() for line in snippet.splitlines()}
    assert [c["header"] for c in failed["columns"]] == ["Case ID", "Her Two Verdict", "Ratio Thing X"]
    mapped = tmp_path / "map.toml"
    mapped.write_text('[columns]\nher2_ihc = "Her Two Verdict"\n', encoding="utf-8")
    assert invoke("run", export, "-o", tmp_path / "out2", "--config", mapped).exit_code == 0


def test_workbook_sheet_without_her2_is_skipped_with_a_warning(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Results"
    book.active.append(["Case ID", "HER2 IHC"])
    book.active.append(["S1", "2+"])
    patients = book.create_sheet("Patients")
    patients.append(["Case ID", "Patient Name"])
    patients.append(["S1", "Jane Roe"])
    path = tmp_path / "book.xlsx"
    book.save(path)
    result = invoke("run", path, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["inputs"][0]["sheets_read"] == ["Results"] and "Patients" in run["inputs"][0]["sheets_skipped"]
    assert any("[Patients]: sheet skipped: no HER2 result column" in w for w in run["warnings"])
    assert "Jane" not in result.output


def test_config_header_absent_from_the_file_is_an_error_with_the_closest(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,HER2 IHC Score\nS1,2+\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[columns]\nher2_ihc = "HER2 IHC Scor"\n', encoding="utf-8")
    result = invoke("run", export, "-o", tmp_path / "out", "--config", config)
    assert result.exit_code == 1
    assert "[columns] her2_ihc = \"HER2 IHC Scor\" names no header of this file (closest: 'HER2 IHC Score')" in result.output


def test_config_value_override_that_cannot_be_read_is_a_config_error(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,HER2 IHC\nS1,EQ\n", encoding="utf-8")
    for table, meaning in (("her2_ihc", "kinda"), ("her2_ihc", "1+ or 2+"), ("ish_result", "maybe")):
        config = tmp_path / "c.toml"
        config.write_text(f'[values.{table}]\n"EQ" = "{meaning}"\n', encoding="utf-8")
        result = invoke("validate", export, "--config", config)
        assert result.exit_code == 2, (meaning, result.output)
        assert f'[values.{table}] "eq" = "{meaning}": the meaning is not a definite' in result.output
    config.write_text('[values.her2_ihc]\n"EQ" = "2+"\n"0+" = "ultralow"\n', encoding="utf-8")
    assert invoke("validate", export, "--config", config).exit_code == 0


def test_config_site_override_must_name_a_site(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Case ID,HER2 IHC,Site\nS1,1+,Upper GI\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[values.tumor_site]\n"Upper GI" = "stomahc"\n', encoding="utf-8")
    result = invoke("validate", export, "--config", config)
    assert result.exit_code == 2 and "[values.tumor_site]" in result.output
    for meaning in ("gastroesophageal", "Stomach", "other", "breast"):
        config.write_text(f'[values.tumor_site]\n"Upper GI" = "{meaning}"\n', encoding="utf-8")
        assert invoke("validate", export, "--config", config).exit_code == 0, meaning


CZECH = "Case ID;HER2 IHC;Pathologist\nS1;2+;Dvořák Łukasz\nS2;1+;Nováková Žaneta\nS3;0;Wójcik Paweł\n"


def test_cp1250_export_is_read_as_cp1250(tmp_path):
    export = tmp_path / "cz.csv"
    export.write_bytes(CZECH.encode("cp1250"))
    result = invoke("run", export, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["inputs"][0]["encoding"] == "cp1250" and run["inputs"][0]["encoding_confidence"] >= 0.6
    cases = (tmp_path / "out" / "cases.csv").read_text(encoding="utf-8")
    assert "Dvořák Łukasz" in cases and "Wójcik Paweł" in cases


def test_cp1252_export_is_read_as_cp1252(tmp_path):
    export = tmp_path / "fr.csv"
    export.write_bytes("Case ID;HER2 IHC;Site\nS1;2+;Ösophagus\nS2;1+;Straße\nS3;0;Estómago\n".encode("cp1252"))
    assert invoke("run", export, "-o", tmp_path / "out").exit_code == 0
    assert "Ösophagus" in (tmp_path / "out" / "cases.csv").read_text(encoding="utf-8")


def test_low_confidence_is_a_warning_and_config_encoding_overrides(tmp_path):
    export = tmp_path / "names.csv"
    export.write_bytes("Case ID;HER2 IHC;Pathologist\nS1;2+;Dvořák\n".encode("cp1250"))
    result = invoke("run", export, "-o", tmp_path / "out")
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert run["inputs"][0]["encoding_confidence"] < 0.6
    assert any("encoding guessed as" in w and "[run] encoding" in w for w in run["warnings"])
    assert "encoding guessed as" in result.output
    config = tmp_path / "c.toml"
    config.write_text('[run]\nencoding = "cp1250"\n', encoding="utf-8")
    result = invoke("run", export, "-o", tmp_path / "out", "--config", config)
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    assert (run["inputs"][0]["encoding"], run["warnings"]) == ("cp1250", [])
    assert "Dvořák" in (tmp_path / "out" / "cases.csv").read_text(encoding="utf-8")
    config.write_text('[run]\nencoding = "klingon"\n', encoding="utf-8")
    assert invoke("run", export, "-o", tmp_path / "out", "--config", config).exit_code == 2


def test_encoding_is_detected_on_a_bounded_sample(tmp_path):
    from her2batch.read.encoding import SAMPLE_BYTES, sample_of

    data = ("Case ID;HER2 IHC\n" + "S1;2+\n" * 50_000 + "S2;1+;Dvořák Łukasz\n" * 20_000).encode("cp1250")
    sample = sample_of(data)
    assert len(sample) <= SAMPLE_BYTES and "Łukasz".encode("cp1250") in sample  # the late non-ASCII lines


def test_config_case_id_absent_names_it_without_printing_values(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text("Lab Refs,HER2 IHC\nS12345,2+\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[columns]\ncase_id = "Lab Reference"\n', encoding="utf-8")
    result = invoke("validate", export, "--config", config)
    assert result.exit_code == 1
    assert "[columns] case_id = \"Lab Reference\" names no header" in result.output
    assert "'Lab Refs'" in result.output and "S12345" not in result.output


def test_report_text_satisfies_the_her2_check_and_is_noted_in_the_report(tmp_path):
    export = tmp_path / "reports.csv"
    export.write_text('Case ID,Report Text\nS1,"Invasive ductal carcinoma. HER2 (IHC): 2+. HER2/CEP17 ratio 2.4."\n',
                      encoding="utf-8")
    result = invoke("run", export, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    run = json.loads((tmp_path / "out" / "run.json").read_text())
    (text,) = [c for c in run["inputs"][0]["columns"] if c["header"] == "Report Text"]
    assert (text["canonical"], text["how"], text["note"]) == ("", "unmapped", "read as report text")
    assert run["warnings"] == []


def test_a_tie_is_filled_in_the_snippet(tmp_path):
    export = tmp_path / "lab.csv"
    export.write_text('Case ID,HER2 IHC Result,"HER2 IHC ""Score"""\nS1,2+,2+\n', encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("Case ID,HER2 IHC\nS2,1+\n", encoding="utf-8")
    result = invoke("run", export, good, "-o", tmp_path / "out")
    assert result.exit_code == 1
    error = json.loads((tmp_path / "out" / "run.json").read_text())["inputs"][0]["error"]
    parsed = tomllib.loads(error[error.index("[columns]"):])
    assert parsed["columns"]["her2_ihc"] in ("HER2 IHC Result", 'HER2 IHC "Score"')


def test_config_column_with_one_spelling_per_export_layout(tmp_path):
    """[columns] case_id = [...]: a run over exports of two layouts maps each with its own header;
    a file with none of them fails naming them all, one with two of them is a conflict."""
    config = tmp_path / "lab.toml"
    config.write_text('[columns]\ncase_id = ["Lab Ref", "Accession"]\nher2_ihc = ["Her Two", "Result X"]\n',
                      encoding="utf-8")
    settings = load_settings(config)
    assert settings.columns["case_id"] == ("Lab Ref", "Accession")
    old, new, neither, both = (tmp_path / n for n in ("old.csv", "new.csv", "neither.csv", "both.csv"))
    old.write_text("Lab Ref,Her Two\nL1,3+\n", encoding="utf-8")
    new.write_text("Accession,Result X\nA1,1+\n", encoding="utf-8")
    neither.write_text("Other,Her Two\nO1,2+\n", encoding="utf-8")
    both.write_text("Lab Ref,Accession,Her Two\nL1,A1,3+\n", encoding="utf-8")
    result = run([old, new, neither, both], settings)
    assert dict(zip(result.cases["case_id"], result.cases["ihc_score"], strict=True)) == {"L1": "3+", "A1": "1+"}
    errors = {s.path.name: s.error for s in result.failed}
    assert '[columns] case_id = ["Lab Ref", "Accession"] names no header' in errors["neither.csv"]
    assert "two columns claim case_id" in errors["both.csv"]


@pytest.mark.parametrize("value", ["[]", "[1]", '[""]', "3"])
def test_config_column_list_must_hold_header_texts(tmp_path, value):
    config = tmp_path / "lab.toml"
    config.write_text(f"[columns]\ncase_id = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="a list of them"):
        load_settings(config)

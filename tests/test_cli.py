"""The command line through Click's CliRunner."""

from __future__ import annotations

import json

from click.testing import CliRunner

from her2batch import __version__
from her2batch.cli import main
from her2batch.decide.reasons import REASONS
from her2batch.rules import BREAST_RULE_SETS


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_explain_issue_example():
    result = invoke("explain", "--ihc", "Equivocal (2+)", "--ratio", "1.6", "--her2-copies", "4.8",
                    "--cep17-copies", "3.0", "--cells", "40")
    assert result.exit_code == 0
    out = result.output
    assert "group 4" in out
    assert "Decision: negative" in out
    assert "Category: HER2-low" in out
    assert "confirm_blinded_recount" in out
    assert "with IHC 2+ the call is negative after a blinded recount" in out


def test_explain_json_has_every_annotation_column():
    result = invoke("explain", "--ihc", "0", "--ihc-percent", "5", "--json")
    record = json.loads(result.output)
    from her2batch.decide.classify import ANNOTATION_COLUMNS

    assert set(ANNOTATION_COLUMNS) <= set(record)
    assert record["her2_category"] == "HER2-ultralow"
    assert record["her2_ultralow"] == "true"


def test_explain_rules_option():
    result = invoke("explain", "--ihc", "2+", "--ratio", "2.1", "--rules", "asco-cap-2007", "--json")
    assert json.loads(result.output)["her2_status"] == "equivocal"


def test_explain_unknown_rules_is_usage_error():
    assert invoke("explain", "--rules", "asco-cap-1999").exit_code == 2


def test_rules_lists_sets_and_reasons():
    result = invoke("rules")
    assert result.exit_code == 0
    for name in BREAST_RULE_SETS:
        assert name in result.output
    for code in REASONS:
        assert code in result.output


def test_help_on_every_command():
    for command in ([], ["explain"], ["rules"]):
        assert invoke(*command, "--help").exit_code == 0


def test_rule_set_names_known_without_the_rules_match_the_rules():
    from her2batch.codes import BREAST_RULE_SET_NAMES, DEFAULT_RULE_SET
    from her2batch.rules import DEFAULT_RULE_SET as RULES_DEFAULT

    assert tuple(BREAST_RULE_SETS) == BREAST_RULE_SET_NAMES
    assert DEFAULT_RULE_SET == RULES_DEFAULT and DEFAULT_RULE_SET in BREAST_RULE_SET_NAMES


def test_the_command_line_loads_no_data_library_until_a_command_needs_one():
    import subprocess
    import sys

    code = ("import sys, her2batch.cli; heavy = {'pandas', 'numpy', 'pyarrow', 'pandera', 'openpyxl'}; "
            "print(sorted(heavy & set(sys.modules)))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"

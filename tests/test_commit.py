"""The output set is all-old or all-new: a failing rename, a kill between renames, a directory in
the way, leftovers of a killed run. run.json's sha256 values tell any reader the set is whole."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from click.testing import CliRunner

from her2batch.cli import main
from her2batch.reports.commit import JOURNAL, STAGING_PREFIX, recover

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"
SET = ("cases.csv", "rejects.csv", "patients.csv", "rescore.csv", "her2_summary.xlsx", "run.json")


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def contents(outdir: Path) -> dict[str, bytes]:
    """Every entry of OUTDIR but the lock file (each run stamps it with its pid)."""
    return {p.name: p.read_bytes() if p.is_file() else b"<dir>" for p in outdir.iterdir() if p.name != ".her2batch.lock"}


def assert_whole(outdir: Path) -> dict:
    """Every file run.json lists is there with its sha256, and nothing else of ours is left."""
    document = json.loads((outdir / "run.json").read_text())
    assert set(document["outputs"]) == set(SET) - {"run.json"}
    for name, facts in document["outputs"].items():
        data = (outdir / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == facts["sha256"] and len(data) == facts["bytes"], name
    assert sorted(p.name for p in outdir.iterdir()) == sorted([*SET, ".her2batch.lock"])
    return document


def test_run_json_records_the_sha256_of_every_other_output(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    document = assert_whole(tmp_path)
    assert document["outdir_notes"] == [] and document["csv_formula_cells_escaped"] == 0


def test_rename_failing_on_the_third_file_leaves_the_previous_set(tmp_path, monkeypatch):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    before = contents(tmp_path)
    real, calls = os.replace, []

    def third_fails(source, target):
        if STAGING_PREFIX in str(source):
            calls.append(Path(target).name)
            if len(calls) == 3:
                raise PermissionError(1, "Operation not permitted")
        return real(source, target)

    monkeypatch.setattr(os, "replace", third_fails)
    result = invoke("run", SAMPLES, "-o", tmp_path)
    assert result.exit_code == 4
    assert calls == ["cases.csv", "rejects.csv", "patients.csv"]  # two were replaced, then put back
    assert "Operation not permitted" in result.output and "the previous outputs are intact" in result.output
    assert contents(tmp_path) == before  # all old, no staging, backup or journal left
    assert_whole(tmp_path)


def test_rollback_that_fails_too_says_which_files_are_new(tmp_path, monkeypatch):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    real, calls = os.replace, []

    def stuck(source, target):  # after two new files are in place, no rename into OUTDIR works
        if len(calls) == 2 and Path(target).parent == tmp_path and not str(source).endswith(".tmp"):
            raise PermissionError(1, "Operation not permitted")
        if STAGING_PREFIX in str(source):
            calls.append(source)
        return real(source, target)

    monkeypatch.setattr(os, "replace", stuck)
    result = invoke("run", SAMPLES, "-o", tmp_path)
    assert result.exit_code == 4
    assert "OUTDIR is MIXED: new cases.csv, rejects.csv; previous patients.csv, rescore.csv, her2_summary.xlsx, run.json" in result.output
    assert (tmp_path / JOURNAL).exists()
    monkeypatch.setattr(os, "replace", real)
    notes = recover(tmp_path)  # the next start rolls the interrupted commit forward
    assert notes == ["completed the commit of an interrupted run: its outputs are now all in place"]
    assert json.loads((tmp_path / "run.json").read_text())["inputs"][0]["path"].startswith(str(SAMPLES))
    assert_whole(tmp_path)


KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    real, calls = os.replace, []

    def die_on_third(source, target):
        if ".her2batch-staging-" in str(source):
            calls.append(target)
            if len(calls) == int(sys.argv[1]):
                os._exit(9)  # as abrupt as kill -9: no cleanup, no finally
        return real(source, target)

    os.replace = die_on_third
    from her2batch.cli import main
    main(sys.argv[2:])
""")


def killed_run(outdir: Path, on_replace: int, *inputs: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, str(on_replace), "run", *map(str, inputs),
                           "-o", str(outdir)], capture_output=True, text=True, timeout=120)


def test_kill_between_renames_is_rolled_forward_by_the_next_start(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    old = contents(tmp_path)
    assert killed_run(tmp_path, 3, SAMPLES).returncode == 9
    mixed = contents(tmp_path)
    assert mixed["cases.csv"] != old["cases.csv"] and mixed["run.json"] == old["run.json"] and JOURNAL in mixed
    notes = recover(tmp_path)
    assert notes[0] == "completed the commit of an interrupted run: its outputs are now all in place"
    document = assert_whole(tmp_path)
    assert [Path(i["path"]).name for i in document["inputs"]] == ["lab_a_export.csv", "lab_b_results.xlsx"]


def test_next_run_completes_the_interrupted_commit_first_and_says_so(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    assert killed_run(tmp_path, 2, FIXTURES / "lab_semicolon_cp1252.csv").returncode == 9
    result = invoke("run", FIXTURES / "lab_utf16.txt", "-o", tmp_path)
    assert result.exit_code == 0
    assert "completed the commit of an interrupted run" in result.output
    document = assert_whole(tmp_path)
    assert document["outdir_notes"][0].startswith("completed the commit of an interrupted run")


def test_interrupted_commit_with_a_damaged_staged_file_is_rolled_back(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    old = contents(tmp_path)
    assert killed_run(tmp_path, 2, FIXTURES / "lab_semicolon_cp1252.csv").returncode == 9
    (staging,) = tmp_path.glob(STAGING_PREFIX + "*")
    (staging / "her2_summary.xlsx").write_bytes(b"damaged after the journal was written")
    assert recover(tmp_path) == ["undid the commit of an interrupted run: the outputs before it are back in place"]
    assert contents(tmp_path) == old


def test_first_run_killed_between_renames_rolls_forward_from_nothing(tmp_path):
    assert killed_run(tmp_path, 1, FIXTURES / "lab_tab.tsv").returncode == 9
    assert not (tmp_path / "run.json").exists()
    recover(tmp_path)
    assert_whole(tmp_path)


def test_a_directory_in_the_way_replaces_nothing(tmp_path):
    assert invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path).exit_code == 0
    (tmp_path / "rejects.csv").unlink()
    (tmp_path / "rejects.csv").mkdir()
    before = contents(tmp_path)
    result = invoke("run", SAMPLES, "-o", tmp_path)
    assert result.exit_code == 4 and "rejects.csv is a directory" in result.output
    assert "nothing was replaced" in result.output
    assert contents(tmp_path) == before


def test_stale_staging_of_a_killed_run_is_swept_with_a_note(tmp_path):
    stale = tmp_path / (STAGING_PREFIX + "killed")
    stale.mkdir()
    (stale / "cases.csv").write_bytes(b"x" * 1000)
    (tmp_path / ".cases.csv.abc123.part").write_bytes(b"older version's temporary file")
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path)
    assert result.exit_code == 0
    assert "removed the staging that an interrupted run left in OUTDIR (2 files" in result.output
    document = assert_whole(tmp_path)
    assert document["outdir_notes"] == ["removed the staging that an interrupted run left in OUTDIR (2 files, 0.0 MB)"]

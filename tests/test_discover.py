"""Only regular files are read, each once, never our own outputs; everything left out is named
in run.json with why; a FIFO never blocks; a file that changes while read fails that input."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from her2batch.cli import main
from her2batch.config import Settings
from her2batch.pipeline import run

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = "Case ID,HER2 IHC\n{name}-1,1+\n{name}-2,2+\n"


def export(path: Path) -> Path:
    path.write_text(EXPORT.format(name=path.stem), encoding="utf-8")
    return path


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def cli(*args, timeout: float = 60) -> subprocess.CompletedProcess:
    """In a subprocess, so a blocking open would fail the test by its timeout instead of hanging it."""
    return subprocess.run([sys.executable, "-m", "her2batch", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout)


def test_fifo_given_directly_fails_at_once_and_the_others_run(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = cli("run", fifo, export(tmp_path / "a.csv"), "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "pipe.csv: a named pipe (FIFO), not a regular file: not read" in result.stderr
    document = json.loads((tmp_path / "out" / "run.json").read_text())
    assert [i["status"] for i in document["inputs"]] == ["failed", "ok"] and document["cases"] == 2


def test_directory_entries_skipped_with_why(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    export(inbox / "a.csv")
    os.mkfifo(inbox / "b.csv")
    (inbox / "loop.csv").symlink_to(inbox / "loop.csv")
    (inbox / "gone.csv").symlink_to(inbox / "missing.csv")
    (inbox / "older").mkdir()
    (inbox / "~$a.xlsx").write_bytes(b"owner file")
    (inbox / "._a.csv").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (inbox / "notes.md").write_text("hello", encoding="utf-8")
    signal.alarm(60)  # a blocking open of the FIFO would fail the test here instead of hanging it
    try:
        result = invoke("run", inbox, "-o", tmp_path / "out")
    finally:
        signal.alarm(0)
    assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "out" / "run.json").read_text())
    assert {Path(s["path"]).name: s["why"] for s in document["skipped"]} == {
        "._a.csv": "a hidden file",
        "b.csv": "a named pipe (FIFO), not a regular file",
        "gone.csv": "dangling symbolic link",
        "loop.csv": "symbolic link loop",
        "notes.md": "not a .csv, .tsv, .txt, .xlsx, .xlsm file",
        "older": "a subdirectory (directories are not searched recursively)",
        "~$a.xlsx": "an Office lock file (the workbook is open in Excel)",
    }
    for warned in ("b.csv", "gone.csv", "loop.csv"):  # the suspicious ones are also a warning line
        assert f"{warned}: skipped:" in result.output
    assert document["cases"] == 2


def test_link_loop_given_directly_fails_that_input(tmp_path):
    loop = tmp_path / "loop.csv"
    loop.symlink_to(loop)
    result = run([loop, export(tmp_path / "a.csv")], Settings())
    assert [(s.status, s.error) for s in result.sources] == [("failed", "symbolic link loop"), ("ok", "")]


def test_unreadable_directory_fails_as_an_input(tmp_path, monkeypatch):
    locked_dir = tmp_path / "locked"
    locked_dir.mkdir()
    real = os.scandir

    def refuse(path="."):
        if isinstance(path, str | os.PathLike) and Path(path) == locked_dir:
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = invoke("run", locked_dir, export(tmp_path / "a.csv"), "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "locked: directory cannot be read (PermissionError)" in result.output
    assert json.loads((tmp_path / "out" / "run.json").read_text())["cases"] == 2


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any directory")
def test_unreadable_directory_by_permissions(tmp_path):
    locked_dir = tmp_path / "locked"
    locked_dir.mkdir(mode=0o000)
    try:
        result = invoke("run", locked_dir, export(tmp_path / "a.csv"), "-o", tmp_path / "out")
    finally:
        locked_dir.chmod(0o700)
    assert result.exit_code == 1 and "directory cannot be read" in result.output


def test_same_file_twice_is_read_once_with_a_warning(tmp_path):
    first = export(tmp_path / "a.csv")
    (tmp_path / "link.csv").symlink_to(first)
    copy = tmp_path / "copy" / "a.csv"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    result = invoke("run", first, tmp_path / "link.csv", copy, first, "-o", tmp_path / "out")
    assert result.exit_code == 0
    document = json.loads((tmp_path / "out" / "run.json").read_text())
    assert document["rows_in"] == 2 and len(document["inputs"]) == 1
    whys = [s["why"] for s in document["skipped"]]
    assert whys == [f"the same file as {first}: read once", f"the same file as {first}: read once",
                    f"the same content as {first}: read once"]
    assert result.output.count("skipped: the same") == 3


def test_file_grown_while_being_read_fails_that_input(tmp_path, monkeypatch):
    growing = export(tmp_path / "growing.csv")
    import her2batch.read.sources as sources

    real = sources._read_text

    def read_while_the_export_grows(source, data, columns, *options):
        with open(growing, "a", encoding="utf-8") as more:
            more.write("growing-3,3+\n")
        return real(source, data, columns, *options)

    monkeypatch.setattr(sources, "_read_text", read_while_the_export_grows)
    result = run([growing, export(tmp_path / "b.csv")], Settings())
    assert [(Path(s.display).name, s.status) for s in result.sources] == [("growing.csv", "failed"), ("b.csv", "ok")]
    assert result.sources[0].error.startswith("changed while being read")
    assert len(result.cases) == 2


def test_outdir_inside_the_input_directory_is_never_read(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    export(inbox / "a.csv")
    for _ in range(2):  # the second run finds the first run's outputs beside its input
        result = invoke("run", inbox, "-o", inbox / "out")
        assert result.exit_code == 0, result.output
    document = json.loads((inbox / "out" / "run.json").read_text())
    assert document["rows_in"] == 2
    assert document["skipped"] == [{"path": str(inbox / "out"), "why": "the output directory of this run"}]


def test_outdir_that_is_the_input_directory_reads_only_the_exports(tmp_path):
    export(tmp_path / "a.csv")
    for _ in range(2):
        result = invoke("run", tmp_path, "-o", tmp_path)
        assert result.exit_code == 0, result.output
    document = json.loads((tmp_path / "run.json").read_text())
    assert document["rows_in"] == 2 and [Path(i["path"]).name for i in document["inputs"]] == ["a.csv"]
    assert {Path(s["path"]).name: s["why"] for s in document["skipped"]} == {
        ".her2batch.lock": "her2batch's own working file (lock, commit journal or staging)",
        **{name: "an output of this run (this directory is OUTDIR)"
           for name in ("cases.csv", "rejects.csv", "patients.csv", "rescore.csv", "her2_summary.xlsx", "run.json")},
    }
    again = invoke("run", tmp_path / "cases.csv", tmp_path / "a.csv", "-o", tmp_path)
    assert "cases.csv: skipped: an output of this run (in OUTDIR): never read" in again.output


def test_fifo_swapped_in_after_discovery_is_refused_without_blocking(tmp_path):
    """The type is checked on the opened descriptor too (O_NONBLOCK), not only before the open."""
    from her2batch.read.sources import Source, read_source

    fifo = tmp_path / "late.csv"
    os.mkfifo(fifo)
    source = Source(fifo, str(fifo))
    signal.alarm(60)
    try:
        read_source(source)
    finally:
        signal.alarm(0)
    assert (source.status, source.error) == ("failed", "a named pipe (FIFO), not a regular file: not read")


def test_staging_given_directly_is_never_read(tmp_path):
    staging = tmp_path / ".her2batch-staging-abc"
    staging.mkdir()
    export(staging / "cases.csv")
    result = run([staging, staging / "cases.csv", export(tmp_path / "a.csv")], Settings())
    assert [Path(s.display).name for s in result.sources] == ["a.csv"]
    assert [s.why for s in result.skipped] == ["her2batch's own working file (lock, commit journal or staging)"] * 2

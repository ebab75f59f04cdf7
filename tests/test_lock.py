"""One run at a time per OUTDIR (and per history file): a second run waits --wait seconds, then
exits 4 with a message naming the holder; two overlapping runs never mix their files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from her2batch.cli import EXIT_NOTHING_WRITTEN, main
from her2batch.lock import LockHeld, lock_path, locked

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"


def invoke(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_second_run_exits_4_at_once_while_the_lock_is_held(tmp_path):
    with locked(tmp_path):
        result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path)
    assert result.exit_code == EXIT_NOTHING_WRITTEN
    assert "is in use by another her2batch run (pid" in result.output and "--wait SECONDS" in result.output
    assert not (tmp_path / "run.json").exists()


def test_second_run_waits_for_the_lock(tmp_path):
    release = threading.Event()

    def hold() -> None:
        with locked(tmp_path):
            holding.set()
            release.wait(30)

    holding = threading.Event()
    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait(30)
    threading.Timer(0.3, release.set).start()
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path, "--wait", "60")
    holder.join()
    assert result.exit_code == 0, result.output


def test_lock_on_a_file_for_the_history(tmp_path):
    history = tmp_path / "history.sqlite"
    history.write_bytes(b"")
    assert lock_path(history) == tmp_path / "history.sqlite.lock"
    with locked(history), pytest.raises(LockHeld, match=r"history\.sqlite is in use"), locked(history, wait=0.2):
        pass
    with locked(history):  # released
        pass


def test_two_concurrent_runs_never_mix_their_files(tmp_path):
    out = tmp_path / "out"
    runs = [subprocess.Popen([sys.executable, "-m", "her2batch", "run", str(given), "-o", str(out), "--wait", "120"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for given in (FIXTURES / "lab_semicolon_cp1252.csv", FIXTURES / "lab_tab.tsv")]
    assert [r.wait(timeout=180) for r in runs] == [0, 0]
    document = json.loads((out / "run.json").read_text())
    for name, facts in document["outputs"].items():
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == facts["sha256"]
    assert sorted(p.name for p in out.iterdir()) == [".her2batch.lock", "cases.csv", "her2_summary.xlsx",
                                                       "patients.csv", "rejects.csv", "rescore.csv", "run.json"]


def test_wait_from_the_config_file(tmp_path):
    from her2batch.config import load_settings

    config = tmp_path / "lab.toml"
    config.write_text("[run]\nwait = 90\n", encoding="utf-8")
    assert load_settings(config).wait == 90
    config.write_text("[run]\nwait = -1\n", encoding="utf-8")
    result = invoke("run", FIXTURES / "lab_tab.tsv", "-o", tmp_path / "out", "--config", config)
    assert result.exit_code == 2 and "wait must be a number of seconds" in result.output

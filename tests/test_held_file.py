"""A script run keeps the database file open while it runs (ui.holding_file), and no longer."""

from __future__ import annotations

import subprocess
import sys

from smdash.db import store
from smdash.ui import runtime as ui

OPEN_ELSEWHERE = (
    "import duckdb, sys\n"
    "try:\n"
    "    duckdb.connect(sys.argv[1]).close()\n"
    "except duckdb.Error as exc:\n"
    "    print('busy' if 'lock' in str(exc).lower() else exc)\n"
    "else:\n"
    "    print('opened')\n"
)


def opened_by_another_process(path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", OPEN_ELSEWHERE, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout.strip()


def test_a_run_holds_the_file_until_it_ends_or_lets_go(db_path, monkeypatch):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    with store.connect(db_path):
        pass  # the file exists, with its tables
    with ui.holding_file():
        with store.connect(db_path) as con:  # a read of the run: one more connection
            assert con.execute("SELECT 1").fetchone() == (1,)
        assert opened_by_another_process(db_path) == "busy"  # the CLI waits for the run
        ui.let_go_of_file()  # before an upload is read in its child process
        assert opened_by_another_process(db_path) == "opened"
    with ui.holding_file():
        pass
    assert opened_by_another_process(db_path) == "opened"


def test_a_run_on_a_damaged_file_goes_on_to_say_so(tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a database" * 1000)
    monkeypatch.setenv("SMDASH_DB", str(damaged))
    with ui.holding_file():  # nothing held: the run's first read shows the message
        pass

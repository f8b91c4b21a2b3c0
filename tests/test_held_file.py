"""A script run keeps the database file open while it runs (ui.holding_file), and no longer."""

from __future__ import annotations

import subprocess
import sys
import time

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


def test_after_a_run_the_file_stays_open_a_moment_unless_another_process_asked(
    db_path, monkeypatch
):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    monkeypatch.setattr(store, "LINGER_SECONDS", 1.0)
    with ui.holding_file():
        pass
    assert opened_by_another_process(db_path) == "busy"  # the next click finds it open
    time.sleep(store.LINGER_SECONDS + 0.5)
    assert opened_by_another_process(db_path) == "opened"  # then it is let go

    store.ask_for(db_path)  # what a CLI import waiting for the file does (store.open_file)
    with ui.holding_file():
        pass
    assert opened_by_another_process(db_path) == "opened"  # let go at once


def test_a_cli_waiting_for_the_file_gets_it_once_the_runs_end(db_path, monkeypatch):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    monkeypatch.setattr(store, "LINGER_SECONDS", 5.0)
    with ui.holding_file():
        pass
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "smdash", "history", "--db", str(db_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 10  # not the 15 s busy limit
    assert not store.wanted_marker(db_path).exists()  # its request is withdrawn once served


def test_reads_beside_the_held_file_skip_the_checks_made_when_it_was_opened(db_path, monkeypatch):
    monkeypatch.setenv("SMDASH_DB", str(db_path))
    with ui.holding_file():
        monkeypatch.setattr(store, "damage", _never_again)
        monkeypatch.setattr(store, "migrate", _never_again)
        with store.connect(db_path) as con:
            assert store.data_version(con) == 0


def _never_again(*_args):
    raise AssertionError("checked again beside the held file")


def test_a_run_on_a_damaged_file_goes_on_to_say_so(tmp_path, monkeypatch):
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a database" * 1000)
    monkeypatch.setenv("SMDASH_DB", str(damaged))
    with ui.holding_file():  # nothing held: the run's first read shows the message
        pass

import datetime as dt
import time
from pathlib import Path

import duckdb
import pytest

from smdash.db import store
from smdash.db.migrations import MIGRATIONS


def test_new_file_gets_latest_schema(db_path):
    with store.connect(db_path) as con:
        assert store.schema_version(con) == len(MIGRATIONS) == store.latest_version()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert {"imports", "posts", "posts_versions", "account_daily", "web_traffic", "settings"} <= (
        tables
    )


def test_older_file_is_upgraded_on_open(db_path):
    con = duckdb.connect(str(db_path))
    for statement in MIGRATIONS[0]:
        con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    con.execute(
        "INSERT INTO imports (import_id, file_name, sha256, format, target, rows_in_file,"
        " rows_added, rows_updated, rows_unchanged, imported_at)"
        " VALUES (7, 'old.csv', 'abc', 'x', 'posts', 1, 1, 0, 0, now())"
    )
    con.close()
    with store.connect(db_path) as con:
        assert store.schema_version(con) == len(MIGRATIONS)
        assert con.execute("SELECT file_name FROM imports").fetchall() == [("old.csv",)]
        store.set_setting(con, "k", "v")
        assert store.get_setting(con, "k") == "v"


def test_file_from_newer_version_is_refused(db_path):
    with store.connect(db_path) as con:
        con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with (
        pytest.raises(store.DatabaseTooNew, match="newer version of smdash.*schema 999"),
        store.connect(db_path),
    ):
        pass


def test_db_path_comes_from_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("SMDASH_DB", str(tmp_path / "env.duckdb"))
    assert store.db_path() == (tmp_path / "env.duckdb").resolve()
    assert store.db_path(tmp_path / "flag.duckdb") == (tmp_path / "flag.duckdb").resolve()


def test_busy_file_is_retried_then_reported(db_path, held_database):
    with store.connect(db_path):
        pass
    with held_database(db_path, 30):
        started = time.monotonic()
        with (
            pytest.raises(store.DatabaseBusy, match="in use by another program"),
            store.connect(db_path, retry_seconds=0.5),
        ):
            pass
        assert time.monotonic() - started >= 0.5


def test_busy_file_is_opened_once_released(db_path, held_database):
    with store.connect(db_path):
        pass
    with held_database(db_path, 1):
        started = time.monotonic()
        with store.connect(db_path, retry_seconds=20) as con:
            assert store.schema_version(con) == len(MIGRATIONS)
        assert time.monotonic() - started >= 0.5  # it waited for the holder to let go


def test_transaction_rolls_back_on_error(con):
    with pytest.raises(RuntimeError), store.transaction(con):
        store.set_setting(con, "a", "1")
        raise RuntimeError("boom")
    assert store.get_setting(con, "a") is None


def test_sessions_on_threads_read_while_one_imports(db_path, sample):
    """Like browser sessions: each thread opens its own short-lived connection."""
    from concurrent.futures import ThreadPoolExecutor

    from smdash.imports.pipeline import import_file
    from smdash.metrics.summary import data_range

    def read(_):
        with store.connect(db_path) as con:
            return data_range(con)

    def write():
        with store.connect(db_path) as con:
            return import_file(con, sample("ga4_traffic_acquisition_source_medium.csv"))

    with store.connect(db_path):
        pass
    with ThreadPoolExecutor(max_workers=4) as pool:
        importing = pool.submit(write)
        reads = list(pool.map(read, range(40)))
    assert importing.result().counts.added == 319
    assert set(reads) <= {(None, None), (dt.date(2026, 3, 1), dt.date(2026, 3, 31))}


def test_an_upgrade_that_fails_leaves_the_file_as_it_was(db_path, monkeypatch):
    con = duckdb.connect(str(db_path))
    for steps in store.MIGRATIONS[:2]:
        for statement in steps:
            con.execute(statement)
    con.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    con.close()
    broken = [*store.MIGRATIONS[:-1], [*store.MIGRATIONS[-1], "SELECT no_such_column FROM meta"]]
    monkeypatch.setattr(store, "MIGRATIONS", broken)
    with pytest.raises(duckdb.Error), store.connect(db_path):
        pass
    with duckdb.connect(str(db_path)) as con:
        assert store.schema_version(con) == 2  # not 3, 4, ...: no step landed
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "column_mappings" not in tables  # step 3's table


def test_migration_modules_are_numbered_without_gaps():
    """A file's schema version is its module's position: numbers and positions must agree."""
    folder = Path(store.__file__).parent / "migrations"
    numbers = sorted(int(p.name[1:5]) for p in folder.glob("m[0-9][0-9][0-9][0-9]_*.py"))
    assert numbers == list(range(1, len(numbers) + 1))
    assert store.latest_version() == len(numbers)

"""Two script threads of the app opening the database at once (a page switch while the previous
run still reads): DuckDB's in-process "Unique file handle conflict" is waited out like a lock,
never shown as a traceback (seen by tests/test_browser_pages.py)."""

import duckdb
import pytest

from smdash.db import store


def test_a_file_handle_conflict_in_this_process_is_retried(db_path, monkeypatch):
    real_connect = duckdb.connect
    calls = []

    def connect(path, *args, **kwargs):
        calls.append(path)
        if len(calls) < 3:
            raise duckdb.ResourceInUseException(
                f'Resource In Use Error: Unique file handle conflict: Cannot attach "x" - the '
                f'database file "{path}" is already attached by database "x"'
            )
        return real_connect(path, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", connect)
    with store.connect(db_path, retry_seconds=5) as con:
        assert con.execute("SELECT 42").fetchone() == (42,)
    assert len(calls) == 3


def test_other_resource_errors_are_not_retried(db_path, monkeypatch):
    def connect(path, *args, **kwargs):
        raise duckdb.ResourceInUseException("Resource In Use Error: something else")

    monkeypatch.setattr(duckdb, "connect", connect)
    with (
        pytest.raises(store.StoreError, match="Cannot open the database file"),
        store.connect(db_path, retry_seconds=5),
    ):
        pass

"""The DuckDB file: where it lives, opening it safely, schema migrations, transactions.

DuckDB lets one process hold a database file at a time, so every caller opens the file for one
operation and closes it again (``with connect() as con:``). A file held by another process (the
app while the CLI imports, or the other way round) is retried for a bounded time.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from smdash.core.paths import DEFAULT_DB
from smdash.db.migrations import MIGRATIONS

BUSY_RETRY_SECONDS = 15.0
# another process holds the file; or another thread of this process is attaching or closing it
_LOCK_MARKERS = ("Could not set lock", "Conflicting lock", "Unique file handle conflict")


class StoreError(Exception):
    """A problem with the database file that the user can act on."""


class DatabaseBusy(StoreError):
    pass


class DatabaseTooNew(StoreError):
    pass


def db_path(explicit: str | Path | None = None) -> Path:
    """The database file: an explicit path, else $SMDASH_DB, else data/smdash.duckdb."""
    chosen = explicit or os.environ.get("SMDASH_DB") or DEFAULT_DB
    return Path(chosen).expanduser().resolve()


def _open(path: Path, retry_seconds: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + retry_seconds
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path))
        except (duckdb.IOException, duckdb.ResourceInUseException) as exc:
            if not any(marker in str(exc) for marker in _LOCK_MARKERS):
                raise StoreError(f"Cannot open the database file {path}: {exc}") from exc
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"The database file {path} is in use by another program (another smdash "
                    f"import or app process) and stayed busy for {retry_seconds:.0f} s. "
                    "Try again when it has finished."
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


@contextmanager
def connect(
    path: str | Path | None = None, retry_seconds: float = BUSY_RETRY_SECONDS
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database (creating or upgrading it), yield a connection, always close it."""
    resolved = db_path(path)
    resolved.parent.mkdir(parents=True, exist_ok=True)
    con = _open(resolved, retry_seconds)
    try:
        con.execute("SET TimeZone = 'UTC'")  # export times are read as written, never shifted
        migrate(con, resolved)
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All statements inside land together or not at all."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    has_meta = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' AND schema_name = 'main'"
    ).fetchone()[0]
    if not has_meta:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def latest_version() -> int:
    return len(MIGRATIONS)


def migrate(con: duckdb.DuckDBPyConnection, path: Path | str = "") -> int:
    """Bring the file up to the latest schema; refuse a file written by a newer smdash."""
    current = schema_version(con)
    latest = latest_version()
    if current > latest:
        raise DatabaseTooNew(
            f"The database file {path} was written by a newer version of smdash (schema "
            f"{current}; this version knows up to {latest}). Update smdash to open it."
        )
    if current == latest:
        return latest
    with transaction(con):  # every pending step lands, or none: a file is never half upgraded
        for version in range(current + 1, latest + 1):
            for statement in MIGRATIONS[version - 1]:
                con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(latest)])
    return latest


def data_version(con: duckdb.DuckDBPyConnection) -> int:
    """A counter bumped by every write; caches key on it so a new import refreshes every page."""
    row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    return int(row[0]) if row else 0


def bump_data_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT OR REPLACE INTO meta VALUES ('data_version', ?)", [str(data_version(con) + 1)]
    )


def get_setting(con: duckdb.DuckDBPyConnection, key: str, default: str | None = None) -> str | None:
    row = con.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", [key, value])


def insert_record(con: duckdb.DuckDBPyConnection, table: str, values: dict, key: str) -> int:
    """Insert one row of a plan table (stamped created_at / updated_at); returns its ``key``.

    ``table``, ``key`` and the names in ``values`` come from code, never from user text.
    """
    now = dt.datetime.now()
    names = [*values, "created_at", "updated_at"]
    return con.execute(
        f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('$' + n for n in names)}) "  # noqa: S608 - table, key, names: from code (above)
        f"RETURNING {key}",
        dict(**values, created_at=now, updated_at=now),  # a name given twice raises TypeError
    ).fetchall()[0][0]


def update_record(
    con: duckdb.DuckDBPyConnection, table: str, values: dict, key: str, key_value: int
) -> None:
    """Overwrite one row of a plan table and stamp updated_at."""
    assignments = ", ".join(f"{name} = ${name}" for name in values)
    con.execute(
        f"UPDATE {table} SET {assignments}, updated_at = $updated_at WHERE {key} = ${key}",  # noqa: S608 - names from code
        # dict(**a, **b): a name given twice raises TypeError instead of overwriting
        dict(**values, updated_at=dt.datetime.now(), **{key: key_value}),
    )

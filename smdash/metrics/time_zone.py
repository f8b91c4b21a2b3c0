"""The workspace's time zone: the clock the CM plans by and the best times are told in.

Stored as the ``time_zone`` setting, an IANA name (``Europe/Madrid`` until the CM sets another):
a fresh workspace, like the demo bakery in Valencia, starts on Madrid time. Names are checked
against DuckDB's own list (its ICU time zones), the one that converts the times, less the few
that Python's zoneinfo, which converts the calendar's ICS file, does not know.

How times are kept: a post's ``published_at`` is stored as the export wrote it, without a zone.
Most exports (Meta, TikTok, LinkedIn) write the account's local clock time; those are read as
the workspace's time. An export whose times are in UTC declares it (``times_in_utc`` in its
format's ``extra``: X's tweet activity, whose ``time`` reads ``+0000``; a time with an offset is
stored in UTC on import): those are converted to the workspace's zone when shown or counted.
Calendar entries' ``planned_at`` is the workspace's clock time, as the CM typed it.
"""

from __future__ import annotations

import datetime as dt
import functools
import threading
import zoneinfo

import duckdb

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, get_setting, set_setting

SETTING = "time_zone"
DEFAULT = "Europe/Madrid"
python_zones = functools.cache(zoneinfo.available_timezones)  # it reads the disk each call


def zone_names(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The IANA zone names both DuckDB (best times) and Python (the calendar's ICS file) convert
    with (``Europe/Madrid``, ``America/Bogota``, ...)."""
    python_knows = python_zones()  # lacks a few retired names DuckDB keeps
    return [
        row[0]
        for row in con.execute(
            """SELECT name FROM pg_timezone_names()
               WHERE name = 'UTC' OR (name LIKE '%/%' AND name NOT LIKE 'Etc/%'
                                      AND name NOT LIKE 'SystemV/%')
               ORDER BY name"""
        ).fetchall()
        if row[0] in python_knows
    ]


def workspace_zone(con: duckdb.DuckDBPyConnection) -> str:
    return get_setting(con, SETTING, DEFAULT)


@audit.write("workspace.set_time_zone")
def set_workspace_zone(con: duckdb.DuckDBPyConnection, name: str) -> None:
    if name not in zone_names(con):
        raise InvalidInput("time_zone.unknown", zone=name)
    set_setting(con, SETTING, name)
    bump_data_version(con)


@functools.cache
def _clock() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB kept to read clocks with: starting one costs some 30 ms."""
    return duckdb.connect()


_CLOCK_LOCK = threading.Lock()  # one cursor made at a time: the browser sessions' runs share it


def now_in(zone: str) -> dt.datetime:
    """The clock time in ``zone`` now (a naive datetime), as DuckDB, which converts the best
    times, tells it (its ICU zones; Python's zoneinfo differs on a few, Casablanca for one)."""
    with _CLOCK_LOCK, _clock().cursor() as con:
        return con.execute("SELECT timezone(?, now())::TIMESTAMP", [zone]).fetchone()[0]

"""The audit trail: every write, who did it, when and what.

Public write functions are decorated with ``@audit.write("what")``: the decorator refuses a
viewer (``require_editor``), runs the write as that user (writes it makes in turn are not
recorded again) and records one row: inside the write's own transaction (``store.transaction``
runs it just before the commit, so a crash leaves both or neither), or right after a write
that made no transaction of its own.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Callable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from smdash.access.roles import Actor, acting_as, require_editor
from smdash.db import store

if TYPE_CHECKING:  # only for hints: importing pandas would slow every CLI command's start
    import pandas as pd

DETAILS_MAX = 300
_inside_write: ContextVar[bool] = ContextVar("smdash_inside_write", default=False)


def write(action: str) -> Callable:
    """Decorator for ``fn(con, ...)`` writes; adds an ``actor=`` keyword (default: current)."""

    def decorate(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def guarded(con, *args, actor: Actor | None = None, **kwargs):
            who = require_editor(actor)
            if _inside_write.get():
                return fn(con, *args, **kwargs)
            details, recorded = describe(args, kwargs), []

            def record_once(tx_con: duckdb.DuckDBPyConnection) -> None:
                if not recorded:
                    record(tx_con, who, action, details)
                    recorded.append(True)

            token = _inside_write.set(True)
            try:
                with acting_as(who), store.before_commit(record_once):
                    result = fn(con, *args, **kwargs)
            finally:
                _inside_write.reset(token)
            if not recorded:
                record(con, who, action, details)
            return result

        guarded.audited_action = action
        return guarded

    return decorate


def record(con: duckdb.DuckDBPyConnection, actor: Actor, action: str, details: str) -> None:
    con.execute(
        """INSERT INTO audit_log (happened_at, actor, action, details)
           VALUES ($happened_at, $actor, $action, $details)""",
        {
            "happened_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            "actor": actor.name,
            "action": action,
            "details": details[:DETAILS_MAX],
        },
    )


def describe(args: tuple, kwargs: dict) -> str:
    """The write's arguments in short: file names for paths, sizes for bytes, no callables."""
    shown = [_short(a) for a in args]
    shown += [f"{k.replace('_', ' ')}: {_short(v)}" for k, v in kwargs.items() if not callable(v)]
    return _listed(shown)


def _short(value: object) -> str:
    """A value as a person reads it: text without quotes, dates as ISO dates, a record as its
    filled-in fields ('kpi: followers, target: 15000'), never a Python repr or "None"."""
    if isinstance(value, Path):
        return value.name
    if isinstance(value, bytes | bytearray):
        return f"<{len(value)} bytes>"
    if value is None or callable(value):
        return ""
    if isinstance(value, str):
        return value[:120]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{round(value, 4):,.15g}"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value))
        return _listed((f"{name.replace('_', ' ')}: {_short(v)}" for name, v in fields))
    if isinstance(value, dict):
        return _listed(f"{k}: {_short(v)}" for k, v in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return _listed((_short(v) for v in value), "; ")
    return str(value)[:120]


def _listed(parts, separator: str = ", ") -> str:
    """The parts with a value, joined; a part whose value is empty ('target: ') is left out."""
    return separator.join(p for p in parts if p and not p.endswith(": "))[:DETAILS_MAX]


def trail(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    """The latest writes, newest first."""
    return con.execute(
        "SELECT happened_at, actor, action, details FROM audit_log ORDER BY audit_id DESC LIMIT ?",
        [limit],
    ).df()

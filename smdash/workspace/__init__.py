"""The workspace: demo data on first start, or the user's own data after they start empty;
the backups the app makes by itself (before starting empty, once a day) and their setting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from smdash import executive, review
from smdash.access import audit, auth
from smdash.core.errors import InvalidInput, UserError
from smdash.core.paths import demo_dir
from smdash.db import copies
from smdash.db.store import bump_data_version, get_setting, set_setting, transaction
from smdash.db.tables import TABLES, quote
from smdash.imports.accounts import CONFIRMED, NEW_ACCOUNTS
from smdash.imports.pipeline import import_file
from smdash.imports.sniff import EXPORT_SUFFIXES
from smdash.plan import calendar, costs, objectives, toolkit

MODE_KEY = "workspace_mode"  # 'demo' or 'own'
DEMO_ANSWERS = {NEW_ACCOUNTS: CONFIRMED}
# Features that add their own part to the demo (objectives, calendar, ...): each has
# seed_demo(con, folder), called with the demo folder after its export files are imported, and
# clear_workspace(con), called when the user starts an empty workspace.
DEMO_PARTS: tuple = (calendar, objectives, costs, executive, review, toolkit)


def demo_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in EXPORT_SUFFIXES)


def mode(con: duckdb.DuckDBPyConnection) -> str | None:
    return get_setting(con, MODE_KEY)


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    return mode(con) == "demo"


def ensure_workspace(con: duckdb.DuckDBPyConnection, folder: Path | None = None) -> int:
    """On the very first start (no mode, nothing imported), import the demo files.

    Returns how many files were imported (0 when the workspace was already set up). The demo
    goes through the same pipeline and log as any user file.
    """
    if mode(con) is not None:
        return 0
    if con.execute("SELECT count(*) FROM imports").fetchone()[0]:
        set_setting(con, MODE_KEY, "own")
        return 0
    folder = folder or demo_dir()
    files = demo_files(folder)
    set_setting(con, MODE_KEY, "demo" if files else "own")
    for path in files:
        # smdash's own files, not a user's: read in this process (a reading process per file
        # would make the first start 2-3 times slower, measured by tools.bench)
        # (and their accounts are the demo's: none is asked about)
        import_file(con, path, isolated=False, answers=DEMO_ANSWERS)
    if files:
        for part in DEMO_PARTS:
            part.seed_demo(con, folder)
    return len(files)


_COUNTS = [f"(SELECT count(*) FROM {quote(t.name)})" for t in TABLES.values()]  # noqa: S608 - table names through quote()
_IMPORTED_ROWS = "SELECT " + " + ".join(_COUNTS)
# What starting an empty workspace deletes, as counted for its confirmation: a kind
# (``confirm.empty_<kind>`` in the string catalogue) and what counts it (fixed SQL).
DELETED_ON_START_EMPTY = {
    "imports": "SELECT count(*) FROM imports",
    "rows": _IMPORTED_ROWS,
    "refusals": "SELECT count(*) FROM import_refusals",
    "goals": "SELECT count(*) FROM goals",
    "objectives": "SELECT count(*) FROM objectives",
    "annotations": "SELECT count(*) FROM annotations",
    "actions": "SELECT count(*) FROM actions",
    "cycles": "SELECT count(*) FROM review_cycles",
    "reviews": "SELECT count(*) FROM reviews",
    "calendar": "SELECT count(*) FROM calendar_entries",
    "themes": "SELECT count(*) FROM themes",
    "aliases": "SELECT (SELECT count(*) FROM source_aliases) + "
    "(SELECT count(*) FROM campaign_aliases)",
    "costs": "SELECT count(*) FROM manual_costs",
    "toolkit": "SELECT count(*) FROM toolkit_current WHERE NOT removed",
    "comments": "SELECT count(*) FROM period_comments",
    "demo_accounts": "SELECT count(*) FROM users WHERE is_demo",
}


def what_start_empty_deletes(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """What ``start_empty`` would delete, by kind (``DELETED_ON_START_EMPTY``), in that order;
    kinds the workspace holds none of are left out."""
    counts = ", ".join(f"({sql}) AS {kind}" for kind, sql in DELETED_ON_START_EMPTY.items())
    row = con.execute(f"SELECT {counts}").fetchone()  # noqa: S608 - fixed SQL from code
    return {kind: n for kind, n in zip(DELETED_ON_START_EMPTY, row, strict=True) if n}


@audit.write("workspace.start_empty")
def start_empty(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every imported row and the import log; the workspace is the user's from now on.

    A backup of everything comes first; when it cannot be written, nothing is deleted
    (``BackupFailed``). The demo accounts go with the demo (their sessions end): a workspace
    with no other account then starts with the first-run form, which creates the first editor.
    """
    _backup(con, "before-start-empty")
    with transaction(con):
        for table in TABLES.values():
            con.execute(f"DELETE FROM {quote(table.name)}")  # noqa: S608 - table names through quote()
            con.execute(f"DELETE FROM {quote(table.name + '_versions')}")  # noqa: S608 - table names through quote()
        con.execute("DELETE FROM import_parts")
        con.execute("DELETE FROM import_repeats")
        con.execute("DELETE FROM imports")
        con.execute("DELETE FROM import_refusals")
        for part in DEMO_PARTS:
            part.clear_workspace(con)
        auth.remove_demo_accounts(con)
        set_setting(con, MODE_KEY, "own")
        bump_data_version(con)


# ---------------------------------------------------------------------------------------------
# Backups (the copy itself: smdash.db.copies)

DAILY = dt.timedelta(days=1)


class BackupFailed(UserError):
    """A backup could not be written (a full disk, no permission); nothing was changed."""


def _backup(con: duckdb.DuckDBPyConnection, reason: str) -> Path:
    try:
        return copies.save(con, reason)
    except copies.CopyFailed as exc:
        raise BackupFailed("backup.failed", error=str(exc)) from exc


def daily_backup(
    con: duckdb.DuckDBPyConnection, now: dt.datetime | None = None
) -> tuple[Path | None, dt.datetime]:
    """A backup when the newest one is a day old (or there is none); the demo has none (its
    files rebuild it). Returns the backup made (or None) and when one will next be due."""
    now = now or dt.datetime.now()
    if is_demo(con):
        return None, now + DAILY
    newest = copies.newest(copies.database_file(con))
    if newest is not None and now - newest.made < DAILY:
        return None, newest.made + DAILY
    return _backup(con, "daily"), now + DAILY


@audit.write("backup.make")
def backup_now(con: duckdb.DuckDBPyConnection) -> Path:
    """A backup made on request (to download it), kept with the others."""
    return _backup(con, "download")


@audit.write("backup.keep")
def set_backup_keep(con: duckdb.DuckDBPyConnection, count: int) -> int:
    """Keep the newest ``count`` backups from now on (older ones go at once)."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= copies.MAX_KEEP:
        raise InvalidInput("backup.bad_keep", max=copies.MAX_KEEP)
    set_setting(con, copies.KEEP_SETTING, str(count))
    copies.prune(copies.database_file(con), count)
    return count


def backup_keep(con: duckdb.DuckDBPyConnection) -> int:
    return copies.keep_count(con)

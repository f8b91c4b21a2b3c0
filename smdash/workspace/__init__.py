"""The workspace: demo data on first start, or the user's own data after they start empty."""

from __future__ import annotations

from pathlib import Path

import duckdb

from smdash import executive, review
from smdash.access import audit, auth
from smdash.core.paths import demo_dir
from smdash.db.store import bump_data_version, get_setting, set_setting, transaction
from smdash.db.tables import TABLES, quote
from smdash.imports.pipeline import import_file
from smdash.imports.sniff import EXPORT_SUFFIXES
from smdash.plan import calendar, costs, objectives

MODE_KEY = "workspace_mode"  # 'demo' or 'own'
# Features that add their own part to the demo (objectives, calendar, ...): each has
# seed_demo(con, folder), called with the demo folder after its export files are imported, and
# clear_workspace(con), called when the user starts an empty workspace.
DEMO_PARTS: tuple = (calendar, objectives, costs, executive, review)


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
        import_file(con, path)
    if files:
        for part in DEMO_PARTS:
            part.seed_demo(con, folder)
    return len(files)


@audit.write("workspace.start_empty")
def start_empty(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every imported row and the import log; the workspace is the user's from now on.

    The demo accounts go with the demo (their sessions end): a workspace with no other account
    then starts with the first-run form, which creates the first editor."""
    with transaction(con):
        for table in TABLES.values():
            con.execute(f"DELETE FROM {quote(table.name)}")  # noqa: S608 - table names through quote()
            con.execute(f"DELETE FROM {quote(table.name + '_versions')}")  # noqa: S608 - table names through quote()
        con.execute("DELETE FROM import_parts")
        con.execute("DELETE FROM import_repeats")
        con.execute("DELETE FROM imports")
        for part in DEMO_PARTS:
            part.clear_workspace(con)
        auth.remove_demo_accounts(con)
        set_setting(con, MODE_KEY, "own")
        bump_data_version(con)

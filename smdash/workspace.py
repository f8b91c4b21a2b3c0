"""The workspace: demo data on first start, or the user's own data after they start empty."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from smdash import audit, calendar, costs, executive, objectives, review
from smdash.imports.pipeline import import_file
from smdash.store import bump_data_version, get_setting, set_setting, transaction
from smdash.tables import TABLES, quote

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "demo"
DEMO_SUFFIXES = (".csv", ".xlsx")
MODE_KEY = "workspace_mode"  # 'demo' or 'own'
# Modules that add their own part to the demo (objectives, calendar, ...): each has
# seed_demo(con), called after the demo files are imported, and clear_workspace(con), called
# when the user starts an empty workspace.
DEMO_PARTS: tuple = (calendar, objectives, costs, executive, review)


def demo_dir() -> Path:
    """data/demo, or $SMDASH_DEMO_DIR (tests point it elsewhere)."""
    return Path(os.environ.get("SMDASH_DEMO_DIR") or DEMO_DIR)


def demo_files(folder: Path | None = None) -> list[Path]:
    folder = folder or demo_dir()
    return sorted(p for p in folder.glob("*") if p.suffix.lower() in DEMO_SUFFIXES)


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
    files = demo_files(folder)
    set_setting(con, MODE_KEY, "demo" if files else "own")
    for path in files:
        import_file(con, path)
    if files:
        for part in DEMO_PARTS:
            part.seed_demo(con)
    return len(files)


@audit.write("workspace.start_empty")
def start_empty(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every imported row and the import log; the workspace is the user's from now on."""
    with transaction(con):
        for table in TABLES.values():
            con.execute(f"DELETE FROM {quote(table.name)}")
            con.execute(f"DELETE FROM {quote(table.name + '_versions')}")
        con.execute("DELETE FROM import_parts")
        con.execute("DELETE FROM import_repeats")
        con.execute("DELETE FROM imports")
        for part in DEMO_PARTS:
            part.clear_workspace(con)
        set_setting(con, MODE_KEY, "own")
        bump_data_version(con)

"""The demo's business name, pinned metrics and the CM's comments."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from smdash.db.store import transaction
from smdash.executive.periods import parse_period
from smdash.executive.settings import save_comment, set_business_name, set_pinned
from smdash.executive.terms import DEMO_FILE, NAME_KEY, PINNED_KEY


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """The demo's business name and the CM's comments; returns how many comments were added."""
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    with transaction(con):
        set_business_name(con, data.get("business", ""))
        set_pinned(con, data.get("pinned", []))
        for key, text in data.get("comments", {}).items():
            save_comment(con, parse_period(key), text)
    return len(data.get("comments", {}))


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete comments, the business name, the logo and the pinned metrics."""
    con.execute("DELETE FROM period_comments")
    con.execute("DELETE FROM brand_assets")
    con.execute("DELETE FROM settings WHERE key IN (?, ?)", [NAME_KEY, PINNED_KEY])

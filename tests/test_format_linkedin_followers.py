"""LinkedIn Page followers export (sheet New followers)."""

import datetime as dt
from pathlib import Path

from smdash.db import store
from smdash.imports.pipeline import import_file

FOLLOWERS = Path(__file__).resolve().parent / "fixtures" / "linkedin_followers.xlsx"


def test_new_followers_per_day(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        result = import_file(con, FOLLOWERS)
        rows = con.execute(
            "SELECT platform, account, day, metric, value FROM account_daily ORDER BY day"
        ).fetchall()
    assert result.prepared.format.name == "linkedin_new_followers"
    assert (result.prepared.date_from, result.prepared.date_to) == (
        dt.date(2026, 3, 1),
        dt.date(2026, 3, 4),
    )
    # the Location sheet adds nothing
    assert [(r[2].day, r[4]) for r in rows] == [(1, 3.0), (2, 5.0), (3, 0.0), (4, 9.0)]
    assert {r[:2] + r[3:4] for r in rows} == {("linkedin", "", "new_followers")}


def test_reimport_is_unchanged(tmp_path):
    with store.connect(tmp_path / "t.duckdb") as con:
        import_file(con, FOLLOWERS)
        again = import_file(con, FOLLOWERS)
    assert (again.counts.added, again.counts.updated, again.counts.unchanged) == (0, 0, 4)

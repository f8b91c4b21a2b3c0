"""Issue 15: figures that add up, through AppTest on the demo and on small hand-made cases."""

import datetime as dt

import pytest
from signin_support import signed_in

from smdash.core.paths import DEMO_DIR
from smdash.core.periods import default_range
from smdash.db import store

OCT_3 = dt.date(2026, 10, 3)


def web_visit(con, day: dt.date, sessions: int, campaign: str = "otoño") -> None:
    con.execute(
        "INSERT INTO web_traffic VALUES ('GA4', ?, ?, 'instagram', 'social', ?, '', '', ?, ?,"
        " 1, 10, 1)",
        [day, day, campaign, sessions, sessions // 2],
    )


def metrics(at):
    return {m.label: (m.value, m.delta) for m in at.metric}


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (OCT_3, OCT_3, (OCT_3, OCT_3)),
        (dt.date(2026, 10, 1), OCT_3, (dt.date(2026, 10, 1), OCT_3)),
        (dt.date(2026, 9, 20), OCT_3, (dt.date(2026, 9, 20), dt.date(2026, 9, 30))),
        (dt.date(2025, 5, 1), dt.date(2026, 10, 31), (dt.date(2026, 10, 1), dt.date(2026, 10, 31))),
    ],
)
def test_the_default_range_is_never_reversed(first, last, expected):
    assert default_range(first, last) == expected


# --- point 7: data on a single day opens on that day, not on "2026/10/03 - 2026/09/30" --------


@pytest.mark.parametrize(
    ("page", "key"), [("traffic", "traffic_period"), ("overview", "overview_period")]
)
def test_data_on_one_day_opens_on_that_day(db_path, start_app, page, key):
    with store.connect(db_path) as con:
        web_visit(con, OCT_3, 120)
    at = start_app(None, signed_in(db_path)).switch_page(f"pages/{page}.py").run()
    assert not at.exception
    assert at.date_input(key=key).value == (OCT_3, OCT_3)
    assert metrics(at)["Sessions"][0] == "120"


def test_the_demo_cut_to_one_day_opens_on_that_day(demo_db, db_path, start_app):
    with store.connect(db_path) as con:
        con.execute("DELETE FROM web_traffic WHERE date_from <> ?", [OCT_3])
        sessions = con.execute("SELECT sum(sessions) FROM web_traffic").fetchone()[0]
        store.bump_data_version(con)
    at = start_app(DEMO_DIR, signed_in(db_path)).switch_page("pages/traffic.py").run()
    assert not at.exception
    assert at.date_input(key="traffic_period").value == (OCT_3, OCT_3)
    assert metrics(at)["Sessions"][0] == f"{sessions:,}"

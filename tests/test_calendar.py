import datetime as dt
from pathlib import Path

import pytest

from smdash.core.periods import month_days
from smdash.plan import calendar
from smdash.plan.calendar import Entry

DEMO = Path(__file__).resolve().parents[1] / "data" / "demo" / calendar.DEMO_FILE
LINK = "https://forndelaplaca.es/carta?utm_source=ig&utm_medium=social&utm_campaign=fallas-2026"


def add_web(con, rows):
    con.executemany(
        "INSERT INTO web_traffic VALUES ('GA4', ?, ?, ?, ?, ?, '', '', ?, ?, ?, 0, 1)",
        [(d, d, s, m, c, n, n, conv) for d, s, m, c, n, conv in rows],
    )


def test_an_entry_keeps_the_tags_of_its_link(con):
    entry_id = calendar.add_entry(
        con, Entry(dt.datetime(2026, 3, 1, 9), "instagram", "Buñuelos", "Copy", LINK)
    )
    table = calendar.entries(con)
    assert table.loc[
        0, ["entry_id", "utm_source", "utm_medium", "utm_campaign", "status"]
    ].tolist() == [
        entry_id,
        "ig",
        "social",
        "fallas-2026",
        "planned",
    ]
    calendar.set_status(con, entry_id, "published")
    assert calendar.entries(con)["status"].tolist() == ["published"]
    with pytest.raises(ValueError):
        calendar.set_status(con, entry_id, "sent")
    calendar.delete_entry(con, entry_id)
    assert calendar.entries(con).empty


def test_each_entry_gets_the_visits_until_the_next_entry_with_the_same_tags(con):
    add_web(
        con,
        [
            ("2026-03-01", "ig", "social", "fallas-2026", 10, 1),
            ("2026-03-05", "IG", "Social", "Fallas-2026", 20, 2),
            ("2026-03-06", "ig", "social", "fallas-2026", 40, 0),
            ("2026-03-06", "facebook", "social", "fallas-2026", 99, 9),
            ("2026-05-01", "ig", "social", "fallas-2026", 7, 0),
        ],
    )
    calendar.add_entry(con, Entry(dt.datetime(2026, 3, 1, 9), "instagram", "First", link=LINK))
    calendar.add_entry(con, Entry(dt.datetime(2026, 3, 6, 9), "instagram", "Second", link=LINK))
    calendar.add_entry(con, Entry(dt.datetime(2026, 3, 7), "x", "No link"))
    results = calendar.entry_results(con)
    assert results[["topic", "sessions", "conversions"]].values.tolist() == [
        ["First", 30, 3],
        ["Second", 40, 0],
    ]
    assert [str(d.date()) for d in results["last_day"]] == ["2026-03-05", "2026-04-02"]
    campaigns = calendar.campaign_results(con)
    assert campaigns[["campaign", "entries", "networks", "sessions"]].values.tolist() == [
        ["fallas-2026", 2, "instagram", 176]
    ]


def test_month_grid_and_week_table(con):
    calendar.add_entry(con, Entry(dt.datetime(2026, 3, 1, 9), "instagram", "Buñuelos", link=LINK))
    calendar.add_entry(con, Entry(dt.datetime(2026, 3, 3, 18, 30), "tiktok", "Directo"))
    table = calendar.entries(con, *month_days(2026, 3))
    grid = calendar.month_grid(table, 2026, 3, list("MTWTFSS"))
    assert grid.shape == (6, 7)
    assert grid.iloc[0].tolist() == ["", "", "", "", "", "", "1\n09:00 instagram: Buñuelos"]
    assert grid.iloc[1, 1] == "3\n18:30 tiktok: Directo"
    assert calendar.week_days(dt.date(2026, 3, 4)) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    week = calendar.week_table(table, dt.date(2026, 3, 2))
    assert week[["time", "network", "topic"]].values.tolist() == [["18:30", "tiktok", "Directo"]]


def test_scheduler_csv(con):
    calendar.add_entry(
        con, Entry(dt.datetime(2026, 3, 1, 9), "instagram", "=Buñuelos", "¡Ya!", LINK, "idea")
    )
    lines = calendar.scheduler_csv(calendar.entries(con)).decode("utf-8-sig").splitlines()
    assert lines == [
        "date,time,network,text,link,topic,status",
        f"2026-03-01,09:00,instagram,¡Ya! {LINK},{LINK},'=Buñuelos,idea",
    ]


def test_the_demo_calendar_matches_the_demo_campaigns(con):
    assert calendar.seed_demo(con, DEMO.parent) == 26
    table = calendar.entries(con)
    assert len(table) == 26
    assert set(table["utm_campaign"]) >= {
        "fallas-2026",
        "roscon-reyes",
        "verano25",
        "verano26",
        "catering-empresas",
    }
    assert table["status"].value_counts().to_dict() == {"published": 23, "planned": 2, "idea": 1}
    calendar.clear_workspace(con)
    assert calendar.entries(con).empty

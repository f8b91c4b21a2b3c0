"""The best times on the UTM links and calendar page, through AppTest on the demo: the heatmap
tab and its rule, the suggested slots of the add-entry form, the marks on the calendar grid."""

import datetime as dt

import pytest
from page_support import open_tab, run, texts
from signin_support import signed_in

from smdash.access.roles import SYSTEM, acting_as
from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.metrics import best_times, time_zone
from smdash.plan import calendar


@pytest.fixture
def links(demo_db, db_path, start_app):
    return run(start_app(DEMO_DIR, signed_in(db_path)).switch_page("pages/links.py"))


def table_with(at, column):
    return next((d.value for d in at.dataframe if column in d.value.columns), None)


def test_the_tab_states_the_rule_and_shows_the_best_times_and_heatmap(links):
    links = open_tab(links, "Best times")
    rule = next(c for c in texts(links.caption) if "median" in c)
    assert "time zone (Europe/Madrid)" in rule
    assert "at least 5 posts to be rated" in rule
    assert "the 5 rated cells with the highest median" in rule
    assert (
        "The exports of LinkedIn, YouTube give the day of each post but not its time: they have "
        "no best hour."
    ) in texts(links.info)
    best = table_with(links, "Best (rank)")
    assert best.to_dict("records")[0] == {
        "Best (rank)": 1,
        "Day": "Fri",
        "Hour": "13:00",
        "Posts": 12,
        "Engagement rate (%)": "3.76 %",
    }
    assert len(best) == 5
    assert len(links.get("vega_lite_chart")) == 1


def test_another_network_figure_and_post_type(links):
    links = open_tab(links, "Best times")
    at = run(links.selectbox(key="best_times_network").set_value("instagram"))
    at = run(at.selectbox(key="best_times_type_instagram").set_value("reel"))
    best = table_with(at, "Best (rank)")
    assert best.iloc[0][["Day", "Hour", "Posts"]].tolist() == ["Tue", "19:00", 5]
    at = run(at.selectbox(key="best_times_figure").set_value("link_clicks"))
    assert "No Instagram post in this choice reports this figure" in texts(at.info)[-1]
    assert not at.get("vega_lite_chart")


def test_a_suggested_slot_fills_the_date_and_time_of_a_new_entry(links, db_path):
    at = run(links.selectbox(key="link_network").set_value("instagram"))
    intro = "Next best times for Instagram (engagement rate; Best times tab)"
    assert any(c.startswith(intro) for c in texts(at.caption))
    with store.connect(db_path) as con:
        best = best_times.best(con, best_times.Scope("instagram"))
    first = best_times.next_slots(best, time_zone.now_in("Europe/Madrid"))[0]
    button = at.button(key=f"best_times_slot_{first.at:%Y%m%d%H}")
    assert (
        button.label.endswith(f"{first.at:%d/%m/%Y %H:%M}")
        or first.at.strftime("%Y-%m-%d %H:%M") in button.label
    )
    at = run(button.click())
    assert at.date_input(key="entry_date").value == first.at.date()
    assert at.time_input(key="entry_time").value == first.at.time()


def entry_labels(at) -> list[str]:
    """The calendar grid's entries, as their buttons read."""
    return [b.label for b in at.button if b.key and b.key.startswith("calendar_open_")]


def test_the_calendar_marks_entries_outside_the_best_times(links, db_path):
    with store.connect(db_path) as con, acting_as(SYSTEM):  # Friday 13:00: Facebook's best
        calendar.add_entry(con, calendar.Entry(dt.datetime(2026, 3, 6, 13), "facebook", "Torrijas"))
    links = open_tab(links, "Calendar")
    at = run(links.date_input(key="calendar_day").set_value(dt.date(2026, 3, 1)))
    month = entry_labels(at)
    assert ":blue-badge[08:00] ⚠ Fallas 2026: anuncio chocolate con buñuelos" in month
    assert ":blue-badge[13:00] Torrijas" in month  # at a best time: no mark
    legend = "⚠ an entry planned outside its network's best times (see the Best times tab)."
    assert legend in texts(at.caption)
    at = run(at.radio(key="calendar_view").set_value("week"))
    assert entry_labels(at) == [
        ":blue-badge[08:00] ⚠ Fallas 2026: anuncio chocolate con buñuelos",
        ":violet-badge[09:00] ⚠ Fallas 2026: buñuelos de calabaza",
    ]
    assert table_with(at, "Best time")["Best time"].tolist() == ["⚠", "⚠"]
    assert legend in texts(at.caption)


def test_the_time_zone_is_set_from_the_tab(links, db_path):
    links = open_tab(links, "Best times")
    links.selectbox(key="best_times_zone").set_value("America/New_York")
    at = run(links.button(key="best_times_zone_save").click())
    assert texts(at.success) == ["The workspace's time zone is now America/New\\_York."]
    assert at.session_state["links_tabs"] == "Best times"  # the message where the user is
    assert any("time zone (America/New\\_York)" in c for c in texts(at.caption))
    with store.connect(db_path) as con:
        assert time_zone.workspace_zone(con) == "America/New_York"

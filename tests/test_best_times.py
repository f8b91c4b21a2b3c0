"""Best times to post: the rule (median per weekday x hour, at least MIN_POSTS posts), the time
zone, post types, suggested slots and the marks on calendar entries, on hand-made posts."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import json
import zoneinfo

import duckdb
import pytest
from best_times_fixture import insert
from conftest import smdash

from smdash.access.roles import Actor, PermissionDenied, acting_as
from smdash.core.errors import InvalidInput
from smdash.db import store
from smdash.metrics import best_times, time_zone
from smdash.metrics.best_times import Cell, Scope

WEDNESDAY_19 = Cell(3, 19, 5, 8.0)
SATURDAY_20 = Cell(6, 20, 6, 5.0)
MONDAY_9 = Cell(1, 9, 6, 2.0)


@pytest.fixture
def posts(con):
    insert(con)
    return con


def test_the_rule_is_five_posts_and_the_median() -> None:
    assert (best_times.MIN_POSTS, best_times.BEST_COUNT) == (5, 5)


def test_the_best_time_is_the_highest_median_of_a_cell_with_enough_posts(posts) -> None:
    assert best_times.best(posts, Scope("instagram")) == [WEDNESDAY_19, SATURDAY_20, MONDAY_9]


def test_cells_with_too_few_posts_have_no_value_and_are_never_best(posts) -> None:
    cells = best_times.cells(posts, Scope("instagram"))
    assert cells == [MONDAY_9, WEDNESDAY_19, Cell(5, 20, 4, None), SATURDAY_20]
    assert Cell(5, 20, 4, None) not in best_times.best(posts, Scope("instagram"))


def test_one_viral_post_does_not_make_a_best_time(posts) -> None:
    monday = next(c for c in best_times.cells(posts, Scope("instagram")) if c.weekday == 1)
    assert (monday.posts, monday.value) == (6, 2.0)  # the mean would be 16.7 %


def test_other_figures(posts) -> None:
    by_reach = best_times.best(posts, Scope("instagram", figure="reach"))
    assert by_reach == [Cell(1, 9, 6, 3000.0), Cell(3, 19, 5, 800.0), Cell(6, 20, 6, 500.0)]
    # Instagram's export gives no link clicks: no post reports the figure, no cell
    assert best_times.cells(posts, Scope("instagram", figure="link_clicks")) == []
    with pytest.raises(ValueError):
        best_times.cells(posts, Scope("instagram", figure="followers"))


def test_an_account_alone(posts) -> None:
    assert best_times.accounts(posts, "instagram") == ["acct", "other"]
    cells = best_times.cells(posts, Scope("instagram", account="acct"))
    assert [(c.weekday, c.hour) for c in cells] == [(1, 9), (3, 19), (6, 20)]


def test_post_types_as_the_exports_name_them(posts) -> None:
    assert best_times.post_types(posts, Scope("instagram")) == {
        "reel": 9,
        "photo": 6,
        "carousel": 6,
    }
    reels = best_times.cells(posts, Scope("instagram", post_type="reel"))
    assert reels == [WEDNESDAY_19, Cell(5, 20, 4, None)]


def test_utc_times_are_told_in_the_workspace_time_zone(posts) -> None:
    # 17:05 UTC is 19:05 in Madrid in July (summer time) and 18:05 in January
    assert best_times.cells(posts, Scope("x")) == [Cell(2, 18, 5, 3.0), Cell(2, 19, 5, 4.0)]
    time_zone.set_workspace_zone(posts, "America/New_York")  # 13:05 and 12:05
    assert best_times.cells(posts, Scope("x")) == [Cell(2, 12, 5, 3.0), Cell(2, 13, 5, 4.0)]
    # Meta's times are the account's clock: a change of zone leaves them where they are
    assert best_times.best(posts, Scope("instagram"))[0] == WEDNESDAY_19


def test_exports_of_dates_alone_have_no_best_time(posts) -> None:
    assert best_times.networks(posts) == {"instagram": True, "linkedin": False, "x": True}
    assert best_times.cells(posts, Scope("linkedin")) == []
    assert best_times.best(posts, Scope("linkedin")) == []


def test_the_next_slots_are_the_soonest_best_times(posts) -> None:
    tuesday_evening = dt.datetime(2026, 12, 1, 20, 0)
    best = best_times.best(posts, Scope("instagram"))
    slots = best_times.next_slots(best, tuesday_evening)
    assert [(s.at, s.cell) for s in slots] == [
        (dt.datetime(2026, 12, 2, 19, 0), WEDNESDAY_19),
        (dt.datetime(2026, 12, 5, 20, 0), SATURDAY_20),
        (dt.datetime(2026, 12, 7, 9, 0), MONDAY_9),
    ]
    # a best time that has just passed comes back a week later
    after = dt.datetime(2026, 12, 2, 19, 1)
    assert best_times.next_slots(best, after)[-1].at == dt.datetime(2026, 12, 9, 19, 0)
    assert best_times.next_slots([], tuesday_evening) == []
    assert time_zone.now_in("UTC") - dt.datetime.now(dt.UTC).replace(tzinfo=None) < dt.timedelta(
        seconds=5
    )


def test_entries_planned_outside_the_best_times(posts) -> None:
    planned = [
        ("instagram", dt.datetime(2026, 12, 9, 19, 30)),  # Wednesday 19:xx: a best time
        ("instagram", dt.datetime(2026, 12, 10, 10, 0)),  # Thursday 10:00: outside
        ("instagram", dt.datetime(2026, 12, 11, 20, 0)),  # Friday 20:00: too few posts
        ("linkedin", dt.datetime(2026, 12, 9, 19, 0)),  # no best time to compare with
    ]
    assert best_times.outside_best(posts, planned) == [False, True, True, None]
    assert best_times.outside_best(posts, []) == []


def test_the_workspace_time_zone_setting(con) -> None:
    assert time_zone.workspace_zone(con) == "Europe/Madrid"
    names = time_zone.zone_names(con)
    assert "America/Bogota" in names
    assert set(names) <= zoneinfo.available_timezones()  # the calendar's ICS converts with it
    with pytest.raises(InvalidInput) as refused:
        time_zone.set_workspace_zone(con, "Mars/Olympus")
    assert "Mars/Olympus" in refused.value.message("en")
    assert time_zone.workspace_zone(con) == "Europe/Madrid"
    time_zone.set_workspace_zone(con, "Atlantic/Canary")
    assert time_zone.workspace_zone(con) == "Atlantic/Canary"
    with acting_as(Actor("director", "viewer")), pytest.raises(PermissionDenied):
        time_zone.set_workspace_zone(con, "UTC")
    assert time_zone.workspace_zone(con) == "Atlantic/Canary"


def test_the_command_line_prints_best_times_and_cells_as_json(db_path) -> None:
    with store.connect(db_path) as connection:
        insert(connection)
    run = smdash("best-times", "--db", db_path, "--network", "instagram", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "network": "instagram",
        "figure": "engagement_rate",
        "timezone": "Europe/Madrid",
        "best": [
            {"weekday": 3, "hour": 19, "posts": 5, "value": 8.0},
            {"weekday": 6, "hour": 20, "posts": 6, "value": 5.0},
            {"weekday": 1, "hour": 9, "posts": 6, "value": 2.0},
        ],
        "cells": [
            {"weekday": 1, "hour": 9, "posts": 6, "value": 2.0},
            {"weekday": 3, "hour": 19, "posts": 5, "value": 8.0},
            {"weekday": 5, "hour": 20, "posts": 4, "value": None},
            {"weekday": 6, "hour": 20, "posts": 6, "value": 5.0},
        ],
    }
    by_reach = smdash(
        "best-times", "--db", db_path, "--network", "x", "--figure", "reach", "--json"
    )
    assert json.loads(by_reach.stdout)["cells"] == []  # X's export gives no reach


def test_the_command_line_table_says_the_rule(db_path) -> None:
    with store.connect(db_path) as connection:
        insert(connection)
    run = smdash("best-times", "--db", db_path, "--network", "instagram", "--lang", "es")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "Mejores horas para publicar en instagram, en la zona horaria Europe/Madrid"
    assert "al menos 5 publicaciones" in lines[1]
    assert lines[3:] == [
        "Lun 09:00\t6\t2,00\t3",
        "Mié 19:00\t5\t8,00\t1",
        "Vie 20:00\t4\tno hay publicaciones suficientes\t",
        "Sáb 20:00\t6\t5,00\t2",
    ]


def test_the_clock_is_read_from_a_kept_duckdb_as_a_fresh_one_reads_it() -> None:
    """The clock is read from one in-memory DuckDB kept for it (starting one cost some 30 ms a
    page run), from any thread; Casablanca is a zone where Python's zoneinfo would differ."""
    zones = ["Europe/Madrid", "America/Bogota", "Africa/Casablanca", "Australia/Lord_Howe"]
    with duckdb.connect() as fresh:
        expected = [
            fresh.execute("SELECT timezone(?, now())::TIMESTAMP", [z]).fetchone()[0] for z in zones
        ]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        found = list(pool.map(time_zone.now_in, zones))
    for zone, now, want in zip(zones, found, expected, strict=True):
        assert abs(now - want) < dt.timedelta(seconds=30), zone

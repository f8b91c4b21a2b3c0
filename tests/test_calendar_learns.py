"""The calendar learns: posts matched to entries, themes, effort, ICS and XLSX, the command."""

from __future__ import annotations

import datetime as dt
import io
import zoneinfo

import icalendar
import pytest
from conftest import smdash
from openpyxl import load_workbook

from smdash.core.errors import InvalidInput
from smdash.db import store
from smdash.plan import calendar, calendar_export, effort, matching, themes
from smdash.plan.calendar import Entry

LINK = "https://forn.es/?utm_source=facebook&utm_medium=social&utm_campaign=fallas"


def add_post(con, post_id, platform, at, text, permalink="", engagements=10, reach=100):
    con.execute(
        """INSERT INTO posts (platform, post_id, published_at, text, permalink, reach,
               engagements, import_id)
           VALUES ($platform, $post_id, $at, $text, $permalink, $reach, $engagements, 1)""",
        {
            "platform": platform,
            "post_id": post_id,
            "at": at,
            "text": text,
            "permalink": permalink,
            "reach": reach,
            "engagements": engagements,
        },
    )


def day(d: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 3, d, hour)


@pytest.fixture
def planned(con):
    """Three entries, each met by its post a different way, and one post without a plan."""
    ids = {
        "permalink": calendar.add_entry(
            con,
            Entry(day(2), "instagram", "Reel", permalink="https://www.instagram.com/reel/ABC/"),
        ),
        "utm": calendar.add_entry(con, Entry(day(3), "facebook", "Link", link=LINK)),
        "text": calendar.add_entry(
            con, Entry(day(4), "tiktok", "Buñuelos", copy="Buñuelos de calabaza en directo")
        ),
    }
    # published 5 days late, found by the permalink pasted on the entry (query and case aside)
    add_post(
        con, "p1", "instagram", day(7, 20), "Otro texto", "https://www.Instagram.com/reel/ABC?x=1"
    )
    # the UTM link in the text, two days later
    add_post(con, "p2", "facebook", day(5, 18), f"Ven a por buñuelos 👉 {LINK.upper()}")
    # same day, same network, most words in common
    add_post(con, "p3", "tiktok", day(4, 22), "¡Buñuelos de calabaza en directo! #fallas")
    add_post(con, "p4", "tiktok", day(4, 23), "Otra cosa: el horno de leña")  # no plan
    return ids


def test_posts_meet_their_entries_each_way(con, planned):
    found = matching.matches(con).set_index("entry_id")
    assert found.loc[planned["permalink"], ["post_id", "method"]].tolist() == ["p1", "permalink"]
    assert found.loc[planned["utm"], ["post_id", "method"]].tolist() == ["p2", "utm"]
    assert found.loc[planned["text"], ["post_id", "method"]].tolist() == ["p3", "text"]
    assert found.loc[planned["text"], "similarity"] == 1.0
    rows = matching.entry_posts(con).set_index("entry_id")
    assert rows.loc[planned["utm"], ["engagements", "engagement_rate"]].tolist() == [10, 0.1]
    unplanned = matching.unplanned_posts(con, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert unplanned["post_id"].tolist() == ["p4"]


def test_a_post_matches_one_entry_and_far_or_other_network_posts_none(con, planned):
    # a second entry with the same link, ten days on: the post two days after the first stays
    # the first's; a post on another network never matches
    calendar.add_entry(con, Entry(day(13), "facebook", "Link again", link=LINK))
    add_post(con, "p5", "instagram", day(3, 10), f"Mismo enlace {LINK}")
    found = matching.matches(con)
    assert found[found["post_id"] == "p2"]["entry_id"].tolist() == [planned["utm"]]
    assert "p5" not in found["post_id"].tolist()
    assert len(found) == 3


def test_theme_shares_against_targets_and_results(con, planned):
    product = themes.add_theme(con, "Producto", 0.6)
    fiestas = themes.add_theme(con, "Fiestas")
    with pytest.raises(InvalidInput):
        themes.add_theme(con, "producto")
    for entry_id, theme in ((planned["permalink"], product), (planned["utm"], fiestas)):
        entry = calendar.get_entry(con, entry_id)
        calendar.update_entry(con, entry_id, Entry(**{**vars(entry), "theme_id": theme}))
    # by hand: the unplanned post is a product post; p3's entry has no theme
    themes.set_post_theme(con, "tiktok", "p4", product)
    con.execute("UPDATE posts SET engagements = 30 WHERE post_id = 'p4'")
    shares = themes.theme_shares(con, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    shares = shares.set_index("theme")
    # Producto: 1 of 2 themed entries (50 %) against a 60 % target: under-used
    assert shares.loc[
        "Producto", ["entries", "planned_share", "compared_with", "use"]
    ].tolist() == [1, 0.5, "target", "under"]
    # Fiestas: 50 % of the plan, 10 of the 50 themed engagements (20 %): over-used
    assert shares.loc["Fiestas", ["results_share", "compared_with", "use"]].tolist() == [
        0.2,
        "results",
        "over",
    ]
    by_network = themes.results_by_theme(con, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert by_network[["theme", "network", "posts", "engagements"]].values.tolist() == [
        ["Fiestas", "facebook", 1, 10],
        ["Producto", "instagram", 1, 10],
        ["Producto", "tiktok", 1, 30],
    ]
    themes.delete_theme(con, product)
    assert calendar.get_entry(con, planned["permalink"]).theme_id is None


def test_results_per_hour_by_type_suggest_keep_improve_drop(con):
    # three reels of 2 h bringing 100 engagements each; three videos of 5 h bringing 50;
    # three photos of 1 h bringing 40
    kinds = {"reel": (2.0, 100), "video": (5.0, 50), "photo": (1.0, 40)}
    n = 0
    for kind, (hours, engagements) in kinds.items():
        for _ in range(3):
            n += 1
            calendar.add_entry(
                con,
                Entry(day(n), "instagram", f"{kind} {n}", piece_type=kind, hours_estimated=9.0,
                      hours_spent=hours, permalink=f"https://ig/{n}"),
            )  # fmt: skip
            add_post(con, f"p{n}", "instagram", day(n, 12), "x", f"https://ig/{n}", engagements)
    calendar.add_entry(con, Entry(day(20), "instagram", "no post", piece_type="reel",
                                  hours_estimated=3.0))  # fmt: skip
    found = effort.effort_by(con, "piece_type", dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    found = found.set_index("piece_type")
    # the whole: 570 engagements over 24 h = 23.75 per hour
    assert found.loc["reel", ["entries", "measured", "hours", "per_hour", "verdict"]].tolist() == [
        4,
        3,
        6.0,
        50.0,
        "keep",
    ]
    assert found.loc["photo", ["per_hour", "verdict"]].tolist() == [40.0, "keep"]
    assert found.loc["video", ["per_hour", "verdict"]].tolist() == [10.0, "drop"]
    assert found.loc["reel", "hours_estimated"] == 30.0
    few = effort.effort_by(con, "piece_type", dt.date(2026, 3, 1), dt.date(2026, 3, 2))
    assert few.set_index("piece_type").loc["reel", "verdict"] is None  # 2 measured: too few
    with pytest.raises(InvalidInput):
        calendar.add_entry(con, Entry(day(1), "x", "bad", hours_spent=-1.0))


def test_an_action_counts_the_hours_of_its_campaigns_entries(con):
    con.execute(
        """INSERT INTO actions (objective_id, description, network, campaign, start_date,
               end_date, created_at, updated_at)
           VALUES (1, 'Fallas', 'facebook', 'Fallas', '2026-03-01', '2026-03-10', now(), now())"""
    )
    calendar.add_entry(con, Entry(day(3), "facebook", "a", link=LINK, hours_estimated=2.0,
                                  hours_spent=3.5))  # fmt: skip
    calendar.add_entry(con, Entry(day(4), "facebook", "b", link=LINK, hours_estimated=1.5))
    calendar.add_entry(con, Entry(day(20), "facebook", "late", link=LINK, hours_estimated=9.0))
    assert effort.action_hours(con, None, None) == {1: 5.0}
    assert effort.action_hours(con, dt.date(2026, 3, 4), dt.date(2026, 3, 31)) == {1: 1.5}


def test_the_ics_file_opens_in_a_standard_parser_with_the_right_times(con):
    calendar.add_entry(
        con,
        Entry(dt.datetime(2026, 3, 1, 9), "instagram", "Buñuelos; de calabaza, ¡ya!",
              "Línea uno\nLínea dos " + "muy larga " * 12, LINK, "planned"),
    )  # fmt: skip
    calendar.add_entry(
        con, Entry(dt.datetime(2026, 7, 1, 18, 30), "tiktok", "Horchata", status="idea")
    )
    data = calendar_export.ics(con, lang="es", now=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(data)
    events = parsed.walk("VEVENT")
    madrid = zoneinfo.ZoneInfo("Europe/Madrid")
    # 09:00 in Madrid in winter is 08:00 UTC; 18:30 in summer is 16:30 UTC
    assert events[0].decoded("DTSTART") == dt.datetime(2026, 3, 1, 8, tzinfo=dt.UTC)
    assert events[0].decoded("DTSTART").astimezone(madrid).hour == 9
    assert events[1].decoded("DTSTART") == dt.datetime(2026, 7, 1, 16, 30, tzinfo=dt.UTC)
    assert str(events[0]["SUMMARY"]) == "Instagram: Buñuelos; de calabaza, ¡ya!"
    assert str(events[0]["DESCRIPTION"]).startswith("Línea uno\nLínea dos muy larga")
    assert str(events[0]["URL"]) == LINK
    assert [str(e["STATUS"]) for e in events] == ["CONFIRMED", "TENTATIVE"]
    calendar_export.set_time_zone(con, "America/New_York")
    later = icalendar.Calendar.from_ical(calendar_export.ics(con, dt.date(2026, 7, 1)))
    (summer,) = later.walk("VEVENT")
    assert summer.decoded("DTSTART") == dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput):
        calendar_export.set_time_zone(con, "Mars/Olympus")


def test_the_xlsx_reads_back_with_formula_cells_neutralised(con, planned):
    calendar.add_entry(con, Entry(day(6), "x", '=HYPERLINK("http://evil")', "+1", status="idea"))
    book = load_workbook(io.BytesIO(calendar_export.xlsx(con, lang="es")))
    rows = list(book["Calendario"].values)
    assert rows[0][:5] == ("Fecha", "Hora", "Red", "Tema de la entrada", "Temática")
    assert len(rows) == 5
    evil = rows[-1]
    assert evil[3] == '\'=HYPERLINK("http://evil")' and evil[9] == "'+1"
    methods = [r[12] for r in rows[1:4]]
    assert methods == ["enlace permanente", "enlace UTM en la publicación", "red, día y texto"]


def test_the_calendar_command_writes_the_ics(tmp_path, db_path):
    with store.connect(db_path) as con:
        calendar.add_entry(con, Entry(dt.datetime(2026, 3, 1, 9), "instagram", "Uno"))
        calendar.add_entry(con, Entry(dt.datetime(2026, 4, 1, 9), "instagram", "Dos"))
    out = tmp_path / "plan.ics"
    run = smdash("calendar", "--db", db_path, "--ics", out, "--from", "2026-03-01",
                 "--to", "2026-03-31")  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        f"1 entry written to {out} (times in UTC, planned in Europe/Madrid)."
    )
    (event,) = icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Instagram: Uno"
    bad = smdash("calendar", "--db", db_path, "--ics", out, "--from", "2026-03-31",
                 "--to", "2026-03-01")  # fmt: skip
    assert bad.returncode == 2 and "--to" in bad.stderr


def test_the_demo_review_weighs_actions_against_their_calendar_hours(demo_db):
    from smdash import review

    with store.connect(demo_db) as con:
        saved = con.execute(
            "SELECT label, result, hours FROM review_items WHERE hours IS NOT NULL"
        ).fetchall()
        current = review.evidence(con, review.current_cycle(con))
    # September's review: the LinkedIn catering ads had two entries, 2 h + 1.5 h of work
    assert saved == [("Anuncios de LinkedIn: catering para empresas", 8.0, 3.5)]
    newsletter = current[current["hours"].notna()].iloc[0]
    assert newsletter["label"] == "Butlletí setmanal con enlace a la tienda"
    assert newsletter[["result", "hours", "result_per_hour"]].tolist() == [46.0, 2.0, 23.0]


def test_the_demo_calendar_meets_its_posts_every_way(demo_db):
    with store.connect(demo_db) as con:
        found = matching.matches(con)
        hand = con.execute("SELECT count(*) FROM post_themes").fetchone()[0]
    assert found["method"].value_counts().to_dict() == {"permalink": 6, "text": 5, "utm": 3}
    assert hand > 500  # the unplanned posts the demo CM gave a theme


def test_weeks_start_on_monday():
    weeks = calendar.month_weeks(2026, 3)
    assert weeks[0][0] == dt.date(2026, 2, 23) and weeks[0][0].isoweekday() == 1
    assert weeks[0][6] == dt.date(2026, 3, 1)
    assert len(weeks) == 6 and all(len(w) == 7 for w in weeks)

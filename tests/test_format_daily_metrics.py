"""Daily account figures: X overview, TikTok overview, YouTube totals / chart data / zip,
LinkedIn visitors, Meta daily series titles."""

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from smdash.imports.history import import_history
from smdash.imports.pipeline import import_file, undo_import

OWN = Path(__file__).resolve().parent / "fixtures"
D = dt.date


def daily(con):
    return con.execute(
        "SELECT platform, day, metric, value FROM account_daily ORDER BY day, metric"
    ).fetchall()


def test_x_account_overview_lands_each_metric_per_day(con):
    result = import_file(con, OWN / "x_account_overview.csv")
    assert result.prepared.format.name == "x_account_overview"
    assert (result.prepared.date_from, result.prepared.date_to) == (D(2026, 7, 12), D(2026, 7, 14))
    figures = {(day, metric): value for _, day, metric, value in daily(con)}
    assert figures[(D(2026, 7, 14), "impressions")] == 12978
    assert figures[(D(2026, 7, 14), "engagements")] == 1300
    assert figures[(D(2026, 7, 13), "new_followers")] == 3
    assert figures[(D(2026, 7, 12), "lost_followers")] == 2
    assert figures[(D(2026, 7, 14), "profile_visits")] == 129
    assert figures[(D(2026, 7, 13), "shares")] == 57  # reposts
    assert len(figures) == 3 * 9


def test_x_content_export_is_not_taken_for_the_overview(con):
    result = import_file(con, OWN / "x_account_analytics_content.csv")
    assert result.prepared.format.name == "x_post_analytics"


def test_tiktok_overview_with_slashed_dates_and_abbreviated_counts(con):
    import_file(con, OWN / "tiktok_overview.csv")
    assert [row for row in daily(con) if row[1] == D(2026, 5, 10)] == [
        ("tiktok", D(2026, 5, 10), "comments", 37.0),
        ("tiktok", D(2026, 5, 10), "profile_visits", 312.0),
        ("tiktok", D(2026, 5, 10), "reactions", 1200.0),
        ("tiktok", D(2026, 5, 10), "shares", 44.0),
        ("tiktok", D(2026, 5, 10), "video_views", 18400.0),
    ]
    assert con.execute(
        "SELECT sum(value) FROM account_daily WHERE metric = 'video_views'"
    ).fetchone() == (19350.0,)


def test_tiktok_spanish_dates_without_a_year_end_on_the_end_date(con):
    result = import_file(con, OWN / "tiktok_overview_es.csv", answers={"end_date": "2026-02-11"})
    assert [row for row in daily(con) if row[2] == "video_views"] == [
        ("tiktok", D(2026, 2, 10), "video_views", 1200.0),
        ("tiktok", D(2026, 2, 11), "video_views", 870.0),
    ]
    assert con.execute(
        "SELECT answers FROM imports WHERE import_id = ?", [result.import_id]
    ).fetchone() == ('{"end_date": "2026-02-11"}',)


def test_youtube_totals_and_chart_data(con):
    import_file(con, OWN / "youtube_totals.csv")
    assert daily(con) == [
        ("youtube", D(2024, 1, 6), "video_views", 1480.0),
        ("youtube", D(2024, 1, 7), "video_views", 1630.0),
        ("youtube", D(2024, 1, 8), "video_views", 1100.0),
    ]


def test_youtube_chart_data_alone_sums_its_videos_per_day(con):
    result = import_file(con, OWN / "youtube_chart_data.csv")
    assert result.prepared.format.name == "youtube_chart_data"
    assert daily(con) == [
        ("youtube", D(2024, 1, 6), "video_views", 1410.0),
        ("youtube", D(2024, 1, 7), "video_views", 1550.0),
    ]


def test_youtube_chart_data_split_by_subscription_status_adds_up_each_day(con):
    # two rows a day (Subscribed, Not subscribed), no Content column: one figure per day
    result = import_file(con, OWN / "youtube_chart_subscription.csv")
    assert (result.prepared.format.name, result.prepared.rows) == ("youtube_chart_split", 3)
    assert daily(con) == [
        ("youtube", D(2025, 6, 12), "video_views", 350.0),
        ("youtube", D(2025, 6, 13), "video_views", 457.0),
        ("youtube", D(2025, 6, 14), "video_views", 328.0),
    ]


def test_youtube_split_chart_in_the_zip_gives_way_to_totals(con, tmp_path):
    path = tmp_path / "Subscription status.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(OWN / "youtube_chart_subscription.csv", "Chart data.csv")
        archive.write(OWN / "youtube_totals_day_first.csv", "Totals.csv")
    result = import_file(con, path)
    assert [p.format.name for p in result.prepared.parts] == ["youtube_daily_totals"]
    assert [row[1:] for row in daily(con)][-1] == (D(2025, 6, 14), "video_views", 328.0)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # '13-06-2025' only reads day first
        ("youtube_totals_day_first.csv", [(D(2025, 6, 11), 350.0), (D(2025, 6, 14), 328.0)]),
        # '1/1/2022' reads both ways; '1/13/2022' further down decides: month first
        ("youtube_totals_month_first.csv", [(D(2022, 1, 1), 120.0), (D(2022, 1, 13), 101.0)]),
    ],
)
def test_youtube_totals_resaved_by_a_spreadsheet(con, name, expected):
    result = import_file(con, OWN / name)
    assert (result.prepared.format.name, result.prepared.rows) == ("youtube_daily_totals", 4)
    rows = [(day, value) for _, day, _, value in daily(con)]
    assert [rows[0], rows[-1]] == expected
    assert sum(value for _, value in rows) == {"youtube_totals_day_first.csv": 1485.0}.get(
        name, 446.0
    )


def youtube_zip(tmp_path):
    path = tmp_path / "Content 2024-01-06_2024-01-08 Channel.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(OWN / "youtube_table_thumbnail.csv", "Table data.csv")
        archive.write(OWN / "youtube_chart_data.csv", "Chart data.csv")
        archive.write(OWN / "youtube_totals.csv", "Totals.csv")
    return path


def test_youtube_zip_imports_its_table_and_totals_in_one_import(con, tmp_path):
    result = import_file(con, youtube_zip(tmp_path))
    name = "Content 2024-01-06_2024-01-08 Channel.zip"
    assert [(p.format.name, p.source, p.rows) for p in result.prepared.parts] == [
        ("youtube_table_data", f"{name}/Table data.csv", 2),
        ("youtube_daily_totals", f"{name}/Totals.csv", 3),
    ]  # Chart data.csv is left out: Totals.csv has the channel's whole figure
    assert con.execute("SELECT sum(video_views) FROM posts").fetchone() == (4210,)
    assert con.execute("SELECT sum(value) FROM account_daily").fetchone() == (4210.0,)
    assert import_history(con)["part"].tolist() == [1, 2]
    undo_import(con, result.import_id)
    assert con.execute("SELECT count(*) FROM posts").fetchone() == (0,)
    assert daily(con) == []


def test_linkedin_visitors_export(con):
    result = import_file(con, OWN / "linkedin_visitors.xlsx")
    assert result.prepared.format.name == "linkedin_visitors"
    assert daily(con) == [
        ("linkedin", D(2026, 3, 1), "page_views", 40.0),
        ("linkedin", D(2026, 3, 1), "unique_visitors", 25.0),
        ("linkedin", D(2026, 3, 2), "page_views", 55.0),
        ("linkedin", D(2026, 3, 2), "unique_visitors", 31.0),
        ("linkedin", D(2026, 3, 13), "page_views", 12.0),
        ("linkedin", D(2026, 3, 13), "unique_visitors", 9.0),
    ]


def test_linkedin_followers_with_excel_day_numbers(con):
    import_file(con, OWN / "linkedin_followers_serial_dates.xlsx")
    assert daily(con) == [
        ("linkedin", D(2026, 3, 1), "new_followers", 3.0),
        ("linkedin", D(2026, 3, 2), "new_followers", 5.0),
        ("linkedin", D(2026, 3, 3), "new_followers", 0.0),
    ]


def test_meta_daily_reach_title_in_utf16(con):
    import_file(con, OWN / "meta_instagram_reach_daily.csv")
    assert daily(con) == [
        ("instagram", D(2026, 3, 1), "reach", 1204.0),
        ("instagram", D(2026, 3, 2), "reach", 980.0),
        ("instagram", D(2026, 3, 3), "reach", 1532.0),
    ]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Facebook visits", ("facebook", "profile_visits")),
        ("Visitas de Facebook", ("facebook", "profile_visits")),
        ("Facebook link clicks", ("facebook", "link_clicks")),
        ("Instagram views", ("instagram", "impressions")),
        ("Alcance de Instagram", ("instagram", "reach")),
        ("Instagram follows", ("instagram", "new_followers")),
        # Meta's Spanish name for the follows chart: gains a day, never the follower count
        ("Seguidores de Instagram", ("instagram", "new_followers")),
        ("Nuevos seguidores de Facebook", ("facebook", "new_followers")),
        ("Seguidores totales de Instagram", ("instagram", "followers")),
        ("Facebook followers", ("facebook", "followers")),  # the demo's follower-count title
    ],
)
def test_meta_daily_titles_name_the_metric(title, expected):
    from smdash.imports.formats.meta_daily import metric_from_title

    assert metric_from_title(title) == expected

"""``python -m smdash import`` with issue 13's other shapes: one line per file, the figures the
format tests check, and the refused exports with their own messages."""

from pathlib import Path

from conftest import smdash

from smdash.db import store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CREATOR = "Content_2026-03-01_2026-03-05_Marta López.xlsx"
LINES = {
    "youtube_table_top500.csv": "youtube_table_data: 3 added",
    "youtube_chart_subscription.csv": "youtube_chart_split: 3 added",
    "youtube_totals_month_first.csv": "youtube_daily_totals: 4 added",
    "x_post_analytics_2025.csv": "x_post_analytics: 2 added",
    "x_tweet_activity_resaved.csv": "x_tweet_activity: 2 added",
    "ga4_channel_group_daily.csv": "ga4_traffic_acquisition: 14 added",
    "meta_ads_ad_level_uah.xlsx": "meta_ads_xlsx: 2 added",
    "meta_ads_raw_data_report.xlsx": "meta_ads_xlsx: 2 added",
    CREATOR: "linkedin_creator_engagement + linkedin_creator_followers: 16 added",
}


def test_each_shape_imports_from_the_command_line(db_path):
    done = smdash("import", "--db", db_path, *(FIXTURES / name for name in LINES))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    for number, (name, outcome) in enumerate(LINES.items(), start=1):
        assert lines[number - 1] == (
            f"{name}: {outcome}, 0 updated, 0 unchanged (import #{number})"
        )
    with store.connect(db_path) as con:
        figures = con.execute(
            """SELECT (SELECT sum(video_views) FROM posts WHERE platform = 'youtube'),
                      (SELECT sum(impressions) FROM posts WHERE platform = 'x'),
                      (SELECT sum(sessions) FROM web_traffic),
                      (SELECT sum(amount) FROM ad_spend WHERE currency = 'UAH'),
                      (SELECT sum(amount) FROM ad_spend WHERE currency = 'USD'),
                      (SELECT sum(value) FROM account_daily WHERE account = 'Marta López'
                         AND metric = 'new_followers')"""
        ).fetchone()
    assert figures == (9180, 5720, 563, 12450.75, 650.75, 25.0)


def test_refused_exports_say_what_they_are_from_the_command_line(db_path):
    done = smdash("import", "--db", db_path, FIXTURES / "refused" / "ga4_events.csv")
    assert done.returncode == 1
    assert done.stdout.startswith(
        "ga4_events.csv: ERROR ga4_events.csv is a Google Analytics 4 events report (figures per "
        "event name), not traffic by source."
    )
    done = smdash(
        "import", "--db", db_path, "--lang", "es", FIXTURES / "refused" / "meta_audience.csv"
    )
    assert "meta_audience.csv es un desglose de audiencia" in done.stdout

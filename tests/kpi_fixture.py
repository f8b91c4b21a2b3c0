"""A small hand-made workspace for KPI and objective tests: every expected number is
computed by hand in the tests from the rows below."""

from __future__ import annotations

import datetime as dt

POSTS = [
    # platform, post_id, published_at, impressions, reach, engagements, link_clicks
    ("facebook", "p1", "2026-03-02 10:00", 1000, 800, 50, 10),
    ("facebook", "p2", "2026-03-10 10:00", 3000, 2000, 100, 20),
    ("instagram", "p3", "2026-03-05 19:00", 2000, 1500, 150, None),
    ("instagram", "p4", "2026-04-01 19:00", 500, 400, 25, None),
    ("x", "p5", "2026-03-20 09:00", 1000, None, None, 5),
]
ACCOUNT_DAILY = [
    # platform, day, metric, value
    ("instagram", "2026-02-28", "followers", 900),
    ("instagram", "2026-03-15", "followers", 950),
    ("instagram", "2026-03-31", "followers", 1000),
    ("facebook", "2026-03-30", "followers", 495),
    ("facebook", "2026-03-31", "followers", 500),
    ("instagram", "2026-03-01", "new_followers", 10),
    ("instagram", "2026-03-15", "new_followers", 20),
    ("instagram", "2026-04-01", "new_followers", 5),
    ("linkedin", "2026-03-10", "new_followers", 7),
]
WEB = [
    # day, source, medium, sessions, engaged_sessions, conversions, revenue
    ("2026-03-01", "facebook", "social", 100, 60, 4, 80.0),
    ("2026-03-02", "l.instagram.com", "referral", 50, 30, 1, 20.0),
    ("2026-03-02", "google", "organic", 1000, 700, 30, 900.0),
    ("2026-03-03", "linkedin", "paid_social", 50, 10, 0, 0.0),
    ("2026-04-02", "facebook", "social", 10, 5, 1, 15.0),
]


def insert_posts(con, rows=POSTS) -> None:
    for platform, post_id, published, impressions, reach, engagements, clicks in rows:
        con.execute(
            """INSERT INTO posts (platform, post_id, account, published_at, impressions, reach,
                                  engagements, link_clicks, import_id)
               VALUES (?, ?, '', ?, ?, ?, ?, ?, 0)""",
            [platform, post_id, published, impressions, reach, engagements, clicks],
        )


def insert_daily(con, rows=ACCOUNT_DAILY) -> None:
    for platform, day, metric, value in rows:
        con.execute(
            "INSERT INTO account_daily VALUES (?, '', ?, ?, ?, 0)", [platform, day, metric, value]
        )


def insert_web(con, rows=WEB) -> None:
    for day, source, medium, sessions, engaged, conversions, revenue in rows:
        con.execute(
            """INSERT INTO web_traffic (property, date_from, date_to, source, medium, campaign,
                                        content, term, sessions, engaged_sessions, conversions,
                                        revenue, import_id)
               VALUES ('P', ?, ?, ?, ?, '', '', '', ?, ?, ?, ?, 0)""",
            [day, day, source, medium, sessions, engaged, conversions, revenue],
        )


def fill(con) -> None:
    insert_posts(con)
    insert_daily(con)
    insert_web(con)


def daily(platform: str, metric: str, first: dt.date, values: list[float]) -> list[tuple]:
    """Rows for ACCOUNT_DAILY-shaped inserts: one value a day from ``first``."""
    return [
        (platform, (first + dt.timedelta(days=i)).isoformat(), metric, v)
        for i, v in enumerate(values)
    ]

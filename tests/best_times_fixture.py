"""Hand-made posts whose best times are known, for the best-times tests.

Instagram (local times, as Meta's export writes them), weeks of December 2026:
- Wednesday 19:xx, 5 posts at 7, 8, 8, 9, 10 % engagement rate: median 8 %, the best time;
- Monday 9:xx, 5 posts at 2 % each, and one more at 90 % (a viral post): median 2 %;
- Saturday 20:00, 6 posts at 5 %: the second best time (a mean would put Monday first);
- Friday 20:xx, 4 posts at 50 %: too few posts, never a best time.
X (classic tweet activity, times in UTC): 5 posts on Tuesdays at 17:xx UTC in July (19:xx in
Madrid, summer time), and 5 on Tuesdays at 17:xx UTC in January (18:xx in Madrid).
LinkedIn: an export of dates only (every post at midnight): no time of day to count.
"""

from __future__ import annotations

import datetime as dt

IG, X, LINKEDIN = 1, 2, 3
IMPORTS = {
    IG: ("meta_instagram_posts", "posts"),
    X: ("x_tweet_activity", "posts"),
    LINKEDIN: ("linkedin_posts", "posts"),
}


def _at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute))


# (import, platform, post id, published at, impressions, engagements, reach, link clicks, type)
POSTS: list[tuple] = []


def _add(import_id, platform, at, rate, post_type=None, reach=None, clicks=None, account="acct"):
    post_id = f"{platform}-{len(POSTS)}"
    engagements = round(rate * 10)  # over 1,000 impressions: rate in %
    POSTS.append(
        (import_id, platform, post_id, account, at, 1000, engagements, reach, clicks, post_type)
    )


WEDNESDAYS = ["2026-11-04", "2026-11-11", "2026-11-18", "2026-11-25", "2026-12-02"]
MONDAYS = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30", "2026-12-07"]
SATURDAYS = ["2026-11-07", "2026-11-14", "2026-11-21", "2026-11-28", "2026-12-05", "2026-12-12"]
FRIDAYS = ["2026-11-06", "2026-11-13", "2026-11-20", "2026-11-27"]

for day, rate in zip(WEDNESDAYS, (7, 8, 8, 9, 10), strict=True):
    _add(IG, "instagram", _at(day, 19, 15), rate, "IG reel", reach=800, clicks=None)
for day, rate in zip(MONDAYS, (2, 2, 2, 2, 2, 90), strict=True):
    _add(IG, "instagram", _at(day, 9, 30), rate, "IG image", reach=3000)
for day in SATURDAYS:
    _add(IG, "instagram", _at(day, 20), 5, "IG carousel", reach=500)
for day in FRIDAYS:
    _add(IG, "instagram", _at(day, 20, 45), 50, "IG reel", reach=100, account="other")
for day in ("2026-07-07", "2026-07-14", "2026-07-21", "2026-07-28", "2026-08-04"):
    _add(X, "x", _at(day, 17, 5), 4)
for day in ("2026-01-06", "2026-01-13", "2026-01-20", "2026-01-27", "2026-02-03"):
    _add(X, "x", _at(day, 17, 5), 3)
for day in WEDNESDAYS:
    _add(LINKEDIN, "linkedin", _at(day, 0), 20, "Image")


def insert(con) -> None:
    for import_id, (fmt, target) in IMPORTS.items():
        con.execute(
            """INSERT INTO imports (import_id, file_name, sha256, format, target, rows_in_file,
                                    rows_added, rows_updated, rows_unchanged, imported_at)
               VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, now())""",
            [import_id, f"{fmt}.csv", f"sha{import_id}", fmt, target],
        )
    for row in POSTS:
        import_id, platform, post_id, account, at, impressions, engagements, reach, clicks, kind = (
            row
        )
        con.execute(
            """INSERT INTO posts (platform, post_id, account, published_at, post_type,
                                  impressions, reach, engagements, link_clicks, import_id)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                platform,
                post_id,
                account,
                at,
                kind,
                impressions,
                reach,
                engagements,
                clicks,
                import_id,
            ],
        )

"""Themes (content pillars): what the CM talks about, how much of the plan each should take, and
what each brought.

A calendar entry carries a theme; a published post carries the theme it was given by hand, or
else the theme of the calendar entry it was matched to (``smdash.plan.matching``). A theme's
planned share is its part of the entries with a theme in the period; its results share is its
part of the engagements of the posts with a theme. A theme is under-used when its planned share
falls short of its target share by more than ``SHARE_MARGIN`` (or, with no target, of its
results share: it brings more than the room it is given), over-used when it passes it by more.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import InvalidInput
from smdash.db.store import bump_data_version, insert_record, update_record
from smdash.plan.matching import MATCHES

NAME_MAX = 60
SHARE_MARGIN = 0.05  # five points of share either side of the target count as on target
UNDER, OVER, ON_TARGET = "under", "over", "on_target"


def _checked(con, name: str, target_share: float | None, theme_id: int | None) -> dict:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("themes.error.no_name")
    if len(name) > NAME_MAX:
        raise InvalidInput("themes.error.too_long", limit=NAME_MAX)
    if target_share is not None and not 0 <= target_share <= 1:
        raise InvalidInput("themes.error.share")
    taken = con.execute(
        "SELECT count(*) FROM themes WHERE lower(name) = lower(?) AND theme_id IS DISTINCT FROM ?",
        [name, theme_id],
    ).fetchone()[0]
    if taken:
        raise InvalidInput("themes.error.taken", name=name)
    return {"name": name, "target_share": target_share}


@audit.write("themes.add_theme")
def add_theme(con: duckdb.DuckDBPyConnection, name: str, target_share: float | None = None) -> int:
    """A new theme; ``target_share`` is the part of the plan it should take (0-1) or None."""
    theme_id = insert_record(con, "themes", _checked(con, name, target_share, None), "theme_id")
    bump_data_version(con)
    return theme_id


@audit.write("themes.update_theme")
def update_theme(
    con: duckdb.DuckDBPyConnection, theme_id: int, name: str, target_share: float | None
) -> None:
    values = _checked(con, name, target_share, theme_id)
    update_record(con, "themes", values, "theme_id", theme_id)
    bump_data_version(con)


@audit.write("themes.delete_theme")
def delete_theme(con: duckdb.DuckDBPyConnection, theme_id: int) -> None:
    """Remove a theme: its entries and posts keep no theme."""
    con.execute("UPDATE calendar_entries SET theme_id = NULL WHERE theme_id = ?", [theme_id])
    con.execute("DELETE FROM post_themes WHERE theme_id = ?", [theme_id])
    con.execute("DELETE FROM themes WHERE theme_id = ?", [theme_id])
    bump_data_version(con)


def themes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """theme_id, name, target_share, by name."""
    return con.execute(
        "SELECT theme_id, name, target_share FROM themes ORDER BY lower(name), theme_id"
    ).df()


def theme_id(con: duckdb.DuckDBPyConnection, name: str) -> int | None:
    row = con.execute("SELECT theme_id FROM themes WHERE lower(name) = lower(?)", [name]).fetchone()
    return row[0] if row else None


@audit.write("themes.set_post_theme")
def set_post_theme(
    con: duckdb.DuckDBPyConnection, platform: str, post_id: str, theme: int | None
) -> None:
    """Give a published post a theme by hand (None: back to its matched entry's)."""
    con.execute("DELETE FROM post_themes WHERE platform = ? AND post_id = ?", [platform, post_id])
    if theme is not None:
        con.execute(
            "INSERT INTO post_themes VALUES ($platform, $post_id, $theme)",
            {"platform": platform, "post_id": post_id, "theme": theme},
        )
    bump_data_version(con)


@audit.write("themes.tag_posts")
def tag_posts_by_words(con: duckdb.DuckDBPyConnection, theme: int, words: list[str]) -> int:
    """Give ``theme`` to the posts without a theme (by hand or from an entry) whose text holds
    one of ``words`` (without case), as the CM would by hand; returns how many. The demo's."""
    before = con.execute("SELECT count(*) FROM post_themes").fetchone()[0]
    con.execute(
        MATCHES  # noqa: S608 - constant SQL
        + """INSERT INTO post_themes
             SELECT p.platform, p.post_id, $theme FROM posts p
             LEFT JOIN matches m USING (platform, post_id)
             LEFT JOIN post_themes h USING (platform, post_id)
             WHERE m.entry_id IS NULL AND h.theme_id IS NULL
               AND len(list_filter($words, lambda w: contains(lower(p.text), lower(w)))) > 0""",
        {"theme": theme, "words": words},
    )
    bump_data_version(con)
    return con.execute("SELECT count(*) FROM post_themes").fetchone()[0] - before


# every post with its theme: set by hand, else its matched entry's
POST_THEMES = (
    MATCHES  # noqa: S608 - constant SQL
    + """,
post_theme AS (
    SELECT p.platform, p.post_id, p.published_at, p.reach, p.engagements, p.link_clicks,
           coalesce(h.theme_id, e.theme_id) AS theme_id,
           CASE WHEN h.theme_id IS NOT NULL THEN 'hand' WHEN e.theme_id IS NOT NULL
                THEN 'entry' END AS theme_from
    FROM posts p
    LEFT JOIN post_themes h USING (platform, post_id)
    LEFT JOIN matches m USING (platform, post_id)
    LEFT JOIN calendar_entries e ON e.entry_id = m.entry_id
)
"""
)


def results_by_theme(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> pd.DataFrame:
    """Per theme and network, the posts published inside the dates that carry the theme:
    posts, reach, engagements, link_clicks, engagement_rate (engagements / reach)."""
    return con.execute(
        POST_THEMES  # noqa: S608 - constant SQL
        + """SELECT t.name AS theme, pt.platform AS network, count(*) AS posts,
                    sum(pt.reach) AS reach, sum(pt.engagements) AS engagements,
                    sum(pt.link_clicks) AS link_clicks,
                    sum(pt.engagements) / nullif(sum(pt.reach), 0) AS engagement_rate
             FROM post_theme pt JOIN themes t USING (theme_id)
             WHERE pt.published_at >= $date_from AND pt.published_at < $date_to + 1
             GROUP BY t.name, pt.platform ORDER BY lower(t.name), pt.platform""",
        {"date_from": date_from, "date_to": date_to},
    ).df()


def theme_shares(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> pd.DataFrame:
    """Per theme: entries planned inside the dates, planned_share, target_share, posts,
    engagements, results_share, the share it is compared with (``compared_with``: 'target' or
    'results'), gap (planned minus that share) and ``use``: under / over / on_target (None when
    there is nothing to compare with)."""
    return con.execute(
        POST_THEMES  # noqa: S608 - constant SQL
        + """, planned AS (
                 SELECT theme_id, count(*) AS entries FROM calendar_entries
                 WHERE theme_id IS NOT NULL
                   AND planned_at >= $date_from AND planned_at < $date_to + 1
                 GROUP BY theme_id),
             done AS (
                 SELECT theme_id, count(*) AS posts, sum(engagements) AS engagements
                 FROM post_theme WHERE theme_id IS NOT NULL
                   AND published_at >= $date_from AND published_at < $date_to + 1
                 GROUP BY theme_id),
             shares AS (
                 SELECT t.theme_id, t.name AS theme, coalesce(p.entries, 0) AS entries,
                        coalesce(p.entries, 0) / nullif(sum(p.entries) OVER (), 0)
                            AS planned_share,
                        t.target_share, coalesce(d.posts, 0) AS posts, d.engagements,
                        d.engagements / nullif(sum(d.engagements) OVER (), 0) AS results_share
                 FROM themes t LEFT JOIN planned p USING (theme_id)
                 LEFT JOIN done d USING (theme_id))
             SELECT *,
                    CASE WHEN target_share IS NOT NULL THEN 'target'
                         WHEN results_share IS NOT NULL THEN 'results' END AS compared_with,
                    planned_share - coalesce(target_share, results_share) AS gap,
                    CASE WHEN planned_share IS NULL OR gap IS NULL THEN NULL
                         WHEN round(gap, 9) < -$margin THEN 'under'
                         WHEN round(gap, 9) > $margin THEN 'over'
                         ELSE 'on_target' END AS use
             FROM shares ORDER BY lower(theme), theme_id""",
        {"date_from": date_from, "date_to": date_to, "margin": SHARE_MARGIN},
    ).df()

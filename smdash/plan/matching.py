"""Published posts meet their plan: each imported post matched to the calendar entry it came
from, so an entry shows its results and the posts published without a plan stand out.

A post and an entry of the same network match, surest first:

1. ``permalink``: the entry holds the post's permalink (pasted by the CM; compared without
   case, query string, fragment or trailing slash), whenever the post was published;
2. ``utm``: the post's text carries a link with the entry's utm_source, utm_medium and
   utm_campaign (and utm_content when the entry has one), published within ``UTM_DAYS`` days
   of the entry's day;
3. ``text``: published on the entry's day, with at least ``MIN_SIMILARITY`` of the words of
   the shorter text (the entry's copy, or its topic without one; the post's text) in the other
   (words of ``MIN_WORD`` letters or more).

Each post goes to its best entry (surest way, then nearest in time) and an entry keeps the best
of the posts that chose it; then the same again among the entries and posts left unmatched
(a post that lost its best entry to a surer post may still be another entry's). Matching is
worked out as the data is read, never stored: a re-import or an undone import matches again.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

METHODS = ("permalink", "utm", "text")
# what separates words: spaces and punctuation (a Unicode letter class costs ten times more)
_SEPARATORS = "[\\s.,;:!?¡¿()\\[\\]{}\"'«»“”‘’#@/|+*=~<>…·–—-]+"
_SEPARATORS_SQL = _SEPARATORS.replace("'", "''")  # inside a SQL string literal
UTM_DAYS = 7
MIN_SIMILARITY = 0.5
MIN_WORD = 3


def _mutual_best(candidates: str) -> str:
    """The pairs of ``candidates`` where the post is the entry's best and the entry the post's."""
    order = "priority, similarity DESC NULLS LAST, abs(epoch(published_at) - epoch(planned_at))"
    return f"""
        SELECT * FROM (
            SELECT * FROM {candidates}
            QUALIFY row_number() OVER (
                PARTITION BY platform, post_id ORDER BY {order}, entry_id) = 1)
        QUALIFY row_number() OVER (
            PARTITION BY entry_id ORDER BY {order}, platform, post_id) = 1"""  # noqa: S608 - names from code


# the CTE ``matches``: entry_id, platform, post_id, method, similarity (text matches only)
MATCHES = f"""
WITH _utm_posts AS (
    SELECT platform, post_id, published_at,
           url_decode(regexp_extract(lower(text), '[?&]utm_source=([^&#\\s]+)', 1)) AS source,
           url_decode(regexp_extract(lower(text), '[?&]utm_medium=([^&#\\s]+)', 1)) AS medium,
           url_decode(regexp_extract(lower(text), '[?&]utm_campaign=([^&#\\s]+)', 1)) AS campaign,
           url_decode(regexp_extract(lower(text), '[?&]utm_content=([^&#\\s]+)', 1)) AS content
    FROM posts WHERE text ILIKE '%utm_campaign=%'
),
_words AS (
    SELECT platform, post_id, published_at,
           list_distinct(list_filter(regexp_split_to_array(lower(coalesce(text, '')),
                                                           '{_SEPARATORS_SQL}'),
                                     lambda w: length(w) >= {MIN_WORD})) AS words
    FROM posts
    -- only posts on a day and network the calendar has an entry for can match by text
    WHERE (platform, published_at::DATE) IN (SELECT (network, planned_at::DATE)
                                             FROM calendar_entries)
),
_entries AS (
    SELECT entry_id, network, planned_at, lower(utm_source) AS source,
           lower(utm_medium) AS medium, lower(utm_campaign) AS campaign,
           lower(utm_content) AS content,
           lower(rtrim(regexp_replace(permalink, '[?#].*$', ''), '/')) AS permalink,
           list_distinct(list_filter(regexp_split_to_array(
               lower(CASE WHEN trim(copy) <> '' THEN copy ELSE topic END), '{_SEPARATORS_SQL}'),
               lambda w: length(w) >= {MIN_WORD})) AS words
    FROM calendar_entries
),
_candidates AS MATERIALIZED (
    SELECT e.entry_id, p.platform, p.post_id, 'permalink' AS method, 1 AS priority,
           NULL::DOUBLE AS similarity, p.published_at, e.planned_at
    FROM _entries e JOIN posts p ON p.platform = e.network AND e.permalink <> ''
     AND lower(rtrim(regexp_replace(p.permalink, '[?#].*$', ''), '/')) = e.permalink
    UNION ALL
    SELECT e.entry_id, p.platform, p.post_id, 'utm', 2, NULL, p.published_at, e.planned_at
    FROM _entries e JOIN _utm_posts p ON p.platform = e.network AND e.campaign <> ''
     AND p.source = e.source AND p.medium = e.medium AND p.campaign = e.campaign
     AND (e.content = '' OR p.content = e.content)
     AND abs(datediff('day', e.planned_at::DATE, p.published_at::DATE)) <= {UTM_DAYS}
    UNION ALL
    SELECT entry_id, platform, post_id, 'text', 3, similarity, published_at, planned_at
    FROM (
        SELECT e.entry_id, p.platform, p.post_id, p.published_at, e.planned_at,
               len(list_intersect(e.words, p.words))
                   / nullif(least(len(e.words), len(p.words)), 0) AS similarity
        FROM _entries e JOIN _words p ON p.platform = e.network
         AND p.published_at::DATE = e.planned_at::DATE
    ) WHERE similarity >= {MIN_SIMILARITY}
),
_round1 AS MATERIALIZED ({_mutual_best("_candidates")}),
_rest AS (
    SELECT * FROM _candidates c
    WHERE c.entry_id NOT IN (SELECT entry_id FROM _round1)
      AND (c.platform, c.post_id) NOT IN (SELECT (platform, post_id) FROM _round1)
),
matches AS (
    SELECT entry_id, platform, post_id, method, similarity FROM _round1
    UNION ALL
    SELECT entry_id, platform, post_id, method, similarity FROM ({_mutual_best("_rest")})
)
"""  # noqa: S608 - the numbers are the constants above


def matches(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """entry_id, platform, post_id, method, similarity: one row per matched entry."""
    return con.execute(
        MATCHES + "SELECT * FROM matches ORDER BY entry_id"  # noqa: S608 - constant SQL
    ).df()


def entry_posts(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """Every entry planned inside the dates (all when None) with the post it became, if any:
    entry_id, planned_at, network, topic, status, method, published_at, permalink, reach,
    impressions, engagements, link_clicks, engagement_rate."""
    return con.execute(
        MATCHES  # noqa: S608 - constant SQL
        + """SELECT e.entry_id, e.planned_at, e.network, e.topic, e.status, m.method,
                    m.post_id, p.published_at, p.permalink, p.reach, p.impressions,
                    p.engagements, p.link_clicks,
                    p.engagements / nullif(p.reach, 0) AS engagement_rate
             FROM calendar_entries e LEFT JOIN matches m USING (entry_id)
             LEFT JOIN posts p ON p.platform = m.platform AND p.post_id = m.post_id
             WHERE ($date_from::DATE IS NULL OR e.planned_at >= $date_from::DATE)
               AND ($date_to::DATE IS NULL OR e.planned_at < $date_to::DATE + 1)
             ORDER BY e.planned_at, e.entry_id""",
        {"date_from": date_from, "date_to": date_to},
    ).df()


def unplanned_posts(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> pd.DataFrame:
    """The posts published inside the dates that no calendar entry planned, newest first:
    platform, post_id, published_at, post_type, text, permalink, reach, engagements, theme_id
    (given by hand, else None)."""
    return con.execute(
        MATCHES  # noqa: S608 - constant SQL
        + """SELECT p.platform, p.post_id, p.published_at, p.post_type, p.text, p.permalink,
                    p.reach, p.engagements, h.theme_id
             FROM posts p LEFT JOIN matches m USING (platform, post_id)
             LEFT JOIN post_themes h USING (platform, post_id)
             WHERE m.entry_id IS NULL
               AND p.published_at >= $date_from AND p.published_at < $date_to + 1
             ORDER BY p.published_at DESC, p.platform, p.post_id""",
        {"date_from": date_from, "date_to": date_to},
    ).df()

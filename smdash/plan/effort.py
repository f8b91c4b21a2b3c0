"""Effort against results: the hours each calendar entry took, and what its post brought per hour.

An entry's hours are the real hours when the CM recorded them, else the estimate. Its results
are those of the post it became (``smdash.plan.matching``): engagements by default, or reach or
link clicks. Results per hour, by theme or by type of piece, are the results of the entries
with hours and a post, over their hours. A group is compared with the whole (every measured
entry of the period): at or above ``KEEP_RATIO`` of the whole's results per hour it is kept, at
or above ``DROP_RATIO`` improved, below dropped; with fewer than ``MIN_ENTRIES`` measured
entries it gets no verdict.

An action of the plan has the calendar entries of its campaign (their utm_campaign; and its
network, when it has one) planned inside its dates: their hours are the action's hours of work
in the plan review.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from smdash.plan.matching import MATCHES

FIGURES = ("engagements", "reach", "link_clicks")
GROUPS = ("theme", "piece_type")
KEEP_RATIO = 1.0
DROP_RATIO = 0.5
MIN_ENTRIES = 3
KEEP, IMPROVE, DROP = "keep", "improve", "drop"

_MEASURED = (
    MATCHES  # noqa: S608 - constant SQL
    + """,
measured AS (
    SELECT e.entry_id, e.planned_at, e.network, coalesce(t.name, '') AS theme, e.piece_type,
           e.hours_estimated, e.hours_spent,
           coalesce(e.hours_spent, e.hours_estimated) AS hours,
           p.engagements, p.reach, p.link_clicks, m.post_id IS NOT NULL AS published
    FROM calendar_entries e LEFT JOIN themes t USING (theme_id)
    LEFT JOIN matches m USING (entry_id)
    LEFT JOIN posts p ON p.platform = m.platform AND p.post_id = m.post_id
    WHERE e.planned_at >= $date_from AND e.planned_at < $date_to + 1
)
"""
)


def _grouped(group: str, figure: str) -> str:
    """The query after ``_MEASURED``: ``group`` and ``figure`` are checked names."""
    return f""", g AS (
                SELECT {group} AS grp, count(*) AS entries,
                       sum(hours_estimated) AS hours_estimated, sum(hours_spent) AS hours_spent,
                       count(*) FILTER (WHERE ok) AS measured,
                       sum(hours) FILTER (WHERE ok) AS hours,
                       sum({figure}) FILTER (WHERE ok) AS results
                FROM (SELECT *, published AND hours > 0 AND {figure} IS NOT NULL AS ok
                      FROM measured WHERE {group} <> '')
                GROUP BY grp),
            whole AS (SELECT sum(results) / nullif(sum(hours), 0) AS per_hour FROM g)
            SELECT grp AS {group}, entries, hours_estimated, hours_spent, measured, hours,
                   results, results / nullif(hours, 0) AS per_hour,
                   results / nullif(hours, 0) / nullif(whole.per_hour, 0) AS ratio,
                   CASE WHEN measured < $min_entries OR ratio IS NULL THEN NULL
                        WHEN ratio >= $keep THEN 'keep' WHEN ratio >= $drop THEN 'improve'
                        ELSE 'drop' END AS verdict
            FROM g, whole ORDER BY per_hour DESC NULLS LAST, lower(grp)"""  # noqa: S608 - group and figure: checked against the constants


def effort_by(
    con: duckdb.DuckDBPyConnection,
    group: str,
    date_from: dt.date,
    date_to: dt.date,
    figure: str = "engagements",
) -> pd.DataFrame:
    """Per theme or type of piece (``group``), the entries planned inside the dates: entries,
    hours_estimated, hours_spent (sums of those recorded), measured (entries with hours and a
    post), hours and results of those, per_hour, ratio (per_hour over the whole's) and verdict
    (keep / improve / drop; None with fewer than ``MIN_ENTRIES`` measured). Entries without the
    group's value are left out."""
    if group not in GROUPS:
        raise ValueError(f"group must be one of {GROUPS}")
    if figure not in FIGURES:
        raise ValueError(f"figure must be one of {FIGURES}")
    return con.execute(
        _MEASURED + _grouped(group, figure),  # noqa: S608 - constant SQL
        {
            "date_from": date_from,
            "date_to": date_to,
            "min_entries": MIN_ENTRIES,
            "keep": KEEP_RATIO,
            "drop": DROP_RATIO,
        },
    ).df()


def entry_effort(
    con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date
) -> pd.DataFrame:
    """Every entry planned inside the dates: entry_id, planned_at, network, theme, piece_type,
    hours_estimated, hours_spent, hours, published, engagements, reach, link_clicks,
    engagements_per_hour."""
    return con.execute(
        _MEASURED  # noqa: S608 - constant SQL
        + """SELECT entry_id, planned_at, network, theme, piece_type, hours_estimated,
                    hours_spent, hours, published, engagements, reach, link_clicks,
                    CASE WHEN published THEN engagements / nullif(hours, 0) END
                        AS engagements_per_hour
             FROM measured ORDER BY planned_at, entry_id""",
        {"date_from": date_from, "date_to": date_to},
    ).df()


def action_hours(
    con: duckdb.DuckDBPyConnection, date_from: dt.date | None, date_to: dt.date | None
) -> dict[int, float]:
    """Hours of work of each action with calendar entries (its campaign's, on its network when
    it has one, inside its dates and ``date_from``..``date_to``), by action id."""
    rows = con.execute(
        """SELECT a.action_id, sum(coalesce(e.hours_spent, e.hours_estimated)) AS hours
           FROM actions a JOIN calendar_entries e
             ON a.campaign <> '' AND lower(e.utm_campaign) = lower(a.campaign)
            AND (a.network = '' OR e.network = a.network)
            AND e.planned_at >= greatest(a.start_date, coalesce($date_from, a.start_date))
            AND e.planned_at < least(a.end_date, coalesce($date_to, a.end_date)) + 1
           GROUP BY a.action_id HAVING sum(coalesce(e.hours_spent, e.hours_estimated)) > 0""",
        {"date_from": date_from, "date_to": date_to},
    ).fetchall()
    return {action_id: float(hours) for action_id, hours in rows}

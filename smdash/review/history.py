"""The history of the plan: cycles, reviews, decisions and what was dropped."""

from __future__ import annotations

import duckdb
import pandas as pd

from smdash.review.cycles import CYCLES_SQL


def _with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("date_from", "date_to"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest saved version of each cycle's review, one row per item: cycle, date_from,
    date_to, version, kind, item_id, objective_id, label, kpi, target, achieved, progress,
    status, suggested, decision, reason; by cycle, objectives first."""
    frame = con.execute(
        f"""WITH c AS ({CYCLES_SQL}),
                 r AS (SELECT * FROM reviews
                       QUALIFY version = max(version) OVER (PARTITION BY cycle_id))
            SELECT c.number AS cycle, c.date_from, c.date_to, r.version, i.kind, i.item_id,
                   i.objective_id, i.label, i.kpi, i.target, i.achieved, i.progress, i.status,
                   i.suggested, i.decision, i.reason
            FROM review_items i JOIN r USING (review_id) JOIN c ON c.cycle_id = r.cycle_id
            ORDER BY c.number, i.kind = 'action', i.objective_id, i.item_id"""  # noqa: S608 - CYCLES_SQL: constant query
    ).df()
    return _with_dates(frame)


def cycles_overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per cycle: cycle, date_from, date_to, status, versions, and how many items the latest
    version kept, improved and dropped."""
    frame = con.execute(
        f"""WITH c AS ({CYCLES_SQL}),
                 latest AS (SELECT cycle_id, max(version) AS versions,
                                   arg_max(review_id, version) AS review_id
                            FROM reviews GROUP BY cycle_id),
                 counts AS (SELECT review_id,
                                   count(*) FILTER (WHERE decision = 'keep') AS keep,
                                   count(*) FILTER (WHERE decision = 'improve') AS improve,
                                   count(*) FILTER (WHERE decision = 'drop') AS drop
                            FROM review_items GROUP BY review_id)
            SELECT c.number AS cycle, c.date_from, c.date_to, c.status,
                   coalesce(l.versions, 0) AS versions, coalesce(n.keep, 0) AS keep,
                   coalesce(n.improve, 0) AS improve, coalesce(n.drop, 0) AS drop
            FROM c LEFT JOIN latest l USING (cycle_id) LEFT JOIN counts n USING (review_id)
            ORDER BY c.number"""  # noqa: S608 - CYCLES_SQL: constant query
    ).df()
    return _with_dates(frame)

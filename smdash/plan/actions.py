"""The plan's actions (tactics): what the CM does for each objective, and what it brought.

An action serves one objective: a description, a network (or none), a campaign (the
``utm_campaign`` of its links, optional), dates, an owner, an optional cost and a status.
Its results come from the data where the data allows it, inside its dates (and inside a review
period when one is given):

- with a campaign: the campaign's tagged web traffic (sessions, conversions, revenue; merged
  campaign spellings included); its result is the conversions;
- with a network and no campaign: the posts published on that network (posts, reach,
  engagements); its result is the engagements.

An action's cost is the cost typed on it, spread evenly over its days (a review period that
covers half of an action counts half of its cost); without one, the costs recorded for its
campaign (``smdash.plan.costs``: ad spend and costs entered by hand, per day) inside its dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import FieldError, InvalidInput, first_problem
from smdash.core.networks import SOCIAL_NETWORKS
from smdash.db.store import bump_data_version, insert_once, update_record

DESCRIPTION_MAX = 200
STATUSES = ("planned", "in_progress", "done", "dropped")
DROPPED = "dropped"
NETWORKS = ("", *SOCIAL_NETWORKS)  # '' : no single network
RESULT_KINDS = ("conversions", "engagements")
REPEAT_SECONDS = 30  # the same action added again this soon is a second click on Save
FIELDS = (
    "objective_id",
    "description",
    "network",
    "campaign",
    "start_date",
    "end_date",
    "owner",
    "cost",
    "status",
)


@dataclass(frozen=True)
class Action:
    action_id: int | None
    objective_id: int
    description: str
    network: str
    campaign: str
    start_date: dt.date
    end_date: dt.date
    owner: str = ""
    cost: float | None = None
    status: str = "planned"


def problems(con: duckdb.DuckDBPyConnection, action: Action) -> list[FieldError]:
    """What the user must correct before the action can be saved, each naming its field
    (``objective_id``, ``description``, ``network``, ``start_date``, ``end_date``, ``cost``,
    ``status``); empty when it can be saved."""
    found = []
    description = (action.description or "").strip()
    if not description:
        found.append(FieldError("actions.error.no_description", field="description"))
    elif len(description) > DESCRIPTION_MAX:
        found.append(
            FieldError("actions.error.too_long", field="description", limit=DESCRIPTION_MAX)
        )
    exists = con.execute(
        "SELECT count(*) FROM objectives WHERE objective_id = ?", [action.objective_id]
    ).fetchone()[0]
    if not exists:
        found.append(FieldError("actions.error.objective", field="objective_id"))
    if action.network not in NETWORKS:
        found.append(FieldError("actions.error.network", field="network", network=action.network))
    for field in ("start_date", "end_date"):
        if getattr(action, field) is None:
            found.append(FieldError("actions.error.no_dates", field=field))
    if action.start_date and action.end_date and action.end_date < action.start_date:
        found.append(FieldError("actions.error.dates", field="end_date"))
    if action.cost is not None and action.cost < 0:
        found.append(FieldError("actions.error.cost", field="cost"))
    if action.status not in STATUSES:
        found.append(FieldError("actions.error.status", field="status", status=action.status))
    return found


def validated(con: duckdb.DuckDBPyConnection, action: Action) -> Action:
    """The action with its text trimmed, or the first of its ``problems``."""
    first_problem(problems(con, action))
    return Action(
        **{
            **asdict(action),
            "description": action.description.strip(),
            "campaign": (action.campaign or "").strip(),
            "owner": (action.owner or "").strip(),
        }
    )


def _values(action: Action) -> dict:
    return {name: getattr(action, name) for name in FIELDS}


@audit.write("actions.add_action")
def add_action(con: duckdb.DuckDBPyConnection, action: Action) -> int:
    values = _values(validated(con, action))
    action_id = insert_once(con, "actions", values, "action_id", REPEAT_SECONDS)
    bump_data_version(con)
    return action_id


@audit.write("actions.update_action")
def update_action(con: duckdb.DuckDBPyConnection, action: Action) -> None:
    values = _values(validated(con, action))
    update_record(con, "actions", values, "action_id", action.action_id)
    bump_data_version(con)


@audit.write("actions.set_status")
def set_status(con: duckdb.DuckDBPyConnection, action_id: int, status: str) -> None:
    if status not in STATUSES:
        raise InvalidInput("actions.error.status", status=status)
    con.execute(
        """UPDATE actions SET status = $status, updated_at = $updated_at
           WHERE action_id = $action_id""",
        {"status": status, "updated_at": dt.datetime.now(), "action_id": action_id},
    )
    bump_data_version(con)


_SELECT = f"SELECT action_id, {', '.join(FIELDS)} FROM actions"  # noqa: S608 - FIELDS: constant


def get_action(con: duckdb.DuckDBPyConnection, action_id: int) -> Action | None:
    rows = con.execute(f"{_SELECT} WHERE action_id = ?", [action_id]).fetchall()
    return Action(*rows[0]) if rows else None


def list_actions(con: duckdb.DuckDBPyConnection, include_dropped: bool = False) -> list[Action]:
    """The actions by objective and start date (dropped ones only when asked)."""
    rows = con.execute(
        f"""{_SELECT} WHERE status <> 'dropped' OR ?
            ORDER BY objective_id, start_date, action_id""",
        [include_dropped],
    ).fetchall()
    return [Action(*row) for row in rows]


def plan(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The actions of the active objectives with their objective, for the Gantt chart."""
    return con.execute(
        """SELECT a.action_id, a.objective_id, o.statement, a.description, a.network,
                  a.campaign, a.start_date, a.end_date, a.owner, a.cost, a.status
           FROM actions a JOIN objectives o USING (objective_id)
           WHERE a.status <> 'dropped' AND o.status = 'active'
           ORDER BY a.objective_id, a.start_date, a.action_id"""
    ).df()


_RESULTS = """
WITH a AS (
    SELECT action_id, network, lower(campaign) AS campaign, cost,
           greatest(start_date, coalesce($date_from, start_date)) AS first_day,
           least(end_date, coalesce($date_to, end_date)) AS last_day,
           datediff('day', start_date, end_date) + 1 AS days
    FROM actions WHERE status <> 'dropped' OR $include_dropped
),
tagged AS (
    SELECT lower(coalesce(ca.campaign, w.campaign)) AS campaign, w.date_from, w.date_to,
           w.sessions, w.conversions, w.revenue
    FROM web_traffic w LEFT JOIN campaign_aliases ca ON ca.alias = w.campaign
),
web AS (
    SELECT a.action_id, sum(t.sessions) AS sessions, sum(t.conversions) AS conversions,
           sum(t.revenue) AS revenue
    FROM a JOIN tagged t ON t.campaign = a.campaign
     AND t.date_from >= a.first_day AND t.date_to <= a.last_day
    WHERE a.campaign <> '' GROUP BY a.action_id
),
spend AS (
    SELECT a.action_id, sum(c.amount) AS spend
    FROM a JOIN cost_days c ON lower(c.campaign) = a.campaign
     AND c.day BETWEEN a.first_day AND a.last_day
    WHERE a.campaign <> '' GROUP BY a.action_id
),
social AS (
    SELECT a.action_id, count(*) AS posts, sum(p.reach) AS reach,
           sum(p.engagements) AS engagements
    FROM a JOIN posts p ON p.platform = a.network
     AND p.published_at >= a.first_day AND p.published_at < a.last_day + 1
    WHERE a.network <> '' GROUP BY a.action_id
),
r AS (
    SELECT a.action_id, a.first_day, a.last_day, s.posts, s.reach, s.engagements,
           w.sessions, w.conversions, w.revenue,
           CASE WHEN a.campaign <> '' THEN 'conversions'
                WHEN a.network <> '' THEN 'engagements' END AS result_kind,
           CASE WHEN a.campaign <> '' THEN w.conversions
                WHEN a.network <> '' THEN s.engagements END AS result,
           CASE WHEN a.last_day < a.first_day THEN NULL
                WHEN a.cost IS NOT NULL
                THEN a.cost * (datediff('day', a.first_day, a.last_day) + 1) / a.days
                ELSE p.spend END AS cost,
           CASE WHEN a.last_day < a.first_day THEN NULL
                WHEN a.cost IS NOT NULL THEN 'action'
                WHEN p.spend IS NOT NULL THEN 'costs' END AS cost_source
    FROM a LEFT JOIN web w USING (action_id) LEFT JOIN social s USING (action_id)
           LEFT JOIN spend p USING (action_id)
)
SELECT *, cost / nullif(result, 0) AS cost_per_result FROM r ORDER BY action_id
"""


def results(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_dropped: bool = False,
) -> pd.DataFrame:
    """Per action, inside its dates and ``date_from``..``date_to`` (when given): first_day,
    last_day, posts, reach, engagements, sessions, conversions, revenue, result_kind, result,
    cost (its share of the action's cost, or its campaign's costs), cost_source ('action' or
    'costs') and cost_per_result. A figure the data cannot give
    is missing (NaN), never 0."""
    frame = con.execute(
        _RESULTS,
        {"date_from": date_from, "date_to": date_to, "include_dropped": include_dropped},
    ).df()
    for column in ("first_day", "last_day"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame

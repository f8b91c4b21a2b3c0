"""The plan's actions (tactics): what the CM does for each objective, and what it brought.

An action serves one objective: a description, a network (or none), a campaign (the
``utm_campaign`` of its links, optional), dates, an owner, an optional cost and a status.
Its results come from the data where the data allows it, inside its dates (and inside a review
period when one is given):

- with a campaign: the campaign's tagged web traffic (sessions, conversions, revenue; merged
  campaign spellings included); its result is the conversions. Its posts are those that carry
  the campaign: a UTM link in the post, or the calendar entry the post was matched to
  (``smdash.plan.matching``), on its network when it has one;
- with a network and no campaign: the posts published on that network that no campaign action
  claims (posts, reach, engagements); its result is the engagements.

A post or a web row that two actions claim (two network actions over the same days, two actions
of one campaign) cannot be split between them: each counts it, and says with whom it is shared
(``shared_with``, ``shared_result``); ``result_totals`` counts every result once.

An action's cost is the cost typed on it, spread evenly over its days (a review period that
covers half of an action counts half of its cost); without one, the costs recorded for its
campaign (``smdash.plan.costs``: ad spend and costs entered by hand, per day) inside its dates.
A cost typed on an action is its own. A campaign's costs are not split between two actions of
the campaign that take the same days of them (nothing in the data says which action spent
what, and an even split would invent it): each shows them and says with whom they are shared
(``cost_shared_with``, ``shared_cost``), as results do; ``cost_totals`` counts every cost once,
over all the actions and per objective, so that they add up to the Costs page's figure for the
campaign.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import NamedTuple

import duckdb
import pandas as pd

from smdash.access import audit
from smdash.core.errors import FieldError, InvalidInput, first_problem
from smdash.core.networks import SOCIAL_NETWORKS
from smdash.db.store import bump_data_version, insert_once, update_record
from smdash.plan.matching import MATCHES

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


# A post or a web row is an action's when it carries the action's campaign (a UTM link in the
# post, the calendar entry it was matched to, the web row's utm_campaign) inside its dates; a
# post that no campaign of the plan claims is the network's actions' (those without a
# campaign). A result two actions claim is each one's, shared: ``shared_with`` names the others.
_CLAIMS = (
    MATCHES  # noqa: S608 - constant SQL
    + """,
a AS (
    SELECT action_id, network, lower(campaign) AS campaign, cost,
           greatest(start_date, coalesce($date_from, start_date)) AS first_day,
           least(end_date, coalesce($date_to, end_date)) AS last_day,
           datediff('day', start_date, end_date) + 1 AS days
    FROM actions WHERE status <> 'dropped' OR $include_dropped
),
_campaign_names AS (
    SELECT lower(alias) AS alias, lower(campaign) AS campaign FROM campaign_aliases
),
post_campaigns AS (
    SELECT p.platform, p.post_id, p.published_at, p.reach, p.engagements,
           coalesce(pn.campaign, pc.campaign, en.campaign, ec.campaign) AS campaign
    FROM posts p
    LEFT JOIN (SELECT platform, post_id, url_decode(regexp_extract(
                   lower(text), '[?&]utm_campaign=([^&#\\s]+)', 1)) AS campaign
               FROM posts WHERE text ILIKE '%utm_campaign=%') pc USING (platform, post_id)
    LEFT JOIN _campaign_names pn ON pn.alias = pc.campaign
    LEFT JOIN (SELECT m.platform, m.post_id, lower(nullif(e.utm_campaign, '')) AS campaign
               FROM matches m JOIN calendar_entries e USING (entry_id)) ec
           USING (platform, post_id)
    LEFT JOIN _campaign_names en ON en.alias = ec.campaign
),
post_candidates AS (
    SELECT a.action_id, a.campaign <> '' AS tagged, p.platform, p.post_id, p.reach,
           p.engagements
    FROM a JOIN post_campaigns p
      ON p.published_at >= a.first_day AND p.published_at < a.last_day + 1
     AND (p.platform = a.network OR a.network = '')
     AND CASE WHEN a.campaign <> '' THEN p.campaign = a.campaign ELSE a.network <> '' END
),
post_claims AS (
    SELECT *, list(action_id) OVER (PARTITION BY platform, post_id) AS claimants
    FROM (SELECT * FROM post_candidates
          QUALIFY tagged OR NOT bool_or(tagged) OVER (PARTITION BY platform, post_id))
),
tagged AS MATERIALIZED (
    SELECT row_number() OVER () AS row_key,
           lower(coalesce(ca.campaign, w.campaign)) AS campaign, w.date_from, w.date_to,
           w.sessions, w.conversions, w.revenue
    FROM web_traffic w LEFT JOIN campaign_aliases ca ON ca.alias = w.campaign
),
web_claims AS (
    SELECT a.action_id, t.row_key, t.sessions, t.conversions, t.revenue,
           list(a.action_id) OVER (PARTITION BY t.row_key) AS claimants
    FROM a JOIN tagged t ON t.campaign = a.campaign
     AND t.date_from >= a.first_day AND t.date_to <= a.last_day
    WHERE a.campaign <> ''
),
web AS (
    SELECT action_id, sum(sessions) AS sessions, sum(conversions) AS conversions,
           sum(revenue) AS revenue,
           sum(conversions) FILTER (WHERE len(claimants) > 1) AS shared_conversions,
           list_sort(list_filter(list_distinct(flatten(list(claimants))),
                                 lambda x: x <> action_id)) AS web_shared_with
    FROM web_claims GROUP BY action_id
),
cost_rows AS MATERIALIZED (
    SELECT row_number() OVER () AS row_key, day, lower(campaign) AS campaign, amount
    FROM cost_days WHERE campaign <> ''
),
spend_claims AS (
    SELECT a.action_id, c.row_key, c.amount,
           list(a.action_id) OVER (PARTITION BY c.row_key) AS claimants
    FROM a JOIN cost_rows c ON c.campaign = a.campaign
     AND c.day BETWEEN a.first_day AND a.last_day
    WHERE a.campaign <> '' AND a.cost IS NULL
),
spend AS (
    SELECT action_id, sum(amount) AS spend,
           sum(amount) FILTER (WHERE len(claimants) > 1) AS shared_spend,
           list_sort(list_filter(list_distinct(flatten(list(claimants))),
                                 lambda x: x <> action_id)) AS spend_shared_with
    FROM spend_claims GROUP BY action_id
),
social AS (
    SELECT action_id, count(*) AS posts, sum(reach) AS reach, sum(engagements) AS engagements,
           sum(engagements) FILTER (WHERE len(claimants) > 1) AS shared_engagements,
           list_sort(list_filter(list_distinct(flatten(list(claimants))),
                                 lambda x: x <> action_id)) AS social_shared_with
    FROM post_claims GROUP BY action_id
),
r AS (
    SELECT a.action_id, a.first_day, a.last_day, s.posts, s.reach, s.engagements,
           w.sessions, w.conversions, w.revenue,
           CASE WHEN a.campaign <> '' THEN 'conversions'
                WHEN a.network <> '' THEN 'engagements' END AS result_kind,
           CASE WHEN a.campaign <> '' THEN w.conversions
                WHEN a.network <> '' THEN s.engagements END AS result,
           CASE WHEN a.campaign <> '' THEN w.shared_conversions
                WHEN a.network <> '' THEN s.shared_engagements END AS shared_result,
           CASE WHEN a.campaign <> '' THEN w.web_shared_with
                WHEN a.network <> '' THEN s.social_shared_with END AS shared_ids,
           CASE WHEN a.last_day < a.first_day THEN NULL
                WHEN a.cost IS NOT NULL
                THEN a.cost * (datediff('day', a.first_day, a.last_day) + 1) / a.days
                ELSE p.spend END AS cost,
           CASE WHEN a.last_day < a.first_day THEN NULL
                WHEN a.cost IS NOT NULL THEN 'action'
                WHEN p.spend IS NOT NULL THEN 'costs' END AS cost_source,
           p.shared_spend AS shared_cost, p.spend_shared_with AS cost_shared_ids
    FROM a LEFT JOIN web w USING (action_id) LEFT JOIN social s USING (action_id)
           LEFT JOIN spend p USING (action_id)
),
-- what each action's cost is made of: its own cost, or the days of its campaign's costs
cost_items AS (
    SELECT action_id, 'action' AS origin, action_id AS item, cost AS amount
    FROM r WHERE cost_source = 'action'
    UNION ALL
    SELECT action_id, 'costs', row_key, amount FROM spend_claims
)
"""
)
_RESULTS = (
    _CLAIMS  # noqa: S608 - constant SQL
    + """SELECT * EXCLUDE (shared_ids, cost_shared_ids),
       cost / nullif(result, 0) AS cost_per_result,
       coalesce(array_to_string(shared_ids, ','), '') AS shared_with,
       coalesce(array_to_string(cost_shared_ids, ','), '') AS cost_shared_with
FROM r ORDER BY action_id"""
)
# each post or web row once, however many of the actions claim it
_TOTALS = (
    _CLAIMS  # noqa: S608 - constant SQL
    + """, chosen AS (SELECT * FROM r WHERE list_contains($ids, action_id)),
once AS (
    SELECT 'engagements' AS result_kind, sum(engagements) AS total FROM (
        SELECT DISTINCT c.platform, c.post_id, c.engagements
        FROM post_claims c JOIN chosen USING (action_id) WHERE result_kind = 'engagements')
    UNION ALL
    SELECT 'conversions', sum(conversions) FROM (
        SELECT DISTINCT w.row_key, w.conversions
        FROM web_claims w JOIN chosen USING (action_id) WHERE result_kind = 'conversions')
)
SELECT result_kind, once.total, sum(result) AS claimed
FROM chosen JOIN once USING (result_kind) WHERE result IS NOT NULL
GROUP BY ALL ORDER BY result_kind"""
)

# each cost (an action's own, a day of a campaign's costs) once, per objective and over all
_COST_TOTALS = (
    _CLAIMS  # noqa: S608 - constant SQL
    + """, chosen AS (
    SELECT action_id, objective_id FROM actions WHERE list_contains($ids, action_id)
),
items AS (
    SELECT DISTINCT c.objective_id, i.origin, i.item, i.amount
    FROM cost_items i JOIN chosen c USING (action_id)
)
SELECT (SELECT sum(amount) FROM (SELECT DISTINCT origin, item, amount FROM items)) AS total,
       (SELECT sum(r.cost) FROM r JOIN chosen USING (action_id)) AS claimed,
       (SELECT map(list(objective_id), list(cost)) FROM (
            SELECT objective_id, sum(amount) AS cost FROM items GROUP BY objective_id))
       AS by_objective"""
)


class CostTotals(NamedTuple):
    total: float | None  # what the actions cost together, each cost counted once
    claimed: float | None  # their rows added up: more than total when they share costs
    by_objective: dict[int, float]  # per objective, each cost counted once


def results(
    con: duckdb.DuckDBPyConnection,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_dropped: bool = False,
) -> pd.DataFrame:
    """Per action, inside its dates and ``date_from``..``date_to`` (when given): first_day,
    last_day, posts, reach, engagements, sessions, conversions, revenue, result_kind, result,
    shared_result (the part of the result other actions claim too), shared_with (their ids,
    "6,8"; '' when none), cost (its share of the action's cost, or its campaign's costs),
    cost_source ('action' or 'costs'), shared_cost (the part of its campaign's costs other
    actions take too), cost_shared_with (their ids) and cost_per_result. A figure the data
    cannot give is missing (NaN), never 0."""
    frame = con.execute(
        _RESULTS,
        {"date_from": date_from, "date_to": date_to, "include_dropped": include_dropped},
    ).df()
    for column in ("first_day", "last_day"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def _chosen(action_ids, date_from, date_to, include_dropped) -> dict:
    """The parameters of a query over the actions ``action_ids``."""
    return {
        "date_from": date_from,
        "date_to": date_to,
        "include_dropped": include_dropped,
        "ids": [int(i) for i in action_ids],
    }


def result_totals(
    con: duckdb.DuckDBPyConnection,
    action_ids: list[int],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_dropped: bool = False,
) -> pd.DataFrame:
    """Per result kind of the actions ``action_ids`` (dates as in ``results``): total, each post
    or web row counted once, and claimed, the sum of the actions' results (more than the total
    when actions share results)."""
    return con.execute(_TOTALS, _chosen(action_ids, date_from, date_to, include_dropped)).df()


def cost_totals(
    con: duckdb.DuckDBPyConnection,
    action_ids: list[int],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    include_dropped: bool = False,
) -> CostTotals:
    """What the actions ``action_ids`` cost (dates as in ``results``), together and per
    objective, each cost counted once: an action's own cost, and each day of a campaign's
    costs however many of the actions take it."""
    chosen = _chosen(action_ids, date_from, date_to, include_dropped)
    total, claimed, by_objective = con.execute(_COST_TOTALS, chosen).fetchone()
    return CostTotals(
        None if total is None else float(total),
        None if claimed is None else float(claimed),
        {int(k): float(v) for k, v in (by_objective or {}).items() if v is not None},
    )


def shared_ids(text: str | None) -> list[int]:
    """The ids of a ``shared_with`` text ("6,8" -> [6, 8]); [] for none."""
    if not isinstance(text, str) or not text.strip():
        return []
    return [int(part) for part in text.split(",") if part.strip()]

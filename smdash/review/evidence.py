"""The evidence of a cycle: each objective's and action's figures, as of the last day with data.

An objective's cost is what its actions cost inside the cycle, each cost counted once: two
actions of one campaign each show the campaign's costs, marked as shared
(``cost_shared_with``), and their objective counts them once (``actions.cost_totals``), as
the Costs page does. An objective without actions' costs takes its networks' costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache, partial
from typing import NamedTuple

import duckdb
import pandas as pd

from smdash.metrics import kpis, summary
from smdash.metrics.attribution import network_lookup
from smdash.plan import actions, costs, effort, objectives
from smdash.plan.objectives import Objective
from smdash.review.cycles import Cycle
from smdash.review.rules import Facts, suggest
from smdash.review.terms import ACTION, LABEL_CHARS, OBJECTIVE
from smdash.review.thresholds import Thresholds, thresholds

EVIDENCE_COLUMNS = [
    "kind",
    "item_id",
    "objective_id",
    "label",
    "kpi",
    "scope",
    "baseline",
    "target",
    "achieved",
    "progress",
    "expected",
    "status",
    "trend",
    "stalled_periods",
    "forecast",
    "needed_per_week",
    "result",
    "result_kind",
    "shared_result",
    "shared_with",
    "cost",
    "cost_per_result",
    "previous_cost_per_result",
    "hours",
    "result_per_hour",
    "suggested",
    "rule",
]
# shown while the cycle is reviewed, not kept with a saved review (that needs a schema step):
# the part of an action's cost other actions take too (a campaign's costs), and their ids
SHOWN_COLUMNS = ["shared_cost", "cost_shared_with"]
DECISION_COLUMNS = ["decision", "reason", "new_target"]
ITEM_COLUMNS = [*EVIDENCE_COLUMNS, *DECISION_COLUMNS]


def cycle_as_of(con: duckdb.DuckDBPyConnection, cycle: Cycle) -> dt.date | None:
    """The day the review is read on: the last day with any data, never past the cycle."""
    _, last = summary.data_range(con)
    return None if last is None else min(last, cycle.date_to)


def objectives_in(con: duckdb.DuckDBPyConnection, cycle: Cycle) -> list[Objective]:
    """The active objectives whose dates overlap the cycle."""
    return [
        o
        for o in objectives.list_objectives(con)
        if o.start_date <= cycle.date_to and o.deadline >= cycle.date_from
    ]


def trend(
    con: duckdb.DuckDBPyConnection, objective: Objective, as_of: dt.date, days: int, periods: int
) -> tuple[float | None, int]:
    """(the last period's relative change, how many latest periods in a row did not improve)
    over ``periods`` periods of ``days`` days ending on ``as_of``."""
    first = as_of - dt.timedelta(days=days * (periods + 1) - 1)
    series = kpis.series(con, objective.kpi, objective.scope, first, as_of, days=days, anchor=first)
    values = series["value"].dropna().tolist()
    if len(values) < 2:
        return None, 0
    sign = 1 if kpis.KPIS[objective.kpi].direction == kpis.UP else -1
    stalled = 0
    for before, after in reversed(list(zip(values, values[1:], strict=False))):
        if sign * (after - before) > 0:
            break
        stalled += 1
    last, previous = values[-1], values[-2]
    return ((last - previous) / abs(previous) if previous else None), stalled


def period_result(
    con: duckdb.DuckDBPyConnection, objective: Objective, date_from: dt.date, as_of: dt.date
) -> float | None:
    """What the objective's KPI gained inside the cycle (totals: the amount; levels: the change
    since the day before); None for ratios and KPIs where lower is better."""
    kpi = kpis.KPIS[objective.kpi]
    first = max(date_from, objective.start_date)
    if kpi.direction != kpis.UP or kpi.kind == kpis.RATIO or as_of < first:
        return None
    now = kpis.value(con, kpi, objective.scope, first, as_of)
    if kpi.kind == kpis.TOTAL or now is None:
        return now
    before = kpis.value(con, kpi, objective.scope, dt.date(1900, 1, 1), first - dt.timedelta(1))
    return None if before is None else now - before


def scope_cost(
    con: duckdb.DuckDBPyConnection,
    objective: Objective,
    date_from: dt.date,
    as_of: dt.date,
    network_spend: Callable[[dt.date, dt.date], dict] | None = None,
) -> float | None:
    """The costs recorded (``smdash.plan.costs``) for the objective's networks inside the cycle, up
    to ``as_of``; None when there are none. ``network_spend(first, last)``: the spend per
    network, read with ``con`` unless given (the evidence reads it once per dates)."""
    first = max(date_from, objective.start_date)
    if as_of < first:
        return None
    spend = (network_spend or partial(costs.network_spend, con))(first, as_of)
    found = [spend[n] for n in kpis.scope_networks(objective.scope) if n in spend]
    return float(sum(found)) if found else None


def number_or_none(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def short_label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def previous_costs(con: duckdb.DuckDBPyConnection, cycle: Cycle) -> dict[tuple[str, int], float]:
    """Cost per result of each item in the previous cycle's latest review."""
    if cycle.previous_id is None:
        return {}
    rows = con.execute(
        """SELECT kind, item_id, cost_per_result FROM review_items
           WHERE cost_per_result IS NOT NULL AND review_id = (
               SELECT review_id FROM reviews WHERE cycle_id = ? ORDER BY version DESC LIMIT 1)""",
        [cycle.previous_id],
    ).fetchall()
    return {(kind, item_id): value for kind, item_id, value in rows}


def _objective_row(
    con, cycle, objective, as_of, limits, action_costs, previous, network_spend
) -> dict[str, object]:
    last = objectives.as_of_date(con, objective)
    own_as_of = None if last is None or as_of is None else min(last, as_of)
    result = objectives.progress(con, objective, own_as_of) if own_as_of else None
    change, stalled, gain = None, 0, None
    if result is not None and result.current is not None:
        periods = max(limits.stalled_periods, 3)
        change, stalled = trend(con, objective, own_as_of, cycle.days, periods)
        gain = period_result(con, objective, cycle.date_from, own_as_of)
    cost = action_costs.get(objective.objective_id)
    if cost is None and own_as_of is not None:
        cost = scope_cost(con, objective, cycle.date_from, own_as_of, network_spend)
    cost_per_result = cost / gain if cost is not None and gain and gain > 0 else None
    progress = None if result is None else result.progress
    expected = None if result is None else result.expected_progress
    facts = Facts(
        not_started=as_of is not None and objective.start_date > as_of,
        measured=progress is not None,
        achieved=result is not None and result.status == "achieved",
        gap=None if progress is None else expected - progress,
        stalled_periods=stalled,
        cost_per_result=cost_per_result,
        previous_cost_per_result=previous.get((OBJECTIVE, objective.objective_id)),
    )
    suggested, rule = suggest(OBJECTIVE, facts, limits)
    return {
        "kind": OBJECTIVE,
        "item_id": objective.objective_id,
        "objective_id": objective.objective_id,
        "label": objective.statement,
        "kpi": objective.kpi,
        "scope": objective.scope,
        "baseline": objective.baseline,
        "target": objective.target,
        "achieved": None if result is None else result.current,
        "progress": progress,
        "expected": expected,
        "status": "no_data" if result is None else result.status,
        "trend": change,
        "stalled_periods": stalled,
        "forecast": None if result is None else result.forecast,
        "needed_per_week": None if result is None else result.needed_per_week,
        "result": gain,
        "result_kind": objective.kpi if gain is not None else None,
        "cost": cost,
        "cost_per_result": cost_per_result,
        "previous_cost_per_result": facts.previous_cost_per_result,
        "suggested": suggested,
        "rule": rule,
    }


def _action_row(
    action, row, as_of, limits, objective_decision, previous, hours
) -> dict[str, object]:
    result = number_or_none(row.get("result"))
    cost = number_or_none(row.get("cost"))
    cost_per_result = number_or_none(row.get("cost_per_result"))
    facts = Facts(
        not_started=as_of is not None and action.start_date > as_of,
        measured=bool(result),
        cost_per_result=cost_per_result,
        previous_cost_per_result=previous.get((ACTION, action.action_id)),
        objective_decision=objective_decision,
    )
    suggested, rule = suggest(ACTION, facts, limits)
    return {
        "kind": ACTION,
        "item_id": action.action_id,
        "objective_id": action.objective_id,
        "label": action.description,
        "scope": action.network or None,
        "status": action.status,
        "result": result,
        "result_kind": row.get("result_kind") if result is not None else None,
        "shared_result": number_or_none(row.get("shared_result")) if result is not None else None,
        "shared_with": (row.get("shared_with") or "") if result is not None else "",
        "cost": cost,
        "shared_cost": number_or_none(row.get("shared_cost")) if cost is not None else None,
        "cost_shared_with": (row.get("cost_shared_with") or "") if cost is not None else "",
        "cost_per_result": cost_per_result,
        "previous_cost_per_result": facts.previous_cost_per_result,
        "hours": hours,
        "result_per_hour": result / hours if result is not None and hours else None,
        "suggested": suggested,
        "rule": rule,
    }


class CycleEvidence(NamedTuple):
    """The evidence of a cycle and what its actions brought and cost together, each result and
    cost counted once (``actions.result_totals``, ``actions.cost_totals``): the Plan review
    shows the three, read in one go (the cost totals are the evidence's own)."""

    frame: pd.DataFrame
    totals: pd.DataFrame
    costs: actions.CostTotals


def evidence(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, limits: Thresholds | None = None
) -> pd.DataFrame:
    """One row per objective in the cycle, then one per action of those objectives whose
    dates overlap the cycle: the numbers (``EVIDENCE_COLUMNS``) and the suggested decision."""
    return _evidence(con, cycle, limits)[0]


def cycle_evidence(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, limits: Thresholds | None = None
) -> CycleEvidence:
    """``evidence`` with the totals of its actions, over the cycle up to its last day with data."""
    frame, ids, last, cost_totals = _evidence(con, cycle, limits)
    return CycleEvidence(frame, actions.result_totals(con, ids, cycle.date_from, last), cost_totals)


def _evidence(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, limits: Thresholds | None
) -> tuple[pd.DataFrame, list[int], dt.date, actions.CostTotals]:
    """The evidence, its actions' ids, the last day read and those actions' cost totals."""
    limits = limits or thresholds(con)
    as_of = cycle_as_of(con, cycle)
    items = objectives_in(con, cycle)
    ids = {o.objective_id for o in items}
    plan = [
        a
        for a in actions.list_actions(con)
        if a.objective_id in ids and a.start_date <= cycle.date_to and a.end_date >= cycle.date_from
    ]
    last = as_of or cycle.date_from - dt.timedelta(1)
    found = actions.results(con, cycle.date_from, last)
    by_action = {int(r["action_id"]): r for r in found.to_dict("records")}
    # a campaign's costs that two actions take count once in their objective's cost
    ids = [a.action_id for a in plan]
    cost_totals = actions.cost_totals(con, ids, cycle.date_from, last)
    action_costs = cost_totals.by_objective
    previous = previous_costs(con, cycle)
    # the hours of work of the calendar entries behind an action (smdash.plan.effort)
    hours = effort.action_hours(con, cycle.date_from, last)
    spend = cache(partial(costs.network_spend, con))  # objectives share their dates
    with network_lookup(con), kpis.spans_kept():  # one attribution, each span read once
        rows = [
            _objective_row(con, cycle, o, as_of, limits, action_costs, previous, spend)
            for o in items
        ]
    decided = {row["item_id"]: row["suggested"] for row in rows}
    rows += [
        _action_row(
            a,
            by_action.get(a.action_id, {}),
            as_of,
            limits,
            decided[a.objective_id],
            previous,
            hours.get(a.action_id),
        )
        for a in plan
    ]
    frame = ordered_items(item_frame(rows, [*EVIDENCE_COLUMNS, *SHOWN_COLUMNS]))
    return frame, ids, last, cost_totals


def ordered_items(frame: pd.DataFrame) -> pd.DataFrame:
    """Objectives first, then actions, each by objective and id (how reviews are stored)."""
    order = frame.assign(_action=frame["kind"] == ACTION)
    order = order.sort_values(["_action", "objective_id", "item_id"], kind="stable")
    return order.drop(columns="_action").reset_index(drop=True)


_TEXT_COLUMNS = frozenset(
    {"kind", "label", "kpi", "scope", "status", "result_kind", "shared_with", "suggested"}
    | {"rule", "cost_shared_with"}
    | {"decision", "reason"}
)
_WHOLE_COLUMNS = frozenset({"item_id", "objective_id", "stalled_periods"})


def item_frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame with stable types: whole numbers, floats (missing: NaN) and text."""
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column in _WHOLE_COLUMNS:
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif column not in _TEXT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame

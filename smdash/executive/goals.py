"""Business goals and their objectives, each goal with a traffic light."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb

from smdash.core.i18n import t
from smdash.executive.periods import Period
from smdash.executive.terms import GOAL_LIGHTS, GREY, ON_TRACK, STATEMENT_CHARS
from smdash.metrics import kpis
from smdash.metrics.attribution import network_lookup
from smdash.plan import objectives


@dataclass(frozen=True)
class ObjectiveStatus:
    objective_id: int
    statement: str
    status: str
    as_of: dt.date | None


@dataclass(frozen=True)
class GoalStatus:
    goal_id: int | None
    name: str
    light: str
    counts: dict
    objectives: tuple[ObjectiveStatus, ...]

    def line(self, lang: str) -> str:
        """One line on where the goal stands, from its objectives."""
        total = len(self.objectives)
        if not total:
            return t("executive.goal.none", lang)
        if self.light == GREY:
            return t("executive.goal.no_data", lang, count=total)
        on = sum(self.counts.get(s, 0) for s in ON_TRACK)
        if self.light == "green":
            return t("executive.goal.green", lang, on=on, count=total)
        status = "behind" if self.light == "red" else "at_risk"
        first = next(o for o in self.objectives if o.status == status)
        return t(
            f"executive.goal.{self.light}",
            lang,
            count=self.counts[status],
            on=on,
            total=total,
            statement=shorten(first.statement),
        )


def shorten(text: str, limit: int = STATEMENT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def goal_light(statuses: list[str]) -> str:
    for light, matching in GOAL_LIGHTS:
        if any(status in matching for status in statuses):
            return light
    return GREY


def objective_status(
    con: duckdb.DuckDBPyConnection, objective: objectives.Objective, period: Period
) -> ObjectiveStatus:
    """Its status at the period's end, or on the last day with data if that comes earlier."""
    _, last = kpis.data_span(con, objective.kpi, objective.scope)
    as_of = min(period.end, last) if last else None
    result = objectives.progress(con, objective, as_of) if as_of else None
    status = result.status if result else "no_data"
    return ObjectiveStatus(objective.objective_id, objective.statement, status, as_of)


def goal_statuses(con: duckdb.DuckDBPyConnection, period: Period) -> list[GoalStatus]:
    """Each active goal with the active objectives under way in the period (started by its end
    and not finished before its start). Objectives without a goal come last, as one group."""
    goals = objectives.goals(con)
    names = dict(zip(goals["goal_id"], goals["name"], strict=True))
    grouped: dict = {goal_id: [] for goal_id in names}
    with network_lookup(con), kpis.spans_kept():  # one attribution, each span read once
        for item in objectives.list_objectives(con):
            if item.start_date > period.end or item.deadline < period.start:
                continue
            key = item.goal_id if item.goal_id in names else None
            grouped.setdefault(key, []).append(objective_status(con, item, period))
    result = []
    for goal_id, items in grouped.items():
        if goal_id is None and not items:
            continue
        statuses = [o.status for o in items]
        counts = {s: statuses.count(s) for s in objectives.STATUSES if s in statuses}
        name = names.get(goal_id, "")
        result.append(GoalStatus(goal_id, name, goal_light(statuses), counts, tuple(items)))
    return result

"""Business goals and SMART objectives: storage, baseline, SMART check, progress and status.

An objective is measured by one KPI of the catalogue (``smdash.metrics.kpis``) in one scope, from a
baseline to a target between a start date and a deadline. Its progress is read "as of" the last
day with data for that KPI (never past the deadline), so a late import does not make every
objective look behind. The status comes from ``STATUS_RULES``, the one place that decides it;
the pages show the same rules to the user.

Progress, by the KPI's kind:
- total (posts, reach, sessions, ...): the share of the target accumulated since the start;
- level and ratio (followers, rates): the share of the way from the baseline to the target.
A target that asks for no improvement on the baseline (a floor or a ceiling to hold) counts as
all the way while the value meets it and none of the way otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from smdash.access import audit
from smdash.core.errors import FieldError, InvalidInput, first_problem
from smdash.core.i18n import format_date, format_number, t
from smdash.core.networks import SOCIAL_NETWORKS
from smdash.db.store import bump_data_version, insert_once, transaction, update_record
from smdash.metrics import kpis
from smdash.metrics.attribution import network_lookup
from smdash.plan import annotations, statements

STATEMENT_MAX = 280
ACTIVE, ARCHIVED = "active", "archived"
SCOPES = (kpis.ALL, *SOCIAL_NETWORKS)
AMBITIOUS_MULTIPLE = 1.5  # a target needing more than this times the best growth seen
ON_TRACK_MARGIN = 0.10  # progress may trail the time elapsed by this much and be on track
AT_RISK_MARGIN = 0.25
TREND_WEEKS = 13
FORECAST_METHOD = "linear_trend"  # strings: objectives.method.linear_trend
DEMO_FILE = "objectives.json"
REPEAT_SECONDS = 30  # the same objective added again this soon is a second click on Save

OBJECTIVE_FIELDS = (
    "statement",
    "goal_id",
    "kpi",
    "scope",
    "baseline",
    "target",
    "start_date",
    "deadline",
    "owner",
    "notes",
)


@dataclass(frozen=True)
class Objective:
    objective_id: int | None
    statement: str
    goal_id: int | None
    kpi: str
    scope: str
    baseline: float | None
    target: float
    start_date: dt.date
    deadline: dt.date
    owner: str = ""
    notes: str = ""
    status: str = ACTIVE


# ---------------------------------------------------------------------------------------------
# Business goals
# ---------------------------------------------------------------------------------------------


def _goal_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise InvalidInput("objectives.error.no_goal_name")
    if len(name) > STATEMENT_MAX:
        raise InvalidInput("objectives.error.goal_too_long", limit=STATEMENT_MAX)
    return name


@audit.write("objectives.add_goal")
def add_goal(con: duckdb.DuckDBPyConnection, name: str) -> int:
    now = dt.datetime.now()
    goal_id = con.execute(
        """INSERT INTO goals (name, created_at, updated_at) VALUES ($name, $now, $now)
           RETURNING goal_id""",
        {"name": _goal_name(name), "now": now},
    ).fetchall()[0][0]
    bump_data_version(con)
    return goal_id


@audit.write("objectives.rename_goal")
def rename_goal(con: duckdb.DuckDBPyConnection, goal_id: int, name: str) -> None:
    con.execute(
        "UPDATE goals SET name = $name, updated_at = $updated_at WHERE goal_id = $goal_id",
        {"name": _goal_name(name), "updated_at": dt.datetime.now(), "goal_id": goal_id},
    )
    bump_data_version(con)


@audit.write("objectives.set_goal_status")
def set_goal_status(con: duckdb.DuckDBPyConnection, goal_id: int, status: str) -> None:
    """Archive or restore a goal; its objectives stay as they are."""
    assert status in (ACTIVE, ARCHIVED)
    con.execute(
        "UPDATE goals SET status = $status, updated_at = $updated_at WHERE goal_id = $goal_id",
        {"status": status, "updated_at": dt.datetime.now(), "goal_id": goal_id},
    )
    bump_data_version(con)


def goals(con: duckdb.DuckDBPyConnection, include_archived: bool = False) -> pd.DataFrame:
    """Goals (goal_id, name, status, objectives: how many active objectives serve each)."""
    return con.execute(
        """SELECT g.goal_id, g.name, g.status,
                  count(o.objective_id) FILTER (WHERE o.status = 'active') AS objectives
           FROM goals g LEFT JOIN objectives o ON o.goal_id = g.goal_id
           WHERE g.status = 'active' OR ?
           GROUP BY ALL ORDER BY g.goal_id""",
        [include_archived],
    ).df()


def _goal(con: duckdb.DuckDBPyConnection, goal_id: int | None) -> tuple | None:
    if goal_id is None:
        return None
    rows = con.execute("SELECT name, status FROM goals WHERE goal_id = ?", [goal_id]).fetchall()
    return rows[0] if rows else None


# ---------------------------------------------------------------------------------------------
# Objectives
# ---------------------------------------------------------------------------------------------


def problems(con: duckdb.DuckDBPyConnection, objective: Objective) -> list[FieldError]:
    """What the user must correct before the objective can be saved, each naming its field
    (``statement``, ``goal_id``, ``kpi``, ``scope``, ``baseline``, ``target``, ``start_date``,
    ``deadline``); empty when it can be saved."""
    found = []
    statement = (objective.statement or "").strip()
    if not statement:
        found.append(FieldError("objectives.error.no_statement", field="statement"))
    elif len(statement) > STATEMENT_MAX:
        found.append(
            FieldError(
                "objectives.error.too_long",
                field="statement",
                limit=STATEMENT_MAX,
                length=len(statement),
            )
        )
    if objective.goal_id is not None and _goal(con, objective.goal_id) is None:
        found.append(FieldError("objectives.error.goal", field="goal_id", goal=objective.goal_id))
    if objective.kpi not in kpis.KPIS:
        found.append(FieldError("objectives.error.kpi", field="kpi", kpi=objective.kpi))
    if objective.scope not in SCOPES:
        found.append(FieldError("objectives.error.scope", field="scope", scope=objective.scope))
    if objective.start_date is None:
        found.append(FieldError("objectives.error.no_dates", field="start_date"))
    if objective.deadline is None:
        found.append(FieldError("objectives.error.no_dates", field="deadline"))
    if objective.baseline is None:
        found.append(FieldError("objectives.error.no_baseline", field="baseline"))
    elif not math.isfinite(objective.baseline) or objective.baseline < 0:
        found.append(FieldError("objectives.error.negative_baseline", field="baseline"))
    found += _target_problems(objective)
    return found


def _target_problems(objective: Objective) -> list[FieldError]:
    """A target is a number the KPI can reach: not negative, above 0 for a total (a total
    starts at 0 each period), at most 100 for a percentage."""
    target, kpi = objective.target, kpis.KPIS.get(objective.kpi)
    if target is None:
        return [FieldError("objectives.error.no_target", field="target")]
    if not math.isfinite(target) or target < 0:
        return [FieldError("objectives.error.negative_target", field="target")]
    if kpi is not None and kpi.kind == kpis.TOTAL and target == 0:
        return [FieldError("objectives.error.zero_total", field="target")]
    if kpi is not None and kpi.unit == kpis.PERCENT and target > 100:
        return [FieldError("objectives.error.over_100", field="target")]
    return []


def validated(con: duckdb.DuckDBPyConnection, objective: Objective) -> Objective:
    """The objective with its text trimmed, or the first of its ``problems``."""
    first_problem(problems(con, objective))
    return Objective(
        **{
            **asdict(objective),
            "statement": objective.statement.strip(),
            "owner": (objective.owner or "").strip(),
            "notes": (objective.notes or "").strip(),
        }
    )


def _values(objective: Objective) -> dict:
    return {name: getattr(objective, name) for name in OBJECTIVE_FIELDS}


@audit.write("objectives.add_objective")
def add_objective(con: duckdb.DuckDBPyConnection, objective: Objective) -> int:
    values = _values(validated(con, objective))
    objective_id = insert_once(con, "objectives", values, "objective_id", REPEAT_SECONDS)
    bump_data_version(con)
    return objective_id


@audit.write("objectives.update_objective")
def update_objective(con: duckdb.DuckDBPyConnection, objective: Objective) -> None:
    """Store the edit; a new target is written into the statement where it writes the old one
    and does not already say the new one (``smdash.plan.statements``)."""
    values = _values(validated(con, objective))
    before = get_objective(con, objective.objective_id)
    if (
        before is not None
        and before.target != values["target"]
        and not statements.states_target(values["statement"], values["target"], values["kpi"])
    ):
        text = statements.restated(
            values["statement"], before.target, values["target"], values["kpi"]
        )
        values["statement"] = text or values["statement"]
    update_record(con, "objectives", values, "objective_id", objective.objective_id)
    bump_data_version(con)


@audit.write("objectives.set_objective_status")
def set_objective_status(con: duckdb.DuckDBPyConnection, objective_id: int, status: str) -> None:
    """Archive or restore an objective (nothing is deleted)."""
    assert status in (ACTIVE, ARCHIVED)
    con.execute(
        """UPDATE objectives SET status = $status, updated_at = $updated_at
           WHERE objective_id = $objective_id""",
        {"status": status, "updated_at": dt.datetime.now(), "objective_id": objective_id},
    )
    bump_data_version(con)


_SELECT = f"""SELECT objective_id, {", ".join(OBJECTIVE_FIELDS)}, status FROM objectives"""  # noqa: S608 - OBJECTIVE_FIELDS: constant


def _objective(row: tuple) -> Objective:
    return Objective(*row)


def get_objective(con: duckdb.DuckDBPyConnection, objective_id: int) -> Objective | None:
    rows = con.execute(f"{_SELECT} WHERE objective_id = ?", [objective_id]).fetchall()
    return _objective(rows[0]) if rows else None


def list_objectives(con: duckdb.DuckDBPyConnection, status: str | None = ACTIVE) -> list[Objective]:
    """Objectives with the status (all when None), by id."""
    rows = con.execute(
        f"{_SELECT} WHERE status = coalesce(?, status) ORDER BY objective_id", [status]
    ).fetchall()
    return [_objective(row) for row in rows]


def _length(start: dt.date, deadline: dt.date) -> int:
    return max(1, (deadline - start).days + 1)


def propose_baseline(
    con: duckdb.DuckDBPyConnection, kpi: str, scope: str, start: dt.date, deadline: dt.date
) -> float | None:
    """The KPI over the same length of time just before the start (None without data).

    A total (posts, sessions, ...) needs data from the first day of that period: a period the
    data covers only in part would propose too low a baseline.
    """
    days = _length(start, deadline)
    first_day = start - dt.timedelta(days=days)
    if kpis.KPIS[kpi].kind == kpis.TOTAL:
        first, _ = kpis.data_span(con, kpi, scope)
        if first is None or first > first_day:
            return None
    return kpis.value(con, kpi, scope, first_day, start - dt.timedelta(days=1))


# ---------------------------------------------------------------------------------------------
# SMART check
# ---------------------------------------------------------------------------------------------

PASS, WARN, FAIL = "pass", "warn", "fail"


@dataclass(frozen=True)
class Check:
    """One SMART letter: its verdict and the reason (a string key and its parameters)."""

    letter: str
    verdict: str
    key: str
    params: dict

    def reason(self, lang: str) -> str:
        params = {k: _shown(k, v, lang) for k, v in self.params.items()}
        if "source" in params:
            params["needs"] = what_to_import(params.pop("source"), params.pop("scope"), lang)
        return t(self.key, lang, **params)


def scope_name(scope: str, lang: str) -> str:
    key = "objectives.scope.all" if scope == kpis.ALL else f"network.{scope}"
    return t(key, lang)


def what_to_import(source: str, scope: str, lang: str) -> str:
    """The exports that bring a KPI source's data for the scope, in the user's words."""
    return t(f"kpis.needs.{source}", lang, network=scope_name(scope, lang))


def _shown(name: str, value: object, lang: str) -> object:
    """Check parameters as the user reads them: dates, signed percentages, multiples."""
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if name in ("needed", "best"):
        sign = "+" if value > 0 else ""
        return f"{sign}{format_number(value * 100, lang)} %"
    if name == "multiple":
        return format_number(value, lang, 1)
    if name == "target":
        return statements.target_text(value, lang)
    return value


def _specific(objective: Objective) -> Check:
    if not (objective.statement.strip() and objective.kpi in kpis.KPIS and objective.scope):
        return Check("S", FAIL, "objectives.smart.s_fail", {})
    if not statements.states_target(objective.statement, objective.target, objective.kpi):
        return Check("S", WARN, "statements.smart_mismatch", {"target": objective.target})
    return Check("S", PASS, "objectives.smart.s_ok", {"kpi": objective.kpi})


def _measurable(con: duckdb.DuckDBPyConnection, objective: Objective) -> Check:
    kpi = kpis.KPIS[objective.kpi]
    if not kpis.available(con, kpi):
        return Check("M", WARN, "objectives.smart.m_no_costs", {})
    first, last = kpis.data_span(con, kpi, objective.scope)
    if first is None or kpis.value(con, kpi, objective.scope, first, last) is None:
        params = {"source": kpi.source, "scope": objective.scope}
        return Check("M", WARN, "objectives.smart.m_no_data", params)
    return Check("M", PASS, "objectives.smart.m_ok", {"first": first, "last": last})


def best_growth(
    con: duckdb.DuckDBPyConnection, kpi: str, scope: str, start: dt.date, deadline: dt.date
) -> float | None:
    """The best change seen from one period to the next before the start (in the KPI's
    direction, relative), over whole periods of the objective's length; None with fewer than
    two such periods of data."""
    first, _ = kpis.data_span(con, kpi, scope)
    days = _length(start, deadline)
    if first is None or (start - first).days < 2 * days:
        return None
    periods = (start - first).days // days
    anchor = start - dt.timedelta(days=periods * days)
    values = kpis.series(
        con, kpi, scope, anchor, start - dt.timedelta(days=1), days=days, anchor=anchor
    )["value"].tolist()
    sign = 1 if kpis.KPIS[kpi].direction == kpis.UP else -1
    changes = [
        sign * (after - before) / abs(before)
        for before, after in zip(values, values[1:], strict=False)
        if before and not (np.isnan(before) or np.isnan(after))
    ]
    return max(changes) if changes else None


def needed_growth(objective: Objective) -> float | None:
    """The relative change from baseline to target, in the KPI's direction (None from 0)."""
    if not objective.baseline:
        return None
    sign = 1 if kpis.KPIS[objective.kpi].direction == kpis.UP else -1
    return sign * (objective.target - objective.baseline) / abs(objective.baseline)


def _achievable(con: duckdb.DuckDBPyConnection, objective: Objective) -> Check:
    needed = needed_growth(objective)
    if needed is None:
        return Check("A", WARN, "objectives.smart.a_no_baseline", {})
    if needed <= 0:
        return Check("A", PASS, "objectives.smart.a_hold", {"needed": needed})
    best = best_growth(
        con, objective.kpi, objective.scope, objective.start_date, objective.deadline
    )
    if best is None:
        return Check("A", WARN, "objectives.smart.a_no_history", {"needed": needed})
    params = {"needed": needed, "best": best, "multiple": AMBITIOUS_MULTIPLE}
    if best <= 0 or needed > AMBITIOUS_MULTIPLE * best:
        return Check("A", WARN, "objectives.smart.a_ambitious", params)
    return Check("A", PASS, "objectives.smart.a_ok", params)


def _relevant(con: duckdb.DuckDBPyConnection, objective: Objective) -> Check:
    goal = _goal(con, objective.goal_id)
    if goal is None:
        return Check("R", FAIL, "objectives.smart.r_fail", {})
    return Check("R", PASS, "objectives.smart.r_ok", {"goal": goal[0]})


def _time_bound(objective: Objective) -> Check:
    if objective.deadline > objective.start_date:
        days = (objective.deadline - objective.start_date).days
        return Check("T", PASS, "objectives.smart.t_ok", {"count": days})
    return Check("T", FAIL, "objectives.smart.t_fail", {})


def smart_check(con: duckdb.DuckDBPyConnection, objective: Objective) -> list[Check]:
    """The five letters, each with a verdict and its reason."""
    known = objective.kpi in kpis.KPIS
    with kpis.attribution(con, objective.kpi) if known else nullcontext():
        return [
            _specific(objective),
            _measurable(con, objective),
            _achievable(con, objective),
            _relevant(con, objective),
            _time_bound(objective),
        ]


def smart_checks(
    con: duckdb.DuckDBPyConnection, items: Iterable[Objective] | None = None
) -> dict[int | None, list[Check]]:
    """``smart_check`` of each objective by id (default: the active ones), read in one go (one
    attribution for them all, each data span read once)."""
    with network_lookup(con), kpis.spans_kept():
        found = list_objectives(con) if items is None else items
        return {item.objective_id: smart_check(con, item) for item in found}


# ---------------------------------------------------------------------------------------------
# Progress, status and forecast
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the status rule looks at."""

    current: float | None
    progress: float | None
    expected: float
    meets_target: bool
    deadline_passed: bool


@dataclass(frozen=True)
class StatusRule:
    rule: str  # strings: objectives.rule.<rule>
    status: str  # strings: objectives.status.<status>
    applies: Callable[[Facts], bool]


# The status of an objective: the first rule that applies, top to bottom.
STATUS_RULES: tuple[StatusRule, ...] = (
    StatusRule("no_data", "no_data", lambda f: f.current is None),
    StatusRule("achieved", "achieved", lambda f: f.meets_target),
    StatusRule("deadline_passed", "behind", lambda f: f.deadline_passed),
    StatusRule("no_progress", "no_data", lambda f: f.progress is None),
    StatusRule("on_track", "on_track", lambda f: f.progress >= f.expected - ON_TRACK_MARGIN),
    StatusRule("at_risk", "at_risk", lambda f: f.progress >= f.expected - AT_RISK_MARGIN),
    StatusRule("behind", "behind", lambda f: True),
)
STATUSES = ("achieved", "on_track", "at_risk", "behind", "no_data")


def status_of(facts: Facts) -> tuple[str, str]:
    """(status, the rule that decided it)."""
    rule = next(rule for rule in STATUS_RULES if rule.applies(facts))
    return rule.status, rule.rule


@dataclass(frozen=True)
class Progress:
    objective_id: int | None
    as_of: dt.date | None
    current: float | None
    baseline: float | None
    target: float
    progress: float | None  # 0..1 of the way (may be below 0 or above 1)
    expected_progress: float  # share of the time elapsed, 0..1
    status: str
    rule: str
    forecast: float | None
    forecast_method: str
    needed_per_week: float | None  # totals and levels: per week; ratios: average still needed

    def as_json(self) -> dict:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat() if self.as_of else None
        return data


def meets(kpi: kpis.Kpi, current: float | None, target: float) -> bool:
    if current is None:
        return False
    return current >= target if kpi.direction == kpis.UP else current <= target


def share_of_way(kpi: kpis.Kpi, current: float | None, baseline, target: float) -> float | None:
    """How far the current value is along the way to the target (see the module docstring)."""
    if current is None:
        return None
    if kpi.kind == kpis.TOTAL:
        return current / target if target > 0 else None
    if baseline is None:
        return None
    sign = 1 if kpi.direction == kpis.UP else -1
    if sign * (target - baseline) <= 0:  # a level to hold, not an improvement
        return 1.0 if meets(kpi, current, target) else 0.0
    return (current - baseline) / (target - baseline)


def elapsed_share(start: dt.date, deadline: dt.date, as_of: dt.date | None) -> float:
    if as_of is None or as_of < start:
        return 0.0
    if deadline <= start:
        return 1.0
    return min(1.0, (as_of - start).days / (deadline - start).days)


def as_of_date(
    con: duckdb.DuckDBPyConnection, objective: Objective, as_of: dt.date | None = None
) -> dt.date | None:
    """The last day with data for the objective's KPI and scope, never past the deadline."""
    if as_of is None:
        _, as_of = kpis.data_span(con, objective.kpi, objective.scope)
    return min(as_of, objective.deadline) if as_of else None


def _trend(weeks: list[float], values: list[float]) -> tuple[float, float] | None:
    """(intercept, slope per week) of a least-squares line; None with fewer than 3 values."""
    if len(values) < 3:
        return None
    slope, intercept = np.polyfit(np.asarray(weeks, float), np.asarray(values, float), 1)
    return float(intercept), float(slope)


def forecast(
    con: duckdb.DuckDBPyConnection,
    objective: Objective,
    as_of: dt.date | None,
    current: float | None,
) -> float | None:
    """The KPI's value at the deadline from the linear trend (least squares) of its last
    ``TREND_WEEKS`` weekly values up to ``as_of``: totals add the trend's weekly amounts still to
    come, levels take the line at the deadline, ratios average it with the value so far by days.
    """
    if as_of is None or current is None or as_of < objective.start_date:
        return None
    if as_of >= objective.deadline:
        return current
    kpi = kpis.KPIS[objective.kpi]
    first = as_of - dt.timedelta(days=7 * TREND_WEEKS - 1)
    weekly = kpis.series(con, kpi, objective.scope, first, as_of, days=7, anchor=first)
    weekly = weekly.dropna(subset=["value"])
    # weeks counted back from the one that ends on as_of (0): -1, -2, ...
    weeks = [(start - first).days // 7 - (TREND_WEEKS - 1) for start in weekly["period_start"]]
    line = _trend(weeks, weekly["value"].tolist())
    if line is None:
        return None
    intercept, slope = line
    weeks_left = (objective.deadline - as_of).days / 7
    if kpi.kind == kpis.LEVEL:
        return intercept + slope * weeks_left
    middle = intercept + slope * (0.5 + weeks_left / 2)  # the trend's mean over what is left
    if kpi.kind == kpis.TOTAL:
        return current + max(0.0, middle) * weeks_left
    done = (as_of - objective.start_date).days + 1
    left = (objective.deadline - as_of).days
    return (current * done + max(0.0, middle) * left) / (done + left)


def needed_per_week(
    objective: Objective, as_of: dt.date | None, current: float | None
) -> float | None:
    """What is still needed to reach the target: per week for totals (amount) and levels
    (change); for ratios the average value needed over the rest of the period. 0 when the
    target is met; None once the deadline is reached or without a current value."""
    kpi = kpis.KPIS[objective.kpi]
    if current is None or as_of is None or as_of >= objective.deadline:
        return None
    if meets(kpi, current, objective.target):
        return 0.0
    if kpi.kind == kpis.RATIO:
        done = max(0, (as_of - objective.start_date).days + 1)
        left = (objective.deadline - as_of).days
        return (objective.target * (done + left) - current * done) / left
    return (objective.target - current) / ((objective.deadline - as_of).days / 7)


def progress(
    con: duckdb.DuckDBPyConnection, objective: Objective, as_of: dt.date | None = None
) -> Progress:
    """Where the objective stands on ``as_of`` (default: the last day with data).

    The deadline counts as passed once the data reaches it: with data that stops earlier the
    status is that of the last day with data (the pages say "as of" that day), so the status
    depends on the data only, never on the clock.
    """
    kpi = kpis.KPIS[objective.kpi]
    with kpis.attribution(con, kpi):  # one attribution for the reads below
        return _progress(con, objective, kpi, as_of)


def progress_of(
    con: duckdb.DuckDBPyConnection, items: Iterable[Objective] | None = None
) -> dict[int | None, Progress]:
    """``progress`` of each objective by id (default: the active ones), on its last day with
    data, under one attribution and each data span read once: a page that shows them all
    reads them in one go."""
    with network_lookup(con), kpis.spans_kept():
        found = list_objectives(con) if items is None else items
        return {item.objective_id: progress(con, item) for item in found}


def _progress(
    con: duckdb.DuckDBPyConnection, objective: Objective, kpi: kpis.Kpi, as_of: dt.date | None
) -> Progress:
    as_of = as_of_date(con, objective, as_of)
    current = None
    if as_of is not None and as_of >= objective.start_date:
        current = kpis.value(con, kpi, objective.scope, objective.start_date, as_of)
    facts = Facts(
        current=current,
        progress=share_of_way(kpi, current, objective.baseline, objective.target),
        expected=elapsed_share(objective.start_date, objective.deadline, as_of),
        meets_target=meets(kpi, current, objective.target),
        deadline_passed=as_of is not None and as_of >= objective.deadline,
    )
    status, rule = status_of(facts)
    return Progress(
        objective_id=objective.objective_id,
        as_of=as_of,
        current=current,
        baseline=objective.baseline,
        target=objective.target,
        progress=facts.progress,
        expected_progress=facts.expected,
        status=status,
        rule=rule,
        forecast=forecast(con, objective, as_of, current),
        forecast_method=FORECAST_METHOD,
        needed_per_week=needed_per_week(objective, as_of, current),
    )


def pace_line(objective: Objective) -> pd.DataFrame:
    """The ideal pace from the start to the deadline: columns day, value.

    Totals accumulate from 0 to the target; levels and ratios go from the baseline to it.
    """
    begin = 0.0 if kpis.KPIS[objective.kpi].kind == kpis.TOTAL else objective.baseline
    return pd.DataFrame(
        {"day": [objective.start_date, objective.deadline], "value": [begin, objective.target]}
    )


def chart_series(
    con: duckdb.DuckDBPyConnection, objective: Objective, as_of: dt.date | None
) -> pd.DataFrame:
    """The value so far at the end of each week since the start (what progress measures)."""
    end = as_of or objective.deadline
    return kpis.series(
        con, objective.kpi, objective.scope, objective.start_date, end, cumulative=True
    )


# ---------------------------------------------------------------------------------------------
# Demo workspace
# ---------------------------------------------------------------------------------------------


def seed_demo(con: duckdb.DuckDBPyConnection, folder: Path) -> int:
    """Add the demo's goals, objectives and annotations (baselines proposed from the data when
    the file leaves them out). Returns how many objectives were added; 0 without the file."""
    path = folder / DEMO_FILE
    if not path.exists():
        return 0
    plan = json.loads(path.read_text(encoding="utf-8"))
    with transaction(con):
        goal_ids = {goal["key"]: add_goal(con, goal["name"]) for goal in plan["goals"]}
        for item in plan["objectives"]:
            start = dt.date.fromisoformat(item["start"])
            deadline = dt.date.fromisoformat(item["deadline"])
            baseline = item.get("baseline")
            if baseline is None:
                baseline = propose_baseline(con, item["kpi"], item["scope"], start, deadline)
            add_objective(
                con,
                Objective(
                    None,
                    item["statement"],
                    goal_ids[item["goal"]],
                    item["kpi"],
                    item["scope"],
                    None if baseline is None else round(baseline, 2),
                    item["target"],
                    start,
                    deadline,
                    item.get("owner", ""),
                    item.get("notes", ""),
                ),
            )
        for note in plan.get("annotations", []):
            annotations.add_annotation(
                con,
                dt.date.fromisoformat(note["from"]),
                dt.date.fromisoformat(note.get("to") or note["from"]),
                note["note"],
            )
        bump_data_version(con)
    return len(plan["objectives"])


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every goal, objective and annotation (starting an empty workspace)."""
    con.execute("DELETE FROM objectives")
    con.execute("DELETE FROM goals")
    annotations.clear(con)

"""The plan review: keep, improve or drop each objective and action, cycle after cycle.

A plan runs in cycles (two weeks, a month, a quarter or custom dates); one cycle is open at a
time. Its review shows, for every active objective whose dates overlap the cycle and every
action of those objectives, the evidence as of the last day with data inside the cycle (target
vs achieved, progress against the time elapsed, the trend over the last periods of the cycle's
length, the pace still needed, cost per result against the previous cycle) and a suggested
decision from ``OBJECTIVE_RULES`` / ``ACTION_RULES``: the first rule that applies, top to
bottom. The thresholds are settings (``SETTINGS``) stored in the database; the page shows the
rules in words with their current values.

Saving a review freezes it: its numbers, the decisions (the suggestion confirmed or overridden
with a reason) and the interpretation are written as a new version; nothing saved is ever
updated. Starting the next cycle applies the latest version: dropped objectives are archived
(their actions dropped), improved ones take their new target and wait for the CM to adjust
them, kept ones carry on. ``cycle_items`` records what each cycle started from.

Cost per result: an objective's cost is what its actions cost inside the cycle (see
``smdash.actions``), or, when none of its actions has a cost, the costs recorded for its
networks (``smdash.costs``); its result is what its KPI gained inside the cycle (totals: the
amount; levels: the change), so ratios have none. An action's result is its own (conversions or
engagements).
"""

from __future__ import annotations

import calendar as stdlib_calendar
import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import duckdb
import pandas as pd

from smdash import actions, audit, costs, kpis, objectives, summary
from smdash.attribution import network_lookup
from smdash.i18n import format_date, format_number, t
from smdash.objectives import InvalidInput, Objective
from smdash.spreadsheet import write_xlsx
from smdash.store import bump_data_version, get_setting, set_setting, transaction

KEEP, IMPROVE, DROP = "keep", "improve", "drop"
DECISIONS = (KEEP, IMPROVE, DROP)
FOLLOW = "follow"  # an action rule whose decision is its objective's suggestion
OBJECTIVE, ACTION = "objective", "action"
OPEN, CLOSED = "open", "closed"
PERIODS = ("two_weeks", "month", "quarter", "custom")
SECTIONS = ("strengths", "weaknesses", "opportunities")
REASON_MAX = 200
SECTION_MAX = 3000
LABEL_CHARS = 80
OPPORTUNITY_FIGURES = ("sessions", "engagements", "conversions")
OPPORTUNITIES_SHOWN = 3
OPPORTUNITY_MIN_BASE = 20  # growth from fewer than this (3 -> 9 conversions) is noise
DEMO_FILE = "review.json"
SETTING_PREFIX = "review."

# ---------------------------------------------------------------------------------------------
# Settings: the thresholds of the suggestion rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One threshold: strings review.setting.<key> (label) and review.setting.<key>.help."""

    key: str
    default: float
    minimum: float
    maximum: float
    whole: bool = False  # a whole number (periods)


SETTINGS: tuple[Setting, ...] = (
    # points of progress an objective may trail the time elapsed and still be kept
    Setting("keep_margin", 0.10, 0.0, 1.0),
    # beyond this many points behind, an objective is far behind
    Setting("drop_margin", 0.40, 0.0, 1.0),
    # far behind and no improvement for this many periods in a row: drop
    Setting("stalled_periods", 3, 1, 12, whole=True),
    # cost per result worse than the previous cycle's by more than this share: improve
    Setting("cost_margin", 0.10, 0.0, 10.0),
)


@dataclass(frozen=True)
class Thresholds:
    keep_margin: float = 0.10
    drop_margin: float = 0.40
    stalled_periods: int = 3
    cost_margin: float = 0.10


def thresholds(con: duckdb.DuckDBPyConnection) -> Thresholds:
    """The thresholds stored in the workspace (the defaults for those never set)."""
    values = {}
    for setting in SETTINGS:
        stored = get_setting(con, SETTING_PREFIX + setting.key)
        value = float(stored) if stored is not None else setting.default
        values[setting.key] = int(value) if setting.whole else value
    return Thresholds(**values)


def validated_thresholds(values: Thresholds) -> Thresholds:
    for setting in SETTINGS:
        value = getattr(values, setting.key)
        if value is None or not setting.minimum <= value <= setting.maximum:
            raise InvalidInput(f"review.error.setting.{setting.key}")
        if setting.whole and value != int(value):
            raise InvalidInput("review.error.whole")
    if values.keep_margin >= values.drop_margin:
        raise InvalidInput("review.error.margins")
    return Thresholds(**{**asdict(values), "stalled_periods": int(values.stalled_periods)})


@audit.write("review.save_thresholds")
def save_thresholds(con: duckdb.DuckDBPyConnection, values: Thresholds) -> None:
    values = validated_thresholds(values)
    for setting in SETTINGS:
        set_setting(con, SETTING_PREFIX + setting.key, repr(getattr(values, setting.key)))
    bump_data_version(con)


# ---------------------------------------------------------------------------------------------
# Suggestion rules
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """What the suggestion rules look at, for one objective or action."""

    not_started: bool = False
    measured: bool = True  # objectives: progress can be computed; actions: a result above 0
    achieved: bool = False
    gap: float | None = None  # progress behind the time elapsed, in shares (0.25 = 25 points)
    stalled_periods: int = 0  # latest periods in a row without improvement
    cost_per_result: float | None = None
    previous_cost_per_result: float | None = None
    objective_decision: str | None = None  # actions: their objective's suggestion


@dataclass(frozen=True)
class Rule:
    rule: str  # strings: review.rule.<kind>.<rule>
    decision: str  # keep / improve / drop, or FOLLOW
    applies: Callable[[Facts, Thresholds], bool]


def _cost_worse(facts: Facts, limits: Thresholds) -> bool:
    now, before = facts.cost_per_result, facts.previous_cost_per_result
    if now is None or not before:
        return False
    return round(now / before - 1, 9) > limits.cost_margin


def _gap(facts: Facts) -> float:
    return round(facts.gap, 9)


# The suggestion for an objective: the first rule that applies, top to bottom.
OBJECTIVE_RULES: tuple[Rule, ...] = (
    Rule("not_started", KEEP, lambda f, s: f.not_started),
    Rule("no_data", IMPROVE, lambda f, s: not f.measured),
    Rule("achieved", KEEP, lambda f, s: f.achieved),
    Rule("cost_worse", IMPROVE, _cost_worse),
    Rule("on_track", KEEP, lambda f, s: _gap(f) <= s.keep_margin),
    Rule(
        "stalled",
        DROP,
        lambda f, s: _gap(f) > s.drop_margin and f.stalled_periods >= s.stalled_periods,
    ),
    Rule("behind", IMPROVE, lambda f, s: True),
)
# The suggestion for an action: the first rule that applies, top to bottom.
ACTION_RULES: tuple[Rule, ...] = (
    Rule("not_started", KEEP, lambda f, s: f.not_started),
    Rule("no_results", IMPROVE, lambda f, s: not f.measured),
    Rule("cost_worse", IMPROVE, _cost_worse),
    Rule("follows_objective", FOLLOW, lambda f, s: True),
)
RULES = {OBJECTIVE: OBJECTIVE_RULES, ACTION: ACTION_RULES}


def suggest(kind: str, facts: Facts, limits: Thresholds) -> tuple[str, str]:
    """(suggested decision, the rule that decided it)."""
    rule = next(rule for rule in RULES[kind] if rule.applies(facts, limits))
    decision = facts.objective_decision or KEEP if rule.decision == FOLLOW else rule.decision
    return decision, rule.rule


def rule_params(limits: Thresholds, lang: str) -> dict[str, str]:
    """The thresholds as the rules' texts show them."""
    return {
        "keep": format_number(limits.keep_margin * 100, lang),
        "drop": format_number(limits.drop_margin * 100, lang),
        "periods": str(limits.stalled_periods),
        "cost": format_number(limits.cost_margin * 100, lang),
    }


def rules_in_words(kind: str, limits: Thresholds, lang: str) -> list[str]:
    # count: the periods of review.rule.objective.stalled, the one rule text with plural forms
    params = {**rule_params(limits, lang), "count": limits.stalled_periods}
    return [t(f"review.rule.{kind}.{rule.rule}", lang, **params) for rule in RULES[kind]]


# ---------------------------------------------------------------------------------------------
# Cycles
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cycle:
    cycle_id: int
    number: int
    date_from: dt.date
    date_to: dt.date
    period: str
    status: str
    previous_id: int | None

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=1) + dt.timedelta(
        days=min(day.day, stdlib_calendar.monthrange(year, month)[1]) - 1
    )


def period_end(period: str, start: dt.date, custom_end: dt.date | None = None) -> dt.date:
    """The last day of a cycle of the kind starting on ``start``."""
    if period == "two_weeks":
        return start + dt.timedelta(days=13)
    if period == "month":
        return _add_months(start, 1) - dt.timedelta(days=1)
    if period == "quarter":
        return _add_months(start, 3) - dt.timedelta(days=1)
    if period != "custom":
        raise InvalidInput("review.error.period", period=period)
    if custom_end is None or custom_end < start:
        raise InvalidInput("review.error.dates")
    return custom_end


def next_period(cycle: Cycle) -> tuple[dt.date, dt.date]:
    """The dates of the cycle after this one: the same kind (custom: the same length)."""
    start = cycle.date_to + dt.timedelta(days=1)
    return start, period_end(cycle.period, start, start + dt.timedelta(days=cycle.days - 1))


_CYCLES = """SELECT cycle_id, row_number() OVER (ORDER BY date_from, cycle_id) AS number,
                    date_from, date_to, period, status, previous_id
             FROM review_cycles"""


def cycles(con: duckdb.DuckDBPyConnection) -> list[Cycle]:
    return [Cycle(*row) for row in con.execute(f"{_CYCLES} ORDER BY number").fetchall()]


def get_cycle(con: duckdb.DuckDBPyConnection, cycle_id: int) -> Cycle | None:
    return next((c for c in cycles(con) if c.cycle_id == cycle_id), None)


def current_cycle(con: duckdb.DuckDBPyConnection) -> Cycle | None:
    """The open cycle, or None before the first one starts."""
    return next((c for c in cycles(con) if c.status == OPEN), None)


def _insert_cycle(con, date_from, date_to, period, previous_id) -> int:
    return con.execute(
        """INSERT INTO review_cycles (date_from, date_to, period, previous_id, created_at)
           VALUES (?, ?, ?, ?, ?) RETURNING cycle_id""",
        [date_from, date_to, period, previous_id, dt.datetime.now()],
    ).fetchone()[0]


def _checked_dates(period: str, date_from: dt.date | None, date_to: dt.date | None) -> dt.date:
    if period not in PERIODS:
        raise InvalidInput("review.error.period", period=period)
    if date_from is None:
        raise InvalidInput("review.error.dates")
    return period_end(period, date_from, date_to)


@audit.write("review.start_first_cycle")
def start_first_cycle(
    con: duckdb.DuckDBPyConnection,
    period: str,
    date_from: dt.date,
    date_to: dt.date | None = None,
) -> int:
    """Open the plan's first cycle (``date_to`` only for custom dates)."""
    if current_cycle(con) is not None:
        raise InvalidInput("review.error.open_cycle")
    date_to = _checked_dates(period, date_from, date_to)
    cycle_id = _insert_cycle(con, date_from, date_to, period, None)
    bump_data_version(con)
    return cycle_id


# ---------------------------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------------------------

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
    "cost",
    "cost_per_result",
    "previous_cost_per_result",
    "suggested",
    "rule",
]
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
    con: duckdb.DuckDBPyConnection, objective: Objective, date_from: dt.date, as_of: dt.date
) -> float | None:
    """The costs recorded (``smdash.costs``) for the objective's networks inside the cycle, up
    to ``as_of``; None when there are none."""
    first = max(date_from, objective.start_date)
    if as_of < first:
        return None
    spend = costs.network_spend(con, first, as_of)
    found = [spend[n] for n in kpis.scope_networks(objective.scope) if n in spend]
    return float(sum(found)) if found else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _label(text: str) -> str:
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
    con, cycle, objective, as_of, limits, action_costs, previous
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
        cost = scope_cost(con, objective, cycle.date_from, own_as_of)
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


def _action_row(action, row, as_of, limits, objective_decision, previous) -> dict[str, object]:
    result = _number(row.get("result"))
    cost = _number(row.get("cost"))
    cost_per_result = _number(row.get("cost_per_result"))
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
        "cost": cost,
        "cost_per_result": cost_per_result,
        "previous_cost_per_result": facts.previous_cost_per_result,
        "suggested": suggested,
        "rule": rule,
    }


def evidence(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, limits: Thresholds | None = None
) -> pd.DataFrame:
    """One row per objective in the cycle, then one per action of those objectives whose
    dates overlap the cycle: the numbers (``EVIDENCE_COLUMNS``) and the suggested decision."""
    limits = limits or thresholds(con)
    as_of = cycle_as_of(con, cycle)
    items = objectives_in(con, cycle)
    ids = {o.objective_id for o in items}
    plan = [
        a
        for a in actions.list_actions(con)
        if a.objective_id in ids and a.start_date <= cycle.date_to and a.end_date >= cycle.date_from
    ]
    found = actions.results(con, cycle.date_from, as_of or cycle.date_from - dt.timedelta(1))
    by_action = {int(r["action_id"]): r for r in found.to_dict("records")}
    action_costs: dict[int, float] = {}
    for action in plan:
        cost = _number(by_action.get(action.action_id, {}).get("cost"))
        if cost is not None:
            action_costs[action.objective_id] = action_costs.get(action.objective_id, 0.0) + cost
    previous = previous_costs(con, cycle)
    with network_lookup(con):  # one attribution for every objective's KPI reads
        rows = [_objective_row(con, cycle, o, as_of, limits, action_costs, previous) for o in items]
    decided = {row["item_id"]: row["suggested"] for row in rows}
    rows += [
        _action_row(
            a, by_action.get(a.action_id, {}), as_of, limits, decided[a.objective_id], previous
        )
        for a in plan
    ]
    return _ordered(_frame(rows, EVIDENCE_COLUMNS))


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """Objectives first, then actions, each by objective and id (how reviews are stored)."""
    order = frame.assign(_action=frame["kind"] == ACTION)
    order = order.sort_values(["_action", "objective_id", "item_id"], kind="stable")
    return order.drop(columns="_action").reset_index(drop=True)


_TEXT_COLUMNS = frozenset(
    {"kind", "label", "kpi", "scope", "status", "result_kind", "suggested", "rule"}
    | {"decision", "reason"}
)
_WHOLE_COLUMNS = frozenset({"item_id", "objective_id", "stalled_periods"})


def _frame(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """Rows as a frame with stable types: whole numbers, floats (missing: NaN) and text."""
    frame = pd.DataFrame(rows, columns=columns)
    for column in columns:
        if column in _WHOLE_COLUMNS:
            frame[column] = pd.to_numeric(frame[column]).astype("Int64")
        elif column not in _TEXT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


# ---------------------------------------------------------------------------------------------
# Saving a review: decisions, interpretation, frozen versions
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    kind: str
    item_id: int
    decision: str
    reason: str = ""
    new_target: float | None = None


@dataclass(frozen=True)
class Review:
    review_id: int
    cycle_id: int
    version: int
    date_from: dt.date
    date_to: dt.date
    as_of: dt.date | None
    saved_at: dt.datetime
    strengths: str
    weaknesses: str
    opportunities: str
    thresholds: str  # JSON of the Thresholds it used

    @property
    def interpretation(self) -> dict[str, str]:
        return {section: getattr(self, section) for section in SECTIONS}

    @property
    def limits(self) -> Thresholds:
        return Thresholds(**json.loads(self.thresholds))


@dataclass(frozen=True)
class Saved:
    review_id: int
    version: int
    created: bool  # False: nothing had changed since that version


_REVIEW_FIELDS = ", ".join(f.name for f in fields(Review))


def reviews(con: duckdb.DuckDBPyConnection, cycle_id: int | None = None) -> list[Review]:
    """Saved reviews (of one cycle when given), newest version first."""
    rows = con.execute(
        f"""SELECT {_REVIEW_FIELDS} FROM reviews WHERE cycle_id = coalesce(?, cycle_id)
            ORDER BY cycle_id DESC, version DESC""",
        [cycle_id],
    ).fetchall()
    return [Review(*row) for row in rows]


def latest_review(con: duckdb.DuckDBPyConnection, cycle_id: int) -> Review | None:
    found = reviews(con, cycle_id)
    return found[0] if found else None


def get_review(con: duckdb.DuckDBPyConnection, review_id: int) -> Review | None:
    rows = con.execute(
        f"SELECT {_REVIEW_FIELDS} FROM reviews WHERE review_id = ?", [review_id]
    ).fetchall()
    return Review(*rows[0]) if rows else None


def review_items(con: duckdb.DuckDBPyConnection, review_id: int) -> pd.DataFrame:
    """The frozen rows of a saved review (``ITEM_COLUMNS``): objectives first, then actions."""
    frame = con.execute(
        f"""SELECT {", ".join(ITEM_COLUMNS)} FROM review_items WHERE review_id = ?
""",
        [review_id],
    ).df()
    return _ordered(_frame(frame.to_dict("records"), ITEM_COLUMNS))


def decided(frame: pd.DataFrame, decisions: list[Decision]) -> pd.DataFrame:
    """The evidence with the CM's decisions (the suggestion where none was given), checked:
    overriding a suggestion needs a reason."""
    chosen = {(d.kind, d.item_id): d for d in decisions}
    out = frame.copy()
    picked, reasons, targets = [], [], []
    for row in frame.itertuples():
        choice = chosen.get((row.kind, row.item_id))
        decision = choice.decision if choice else row.suggested
        reason = (choice.reason if choice else "").strip()
        if decision not in DECISIONS:
            raise InvalidInput("review.error.decision", decision=decision)
        if decision != row.suggested and not reason:
            raise InvalidInput("review.error.reason", item=row.label)
        if len(reason) > REASON_MAX:
            raise InvalidInput("review.error.reason_long", item=row.label, limit=REASON_MAX)
        target = choice.new_target if choice else None
        keeps_target = row.kind == OBJECTIVE and decision == IMPROVE and target is not None
        picked.append(decision)
        reasons.append(reason)
        targets.append(float(target) if keeps_target else None)
    out["decision"], out["reason"] = picked, reasons
    out["new_target"] = pd.Series(targets, index=out.index, dtype="float64")
    return out


def _interpretation(values: dict[str, str]) -> dict[str, str]:
    texts = {section: (values.get(section) or "").strip() for section in SECTIONS}
    for text in texts.values():
        if len(text) > SECTION_MAX:
            raise InvalidInput("review.error.section_long", limit=SECTION_MAX)
    return texts


def _unchanged(con, review: Review, items: pd.DataFrame, texts: dict, limits: Thresholds) -> bool:
    if review.interpretation != texts or review.limits != limits:
        return False
    before = review_items(con, review.review_id)
    now = _frame(items.to_dict("records"), ITEM_COLUMNS)
    try:
        pd.testing.assert_frame_equal(
            before.reset_index(drop=True), now.reset_index(drop=True), check_dtype=False
        )
    except AssertionError:
        return False
    return True


@audit.write("review.save_review")
def save_review(
    con: duckdb.DuckDBPyConnection,
    cycle_id: int,
    decisions: list[Decision],
    interpretation: dict[str, str],
) -> Saved:
    """Freeze the cycle's review as a new version: the evidence as it is now, the decisions and
    the interpretation. Saving what the latest version already holds writes nothing."""
    cycle = get_cycle(con, cycle_id)
    if cycle is None or cycle.status != OPEN:
        raise InvalidInput("review.error.closed")
    limits = thresholds(con)
    frame = evidence(con, cycle, limits)
    if frame.empty:
        raise InvalidInput("review.error.nothing")
    items = decided(frame, decisions)
    texts = _interpretation(interpretation)
    latest = latest_review(con, cycle_id)
    if latest and _unchanged(con, latest, items, texts, limits):
        return Saved(latest.review_id, latest.version, False)
    version = (latest.version if latest else 0) + 1
    with transaction(con):
        review_id = con.execute(
            """INSERT INTO reviews (cycle_id, version, date_from, date_to, as_of, saved_at,
                   strengths, weaknesses, opportunities, thresholds)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING review_id""",
            [
                cycle_id,
                version,
                cycle.date_from,
                cycle.date_to,
                cycle_as_of(con, cycle),
                dt.datetime.now(),
                *(texts[s] for s in SECTIONS),
                json.dumps(asdict(limits)),
            ],
        ).fetchone()[0]
        con.register("new_review_items", items[ITEM_COLUMNS])
        try:
            con.execute(
                "INSERT INTO review_items BY NAME SELECT ? AS review_id, * FROM new_review_items",
                [review_id],
            )
        finally:
            con.unregister("new_review_items")
        bump_data_version(con)
    return Saved(review_id, version, True)


# ---------------------------------------------------------------------------------------------
# Interpretation: strengths, weaknesses, opportunities, pre-filled from the data
# ---------------------------------------------------------------------------------------------

GOOD_RULES = ("achieved", "on_track")
WEAK_RULES = ("behind", "stalled", "cost_worse", "no_data")


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None or pd.isna(value) else f"{format_number(value * 100, lang)} %"


def _objective_line(row, lang: str) -> str:
    params = {
        "label": _label(row.label),
        "progress": _share(row.progress, lang),
        "elapsed": _share(row.expected, lang),
        "status": t(f"objectives.status.{row.status}", lang),
        "now": format_number(_number(row.cost_per_result), lang, 2),
        "before": format_number(_number(row.previous_cost_per_result), lang, 2),
    }
    return t(f"review.draft.{row.rule}", lang, **params)


def _action_lines(frame: pd.DataFrame, lang: str) -> tuple[list[str], list[str]]:
    """(the action with the most results of each kind, the actions without results)."""
    done = frame[(frame["kind"] == ACTION) & (frame["result"] > 0)]
    best = done.sort_values("result", ascending=False).drop_duplicates("result_kind")
    good = [
        t(
            "review.draft.action_best",
            lang,
            label=_label(row.label),
            result=format_number(row.result, lang),
            kind=t(f"review.result.{row.result_kind}", lang),
        )
        for row in best.itertuples()
    ]
    missing = frame[(frame["kind"] == ACTION) & (frame["rule"] == "no_results")]
    weak = [
        t("review.draft.no_results", lang, label=_label(row.label)) for row in missing.itertuples()
    ]
    return good, weak


def growth(con: duckdb.DuckDBPyConnection, date_from: dt.date, date_to: dt.date) -> pd.DataFrame:
    """Per social network and figure (``OPPORTUNITY_FIGURES``): the period, the same length
    before it, and the relative change; largest growth first, only figures that grew."""
    length = date_to - date_from + dt.timedelta(days=1)
    now = summary.summary(con, date_from, date_to)["networks"]
    before = summary.summary(con, date_from - length, date_from - dt.timedelta(1))["networks"]
    rows = [
        (network, figure, before[network][figure], figures[figure])
        for network, figures in now.items()
        if network in objectives.SCOPES and network in before
        for figure in OPPORTUNITY_FIGURES
        if figures[figure] and (before[network][figure] or 0) >= OPPORTUNITY_MIN_BASE
    ]
    frame = pd.DataFrame(rows, columns=["network", "figure", "previous", "current"])
    frame["change"] = frame["current"] / frame["previous"] - 1
    return frame[frame["change"] > 0].sort_values("change", ascending=False, kind="stable")


def interpretation_draft(
    con: duckdb.DuckDBPyConnection, cycle: Cycle, frame: pd.DataFrame, lang: str
) -> dict[str, str]:
    """Strengths, weaknesses and opportunities written from the evidence, for the CM to edit."""
    goals = frame[frame["kind"] == OBJECTIVE]
    good_actions, weak_actions = _action_lines(frame, lang)
    lines = {
        "strengths": [_objective_line(r, lang) for r in goals.itertuples() if r.rule in GOOD_RULES]
        + good_actions,
        "weaknesses": [_objective_line(r, lang) for r in goals.itertuples() if r.rule in WEAK_RULES]
        + weak_actions,
        "opportunities": [],
    }
    as_of = cycle_as_of(con, cycle)
    if as_of is not None and as_of >= cycle.date_from:
        for row in growth(con, cycle.date_from, as_of).head(OPPORTUNITIES_SHOWN).itertuples():
            lines["opportunities"].append(
                t(
                    "review.draft.growth",
                    lang,
                    figure=t(f"figure.{row.figure}", lang),
                    network=t(f"network.{row.network}", lang),
                    change=f"+{format_number(row.change * 100, lang)} %",
                    before=format_number(row.previous, lang),
                    now=format_number(row.current, lang),
                )
            )
    return {
        section: "\n".join(f"- {line}" for line in found) or t(f"review.draft.none.{section}", lang)
        for section, found in lines.items()
    }


# ---------------------------------------------------------------------------------------------
# The next cycle: carry-over
# ---------------------------------------------------------------------------------------------

_CARRY_OVER = [
    # dropped objectives are archived
    """UPDATE objectives SET status = 'archived', updated_at = $now
       WHERE objective_id IN (SELECT item_id FROM review_items
                              WHERE review_id = $review AND kind = 'objective'
                                AND decision = 'drop')""",
    # improved objectives take the new target the review gave them
    """UPDATE objectives SET target = i.new_target, updated_at = $now
       FROM review_items i
       WHERE i.review_id = $review AND i.kind = 'objective' AND i.decision = 'improve'
         AND i.new_target IS NOT NULL AND objectives.objective_id = i.item_id""",
    """INSERT INTO cycle_items
       SELECT $cycle, kind, item_id, decision, reason, new_target, decision <> 'improve'
       FROM review_items WHERE review_id = $review""",
    # the actions of a dropped objective go with it
    """INSERT INTO cycle_items
       SELECT $cycle, 'action', a.action_id, 'drop', i.reason, NULL, true
       FROM actions a JOIN review_items i
         ON i.review_id = $review AND i.kind = 'objective' AND i.decision = 'drop'
        AND i.item_id = a.objective_id
       WHERE a.status <> 'dropped'
       ON CONFLICT (cycle_id, kind, item_id) DO UPDATE SET
           origin = 'drop', adjusted = true,
           reason = CASE WHEN cycle_items.reason = '' THEN excluded.reason
                         ELSE cycle_items.reason END""",
    """UPDATE actions SET status = 'dropped', updated_at = $now
       WHERE action_id IN (SELECT item_id FROM cycle_items
                           WHERE cycle_id = $cycle AND kind = 'action' AND origin = 'drop')""",
]


@audit.write("review.start_next_cycle")
def start_next_cycle(
    con: duckdb.DuckDBPyConnection,
    cycle_id: int,
    period: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> int:
    """Close the cycle and open the next one from its latest saved review: kept items carry
    over, improved ones take their new target and wait to be adjusted, dropped ones are
    archived with their reason. Without dates, the next period of the same kind."""
    cycle = get_cycle(con, cycle_id)
    if cycle is None or cycle.status != OPEN:
        raise InvalidInput("review.error.closed")
    review = latest_review(con, cycle_id)
    if review is None:
        raise InvalidInput("review.error.save_first")
    period = period or cycle.period
    if date_from is None:
        date_from, date_to = next_period(cycle) if period == cycle.period else (None, None)
    date_to = _checked_dates(period, date_from, date_to)
    if date_from <= cycle.date_from:
        raise InvalidInput("review.error.next_dates")
    with transaction(con):
        now = dt.datetime.now()
        con.execute(
            "UPDATE review_cycles SET status = 'closed', closed_at = ? WHERE cycle_id = ?",
            [now, cycle_id],
        )
        new_id = _insert_cycle(con, date_from, date_to, period, cycle_id)
        for statement in _CARRY_OVER:
            params = {"now": now, "review": review.review_id, "cycle": new_id}
            con.execute(statement, {k: v for k, v in params.items() if f"${k}" in statement})
        bump_data_version(con)
    return new_id


def carried(con: duckdb.DuckDBPyConnection, cycle_id: int) -> pd.DataFrame:
    """What the cycle started from: kind, item_id, label, origin (the decision), reason,
    new_target, adjusted; improved items first."""
    return con.execute(
        """SELECT c.kind, c.item_id, coalesce(o.statement, a.description) AS label,
                  c.origin, c.reason, c.new_target, c.adjusted
           FROM cycle_items c
           LEFT JOIN objectives o ON c.kind = 'objective' AND o.objective_id = c.item_id
           LEFT JOIN actions a ON c.kind = 'action' AND a.action_id = c.item_id
           WHERE c.cycle_id = ?
           ORDER BY c.origin <> 'improve', c.kind DESC, c.item_id""",
        [cycle_id],
    ).df()


@audit.write("review.mark_adjusted")
def mark_adjusted(con: duckdb.DuckDBPyConnection, cycle_id: int, kind: str, item_id: int) -> None:
    con.execute(
        "UPDATE cycle_items SET adjusted = true WHERE cycle_id = ? AND kind = ? AND item_id = ?",
        [cycle_id, kind, item_id],
    )
    bump_data_version(con)


def dropped(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Everything the reviews dropped: cycle number it was dropped at, kind, item_id, label,
    reason."""
    return con.execute(
        f"""WITH c AS ({_CYCLES})
            SELECT c.number - 1 AS cycle, i.kind, i.item_id,
                   coalesce(o.statement, a.description) AS label, i.reason
            FROM cycle_items i JOIN c USING (cycle_id)
            LEFT JOIN objectives o ON i.kind = 'objective' AND o.objective_id = i.item_id
            LEFT JOIN actions a ON i.kind = 'action' AND a.action_id = i.item_id
            WHERE i.origin = 'drop' ORDER BY c.number, i.kind DESC, i.item_id"""
    ).df()


# ---------------------------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------------------------


def _with_dates(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("date_from", "date_to"):
        frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The latest saved version of each cycle's review, one row per item: cycle, date_from,
    date_to, version, kind, item_id, objective_id, label, kpi, target, achieved, progress,
    status, suggested, decision, reason; by cycle, objectives first."""
    frame = con.execute(
        f"""WITH c AS ({_CYCLES}),
                 r AS (SELECT * FROM reviews
                       QUALIFY version = max(version) OVER (PARTITION BY cycle_id))
            SELECT c.number AS cycle, c.date_from, c.date_to, r.version, i.kind, i.item_id,
                   i.objective_id, i.label, i.kpi, i.target, i.achieved, i.progress, i.status,
                   i.suggested, i.decision, i.reason
            FROM review_items i JOIN r USING (review_id) JOIN c ON c.cycle_id = r.cycle_id
            ORDER BY c.number, i.kind = 'action', i.objective_id, i.item_id"""
    ).df()
    return _with_dates(frame)


def cycles_overview(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per cycle: cycle, date_from, date_to, status, versions, and how many items the latest
    version kept, improved and dropped."""
    frame = con.execute(
        f"""WITH c AS ({_CYCLES}),
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
            ORDER BY c.number"""
    ).df()
    return _with_dates(frame)


# ---------------------------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------------------------

OBJECTIVE_SHEET = (
    "item_id", "label", "kpi", "scope", "baseline", "target", "achieved", "progress", "expected",
    "status", "trend", "stalled_periods", "forecast", "needed_per_week", "result", "cost",
    "cost_per_result", "previous_cost_per_result", "suggested", "rule", "decision", "reason",
    "new_target",
)  # fmt: skip
ACTION_SHEET = (
    "item_id", "objective_id", "label", "scope", "status", "result", "result_kind", "cost",
    "cost_per_result", "previous_cost_per_result", "suggested", "rule", "decision", "reason",
)  # fmt: skip
_PERCENT_COLUMNS = ("progress", "expected", "trend")


def _sheet(items: pd.DataFrame, kind: str, columns: tuple[str, ...], lang: str) -> pd.DataFrame:
    rows = items[items["kind"] == kind][list(columns)].copy()
    for column in _PERCENT_COLUMNS:
        if column in rows:
            rows[column] = (rows[column] * 100).round(1)
    words = {
        "kpi": lambda v: t(f"kpis.name.{v}", lang),
        "scope": lambda v: objectives.scope_name(v, lang),
        "status": lambda v: t(f"review.item_status.{v}", lang),
        "result_kind": lambda v: t(f"review.result.{v}", lang),
        "suggested": lambda v: t(f"review.decision.{v}", lang),
        "decision": lambda v: t(f"review.decision.{v}", lang),
        "rule": lambda v: t(f"review.rule_name.{kind}.{v}", lang),
    }
    for column, word in words.items():
        if column in rows:
            rows[column] = [None if pd.isna(v) else word(v) for v in rows[column]]
    return rows.rename(columns={c: t(f"review.column.{c}", lang) for c in columns})


def workbook(con: duckdb.DuckDBPyConnection, review_id: int, lang: str) -> bytes:
    """The saved review as XLSX: one sheet per section (review, objectives, actions,
    interpretation, rules)."""
    review = get_review(con, review_id)
    cycle = get_cycle(con, review.cycle_id)
    items = review_items(con, review_id)
    limits = review.limits
    about = [
        ("cycle", str(cycle.number)),
        ("period", f"{format_date(review.date_from, lang)} – {format_date(review.date_to, lang)}"),
        ("as_of", format_date(review.as_of, lang)),
        ("version", str(review.version)),
        ("saved_at", review.saved_at.strftime("%Y-%m-%d %H:%M")),
        *((f"setting.{k}", v) for k, v in rule_params(limits, lang).items()),
    ]
    rules = [
        (t(f"review.kind.{kind}", lang), index, text)
        for kind in (OBJECTIVE, ACTION)
        for index, text in enumerate(rules_in_words(kind, limits, lang), start=1)
    ]
    column = lambda key: t(f"review.column.{key}", lang)  # noqa: E731
    sheets = {
        t("review.sheet.review", lang): pd.DataFrame(
            [(t(f"review.about.{k}", lang), v) for k, v in about],
            columns=[column("field"), column("value")],
        ),
        t("review.sheet.objectives", lang): _sheet(items, OBJECTIVE, OBJECTIVE_SHEET, lang),
        t("review.sheet.actions", lang): _sheet(items, ACTION, ACTION_SHEET, lang),
        t("review.sheet.interpretation", lang): pd.DataFrame(
            [(t(f"review.section.{s}", lang), review.interpretation[s]) for s in SECTIONS],
            columns=[column("section"), column("text")],
        ),
        t("review.sheet.rules", lang): pd.DataFrame(
            rules, columns=[column("kind"), column("order"), column("rule_text")]
        ),
    }
    return write_xlsx(sheets)


# ---------------------------------------------------------------------------------------------
# Demo workspace
# ---------------------------------------------------------------------------------------------


def _demo_path() -> Path:
    from smdash.workspace import demo_dir  # the workspace imports this module

    return demo_dir() / DEMO_FILE


def _find(items: dict[int, str], prefix: str) -> int:
    return next(i for i, text in items.items() if text.startswith(prefix))


def _demo_objectives(con, plan: dict) -> dict[int, str]:
    goals = dict(con.execute("SELECT goal_id, name FROM goals").fetchall())
    for item in plan.get("objectives", []):
        objectives.add_objective(
            con,
            Objective(
                None,
                item["statement"],
                _find(goals, item["goal"]),
                item["kpi"],
                item["scope"],
                item["baseline"],
                item["target"],
                dt.date.fromisoformat(item["start"]),
                dt.date.fromisoformat(item["deadline"]),
                item.get("owner", ""),
                item.get("notes", ""),
            ),
        )
    return {o.objective_id: o.statement for o in objectives.list_objectives(con)}


def _demo_actions(con, plan: dict, statements: dict[int, str]) -> dict[int, str]:
    for item in plan["actions"]:
        actions.add_action(
            con,
            actions.Action(
                None,
                _find(statements, item["objective"]),
                item["description"],
                item.get("network", ""),
                item.get("campaign", ""),
                dt.date.fromisoformat(item["start"]),
                dt.date.fromisoformat(item["end"]),
                item.get("owner", ""),
                item.get("cost"),
                item.get("status", "planned"),
            ),
        )
    return {a.action_id: a.description for a in actions.list_actions(con)}


def _demo_decisions(past: dict, statements: dict, descriptions: dict) -> list[Decision]:
    decisions = []
    for item in past["decisions"]:
        kind = OBJECTIVE if "objective" in item else ACTION
        names = statements if kind == OBJECTIVE else descriptions
        decisions.append(
            Decision(
                kind,
                _find(names, item[kind]),
                item["decision"],
                item.get("reason", ""),
                item.get("new_target"),
            )
        )
    return decisions


def seed_demo(con: duckdb.DuckDBPyConnection, path: Path | None = None) -> int:
    """The demo's actions, one finished past review and the current cycle (data/demo/
    review.json, over the objectives ``objectives.seed_demo`` added). Returns how many cycles
    were opened; 0 without the file."""
    path = path or _demo_path()
    if not path.exists():
        return 0
    plan = json.loads(path.read_text(encoding="utf-8"))
    statements = _demo_objectives(con, plan)
    descriptions = _demo_actions(con, plan, statements)
    past = plan["past_cycle"]
    cycle_id = start_first_cycle(
        con, past["period"], dt.date.fromisoformat(past["from"]), dt.date.fromisoformat(past["to"])
    )
    decisions = _demo_decisions(past, statements, descriptions)
    save_review(con, cycle_id, decisions, past["interpretation"])
    start_next_cycle(con, cycle_id)
    return 2


def clear_workspace(con: duckdb.DuckDBPyConnection) -> None:
    """Delete every action, cycle and review (starting an empty workspace)."""
    for table in ("cycle_items", "review_items", "reviews", "review_cycles", "actions"):
        con.execute(f"DELETE FROM {table}")

"""The Objectives and KPI progress pages' glue: cached loaders, writers, formatting, badges.

``annotated(chart, date_from, date_to)`` is the one call any page needs to show the
annotations on a time chart.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.core.i18n import format_date
from smdash.metrics import kpis
from smdash.plan import annotations, objectives
from smdash.plan.objectives import Objective
from smdash.reports import kpi_charts
from smdash.ui.runtime import done, lang, loader, number, tr, write

STATUS_COLORS = {
    "achieved": "green",
    "on_track": "blue",
    "at_risk": "orange",
    "behind": "red",
    "no_data": "gray",
}
VERDICT_LOOK = {
    objectives.PASS: ("green", ":material/check:"),
    objectives.WARN: ("orange", ":material/warning:"),
    objectives.FAIL: ("red", ":material/close:"),
}

# ---------------------------------------------------------------------------------------------
# Cached loaders (runtime.loader): keyed by the database file, its data version and the arguments
# ---------------------------------------------------------------------------------------------


load_goals = loader(objectives.goals)
load_objectives = loader(objectives.list_objectives)
load_smart = loader(objectives.smart_check)
load_progress = loader(objectives.progress)
load_proposal = loader(objectives.propose_baseline)
load_chart_series = loader(objectives.chart_series)
load_annotations = loader(annotations.annotations)
load_comparison = loader(kpis.comparison)


# ---------------------------------------------------------------------------------------------
# Writers: each returns an error text for the user, or None when it worked
# ---------------------------------------------------------------------------------------------


def add_goal(name: str) -> str | None:
    return write(objectives.add_goal, name).error


def archive_goal(goal_id: int) -> str | None:
    return write(objectives.set_goal_status, goal_id, objectives.ARCHIVED).error


def save_objective(objective: Objective) -> str | None:
    if objective.objective_id is None:
        return write(objectives.add_objective, objective).error
    return write(objectives.update_objective, objective).error


def set_objective_status(objective_id: int, status: str) -> str | None:
    return write(objectives.set_objective_status, objective_id, status).error


def add_annotation(date_from: dt.date, date_to: dt.date | None, note: str) -> str | None:
    return write(annotations.add_annotation, date_from, date_to, note).error


def archive_annotation(annotation_id: int) -> str | None:
    return write(annotations.set_annotation_status, annotation_id, annotations.ARCHIVED).error


# ---------------------------------------------------------------------------------------------
# Names and numbers as the user reads them
# ---------------------------------------------------------------------------------------------


def kpi_name(key: str) -> str:
    return tr(f"kpis.name.{key}")


def scope_name(scope: str) -> str:
    return tr("objectives.scope.all") if scope == kpis.ALL else tr(f"objectives.network.{scope}")


def kpi_value(key: str, value: float | None) -> str:
    """A KPI value in its unit: 1,234 · 4.58 % · 1,471.95."""
    if value is None or pd.isna(value):
        return "—"
    unit = kpis.KPIS[key].unit
    if unit == kpis.PERCENT:
        return f"{number(value, 2)} %"
    return number(value, 2 if unit == kpis.CURRENCY else 0)


def date(value: dt.date | None) -> str:
    return format_date(value, lang())


def annotations_table(notes: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("annotations.from"): [date(d) for d in notes["date_from"]],
            tr("annotations.to"): [date(d) for d in notes["date_to"]],
            tr("annotations.title"): notes["note"],
        }
    )


def share(value: float | None) -> str:
    return "—" if value is None else f"{number(value * 100)} %"


def needs(key: str, scope: str) -> str:
    return objectives.what_to_import(kpis.KPIS[key].source, scope, lang())


def status_label(status: str) -> str:
    return tr(f"objectives.status.{status}")


def status_badge(status: str, rule: str) -> None:
    st.badge(
        status_label(status),
        color=STATUS_COLORS[status],
        help=tr(f"objectives.rule.{rule}", **margins()),
    )


def margins() -> dict[str, str]:
    return {
        "on_track": number(objectives.ON_TRACK_MARGIN * 100),
        "at_risk": number(objectives.AT_RISK_MARGIN * 100),
    }


def smart_badges(checks: list[objectives.Check]) -> None:
    """One badge per letter; the tooltip says why."""
    for column, check in zip(st.columns(len(checks)), checks, strict=True):
        color, icon = VERDICT_LOOK[check.verdict]
        with column:
            st.badge(
                f"{check.letter} · {tr(f'objectives.smart.{check.letter}')}",
                icon=icon,
                color=color,
                help=check.reason(lang()),
            )


def status_rules() -> list[str]:
    """The status rule in words, in the order it is applied."""
    return [tr(f"objectives.rule.{rule.rule}", **margins()) for rule in objectives.STATUS_RULES]


def objective_summary(objective: Objective) -> str:
    return tr(
        "objectives.summary",
        kpi=kpi_name(objective.kpi),
        scope=scope_name(objective.scope),
        baseline=kpi_value(objective.kpi, objective.baseline),
        target=kpi_value(objective.kpi, objective.target),
        start=date(objective.start_date),
        deadline=date(objective.deadline),
    )


def comparison_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The period comparison with KPI names and values in the user's language."""
    return pd.DataFrame(
        {
            tr("kpipage.kpi"): [kpi_name(k) for k in frame["kpi"]],
            tr("kpipage.period"): [
                kpi_value(k, v) for k, v in zip(frame["kpi"], frame["current"], strict=True)
            ],
            tr("kpipage.previous"): [
                kpi_value(k, v) for k, v in zip(frame["kpi"], frame["previous"], strict=True)
            ],
            tr("kpipage.change"): [
                "—" if c is None or pd.isna(c) else f"{'+' if c > 0 else ''}{number(c * 100)} %"
                for c in frame["change"]
            ],
        }
    )


# ---------------------------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------------------------


def annotated(chart, date_from: dt.date | None = None, date_to: dt.date | None = None):
    """Any time chart with the workspace's annotations between the dates drawn over it."""
    return kpi_charts.with_annotations(chart, load_annotations(), lang(), date_from, date_to)


def progress_chart(objective: Objective, progress: objectives.Progress):
    series = load_chart_series(objective, progress.as_of)
    forecast = pd.DataFrame(columns=["day", "value"])
    if progress.forecast is not None and progress.as_of and progress.as_of < objective.deadline:
        forecast = pd.DataFrame(
            {
                "day": [progress.as_of, objective.deadline],
                "value": [progress.current, progress.forecast],
            }
        )
    data = kpi_charts.progress_lines(
        series,
        objectives.pace_line(objective),
        forecast,
        objective.target,
        (objective.start_date, objective.deadline),
        lang(),
    )
    chart = kpi_charts.progress_chart(data, kpis.KPIS[objective.kpi].unit, lang())
    return annotated(chart, objective.start_date, objective.deadline)


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------


def _default_dates() -> tuple[dt.date, dt.date]:
    start = dt.date.today().replace(day=1)
    end = (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    return start, end


def objective_form(existing: Objective | None, goals: pd.DataFrame) -> None:
    """Create (``existing`` None) or edit an objective; the baseline is proposed from the data."""
    key = "obj_new" if existing is None else f"obj_{existing.objective_id}"
    default_start, default_end = _default_dates()
    names = dict(zip(goals["goal_id"], goals["name"], strict=True))
    current_goal = existing.goal_id if existing else None
    goal_options = [
        None,
        *(
            g
            for g, s in zip(goals["goal_id"], goals["status"], strict=True)
            if s == objectives.ACTIVE or g == current_goal
        ),
    ]
    statement = st.text_area(
        tr("objectives.statement", limit=objectives.STATEMENT_MAX),
        value=existing.statement if existing else "",
        max_chars=objectives.STATEMENT_MAX,
        help=tr("objectives.statement_help"),
        key=f"{key}_statement",
    )
    goal_id = st.selectbox(
        tr("objectives.goal"),
        goal_options,
        index=goal_options.index(current_goal) if current_goal in goal_options else 0,
        format_func=lambda g: tr("objectives.no_goal") if g is None else names[g],
        key=f"{key}_goal",
    )
    left, right = st.columns(2)
    keys = list(kpis.KPIS)
    kpi = left.selectbox(
        tr("objectives.kpi"),
        keys,
        index=keys.index(existing.kpi) if existing else 0,
        format_func=kpi_name,
        key=f"{key}_kpi",
    )
    scope = right.selectbox(
        tr("objectives.scope"),
        objectives.SCOPES,
        index=objectives.SCOPES.index(existing.scope) if existing else 0,
        format_func=scope_name,
        key=f"{key}_scope",
    )
    st.caption(tr(f"kpis.doc.{kpi}"))
    start = left.date_input(
        tr("objectives.start"),
        value=existing.start_date if existing else default_start,
        key=f"{key}_start",
    )
    deadline = right.date_input(
        tr("objectives.deadline"),
        value=existing.deadline if existing else default_end,
        key=f"{key}_deadline",
    )
    proposal = load_proposal(kpi, scope, start, deadline)
    days = (deadline - start).days + 1
    before = (start - dt.timedelta(days=max(1, days)), start - dt.timedelta(days=1))
    span = {
        "kpi": kpi_name(kpi),
        "start": date(before[0]),
        "end": date(before[1]),
    }
    if proposal is None:
        st.caption(tr("objectives.baseline_none", **span))
    else:
        st.caption(tr("objectives.baseline_proposed", value=kpi_value(kpi, proposal), **span))
    baseline = left.number_input(
        tr("objectives.baseline"),
        value=existing.baseline if existing else None,
        step=1.0,
        placeholder=kpi_value(kpi, proposal) if proposal is not None else None,
        help=tr("objectives.baseline_help"),
        key=f"{key}_baseline",
    )
    target = right.number_input(
        tr("objectives.target"),
        value=existing.target if existing else None,
        step=1.0,
        key=f"{key}_target",
    )
    owner = left.text_input(
        tr("objectives.owner"), value=existing.owner if existing else "", key=f"{key}_owner"
    )
    notes = right.text_input(
        tr("objectives.notes"), value=existing.notes if existing else "", key=f"{key}_notes"
    )
    if not st.button(tr("objectives.save"), type="primary", key=f"{key}_save"):
        return
    objective = Objective(
        existing.objective_id if existing else None,
        statement,
        goal_id,
        kpi,
        scope,
        baseline if baseline is not None else proposal,
        target,
        start,
        deadline,
        owner,
        notes,
    )
    error = save_objective(objective)
    if error:
        st.error(error)  # here, by the form, on this run: what was typed stays to be corrected
        return
    done(None, tr("objectives.saved", statement=statement.strip()))

"""The Objectives page's glue: goals and objectives, their SMART check, the objective form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.metrics import kpis
from smdash.plan import objectives
from smdash.plan.objectives import Objective
from smdash.ui.kpi_terms import kpi_name, kpi_value, scope_name
from smdash.ui.runtime import date, date_format, done, labels_by, lang, loader, tr, write

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
load_proposal = loader(objectives.propose_baseline)


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


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------


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
        format_func=labels_by(
            goal_options, lambda g: tr("objectives.no_goal") if g is None else names[g]
        ),
        key=f"{key}_goal",
    )
    left, right = st.columns(2)
    keys = list(kpis.KPIS)
    kpi = left.selectbox(
        tr("objectives.kpi"),
        keys,
        index=keys.index(existing.kpi) if existing else 0,
        format_func=labels_by(keys, kpi_name),
        key=f"{key}_kpi",
    )
    scope = right.selectbox(
        tr("objectives.scope"),
        objectives.SCOPES,
        index=objectives.SCOPES.index(existing.scope) if existing else 0,
        format_func=labels_by(objectives.SCOPES, scope_name),
        key=f"{key}_scope",
    )
    st.caption(tr(f"kpis.doc.{kpi}"))
    start = left.date_input(
        tr("objectives.start"),
        value=existing.start_date if existing else default_start,
        key=f"{key}_start",
        format=date_format(),
    )
    deadline = right.date_input(
        tr("objectives.deadline"),
        value=existing.deadline if existing else default_end,
        key=f"{key}_deadline",
        format=date_format(),
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

"""The Objectives page's glue: goals and objectives, their SMART check, the objective form."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.metrics import kpis
from smdash.plan import objectives
from smdash.plan.actions import Action
from smdash.plan.objectives import Objective
from smdash.ui import forms, review
from smdash.ui.kpi_terms import kpi_name, kpi_value, scope_name
from smdash.ui.runtime import (
    ahead_of_visits,
    date,
    date_format,
    labels_by,
    lang,
    loader,
    plain,
    tr,
    write,
)

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
load_smarts = loader(objectives.smart_checks)


@ahead_of_visits(place=4)
def _smart_ahead(read) -> None:
    read(load_smarts)


load_one_smart = loader(objectives.smart_check)
load_proposal = loader(objectives.propose_baseline)


def load_smart(item: objectives.Objective) -> list[objectives.Check]:
    """The SMART check of ``item``: the active objectives are checked in one cache entry (keyed
    by no argument, cheap to look up), so a first visit opens the database once for them all."""
    found = load_smarts()
    return found[item.objective_id] if item.objective_id in found else load_one_smart(item)


NEW_OPEN = "objectives_new_open"  # the New objective expander
EDITOR_OPEN = "objectives_editor_open"  # the Edit objective expander, kept open by the session
EDITOR_PICK = "edit_pick"  # the objective being edited


# ---------------------------------------------------------------------------------------------
# Writers: each returns an error text for the user, or None when it worked
# ---------------------------------------------------------------------------------------------


def add_goal(name: str) -> str | None:
    return write(objectives.add_goal, name).error


def archive_goal(goal_id: int) -> str | None:
    return write(objectives.set_goal_status, goal_id, objectives.ARCHIVED).error


def set_objective_status(objective_id: int, status: str) -> str | None:
    return write(objectives.set_objective_status, objective_id, status).error


# ---------------------------------------------------------------------------------------------
# Widgets
# ---------------------------------------------------------------------------------------------


def goals_list(goals: pd.DataFrame) -> str:
    """The active business goals as one Markdown list, each with its count of objectives."""
    return "\n".join(
        f"- **{plain(goal.name)}** · {tr('objectives.goal_objectives', count=goal.objectives)}"
        for goal in goals.itertuples()
    )


def smart_badges(checks: list[objectives.Check]) -> None:
    """The five letters as badges on one line, one element (a page of ten objectives drew sixty
    for them); its tooltip says why, letter by letter."""
    badges = []
    for check in checks:
        color, icon = VERDICT_LOOK[check.verdict]
        badges.append(
            f":{color}-badge[{icon} {check.letter} · {tr(f'objectives.smart.{check.letter}')}]"
        )
    reasons = [f"**{check.letter}** · {plain(check.reason(lang()))}" for check in checks]
    st.markdown(" ".join(badges), help="\n\n".join(reasons))


def open_editor(objective_id: int) -> None:
    """An objective's Edit button: the edit form, open on that objective."""
    st.session_state[EDITOR_PICK] = objective_id
    st.session_state[EDITOR_OPEN] = True


def actions_by_objective() -> dict[int, list[Action]]:
    found: dict[int, list[Action]] = {}
    for action in review.load_actions():
        found.setdefault(action.objective_id, []).append(action)
    return found


def objective_actions(item: Objective, its_actions: list[Action], items: list) -> None:
    """Under an objective: its actions, and a form that adds one to it (drawn only while the
    expander is open: a page of ten objectives stays light)."""
    key = f"obj_actions_{item.objective_id}"
    shown = st.expander(tr("forms.actions_of", count=len(its_actions)), key=key, on_change="rerun")
    if not shown.open:
        return
    with shown:
        if not its_actions:
            st.caption(tr("forms.no_actions"))
        for action in its_actions:
            line = tr(
                "forms.action_line",
                description=action.description,
                dates=f"{date(action.start_date)} – {date(action.end_date)}",
                status=tr(f"review.item_status.{action.status}"),
            )
            st.markdown(f"- {tr('review.action_prefix')}{action.action_id} · {line}")
        st.markdown(f"**{tr('forms.add_action')}**")
        review.action_form(None, items, objective_id=item.objective_id, expander=key)


def _default_dates() -> tuple[dt.date, dt.date]:
    start = dt.date.today().replace(day=1)
    end = (start + dt.timedelta(days=95)).replace(day=1) - dt.timedelta(days=1)
    return start, end


def _new_defaults() -> dict[str, object]:
    """The new-objective form's first values (by widget), put back once an objective is saved."""
    start, end = _default_dates()
    return {
        "statement": "",
        "goal": None,
        "kpi": next(iter(kpis.KPIS)),
        "scope": objectives.SCOPES[0],
        "start": start,
        "deadline": end,
        "baseline": None,
        "target": None,
        "owner": "",
        "notes": "",
    }


OBJECTIVE = forms.Kind(
    objectives.problems, objectives.add_objective, objectives.update_objective, _new_defaults
)


def _given(existing: Objective | None, attr: str) -> dict:
    """An edited objective's value as the widget's ``value=``; a new one's comes from the
    session (forms.start)."""
    return {} if existing is None else {"value": getattr(existing, attr)}


def _goal_options(existing: Objective | None, goals: pd.DataFrame) -> list:
    current_goal = existing.goal_id if existing else None
    return [
        None,
        *(
            g
            for g, s in zip(goals["goal_id"], goals["status"], strict=True)
            if s == objectives.ACTIVE or g == current_goal
        ),
    ]


def objective_form(existing: Objective | None, goals: pd.DataFrame) -> None:
    """Create (``existing`` None) or edit an objective; the baseline is proposed from the data.

    Saved by the button's callback: a new objective's form is emptied once it is saved, and a
    refusal is shown under the field it names."""
    key = "obj_new" if existing is None else f"obj_{existing.objective_id}"
    if existing is None:
        forms.start(key, _new_defaults())
    names = dict(zip(goals["goal_id"], goals["name"], strict=True))
    goal_options = _goal_options(existing, goals)
    statement = st.text_area(
        tr("objectives.statement", limit=objectives.STATEMENT_MAX),
        max_chars=objectives.STATEMENT_MAX,
        help=tr("objectives.statement_help"),
        key=f"{key}_statement",
        **_given(existing, "statement"),
    )
    forms.problem_under(st, key, "statement", statement)
    goal_id = st.selectbox(
        tr("objectives.goal"),
        goal_options,
        format_func=labels_by(
            goal_options, lambda g: tr("objectives.no_goal") if g is None else names[g]
        ),
        key=f"{key}_goal",
        **({} if existing is None else {"index": goal_options.index(existing.goal_id)}),
    )
    forms.problem_under(st, key, "goal_id", goal_id)
    left, right = st.columns(2)
    keys = list(kpis.KPIS)
    kpi = left.selectbox(
        tr("objectives.kpi"),
        keys,
        format_func=labels_by(keys, kpi_name),
        key=f"{key}_kpi",
        **({} if existing is None else {"index": keys.index(existing.kpi)}),
    )
    scope = right.selectbox(
        tr("objectives.scope"),
        objectives.SCOPES,
        format_func=labels_by(objectives.SCOPES, scope_name),
        key=f"{key}_scope",
        **({} if existing is None else {"index": objectives.SCOPES.index(existing.scope)}),
    )
    st.caption(tr(f"kpis.doc.{kpi}"))
    left, right = st.columns(2)
    start = left.date_input(
        tr("objectives.start"),
        key=f"{key}_start",
        format=date_format(),
        **_given(existing, "start_date"),
    )
    forms.problem_under(left, key, "start_date", start)
    deadline = right.date_input(
        tr("objectives.deadline"),
        key=f"{key}_deadline",
        format=date_format(),
        **_given(existing, "deadline"),
    )
    forms.problem_under(right, key, "deadline", deadline)
    proposal = _baseline_caption(kpi, scope, start, deadline)
    left, right = st.columns(2)
    baseline = left.number_input(
        tr("objectives.baseline"),
        step=1.0,
        placeholder=kpi_value(kpi, proposal) if proposal is not None else None,
        help=tr("objectives.baseline_help"),
        key=f"{key}_baseline",
        **_given(existing, "baseline"),
    )
    forms.problem_under(left, key, "baseline", baseline)
    target = right.number_input(
        tr("objectives.target"), step=1.0, key=f"{key}_target", **_given(existing, "target")
    )
    forms.problem_under(right, key, "target", target)
    left, right = st.columns(2)
    left.text_input(tr("objectives.owner"), key=f"{key}_owner", **_given(existing, "owner"))
    right.text_input(tr("objectives.notes"), key=f"{key}_notes", **_given(existing, "notes"))
    st.button(
        tr("objectives.save"),
        type="primary",
        key=f"{key}_save",
        on_click=_save_objective,
        args=(key, existing.objective_id if existing else None),
    )


def _baseline_caption(kpi: str, scope: str, start, deadline) -> float | None:
    """The baseline proposed from the data (or why there is none), under the dates; returned."""
    if not (isinstance(start, dt.date) and isinstance(deadline, dt.date)):
        return None  # a date being typed
    proposal = load_proposal(kpi, scope, start, deadline)
    days = (deadline - start).days + 1
    before = (start - dt.timedelta(days=max(1, days)), start - dt.timedelta(days=1))
    span = {"kpi": kpi_name(kpi), "start": date(before[0]), "end": date(before[1])}
    if proposal is None:
        st.caption(tr("objectives.baseline_none", **span))
    else:
        st.caption(tr("objectives.baseline_proposed", value=kpi_value(kpi, proposal), **span))
    return proposal


def _save_objective(key: str, objective_id: int | None) -> None:
    """The Save button's callback: the objective the form holds, checked and saved."""
    get = lambda field: forms.value(key, field)  # noqa: E731
    kpi, scope, start, deadline = get("kpi"), get("scope"), get("start"), get("deadline")
    baseline = get("baseline")
    if baseline is None and isinstance(start, dt.date) and isinstance(deadline, dt.date):
        baseline = load_proposal(kpi, scope, start, deadline)
    objective = Objective(
        objective_id,
        get("statement") or "",
        get("goal"),
        kpi,
        scope,
        baseline,
        get("target"),
        start,
        deadline,
        get("owner") or "",
        get("notes") or "",
    )
    saved = tr("objectives.saved", statement=objective.statement.strip())
    if forms.save(key, OBJECTIVE, objective, objective_id is None, saved) and objective_id:
        # the statement as stored (a new target may have been written into it) on the next run
        st.session_state.pop(f"{key}_statement", None)

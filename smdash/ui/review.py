"""The Plan review page's glue: cached loaders, writers, tables in the user's words, sections.

Every section is one function the page calls: the cycle and what it carried over, the review
(evidence, suggestions, decisions, interpretation, save, export, next cycle), the actions
(Gantt chart, results, editor), the history and the rules with their thresholds.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from smdash import review
from smdash.core.errors import InvalidInput
from smdash.plan import actions, objectives, statements
from smdash.plan.actions import Action
from smdash.reports import review_charts
from smdash.review import ACTION, OBJECTIVE, Cycle, Decision, Thresholds
from smdash.ui import forms, kpi_terms
from smdash.ui.runtime import (
    Keys,
    ahead_of_visits,
    altair_chart,
    currency,
    date,
    date_format,
    date_range,
    date_time,
    done,
    flash,
    folded,
    labels_by,
    lang,
    loader,
    made_on_click,
    money,
    number,
    said,
    tr,
    write,
)

# ---------------------------------------------------------------------------------------------
# Cached loaders (runtime.loader): keyed by the database file, its data version and the arguments
# ---------------------------------------------------------------------------------------------


load_cycles = loader(review.cycles)
load_current = loader(review.current_cycle)
load_thresholds = loader(review.thresholds)
load_cycle_evidence = loader(review.cycle_evidence)
load_reviews = loader(review.reviews)
load_items = loader(review.review_items)
load_carried = loader(review.carried)
load_history = loader(review.history)
load_overview = loader(review.cycles_overview)
load_dropped = loader(review.dropped)
load_objectives = loader(objectives.list_objectives)
load_plan = loader(actions.plan)
load_actions = loader(actions.list_actions)
load_results = loader(actions.results)
load_as_of = loader(review.cycle_as_of)
load_draft = loader(review.interpretation_draft)


@ahead_of_visits(place=6)
def _review_ahead(read) -> None:
    """The current cycle as the Review tab reads it: its evidence and what frames it (not the
    draft of its interpretation, which is in the user's language)."""
    cycle = read(load_current)
    if cycle is None:
        return
    read(load_cycle_evidence, cycle)
    read(load_as_of, cycle)
    read(load_thresholds)
    read(load_carried, cycle.cycle_id)
    read(load_reviews, cycle.cycle_id)


def load_evidence(cycle: Cycle) -> pd.DataFrame:
    """The cycle's evidence (``review.evidence``), cached with its actions' totals."""
    return load_cycle_evidence(cycle).frame


# ---------------------------------------------------------------------------------------------
# Words and numbers
# ---------------------------------------------------------------------------------------------


def period(cycle: Cycle) -> str:
    return f"{date(cycle.date_from)} – {date(cycle.date_to)}"


def decision_label(decision: str) -> str:
    return tr(f"review.decision.{decision}")


def rule_text(kind: str, rule: str, limits: Thresholds) -> str:
    params = review.rule_params(limits, lang())
    return tr(f"review.rule.{kind}.{rule}", count=limits.stalled_periods, **params)


def _value(kpi: str | None, value) -> str:
    if kpi is None or value is None or pd.isna(value):
        return "—"
    return kpi_terms.kpi_value(kpi, value)


def _share(value) -> str:
    return "—" if value is None or pd.isna(value) else f"{number(value * 100)} %"


def _change(value) -> str:
    if value is None or pd.isna(value):
        return "—"
    return f"{'+' if value > 0 else ''}{number(value * 100)} %"


def _money(value) -> str:
    return tr("review.no_cost") if value is None or pd.isna(value) else money(value)


def _cost(value, shared_with="", shared_cost=None) -> str:
    """The cost, with the actions it shares a campaign's costs with."""
    note = review.shared_cost_note(shared_with, shared_cost, value, lang(), currency())
    return f"{_money(value)} ({note})" if note else _money(value)


def _costs(rows: pd.DataFrame, cost: str = "cost") -> list[str]:
    return [
        _cost(*values)
        for values in zip(rows[cost], rows["cost_shared_with"], rows["shared_cost"], strict=True)
    ]


def _cost_per_result(value) -> str:
    return "—" if value is None or pd.isna(value) else money(value)


def _per_result(value) -> str:
    return "—" if value is None or pd.isna(value) else number(value, 2)


def _result(value, kind, shared_with="", shared_result=None) -> str:
    if value is None or pd.isna(value):
        return tr("review.no_results")
    if kind in actions.RESULT_KINDS:
        text = f"{number(value)} {tr(f'review.result.{kind}')}"
        note = review.shared_note(shared_with, shared_result, value, lang())
        return f"{text} ({note})" if note else text
    return _value(kind, value)


def _results(rows: pd.DataFrame) -> list[str]:
    """Each action's result, with the actions it shares it with."""
    return [
        _result(*values)
        for values in zip(
            rows["result"],
            rows["result_kind"],
            rows["shared_with"],
            rows["shared_result"],
            strict=True,
        )
    ]


def objective_table(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[frame["kind"] == OBJECTIVE]
    column = lambda key: tr(f"review.column.{key}")  # noqa: E731
    return pd.DataFrame(
        {
            "#": rows["item_id"].astype(int),
            column("objective"): rows["label"],
            column("kpi"): [
                f"{kpi_terms.kpi_name(k)} · {kpi_terms.scope_name(s)}"
                for k, s in zip(rows["kpi"], rows["scope"], strict=True)
            ],
            column("target"): [
                _value(k, v) for k, v in zip(rows["kpi"], rows["target"], strict=True)
            ],
            column("achieved"): [
                _value(k, v) for k, v in zip(rows["kpi"], rows["achieved"], strict=True)
            ],
            column("progress"): [_share(v) for v in rows["progress"]],
            column("expected"): [_share(v) for v in rows["expected"]],
            column("status"): [tr(f"review.item_status.{s}") for s in rows["status"]],
            column("trend"): [_change(v) for v in rows["trend"]],
            column("stalled_periods"): rows["stalled_periods"].fillna(0).astype(int),
            column("forecast"): [
                _value(k, v) for k, v in zip(rows["kpi"], rows["forecast"], strict=True)
            ],
            column("cost"): [_money(v) for v in rows["cost"]],
            column("cost_per_result"): [_cost_per_result(v) for v in rows["cost_per_result"]],
            column("previous_cost_per_result"): [
                _cost_per_result(v) for v in rows["previous_cost_per_result"]
            ],
            column("suggested"): [decision_label(d) for d in rows["suggested"]],
        }
    )


def action_table(frame: pd.DataFrame) -> pd.DataFrame:
    rows = frame[frame["kind"] == ACTION]
    column = lambda key: tr(f"review.column.{key}")  # noqa: E731
    return pd.DataFrame(
        {
            "#": rows["item_id"].astype(int),
            column("objective_id"): [f"#{o}" for o in rows["objective_id"]],
            column("action"): rows["label"],
            column("scope"): [
                "—" if pd.isna(s) else kpi_terms.scope_name(s) for s in rows["scope"]
            ],
            column("status"): [tr(f"review.item_status.{s}") for s in rows["status"]],
            column("result"): _results(rows),
            column("cost"): _costs(rows),
            column("cost_per_result"): [_cost_per_result(v) for v in rows["cost_per_result"]],
            column("previous_cost_per_result"): [
                _cost_per_result(v) for v in rows["previous_cost_per_result"]
            ],
            column("hours"): [_per_result(v) for v in rows["hours"]],
            column("result_per_hour"): [_per_result(v) for v in rows["result_per_hour"]],
            column("suggested"): [decision_label(d) for d in rows["suggested"]],
        }
    )


# ---------------------------------------------------------------------------------------------
# The cycle
# ---------------------------------------------------------------------------------------------


def _period_widgets(key: str, start: dt.date, kind: str = "month") -> tuple:
    """(period kind, first day, last day for custom dates) chosen by the user."""
    left, right = st.columns(2)
    period_kind = left.selectbox(
        tr("review.period"),
        review.PERIODS,
        index=review.PERIODS.index(kind),
        format_func=labels_by(review.PERIODS, lambda p: tr(f"review.period.{p}")),
        key=f"{key}_period",
    )
    first = right.date_input(
        tr("review.period_start"), value=start, key=f"{key}_start", format=date_format()
    )
    last = None
    if period_kind == "custom":
        last = right.date_input(
            tr("review.period_end"),
            value=first + dt.timedelta(days=29),
            key=f"{key}_end",
            format=date_format(),
        )
    return period_kind, first, last


def first_cycle_section() -> None:
    st.info(tr("review.no_cycle"))
    today = dt.date.today()
    period_kind, first, last = _period_widgets("first_cycle", today.replace(day=1))
    if st.button(tr("review.start_first"), type="primary", key="start_first_cycle"):
        _, error = write(review.start_first_cycle, period_kind, first, last)
        done(error, tr("review.cycle_started"))


def cycle_header(cycle: Cycle) -> None:
    st.subheader(tr("review.cycle_title", number=cycle.number, period=period(cycle)))
    st.caption(tr(f"review.period.{cycle.period}"))
    carried = load_carried(cycle.cycle_id)
    if carried.empty:
        return
    pending = carried[(carried["origin"] == review.IMPROVE) & ~carried["adjusted"]]
    counts = carried["origin"].value_counts()
    st.caption(
        tr(
            "review.carried_counts",
            keep=tr("review.carried.keep", count=int(counts.get(review.KEEP, 0))),
            improve=tr("review.carried.improve", count=int(counts.get(review.IMPROVE, 0))),
            drop=tr("review.carried.drop", count=int(counts.get(review.DROP, 0))),
        )
    )
    if pending.empty:
        return
    with st.container(border=True):
        st.markdown(f"**{tr('review.to_adjust')}**")
        st.caption(tr("review.to_adjust_help"))
        for row in pending.itertuples():
            label = (row.label or "").rstrip(". ")
            parts = [tr(f"review.adjust.{row.kind}", label=label, id=row.item_id)]
            if not pd.isna(row.new_target):
                parts.append(tr("review.adjust.new_target", target=number(row.new_target, 2)))
            if row.kind == OBJECTIVE and not statements.states_target(
                row.label, row.target, row.kpi
            ):
                target = statements.target_text(row.target, lang())
                parts.append(tr("statements.reword", target=target))
            if row.reason:
                parts.append(tr("review.adjust.reason", reason=row.reason))
            line = " · ".join(parts)
            text, button = st.columns([5, 1])
            text.markdown(line)
            if button.button(tr("review.adjusted"), key=f"adjusted_{row.kind}_{row.item_id}"):
                _, error = write(review.mark_adjusted, cycle.cycle_id, row.kind, row.item_id)
                done(error, tr("review.adjusted_ok", label=row.label))


# ---------------------------------------------------------------------------------------------
# The review
# ---------------------------------------------------------------------------------------------


def decision_table(kind: str, items: pd.DataFrame, limits: Thresholds) -> pd.DataFrame:
    """One kind's rows of ``review.prefilled`` as the decisions editor shows them, indexed by
    the items' ids (so that edits are kept only while the same items are listed): the item, the
    editable decision, reason and (objectives) new target, then the suggestion and its rule."""
    rows = items[items["kind"] == kind]
    prefix = "#" if kind == OBJECTIVE else tr("review.action_prefix")
    table = {
        "item": [
            f"{prefix}{i} · {label}"
            for i, label in zip(rows["item_id"], rows["label"], strict=True)
        ],
        "decision": rows["decision"].to_numpy(),
        "reason": rows["reason"].to_numpy(),
        "new_target": rows["new_target"].to_numpy(),
        "suggested": [decision_label(d) for d in rows["suggested"]],
        "why": [rule_text(kind, rule, limits) for rule in rows["rule"]],
    }
    if kind != OBJECTIVE:
        del table["new_target"]
    return pd.DataFrame(table, index=pd.Index(rows["item_id"].astype(int), name="item_id"))


# The decisions editors' columns in pixels: the editable ones (decision, reason, new target)
# in view next to the item at 1400 px; the rule in words takes what is left.
DECISION_WIDTHS = {"item": 220, "decision": 120, "reason": 260, "new_target": 120, "suggested": 110}


def _decision_columns(kind: str) -> dict:
    width = DECISION_WIDTHS
    return {
        "item": st.column_config.TextColumn(tr(f"review.column.{kind}"), width=width["item"]),
        "decision": st.column_config.SelectboxColumn(
            tr("review.decision"),
            options=review.DECISIONS,
            format_func=decision_label,
            required=True,
            width=width["decision"],
        ),
        "reason": st.column_config.TextColumn(
            tr("review.reason"),
            max_chars=review.REASON_MAX,
            help=tr("review.reason_placeholder"),
            width=width["reason"],
        ),
        "new_target": st.column_config.NumberColumn(
            tr("review.new_target"), help=tr("review.new_target_help"), width=width["new_target"]
        ),
        "suggested": st.column_config.TextColumn(
            tr("review.column.suggested"), width=width["suggested"]
        ),
        "why": st.column_config.TextColumn(tr("review.column.why"), width="large"),
    }


def _decisions_editor(
    cycle: Cycle, kind: str, items: pd.DataFrame, limits: Thresholds
) -> list[Decision]:
    """One kind's decisions as an editable table (none when the cycle reviews none of them)."""
    table = decision_table(kind, items, limits)
    if table.empty:
        return []
    title = tr("review.decisions_objectives" if kind == OBJECTIVE else "review.decisions_actions")
    st.markdown(f"**{title}**")
    edited = st.data_editor(
        table,
        hide_index=True,
        num_rows="fixed",
        column_config=_decision_columns(kind),
        disabled=["item", "suggested", "why"],
        placeholder="",
        alt=title,
        key=f"c{cycle.cycle_id}_decisions_{kind}",
    )
    return review.edited_decisions(kind, edited)


def _saved_items(review_id: int | None) -> pd.DataFrame | None:
    return None if review_id is None else load_items(review_id)


def review_section(cycle: Cycle) -> None:
    limits = load_thresholds()
    frame = load_evidence(cycle)
    as_of = load_as_of(cycle)
    saved = load_reviews(cycle.cycle_id)
    latest = saved[0] if saved else None
    st.caption(tr("review.as_of", date=date(as_of)) if as_of else tr("review.no_data"))
    if latest:
        st.caption(
            tr(
                "review.saved_version",
                version=latest.version,
                saved=date_time(latest.saved_at),
            )
        )
    with st.expander(tr("review.rules_title")):
        rules_in_words(limits)
    if frame.empty:
        st.info(tr("review.nothing"))
        return
    st.markdown(f"#### {tr('review.evidence_objectives')}")
    st.dataframe(objective_table(frame), hide_index=True)
    if (frame["kind"] == ACTION).any():
        st.markdown(f"#### {tr('review.evidence_actions')}")
        st.dataframe(action_table(frame), hide_index=True)
        totals_caption(cycle)
    else:
        st.caption(tr("review.no_actions"))
    _decisions_form(cycle, frame, latest, limits)
    if latest:
        export_button(latest, cycle)
    next_cycle_section(cycle, latest)


def totals_caption(cycle: Cycle) -> None:
    """What the listed actions brought and cost together, each result and cost counted once."""
    found = load_cycle_evidence(cycle)
    notes = [
        review.totals_note(found.totals, lang()),
        review.cost_totals_note(found.costs, lang(), currency()),
    ]
    for note in notes:
        if note:
            st.caption(note)


def _decisions_form(cycle: Cycle, frame: pd.DataFrame, latest, limits: Thresholds) -> None:
    items = review.prefilled(frame, _saved_items(latest.review_id if latest else None))
    texts = latest.interpretation if latest else load_draft(cycle, frame, lang())
    with st.form(f"review_form_{cycle.cycle_id}"):
        st.markdown(f"#### {tr('review.decisions')}")
        st.caption(tr("review.decisions_help"))
        decisions = [
            *_decisions_editor(cycle, OBJECTIVE, items, limits),
            *_decisions_editor(cycle, ACTION, items, limits),
        ]
        st.markdown(f"#### {tr('review.interpretation')}")
        st.caption(tr("review.interpretation_help"))
        sections = {
            section: st.text_area(
                tr(f"review.section.{section}"),
                value=texts[section],
                max_chars=review.SECTION_MAX,
                key=f"c{cycle.cycle_id}_section_{section}",
            )
            for section in review.SECTIONS
        }
        submitted = st.form_submit_button(tr("review.save"), type="primary", key="save_review")
    if not submitted:
        return
    result, error = write(review.save_review, cycle.cycle_id, decisions, sections)
    if error:
        st.error(error)
        return
    if result.created:
        done(None, tr("review.saved", version=result.version))
    flash("info", tr("review.unchanged", version=result.version))
    st.rerun()


def export_button(saved: review.Review, cycle: Cycle, where: str = "review") -> None:
    st.download_button(
        tr("review.export", version=saved.version),
        data=made_on_click(review.workbook, saved.review_id, lang()),
        file_name=f"plan-review-cycle{cycle.number}-v{saved.version}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"export_{where}_{saved.review_id}",
    )


def next_cycle_section(cycle: Cycle, latest) -> None:
    st.markdown(f"#### {tr('review.next_cycle')}")
    if latest is None:
        st.caption(tr("review.next_cycle_save_first"))
        return
    st.caption(tr("review.next_cycle_help", version=latest.version))
    start, _ = review.next_period(cycle)
    period_kind, first, last = _period_widgets(f"next_{cycle.cycle_id}", start, cycle.period)
    if st.button(tr("review.start_next"), type="primary", key="start_next_cycle"):
        st.session_state[Keys.NEXT_CYCLE_ASKED] = cycle.cycle_id
    if st.session_state.get(Keys.NEXT_CYCLE_ASKED) == cycle.cycle_id:
        _confirm_next_cycle(cycle, latest.version, period_kind, first, last)


def _confirm_next_cycle(cycle: Cycle, version: int, period_kind: str, first, last) -> None:
    """The next cycle starts (closing this one) only once the user confirmed it."""
    try:
        end = review.period_end(period_kind, first, last)
    except InvalidInput as exc:
        st.error(said(exc))
        return
    number, period = cycle.number + 1, date_range(first, end)
    current = cycle.number
    st.warning(
        tr("confirm.next_cycle_ask", number=number, period=period, current=current, version=version)
    )
    yes, no = st.columns(2)
    if yes.button(
        tr("confirm.next_cycle_yes", number=number), type="primary", key="confirm_next_cycle"
    ):
        st.session_state.pop(Keys.NEXT_CYCLE_ASKED, None)
        _, error = write(review.start_next_cycle, cycle.cycle_id, period_kind, first, last)
        done(error, tr("review.next_started", number=number))
    if no.button(tr("confirm.cancel"), key="cancel_next_cycle"):
        st.session_state.pop(Keys.NEXT_CYCLE_ASKED, None)
        st.rerun()


def rules_in_words(limits: Thresholds) -> None:
    for kind in (OBJECTIVE, ACTION):
        st.markdown(f"**{tr(f'review.rules_for.{kind}')}**")
        st.markdown("\n".join(f"1. {text}" for text in review.rules_in_words(kind, limits, lang())))


# ---------------------------------------------------------------------------------------------
# Actions
# ---------------------------------------------------------------------------------------------


def actions_section(today: dt.date | None) -> None:
    st.caption(tr("actions.intro"))
    plan = load_plan()
    if plan.empty:
        st.info(tr("actions.none"))
    else:
        altair_chart(
            review_charts.gantt(plan, lang(), today), height=review_charts.gantt_height(len(plan))
        )
        st.dataframe(actions_table(plan, load_results()), hide_index=True)
    goals = load_objectives()
    if not goals:
        st.caption(tr("actions.no_objectives"))
        return
    folded(tr("actions.new"), "actions_new_open", partial(action_form, None, goals), plan.empty)
    listed = load_actions()
    if listed:
        folded(tr("actions.edit"), "actions_edit_open", partial(_action_editor, listed, goals))


def _action_editor(listed: list[Action], goals: list) -> None:
    by_id = {a.action_id: a for a in listed}
    chosen = st.selectbox(
        tr("actions.pick"),
        list(by_id),
        format_func=labels_by(
            by_id, lambda i: f"{tr('review.action_prefix')}{i} · {by_id[i].description}"
        ),
        key="action_pick",
    )
    action_form(by_id[chosen], goals)


def actions_table(plan: pd.DataFrame, results: pd.DataFrame) -> pd.DataFrame:
    found = plan.merge(results, on="action_id", how="left")
    column = lambda key: tr(f"actions.column.{key}")  # noqa: E731
    return pd.DataFrame(
        {
            "#": found["action_id"].astype(int),
            column("objective"): [f"#{o}" for o in found["objective_id"]],
            column("description"): found["description"],
            column("network"): [kpi_terms.scope_name(n) if n else "—" for n in found["network"]],
            column("campaign"): [c or "—" for c in found["campaign"]],
            column("dates"): [
                f"{date(a)} – {date(b)}"
                for a, b in zip(found["start_date"], found["end_date"], strict=True)
            ],
            column("owner"): found["owner"],
            column("status"): [tr(f"review.item_status.{s}") for s in found["status"]],
            column("cost"): _costs(found, "cost_y"),  # its own, or its campaign's
            column("result"): _results(found),
            column("cost_per_result"): [_cost_per_result(v) for v in found["cost_per_result"]],
        }
    )


def _to_date(value) -> dt.date:
    return value.date() if isinstance(value, pd.Timestamp) else value


def _new_action_defaults() -> dict[str, object]:
    """The new-action form's first values (by widget), put back once an action is saved; the
    objective stays chosen, for the next action of the same objective."""
    today = dt.date.today()
    return {
        "description": "",
        "network": actions.NETWORKS[0],
        "campaign": "",
        "start": today,
        "end": today + dt.timedelta(days=30),
        "owner": "",
        "cost": None,
        "status": actions.STATUSES[0],
    }


ACTION_FORM = forms.Kind(
    actions.problems, actions.add_action, actions.update_action, _new_action_defaults
)


def _given(existing: Action | None, attr: str, options=None) -> dict:
    """An edited action's value as the widget's ``value=`` (``index=`` among ``options``); a new
    one's comes from the session (forms.start)."""
    if existing is None:
        return {}
    current = getattr(existing, attr)
    if options is not None:
        return {"index": list(options).index(current)}
    return {"value": _to_date(current) if attr.endswith("_date") else current}


def action_form(
    existing: Action | None,
    goals: list,
    objective_id: int | None = None,
    expander: str | None = None,
) -> None:
    """Add (``existing`` None) or edit an action; with ``objective_id``, a new action of that
    objective (the Objectives page, under the objective, in the expander keyed ``expander``:
    kept open after a save, when its label counts one more action).

    Saved by the button's callback: a new action's form is emptied once it is saved, and a
    refusal is shown under the field it names."""
    if existing is not None:
        key = f"act_{existing.action_id}"
    else:
        key = "act_new" if objective_id is None else f"act_for_{objective_id}"
        forms.start(key, _new_action_defaults())
    if objective_id is None:
        ids = [g.objective_id for g in goals]
        if existing is not None and existing.objective_id not in ids:
            ids.append(existing.objective_id)
        statements = {g.objective_id: g.statement for g in goals}
        chosen = st.selectbox(
            tr("actions.objective"),
            ids,
            index=ids.index(existing.objective_id) if existing else 0,
            format_func=lambda i: f"#{i} · {statements.get(i, '')[:80]}",
            key=f"{key}_objective",
        )
        forms.problem_under(st, key, "objective_id", chosen)
    description = st.text_input(
        tr("actions.description"),
        max_chars=actions.DESCRIPTION_MAX,
        key=f"{key}_description",
        **_given(existing, "description"),
    )
    forms.problem_under(st, key, "description", description)
    left, right = st.columns(2)
    left.selectbox(
        tr("actions.network"),
        actions.NETWORKS,
        format_func=labels_by(
            actions.NETWORKS,
            lambda n: kpi_terms.scope_name(n) if n else tr("actions.no_network"),
        ),
        key=f"{key}_network",
        **_given(existing, "network", actions.NETWORKS),
    )
    right.text_input(
        tr("actions.campaign"),
        help=tr("actions.campaign_help"),
        key=f"{key}_campaign",
        **_given(existing, "campaign"),
    )
    left, right = st.columns(2)
    start = left.date_input(
        tr("actions.start"),
        key=f"{key}_start",
        format=date_format(),
        **_given(existing, "start_date"),
    )
    forms.problem_under(left, key, "start_date", start)
    end = right.date_input(
        tr("actions.end"), key=f"{key}_end", format=date_format(), **_given(existing, "end_date")
    )
    forms.problem_under(right, key, "end_date", end)
    left, right = st.columns(2)
    left.text_input(tr("actions.owner"), key=f"{key}_owner", **_given(existing, "owner"))
    cost = right.number_input(
        tr("actions.cost"),
        min_value=0.0,
        step=10.0,
        help=tr("actions.cost_help"),
        key=f"{key}_cost",
        **_given(existing, "cost"),
    )
    forms.problem_under(right, key, "cost", cost)
    left.selectbox(
        tr("actions.status"),
        actions.STATUSES,
        format_func=labels_by(actions.STATUSES, lambda s: tr(f"review.item_status.{s}")),
        key=f"{key}_status",
        **_given(existing, "status", actions.STATUSES),
    )
    st.button(
        tr("actions.save"),
        type="primary",
        key=f"{key}_save",
        on_click=_save_action,
        args=(key, existing.action_id if existing else None, objective_id, expander),
    )


def _save_action(
    key: str, action_id: int | None, objective_id: int | None, expander: str | None
) -> None:
    """The Save button's callback: the action the form holds, checked and saved."""
    get = lambda field: forms.value(key, field)  # noqa: E731
    action = Action(
        action_id,
        objective_id if objective_id is not None else get("objective"),
        get("description") or "",
        get("network"),
        get("campaign") or "",
        get("start"),
        get("end"),
        get("owner") or "",
        get("cost"),
        get("status"),
    )
    message = tr("actions.saved", description=action.description.strip())
    saved = forms.save(key, ACTION_FORM, action, action_id is None, message)
    if saved and expander:
        st.session_state[expander] = True


# ---------------------------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------------------------


def history_section(cycle: Cycle | None) -> None:
    overview = load_overview()
    if overview.empty:
        st.info(tr("review.history_none"))
        return
    st.dataframe(overview_table(overview), hide_index=True)
    past = load_history()
    if past.empty:
        st.caption(tr("review.history_no_reviews"))
        return
    current = None
    if cycle is not None and not load_reviews(cycle.cycle_id):
        current = load_evidence(cycle)
    if (past["kind"] == OBJECTIVE).any() and past["progress"].notna().any():
        st.markdown(f"#### {tr('review.history_chart_title')}")
        chart = review_charts.history_chart(past, lang(), current, cycle.number if cycle else 0)
        altair_chart(chart)
    st.markdown(f"#### {tr('review.history_decisions')}")
    st.dataframe(history_table(past), hide_index=True)
    gone = load_dropped()
    if not gone.empty:
        st.markdown(f"#### {tr('review.history_dropped')}")
        st.dataframe(dropped_table(gone), hide_index=True)
    past_reviews_picker()


def overview_table(overview: pd.DataFrame) -> pd.DataFrame:
    column = lambda key: tr(f"review.column.{key}")  # noqa: E731
    return pd.DataFrame(
        {
            column("cycle"): overview["cycle"].astype(int),
            column("period"): [
                f"{date(a)} – {date(b)}"
                for a, b in zip(overview["date_from"], overview["date_to"], strict=True)
            ],
            column("cycle_status"): [tr(f"review.cycle_status.{s}") for s in overview["status"]],
            column("versions"): overview["versions"].astype(int),
            decision_label(review.KEEP): overview["keep"].astype(int),
            decision_label(review.IMPROVE): overview["improve"].astype(int),
            decision_label(review.DROP): overview["drop"].astype(int),
        }
    )


def history_table(past: pd.DataFrame) -> pd.DataFrame:
    column = lambda key: tr(f"review.column.{key}")  # noqa: E731
    prefix = {OBJECTIVE: "#", ACTION: tr("review.action_prefix")}
    return pd.DataFrame(
        {
            column("cycle"): past["cycle"].astype(int),
            column("label"): [
                f"{prefix[k]}{i} · {label}"
                for k, i, label in zip(past["kind"], past["item_id"], past["label"], strict=True)
            ],
            column("progress"): [_share(v) for v in past["progress"]],
            column("status"): [tr(f"review.item_status.{s}") for s in past["status"]],
            column("suggested"): [decision_label(d) for d in past["suggested"]],
            column("decision"): [decision_label(d) for d in past["decision"]],
            column("reason"): past["reason"],
        }
    )


def dropped_table(gone: pd.DataFrame) -> pd.DataFrame:
    column = lambda key: tr(f"review.column.{key}")  # noqa: E731
    prefix = {OBJECTIVE: "#", ACTION: tr("review.action_prefix")}
    return pd.DataFrame(
        {
            column("cycle"): gone["cycle"].astype(int),
            column("label"): [
                f"{prefix[k]}{i} · {label}"
                for k, i, label in zip(gone["kind"], gone["item_id"], gone["label"], strict=True)
            ],
            column("reason"): gone["reason"],
        }
    )


def past_reviews_picker() -> None:
    saved = load_reviews(None)
    numbers = {c.cycle_id: c for c in load_cycles()}
    by_id = {r.review_id: r for r in saved}
    chosen = st.selectbox(
        tr("review.past_pick"),
        list(by_id),
        format_func=labels_by(
            by_id,
            lambda i: tr(
                "review.past_label",
                number=numbers[by_id[i].cycle_id].number,
                version=by_id[i].version,
                saved=date_time(by_id[i].saved_at),
            ),
        ),
        key="past_review_pick",
    )
    export_button(by_id[chosen], numbers[by_id[chosen].cycle_id], "history")


# ---------------------------------------------------------------------------------------------
# Rules and thresholds
# ---------------------------------------------------------------------------------------------


def _shown_setting(setting: review.Setting, value: float) -> float:
    """Shares are shown in points / percent; periods as they are."""
    return int(value) if setting.whole else round(value * 100, 4)


def rules_section() -> None:
    limits = load_thresholds()
    st.caption(tr("review.rules_intro"))
    rules_in_words(limits)
    st.markdown(f"#### {tr('review.settings')}")
    values = {}
    for setting in review.SETTINGS:
        shown = _shown_setting(setting, getattr(limits, setting.key))
        values[setting.key] = st.number_input(
            tr(f"review.setting.{setting.key}"),
            value=shown,
            min_value=_shown_setting(setting, setting.minimum),
            max_value=_shown_setting(setting, setting.maximum),
            step=1 if setting.whole else 1.0,
            help=tr(f"review.setting.{setting.key}.help"),
            key=f"setting_{setting.key}",
        )
    if st.button(tr("review.save_settings"), key="save_settings"):
        chosen = Thresholds(
            **{
                s.key: int(values[s.key]) if s.whole else values[s.key] / 100
                for s in review.SETTINGS
            }
        )
        _, error = write(review.save_thresholds, chosen)
        done(error, tr("review.settings_saved"))

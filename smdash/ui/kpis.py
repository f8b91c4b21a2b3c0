"""The KPI progress page's glue: status, progress chart, period comparison, annotations."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.core.periods import default_range
from smdash.metrics import kpis
from smdash.plan import annotations, objectives
from smdash.plan.objectives import Objective
from smdash.reports import kpi_charts
from smdash.ui.accounts import followers_text
from smdash.ui.annotations import annotated
from smdash.ui.kpi_terms import kpi_name, kpi_value
from smdash.ui.runtime import (
    ahead_of_visits,
    currency,
    date,
    kept,
    lang,
    load_data_range,
    loader,
    number,
    tr,
    write,
)

STATUS_COLORS = {
    "achieved": "green",
    "on_track": "blue",
    "at_risk": "orange",
    "behind": "red",
    "no_data": "gray",
}

# ---------------------------------------------------------------------------------------------
# Cached loaders (runtime.loader): keyed by the database file, its data version and the arguments
# ---------------------------------------------------------------------------------------------


load_objectives = loader(objectives.list_objectives)
load_progresses = loader(objectives.progress_of)


@ahead_of_visits(place=1)
def _progress_ahead(read) -> None:
    """Every objective's progress, the chart the page shows first (the first objective's), and
    the comparison table of all networks over the default dates and all accounts."""
    read(load_progresses)
    listed = load_objectives()
    if listed:
        kept(progress_chart, listed[0], load_progress(listed[0]))
    first, last = read(load_data_range)
    if last is not None:
        read(load_comparison, kpis.ALL, *default_range(first, last), None)


load_one_progress = loader(objectives.progress)
load_chart_series = loader(objectives.chart_series)
load_comparison = loader(kpis.comparison)


def load_progress(item: Objective) -> objectives.Progress:
    """Where ``item`` stands: the active objectives are read in one cache entry (keyed by no
    argument, cheap to look up), so a first visit opens the database once for them all."""
    found = load_progresses()
    return found[item.objective_id] if item.objective_id in found else load_one_progress(item)


# ---------------------------------------------------------------------------------------------
# Annotations: each write returns an error text for the user, or None when it worked
# ---------------------------------------------------------------------------------------------


def add_annotation(date_from: dt.date, date_to: dt.date | None, note: str) -> str | None:
    return write(annotations.add_annotation, date_from, date_to, note).error


def archive_annotation(annotation_id: int) -> str | None:
    return write(annotations.set_annotation_status, annotation_id, annotations.ARCHIVED).error


def annotations_table(notes: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("annotations.from"): [date(d) for d in notes["date_from"]],
            tr("annotations.to"): [date(d) for d in notes["date_to"]],
            tr("annotations.title"): notes["note"],
        }
    )


# ---------------------------------------------------------------------------------------------
# Status, progress and the comparison in the user's words
# ---------------------------------------------------------------------------------------------


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


def status_rules() -> list[str]:
    """The status rule in words, in the order it is applied."""
    return [tr(f"objectives.rule.{rule.rule}", **margins()) for rule in objectives.STATUS_RULES]


def comparison_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The period comparison with KPI names and values in the user's language."""
    return pd.DataFrame(
        {
            tr("kpipage.kpi"): [kpi_name(k) for k in frame["kpi"]],
            tr("kpipage.period"): [
                followers_text(kpi_value(k, v), n)
                for k, v, n in zip(frame["kpi"], frame["current"], frame["accounts"], strict=True)
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
    unit = kpis.KPIS[objective.kpi].unit
    chart = kpi_charts.progress_chart(data, unit, lang(), currency())
    return annotated(chart, objective.start_date, objective.deadline)

"""The Director page's glue: cached loaders, period picker, figures, goals, charts, writes."""

from __future__ import annotations

import datetime as dt
from functools import partial

import pandas as pd
import streamlit as st

from smdash import executive
from smdash.db import store
from smdash.executive import Figure, Period, Summary
from smdash.plan import costs
from smdash.reports import executive_report
from smdash.reports.executive_charts import growth_chart, pays_off_chart
from smdash.ui.runtime import (
    ahead_of_visits,
    date_format,
    db_file,
    kept_chart,
    lang,
    load_data_range,
    loader,
    number,
    plain,
    tr,
    write,
)

LIGHT_BADGES = {"green": "green", "amber": "orange", "red": "red", "grey": "gray"}
LIGHT_ICONS = {
    "green": ":material/check_circle:",
    "amber": ":material/warning:",
    "red": ":material/error:",
    "grey": ":material/help:",
}

# ---------------------------------------------------------------------------------------------
# Cached loaders (runtime.loader): keyed by the database file, its data version and the arguments
# ---------------------------------------------------------------------------------------------


load_summary = loader(executive.build)


def offered(data_from: dt.date | None, data_to: dt.date | None, kind: str) -> list[Period]:
    """The periods of ``kind`` the picker offers, newest first (the first is shown at first)."""
    default = executive.default_period(data_to)
    first, last = data_from or default.start, data_to or default.end
    return executive.period_choices(first, max(last, default.end), kind)


@ahead_of_visits(place=9)
def _summary_ahead(read) -> None:
    """The summary of the period the picker shows first, named as the picker names it."""
    shown_first = offered(*read(load_data_range), executive.MONTH)[0]
    read(load_summary, executive.parse_period(shown_first.key))


@loader
def load_settings(con) -> dict:
    """The business name, logo, pinned figures and currency."""
    return {
        "name": executive.business_name(con),
        "logo": executive.logo(con),
        "pinned": executive.pinned(con),
        "currency": costs.currency(con),
    }


# ---------------------------------------------------------------------------------------------
# Period picker
# ---------------------------------------------------------------------------------------------


def period_picker() -> Period | None:
    """Kind (month, quarter, year, custom) and which one; None while custom dates are half
    picked. Defaults to the last full month of data."""
    data_from, data_to = load_data_range()
    default = executive.default_period(data_to)
    kinds = {k: tr(f"executive.kind.{k}") for k in executive.PERIOD_KINDS}
    left, right = st.columns([3, 2])
    kind = left.segmented_control(
        tr("executive.period_kind"),
        list(kinds),
        default=executive.MONTH,
        format_func=kinds.get,
        key="exec_kind",
    )
    kind = kind or executive.MONTH
    if kind == executive.CUSTOM:
        picked = right.date_input(
            tr("executive.dates"),
            value=(default.start, default.end),
            key="exec_dates",
            format=date_format(),
        )
        if len(picked) != 2:
            right.caption(tr("executive.pick_dates"))
            return None
        return executive.custom_period(*picked)
    choices = offered(data_from, data_to, kind)
    labels = {p.key: p.label(lang()) for p in choices}
    chosen = right.selectbox(
        tr("executive.pick"), list(labels), format_func=labels.get, key=f"exec_{kind}"
    )
    return executive.parse_period(chosen)


# ---------------------------------------------------------------------------------------------
# Figures, goals, charts
# ---------------------------------------------------------------------------------------------


def _delta(figure: Figure, period: Period) -> str | None:
    """The change on the previous period, which the caption under the figures names; named
    here too when the period is cut short (compared with the same days of the previous one)."""
    if figure.change is None:
        return None
    change = executive.percent_change(figure.change, lang())
    if not period.incomplete:
        return change
    return tr("executive.vs", change=change, period=period.previous().label(lang()))


def _second_line(figure: Figure, period: Period) -> str | None:
    """Under a figure: its change on a year earlier (a year has none: its previous period is
    the year before); for objectives, at risk and behind."""
    if figure.key == "objectives":
        return executive.objectives_detail(figure.extra, lang())
    year_before = period.year_before()
    if year_before is None:
        return None
    year = year_before.label(lang())
    if figure.change_year is None:
        return tr("executive.no_comparison", period=year)
    change = executive.percent_change(figure.change_year, lang())
    if period.incomplete:
        return tr("executive.vs", change=change, period=year)
    return tr("executive.vs_year", change=change)


def figure_metrics(figures: list[Figure], s: Summary) -> None:
    """One st.metric per figure: value, change on the previous period, and a year earlier.

    In a row that wraps (two figures a row on a phone) rather than columns, which a phone
    stacks one under the other, pushing the last figures three screens down."""
    row = st.container(horizontal=True, gap="xsmall")
    for figure in figures:
        label = executive.figure_label(figure.key, lang())
        with row.container(border=True, gap="xsmall"):
            st.caption(label)  # wraps on a narrow card, where the metric's label is cut short
            st.metric(
                label,
                executive.figure_value(figure, lang(), s.currency, short=True),
                delta=None if figure.key == "objectives" else _delta(figure, s.period),
                delta_color="normal" if figure.direction == "up" else "inverse",
                label_visibility="collapsed",
            )
            if note := executive.accounts_line(figure, lang()):
                st.caption(note)
            line = _second_line(figure, s.period)
            if line and (figure.key != "objectives" or figure.value is not None):
                st.caption(line)


def compared_caption(s: Summary) -> str:
    """What the changes compare with (only the comparisons the data covers); for a period the
    data ends inside, that it is cut short and compared with the same days of earlier ones."""
    compared = [
        other.label(lang())
        for other, values in (
            (s.period.previous(), [f.previous for f in s.figures]),
            (s.period.year_before(), [f.year_before for f in s.figures]),
        )
        if other is not None and any(v is not None for v in values)
    ]
    if not compared:
        text = tr("executive.compared_none", period=s.period.previous().label(lang()))
    elif len(compared) == 1:
        text = tr("executive.compared_one", previous=compared[0])
    else:
        text = tr("executive.compared", previous=compared[0], year=compared[1])
    if s.period.incomplete:
        full = executive.parse_period(s.period.key).label(lang())
        month = executive.month_period(s.period.end).label(lang())
        text = f"{tr('executive.incomplete', period=full, month=month)} {text}"
    return text


def goal_lines(s: Summary) -> None:
    for goal in s.goals:
        name = goal.name or tr("executive.goal.no_goal")
        badge = LIGHT_BADGES[goal.light]
        label = tr(f"executive.light.{goal.light}")
        st.markdown(
            f"{LIGHT_ICONS[goal.light]} **{plain(name)}** "
            f":{badge}-badge[{label}]  \n{plain(goal.line(lang()))}"
        )


def charts(s: Summary, period: Period) -> None:
    """How the business is growing and which networks pay off: ``s``, the summary of
    ``period``, says whether there is anything to draw; each chart is kept (kept_chart)."""
    left, right = st.columns(2)
    with left:
        st.subheader(tr("executive.chart.growing"))
        if s.trend.empty:
            st.caption(tr("executive.chart.no_trend"))
        else:
            kept_chart(growing, period)
    with right:
        st.subheader(tr("executive.chart.pays_off"))
        if not (s.networks["conversions"].fillna(0) > 0).any():
            st.caption(tr("executive.chart.no_networks"))
        else:
            kept_chart(paying_off, period)


def growing(period: Period):
    trend = load_summary(period).trend
    return growth_chart(trend, lang()).properties(title="", width="container")


def paying_off(period: Period):
    s = load_summary(period)
    return pays_off_chart(s.networks, lang(), s.currency).properties(title="", width="container")


def networks_frame(s: Summary) -> pd.DataFrame:
    """The networks, the other costs and the total, as the report shows them."""
    table = s.network_rows()
    table["network"] = [executive.network_row_name(n, lang()) for n in table["network"]]
    for column in table.columns.drop("network"):
        table[column] = [_cell(column, value, s.currency) for value in table[column]]
    return table.rename(columns={c: tr(f"executive.column.{c}") for c in table.columns})


def _cell(column: str, value, currency: str) -> str:
    """A cell of the network table as the PDF writes it: amounts with the currency."""
    value = None if pd.isna(value) else float(value)
    if column in ("revenue", "spend", "cost_per_conversion"):
        decimals = 2 if column == "cost_per_conversion" else 0
        return executive.money(value, lang(), currency, decimals)
    return number(value, 2 if column == "return_on_spend" else 0)


# ---------------------------------------------------------------------------------------------
# Report downloads (made when clicked, in the download's own thread: no session state there)
# ---------------------------------------------------------------------------------------------


def _report(path: str, period: Period, language: str, kind: str) -> bytes:
    with store.connect(path) as con:
        return executive_report.report_bytes(con, period, language, kind)


def report_buttons(period: Period) -> None:
    name = f"smdash-{period.key}"
    left, right = st.columns(2)
    left.download_button(
        tr("executive.download_pdf"),
        data=partial(_report, str(db_file()), period, lang(), "pdf"),
        file_name=f"{name}.pdf",
        mime="application/pdf",
        key="exec_pdf",
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
    right.download_button(
        tr("executive.download_xlsx"),
        data=partial(_report, str(db_file()), period, lang(), "xlsx"),
        file_name=f"{name}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="exec_xlsx",
        on_click="ignore",
        icon=":material/table:",
    )


# ---------------------------------------------------------------------------------------------
# Writes: each returns an error message in the user's words, or None
# ---------------------------------------------------------------------------------------------


def save_comment(period: Period, text: str) -> str | None:
    return write(executive.save_comment, period, text).error


def save_name(name: str) -> str | None:
    return write(executive.set_business_name, name).error


def save_logo(data: bytes | None) -> str | None:
    return write(executive.set_logo, data).error


def save_pins(keys: list[str]) -> str | None:
    return write(executive.set_pinned, keys).error


def save_currency(code: str) -> str | None:
    return write(costs.set_currency, code).error

import streamlit as st

from smdash.core.periods import days_before, default_range
from smdash.metrics.summary import FIGURES
from smdash.ui import overview as view
from smdash.ui import runtime as ui
from smdash.ui.accounts import account_filter

ui.start_page("overview.title")
first, last = ui.load_data_range()
if last is None:
    st.info(ui.tr("workspace.empty"))
    st.stop()

period = st.date_input(
    ui.tr("overview.period"),
    value=default_range(first, last),
    min_value=first,
    max_value=last,
    key="overview_period",
    format=ui.date_format(),
)
if len(period) != 2:
    st.stop()
date_from, date_to = period
account = account_filter("overview_account")
result = view.load_summary(date_from, date_to, account)
total = result["total"]
if all(value is None for value in total.values()):
    st.info(ui.tr("overview.no_data", what=ui.tr("overview.what_to_import")))
    st.stop()

before_from, before_to = days_before(date_from, date_to)
view.headline(total, view.load_summary(before_from, before_to, account)["total"])
st.caption(ui.tr("traffic.compared_with", period=ui.date_range(before_from, before_to)))

st.subheader(ui.tr("overview.by_network"))
several = view.load_follower_accounts(date_from, date_to, account)
st.dataframe(view.figures_table(result, FIGURES, several), hide_index=True)

st.subheader(ui.tr("overview.sessions_trend"))
ui.kept_chart(view.sessions_trend, first, last)

import streamlit as st

from smdash import executive
from smdash.plan import costs
from smdash.ui import costs as view
from smdash.ui import runtime as ui

ui.start_page("costs.page")
st.caption(ui.tr("costs.intro"))
ui.show_flash()
currency = ui.currency()
_, last = ui.load_data_range()
period = executive.default_period(last)

st.subheader(ui.tr("costs.add_title"))
networks = {n: view.network_name(n) for n in costs.NETWORKS}
categories = {c: ui.tr(f"costs.category.{c}") for c in costs.CATEGORIES}
defaults = view.cost_form(period.start)
with st.form("add_cost"):  # emptied by its callback once saved, kept as typed when refused
    left, middle, right = st.columns(3)
    left.date_input(ui.tr("costs.month"), key="cost_month", format=ui.date_format())
    middle.selectbox(
        ui.tr("costs.network"), list(networks), format_func=networks.get, key="cost_network"
    )
    right.selectbox(
        ui.tr("costs.category"), list(categories), format_func=categories.get, key="cost_category"
    )
    left, middle, right = st.columns(3)
    left.number_input(
        ui.tr("costs.amount", currency=currency), min_value=0.0, step=10.0, key="cost_amount"
    )
    middle.text_input(
        ui.tr("costs.description"), max_chars=costs.DESCRIPTION_MAX, key="cost_description"
    )
    right.text_input(ui.tr("costs.campaign"), max_chars=costs.DESCRIPTION_MAX, key="cost_campaign")
    st.form_submit_button(ui.tr("costs.add"), on_click=view.add_cost, args=(defaults,))

st.subheader(ui.tr("costs.by_month_title"))
first, end = view.load_spend_range()
if first is None:
    st.info(ui.tr("costs.no_spend"))
else:
    by_month = view.load_spend_by(first, end, "month_network")
    st.dataframe(
        view.spend_by_month(by_month), column_config={"_index": ui.tr("costs.column.month")}
    )
    st.subheader(ui.tr("costs.by_campaign_title", period=period.label(ui.lang())))
    by_campaign = view.load_campaign_spend(period)
    st.dataframe(view.campaign_frame(by_campaign), hide_index=True, key="cost_campaigns")

st.subheader(ui.tr("costs.entered_title"))
entered = view.load_manual_costs()
if entered.empty:
    st.caption(ui.tr("costs.none"))
else:
    st.dataframe(view.costs_frame(entered), hide_index=True)
    labels = {row["cost_id"]: view.cost_label(row) for row in entered.to_dict("records")}
    pick = st.selectbox(
        ui.tr("costs.delete_pick"), list(labels), format_func=labels.get, key="cost_delete_pick"
    )
    if st.button(ui.tr("costs.delete"), key="cost_delete"):
        ui.done(view.delete_cost(pick), ui.tr("costs.deleted"))

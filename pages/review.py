import streamlit as st

from smdash.ui import review as view
from smdash.ui import runtime as ui

ui.start_page("page.review")
st.caption(ui.tr("review.intro"))
ui.show_flash()

cycle = view.load_current()
if cycle is None:
    view.first_cycle_section()
else:
    view.cycle_header(cycle)
today = view.load_as_of(cycle) if cycle else ui.load_data_range()[1]

review_tab, actions_tab, history_tab, rules_tab = st.tabs(
    [ui.tr(f"review.tab.{tab}") for tab in ("review", "actions", "history", "rules")],
    key="review_tabs",
)
with review_tab:
    if cycle is None:
        st.caption(ui.tr("review.review_needs_cycle"))
    else:
        view.review_section(cycle)
with actions_tab:
    view.actions_section(today)
with history_tab:
    view.history_section(cycle)
with rules_tab:
    view.rules_section()

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


def review_tab() -> None:
    if cycle is None:
        st.caption(ui.tr("review.review_needs_cycle"))
    else:
        view.review_section(cycle)


ui.tab_sections(
    "review_tabs",
    {
        "review.tab.review": review_tab,
        "review.tab.actions": lambda: view.actions_section(today),
        "review.tab.history": lambda: view.history_section(cycle),
        "review.tab.rules": view.rules_section,
    },
    always=("review.tab.review",),  # decisions being typed survive a look at the history
)

import streamlit as st

from smdash.ui import plan_document
from smdash.ui import runtime as ui
from smdash.ui import toolkit as view

ui.start_page("page.toolkit")
st.caption(ui.tr("toolkit.intro"))
ui.show_flash()
view.checklist_section()
plan_document.downloads_section()

ui.tab_sections(
    "toolkit_tabs",
    {
        "toolkit.tab.questionnaire": view.questionnaire_section,
        "toolkit.tab.guide": view.guide_section,
        "toolkit.tab.profiles": view.profiles_section,
        "toolkit.tab.protocol": view.protocol_section,
        "toolkit.tab.guidelines": view.guidelines_section,
        "toolkit.tab.history": view.history_section,
    },
)

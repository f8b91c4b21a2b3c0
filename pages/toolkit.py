import streamlit as st

from smdash.ui import plan_document
from smdash.ui import runtime as ui
from smdash.ui import toolkit as view

ui.start_page("page.toolkit")
st.caption(ui.tr("toolkit.intro"))
ui.show_flash()
view.checklist_section()
plan_document.downloads_section()

TABS = ("questionnaire", "guide", "profiles", "protocol", "guidelines", "history")
tabs = st.tabs([ui.tr(f"toolkit.tab.{tab}") for tab in TABS], key="toolkit_tabs")
sections = (
    view.questionnaire_section,
    view.guide_section,
    view.profiles_section,
    view.protocol_section,
    view.guidelines_section,
    view.history_section,
)
for tab, section in zip(tabs, sections, strict=True):
    with tab:
        section()

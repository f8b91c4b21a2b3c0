import streamlit as st

from smdash import ui

st.title(ui.tr("page.kpis"))
ui.placeholder("placeholder.kpis")

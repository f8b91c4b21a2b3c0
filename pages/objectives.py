import streamlit as st

from smdash import ui

st.title(ui.tr("page.objectives"))
ui.placeholder("placeholder.objectives")

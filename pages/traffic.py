import streamlit as st

from smdash import ui

st.title(ui.tr("page.traffic"))
ui.placeholder("placeholder.traffic")

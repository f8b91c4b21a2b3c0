import streamlit as st

from smdash import ui

st.title(ui.tr("page.review"))
ui.placeholder("placeholder.review")

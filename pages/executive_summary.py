import streamlit as st

from smdash import ui

st.title(ui.tr("page.summary"))
ui.placeholder("placeholder.summary")

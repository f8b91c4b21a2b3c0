import streamlit as st

from smdash.ui import runtime as ui
from smdash.ui import sign_in as view

st.title(ui.tr("auth.title"))
st.caption(ui.tr("auth.intro"))
view.sign_in_form()
view.get_browser_ready()  # while the user types

import streamlit as st

from smdash import ui
from smdash.ui import auth as view

st.title(ui.tr("auth.title"))
st.caption(ui.tr("auth.intro"))
view.sign_in_form()

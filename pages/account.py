import streamlit as st

from smdash.ui import account as view
from smdash.ui import report_mail, session
from smdash.ui import runtime as ui

ui.start_page("auth.account_title")
ui.show_flash()

if not session.signed_in_locally():
    st.info(ui.tr("auth.account_external"))
    st.stop()

st.caption(ui.tr("auth.account_intro"))
with st.form("own_password", clear_on_submit=True):
    current = st.text_input(ui.tr("auth.current_password"), type="password", key="own_current")
    new = st.text_input(ui.tr("auth.new_password"), type="password", key="own_new")
    repeat = st.text_input(ui.tr("auth.repeat_password"), type="password", key="own_repeat")
    submitted = st.form_submit_button(
        ui.tr("auth.change_password"), type="primary", key="own_password_button"
    )
if submitted:
    error = view.change_own_password(current, new, repeat)
    # a new run: start_page again, the demo-password warning goes once the password changed
    ui.done(error, ui.tr("auth.password_saved"))

report_mail.report_mail_form(ui.user().name, own_account=True, key="own_mail")

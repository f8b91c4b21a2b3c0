import streamlit as st

from smdash.access import auth, roles
from smdash.ui import report_mail
from smdash.ui import runtime as ui
from smdash.ui import users as view

ui.start_page("auth.users_title")
ui.show_flash()

ui.table(view.load_users(), hide_index=True, key="users_table")
role_labels = {role: ui.tr(f"auth.role.{role}") for role in roles.ROLES}

view.start_forms()
with st.form("add_user"):  # emptied by its callback once saved, kept as typed when refused
    st.markdown(f"**{ui.tr('auth.add_title')}**")
    left, middle, right = st.columns(3)
    left.text_input(ui.tr("auth.name"), key="new_name")
    middle.text_input(ui.tr("auth.password"), type="password", key="new_password")
    right.selectbox(ui.tr("auth.role"), roles.ROLES, format_func=role_labels.get, key="new_role")
    st.form_submit_button(ui.tr("auth.add"), key="add_user_button", on_click=view.add_user)

names = view.user_names()
if names:
    st.markdown(f"**{ui.tr('auth.manage_title')}**")
    chosen = st.selectbox(ui.tr("auth.name"), names, key="manage_name")
    left, middle, right = st.columns(3)
    new_role = left.selectbox(
        ui.tr("auth.role"), roles.ROLES, format_func=role_labels.get, key="set_role"
    )
    if left.button(ui.tr("auth.save_role"), key="save_role"):
        ui.done(view.change(auth.set_role, chosen, new_role), ui.tr("auth.role_saved", name=chosen))
    middle.text_input(ui.tr("auth.new_password"), type="password", key="reset_password")
    middle.button(
        ui.tr("auth.save_password"),
        key="save_password",
        on_click=view.reset_password,
        args=(chosen,),
    )
    if right.button(ui.tr("auth.remove"), key="remove_user"):
        ui.done(view.change(auth.remove_user, chosen), ui.tr("auth.removed", name=chosen))
    report_mail.report_mail_form(chosen, own_account=False, key="users_mail")

report_mail.outbox_section()

st.subheader(ui.tr("auth.trail_title"))
ui.table(view.load_trail(), hide_index=True, key="audit_table")

view.backups_section()

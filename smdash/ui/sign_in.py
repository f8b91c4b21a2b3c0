"""The sign-in page's glue: the form, and the identity provider's button when configured."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from smdash.access import auth
from smdash.ui.runtime import Keys, database, date_format, said, system_writing, tr, unseen_chart
from smdash.ui.session import oidc_roles, remember_in_browser


def sign_in_form() -> None:
    """The sign-in form (and the identity provider's button when configured); on a workspace
    without any account, the form that creates the first editor instead."""
    with database() as con:
        accounts = auth.has_users(con)
    if not accounts:
        first_editor_form()
        return
    if oidc_roles() is not None:
        if getattr(st.user, "is_logged_in", False):
            st.error(tr("auth.sso_no_role", email=str(st.user.get("email", ""))))
            st.button(tr("auth.sign_out"), key="sso_logout", on_click=st.logout)
        else:
            st.button(tr("auth.sso"), key="sso_login", on_click=st.login)
    with st.form("sign_in"):
        name = st.text_input(tr("auth.name"), key="sign_in_name")
        password = st.text_input(tr("auth.password"), type="password", key="sign_in_password")
        submitted = st.form_submit_button(tr("auth.sign_in"), type="primary", key="sign_in_submit")
    if submitted:
        error = _sign_in(name, password)
        if error:
            st.error(error)
        else:
            st.rerun()


WARM_UP_ENCODING = {"x": {"field": "day", "type": "temporal"}, "y": {"field": "value"}}


def get_browser_ready() -> None:
    """While the user types: the browser loads and compiles the code that draws figures,
    tables, date pickers, commands, charts, buttons, frames and the other inputs the pages
    have (some 3 MB of script it would otherwise fetch on the first page that shows one, the
    frame and button after the click that signs in), from a tiny one of each drawn out of sight
    (a container one pixel high, every input disabled)."""
    day = dt.date(2026, 1, 1)
    frame = pd.DataFrame({"day": [day], "value": [0]})
    with st.container(height=1, border=False):
        st.metric(" ", 0, label_visibility="collapsed")
        st.dataframe(frame, height=35, hide_index=True)
        st.date_input(" ", day, label_visibility="collapsed", disabled=True, format=date_format())
        st.code("", language="bash")  # its highlighter alone is as big as the rest together
        unseen_chart(frame, {"mark": "line", "encoding": WARM_UP_ENCODING})
        st.button(" ", disabled=True, key="warm_up_button")
        st.iframe("<p></p>", height=1, tab_index=-1)  # as the one that hands over the cookie
        hidden = {"label_visibility": "collapsed", "disabled": True}
        st.number_input(" ", key="warm_up_number", **hidden)
        st.text_area(" ", key="warm_up_text", **hidden)
        st.multiselect(" ", ["-"], key="warm_up_choices", **hidden)
        st.radio(" ", ["-"], key="warm_up_radio", **hidden)
        st.segmented_control(" ", ["-"], key="warm_up_segments", **hidden)
        st.checkbox(" ", key="warm_up_check", **hidden)


def _sign_in(name: str, password: str) -> str | None:
    """The password is checked on a reading connection (the slow hash holds no lock); only
    the session (or the wrong try) is written under the write lock."""
    client = st.context.ip_address or ""
    with database() as con:
        attempt = auth.check_sign_in(con, name, password, client)
    try:
        with system_writing() as con:
            st.session_state[Keys.TOKEN] = auth.record_sign_in(con, attempt, client)
    except auth.SignInFailed as exc:
        return said(exc)
    remember_in_browser(st.session_state[Keys.TOKEN])
    return None


def first_editor_form() -> None:
    """A real workspace's first start: the first editor creates their account and is signed in
    with it (there are never demo accounts outside the demo workspace)."""
    st.subheader(tr("auth.first_title"))
    st.info(tr("auth.first_intro"))
    with st.form("first_editor"):
        name = st.text_input(tr("auth.name"), key="first_name")
        password = st.text_input(tr("auth.password"), type="password", key="first_password")
        repeat = st.text_input(tr("auth.password_again"), type="password", key="first_repeat")
        submitted = st.form_submit_button(
            tr("auth.first_create"), type="primary", key="first_submit"
        )
    if not submitted:
        return
    try:
        with system_writing() as con:
            st.session_state[Keys.TOKEN] = auth.create_first_editor(con, name, password, repeat)
    except auth.AuthError as exc:
        st.error(said(exc))
        return
    remember_in_browser(st.session_state[Keys.TOKEN])
    st.rerun()

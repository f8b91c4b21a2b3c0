"""Signing in and out, who is signed in on this run, My account, and the Users page's widgets.

app.py calls ``signed_in_user()`` at the top of every run: it checks the session token against
the database (idle sessions expire) or, when the company's identity provider is configured in
``.streamlit/secrets.toml``, maps the ``st.login`` e-mail to a role. The result is kept in
``st.session_state`` for ``ui.user()``; navigation then offers only the pages of that role.
"""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import streamlit as st

from smdash import workspace
from smdash.access import audit, auth, roles
from smdash.ui.runtime import Keys, database, lang, system_writing, tr, user, write

IDLE_ENV = "SMDASH_SESSION_IDLE_MINUTES"  # how long an unused session stays signed in


def session_idle() -> dt.timedelta:
    try:
        return dt.timedelta(minutes=float(os.environ[IDLE_ENV]))
    except (KeyError, ValueError):
        return auth.SESSION_IDLE


def signed_in_user() -> roles.Actor | None:
    """Who this browser session is signed in as, re-checked on every run; None if nobody."""
    with system_writing() as con:
        if workspace.mode(con) != "own":
            auth.ensure_demo_accounts(con)
        actor = auth.session_actor(con, st.session_state.get(Keys.TOKEN), session_idle())
    if actor is None:  # the token (if any) is dead: only a live one means a local account
        st.session_state.pop(Keys.TOKEN, None)
        actor = _identity_provider_user()
    st.session_state[Keys.USER] = actor
    return actor


def _oidc_roles() -> dict | None:
    """``[auth.roles]`` of secrets.toml when sign-in through the identity provider is set up."""
    try:
        section = st.secrets.get("auth", {})
    except (FileNotFoundError, KeyError, OSError):
        return None
    roles = section.get("roles") if hasattr(section, "get") else None
    return dict(roles) if roles else None


def _identity_provider_user() -> roles.Actor | None:
    roles = _oidc_roles()
    if roles is None or not getattr(st.user, "is_logged_in", False):
        return None
    email = st.user.get("email")
    role = auth.role_for_email(email, roles)
    return roles.Actor(str(email), role) if role else None


def sign_in_form() -> None:
    """The sign-in form (and the identity provider's button when configured)."""
    with database() as con:
        accounts = auth.has_users(con)
    if not accounts:
        st.warning(tr("auth.no_accounts"))
    if _oidc_roles() is not None:
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


def _sign_in(name: str, password: str) -> str | None:
    try:
        with system_writing() as con:
            st.session_state[Keys.TOKEN] = auth.sign_in(con, name, password)
    except auth.SignInFailed as exc:
        return exc.message(lang())
    return None


def account_sidebar(actor: roles.Actor) -> None:
    st.sidebar.caption(tr("auth.signed_in_as", name=actor.name, role=tr(f"auth.role.{actor.role}")))
    st.sidebar.button(tr("auth.sign_out"), key="sign_out", on_click=sign_out)


def signed_in_locally() -> bool:
    """Whether this session signed in with a local account (not the identity provider's)."""
    return bool(st.session_state.get(Keys.TOKEN))


def change_own_password(current: str, new: str, repeat: str) -> str | None:
    """The signed-in user (editor or viewer) changes their own password; an error text or None.

    A write of their own account, which a viewer may make: ``auth.change_own_password`` does its
    own check that the account is the signed-in user's, and records the change.
    """
    me, token = user(), st.session_state.get(Keys.TOKEN)

    def change(con) -> None:
        auth.change_own_password(con, me.name, current, new, repeat, actor=me, keep_session=token)

    return write(change, own_account=True).error


def sign_out() -> None:
    token = st.session_state.pop(Keys.TOKEN, None)
    if token:
        with system_writing() as con:
            auth.sign_out(con, token)
    st.session_state[Keys.USER] = None
    if getattr(st.user, "is_logged_in", False):
        st.logout()


# --- the Users page -------------------------------------------------------------------------


def load_users() -> pd.DataFrame:
    with database() as con:
        rows = auth.users(con)
    frame = pd.DataFrame(rows, columns=["name", "role", "demo_password", "locked"])
    frame["role"] = [tr(f"auth.role.{r}") for r in frame["role"]]
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def load_trail() -> pd.DataFrame:
    with database() as con:
        frame = audit.trail(con)
    return frame.rename(columns={c: tr(f"auth.column.{c}") for c in frame.columns})


def user_names() -> list[str]:
    with database() as con:
        return [row["name"] for row in auth.users(con)]


def change(action, *args) -> str | None:
    """Run an account change as the signed-in editor; an error text or None."""
    return write(action, *args).error

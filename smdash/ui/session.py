"""Who is signed in on this run, and signing out: what app.py and the account pages share.

app.py calls ``signed_in_user()`` at the top of every run: it checks the session token (this
tab's, or on a new tab or a reload the one the browser's signed cookie carries:
smdash.access.cookies) against the database (idle sessions expire) or, when the company's
identity provider is configured in ``.streamlit/secrets.toml``, maps the ``st.login`` e-mail
to a role. The result is kept in ``st.session_state`` for ``ui.user()``;
navigation then offers only the pages of that role.
"""

from __future__ import annotations

import datetime as dt
import json
import os

import streamlit as st

from smdash import workspace
from smdash.access import auth, cookies, roles
from smdash.core import settings
from smdash.db import store
from smdash.ui import web
from smdash.ui.runtime import Keys, database, db_file, system_writing, tr, user

IDLE_ENV = "SMDASH_SESSION_IDLE_MINUTES"  # how long an unused session stays signed in
ANY_EDITOR = roles.Actor("", "editor")  # whose navigation holds every page (app.py)


def session_idle() -> dt.timedelta:
    """``SMDASH_SESSION_IDLE_MINUTES`` (checked at start: ``settings.problems``), else 8 hours."""
    if not os.environ.get(IDLE_ENV):
        return auth.SESSION_IDLE
    return dt.timedelta(minutes=settings.idle_minutes())


def signed_in_user() -> roles.Actor | None:
    """Who this browser session is signed in as, re-checked on every run; None if nobody.

    A run only reads: the write lock is taken when there is something to write (the demo on
    the very first start, an expired session to delete, a session's idle clock once a minute).
    """
    token = st.session_state.get(Keys.TOKEN)
    with database() as con:
        setup_due = workspace.mode(con) is None or (
            workspace.is_demo(con) and not auth.has_users(con)
        )
        token = token or _cookie_token(con)
        found = auth.find_session(con, token, session_idle())
        writable = store.writable(con)  # a read-only database is still read, signed in
    if setup_due:
        _set_up_workspace()
    if writable and (found.expired or found.touch_due):
        with system_writing() as con:
            if found.expired:
                auth.sign_out(con, token)
            else:
                auth.touch_session(con, token)
        if found.touch_due:  # the cookie lasts the idle time from now too
            remember_in_browser(token)
    actor = found.actor
    if actor is None:  # the token (if any) is dead: only a live one means a local account
        st.session_state.pop(Keys.TOKEN, None)
        actor = _identity_provider_user()
    else:
        st.session_state[Keys.TOKEN] = token
    st.session_state[Keys.USER] = actor
    return actor


def _cookie_token(con) -> str | None:
    """The session token of the browser's cookie, if its signature is ours."""
    value = st.context.cookies.get(cookies.COOKIE)
    return cookies.verify(value, _cookie_key(con)) if value else None


_keys: dict[str, bytes] = {}  # each database file's cookie key, read once per process


def _cookie_key(con, create: bool = False) -> bytes | None:
    path = str(db_file())
    if path not in _keys:
        key = cookies.ensure_secret(con) if create else cookies.secret(con)
        if key is None:
            return None
        _keys[path] = key
    return _keys[path]


def remember_in_browser(token: str) -> None:
    """After a sign-in: the browser is to keep the session in its cookie (``browser_cookie``
    hands it a nonce for the cookie on this run's page)."""
    key = _keys.get(str(db_file()))
    if key is None:
        with system_writing() as con:
            key = _cookie_key(con, create=True)
    cookie = cookies.Cookie(cookies.sign(token, key), int(session_idle().total_seconds()))
    st.session_state[Keys.COOKIE_NONCE] = cookies.NONCES.issue(cookie)


_POST = """<script>
fetch(window.parent.location.origin + {url}, {{method: "POST", credentials: "same-origin",
  headers: {{"X-Smdash": "1", "Content-Type": "text/plain"}}, body: {body}}});
</script>"""


def browser_cookie() -> None:
    """Once after a sign-in (and each time the idle clock restarts), the page posts the
    nonce to smdash.ui.web, which answers with the cookie; once after a sign-out, it asks for
    the cookie to be cleared. Fixed script; the nonce travels in the body, never in a URL."""
    nonce = st.session_state.pop(Keys.COOKIE_NONCE, None)
    forget = st.session_state.pop(Keys.COOKIE_FORGET, False)
    if nonce:
        route, body = web.SESSION_ROUTE, nonce
    elif forget:
        route, body = web.SIGN_OUT_ROUTE, ""
    else:
        return
    script = _POST.format(url=json.dumps(web.base_path() + route), body=json.dumps(body))
    with st.sidebar:
        st.iframe(script, height=1)


def _set_up_workspace() -> None:
    with system_writing() as con:
        loaded = workspace.ensure_workspace(con)  # the demo, on the very first start
        if workspace.is_demo(con):  # demo accounts only beside demo data, never on real data
            auth.ensure_demo_accounts(con)
    if loaded:
        st.toast(tr("demo.loaded", count=loaded))


def oidc_roles() -> dict | None:
    """``[auth.roles]`` of secrets.toml when sign-in through the identity provider is set up."""
    try:
        section = st.secrets.get("auth", {})
    except (FileNotFoundError, KeyError, OSError):
        return None
    listed = section.get("roles") if hasattr(section, "get") else None
    return dict(listed) if listed else None


def _identity_provider_user() -> roles.Actor | None:
    listed = oidc_roles()
    if listed is None or not getattr(st.user, "is_logged_in", False):
        return None
    email = st.user.get("email")
    role = auth.role_for_email(email, listed)
    return roles.Actor(str(email), role) if role else None


def not_for_your_role() -> None:
    """A page's address opened by a role that may not see it (a viewer's bookmark of Import)."""
    st.title(tr("cookie.not_allowed_title"))
    st.warning(tr("cookie.not_allowed", role=tr(f"auth.role.{user().role}")))


def account_sidebar(actor: roles.Actor) -> None:
    st.sidebar.caption(tr("auth.signed_in_as", name=actor.name, role=tr(f"auth.role.{actor.role}")))
    st.sidebar.button(tr("auth.sign_out"), key="sign_out", on_click=sign_out)


def signed_in_locally() -> bool:
    """Whether this session signed in with a local account (not the identity provider's)."""
    return bool(st.session_state.get(Keys.TOKEN))


def sign_out() -> None:
    token = st.session_state.pop(Keys.TOKEN, None)
    if token:
        with system_writing() as con:
            auth.sign_out(con, token)  # the cookie, if any, names a session that is gone
        st.session_state[Keys.COOKIE_FORGET] = True
        st.session_state.pop(Keys.COOKIE_NONCE, None)
    st.session_state[Keys.USER] = None
    if getattr(st.user, "is_logged_in", False):
        st.logout()

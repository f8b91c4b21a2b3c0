"""My account: every signed-in user, editor or viewer, changes their own password in the app."""

import pytest
from page_support import texts
from signin_support import PASSWORDS, TOKEN_KEY, signed_in

from smdash.access import auth, roles
from smdash.db import store

PAGE = "pages/account.py"
OWN_DEMO_WARNING = (
    "Your account still has its demo password. Change it on the My account page before anyone "
    "else can reach this dashboard."
)


@pytest.fixture
def account_page(start_app):
    """The My account page of a session signed in with ``token``, in ``lang``."""

    def open_page(token: str, lang: str = "en"):
        at = start_app(None, token)
        if lang != "en":
            at.session_state["ui_lang"] = lang
            at.run()
        at.switch_page(PAGE).run()
        assert not at.exception
        return at

    return open_page


def change(at, current: str, new: str, repeat: str | None = None):
    at.text_input(key="own_current").input(current)
    at.text_input(key="own_new").input(new)
    at.text_input(key="own_repeat").input(new if repeat is None else repeat)
    at.button(key="own_password_button").click().run()
    assert not at.exception
    return at


def audit_rows(db_path) -> list[tuple]:
    with store.connect(db_path) as con:
        return con.execute(
            "SELECT actor, action, details FROM audit_log WHERE action NOT LIKE 'sign%'"
        ).fetchall()


@pytest.mark.parametrize(("role", "name"), [("viewer", "boss"), ("editor", "cm")])
def test_each_role_changes_their_own_password(account_page, db_path, role, name):
    token = signed_in(db_path, role)
    at = account_page(token)
    assert texts(at.title) == ["My account"]
    assert not at.error and not at.success
    at = change(at, PASSWORDS[role], "brand-new-pw")
    assert texts(at.success) == ["Password changed."]
    assert not at.error
    assert at.session_state[TOKEN_KEY] == token  # still signed in
    assert at.session_state["auth_actor"] == roles.Actor(name, role)
    with store.connect(db_path) as con:
        assert auth.sign_in(con, name, "brand-new-pw")
        with pytest.raises(auth.SignInFailed):
            auth.sign_in(con, name, PASSWORDS[role])
    assert audit_rows(db_path)[-1] == (name, "user.own_password", name)


@pytest.mark.parametrize(
    ("lang", "messages"),
    [
        ("en", ["The current password is wrong.", "The two passwords differ.",
                "The password needs at least 10 characters (spaces alone do not count)."]),
        ("es", ["La contraseña actual no es correcta.", "Las dos contraseñas no coinciden.",
                "La contraseña necesita al menos 10 caracteres (los espacios solos no cuentan)."]),
    ],
)  # fmt: skip
def test_a_viewer_is_told_why_a_change_is_refused(account_page, db_path, lang, messages):
    at = account_page(signed_in(db_path, "viewer"), lang)
    assert texts(at.title) == [{"en": "My account", "es": "Mi cuenta"}[lang]]
    shown = []
    for current, new, repeat in (
        ("not-it", "brand-new-pw", None),
        (PASSWORDS["viewer"], "brand-new-pw", "brand-new-pX"),
        (PASSWORDS["viewer"], "abc", None),
    ):
        at = change(at, current, new, repeat)
        assert not at.success
        shown += texts(at.error)
    assert shown == messages
    with store.connect(db_path) as con:
        assert auth.sign_in(con, "boss", PASSWORDS["viewer"])
    assert [row for row in audit_rows(db_path) if row[1] == "user.own_password"] == []


def test_the_demo_password_warning_goes_once_the_viewer_changed_it(start_app, db_path):
    with store.connect(db_path) as con:
        store.set_setting(con, "workspace_mode", "demo")
        auth.ensure_demo_accounts(con)
        token = auth.sign_in(con, "director", "director")
    at = start_app(None, token)
    assert texts(at.title) == ["Overview"]
    assert texts(at.warning) == [OWN_DEMO_WARNING]  # the viewer's own, not the editor's list
    at.switch_page(PAGE).run()
    assert texts(at.warning) == [OWN_DEMO_WARNING]
    at = change(at, "director", "directors-own")
    assert texts(at.success) == ["Password changed."]
    assert not at.warning
    at.switch_page("pages/overview.py").run()
    assert texts(at.title) == ["Overview"] and not at.warning
    with store.connect(db_path) as con:
        assert auth.demo_passwords_in_use(con) == ["demo"]
    editor = start_app(None, signed_in(db_path, "editor"))
    assert texts(editor.warning) == [
        "The demo accounts (demo) still have their demo passwords. Change them on the Users "
        "page before anyone else can reach this dashboard."
    ]


def test_an_identity_provider_user_has_no_password_here(account_page, db_path, monkeypatch):
    at = account_page(signed_in(db_path, "viewer"))
    del at.session_state[TOKEN_KEY]  # signed in as if through st.login: no local session
    monkeypatch.setattr("smdash.ui.session.signed_in_user", lambda: roles.Actor("boss", "viewer"))
    at.switch_page(PAGE).run()
    assert not at.exception
    assert texts(at.info)[-1] == (
        "You signed in with your company account: change your password there."
    )
    assert not at.text_input


class CompanyUser(dict):
    """What st.user holds after st.login: the identity provider's claims."""

    is_logged_in = True


def test_an_identity_provider_user_gets_the_role_of_their_email(monkeypatch):
    from smdash.ui import session

    monkeypatch.setattr(session, "oidc_roles", lambda: {"viewer": ["@forn.example"]})
    monkeypatch.setattr(session.st, "user", CompanyUser(email="boss@forn.example"))
    assert session._identity_provider_user() == roles.Actor("boss@forn.example", "viewer")
    monkeypatch.setattr(session.st, "user", CompanyUser(email="someone@else.example"))
    assert session._identity_provider_user() is None

"""Accounts on real data are never demo accounts: a workspace of the user's own starts with a
first-run form that creates the first editor, and leaving the demo removes the demo accounts."""

from __future__ import annotations

import pytest
from signin_support import TOKEN_KEY, account

from smdash import workspace
from smdash.access import auth
from smdash.access.roles import SYSTEM, acting_as
from smdash.core.errors import UserError
from smdash.db import store
from smdash.imports.pipeline import import_file


def first_run_form(at):
    at.text_input(key="first_name").input("ana")
    at.text_input(key="first_password").input("bakery-2026")
    return at


def users(db_path):
    with store.connect(db_path) as con:
        return [(u["name"], u["role"], u["demo_password"]) for u in auth.users(con)]


def test_a_workspace_imported_by_the_cli_gets_no_demo_accounts_but_the_first_run_form(
    start_app, db_path, sample
):
    with store.connect(db_path) as con:  # the scheduled-import set-up: the CLI came first
        import_file(con, sample("meta_facebook_posts.csv"))
    at = start_app()
    assert [s.value for s in at.subheader] == ["Create the first account"]
    assert at.text_input(key="first_repeat") is not None
    assert users(db_path) == []  # no demo/demo beside real data
    with store.connect(db_path) as con, pytest.raises(auth.SignInFailed):
        auth.sign_in(con, "demo", "demo")


def test_the_first_run_form_creates_an_editor_and_signs_them_in(start_app, db_path):
    at = first_run_form(start_app())
    at.text_input(key="first_repeat").input("bakery-2026")
    at.button(key="first_submit").click().run()
    assert not at.exception and not [e.value for e in at.error]
    assert at.session_state[TOKEN_KEY]
    assert users(db_path) == [("ana", "editor", False)]
    with store.connect(db_path) as con, pytest.raises(UserError) as refused:
        auth.create_first_editor(con, "eve", "eve-password", "eve-password")
    assert refused.value.key == "auth.first_exists"  # the form cannot add anyone later
    assert users(db_path) == [("ana", "editor", False)]


def test_the_first_run_form_refuses_two_different_passwords(start_app, db_path):
    at = first_run_form(start_app())
    at.text_input(key="first_repeat").input("bakery-2027")
    at.button(key="first_submit").click().run()
    assert [e.value for e in at.error] == ["The two passwords differ."]
    assert TOKEN_KEY not in at.session_state
    assert users(db_path) == []


def test_leaving_the_demo_removes_the_demo_accounts_and_ends_their_sessions(demo_db, db_path):
    account(db_path, "editor")  # the CM's own account, made while trying the demo
    with store.connect(db_path) as con:
        with acting_as(SYSTEM):
            assert auth.ensure_demo_accounts(con) is False  # accounts exist: none are added
        auth.add_user(con, "demo", "editor", "demo", demo=True)
        token = auth.sign_in(con, "demo", "demo")
        workspace.start_empty(con)
        assert auth.session_actor(con, token, auth.SESSION_IDLE) is None
    assert users(db_path) == [("cm", "editor", False)]


def test_an_empty_workspace_after_the_demo_starts_with_the_first_run_form(start_app, db_path):
    at = start_app()
    assert [s.value for s in at.subheader] == ["Create the first account"]
    with store.connect(db_path) as con:
        assert workspace.mode(con) == "own"

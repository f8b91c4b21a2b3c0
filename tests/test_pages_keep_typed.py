"""Forms keep what was typed when refused (issue 15.9): the Costs form and the Users forms (add
a user, set a password) keep their values and show the refusal; once saved they are emptied,
so a second click adds nothing."""

import datetime as dt

import pytest
from page_support import run, texts
from signin_support import signed_in

from smdash.access import auth
from smdash.db import store
from smdash.plan import costs

D = dt.date


@pytest.fixture
def page(db_path, start_app):
    def start(path: str):
        return run(start_app(None, signed_in(db_path)).switch_page(path))

    return start


def stored_costs(db_path) -> list[tuple]:
    with store.connect(db_path) as con:
        frame = costs.manual_costs(con)
    return list(zip(frame["network"], frame["description"], frame["amount"], strict=True))


def add_cost_button(at):
    return next(button for button in at.button if button.label == "Add cost")


def test_a_refused_cost_keeps_what_was_typed_and_a_saved_one_empties_the_form(page, db_path):
    at = page("pages/costs.py")
    first_month = at.date_input(key="cost_month").value
    at.date_input(key="cost_month").set_value(D(2026, 10, 12))
    at.selectbox(key="cost_network").set_value("tiktok")
    at.selectbox(key="cost_category").set_value("agency")
    at.text_input(key="cost_description").input("Video editing")
    at.text_input(key="cost_campaign").input("autumn")
    at = run(add_cost_button(at).click())  # no amount: refused
    assert texts(at.error) == ["The amount must be a number above 0."]
    assert at.date_input(key="cost_month").value == D(2026, 10, 12)
    assert at.selectbox(key="cost_network").value == "tiktok"
    assert at.selectbox(key="cost_category").value == "agency"
    assert at.text_input(key="cost_description").value == "Video editing"
    assert at.text_input(key="cost_campaign").value == "autumn"
    assert stored_costs(db_path) == []

    at.number_input(key="cost_amount").set_value(90.0)
    at = run(add_cost_button(at).click())
    assert texts(at.success) == ["Cost added: €90.00 for October 2026."]
    assert texts(at.error) == []
    assert stored_costs(db_path) == [("tiktok", "Video editing", 90.0)]
    assert at.number_input(key="cost_amount").value is None  # emptied
    assert at.text_input(key="cost_description").value == ""
    assert at.text_input(key="cost_campaign").value == ""
    assert at.selectbox(key="cost_network").value == "all"
    assert at.date_input(key="cost_month").value == first_month

    at = run(add_cost_button(at).click())  # a second click: nothing to add
    assert texts(at.success) == []
    assert texts(at.error) == ["The amount must be a number above 0."]
    assert stored_costs(db_path) == [("tiktok", "Video editing", 90.0)]


def test_a_refused_new_user_keeps_what_was_typed_and_a_saved_one_empties_the_form(page, db_path):
    at = page("pages/users.py")
    at.text_input(key="new_name").input("boss")
    at.text_input(key="new_password").input("short")
    at.selectbox(key="new_role").set_value("viewer")
    at = run(at.button(key="add_user_button").click())
    (refused,) = texts(at.error)
    assert "at least" in refused  # the password is too short
    assert at.text_input(key="new_name").value == "boss"
    assert at.text_input(key="new_password").value == "short"
    assert at.selectbox(key="new_role").value == "viewer"

    at.text_input(key="new_password").input("director-pw-2026")
    at = run(at.button(key="add_user_button").click())
    assert texts(at.success) == ["User boss added."]
    assert at.text_input(key="new_name").value == ""
    assert at.text_input(key="new_password").value == ""
    assert at.selectbox(key="new_role").value == "editor"

    at = run(at.button(key="add_user_button").click())  # a second click: nothing to add
    assert texts(at.success) == []
    assert texts(at.error) == ["A user name needs 1 to 64 characters and no spaces."]
    with store.connect(db_path) as con:
        assert [u["name"] for u in auth.users(con)] == ["boss", "cm"]
        added = "SELECT count(*) FROM audit_log WHERE action = 'user.add' AND details LIKE 'boss%'"
        assert con.execute(added).fetchone()[0] == 1


def test_a_refused_password_is_kept_and_a_saved_one_is_emptied(page, db_path):
    with store.connect(db_path) as con:
        auth.add_user(con, "boss", "viewer", "director-pw-2026")
    at = page("pages/users.py")
    at.selectbox(key="manage_name").set_value("boss")
    at.text_input(key="reset_password").input("short")
    at = run(at.button(key="save_password").click())
    (refused,) = texts(at.error)
    assert "at least" in refused
    assert at.text_input(key="reset_password").value == "short"

    at.text_input(key="reset_password").input("a-new-pw-for-boss")
    at = run(at.button(key="save_password").click())
    assert texts(at.success) == ["Password changed."]
    assert at.text_input(key="reset_password").value == ""
    with store.connect(db_path) as con:
        assert auth.sign_in(con, "boss", "a-new-pw-for-boss")
    at = run(at.button(key="save_password").click())  # a second click: nothing saved
    assert texts(at.success) == []
    with store.connect(db_path) as con:
        assert auth.sign_in(con, "boss", "a-new-pw-for-boss")  # still the saved one

"""Errors show as errors, successes as successes: every message a page can show after a write,
checked for the element it comes in (st.success, st.error, st.warning, st.info) and no other."""

import datetime as dt

import pytest
from kpi_fixture import fill
from page_support import open_tab, run, texts
from signin_support import PASSWORDS, signed_in

from smdash.core.paths import DEMO_DIR
from smdash.db import store
from smdash.metrics import traffic
from smdash.plan import objectives
from smdash.plan.objectives import Objective

D = dt.date
KINDS = ("success", "error", "warning", "info")


def shown_as(at, text: str) -> list[str]:
    """The kinds of message element (success, error, warning, info) showing ``text``."""
    return [kind for kind in KINDS if any(text in element.value for element in getattr(at, kind))]


@pytest.fixture
def app(db_path, start_app):
    """The app signed in as an editor on the test database, opened at ``page``; ``fill_db``
    writes what the page needs first."""

    def start(page: str, fill_db=None):
        if fill_db:
            with store.connect(db_path) as con:
                fill_db(con)
        return run(start_app(None, signed_in(db_path)).switch_page(page))

    return start


def web_traffic(con) -> None:
    """March 2026 visits: an unknown source and two spellings of one campaign."""
    rows = [
        (D(2026, 3, 1), "instagram", "social", "fallas-2026", 120),
        (D(2026, 3, 31), "Insta_Reels", "stories", "Fallas 2026", 40),
    ]
    for day, source, medium, campaign, sessions in rows:
        con.execute(
            """INSERT INTO web_traffic (property, date_from, date_to, source, medium, campaign,
                                        content, term, sessions, engaged_sessions, conversions,
                                        revenue, import_id)
               VALUES ('P', ?, ?, ?, ?, ?, '', '', ?, 0, 0, 0, 0)""",
            [day, day, source, medium, campaign, sessions],
        )
    store.bump_data_version(con)


def test_traffic_alias_and_merge_messages(app, monkeypatch):
    at = open_tab(app("pages/traffic.py", web_traffic), "Tag hygiene")
    at = run(at.button(key="alias_save").click())  # no source written
    assert shown_as(at, "Write the source as it appears in the data.") == ["error"]

    at.text_input(key="alias_source").input("insta reels")
    at.selectbox(key="alias_network").set_value("instagram")
    at = run(at.button(key="alias_save").click())
    assert shown_as(at, "From now on 'insta-reels' counts as Instagram.") == ["success"]
    assert not at.error

    def refused(con, names, into):
        raise traffic.InvalidMerge("traffic.merge_invalid")

    monkeypatch.setattr(traffic, "merge_campaigns", refused)
    at = run(at.button(key="merge_fallas2026").click())
    assert shown_as(at, "Choose the name to keep.") == ["error"]
    assert not at.success


def test_links_messages(app):
    at = app("pages/links.py")
    at.text_input(key="link_url").input("not a url")
    at = run(at.text_input(key="link_campaign").input("fallas"))
    assert shown_as(at, "That does not look like a web address") == ["error"]

    at.text_input(key="link_url").input("https://example.com/")
    at.date_input(key="entry_date").set_value(D(2026, 10, 28))
    at.text_input(key="entry_topic").input("Panellets")
    at = run(at.button(key="entry_save").click())
    assert shown_as(at, "Saved to the calendar for 2026-10-28 09:00.") == ["success"]
    assert not at.error


def test_objectives_messages(app):
    at = app("pages/objectives.py")
    at = run(at.button(key="add_goal").click())
    assert shown_as(at, "Write the business goal.") == ["error"]

    at.text_input(key="goal_name").input("Grow online sales")
    at = run(at.button(key="add_goal").click())
    assert shown_as(at, "Goal added: Grow online sales") == ["success"]
    assert not at.error

    at.number_input(key="obj_new_target").set_value(1100.0)
    at = run(at.button(key="obj_new_save").click())  # no statement
    refusals = texts(at.error)  # each under its field: the statement, the baseline
    assert refusals[0] == "Write the objective's statement." and not at.success
    assert all(shown_as(at, refusal) == ["error"] for refusal in refusals)

    at.text_area(key="obj_new_statement").input("Reach 1,100 followers")
    at.number_input(key="obj_new_baseline").set_value(900.0)
    at = run(at.button(key="obj_new_save").click())
    assert shown_as(at, "Objective saved: Reach 1,100 followers") == ["success"]
    assert not at.error

    at = run(at.button(key="archive_1").click())
    assert shown_as(at, "Objective archived: Reach 1,100 followers.") == ["success"]
    assert not at.error


def test_annotation_messages(app):
    at = app("pages/kpis.py")
    at.text_input(key="annotation_note").input("Fallas")
    at = run(at.button(key="add_annotation").click())  # no dates
    assert shown_as(at, "Pick the day, or the first and last day of the span.") == ["error"]

    at.date_input(key="annotation_dates").set_value((D(2026, 3, 15), D(2026, 3, 19)))
    at.text_input(key="annotation_note").input("Fallas")
    at = run(at.button(key="add_annotation").click())
    assert shown_as(at, "Annotation added: Fallas") == ["success"]
    assert not at.error


def add_cost_button(at):
    return next(button for button in at.button if button.label == "Add cost")


def test_costs_and_executive_summary_messages(app):
    at = app("pages/costs.py")
    at = run(add_cost_button(at).click())  # no amount
    assert shown_as(at, "The amount must be a number above 0.") == ["error"]

    at.number_input(key="cost_amount").set_value(120.0)
    at = run(add_cost_button(at).click())
    (added,) = at.success
    assert added.value.startswith("Cost added: ") and not at.error
    at = run(at.button(key="cost_delete").click())
    assert shown_as(at, "Cost deleted.") == ["success"]

    at = run(at.switch_page("pages/executive_summary.py"))
    at.text_input(key="exec_currency").input("xx")
    at = run(at.button(key="exec_save_currency").click())
    assert shown_as(at, "“XX” is not a currency code: use three letters, like EUR.") == ["error"]

    at.text_input(key="exec_currency").input("usd")
    at = run(at.button(key="exec_save_currency").click())
    assert shown_as(at, "Currency saved.") == ["success"]
    assert not at.error


def test_users_and_account_messages(app):
    at = app("pages/users.py")
    at.text_input(key="new_name").input("two words")
    at.text_input(key="new_password").input("secret-pw-2026")
    at = run(at.button(key="add_user_button").click())
    assert shown_as(at, "A user name needs 1 to 64 characters and no spaces.") == ["error"]

    at.text_input(key="new_name").input("ana")
    at.text_input(key="new_password").input("secret-pw-2026")
    at = run(at.button(key="add_user_button").click())
    assert shown_as(at, "User ana added.") == ["success"]
    assert not at.error

    at = run(at.switch_page("pages/account.py"))
    at.text_input(key="own_current").input("not my password")
    at.text_input(key="own_new").input("brand-new-pw")
    at.text_input(key="own_repeat").input("brand-new-pw")
    at = run(at.button(key="own_password_button").click())
    assert shown_as(at, "The current password is wrong.") == ["error"]

    at.text_input(key="own_current").input(PASSWORDS["editor"])
    at.text_input(key="own_new").input("brand-new-pw")
    at.text_input(key="own_repeat").input("brand-new-pw")
    at = run(at.button(key="own_password_button").click())
    assert shown_as(at, "Password changed.") == ["success"]
    assert not at.error


def one_objective(con) -> None:
    fill(con)
    objectives.add_objective(
        con,
        Objective(None, "1,100 followers", None, "followers", "instagram", 900, 1100,
                  D(2026, 3, 1), D(2026, 4, 30)),
    )  # fmt: skip


def test_review_messages(app):
    at = app("pages/review.py", one_objective)
    at.date_input(key="first_cycle_start").set_value(D(2026, 3, 1))
    at = run(at.button(key="start_first_cycle").click())
    assert shown_as(at, "Cycle started.") == ["success"]

    at = run(at.button(key="save_review").click())
    assert shown_as(at, "Review saved as version 1.") == ["success"]
    at = run(at.button(key="save_review").click())
    assert shown_as(at, "Nothing changed since version 1: no new version written.") == ["info"]
    assert not at.success and not at.error

    at = open_tab(at, "Rules")
    at.number_input(key="setting_keep_margin").set_value(50.0)  # more than the drop margin
    at = run(at.button(key="save_settings").click())
    assert shown_as(at, "The far-behind margin must be larger than the keep margin.") == ["error"]

    at.number_input(key="setting_keep_margin").set_value(20.0)
    at = run(at.button(key="save_settings").click())
    assert shown_as(at, "Thresholds saved.") == ["success"]
    assert not at.error


def test_import_messages(app, db_path):
    at = app("pages/import_data.py")
    at = run(at.file_uploader[0].set_value(("photo.csv", bytes(range(256)) * 10, "text/csv")))
    assert shown_as(at, "photo.csv was not imported:") == ["error"]

    name = "youtube_table_data_20250501_20261031.csv"
    content = (DEMO_DIR / name).read_bytes()
    at = run(at.file_uploader[0].set_value((name, content, "text/csv")))
    at = run(at.button(key="confirm_import").click())
    assert shown_as(at, ": 38 added, 0 updated, 0 unchanged.") == ["success"]
    assert not at.error

    at = run(at.button(key="undo_button").click())
    assert shown_as(at, "Undo import #1 of youtube") == ["warning"]
    at = run(at.button(key="undo_confirm").click())
    assert shown_as(at, "Import #1 undone.") == ["success"]
    assert not at.error

"""Signing in through a real browser: each role sees its own navigation, a wrong password fails.

Runs the app with `streamlit run` (see browser_support.py), whose database holds an editor
(cm) and a viewer (boss).
"""

import re

import pytest
from browser_support import EDITOR, VIEWER, RunningApp, app, browser_page, sign_in  # noqa: F401

from smdash.access import auth
from smdash.db import store

pytestmark = pytest.mark.browser  # `pytest -m "not browser"` leaves these out
expect = pytest.importorskip("playwright.sync_api").expect
TIMEOUT_MS = 30_000
VIEWER_PAGES = [
    "Executive summary",
    "Overview",
    "KPI progress",
    "Traffic by network",
    "Toolkit",
    "My account",
]


def navigation(page) -> list[str]:
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    # a link's text also holds its icon's ligature name (dashboard, flag, ...)
    return [re.sub(r"^[a-z_]+\s*", "", text.strip()) for text in links.all_inner_texts()]


def test_a_wrong_password_shows_the_sign_in_form_again(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    page.goto(app.url)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Sign in", timeout=TIMEOUT_MS)
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill("cm")
    form.locator("input[type=password]").fill("wrong")
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(
        main.get_by_text("Wrong user name or password, or too many tries", exact=False)
    ).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_the_viewer_sees_the_results_the_toolkit_and_the_summary(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, app.url, VIEWER)
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text("Executive summary", timeout=TIMEOUT_MS)  # the first screen
    assert navigation(page) == VIEWER_PAGES
    expect(page.get_by_test_id("stAppDeployButton")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_contain_text("Signed in as boss (viewer)")


def test_the_editor_sees_every_page_and_users(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, app.url, EDITOR)
    heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
    expect(heading).to_have_text("Overview", timeout=TIMEOUT_MS)
    assert navigation(page) == [
        "Overview",
        "KPI progress",
        "Traffic by network",
        "Toolkit",
        "Objectives",
        "UTM links and calendar",
        "Plan review",
        "Import",
        "Users",
        "Executive summary",
        "Costs",
        "My account",
    ]


def test_the_viewer_changes_their_own_password(app: RunningApp, browser_page):  # noqa: F811
    page = browser_page
    sign_in(page, app.url, VIEWER)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="My account").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("My account", timeout=TIMEOUT_MS)
    fields = page.get_by_test_id("stForm").locator("input[type=password]")
    for index, text in enumerate((VIEWER[1], "boss-new-pw", "boss-new-pw")):
        fields.nth(index).fill(text)
    page.get_by_test_id("stForm").get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(main.get_by_text("Password changed.")).to_be_visible(timeout=TIMEOUT_MS)
    expect(main.get_by_role("heading", level=1)).to_have_text("My account")  # still signed in
    with store.connect(app.db) as con:
        assert auth.sign_in(con, "boss", "boss-new-pw")

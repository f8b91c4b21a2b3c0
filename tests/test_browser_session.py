"""Staying signed in through a real browser: reloads and new tabs keep the session (its signed
HttpOnly cookie), signing out or a password change ends it, bookmarked pages open after signing
in, and a page that is not for the role says so.

Runs the app with `streamlit run` (see browser_support.py), whose database holds an editor
(cm) and a viewer (boss). Each test starts its own server: the deep link must be the very first
page a fresh server sees.
"""

import time

import pytest
from browser_support import EDITOR, VIEWER, RunningApp, app, browser_page, sign_in  # noqa: F401

pytestmark = pytest.mark.browser  # `pytest -m "not browser"` leaves these out
expect = pytest.importorskip("playwright.sync_api").expect
TIMEOUT_MS = 60_000  # a first page run on a busy 2-core machine can take many seconds
COOKIE = "smdash_session"


def title(page):
    return page.get_by_test_id("stMain").get_by_role("heading", level=1)


def fill_sign_in(page, credentials: tuple[str, str]) -> None:
    form = page.get_by_test_id("stForm")
    form.locator("input[type=text]").fill(credentials[0], timeout=TIMEOUT_MS)
    form.locator("input[type=password]").fill(credentials[1])
    form.get_by_test_id("stBaseButton-primaryFormSubmit").click()


def session_cookie(context, wait_s: float = 30.0) -> dict:
    """The session cookie once the page has fetched it (right after signing in)."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = [c for c in context.cookies() if c["name"] == COOKIE and c["value"]]
        if found:
            return found[0]
        time.sleep(0.25)
    raise AssertionError(f"no {COOKIE} cookie after {wait_s:.0f} s: {context.cookies()}")


def cookie_cleared(context, wait_s: float = 30.0) -> bool:
    deadline = time.monotonic() + wait_s
    while any(c["name"] == COOKIE for c in context.cookies()):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)
    return True


def expect_sign_in_form(page) -> None:
    expect(title(page)).to_have_text("Sign in", timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def expect_no_page_not_found(page) -> None:
    expect(page.get_by_text("Page not found")).to_have_count(0)


def test_a_bookmark_opens_after_signing_in_and_a_forbidden_one_says_so(
    app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
):
    page = browser_page
    page.goto(f"{app.url}/traffic")  # the very first page this server sees
    expect_sign_in_form(page)
    expect_no_page_not_found(page)
    fill_sign_in(page, VIEWER)
    expect(title(page)).to_have_text("Traffic by network", timeout=TIMEOUT_MS)
    assert page.url.endswith("/traffic")
    expect_no_page_not_found(page)
    session_cookie(page.context)

    page.goto(f"{app.url}/import_data")  # signed in by the cookie: an editor's page
    expect(title(page)).to_have_text("Not for your role", timeout=TIMEOUT_MS)
    expect(page.get_by_text("This page is for editors")).to_be_visible()
    expect_no_page_not_found(page)
    page.goto(f"{app.url}/executive_summary")  # their first page (at "/"), by its own address
    expect(title(page)).to_have_text("Executive summary", timeout=TIMEOUT_MS)
    page.wait_for_timeout(2000)  # Streamlit's dialog would come with the page's first delta
    expect_no_page_not_found(page)


def test_reloads_and_new_tabs_stay_signed_in_until_signing_out(
    app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
):
    page, context = browser_page, browser_page.context
    sign_in(page, app.url, EDITOR)
    expect(title(page)).to_have_text("Overview", timeout=TIMEOUT_MS)
    cookie = session_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["value"] not in page.url
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # out of scripts' reach

    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Objectives").click()
    expect(title(page)).to_have_text("Objectives", timeout=TIMEOUT_MS)
    page.reload()
    expect(title(page)).to_have_text("Objectives", timeout=TIMEOUT_MS)  # same page, signed in

    tab = context.new_page()
    tab.goto(f"{app.url}/users")
    expect(title(tab)).to_have_text("Users", timeout=TIMEOUT_MS)

    page.get_by_test_id("stSidebar").get_by_role("button", name="Sign out").click()
    expect_sign_in_form(page)
    assert cookie_cleared(context)
    page.reload()
    expect_sign_in_form(page)
    tab.reload()  # the other tab's session was the same one
    expect_sign_in_form(tab)

    stolen = context.browser.new_context()  # the old cookie, replayed elsewhere
    stolen.add_cookies([{**cookie}])
    other = stolen.new_page()
    other.goto(app.url)
    expect_sign_in_form(other)


def test_a_password_change_signs_out_the_other_browsers(
    app: RunningApp,  # noqa: F811
    browser_page,  # noqa: F811
):
    page = browser_page
    other = page.context.browser.new_context().new_page()  # another device, its own cookie
    for each in (page, other):
        sign_in(each, app.url, VIEWER)
        session_cookie(each.context)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="My account").click()
    expect(title(page)).to_have_text("My account", timeout=TIMEOUT_MS)
    fields = page.get_by_test_id("stForm").locator("input[type=password]")
    for index, text in enumerate((VIEWER[1], "boss-new-pw-2026", "boss-new-pw-2026")):
        fields.nth(index).fill(text)
    page.get_by_test_id("stForm").get_by_test_id("stBaseButton-primaryFormSubmit").click()
    expect(page.get_by_text("Password changed.")).to_be_visible(timeout=TIMEOUT_MS)

    other.reload()
    expect_sign_in_form(other)  # its cookie names a session that is gone
    page.reload()
    expect(title(page)).to_have_text("My account", timeout=TIMEOUT_MS)  # the one that changed it

"""The calendar's month view in a real headless Chromium: entries in their network's colour on
their day, today marked, an entry opened in the edit form by a click."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from browser_support import app, browser_page, open_tab, sign_in  # noqa: F401 - fixtures

from smdash.access.roles import SYSTEM, acting_as
from smdash.db import store
from smdash.plan import calendar

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
PAGE_MS = 30_000
SCREENSHOT = Path("/tmp/smdash-calendar-month.png")


def test_the_month_view_shows_the_entries_and_opens_one(app, browser_page):  # noqa: F811
    today = dt.date.today()
    with store.connect(app.db) as con, acting_as(SYSTEM):
        calendar.add_entry(
            con, calendar.Entry(dt.datetime.combine(today, dt.time(9)), "instagram", "Reel obrador")
        )
        calendar.add_entry(
            con, calendar.Entry(dt.datetime.combine(today, dt.time(18)), "tiktok", "Directo horno")
        )
    page = browser_page
    sign_in(page, app.url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="UTM links and calendar").click()
    main = page.get_by_test_id("stMain")
    open_tab(page, "Calendar")
    entry = main.get_by_role("button", name="09:00 Reel obrador")
    expect(entry).to_be_visible(timeout=PAGE_MS)
    expect(main.get_by_role("button", name="18:00 Directo horno")).to_be_visible()
    expect(main.get_by_text(f"{today.day} · today")).to_be_visible()
    expect(main.get_by_text("Mon", exact=True).first).to_be_visible()
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    entry.click()
    topic = main.get_by_label("Topic").last
    expect(topic).to_have_value("Reel obrador", timeout=PAGE_MS)

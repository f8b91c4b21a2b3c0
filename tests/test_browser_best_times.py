"""Best times in a real headless Chromium, on the demo: the heatmap tab, and a calendar entry
added from a suggested slot that then shows in the calendar, without the outside mark.

Screenshots of both are left in /tmp/smdash-best-times-*.png to look at.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from browser_support import browser_page, open_tab, sign_in  # noqa: F401 - a fixture
from test_browser_pages import PAGE_MS, demo_app, problems, settled  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect
SHOTS = "/tmp/smdash-best-times-{}.png"


def open_links_page(page, url: str) -> None:
    sign_in(page, url, ("demo", "demo"))
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="UTM links and calendar").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text(
        "UTM links and calendar", timeout=PAGE_MS
    )
    settled(page)


def test_the_heatmap_tab(demo_app, browser_page):  # noqa: F811
    page = browser_page
    open_links_page(page, demo_app.url)
    open_tab(page, "Best times")
    main = page.get_by_test_id("stMain")
    expect(main.get_by_text("at least 5 posts to be rated", exact=False)).to_be_visible()
    chart = main.get_by_test_id("stVegaLiteChart")
    expect(chart).to_have_count(1)
    expect(chart.get_by_role("img")).to_contain_text("MonTueWedThuFriSatSun", timeout=PAGE_MS)
    assert problems(page) == []
    page.screenshot(path=SHOTS.format("heatmap"), full_page=True)


def test_an_entry_added_from_a_suggested_slot_shows_in_the_calendar(demo_app, browser_page):  # noqa: F811
    page = browser_page
    open_links_page(page, demo_app.url)
    page.get_by_label("Landing page URL").fill("https://forndelaplaca.es/carta")
    page.get_by_label("Campaign (utm_campaign)").fill("navidad-2026")
    page.keyboard.press("Tab")
    settled(page)
    slot = page.locator("[class*='st-key-best_times_slot_'] button").first
    expect(slot).to_be_visible(timeout=PAGE_MS)
    day, hour = re.search(r"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})", slot.inner_text()).groups()
    slot.click()
    settled(page)
    expect(page.locator(".st-key-entry_date input")).to_have_value(day)
    expect(page.locator(".st-key-entry_time input")).to_have_value(f"{hour}:00")
    page.locator(".st-key-entry_topic input").fill("Roscón de Reyes: reservas")
    page.locator(".st-key-entry_save button").click()
    settled(page)
    when = dt.datetime.fromisoformat(f"{day} {hour}")
    expect(page.get_by_text(f"Saved to the calendar for {when:%Y-%m-%d %H:%M}.")).to_be_visible()

    open_tab(page, "Calendar")
    # the date field's segments (year, month, day) take the digits typed one after another
    page.locator(".st-key-calendar_day [role=spinbutton]").first.click()
    page.keyboard.type(day.replace("-", ""))
    page.keyboard.press("Tab")
    settled(page)
    expect(page.locator(".st-key-calendar_day input")).to_have_value(day)
    main = page.get_by_test_id("stMain")
    # the month grid's button for the entry: taken from a best time, no mark outside them
    entry = main.get_by_role("button", name=re.compile(f"^{hour} .*Roscón de Reyes: reservas$"))
    expect(entry).to_be_visible(timeout=PAGE_MS)
    expect(entry).to_have_text(f"{hour} Roscón de Reyes: reservas")
    expect(main.get_by_text("⚠ an entry planned outside its network's best times")).to_be_visible()
    assert problems(page) == []
    page.keyboard.press("Escape")  # the date picker's pop-up
    page.screenshot(path=SHOTS.format("calendar"), full_page=True)

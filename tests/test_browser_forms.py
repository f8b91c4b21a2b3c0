"""The Objectives page's forms in a real headless Chromium: an objective created, its form
emptied, then an action added under it from the same page. Needs /usr/bin/chromium and
playwright; see browser_support.py."""

from __future__ import annotations

import pytest
from browser_support import RunningApp, app, browser_page, sign_in  # noqa: F401 - fixtures
from test_browser_pages import PAGE_MS, settled

from smdash.db import store
from smdash.plan import actions, objectives

pytestmark = pytest.mark.browser
expect = pytest.importorskip("playwright.sync_api").expect

STATEMENT = "Reach 2,000 Instagram followers by the end of the year"


def test_create_an_objective_then_add_an_action_under_it(app: RunningApp, browser_page, tmp_path):  # noqa: F811
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 1600})
    sign_in(page, app.url)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Objectives").click()
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", level=1)).to_have_text("Objectives", timeout=PAGE_MS)
    settled(page)
    new = main.get_by_test_id("stExpander").filter(has_text="New objective")
    new.get_by_role("textbox", name="Statement (at most 280").fill(STATEMENT)
    new.get_by_role("spinbutton", name="Baseline").fill("1500")
    new.get_by_role("spinbutton", name="Target").fill("2000")
    new.get_by_role("spinbutton", name="Target").press("Tab")
    settled(page)
    new.get_by_role("button", name="Save objective").click()
    expect(main.get_by_test_id("stAlertContentSuccess")).to_have_text(
        f"Objective saved: {STATEMENT}", timeout=PAGE_MS
    )
    settled(page)
    expect(new.get_by_role("textbox", name="Statement (at most 280")).to_have_value("")
    new.get_by_role("button", name="Save objective").click()  # again: nothing to save
    settled(page)
    expect(new.get_by_test_id("stAlertContentError").first).to_contain_text(
        "Write the objective's statement.", timeout=PAGE_MS
    )
    main.get_by_text("Actions (0)").click()
    settled(page)
    under = main.get_by_test_id("stExpander").filter(has_text="Add an action to this objective")
    under.get_by_label("Description").fill("Weekly reels from the bakery")
    under.get_by_label("Description").press("Tab")
    settled(page)
    under.get_by_role("button", name="Save action").click()
    expect(main.get_by_test_id("stAlertContentSuccess")).to_have_text(
        "Action saved: Weekly reels from the bakery", timeout=PAGE_MS
    )
    settled(page)
    opened = main.get_by_test_id("stExpander").filter(has_text="Actions (1)")
    expect(opened.get_by_text("Weekly reels from the bakery")).to_be_visible(timeout=PAGE_MS)
    opened.scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / "objectives-forms.png"))
    with store.connect(app.db) as con:
        assert [o.statement for o in objectives.list_objectives(con, None)] == [STATEMENT]
        assert [(a.objective_id, a.description) for a in actions.list_actions(con)] == [
            (1, "Weekly reels from the bakery")
        ]
